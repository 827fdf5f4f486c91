"""What the graph answers, as types: lineage, duties, gap reports.

These are the JSON shapes of `vanban lineage|duties|gaps --format json` and of /api/lineage,
/api/duties, /api/gaps (the README names them; other systems read them): the field order here is the
order of the JSON. The CLI, the API and the web UI all receive these objects; each renders them.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_serializer

from models.tables import Document

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: `data` the rows asked for, `count` how many match in all."""

    data: list[T]
    count: int = Field(description="how many match in all (the page may hold fewer)")


class DocumentNode(BaseModel):
    """A document as every graph answer shows it: held (in_corpus) or known only from citations."""

    id: int
    number: str | None
    doc_type: str | None
    issuer: str | None
    level: str | None
    province: str | None
    district: str | None
    successor: str | None = Field(description="the 2025 province the document's province belongs to")
    issued_date: str | None
    title: str | None
    in_corpus: bool

    @classmethod
    def of(cls, doc: Document) -> DocumentNode:
        # model_construct: the row's columns already have these types; validating 100k entries of a
        # national root's lineage would cost more than reading them
        return cls.model_construct(
            id=doc.id,
            number=doc.number,
            doc_type=doc.doc_type,
            issuer=doc.issuer,
            level=doc.level,
            province=doc.province,
            district=doc.district,
            successor=doc.successor,
            issued_date=doc.issued_date,
            title=doc.title,
            in_corpus=doc.in_corpus,
        )


# --- lineage ------------------------------------------------------------------------------------------


