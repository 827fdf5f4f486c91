"""Jobs carried by Celery (VANBAN_BROKER_URL set): `vanban worker` processes, on any machine that reaches
the broker, the database and the originals, read what the API accepts.

The jobs table stays the one place a job's state lives (the API and the UI read it, as without a
broker); a broker message only says "read job 17". So a message delivered twice, or a job sent again
by a sweep, does no harm: `queue.claim_job` is a conditional UPDATE, and of several deliveries one
reads the job, the others find it done or in live hands and drop theirs. The reading itself is
`JobRunner.run`, the code the embedded threads run.

    upload -> ingest.enqueue -> jobs row committed -> CeleryTransport.submit -> broker queue text|ocr
    `vanban worker` -> task vanban.read(job_id) -> claim_job -> JobRunner.run -> record stored -> ack

What keeps a job from being lost or read twice:
- `acks_late`: the message is acknowledged after the record is stored; a worker killed mid-document
  leaves it unacknowledged, and the broker gives it to another worker after the visibility timeout
  (Settings.visibility_seconds: longer than the extraction limit, so a slow document is not handed
  to a second worker while the first still reads it).
- a sweep in every worker (every stale_seconds / 2): running jobs whose worker process is gone (on
  this host: at once; elsewhere: heartbeat stale) are queued again and sent again, so a killed
  worker's job is read within seconds rather than after the visibility timeout; and jobs queued for
  stale_seconds while their queue is empty (their message lost by a broker restarted without
  persistence) are sent again.
- the dead-letter state: a job claimed `max_attempts` times without finishing (it kills its worker)
  is failed with E110, as the embedded queue does.
- a database that is away for a moment: the task is retried with exponential back-off.
- graceful shutdown (SIGTERM, SIGINT): the documents being read are given back (the job row to
  `queued`, a new message to the broker), not finished first.

Queues: `text` (text and DOCX: a fraction of a second each) and `ocr` (PDF and images: a scanned page
costs Tesseract seconds; a PDF is told scanned or not only when parsed), so a backlog of scans does not
hold up letters. A worker serves the queues it is given (`vanban worker --queues text`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Any

from celery import Celery, signals
from kombu import Queue
from kombu.exceptions import ChannelError
from sqlalchemy.exc import InterfaceError, OperationalError

from models.service_tables import Job
from service.jobs import queue
from service.jobs.extraction import ExtractionProcess
from service.jobs.worker import JobRunner
from service.settings import Settings
from service.store.blobs import open_blobs
from service.store.db import make_engine, session_factory, session_scope
from service.store.shapes import QueueStatus

log = logging.getLogger(__name__)

TASK = "vanban.read"
QUEUES = ("text", "ocr")
OCR_KINDS = frozenset({"pdf", "png", "jpeg", "tiff"})
# the database away for a moment (connection refused or lost): retried with back-off. Not DataError
# and its kind: a value the database refuses is refused again on every retry
DATABASE_AWAY = (OperationalError, InterfaceError)
STATUS_SECONDS = 2.0  # how long /api/health reuses what the broker said


def queue_of(kind: str) -> str:
    """The queue a job of this kind (what its content says it is) goes to."""
    return "ocr" if kind in OCR_KINDS else "text"


def make_celery(settings: Settings) -> Celery:
    """The Celery app over the settings' broker: the same for the API (which sends) and workers."""
    assert settings.broker_url, "make_celery needs VANBAN_BROKER_URL"
    app = Celery("vanban", broker=settings.broker_url, set_as_current=False)
    prefix = settings.queue_prefix
    app.conf.update(
        task_acks_late=True,  # acknowledged once the record is stored, not when received
        task_reject_on_worker_lost=True,  # a pool process killed mid-task: the message goes back
        worker_prefetch_multiplier=1,  # a worker holds no more jobs than it reads: others take the rest
        task_queues=[Queue(prefix + q) for q in QUEUES],
        task_default_queue=prefix + "text",
        task_ignore_result=True,  # the result is the jobs row; no result backend
        task_serializer="json",
        accept_content=["json"],
        broker_transport_options={"visibility_timeout": settings.visibility_seconds()},
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
        worker_pool="threads",  # each thread drives its own extraction child process (no GIL contention)
        worker_enable_remote_control=True,  # for `ping`: the worker count of /api/health
    )
    app.task(
        name=TASK,
        bind=True,
        autoretry_for=DATABASE_AWAY,
        retry_backoff=2,
        retry_backoff_max=300,
        retry_jitter=True,
        max_retries=10,
    )(_read)
    return app


