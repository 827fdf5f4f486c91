"""Duties: which agencies owe which tasks, from which document, under which lineage root, by when.

One indexed SQL query over task_agencies ⋈ tasks ⋈ documents, then the lineage roots of the documents
on the page. Agency names are matched as bodies, not strings: "Sở GD&ĐT", "Sở Giáo dục và Đào tạo",
"SỞ GIÁO DỤC VÀ ĐÀO TẠO" are one body key, and "Sở Giáo dục và Đào tạo tỉnh Quảng Bình" narrows it to
Quảng Bình. Jurisdictions resolve before and after the 2025 reorganisation: "Quảng Bình" (merged
into Quảng Trị) matches its own duties; "Quảng Trị" (a 2025 province) matches the duties of every
legacy province merged into it; a district matches its own. Each duty shows the legacy unit and its
2025 successor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from extractor.folding import fold
from graph.errors import UnknownJurisdiction
from graph.lineage import roots
from graph.shapes import DocumentNode, Duty, DutyPlace, DutyTask, Page
from graph.units import Place, find_place
from models.bodies import Body
from models.tables import Document, TaskAgency, TaskRow

# Duties addressed to every province at once ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung
# ương" in a national decision) belong to each province; a jurisdiction filter includes them, marked.
_LOCAL_LEVELS = ("province", "district", "commune", "local")


@dataclass(frozen=True)
class DutyFilter:
    agency: str | None = None  # as asked; `body` is what it names (the query layer reads it: extractor.bodies)
    jurisdiction: str | None = None
    due_before: str | None = None  # ISO date
    role: str | None = None  # lead | support
    limit: int = 100
    offset: int = 0
    order: str = "place"  # place: by province, document, task; deadline: soonest (so overdue) first, none last
    body: Body | None = None
    # ISO date: due on or after it (the UI's deadline range); last, as callers pass the others by position
    due_after: str | None = None


def _agency_condition(body: Body) -> Any:
    conds = [TaskAgency.body_key == body.key]
    qualified = fold(body.canonical) != body.key
    if qualified and body.level:
        conds.append(TaskAgency.level == body.level)
    if body.province:
        conds.append(TaskAgency.province == body.province)
    if body.district:
        conds.append(TaskAgency.district == body.district)
    return and_(*conds)


def _jurisdiction_condition(place: Place) -> Any:
    if place.district:
        own = and_(TaskAgency.province == place.province, TaskAgency.district == place.district)
    elif place.current:
        own = TaskAgency.successor == place.province
    else:
        own = TaskAgency.province == place.province
    everywhere = and_(TaskAgency.province.is_(None), TaskAgency.level.in_(_LOCAL_LEVELS))
    return or_(own, everywhere)


def _conditions(f: DutyFilter) -> list[Any]:
    conds: list[Any] = []
    if f.agency and f.body is None:
        raise ValueError("DutyFilter.agency must come with its body (service.store.queries.graph.duties reads it)")
    if f.body is not None:
        conds.append(_agency_condition(f.body))
    if f.jurisdiction:
        place = find_place(f.jurisdiction)
        if place is None:
            raise UnknownJurisdiction(f.jurisdiction)
        conds.append(_jurisdiction_condition(place))
    if f.role:
        conds.append(TaskAgency.role == f.role)
    return conds


def _matching(f: DutyFilter) -> Any:
    """task_agencies ids that match, joined to tasks only when the deadline matters: counting and
    paging never touch documents (a broad filter matches thousands of rows; only the page is loaded)."""
    q = select(TaskAgency.id).where(*_conditions(f))
    if f.due_before or f.due_after or f.order == "deadline":
        q = q.join(TaskRow, TaskRow.id == TaskAgency.task_id)
    if f.due_before:
        q = q.where(TaskRow.due_date < f.due_before)
    if f.due_after:
        q = q.where(TaskRow.due_date >= f.due_after)
    return q


def _order(f: DutyFilter) -> tuple[Any, ...]:
    by_deadline = (TaskRow.due_date.is_(None), TaskRow.due_date) if f.order == "deadline" else ()
    # by place, then document (ids follow arrival), then the task's position (ids follow reading order)
    return (
        *by_deadline,
        TaskAgency.successor.is_(None),
        TaskAgency.successor,
        TaskAgency.province,
        TaskAgency.district,
        TaskAgency.document_id,
        TaskAgency.task_id,
        TaskAgency.role,
        TaskAgency.id,
    )


def duties(session: Session, f: DutyFilter) -> Page[Duty]:
    """One page of the duties that match, and how many match in all."""
    matching = _matching(f)
    count = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
    page_ids = [r[0] for r in session.execute(matching.order_by(*_order(f)).limit(f.limit).offset(f.offset))]
    rows = (
        session.execute(
            select(TaskAgency, TaskRow, Document)
            .join(TaskRow, TaskRow.id == TaskAgency.task_id)
            .join(Document, Document.id == TaskAgency.document_id)
            .where(TaskAgency.id.in_(page_ids))
        ).all()
        if page_ids
        else []
    )
    position = {i: n for n, i in enumerate(page_ids)}
    page = sorted(rows, key=lambda r: position[r[0].id])
    root_of = roots(session, {doc.id for _, _, doc in page})
    data = []
    for agency, task, doc in page:
        root = root_of.get(doc.id)
        data.append(
            Duty(
                agency=agency.canonical,
                role=agency.role,
                task=DutyTask(label=task.label, text=task.text, deadline=task.deadline, due_date=task.due_date),
                document=DocumentNode.of(doc),
                root=DocumentNode.of(root) if root is not None else None,
                jurisdiction=DutyPlace(
                    province=agency.province,
                    district=agency.district,
                    successor=agency.successor,
                    level=agency.level,
                    scope="own" if agency.province else "all provinces",
                ),
            )
        )
    return Page[Duty](data=data, count=count)
