"""Coverage gaps: what an upstream document asked of the level below that was never carried down.

For an upstream document U:
1. The jurisdictions below it are the units that existed on U's date (graph.units): a national or
   ministry document -> the provinces (63 before 1 July 2025, 34 after); a provincial one -> its
   districts. A unit is covered when some held document in it implements U or is based on it, at any
   depth of lineage (a district letter carrying out the provincial plan that carries out U counts).
2. For each covered unit, every duty of U addressed to local government (a lead at province, district
   or commune level, or "các địa phương") and every target of U is looked for among the tasks and
   targets of that unit's implementing documents: duties by graph.align (text similarity gated by the
   lead's role, standing out, citing U; one assignment per unit), targets by graph.similarity. The best
   candidates and their scores are shown either way, with what was searched and why.
3. Matched targets are compared: a lower value (higher for "reduce to" targets) is "lowered", a later
   year "postponed".
A placeholder U (known only from citations) has no text: its requirements are unknown, and the report
says so instead of guessing; the jurisdictions without implementing documents are still listed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from extractor import vocab as places  # administrative units, read through the vocabulary loader
from extractor.excerpt import short
from extractor.folding import fold
from graph import align, similarity
from graph.duties import UnknownJurisdiction
from graph.lineage import doc_json, downstream_places, load_documents
from graph.outline import task_headings
from graph.shapes import GapReport
from graph.units import Unit, districts_at, find_place, provinces_at
from models.tables import Citation, Document, ProgrammeName, TargetRow, TaskAgency, TaskRow

_BELOW = {"national": "province", "ministry": "province", "province": "district", "district": "commune"}
_LOCAL = {
    "province": ("province", "district", "commune", "local"),
    "district": ("district", "commune", "local"),
}
# "giảm ... xuống 3%", "dưới 5%", "không quá": lower is better, so raising the figure weakens it
_DOWNWARD = ("giảm", "dưới", "không quá", "tối đa", "không vượt")


@dataclass
class Item:
    kind: str  # task | target
    id: int
    document: Document
    label: str | None
    text: str
    lead: list[str] | None = None
    leads: list[align.Lead] | None = None
    headings: list[str] | None = None  # the sections above a task (graph.outline)
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
            out["headings"] = self.headings or []
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
    kept = [t for t in rows if levels is None or any(a.level in levels for a in leads.get(t.id, []))]
    heads = task_headings(session, [(t.document_id, t.position) for t in kept])
    out = []
    for t in kept:
        agencies = leads.get(t.id, [])
        out.append(
            Item(
                "task",
                t.id,
                by_id[t.document_id],
                t.label,
                t.text,
                lead=[a.name for a in agencies],
                leads=[align.Lead(a.name, a.body_key, a.level) for a in agencies],
                headings=heads.get((t.document_id, t.position), []),
            )
        )
    return out


def _duty(item: Item) -> align.Duty:
    return align.Duty(item.label, item.text, item.leads or [], item.headings or [], item.document.title or "")


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


METHOD_TASKS = (
    "alignment: a logistic score (0..1) of text similarity (TF-IDF, word segments + character 3-5-grams) gated "
    "by the role of the lead, how the pair stands out among the other duties and items, and whether the item "
    "cites the upstream document; an item of a document about something broader counts only where it speaks of "
    f"the upstream's subject; the item citing the duty's article counts on its own; one item per duty, at "
    f"most {align.CAPACITY} duties per item (linear_sum_assignment), carried at >= {align.ACCEPT}"
)
METHOD_TASKS_VI = (
    "đối chiếu: điểm (0..1) theo mô hình logistic từ độ giống văn bản (TF-IDF theo từ và chuỗi ký tự), nhân với "
    "mức phù hợp vai trò cơ quan chủ trì, mức nổi bật của cặp so với các yêu cầu và mục khác, và việc mục có dẫn "
    "văn bản cấp trên; mục của văn bản bàn việc rộng hơn chỉ được xét khi nói đến chủ đề của văn bản cấp trên; "
    "mục dẫn đúng điều, khoản của yêu cầu được tính riêng; mỗi yêu cầu một mục, mỗi mục gánh "
    f"tối đa {align.CAPACITY} yêu cầu (phép gán tối ưu), chấp nhận từ {align.ACCEPT}"
)
METHOD_TARGETS = f"TF-IDF cosine, word segments + character 3-5-grams; covered at >= {similarity.COVERED}"
METHOD_TARGETS_VI = f"độ giống văn bản TF-IDF theo từ và chuỗi ký tự; chấp nhận từ {similarity.COVERED}"
CONFIDENCE_VI = {
    "carried": "khớp",
    "carried, item shared": "khớp (dùng chung một mục)",
    "weak match: check": "khớp yếu: cần kiểm tra",
    "no counterpart": "không có nội dung tương ứng",
    "no counterpart among targets not matched to other upstream targets": "không có chỉ tiêu tương ứng",
}


def _searched(docs: list[Document], n_items: int, kind: str = "task") -> dict[str, Any]:
    return {
        "documents": [d.number or d.title for d in docs],
        "items": n_items,
        "method": METHOD_TASKS if kind == "task" else METHOD_TARGETS,
        "method_vi": METHOD_TASKS_VI if kind == "task" else METHOD_TARGETS_VI,
    }


def _ref(item: Item) -> str:
    return f"{item.document.number or '(không số)'} {item.label or ''}".strip()


_ROLE_VI = "vai trò chủ trì {fit}"


def _parts_vi(pair: align.Pair) -> str:
    bits = [f"giống văn bản {pair.text:.2f}", f"vai trò {pair.role:.2f}"]
    if pair.ref:
        bits.append("có dẫn đúng điều, khoản")
    if pair.cites:
        bits.append("có dẫn văn bản cấp trên")
    if not pair.on_subject:
        bits.append("văn bản cấp dưới bàn việc rộng hơn, mục này không nói đến chủ đề của văn bản cấp trên")
    return ", ".join(bits)


def _parts_en(pair: align.Pair) -> str:
    bits = [f"text {pair.text:.2f}", f"role {pair.role:.2f}"]
    if pair.ref:
        bits.append("cites the article")
    if pair.cites:
        bits.append("cites the upstream document")
    if not pair.on_subject:
        bits.append("its document is about something broader and the item does not speak of the upstream's subject")
    return ", ".join(bits)


def _match_tasks(
    ups: list[Item], cands: list[Item], unit: str, docs: list[Document], upstream: list[str]
) -> tuple[list, list]:
    uncovered, matched = [], []
    decisions, pairs = align.align([_duty(u) for u in ups], [_duty(c) for c in cands], upstream=upstream)
    searched = _searched(docs, len(cands))
    for qi, (u, d) in enumerate(zip(ups, decisions, strict=True)):
        candidates = [{**cands[ci].as_json(), "score": pair.score, "parts": pair.parts()} for ci, pair in d.ranked]
        best_i = d.index if d.index is not None else (d.ranked[0][0] if d.ranked else None)
        entry: dict[str, Any] = {
            "item": u.as_json(),
            "jurisdiction": unit,
            "best_candidate": cands[best_i].as_json() if best_i is not None else None,
            "score": round(d.confidence, 3) if best_i is not None else 0.0,
            "searched": searched,
            "candidates": candidates,
        }
        if d.index is not None:
            c = cands[d.index]
            pair = pairs[qi][d.index]
            conf = "carried, item shared" if d.shared else "carried"
            entry.update(confidence=conf, confidence_vi=CONFIDENCE_VI[conf])
            shared_vi = " (mục này cũng gánh một yêu cầu khác: điểm đủ cao để dùng chung)" if d.shared else ""
            entry["why_vi"] = (
                f"{_ref(c)} được chọn: điểm {d.confidence:.2f} ≥ {align.ACCEPT} ({_parts_vi(pair)}); "
                f"là mục phù hợp nhất trong phép gán giữa {len(ups)} yêu cầu và {len(cands)} mục{shared_vi}"
            )
            entry["why"] = (
                f"{_ref(c)} chosen: score {d.confidence:.2f} >= {align.ACCEPT} ({_parts_en(pair)}); "
                f"best in the assignment of {len(ups)} duties to {len(cands)} items"
                + (" (shared with another duty: scores high enough)" if d.shared else "")
            )
            matched.append(entry)
            continue
        conf = "weak match: check" if d.confidence >= align.WEAK else "no counterpart"
        entry.update(confidence=conf, confidence_vi=CONFIDENCE_VI[conf])
        if best_i is None:
            entry["why_vi"] = "không có mục nào trong các văn bản triển khai để đối chiếu"
            entry["why"] = "no item in the implementing documents to compare with"
        else:
            other = d.taken_by.get(best_i)
            closest_vi = f"{_ref(cands[best_i])} với {_score(d.confidence)} ({_parts_vi(pairs[qi][best_i])})"
            closest_en = f"{_ref(cands[best_i])} at {_score(d.confidence)} ({_parts_en(pairs[qi][best_i])})"
            if d.confidence >= align.ACCEPT:
                # the pair was good enough, the assignment gave the item to other duties that fit it better
                named = other is not None and other != qi
                who_vi = f"yêu cầu {_duty_name(ups[other])}" if named and other is not None else "các yêu cầu khác"
                who_en = f"duty {_duty_name(ups[other])}" if named and other is not None else "other duties"
                entry["why_vi"] = (
                    f"mục gần nhất là {closest_vi}, đạt {align.ACCEPT} nhưng đã được gán cho {who_vi}: "
                    f"mỗi mục gánh tối đa {align.CAPACITY} yêu cầu, và phép gán giữ những cặp khớp hơn"
                )
                entry["why"] = (
                    f"the closest is {closest_en}, at or above {align.ACCEPT}, but it was assigned to {who_en}: "
                    f"an item carries at most {align.CAPACITY} duties and the assignment kept better pairs"
                )
            else:
                taken_vi = taken_en = ""
                if other is not None and other != qi:
                    taken_vi = f"; mục này đã được gán cho yêu cầu {_duty_name(ups[other])}"
                    taken_en = f"; that item was assigned to {_duty_name(ups[other])}"
                entry["why_vi"] = f"không mục nào đạt {align.ACCEPT}: gần nhất là {closest_vi}{taken_vi}"
                entry["why"] = f"no item reaches {align.ACCEPT}: the closest is {closest_en}{taken_en}"
        uncovered.append(entry)
    return uncovered, matched


def _score(x: float) -> str:
    """A score as a reason prints it: two decimals, three where two would round it onto the other side of
    the accept threshold (0.926 is not "0.93" in "không mục nào đạt 0.93")."""
    two = f"{x:.2f}"
    return two if (float(two) >= align.ACCEPT) == (x >= align.ACCEPT) else f"{x:.3f}"


def _duty_name(u: Item) -> str:
    """A duty as a reason names it: its label ("Điều 8.2.a"), or its opening words for one without."""
    return u.label or f"“{short(u.text, 60)}”"


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
                    "kind_vi": "hạ thấp" if not downward else "nới lỏng (tăng mức trần)",
                    "from": u.value,
                    "to": d.value,
                    "text": f"{_num(u.value)}{unit} → {_num(d.value)}{unit}",
                }
            )
    if u.year and d.year and d.year > u.year:
        out.append(
            {
                "kind": "postponed",
                "kind_vi": "lùi thời hạn",
                "from": u.year,
                "to": d.year,
                "text": f"{u.year} → {d.year}",
            }
        )
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
                    "searched": _searched(docs, len(cands), "target"),
                    "confidence": "carried",
                    "confidence_vi": CONFIDENCE_VI["carried"],
                    "why": f"{_ref(d)}: the most similar target ({score:.2f} >= {similarity.COVERED}), same unit",
                    "why_vi": f"{_ref(d)}: chỉ tiêu giống nhất ({score:.2f} ≥ {similarity.COVERED}), cùng đơn vị tính",
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
                "searched": _searched(docs, len(cands), "target"),
                "confidence": "no counterpart among targets not matched to other upstream targets",
                "confidence_vi": CONFIDENCE_VI["no counterpart among targets not matched to other upstream targets"],
                "why": (
                    f"no target with the same unit reaches {similarity.COVERED}"
                    + (f"; the closest is {_ref(cands[best.index])} at {best.score:.2f}" if best.index >= 0 else "")
                ),
                "why_vi": (
                    f"không chỉ tiêu nào cùng đơn vị tính đạt {similarity.COVERED}"
                    + (f"; gần nhất là {_ref(cands[best.index])} với {best.score:.2f}" if best.index >= 0 else "")
                ),
            }
        )
    return uncovered, matched, weakened


def _name_links(session: Session, srcs: set[int], dsts: set[int]) -> dict[int, tuple[str, str | None, int]]:
    """src -> (resolved_by, matched name, dst) of its citations made by name to documents in `dsts`."""
    out: dict[int, tuple[str, str | None, int]] = {}
    ids = sorted(srcs)
    for i in range(0, len(ids), 5000):
        rows = session.execute(
            select(Citation.src_id, Citation.dst_id, Citation.resolved_by, Citation.matched_name).where(
                Citation.src_id.in_(ids[i : i + 5000]), Citation.resolved_by.is_not(None)
            )
        )
        for src, dst, by, name in rows:
            if dst in dsts:
                out[int(src)] = (str(by), name, int(dst))
    return out


def _with_link(d: Document, links: dict[int, tuple[str, str | None, int]]) -> dict[str, Any]:
    out = doc_json(d)
    by, name, _ = links.get(d.id, ("number", None, 0))
    out["link"] = {"resolved_by": by, "matched_name": name}
    return out


_YEARS = re.compile(r"\b(?:19|20)\d\d\b")


def _probable(
    session: Session, doc: Document, units: list[Unit], below: str, linked: set[int], up_tasks: list[Item]
) -> list[dict[str, Any]]:
    """Held documents of the units below that carry the same named programme without citing `doc` (a
    province's "Kế hoạch “X” giai đoạn 2012-2020" where `doc` approved "Đề án “X” giai đoạn 2012-2020"):
    offered with their evidence (the name, the period, the duties they carry), never counted as covering."""
    own = session.scalars(select(ProgrammeName).where(ProgrammeName.document_id == doc.id)).all()
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for n in own:
        rows = session.execute(
            select(ProgrammeName, Document)
            .join(Document, Document.id == ProgrammeName.document_id)
            .where(
                or_(ProgrammeName.name_key == n.name_key, ProgrammeName.name_key.like(f"%{n.name_key}%")),
                Document.in_corpus.is_(True),
                Document.id != doc.id,
                ProgrammeName.source != "placeholder",
            )
        ).all()
        for pn, d in rows:
            if d.id in linked or d.id in seen or not _unit_of(d, below, units):
                continue
            seen.add(d.id)
            years_up, years_d = set(_YEARS.findall(n.name_key)), set(_YEARS.findall(pn.name_key))
            same_period = bool(years_up) and years_up <= years_d
            carried: list[dict[str, Any]] = []
            cands = _tasks(session, [d], None)
            if up_tasks and cands:
                decisions, _ = align.align(
                    [_duty(u) for u in up_tasks], [_duty(c) for c in cands], upstream=[doc.number or ""]
                )
                carried = [
                    {"upstream_item": up_tasks[i].label, "downstream_item": cands[dec.index].label}
                    for i, dec in enumerate(decisions)
                    if dec.index is not None
                ]
            unit = _unit_of(d, below, units)[0].name
            label = f"{n.kind[:1].upper()}{n.kind[1:]} “{n.name}”"
            period_vi = "cùng giai đoạn" if same_period else "giai đoạn khác hoặc không nêu"
            duties_vi = (
                f"{len(carried)}/{len(up_tasks)} yêu cầu có mục tương ứng" if up_tasks else "không xét được nhiệm vụ"
            )
            out.append(
                {
                    "document": doc_json(d),
                    "jurisdiction": unit,
                    "label": "probable implementation",
                    "label_vi": "có thể là văn bản triển khai",
                    "counted": False,
                    "evidence": {
                        "upstream_name": label,
                        "document_name": pn.name,
                        "same_period": same_period,
                        "duties_carried": carried,
                        "duties_checked": len(up_tasks),
                    },
                    "why": (
                        f"{d.number or d.title} carries a programme of the same name ({label}) without citing "
                        f"{doc.number}; {'same' if same_period else 'other or no'} period; "
                        f"{len(carried)}/{len(up_tasks)} duties have a counterpart. "
                        "Not counted: a person should confirm"
                    ),
                    "why_vi": (
                        f"{d.number or d.title} triển khai chương trình cùng tên ({label}) nhưng không dẫn chiếu "
                        f"{doc.number}; {period_vi}; {duties_vi}. Chưa được tính: cần người xác nhận"
                    ),
                }
            )
    return out


def gap_report(session: Session, doc: Document, jurisdiction: str | None = None) -> GapReport:
    """{"upstream", "missing_jurisdictions", "uncovered", "weakened"} plus "covered_jurisdictions",
    "matched" (items that have a counterpart, with it and its score), "probable_implementations" and
    "notes" (English) with "notes_vi" (Vietnamese, for people)."""
    notes: list[str] = []
    notes_vi: list[str] = []
    below, units = _units_below(doc)
    if below is None:
        notes.append(
            f"the level of {doc.number} is unknown ({doc.issuer or 'issuer unknown'}): "
            "cannot tell which jurisdictions are below it"
        )
        notes_vi.append(
            f"không rõ cấp của {doc.number} ({doc.issuer or 'không rõ cơ quan ban hành'}): "
            "không xác định được các địa bàn cấp dưới"
        )
    elif not units:
        notes.append(
            f"no {below} list for a {doc.level} document dated {doc.issued_date or 'unknown'}"
            + (" (districts were abolished on 1 July 2025)" if below == "district" else "")
        )
        notes_vi.append(
            f"không có danh sách đơn vị cấp dưới cho văn bản ngày {doc.issued_date or 'không rõ'}"
            + (" (cấp huyện đã bỏ từ 01/7/2025)" if below == "district" else "")
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
    links = _name_links(session, wanted, wanted | {doc.id})
    covered: list[dict[str, Any]] = [
        {
            "name": u.name,
            "level": u.level,
            "successor": u.successor,
            "documents": [_with_link(d, links) for d in by_unit[u.name]],
        }
        for u in units
        if u.name in by_unit
    ]
    for unit in covered:
        for d in unit["documents"]:
            if d["link"]["resolved_by"] == "name":
                notes.append(
                    f"{unit['name']}: {d['number'] or d['title']} counts as implementing {doc.number or doc.title} "
                    f"through a link by name ({d['link']['matched_name']}), not by number"
                )
                notes_vi.append(
                    f"{unit['name']}: {d['number'] or d['title']} được tính là văn bản triển khai "
                    f"{doc.number or doc.title} qua liên kết theo tên ({d['link']['matched_name']}), không theo số "
                    f"ký hiệu; trích yếu: “{d['title'] or ''}”"
                )
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
        "probable_implementations": [],
        "notes": notes,
        "notes_vi": notes_vi,
    }
    levels = _LOCAL.get(below or "")
    up_tasks = _tasks(session, [doc], levels) if levels and doc.in_corpus else []
    clauses = [t for t in up_tasks if align.is_execution_clause(t.text)]
    up_tasks = [t for t in up_tasks if t not in clauses]
    if below in ("province", "district") and units:
        probable = _probable(session, doc, units, below, wanted, up_tasks)
        report["probable_implementations"] = probable
        for p in probable:
            notes.append(f"{p['jurisdiction']}: {p['why']}")
            notes_vi.append(f"{p['jurisdiction']}: {p['why_vi']}")
    if not doc.in_corpus:
        notes.append(
            f"{doc.number or doc.title} is known only from citations: its own tasks and targets are "
            "unknown, so content gaps cannot be checked (only which jurisdictions have no implementing "
            "document)"
        )
        notes_vi.append(
            f"{doc.number or doc.title} chỉ được biết qua dẫn chiếu của văn bản khác: chưa có nội dung nên không "
            "xét được nhiệm vụ, chỉ tiêu; chỉ xét được địa bàn nào chưa có văn bản triển khai"
        )
        return GapReport.model_validate(report)
    up_targets = _targets(session, [doc])
    report["upstream"]["items_checked"] = {"tasks": len(up_tasks), "targets": len(up_targets)}
    for t in clauses:
        notes.append(f"{_duty_name(t)}: an execution clause (who signs off), not a duty; not checked")
        notes_vi.append(
            f"{_duty_name(t)}: điều khoản thi hành (ai chịu trách nhiệm thi hành), không phải nhiệm vụ; không xét"
        )
    if not up_tasks and not up_targets:
        notes.append(f"{doc.number} assigns no task to the {below} level and sets no target")
        notes_vi.append(f"{doc.number} không giao nhiệm vụ cho cấp dưới và không đặt chỉ tiêu")
    for unit in covered:
        name = str(unit["name"])
        unit_docs = by_unit[name]
        # an execution clause carries nothing down either
        cand_tasks = [t for t in _tasks(session, unit_docs, None) if not align.is_execution_clause(t.text)]
        cand_targets = _targets(session, unit_docs)
        unc, mat = _match_tasks(up_tasks, cand_tasks, name, unit_docs, [doc.number or ""])
        unc_t, mat_t, weak = _match_targets(up_targets, cand_targets, name, unit_docs)
        report["uncovered"] += unc + unc_t
        report["matched"] += mat + mat_t
        report["weakened"] += weak
    return GapReport.model_validate(report)
