"""Coverage gaps: what an upstream document asked of the level below that was never carried down.

For an upstream document U:
1. The jurisdictions below it are the units that existed on U's date (graph.units): a national or
   ministry document -> the provinces (63 before 1 July 2025, 34 after); a provincial one -> its
   districts. A unit is covered when some held document in it implements U or is based on it, at any
   depth of lineage (a district letter carrying out the provincial plan that carries out U counts).
2. For each covered unit, every duty of U addressed to local government (a lead at province, district
   or commune level, or "các địa phương") and every target of U is looked for among the tasks and
   targets of that unit's implementing documents (graph.similarity: TF-IDF over word segments and
   character n-grams). Below similarity.COVERED the item is uncovered; the best candidate and its
   score are shown either way, with what was searched.
3. Matched targets are compared: a lower value (higher for "reduce to" targets) is "lowered", a later
   year "postponed".
A placeholder U (known only from citations) has no text: its requirements are unknown, and the report
says so instead of guessing; the jurisdictions without implementing documents are still listed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractor import places
from extractor.clean import fold
from graph import similarity
from graph.duties import UnknownJurisdiction
from graph.lineage import doc_json, downstream_places, load_documents
from graph.shapes import GapReport
from graph.units import Unit, districts_at, find_place, provinces_at
from models.tables import Document, TargetRow, TaskAgency, TaskRow

_BELOW = {"national": "province", "ministry": "province", "province": "district", "district": "commune"}
_LOCAL = {
    "province": ("province", "district", "commune", "local"),
    "district": ("district", "commune", "local"),
}
# "giảm ... xuống 3%", "dưới 5%", "không quá": lower is better, so raising the figure weakens it
_DOWNWARD = ("giảm", "dưới", "không quá", "tối đa", "không vượt")
WEAK = 0.20  # between WEAK and COVERED a match is reported as covered only if a person agrees


@dataclass
class Item:
    kind: str  # task | target
    id: int
    document: Document
    label: str | None
    text: str
    lead: list[str] | None = None
    value: float | None = None
    unit: str | None = None
    subject: str | None = None
    year: int | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "label": self.label,
            "text": self.text,
            "document": self.document.number,
            "document_id": self.document.id,
        }
        if self.kind == "task":
            out["lead"] = self.lead or []
        else:
            out.update(value=self.value, unit=self.unit, subject=self.subject, year=self.year)
        return out

    @property
    def match_text(self) -> str:
        return self.text if self.kind == "task" else (self.subject or self.text)


def _units_below(doc: Document) -> tuple[str | None, list[Unit]]:
    below = _BELOW.get(doc.level or "")
    if below == "province":
        return below, provinces_at(doc.issued_date)
    if below == "district" and doc.province:
        return below, districts_at(doc.province, doc.issued_date)
    return below, []


def _unit_of(d: Any, below: str, units: list[Unit]) -> list[Unit]:
    """The units below U that document d (anything with .province and .district) lies in."""
    if not d.province:
        return []
    pk = places.key(d.province)
    if below == "province":
        exact = [u for u in units if places.key(u.name) == pk]
        if exact:
            return exact
        # a 2025 province's document covers the legacy provinces merged into it
        return [u for u in units if places.key(u.successor) == pk]
    if below == "district" and d.district:
        dk = places.key(d.district)
        return [u for u in units if places.key(u.name) == dk and places.key(u.province) == pk]
    return []


def _restrict(units: list[Unit], below: str | None, jurisdiction: str) -> list[Unit]:
    place = find_place(jurisdiction)
    if place is None:
        raise UnknownJurisdiction(jurisdiction)
    pk = places.key(place.province)
    if below == "district" and place.district:
        dk = places.key(place.district)
        return [u for u in units if places.key(u.name) == dk]
    keep = [u for u in units if places.key(u.name) == pk]
    if not keep:  # a legacy name for a 2025 unit ("Quảng Bình" -> Quảng Trị), or the reverse
        succ = places.key(places.successor_province(place.province))
        keep = [u for u in units if places.key(u.name) == succ or places.key(u.successor) == pk]
    if not keep and below == "district":
        keep = [u for u in units if places.key(u.province) == pk]
    return keep


def _tasks(session: Session, docs: list[Document], levels: tuple[str, ...] | None) -> list[Item]:
    if not docs:
        return []
    by_id = {d.id: d for d in docs}
    rows = (
        session.execute(
            select(TaskRow).where(TaskRow.document_id.in_(by_id)).order_by(TaskRow.document_id, TaskRow.position)
        )
        .scalars()
        .all()
    )
    leads: dict[int, list[TaskAgency]] = defaultdict(list)
    for a in session.scalars(select(TaskAgency).where(TaskAgency.document_id.in_(by_id), TaskAgency.role == "lead")):
        leads[a.task_id].append(a)
    out = []
    for t in rows:
        agencies = leads.get(t.id, [])
        if levels is not None and not any(a.level in levels for a in agencies):
            continue
        out.append(Item("task", t.id, by_id[t.document_id], t.label, t.text, lead=[a.name for a in agencies]))
    return out


def _targets(session: Session, docs: list[Document]) -> list[Item]:
    if not docs:
        return []
    by_id = {d.id: d for d in docs}
    rows = session.scalars(
        select(TargetRow).where(TargetRow.document_id.in_(by_id)).order_by(TargetRow.document_id, TargetRow.position)
    )
    return [
        Item(
            "target",
            t.id,
            by_id[t.document_id],
            t.label,
            t.text,
            value=t.value,
            unit=t.unit,
            subject=t.subject,
            year=t.year,
        )
        for t in rows
    ]


def _searched(docs: list[Document], n_items: int) -> dict[str, Any]:
    return {
        "documents": [d.number or d.title for d in docs],
        "items": n_items,
        "method": f"TF-IDF cosine, word segments + character 3-5-grams; covered at >= {similarity.COVERED}",
    }


def _match_tasks(ups: list[Item], cands: list[Item], unit: str, docs: list[Document]) -> tuple[list, list]:
    uncovered, matched = [], []
    matcher = similarity.Matcher([u.match_text for u in ups], [c.match_text for c in cands])
    for qi, u in enumerate(ups):
        best = matcher.best(qi) if cands else similarity.Match(-1, 0.0)
        entry = {
            "item": u.as_json(),
            "jurisdiction": unit,
            "best_candidate": cands[best.index].as_json() if best.index >= 0 else None,
            "score": best.score,
            "searched": _searched(docs, len(cands)),
        }
        if best.score >= similarity.COVERED:
            matched.append(entry)
        else:
            entry["confidence"] = "weak match: check" if best.score >= WEAK else "no counterpart"
            uncovered.append(entry)
    return uncovered, matched


def _pair_targets(ups: list[Item], cands: list[Item]) -> dict[int, tuple[int, float]]:
    """One downstream target per upstream target: the most similar pairs first; among equals, the same
    year and value first (a plan restating 2015 and 2020 figures for one subject keeps them apart)."""
    if not ups or not cands:
        return {}
    matcher = similarity.Matcher([u.match_text for u in ups], [c.match_text for c in cands])
    pairs = []
    for qi, u in enumerate(ups):
        for ci, c in enumerate(cands):
            if (u.unit or "") != (c.unit or ""):
                continue
            s = matcher.score(qi, ci)
            if s >= similarity.COVERED:
                pairs.append((s, u.year == c.year, u.value == c.value, qi, ci))
    pairs.sort(key=lambda p: (-p[0], not p[1], not p[2], p[3], p[4]))
    out: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for s, _, _, qi, ci in pairs:
        if qi in out or ci in used:
            continue
        out[qi] = (ci, s)
        used.add(ci)
    return out


def _changes(u: Item, d: Item) -> list[dict[str, Any]]:
    out = []
    downward = any(w in fold(u.text) for w in _DOWNWARD)
    if u.value is not None and d.value is not None and u.value != d.value:
        weaker = d.value > u.value if downward else d.value < u.value
        if weaker:
            unit = u.unit if u.unit == "%" else f" {u.unit or ''}".rstrip()
            out.append(
                {
                    "kind": "lowered" if not downward else "raised",
                    "from": u.value,
                    "to": d.value,
                    "text": f"{_num(u.value)}{unit} → {_num(d.value)}{unit}",
                }
            )
    if u.year and d.year and d.year > u.year:
        out.append({"kind": "postponed", "from": u.year, "to": d.year, "text": f"{u.year} → {d.year}"})
    return out


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _match_targets(ups: list[Item], cands: list[Item], unit: str, docs: list[Document]) -> tuple[list, list, list]:
    uncovered, matched, weakened = [], [], []
    pairs = _pair_targets(ups, cands)
    matcher = similarity.Matcher([u.match_text for u in ups], [c.match_text for c in cands]) if cands else None
    for qi, u in enumerate(ups):
        if qi in pairs:
            ci, score = pairs[qi]
            d = cands[ci]
            matched.append(
                {
                    "item": u.as_json(),
                    "jurisdiction": unit,
                    "best_candidate": d.as_json(),
                    "score": score,
                    "searched": _searched(docs, len(cands)),
                }
            )
            for change in _changes(u, d):
                weakened.append(
                    {
                        "upstream_item": u.as_json(),
                        "downstream_item": d.as_json(),
                        "jurisdiction": unit,
                        "change": change,
                        "score": score,
                    }
                )
            continue
        # the best candidate that is not already the counterpart of another upstream target
        used = {ci for ci, _ in pairs.values()}
        best = similarity.Match(-1, 0.0)
        for ci in range(len(cands)):
            if ci not in used and matcher is not None and (sc := matcher.score(qi, ci)) > best.score:
                best = similarity.Match(ci, sc)
        uncovered.append(
            {
                "item": u.as_json(),
                "jurisdiction": unit,
                "best_candidate": cands[best.index].as_json() if best.index >= 0 else None,
                "score": best.score,
                "searched": _searched(docs, len(cands)),
                "confidence": "no counterpart among targets not matched to other upstream targets",
            }
        )
    return uncovered, matched, weakened


def gap_report(session: Session, doc: Document, jurisdiction: str | None = None) -> GapReport:
    """{"upstream", "missing_jurisdictions", "uncovered", "weakened"} plus "covered_jurisdictions",
    "matched" (items that have a counterpart, with it and its score) and "notes". Built as dicts here,
    typed (and checked: an unnamed key is an error) as it leaves."""
    notes: list[str] = []
    below, units = _units_below(doc)
    if below is None:
        notes.append(
            f"the level of {doc.number} is unknown ({doc.issuer or 'issuer unknown'}): "
            "cannot tell which jurisdictions are below it"
        )
    elif not units:
        notes.append(
            f"no {below} list for a {doc.level} document dated {doc.issued_date or 'unknown'}"
            + (" (districts were abolished on 1 July 2025)" if below == "district" else "")
        )
    if jurisdiction:
        units = _restrict(units, below, jurisdiction)
    provinces = sorted({n for u in units for n in (u.name, u.province, u.successor)}) if jurisdiction else None
    placed = downstream_places(session, doc.id, provinces)
    unit_ids: dict[str, list[int]] = defaultdict(list)
    for row in sorted(placed, key=lambda r: (r.issued_date or "", r.id)):
        for u in _unit_of(row, below or "", units):
            unit_ids[u.name].append(row.id)
    wanted = {i for ids in unit_ids.values() for i in ids}
    loaded = load_documents(session, wanted)
    by_unit: dict[str, list[Document]] = {name: [loaded[i] for i in ids] for name, ids in unit_ids.items()}
    missing = [u.as_json() for u in units if u.name not in by_unit]
    covered = [
        {
            "name": u.name,
            "level": u.level,
            "successor": u.successor,
            "documents": [doc_json(d) for d in by_unit[u.name]],
        }
        for u in units
        if u.name in by_unit
    ]
    upstream = doc_json(doc)
    upstream["requirements_known"] = doc.in_corpus
    report: dict[str, Any] = {
        "upstream": upstream,
        "below": below,
        "units_as_of": doc.issued_date,
        "units_checked": len(units),
        "missing_jurisdictions": missing,
        "covered_jurisdictions": covered,
        "uncovered": [],
        "weakened": [],
        "matched": [],
        "notes": notes,
    }
    if not doc.in_corpus:
        notes.append(
            f"{doc.number or doc.title} is known only from citations: its own tasks and targets are "
            "unknown, so content gaps cannot be checked (only which jurisdictions have no implementing "
            "document)"
        )
        return GapReport.model_validate(report)
    levels = _LOCAL.get(below or "")
    up_tasks = _tasks(session, [doc], levels) if levels else []
    up_targets = _targets(session, [doc])
    report["upstream"]["items_checked"] = {"tasks": len(up_tasks), "targets": len(up_targets)}
    if not up_tasks and not up_targets:
        notes.append(f"{doc.number} assigns no task to the {below} level and sets no target")
    for unit in covered:
        name = str(unit["name"])
        unit_docs = by_unit[name]
        cand_tasks = _tasks(session, unit_docs, None)
        cand_targets = _targets(session, unit_docs)
        unc, mat = _match_tasks(up_tasks, cand_tasks, name, unit_docs)
        unc_t, mat_t, weak = _match_targets(up_targets, cand_targets, name, unit_docs)
        report["uncovered"] += unc + unc_t
        report["matched"] += mat + mat_t
        report["weakened"] += weak
    return GapReport.model_validate(report)