class CeleryTransport:
    """The API's side: sends committed jobs to the broker; reports queue depth and live workers."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.celery = make_celery(settings)
        # asking the workers (ping) waits its whole timeout: a health check polled every second must
        # not cost half a second each time
        self._status: tuple[float, QueueStatus] | None = None
        self._status_lock = threading.Lock()

    def start(self) -> None:  # nothing runs here: the workers are other processes
        pass

    def stop(self, timeout: float = 15.0) -> None:
        pass

    def submit(self, job_id: int, kind: str) -> None:
        send(self.celery, self.settings, job_id, kind)

    def status(self) -> QueueStatus:
        with self._status_lock:
            if self._status is None or time.monotonic() - self._status[0] > STATUS_SECONDS:
                self._status = (time.monotonic(), self._ask())
            return self._status[1]

    def _ask(self) -> QueueStatus:
        try:
            depth = queue_depths(self.celery, self.settings)
            workers = len(self.celery.control.ping(timeout=0.5) or [])
        except Exception as e:  # noqa: BLE001 - health answers, whatever the broker does
            return QueueStatus(transport="celery", depth={q: 0 for q in QUEUES}, workers=0, error=type(e).__name__)
        return QueueStatus(transport="celery", depth=depth, workers=workers)


def queue_depths(celery: Celery, settings: Settings) -> dict[str, int]:
    """Messages waiting in each of our queues (not those a worker holds); raises when the broker is away."""
    depth: dict[str, int] = {}
    with celery.connection_for_read() as conn:
        conn.ensure_connection(max_retries=1, timeout=1)  # a broker away: say so at once
        channel = conn.default_channel
        for q in QUEUES:
            try:
                depth[q] = int(channel.queue_declare(settings.queue_prefix + q, passive=True).message_count)
            except ChannelError:  # Redis: an empty queue is no key at all
                depth[q] = 0
    return depth


def send(celery: Celery, settings: Settings, job_id: int, kind: str) -> None:
    celery.send_task(TASK, args=[job_id], queue=settings.queue_prefix + queue_of(kind))


# --- the worker's side ------------------------------------------------------------------------------------


class Runtime:
    """What one `vanban worker` process holds: the store, the runner, one extraction child per thread,
    the stop flag its shutdown raises, and the sweep for lost jobs."""

    def __init__(self, settings: Settings, celery: Celery) -> None:
        self.settings = settings
        self.celery = celery
        engine = make_engine(settings.database_url, schema=settings.database_schema)
        self.factory = session_factory(engine)
        self.runner = JobRunner(self.factory, settings, open_blobs(settings, self.factory))
        self.stop = threading.Event()
        self._local = threading.local()
        self._readers: list[ExtractionProcess] = []
        self._lock = threading.Lock()

    def reader(self) -> ExtractionProcess:
        reader: ExtractionProcess | None = getattr(self._local, "reader", None)
        if reader is None:
            reader = ExtractionProcess(memory_bytes=self.settings.memory_bytes)
            self._local.reader = reader
            with self._lock:
                self._readers.append(reader)
        return reader

    def read(self, job_id: int) -> None:
        name = queue.worker_name(threading.current_thread().name[-12:])
        if self.stop.is_set() or not queue.claim_job(
            self.factory, job_id, name, self.settings.max_attempts, self.settings.stale_seconds
        ):
            if self.stop.is_set():  # stopping: not ours to start now; back to the broker for another worker
                send(self.celery, self.settings, job_id, self._kind(job_id))
            return
        try:
            finished = self.runner.run(job_id, name, self.reader(), self.stop)
        except DATABASE_AWAY:
            # the database went away mid-job: give the job back (not an attempt) and let Celery retry
            # this message with back-off; if even that fails, the sweep requeues it once its heartbeat stops
            with contextlib.suppress(*DATABASE_AWAY):
                queue.release(self.factory, job_id, name)
            raise
        if not finished:
            send(self.celery, self.settings, job_id, self._kind(job_id))  # given back: send it again

    def _kind(self, job_id: int) -> str:
        with session_scope(self.factory) as session:
            job = session.get(Job, job_id)
            return job.kind if job is not None else "text"

    def sweep_forever(self) -> None:
        while not self.stop.wait(self.settings.stale_seconds / 2):
            self.sweep()

    def sweep(self) -> None:
        try:
            lost = queue.requeue_lost_ids(self.factory, self.settings.stale_seconds)
        except Exception:  # the database away for a moment: the next sweep
            log.exception("could not look for lost jobs")
            return
        for job_id, kind in lost:
            log.warning("job %d lost its worker: sent again", job_id)
            send(self.celery, self.settings, job_id, kind)
        self.resend_orphans()

    def resend_orphans(self) -> None:
        """Jobs waiting with no message: queued for a while though their queue is empty (the broker lost
        its messages in a restart without persistence). Sent again; a long queue is never copied, since
        only the kinds of empty queues are looked at."""
        try:
            empty = {q for q, n in queue_depths(self.celery, self.settings).items() if n == 0}
            if not empty:
                return
            orphans = queue.resend_orphans(
                self.factory, lambda kind: queue_of(kind) in empty, self.settings.stale_seconds
            )
        except Exception:  # the broker or the database away for a moment: the next sweep
            log.exception("could not look for jobs without a message")
            return
        for job_id, kind in orphans:
            log.warning("job %d waited with no message in its queue: sent again", job_id)
            send(self.celery, self.settings, job_id, kind)

    def close(self) -> None:
        self.stop.set()
        with self._lock:
            for reader in self._readers:
                reader.close()


_runtime: Runtime | None = None


def _read(task: Any, job_id: int) -> None:
    assert _runtime is not None, "vanban.read runs in `vanban worker` (service.jobs.broker.run_worker)"
    _runtime.read(job_id)


def run_worker(settings: Settings, concurrency: int, queues: list[str], hostname: str | None = None) -> None:
    """Run a Celery worker in this process until it is told to stop (SIGTERM, SIGINT)."""
    global _runtime
    celery = make_celery(settings)
    _runtime = runtime = Runtime(settings, celery)

    def shutting_down(**_: Any) -> None:
        runtime.stop.set()  # the readers give their documents back now (JobRunner.run -> Stopped)

    signals.worker_shutting_down.connect(shutting_down, weak=False)
    runtime.sweep()  # jobs of a worker killed before this one started: at once
    sweeper = threading.Thread(target=runtime.sweep_forever, name="vanban-sweep", daemon=True)
    sweeper.start()
    argv = [
        "worker",
        f"--concurrency={concurrency}",
        f"--queues={','.join(settings.queue_prefix + q for q in queues)}",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
    ]
    if hostname:
        argv.append(f"--hostname={hostname}")
    try:
        celery.worker_main(argv)
    finally:
        runtime.close()
