"""The background worker: threads in the server's process that take jobs from the database queue, have
a child process read each document (service/jobs/extraction.py) and store the result. The reading and
storing of one job is `JobRunner`, which `vanban worker` (service/jobs/broker.py) runs too.

Every claimed job ends as done or failed; the only other way out is back to the queue (the server is
stopping, or it died and a later start finds the job's worker gone). What a job ends with:

    done     the record is stored: in the promised document, or in the held document these bytes are
             another copy of (result_document_id says which)
    failed   {"code", "message", "message_vi"}: the file's own problem (E1xx, as the CLI reports it),
             outside the uploader's jurisdiction (E403), or an extractor bug (E500, trace in the log)

A failed upload leaves its file row, blob and pending document row (for a retry of the same bytes,
under the same id); nothing already stored is touched.
"""

from __future__ import annotations

import fcntl
import logging
import random
import threading
import time
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from extractor.errors import BadInput
from extractor.intake import Limits
from models.record import ExtractionResult
from models.service_tables import Job
from models.tables import Document, Extraction, File
from service.access import in_scope
from service.errors import problem
from service.jobs import queue
from service.jobs.extraction import ExtractionCrashed, ExtractionProcess, Stopped
from service.settings import Settings
from service.store.blobs import BlobStore, relpath
from service.store.db import session_scope
from service.store.queries.jobs import counts
from service.store.repository import IdentityClash, Kept, is_pending, store_reading
from service.store.shapes import QueueStatus

log = logging.getLogger(__name__)

STORE_TRIES = 4  # a record's storing, when another worker's transaction gets in the way (JobRunner._store)

OUT_OF_SCOPE = {
    "code": "E403",
    "message": "{name}: the document is from {where}, outside your jurisdiction ({scope}); it was not stored",
    "message_vi": "{name}: văn bản thuộc {where_vi}, ngoài phạm vi được giao ({scope}); không được lưu",
}
CRASHED = {
    "code": "E500",
    "message": "{name}: the extractor failed on this document (the error is logged); it was not stored",
    "message_vi": "{name}: lỗi của bộ trích xuất khi đọc văn bản này (đã ghi nhật ký); văn bản chưa được lưu",
}


class Worker:
    """`settings.workers` threads, each with its own extraction child."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        settings: Settings,
        blobs: BlobStore,
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self.factory = factory
        self.settings = settings
        self.runner = JobRunner(factory, settings, blobs, on_change)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._last_sweep = 0.0

    def start(self) -> None:
        """Start reading, once this process holds the data directory's worker lock: with several server
        processes (`vanban serve --processes N`) one reads documents, the others answer requests; if it
        dies, another takes over."""
        if self._threads or self.settings.workers == 0:
            return
        t = threading.Thread(target=self._lead, name="vanban-worker-lock", daemon=True)
        t.start()
        self._threads.append(t)

    def _lead(self) -> None:
        path = self.settings.data_dir / "worker.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as lock:
            while not self._stop.is_set():
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    self._stop.wait(2.0)
            else:
                return
            try:
                n = queue.requeue_lost(self.factory, self.settings.stale_seconds)
                if n:
                    log.warning("requeued %d job(s) left running by a stopped worker", n)
                threads = [
                    threading.Thread(
                        target=self._loop,
                        args=(queue.worker_name(f"w{i}"),),
                        name=f"vanban-worker-{i}",
                        daemon=True,
                    )
                    for i in range(self.settings.workers)
                ]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def wake(self) -> None:
        self._wake.set()

    # --- the transport's face (service/jobs/transport.py) -------------------------------------------

    def submit(self, job_id: int, kind: str) -> None:
        """A job was committed to the table: a waiting thread takes it now rather than at its next poll."""
        self._wake.set()

    def status(self) -> QueueStatus:
        """Embedded: the queue is the jobs table, the workers are this server's reading threads."""
        with session_scope(self.factory) as session:
            depth = counts(session)["queued"]
        return QueueStatus(transport="embedded", depth={"all": depth}, workers=self.settings.workers)

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        for t in self._threads:
            t.join(timeout)
        if not any(t.is_alive() for t in self._threads):
            self._threads.clear()
            self._stop.clear()  # the worker may be started again (tests restart apps)

    # --- one thread ---------------------------------------------------------------------------------

    def _loop(self, name: str) -> None:
        reader = ExtractionProcess(memory_bytes=self.settings.memory_bytes)
        try:
            reader.start()  # import the extractor now, not on the first upload
            while not self._stop.is_set():
                self._sweep()
                try:
                    job_id = queue.claim(self.factory, name, self.settings.max_attempts)
                except Exception:  # the database is away for a moment: try again later
                    log.exception("could not claim a job")
                    job_id = None
                if job_id is None:
                    self._wake.wait(self.settings.poll_seconds)
                    self._wake.clear()
                    continue
                self.runner.run(job_id, name, reader, self._stop)
        finally:
            reader.close()

    def _sweep(self) -> None:
        t = time.monotonic()
        if t - self._last_sweep < self.settings.stale_seconds / 2:
            return
        self._last_sweep = t
        try:
            n = queue.requeue_lost(self.factory, self.settings.stale_seconds)
        except Exception:
            log.exception("could not look for lost jobs")
            return
        if n:
            log.warning("requeued %d job(s) whose worker went silent", n)


