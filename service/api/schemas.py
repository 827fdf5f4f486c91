"""The API's own shapes: what comes in (bodies), refusals, and answers only the API gives.

What the store and the graph answer (documents, jobs, keys, the audit log, search hits; lineage,
duties, gaps) are service/store/shapes.py's and graph/shapes.py's types, sent as they are: the CLI and
the web UI render the same objects.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from service.errors import Problem
from service.store.shapes import DocumentRef, JobOut, KeyOut, QueueStatus


class UploadOut(BaseModel):
    """202: a new job for new bytes. 200: these bytes were here already (their document, latest job)."""

    job: JobOut | None
    document: DocumentRef


class UploadBatchOut(BaseModel):
    """Several `file` parts in one request: one entry per file, in order."""

    data: list[UploadOut | Problem]
    count: int


class CorrectionIn(BaseModel):
    path: str = Field(
        max_length=256,
        description='a field of the record: "document.issuer", "tasks[3].lead", "targets[2]" (a whole item; '
        "one past the end adds one, null removes one)",
        examples=["document.signer.name"],
    )
    value: Any = Field(description="the new value, of the field's type (string, list of strings, object, null)")


class KeyIn(BaseModel):
    role: Literal["clerk", "analyst", "admin"]
    name: str = Field(min_length=1, max_length=128)
    province: str | None = Field(None, max_length=64, description="clerks only: limit to this province")
    district: str | None = Field(None, max_length=64, description="clerks only: limit to this district")


class KeyCreated(KeyOut):
    key: str = Field(description="the key itself: shown this once, stored only as a hash")


class Me(BaseModel):
    key_id: int
    name: str
    role: str
    province: str | None
    district: str | None
    permissions: list[str]


class Health(BaseModel):
    status: Literal["ok"]
    jobs: dict[str, int]
    extractor_version: str
    queue: QueueStatus | None = None


SORT_HELP = 'a column, "-" before it for descending: "-issued_date"'
