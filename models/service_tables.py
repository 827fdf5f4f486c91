"""Tables of the service (issue 4): who may do what (api_keys, ui_sessions), what is being read (jobs),
and what was done (audit_log). Same declarative Base and naming convention as models/tables.py, so one
Alembic history covers both.

Secrets are never stored: an API key or a UI session token is kept as the sha256 of its text. Both are
random 32-byte tokens, so a plain hash is enough (a slow password hash guards low-entropy secrets).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.tables import Base

ROLES = ("clerk", "analyst", "admin")
JOB_STATUSES = ("queued", "running", "done", "failed")


def _now() -> datetime:
    return datetime.now(UTC)


class ApiKey(Base):
    """A person or system allowed in, with one role and, for a clerk, optionally one jurisdiction."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))  # clerk | analyst | admin
    province: Mapped[str | None] = mapped_column(String(64))  # a clerk's uploads and corrections stay here
    district: Mapped[str | None] = mapped_column(String(64))
    prefix: Mapped[str] = mapped_column(String(16))  # the key's first characters, to tell keys apart in lists
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the key
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UiSession(Base):
    """A browser login: the web UI trades a pasted API key for this token, kept in an HttpOnly cookie,
    so the key itself never travels again. Ends at expires_at, at logout, or when its key is revoked."""

    __tablename__ = "ui_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Job(Base):
    """One accepted upload waiting for, undergoing or done with extraction.

    The upload's bytes are in the blob store and its `files` row exists before the job is acknowledged,
    so a job survives any restart. `document_id` is the id promised in the 202 answer (a pending documents
    row); `result_document_id` is where the record ended up (the same id, or an already held document
    when these bytes are another copy of it). `heartbeat_at` is refreshed while a worker runs the job: a
    running job whose heartbeat has gone stale lost its worker and is queued again.
    """

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(8), default="queued")  # queued | running | done | failed
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(1024))
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # what the content says: text, zip, pdf, png, jpeg, tiff
    document_id: Mapped[int | None] = mapped_column(Integer, index=True)
    result_document_id: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(16))  # added | merged | updated | unchanged | ...
    error: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # {"code", "message", "message_vi"}
    key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    scope_province: Mapped[str | None] = mapped_column(String(64))  # the uploader's limits, at upload time
    scope_district: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_jobs_status_id", "status", "id"),)


class AuditEntry(Base):
    """One write: who (key id and a snapshot of its name and role), what, to which object, when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    key_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: the log outlives keys
    actor: Mapped[str] = mapped_column(String(160))  # "Nguyễn Thị A (clerk #3)"
    action: Mapped[str] = mapped_column(String(64), index=True)  # document.upload, document.correct, key.create
    target: Mapped[str | None] = mapped_column(String(128))  # "document:12", "key:3"
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    client: Mapped[str | None] = mapped_column(String(64))  # the client's address


class Blob(Base):
    """An original file's bytes, kept in the database (VANBAN_BLOB_STORE=database): a worker on another
    machine reads the upload from here, without a shared disk. Content-addressed like the folder store:
    the key is the sha256 of the bytes, so the same file is kept once. PostgreSQL keeps it as bytea
    (TOAST-compressed out of line; 50 MB uploads are well under bytea's 1 GB)."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
