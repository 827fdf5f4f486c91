"""What the graph answers, as types: lineage, duties, gap reports.

These are the JSON shapes of `vanban lineage|duties|gaps --format json` and of /api/lineage,
/api/duties, /api/gaps (the README names them; other systems read them): the field order here is the
order of the JSON. The CLI, the API and the web UI all receive these objects; each renders them.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

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

_STRICT = ConfigDict(extra="forbid")  # a key the report builds but no type names is a bug, not a new field


class TaskItem(BaseModel):
    model_config = _STRICT

    kind: Literal["task"]
    label: str | None
    text: str
    document: str | None
    document_id: int
    lead: list[str]


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


GapItem = Annotated[TaskItem | TargetItem, Field(discriminator="kind")]


class Searched(BaseModel):
    model_config = _STRICT

    documents: list[str | None]
    items: int
    method: str


class Counterpart(BaseModel):
    """An upstream item with its best candidate below (`matched`: the candidate carries it down)."""

    model_config = _STRICT

    item: GapItem
    jurisdiction: str
    best_candidate: GapItem | None
    score: float
    searched: Searched


class Uncovered(Counterpart):
    confidence: str = Field(description='"weak match: check" or why nothing counts as a counterpart')


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    kind: Literal["lowered", "raised", "postponed"]
    from_: int | float = Field(alias="from")
    to: int | float
    text: str


class Weakened(BaseModel):
    model_config = _STRICT

    upstream_item: GapItem
    downstream_item: GapItem
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


class CoveredUnit(BaseModel):
    model_config = _STRICT

    name: str
    level: str
    successor: str
    documents: list[DocumentNode] = Field(description="the unit's documents implementing the upstream one")


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
    uncovered: list[Uncovered]
    weakened: list[Weakened]
    matched: list[Counterpart]
    notes: list[str]
