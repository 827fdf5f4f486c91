"""How a committed job reaches a reader: the only part of the work that differs between deployments.

    Worker            (no VANBAN_BROKER_URL) threads in the server's process poll the jobs table
    CeleryTransport   (VANBAN_BROKER_URL set) a message to the broker; `vanban worker` processes read

Both hand the job to the same `JobRunner.run` (service/jobs/worker.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from service.settings import Settings
from service.store.blobs import BlobStore
from service.store.shapes import QueueStatus


class Transport(Protocol):
    def start(self) -> None: ...
    def stop(self, timeout: float = 15.0) -> None: ...
    def submit(self, job_id: int, kind: str) -> None: ...
    def status(self) -> QueueStatus: ...


def make_transport(
    settings: Settings,
    factory: sessionmaker[Session],
    blobs: BlobStore,
    on_change: Callable[[], None] = lambda: None,
) -> Transport:
    if settings.broker_url:
        from service.jobs.broker import CeleryTransport  # only then: importing Celery costs ~0.3 s

        return CeleryTransport(settings)
    from service.jobs.worker import Worker

    return Worker(factory, settings, blobs, on_change=on_change)
