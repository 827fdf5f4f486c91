"""The graph's answers for a document named by its number: lineage, gaps; and duties. The SQL is in
graph/ (recursive CTEs, the duties join); this is where the API, the web UI and the CLI ask for them.

A number names the document as a person types it ("22/2013/QĐ-TTG", "Số 89/QĐ - TTg"); when several
documents share it ("674/UBND-VX" exists in many provinces), held ones come first and `issuer` chooses:
the issuer's key ("UBND tỉnh Gia Lai" is "Ủy ban nhân dân tỉnh Gia Lai"), else any issuer whose name
contains it ("Vĩnh Long").
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
from sqlalchemy.orm import Session

from extractor.bodies import describe
from extractor.folding import fold
from graph.duties import DutyFilter
from graph.duties import duties as duties_of
from graph.export import build_graph
from graph.gaps import gap_report
from graph.lineage import lineage as lineage_of
from graph.shapes import DocumentNode, Duty, GapReport, Lineage, Page
from models.tables import Document
from service.errors import NotFound
from service.store.queries.cache import ReportCache
from service.store.repository import find_documents


def _candidates(session: Session, number: str, issuer: str | None) -> list[Document]:
    if not issuer:
        docs = find_documents(session, number)
    else:
        docs = find_documents(session, number, issuer)
        if not docs:  # not the full name: "Vĩnh Long", "UBND tỉnh Gia Lai" as part of it
            key = fold(issuer)
            docs = [d for d in find_documents(session, number) if d.issuer and key in fold(d.issuer)]
    if not docs:
        en, vi = (f" from {issuer!r}", f" của {issuer!r}") if issuer else ("", "")
        raise NotFound(f"no document numbered {number!r}{en}", f"không có văn bản số {number!r}{vi}")
    return docs


def candidates(session: Session, number: str, issuer: str | None = None) -> list[DocumentNode]:
    """Every document the number (and issuer) may mean, the one the answers use first."""
    return [DocumentNode.of(d) for d in _candidates(session, number, issuer)]


def lineage(session: Session, number: str, issuer: str | None = None) -> Lineage:
    return lineage_of(session, _candidates(session, number, issuer)[0])


def gaps(
    session: Session,
    number: str,
    jurisdiction: str | None = None,
    issuer: str | None = None,
    cache: ReportCache | None = None,
) -> GapReport:
    """The gap report (kept in `cache` a while: it costs ~50 ms to compute on the corpus)."""
    doc = _candidates(session, number, issuer)[0]
    if cache is None:
        return gap_report(session, doc, jurisdiction)
    report: GapReport = cache.get(("gaps", doc.id, jurisdiction), lambda: gap_report(session, doc, jurisdiction))
    return report


def duties(session: Session, f: DutyFilter) -> Page[Duty]:
    """Duties of the agency asked for in any spelling ("Sở GD&ĐT", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"): the name is read
    here, at the edge (extractor.bodies), so the graph only compares bodies."""
    if f.agency and f.body is None:
        f = replace(f, body=describe(f.agency))
    return duties_of(session, f)


def citation_graph(session: Session) -> nx.MultiDiGraph:
    """The whole stored graph: documents, agencies, administrative units and their edges (for export)."""
    return build_graph(session)