class LineageEntry(DocumentNode):
    relation: str = Field(description="implements | based_on | promulgated_by")
    depth: int = Field(description="1: cites the document (or is cited by it) directly")
    via: str | None = Field(description="the number of the document this one hangs off")
    resolved_by: str = Field("number", description='"number", or "name": the link was made by a programme\'s name')
    matched_name: str | None = Field(None, description="the name matched; left out of links made by number")

    @model_serializer(mode="wrap")
    def _omit_name_of_numbered(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("resolved_by") == "number":
            data.pop("matched_name", None)
        return data


class Lineage(BaseModel):
    document: DocumentNode
    upstream: list[LineageEntry]
    downstream: list[LineageEntry]
    roots: list[LineageEntry] = Field(description="upstream documents from which lineage goes no higher")


# --- duties -------------------------------------------------------------------------------------------


class DutyTask(BaseModel):
    label: str | None
    text: str
    deadline: str | None = Field(description="as written")
    due_date: str | None = Field(description="ISO: the last day the deadline allows")


class DutyPlace(BaseModel):
    """Where the agency owing the duty acts (its legacy unit) and its 2025 province."""

    province: str | None
    district: str | None
    successor: str | None
    level: str | None
    scope: Literal["own", "all provinces"]


class Duty(BaseModel):
    agency: str
    role: str = Field(description="lead | support")
    task: DutyTask
    document: DocumentNode
    root: DocumentNode | None = Field(description="the nearest national document the duty's document carries out")
    jurisdiction: DutyPlace


# --- gaps ---------------------------------------------------------------------------------------------
# graph/gaps.py builds its report as dicts and validates them into these as it returns: a key the report
# builds that no type here names is an error (extra="forbid"), not a field silently dropped.

_STRICT = ConfigDict(extra="forbid")


class TaskItem(BaseModel):
    model_config = _STRICT

    kind: Literal["task"]
    label: str | None
    text: str
    document: str | None
    document_id: int
    lead: list[str]
    headings: list[str] | None = Field(None, description="the section headings above the item, when read")

    @model_serializer(mode="wrap")
    def _omit_unread_headings(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("headings") is None:
            data.pop("headings", None)
        return data


class TargetItem(BaseModel):
    model_config = _STRICT

    kind: Literal["target"]
    label: str | None
    text: str
    document: str | None
    document_id: int
    value: float | None
    unit: str | None
    subject: str | None
    year: int | None


class Searched(BaseModel):
    model_config = _STRICT

    documents: list[str | None]
    items: int
    method: str
    method_vi: str


class ScoreParts(BaseModel):
    """What a duty-to-item score is made of (graph/align.py)."""

    model_config = _STRICT

    text: float
    role: float
    ref: float  # 1.0 when the item cites the article the duty is in
    cites_upstream: float = 0.0  # 1.0 when the item cites the upstream document by number
    standout: float = 0.0  # how far the duty stands out among all duties for that item
    on_subject: float = (
        1.0  # 0.0: the item's document is about something broader, the item not on the upstream's subject
    )
    semantic: float | None = Field(None, description="left out when no sentence model is loaded")

    @model_serializer(mode="wrap")
    def _omit_semantic(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("semantic") is None:
            data.pop("semantic", None)
        return data


class Candidate(TaskItem):
    score: float
    parts: ScoreParts


class TaskCheck(BaseModel):
    """An upstream duty checked in one jurisdiction: the item carrying it (or the closest), and why."""

    model_config = _STRICT

    item: TaskItem
    jurisdiction: str
    best_candidate: TaskItem | None
    score: float
    searched: Searched
    candidates: list[Candidate]
    confidence: str
    confidence_vi: str
    why_vi: str
    why: str


class TargetCheck(BaseModel):
    """An upstream target checked in one jurisdiction: its counterpart (or the closest), and why."""

    model_config = _STRICT

    item: TargetItem
    jurisdiction: str
    best_candidate: TargetItem | None
    score: float
    searched: Searched
    confidence: str
    confidence_vi: str
    why: str
    why_vi: str


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    kind: Literal["lowered", "raised", "postponed"]
    kind_vi: str
    from_: int | float = Field(alias="from")
    to: int | float
    text: str


class Weakened(BaseModel):
    model_config = _STRICT

    upstream_item: TargetItem
    downstream_item: TargetItem
    jurisdiction: str
    change: Change
    score: float


class AdminUnit(BaseModel):
    """An administrative unit as it existed on the upstream document's date."""

    model_config = _STRICT

    name: str
    full: str
    level: str
    code: str
    province: str
    successor: str


class Link(BaseModel):
    model_config = _STRICT

    resolved_by: str = Field(description='"number", or "name": cited by a programme\'s name')
    matched_name: str | None


class LinkedDocument(DocumentNode):
    """An implementing document, and how its citation of the upstream one was resolved."""

    model_config = _STRICT

    link: Link


class CoveredUnit(BaseModel):
    model_config = _STRICT

    name: str
    level: str
    successor: str
    documents: list[LinkedDocument] = Field(description="the unit's documents implementing the upstream one")


class CarriedDuty(BaseModel):
    model_config = _STRICT

    upstream_item: str | None
    downstream_item: str | None


class ProbableEvidence(BaseModel):
    model_config = _STRICT

    upstream_name: str
    document_name: str
    same_period: bool
    duties_carried: list[CarriedDuty]
    duties_checked: int


class ProbableImplementation(BaseModel):
    """A document of a unit below carrying a programme of the same name without citing the upstream one:
    offered with its evidence, never counted as covering."""

    model_config = _STRICT

    document: DocumentNode
    jurisdiction: str
    label: str
    label_vi: str
    counted: bool
    evidence: ProbableEvidence
    why: str
    why_vi: str


class ItemsChecked(BaseModel):
    model_config = _STRICT

    tasks: int
    targets: int


class GapUpstream(DocumentNode):
    model_config = _STRICT

    requirements_known: bool = Field(description="false for a document known only from citations")
    items_checked: ItemsChecked | None = Field(None, description="left out when requirements are unknown")

    @model_serializer(mode="wrap")
    def _omit_unchecked(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("items_checked") is None:
            data.pop("items_checked", None)
        return data


class GapReport(BaseModel):
    model_config = _STRICT

    upstream: GapUpstream
    below: str | None = Field(description="the level of the units checked: province, district, commune")
    units_as_of: str | None
    units_checked: int
    missing_jurisdictions: list[AdminUnit]
    covered_jurisdictions: list[CoveredUnit]
    uncovered: list[TaskCheck | TargetCheck]
    weakened: list[Weakened]
    matched: list[TaskCheck | TargetCheck]
    probable_implementations: list[ProbableImplementation]
    notes: list[str]
    notes_vi: list[str] = Field(description="the notes in Vietnamese, for people")
