"""/api/jobs: the state of uploads being read."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from graph.shapes import Page
from service.api.deps import Reader, SessionDep
from service.api.routes.documents import ERRORS
from service.api.schemas import SORT_HELP, Problem
from service.store.queries import jobs
from service.store.queries.jobs import JobFilter
from service.store.queries.lists import Paging
from service.store.shapes import JobOut

router = APIRouter(prefix="/api/jobs", tags=["jobs"])


@router.get("/{job_id}", response_model=JobOut, summary="A job", responses={404: {"model": Problem}, **ERRORS})
def get_job(job_id: Annotated[int, Path(ge=1, le=2**31 - 1)], who: Reader, session: SessionDep) -> JobOut:
    """`status` is queued, running, done or failed; a failed job's `error` says why in English and
    Vietnamese; a done job's `result_document_id` is the document read."""
    return jobs.get_job(session, job_id)


@router.get("", response_model=Page[JobOut], summary="List jobs", responses=ERRORS)
def list_jobs(
    who: Reader,
    session: SessionDep,
    status: Literal["queued", "running", "done", "failed"] | None = None,
    document_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    mine: Annotated[bool, Query(description="only jobs of the caller's key")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    sort: Annotated[Literal["id", "-id"], Query(description=SORT_HELP)] = "-id",
) -> Page[JobOut]:
    f = JobFilter(status, document_id, who.key_id if mine else None)
    return jobs.list_jobs(session, f, Paging(limit, offset), sort)
