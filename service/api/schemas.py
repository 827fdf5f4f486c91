"""The API's shapes: separate models for what comes in, and for what goes out (list items, full views).

The record of a document is models.record's contract (DocumentHeader, Reference, Task, Target); the
graph answers (lineage, duties, gaps) are the CLI's JSON, passed through as they are.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field, field_serializer

from models.record import DocumentHeader, Reference, Span, Target, Task

T = TypeVar("T")


class Problem(BaseModel):
    """Every 4xx answer: a stable code and the reason in English and Vietnamese."""

    code: str = Field(examples=["E102"])
    message: str
    message_vi: str
    errors: list[dict[str, Any]] | None = Field(None, description="per-field details of a 422")


class JobError(BaseModel):
    """Why a job failed: the same code and messages the CLI prints for the file (E1xx), or E403 / E500."""

    code: str
    message: str
    message_vi: str


class Page(BaseModel, Generic[T]):
    data: list[T]
    count: int = Field(description="how many match in all (the page may hold fewer)")


class _Timed(BaseModel):
    @field_serializer("*", when_used="json")
    def _utc(self, v: Any) -> Any:
        # SQLite returns naive datetimes (stored in UTC); say so in the answer, as PostgreSQL does
        if isinstance(v, datetime) and v.tzinfo is None:
            return v.replace(tzinfo=UTC).isoformat()
        return v.isoformat() if isinstance(v, datetime) else v


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


class DocumentRef(BaseModel):
    id: int | None
    number: str | None = None
    sha256: str | None = None


class UploadOut(BaseModel):
    """202: a new job for new bytes. 200: these bytes were here already (their document, latest job)."""

    job: JobOut | None
    document: DocumentRef


class UploadBatchOut(BaseModel):
    """Several `file` parts in one request: one entry per file, in order."""

    data: list[UploadOut | Problem]
    count: int


class DocumentSummary(_Timed):
    id: int
    number: str | None
    doc_type: str | None
    issuer: str | None
    level: str | None
    province: str | None
    district: str | None
    successor: str | None = None
    issued_date: str | None
    title: str | None
    in_corpus: bool
    sha256: str | None = None
    source: str | None = None
    extractor_version: str | None = None
    extracted_at: datetime | None = None
    corrections: int = 0


class CorrectionIn(BaseModel):
    path: str = Field(
        max_length=256,
        description='a field of the record: "document.issuer", "tasks[3].lead", "targets[2]" (a whole item; '
        "one past the end adds one, null removes one)",
        examples=["document.signer.name"],
    )
    value: Any = Field(description="the new value, of the field's type (string, list of strings, object, null)")


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
    intake: dict[str, Any]
    in_corpus: bool = True


class SearchHit(BaseModel):
    document: DocumentSummary
    snippet: str = Field(description="the matching passage, query words in [brackets]")
    rank: float = Field(description="higher is better; only the order is meaningful")


class KeyIn(BaseModel):
    role: Literal["clerk", "analyst", "admin"]
    name: str = Field(min_length=1, max_length=128)
    province: str | None = Field(None, max_length=64, description="clerks only: limit to this province")
    district: str | None = Field(None, max_length=64, description="clerks only: limit to this district")


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


class KeyCreated(KeyOut):
    key: str = Field(description="the key itself: shown this once, stored only as a hash")


class Me(BaseModel):
    key_id: int
    name: str
    role: str
    province: str | None
    district: str | None
    permissions: list[str]


class AuditOut(_Timed):
    id: int
    at: datetime
    key_id: int | None
    actor: str
    action: str
    target: str | None
    detail: dict[str, Any]
    client: str | None


class Health(BaseModel):
    status: Literal["ok"]
    jobs: dict[str, int]
    extractor_version: str


SORT_HELP = 'a column, "-" before it for descending: "-issued_date"'
