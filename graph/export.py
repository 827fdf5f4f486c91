"""The stored corpus as a networkx graph, for export (GraphML, node-link JSON) and offline analysis.

Nodes (attribute `kind`):
    document  "doc:<id>"                    number, doc_type, issuer, level, province, district, issued_date,
                                            in_corpus (false for a placeholder known only from citations)
    agency    "agency:<canonical name>"     level, province, district
    unit      "unit:<province>" or "unit:<province>/<district>"   level, successor (2025 province)
Edges (attribute `type`):
    document -> document   implements | based_on | promulgated_by | cites   (printed_relation: as read)
    document -> agency     issued_by;  lead | support (task label and text)
    document -> unit, agency -> unit   jurisdiction
    unit(district) -> unit(province)    part_of;  unit(legacy province) -> unit(2025 province)  merged_into

Queries that must be fast at scale (lineage, duties, gaps) run in SQL; this builds the whole graph.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.tables import Citation, Document, TaskAgency, TaskRow


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    # GraphML has no null: leave unknown attributes out
    return {k: v for k, v in attrs.items() if v is not None}


def _unit(g: nx.MultiDiGraph, province: str | None, district: str | None, successor: str | None) -> str | None:
    if not province:
        return None
    pid = f"unit:{province}"
    if pid not in g:
        g.add_node(pid, **_clean({"kind": "unit", "label": province, "level": "province", "successor": successor}))
        if successor and successor != province:
            sid = f"unit:{successor}"
            if sid not in g:
                g.add_node(sid, kind="unit", label=successor, level="province", successor=successor)
            g.add_edge(pid, sid, type="merged_into", date="2025-07-01")
    if not district:
        return pid
    did = f"unit:{province}/{district}"
    if did not in g:
        g.add_node(did, kind="unit", label=district, level="district", province=province)
        g.add_edge(did, pid, type="part_of")
    return did


def build_graph(session: Session) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for d in session.scalars(select(Document)):
        node = f"doc:{d.id}"
        g.add_node(
            node,
            **_clean(
                {
                    "kind": "document",
                    "label": d.number or d.title,
                    "number": d.number,
                    "doc_type": d.doc_type,
                    "issuer": d.issuer,
                    "level": d.level,
                    "province": d.province,
                    "district": d.district,
                    "issued_date": d.issued_date,
                    "title": d.title,
                    "in_corpus": d.in_corpus,
                }
            ),
        )
        if d.issuer:
            aid = f"agency:{d.issuer}"
            if aid not in g:
                g.add_node(
                    aid,
                    **_clean(
                        {
                            "kind": "agency",
                            "label": d.issuer,
                            "level": d.level,
                            "province": d.province,
                            "district": d.district,
                        }
                    ),
                )
            g.add_edge(node, aid, type="issued_by")
        if unit := _unit(g, d.province, d.district, d.successor):
            g.add_edge(node, unit, type="jurisdiction")
    for c in session.scalars(select(Citation)):
        g.add_edge(f"doc:{c.src_id}", f"doc:{c.dst_id}", type=c.relation, printed_relation=c.printed_relation)
    q = select(TaskAgency, TaskRow.label, TaskRow.text).join(TaskRow, TaskRow.id == TaskAgency.task_id)
    for a, label, text in session.execute(q):
        aid = f"agency:{a.canonical}"
        if aid not in g:
            g.add_node(
                aid,
                **_clean(
                    {
                        "kind": "agency",
                        "label": a.canonical,
                        "level": a.level,
                        "province": a.province,
                        "district": a.district,
                    }
                ),
            )
            if unit := _unit(g, a.province, a.district, a.successor):
                g.add_edge(aid, unit, type="jurisdiction")
        g.add_edge(f"doc:{a.document_id}", aid, **_clean({"type": a.role, "task": label, "text": text[:500]}))
    return g


def write(g: nx.MultiDiGraph, path: Path, fmt: str) -> None:
    if fmt == "graphml":
        nx.write_graphml(g, path)
    elif fmt == "json":
        data = nx.node_link_data(g, edges="links")
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {fmt!r} (graphml, json)")
