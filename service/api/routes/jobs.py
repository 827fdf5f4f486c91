"""/api/jobs: the state of uploads being read."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from sqlalchemy import func, select

from models.service_tables import Job
from service.api.deps import Reader, SessionDep
from service.api.routes.documents import ERRORS
from service.api.schemas import SORT_HELP, JobOut, Page, Problem
from service.errors import NotFound

router = APIRouter(prefix="/api/jobs", tags=["jobs"])


@router.get("/{job_id}", response_model=JobOut, summary="A job", responses={404: {"model": Problem}, **ERRORS})
def get_job(job_id: Annotated[int, Path(ge=1, le=2**31 - 1)], who: Reader, session: SessionDep) -> JobOut:
    """`status` is queued, running, done or failed; a failed job's `error` says why in English and
    Vietnamese; a done job's `result_document_id` is the document read."""
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"no job {job_id}", f"không có công việc {job_id}")
    return JobOut.model_validate(job, from_attributes=True)


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
    conds = []
    if status:
        conds.append(Job.status == status)
    if document_id:
        conds.append(Job.document_id == document_id)
    if mine:
        conds.append(Job.key_id == who.key_id)
    total = session.scalar(select(func.count()).select_from(Job).where(*conds)) or 0
    order = Job.id.desc() if sort == "-id" else Job.id.asc()
    rows = session.scalars(select(Job).where(*conds).order_by(order).limit(limit).offset(offset))
    return Page[JobOut](data=[JobOut.model_validate(j, from_attributes=True) for j in rows], count=total)
