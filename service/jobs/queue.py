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
from collections.abc import Callable
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


def _lost(worker: str | None, beat: datetime | None, cutoff: datetime) -> bool:
    """Is the worker of a running job gone: a process of this host that no longer exists, or any worker
    whose last heartbeat is older than `cutoff`."""
    h, _, rest = (worker or "").partition(":")
    pid = rest.partition(":")[0]
    dead_here = h == socket.gethostname() and pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid))
    return dead_here or beat is None or _aware(beat) < cutoff


def requeue_lost_ids(factory: sessionmaker[Session], stale_seconds: float) -> list[tuple[int, str]]:
    """Queue again the running jobs whose worker is gone (see `_lost`): their ids and kinds."""
    cutoff = now() - timedelta(seconds=stale_seconds)
    with session_scope(factory) as session:
        lost = [
            (job_id, kind)
            for job_id, kind, worker, beat in session.execute(
                select(Job.id, Job.kind, Job.worker, Job.heartbeat_at).where(Job.status == "running")
            )
            if _lost(worker, beat, cutoff)
        ]
        if lost:
            session.execute(
                update(Job)
                .where(Job.id.in_([i for i, _ in lost]), Job.status == "running")
                .values(status="queued", worker=None)
            )
        return lost


def resend_orphans(
    factory: sessionmaker[Session], kinds: Callable[[str], bool], stale_seconds: float
) -> list[tuple[int, str]]:
    """Queued jobs that have waited `stale_seconds` since they were made or last sent, of the kinds whose
    broker queue is empty (`kinds`): their message is gone (a broker restarted without persistence), so
    they are to be sent again. Each is marked sent (`heartbeat_at`, unused while a job waits) by the same
    conditional UPDATE, so of several workers sweeping at once one sends it, once per `stale_seconds`. A
    copy of a message still on its way does no harm: `claim_job` reads a job once."""
    cutoff = now() - timedelta(seconds=stale_seconds)
    waiting = (Job.status == "queued") & (Job.created_at < cutoff)
    not_sent_lately = Job.heartbeat_at.is_(None) | (Job.heartbeat_at < cutoff)
    with session_scope(factory) as session:
        found = [
            (i, k) for i, k in session.execute(select(Job.id, Job.kind).where(waiting, not_sent_lately)) if kinds(k)
        ]
        if not found:
            return []
        taken = set(
            session.scalars(
                update(Job)
                .where(Job.id.in_([i for i, _ in found]), waiting, not_sent_lately)
                .values(heartbeat_at=now())
                .returning(Job.id)
            )
        )
        return [(i, k) for i, k in found if i in taken]


def requeue_lost(factory: sessionmaker[Session], stale_seconds: float) -> int:
    """Queue again the running jobs whose worker is gone (found at once after a restart on this host, or
    silent for `stale_seconds`). How many were requeued."""
    return len(requeue_lost_ids(factory, stale_seconds))


def claim_job(
    factory: sessionmaker[Session], job_id: int, worker: str, max_attempts: int, stale_seconds: float
) -> bool:
    """Take this job (the broker named it): True when it is now ours to read. False when there is nothing
    to do: it is done or failed (a message delivered twice), a live worker is reading it, or it has
    stopped its workers `max_attempts` times (then it is failed with E110, the dead-letter state)."""
    cutoff = now() - timedelta(seconds=stale_seconds)
    with session_scope(factory) as session:
        row = session.execute(
            select(Job.status, Job.attempts, Job.worker, Job.heartbeat_at).where(Job.id == job_id)
        ).first()
        if row is None:
            return False
        status, attempts, previous, beat = row
        if status in ("done", "failed") or (status == "running" and not _lost(previous, beat, cutoff)):
            return False
        # queued, or running on a worker that died (kill -9, a machine gone): that reading was an attempt
        same = Job.status == "queued" if status == "queued" else (Job.status == "running") & (Job.worker == previous)
        if attempts >= max_attempts:
            error = {k: v.format(n=attempts) for k, v in GAVE_UP.items()}
            session.execute(
                update(Job).where(Job.id == job_id, same).values(status="failed", error=error, finished_at=now())
            )
            return False
        t = now()
        done = session.execute(
            update(Job)
            .where(Job.id == job_id, same)
            .values(status="running", attempts=Job.attempts + 1, worker=worker, started_at=t, heartbeat_at=t)
        )
        return bool(done.rowcount == 1)  # type: ignore[attr-defined]


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
