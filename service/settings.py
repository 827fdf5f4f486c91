"""The service's settings: one pydantic-settings class, read from VANBAN_* environment variables.

VANBAN_DATABASE_URL and VANBAN_DATA_DIR mean what they mean for the CLI (service/store/config.py), with
the same defaults, so `vanban ingest` and `vanban serve` share one store.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.store.config import DEFAULT_DATA_DIR, DEFAULT_DATABASE_URL

MB = 1024 * 1024


class Settings(BaseSettings):
    """Every knob of the service; VANBAN_<NAME> in the environment sets <name>."""

    model_config = SettingsConfigDict(env_prefix="VANBAN_", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    # PostgreSQL only: keep the tables in this schema (tests give each session its own).
    database_schema: str | None = None
    data_dir: Path = Path(DEFAULT_DATA_DIR)
    blob_store: Literal["folder", "database"] = Field(
        default="folder",
        description="where originals are kept: under data_dir, or in the database (workers on other machines)",
    )
    # Celery's broker (redis://host:6379/0 or amqp://host:5672//): documents are read by `vanban worker`
    # processes, on any machine. Unset: the server reads them itself, in-process (the embedded default).
    broker_url: str | None = None
    queue_prefix: str = Field(default="", description="prefix of the queue names (several services on one broker)")

    max_upload_bytes: int = Field(default=50 * MB, gt=0, description="larger uploads are refused with 413")
    max_json_bytes: int = Field(default=1 * MB, gt=0, description="request bodies other than uploads")
    extract_seconds: float = Field(default=300.0, gt=0, description="wall-clock limit for reading one document")
    parse_seconds: float = Field(default=120.0, gt=0, description="the intake parser's own limit (DOCX, PDF, OCR)")
    memory_bytes: int = Field(
        default=2 * 1024**3, gt=0, description="memory one document's reading may take (its child processes)"
    )

    processes: int = Field(default=0, ge=0, le=32, description="server processes; 0: one per core, at most 4")
    workers: int = Field(default=1, ge=0, description="extraction threads (one server process runs them); 0: none")
    max_attempts: int = Field(default=3, ge=1, description="a job that killed its worker this often is failed")
    poll_seconds: float = Field(default=1.0, gt=0)
    heartbeat_seconds: float = Field(default=2.0, gt=0)
    stale_seconds: float = Field(default=30.0, gt=0, description="a running job silent this long is queued again")

    report_cache_seconds: float = Field(default=30.0, ge=0, description="gap reports are kept this long (0: never)")
    session_hours: float = Field(default=12.0, gt=0, description="how long a web UI login lasts")
    cookie_secure: bool = Field(
        default=False, description="always mark the session cookie Secure (it is anyway when the request came by HTTPS)"
    )
    trusted_proxies: str = Field(
        default="127.0.0.1",
        description="addresses (or networks) of reverse proxies whose X-Forwarded-Proto is believed, comma-separated;"
        " '*' for any, '' for none",
    )

    def visibility_seconds(self) -> float:
        """How long the broker waits for an unacknowledged job before giving it to another worker: longer
        than any reading may take (the extraction limit, plus starting a reader and storing the record),
        or a slow document would be read twice at once."""
        return self.extract_seconds + 180.0

    def server_processes(self) -> int:
        # Python serves one request at a time per process (the GIL): measured on 2 cores, a second
        # process more than doubled query throughput (benchmarks/bench_service.py)
        return self.processes or max(1, min(4, os.cpu_count() or 1))