class JobRunner:
    """Reads one claimed job and stores what came of it: the work itself, the same whichever transport
    (the server's own threads polling the jobs table, or a Celery worker the broker sent the job to)
    brought the job here."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        settings: Settings,
        blobs: BlobStore,
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self.factory = factory
        self.settings = settings
        self.blobs = blobs
        self.on_change = on_change  # told after each record stored (the app clears its report cache)

    def run(self, job_id: int, name: str, reader: ExtractionProcess, stop: threading.Event) -> bool:
        """Read the claimed job `job_id` and store its record (or its failure). False when the worker was
        asked to stop meanwhile: the job is given back to the queue (not an attempt), to be sent again."""
        with session_scope(self.factory) as session:
            job = session.get(Job, job_id)
            assert job is not None
            filename, sha, size = job.filename, job.sha256, job.size
            scope = (job.scope_province, job.scope_district)
        limits = Limits(
            max_bytes=self.settings.max_upload_bytes,
            parse_seconds=self.settings.parse_seconds,
            memory_bytes=self.settings.memory_bytes,
        )
        path = self.blobs.path(sha)
        try:
            result = reader.extract(
                path,
                filename,
                limits,
                seconds=self.settings.extract_seconds,
                beat=lambda: self._beat(job_id, name),
                beat_every=self.settings.heartbeat_seconds,
                stop=stop,
            )
        except Stopped:
            queue.release(self.factory, job_id, name)
            return False
        except BadInput as e:
            self._fail(job_id, problem(e).body())
            return True
        except (ExtractionCrashed, OSError) as e:
            log.error("job %d (%s): %s", job_id, filename, e)
            self._fail(job_id, _fill(CRASHED, name=filename))
            return True
        header = result.record.document
        if not in_scope(scope[0], scope[1], header.province, header.district):
            where = " / ".join(x for x in (header.province, header.district) if x)
            self._fail(
                job_id,
                _fill(
                    OUT_OF_SCOPE,
                    name=filename,
                    where=where or "national level",
                    where_vi=where or "cấp trung ương",
                    scope=" / ".join(x for x in scope if x),
                ),
            )
            return True
        try:
            self._store(job_id, result, Kept(sha, size, relpath(sha), filename))
            self.on_change()
        except Exception:
            log.exception("job %d (%s): storing the record failed", job_id, filename)
            self._fail(job_id, _fill(CRASHED, name=filename))
        return True

    def _beat(self, job_id: int, name: str) -> None:
        try:
            queue.heartbeat(self.factory, job_id, name)
        except Exception:  # a busy database must not stop the reading; the next beat will do
            log.warning("heartbeat of job %d failed", job_id, exc_info=True)

    def _store(self, job_id: int, result: ExtractionResult, kept: Kept) -> None:
        """Store the record; again if another worker's transaction got in the way. Two `vanban worker`s
        storing documents that cite the same unknown document (or name the same agency) insert the same
        placeholder row at the same moment: one transaction fails on the unique key, or PostgreSQL
        breaks a deadlock between them. Each rolled back whole, so trying again finds the other's rows.
        Measured: 5 of 506 shared/scale documents failed so with 2 workers before this."""
        for attempt in range(STORE_TRIES):
            try:
                self._store_once(job_id, result, kept)
                return
            except (IntegrityError, OperationalError) as e:
                if attempt == STORE_TRIES - 1:
                    raise
                log.info("job %d: storing met another worker's (%s); again", job_id, type(e.orig).__name__)
                time.sleep(random.uniform(0.05, 0.3) * (attempt + 1))

    def _store_once(self, job_id: int, result: ExtractionResult, kept: Kept) -> None:
        sha = kept.sha256
        try:
            with session_scope(self.factory) as session:
                was_pending = _pending_document(session, sha) is not None
                outcome = store_reading(session, result, kept)
                # store_reading fills the pending row as it would re-read a held one: say what it was
                status = "added" if was_pending and outcome.status == "reextracted" else outcome.status
                queue.finish(session, job_id, document_id=outcome.document_id, outcome=status)
                return
        except IdentityClash:
            pass
        # These bytes are another copy of a document already held (a PDF of a letter ingested as text):
        # the pending row goes, and the record goes to the held document, as `vanban ingest` would do.
        with session_scope(self.factory) as session:
            _drop_pending(session, sha)
            outcome = store_reading(session, result, kept)
            queue.finish(session, job_id, document_id=outcome.document_id, outcome=outcome.status)

    def _fail(self, job_id: int, error: dict[str, str]) -> None:
        with session_scope(self.factory) as session:
            queue.fail(session, job_id, error)


def _pending_document(session: Session, sha: str) -> Document | None:
    """The pending document row promised for these bytes, if it is still pending."""
    file = session.get(File, sha)
    if file is None or file.document_id is None:
        return None
    doc = session.get(Document, file.document_id)
    if doc is None or not is_pending(doc) or session.get(Extraction, doc.id) is not None:
        return None
    return doc


def _drop_pending(session: Session, sha: str) -> None:
    """Remove the pending document row of these bytes, if it is still pending."""
    doc = _pending_document(session, sha)
    if doc is None:
        return
    file = session.get(File, sha)
    assert file is not None
    file.document_id = None
    session.flush()
    session.delete(doc)
    session.flush()


def _fill(template: dict[str, str], **values: str) -> dict[str, str]:
    return {k: v.format(**values) for k, v in template.items()}
