"""What the web UI's lists need beyond the API's: documents filtered by whether people corrected them,
sorted by any column shown, the values the filters offer, and the agencies the correction form suggests.

Built on service/store/queries/documents.py (its conditions and summaries), so a document list in the
UI shows what the API's list shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import exists, func, select, union
from sqlalchemy.orm import Session

from graph.shapes import Page
from models.tables import Correction, Document, Extraction, TaskAgency
from service.store.queries.documents import SORTS, DocumentFilter, _conditions, _summaries, _summarised
from service.store.queries.lists import Paging, count, ordered, paged
from service.store.shapes import DocumentSummary

# every column the UI's document list shows can order it
UI_SORTS = {**SORTS, "doc_type": Document.type_key, "level": Document.level, "title": Document.title}
Status = Literal["corrected", "uncorrected"]


@dataclass(frozen=True)
class DocumentView:
    """A document list as the UI asks for it: the API's filter, and whether people corrected the record."""

    filter: DocumentFilter = DocumentFilter()
    status: Status | None = None


def _view_conditions(v: DocumentView) -> list[Any]:
    conds = _conditions(v.filter)
    corrected = exists().where(Correction.document_id == Document.id)
    if v.status == "corrected":
        conds.append(corrected)
    elif v.status == "uncorrected":
        conds.append(~corrected)
    return conds


def list_documents_view(
    session: Session, v: DocumentView, paging: Paging = Paging(25), sort: str = "-issued_date"
) -> Page[DocumentSummary]:
    """Held documents that match, in the order asked (a column of UI_SORTS; KeyError for another)."""
    conds = _view_conditions(v)
    total = count(session, select(Document.id).where(*conds))
    query = paged(ordered(_summarised(*conds), sort, UI_SORTS, Document.id), paging)
    return Page[DocumentSummary](data=_summaries(session, query), count=total)


def matching_ids(session: Session, v: DocumentView, ids: list[int]) -> set[int]:
    """Which of `ids` (search hits) the view's filters keep."""
    if not ids:
        return set()
    return set(session.scalars(select(Document.id).where(Document.id.in_(ids), *_view_conditions(v))))


@dataclass(frozen=True)
class Facets:
    """The values the document filters offer: those the held documents have."""

    doc_types: list[str]
    provinces: list[str]
    years: list[int]


def facets(session: Session) -> Facets:
    held = (Document.in_corpus.is_(True), Document.id.in_(select(Extraction.document_id)))
    # one spelling per type key ("Quyết định", not also "QUYẾT ĐỊNH"): the most common
    types = session.execute(
        select(Document.type_key, Document.doc_type, func.count())
        .where(*held, Document.doc_type.is_not(None))
        .group_by(Document.type_key, Document.doc_type)
        .order_by(func.count().desc())
    ).all()
    by_key: dict[str, str] = {}
    for key, name, _ in types:
        by_key.setdefault(key or name or "", name or "")
    provinces = session.scalars(
        select(Document.province).where(*held, Document.province.is_not(None)).distinct().order_by(Document.province)
    ).all()
    years = session.scalars(
        select(Document.year).where(*held, Document.year.is_not(None)).distinct().order_by(Document.year.desc())
    ).all()
    return Facets(sorted(by_key.values()), [p for p in provinces if p], [y for y in years if y])


def known_agencies(session: Session) -> list[str]:
    """Agencies the store knows (issuers of documents, agencies named in tasks), A to Z: what the
    correction form suggests, free entry still allowed."""
    names = union(
        select(Document.issuer.label("name")).where(Document.issuer.is_not(None)),
        select(TaskAgency.canonical.label("name")),
    ).subquery()
    return list(session.scalars(select(names.c.name).order_by(names.c.name)))
