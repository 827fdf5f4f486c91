"""The job queue, kept in the database: it is the only place a job's state lives, so a restart loses none.

    queued --claim--> running --finish--> done
                         |  \\--fail----> failed
                         \\--(worker gone: heartbeat stale or its process dead)--> queued again

Claiming is a conditional UPDATE (`... WHERE id = :id AND status = 'queued'`): of several workers, in
threads or in other processes on PostgreSQL, exactly one wins each job, without table locks. A job that
has been claimed `max_attempts` times without finishing is one that kills its worker (the process died
each time): it is failed rather than tried forever.
"""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from models.service_tables import Job
from service.store.db import session_scope

GAVE_UP = {
    "code": "E110",
    "message": "reading this document stopped its worker {n} times; it was given up",
    "message_vi": "việc đọc văn bản này làm dừng tiến trình xử lý {n} lần; đã ngừng thử lại",
}


def now() -> datetime:
    return datetime.now(UTC)


def worker_name(thread: str) -> str:
    """host:pid:thread, so a restarted server can tell its dead predecessor's jobs from live ones."""
    return f"{socket.gethostname()}:{os.getpid()}:{thread}"[:64]


def claim(factory: sessionmaker[Session], worker: str, max_attempts: int) -> int | None:
    """Take the oldest queued job; its id, or None when the queue is empty."""
    while True:
        with session_scope(factory) as session:
            row = session.execute(
                select(Job.id, Job.attempts).where(Job.status == "queued").order_by(Job.id).limit(1)
            ).first()
            if row is None:
                return None
            job_id, attempts = row
            if attempts >= max_attempts:
                error = {k: v.format(n=attempts) for k, v in GAVE_UP.items()}
                done = session.execute(
                    update(Job)
                    .where(Job.id == job_id, Job.status == "queued")
                    .values(status="failed", error=error, finished_at=now())
                )
                continue
            t = now()
            done = session.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == "queued")
                .values(status="running", attempts=Job.attempts + 1, worker=worker, started_at=t, heartbeat_at=t)
            )
            if done.rowcount == 1:  # type: ignore[attr-defined]
                return int(job_id)
        # another worker took it first: try the next one


def heartbeat(factory: sessionmaker[Session], job_id: int, worker: str) -> None:
    with session_scope(factory) as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id, Job.worker == worker, Job.status == "running")
            .values(heartbeat_at=now())
        )


def release(factory: sessionmaker[Session], job_id: int, worker: str) -> None:
    """Give a job back unfinished (the worker is stopping): not the document's fault, not an attempt."""
    with session_scope(factory) as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id, Job.worker == worker, Job.status == "running")
            .values(status="queued", worker=None, attempts=Job.attempts - 1)
        )


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def requeue_lost(factory: sessionmaker[Session], stale_seconds: float) -> int:
    """Queue again the running jobs whose worker is gone: a process of this host that no longer exists
    (found at once after a restart), or any worker silent for `stale_seconds`. How many were requeued."""
    host = socket.gethostname()
    cutoff = now() - timedelta(seconds=stale_seconds)
    with session_scope(factory) as session:
        lost: list[int] = []
        for job_id, worker, beat in session.execute(
            select(Job.id, Job.worker, Job.heartbeat_at).where(Job.status == "running")
        ):
            h, _, rest = (worker or "").partition(":")
            pid = rest.partition(":")[0]
            dead_here = h == host and pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid))
            if dead_here or beat is None or _aware(beat) < cutoff:
                lost.append(job_id)
        if lost:
            session.execute(
                update(Job).where(Job.id.in_(lost), Job.status == "running").values(status="queued", worker=None)
            )
        return len(lost)


def _aware(t: datetime) -> datetime:
    # SQLite gives back naive datetimes (stored in UTC); PostgreSQL aware ones.
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def finish(session: Session, job_id: int, *, document_id: int, outcome: str) -> None:
    session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(status="done", result_document_id=document_id, outcome=outcome, error=None, finished_at=now())
    )


def fail(session: Session, job_id: int, error: dict[str, Any]) -> None:
    session.execute(update(Job).where(Job.id == job_id).values(status="failed", error=error, finished_at=now()))
