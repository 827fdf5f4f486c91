"""What the store answers, as types: documents, their records and corrections, jobs, keys, the audit log,
search hits. The query layer (service/store/queries/) returns these; the API sends them as they are
(they are its response models), the web UI and the CLI render them. The graph's answers (lineage,
duties, gaps) are in graph/shapes.py, and `Page` with them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field, field_serializer

from graph.shapes import DocumentNode
from models.record import DocumentHeader, IntakeInfo, Reference, Span, Target, Task
from service import fields, labels_vi


class _Timed(BaseModel):
    @field_serializer("*", when_used="json")
    def _utc(self, v: Any) -> Any:
        # SQLite returns naive datetimes (stored in UTC); say so in the answer, as PostgreSQL does
        if isinstance(v, datetime) and v.tzinfo is None:
            return v.replace(tzinfo=UTC).isoformat()
        return v.isoformat() if isinstance(v, datetime) else v


class JobError(BaseModel):
    """Why a job failed: the same code and messages the CLI prints for the file (E1xx), or E403 / E500."""

    code: str
    message: str
    message_vi: str


class JobOut(_Timed):
    id: int
    status: Literal["queued", "running", "done", "failed"]
    error: JobError | None = None
    document_id: int | None = Field(None, description="the document id the upload was given")
    result_document_id: int | None = Field(
        None, description="where the record went: document_id, or the held document these bytes are a copy of"
    )
    outcome: str | None = Field(None, description="added | merged | updated | unchanged")
    filename: str
    size: int
    kind: str
    attempts: int
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None


class QueueStatus(BaseModel):
    """How the reading is carried and how much waits: part of /api/health."""

    transport: Literal["embedded", "celery"] = Field(
        description="embedded: the server reads uploads itself; celery: `vanban worker` processes do"
    )
    depth: dict[str, int] = Field(description="jobs waiting, per queue (embedded: one queue, `all`)")
    workers: int = Field(description="embedded: reading threads; celery: worker processes answering the broker")
    error: str | None = Field(default=None, description="why the broker could not be asked (depth, workers: 0)")


class DocumentRef(BaseModel):
    """The document an upload made (or will make): its id, its number once read, the file's sha256."""

    id: int | None
    number: str | None = None
    sha256: str | None = None


class DocumentSummary(DocumentNode, _Timed):
    """A document in a list: as the graph answers show it, with what a list shows of its extraction."""

    sha256: str | None = None
    source: str | None = None
    extractor_version: str | None = None
    extracted_at: datetime | None = None
    corrections: int = 0


class CorrectionOut(_Timed):
    id: int
    path: str
    value: Any
    author: str
    created_at: datetime


class DocumentOut(_Timed):
    """The extraction record of the contract (with corrections applied) plus id, sha256, corrections;
    `spans` point into `text`, the normalised text, so the findings can be highlighted."""

    id: int
    sha256: str
    source: str
    document: DocumentHeader
    references: list[Reference]
    tasks: list[Task]
    targets: list[Target]
    corrections: list[CorrectionOut]
    spans: list[Span]
    text: str
    extractor_version: str
    extracted_at: datetime
    intake: IntakeInfo
    in_corpus: bool = True


class Original(BaseModel):
    """Where the bytes a record was read from are kept, and how to hand them out."""

    path: Path = Field(description="a file on this machine holding the bytes")
    sha256: str
    filename: str
    media_type: str


class TextRange(BaseModel):
    """Where a match is in a snippet: [start, end) in characters (Python str indexes, code points)."""

    start: int
    end: int


class Snippet(BaseModel):
    text: str
    matches: list[TextRange]
    html: str


class SearchHit(BaseModel):
    document: DocumentSummary
    snippet: str = Field(description="the passage where the words occur, plain text (… where it was cut)")
    matches: list[TextRange] = Field(
        default_factory=list, description="where the query's words are in `snippet` (with or without diacritics)"
    )
    snippet_html: str = Field(
        "", description="`snippet` as HTML: text escaped, each match in <mark>…</mark> (safe to insert as is)"
    )
    rank: float = Field(description="higher is better; only the order is meaningful")


class KeyOut(_Timed):
    id: int
    name: str
    role: str
    province: str | None
    district: str | None
    prefix: str = Field(description="the key's first characters, to recognise it")
    created_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class AuditOut(_Timed):
    id: int
    at: datetime
    key_id: int | None
    actor: str
    action: str
    target: str | None
    detail: dict[str, Any] = Field(description="what identifies the change: a path and value, a file's hash")
    client: str | None

    @computed_field(description='the action in Vietnamese: "Sửa thông tin văn bản"')  # type: ignore[prop-decorator]
    @property
    def action_vi(self) -> str:
        return labels_vi.audit_action(self.action)

    @computed_field(description='the change as a person reads it: "Cấp: Tỉnh", "Quan hệ: triển khai"')  # type: ignore[prop-decorator]
    @property
    def detail_vi(self) -> str:
        return labels_vi.audit_detail(self.action, self.detail, fields.describe)
