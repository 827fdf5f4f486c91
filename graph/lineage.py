"""Lineage: where a document came from and where it went, as recursive SQL over the citations table.

Upward follows implements / based_on / promulgated_by from the document to the national root(s);
downward finds every document that implements it or is based on it, at any depth. A plain "cites" is a
mention, not descent, and is not followed. Both directions are one recursive CTE each, walking the
(src, relation, dst) and (dst, relation, src) indexes, so the cost grows with the size of the answer,
not of the corpus. Depth is bounded (cycles can exist in dirty data: two letters citing each other).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import TextClause, bindparam, select, text
from sqlalchemy.orm import Session

from graph.shapes import DocumentNode, Lineage, LineageEntry
from models.tables import LINEAGE_RELATIONS, Citation, Document

MAX_DEPTH = 12
LEVEL_RANK = {"national": 5, "ministry": 4, "province": 3, "district": 2, "commune": 1}

_UP = f"""
WITH RECURSIVE up(id, depth, relation, via, resolved_by) AS (
    SELECT c.dst_id, 1, c.relation, c.src_id, c.resolved_by FROM citations c
     WHERE c.src_id IN :start AND c.relation IN {LINEAGE_RELATIONS!r}
    UNION
    SELECT c.dst_id, up.depth + 1, c.relation, c.src_id, c.resolved_by FROM citations c JOIN up ON c.src_id = up.id
     WHERE c.relation IN {LINEAGE_RELATIONS!r} AND {{guard_up}}
)
SELECT id, depth, relation, via, resolved_by FROM up
"""

_DOWN = f"""
WITH RECURSIVE down(id, depth, relation, via, resolved_by) AS (
    SELECT c.src_id, 1, c.relation, c.dst_id, c.resolved_by FROM citations c
     WHERE c.dst_id = :start AND c.relation IN {LINEAGE_RELATIONS!r}
    UNION
    SELECT c.src_id, down.depth + 1, c.relation, c.dst_id, c.resolved_by
      FROM citations c JOIN down ON c.dst_id = down.id
     WHERE c.relation IN {LINEAGE_RELATIONS!r} AND {{guard_down}}
)
SELECT id, depth, relation, via, resolved_by FROM down
"""

# Held documents downstream of one document, with where they are: for gap reports, which need
# only the documents of some jurisdictions (a national root can have the whole corpus below it).
_DOWN_PLACES = f"""
WITH RECURSIVE down(id, depth) AS (
    SELECT c.src_id, 1 FROM citations c
     WHERE c.dst_id = :start AND c.relation IN {LINEAGE_RELATIONS!r}
    UNION
    SELECT c.src_id, down.depth + 1 FROM citations c JOIN down ON c.dst_id = down.id
     WHERE c.relation IN {LINEAGE_RELATIONS!r} AND {{guard_down}}
)
SELECT DISTINCT d.id, d.province, d.district, d.issued_date FROM documents d JOIN down ON d.id = down.id
 WHERE d.in_corpus AND d.id <> :start"""

# Every ancestor of each start document, for picking lineage roots of many documents at once.
_ANCESTORS = f"""
WITH RECURSIVE up(start, id, depth) AS (
    SELECT c.src_id, c.dst_id, 1 FROM citations c
     WHERE c.src_id IN :start AND c.relation IN {LINEAGE_RELATIONS!r}
    UNION
    SELECT up.start, c.dst_id, up.depth + 1 FROM citations c JOIN up ON c.src_id = up.id
     WHERE c.relation IN {LINEAGE_RELATIONS!r} AND {{guard_up}}
)
SELECT up.start, up.id, min(up.depth) FROM up GROUP BY up.start, up.id
"""


@lru_cache(maxsize=64)
def _compiled(template: str, dialect: str, expanding: tuple[str, ...] = ()) -> TextClause:
    """The SQL for a dialect. On SQLite the depth guard is wrapped in unlikely(): with ANALYZE statistics
    its planner otherwise builds a Bloom filter over the whole citations table at every recursive step
    (20 ms instead of 0.1 ms per lineage at 100k documents)."""
    wrap = "unlikely({})" if dialect == "sqlite" else "{}"
    sql = template.format(
        guard_up=wrap.format("up.depth < :max_depth"), guard_down=wrap.format("down.depth < :max_depth")
    )
    clause = text(sql)
    return clause.bindparams(*(bindparam(name, expanding=True) for name in expanding)) if expanding else clause


def _sql(session: Session, template: str, *expanding: str) -> TextClause:
    return _compiled(template, session.get_bind().dialect.name, expanding)


def doc_json(doc: Document) -> dict[str, Any]:
    """A document as every answer shows it, as the dict graph.gaps builds its report from (the report
    leaves the module as graph.shapes.GapReport)."""
    return DocumentNode.of(doc).model_dump()


@dataclass(frozen=True)
class Step:
    id: int
    depth: int
    relation: str
    via: int  # the document this one hangs off (its child upward, its parent downward)
    resolved_by: str | None = None  # "name": the edge was made by a programme's name, not a number


def _nearest(rows: Sequence[Any]) -> dict[int, Step]:
    """Each document once, at its smallest depth (a document may be reached along several paths)."""
    best: dict[int, Step] = {}
    for r in rows:
        s = Step(int(r[0]), int(r[1]), str(r[2]), int(r[3]), r[4] if len(r) > 4 else None)
        if s.id not in best or (s.depth, s.via) < (best[s.id].depth, best[s.id].via):
            best[s.id] = s
    return best


def upstream(session: Session, doc_id: int) -> dict[int, Step]:
    rows = session.execute(_sql(session, _UP, "start"), {"start": [doc_id], "max_depth": MAX_DEPTH}).all()
    return {k: v for k, v in _nearest(rows).items() if k != doc_id}


def downstream(session: Session, doc_id: int) -> dict[int, Step]:
    rows = session.execute(_sql(session, _DOWN), {"start": doc_id, "max_depth": MAX_DEPTH}).all()
    return {k: v for k, v in _nearest(rows).items() if k != doc_id}


def downstream_places(session: Session, doc_id: int, provinces: list[str] | None = None) -> list[Any]:
    """(id, province, district, issued_date) of every held document downstream of `doc_id`,
    only those in `provinces` when given (the filter runs in SQL, next to the recursion)."""
    sql = _DOWN_PLACES
    params: dict[str, Any] = {"start": doc_id, "max_depth": MAX_DEPTH}
    if provinces is not None:
        if not provinces:
            return []
        sql += " AND d.province IN :provinces"
        params["provinces"] = sorted(set(provinces))
        return list(session.execute(_sql(session, sql, "provinces"), params))
    return list(session.execute(_sql(session, sql), params))


def load_documents(session: Session, ids: set[int]) -> dict[int, Document]:
    out: dict[int, Document] = {}
    chunk = sorted(ids)
    for i in range(0, len(chunk), 5000):  # bounded IN lists: PostgreSQL takes at most 65535 parameters
        out.update({d.id: d for d in session.scalars(select(Document).where(Document.id.in_(chunk[i : i + 5000])))})
    return out


def matched_names(session: Session, edges: set[tuple[int, int]]) -> dict[tuple[int, int], str | None]:
    """(src, dst) -> the name a citation resolved by name matched, for the few edges made by name."""
    out: dict[tuple[int, int], str | None] = {}
    srcs = sorted({s for s, _ in edges})
    for i in range(0, len(srcs), 5000):
        rows = session.execute(
            select(Citation.src_id, Citation.dst_id, Citation.matched_name).where(
                Citation.src_id.in_(srcs[i : i + 5000]), Citation.resolved_by.is_not(None)
            )
        )
        out.update({(int(s), int(d)): m for s, d, m in rows if (int(s), int(d)) in edges})
    return out


def _entries(session: Session, steps: dict[int, Step], downward: bool) -> list[LineageEntry]:
    docs = load_documents(session, set(steps) | {s.via for s in steps.values()})
    by_name = {(s.id, s.via) if downward else (s.via, s.id) for s in steps.values() if s.resolved_by}
    names = matched_names(session, by_name) if by_name else {}
    out = []
    for s in sorted(steps.values(), key=lambda s: (s.depth, docs[s.id].issued_date or "", s.id)):
        node = DocumentNode.of(docs[s.id])
        via = docs[s.via].number if s.via in docs else None
        named: dict[str, Any] = (
            {"matched_name": names.get((s.id, s.via) if downward else (s.via, s.id))} if s.resolved_by else {}
        )
        # model_construct, as DocumentNode.of: typed columns, and up to 100k entries
        out.append(
            LineageEntry.model_construct(
                **dict(node),
                relation=s.relation,
                depth=s.depth,
                via=via,
                resolved_by=s.resolved_by or "number",
                **named,
            )
        )
    return out


def lineage(session: Session, doc: Document) -> Lineage:
    """The document, what it carries out (upstream, to the roots) and what carries it out (downstream)."""
    up = upstream(session, doc.id)
    down = downstream(session, doc.id)
    up_entries = _entries(session, up, downward=False)
    tops = _tops(up)
    return Lineage(
        document=DocumentNode.of(doc),
        upstream=up_entries,
        downstream=_entries(session, down, downward=True),
        roots=[e for e in up_entries if e.id in tops] if up else [],
    )


def _tops(up: dict[int, Step]) -> set[int]:
    """Upstream documents from which lineage goes no higher (nothing reached via them)."""
    vias = {s.via for s in up.values()}
    return {i for i in up if i not in vias}


def _authority(doc: Document) -> bool:
    """An organisation law ("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân") is cited by nearly every
    decision as its legal authority: it is where the power comes from, not the policy the decision carries."""
    return (doc.type_key or "") == "luật" and (doc.title or "").lower().startswith("tổ chức")


def roots(session: Session, doc_ids: set[int]) -> dict[int, Document]:
    """The lineage root of each document: the nearest ancestor at the highest level (the national policy it
    carries out, not the resolution that policy is in turn based on), held documents first; else itself."""
    if not doc_ids:
        return {}
    rows = session.execute(_sql(session, _ANCESTORS, "start"), {"start": sorted(doc_ids), "max_depth": MAX_DEPTH}).all()
    docs = load_documents(session, {int(r[1]) for r in rows} | doc_ids)
    best: dict[int, tuple[tuple[int, ...], int]] = {}
    for start, anc, depth in rows:
        d = docs[int(anc)]
        key = (
            0 if _authority(d) else 1,
            LEVEL_RANK.get(d.level or "", 0),
            -int(depth),
            int(d.in_corpus),
            -d.id,
        )
        if int(start) not in best or key > best[int(start)][0]:
            best[int(start)] = (key, d.id)
    return {i: docs[best[i][1]] if i in best else docs[i] for i in doc_ids}
