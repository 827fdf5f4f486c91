"""Jobs: the uploads being read, read, or failed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from graph.shapes import Page
from models.service_tables import JOB_STATUSES, Job
from service.errors import NotFound
from service.store.queries.lists import Paging, page_of
from service.store.shapes import JobOut

SORTS = {"id": Job.id}


@dataclass(frozen=True)
class JobFilter:
    status: Literal["queued", "running", "done", "failed"] | None = None
    document_id: int | None = None
    key_id: int | None = None  # jobs of this key's uploads


def list_jobs(session: Session, f: JobFilter, paging: Paging = Paging(), sort: str = "-id") -> Page[JobOut]:
    conds = []
    if f.status:
        conds.append(Job.status == f.status)
    if f.document_id:
        conds.append(Job.document_id == f.document_id)
    if f.key_id:
        conds.append(Job.key_id == f.key_id)
    return page_of(session, select(Job).where(*conds), JobOut, paging, sort, SORTS, Job.id)


def get_job(session: Session, job_id: int) -> JobOut:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"no job {job_id}", f"không có công việc {job_id}")
    return JobOut.model_validate(job, from_attributes=True)


def counts(session: Session) -> dict[str, int]:
    """How many jobs are in each state (every state named, 0 when none)."""
    found = {status: n for status, n in session.execute(select(Job.status, func.count()).group_by(Job.status))}
    return {s: found.get(s, 0) for s in JOB_STATUSES}


def finished(session: Session, job_ids: list[int]) -> list[tuple[int, str, dict[str, Any] | None]]:
    """Of these jobs, those done or failed: (id, status, error)."""
    rows = session.execute(
        select(Job.id, Job.status, Job.error).where(Job.id.in_(job_ids), Job.status.in_(("done", "failed")))
    )
    return [(int(i), str(s), e) for i, s, e in rows]
