"""The extraction record: the one definition of what `vanban extract` prints and the API returns.

Shape and field meanings follow shared/contract/EXTRACTION.md exactly. Spans are kept beside the
record (not inside it) so the contract stays as agreed while the UI can still highlight findings.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer

Level = Literal["national", "ministry", "province", "district", "commune"]
Relation = Literal["implements", "based_on", "promulgated_by", "cites"]

# Strongest first: when one document is cited in several ways, the strongest relation wins.
RELATION_STRENGTH: dict[str, int] = {"implements": 4, "based_on": 3, "promulgated_by": 2, "cites": 1}


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Signer(_Record):
    name: str | None = None
    title: str | None = None


class DocumentHeader(_Record):
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    level: Level | None = None
    province: str | None = None
    district: str | None = None
    place: str | None = None
    issued_date: str | None = Field(default=None, description="ISO date, null when left blank")
    subject: str | None = None
    recipients: list[str] = Field(default_factory=list)
    signer: Signer = Field(default_factory=Signer)


class Reference(_Record):
    doc_type: str | None = None
    number: str | None = None
    issued_date: str | None = None
    issuer: str | None = None
    title: str | None = None
    relation: Relation = "cites"


class Task(_Record):
    label: str | None = None
    text: str
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    deadline: str | None = None


class Target(_Record):
    label: str | None = None
    text: str
    value: int | float
    value_max: int | float | None = None
    unit: str | None = None
    subject: str | None = None
    year: int | None = None

    @model_serializer(mode="wrap")
    def _omit_empty_range(self, handler: Any) -> dict[str, Any]:
        # The contract shows value_max only for ranges ("30% - 40%"); a single figure has none.
        data: dict[str, Any] = handler(self)
        if data.get("value_max") is None:
            data.pop("value_max", None)
        return data


class ExtractionRecord(_Record):
    source: str
    document: DocumentHeader = Field(default_factory=DocumentHeader)
    references: list[Reference] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)


SpanKind = Literal[
    "header",
    "reference",
    "agency",
    "task",
    "target",
    "deadline",
    "date",
    "recipient",
    "signer",
]


class Span(_Record):
    """Where a finding sits: offsets in the normalised text and in the text the intake produced."""

    kind: SpanKind
    label: str = Field(description="what was found, e.g. 'number', '89/QĐ-TTg', 'Sở Tài chính'")
    start: int
    end: int
    source_start: int
    source_end: int
    field: str | None = Field(default=None, description="record path, e.g. 'references[0]', 'document.number'")


class ReviewFlag(_Record):
    """A field a person should look at: left blank because the page could not be read (a number written by
    hand), or filled from elsewhere (the date of an e-signature)."""

    field: str = Field(description="record path, e.g. 'document.number'")
    reason: Literal["handwritten", "unreadable", "from_signature"]
    message: str
    message_vi: str


class ExtractionResult(_Record):
    """Everything one extraction produced: the contract record plus what a store and a UI need."""

    record: ExtractionRecord
    text: str = Field(description="the normalised text the spans point into")
    spans: list[Span] = Field(default_factory=list)
    intake: IntakeInfo
    extractor_version: str
    flags: list[ReviewFlag] = Field(default_factory=list)


class SignatureInfo(_Record):
    """One digital signature of a PDF, read from its certificate and signature dictionary (not verified)."""

    signer: str | None = Field(default=None, description="the certificate's common name (a person or a body)")
    organisation: str | None = Field(default=None, description="the certificate's organisation (O)")
    unit: str | None = Field(default=None, description="the certificate's organisational unit (OU)")
    email: str | None = None
    signed_at: datetime | None = Field(default=None, description="signing time as the PDF records it")
    reason: str | None = None


class IntakeInfo(_Record):
    kind: Literal["text", "docx", "pdf", "image"]
    media_type: str
    pages: int | None = None
    ocr_pages: int = 0
    encoding: str | None = None
    warnings: list[str] = Field(default_factory=list)
    signatures: list[SignatureInfo] = Field(
        default_factory=list, description="digital signatures of a PDF, earliest signing time first"
    )
    uncertain: list[tuple[int, int]] = Field(
        default_factory=list,
        description="[start, end) character ranges of the intake text that OCR could not read with confidence "
        "(low word confidence, handwriting, ink in another colour); offsets into the text intake produced",
    )


ExtractionResult.model_rebuild()
