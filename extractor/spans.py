"""Where each finding sits, in the cleaned text and in the text the intake produced: what the UI
highlights and what a clerk's correction points at."""

from __future__ import annotations

from typing import Literal

from extractor.doc import Doc
from extractor.header import HeaderResult
from extractor.references import Mention, mention_key
from extractor.targets import TargetFinding
from extractor.tasks import TaskFinding
from models.record import Span

Kind = Literal["header", "reference", "agency", "task", "target"]


class _Spans:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.out: list[Span] = []

    def add(self, kind: Kind, label: str, start: int, end: int, field: str | None) -> None:
        if end > start:
            self.out.append(
                Span(
                    kind=kind,
                    label=label,
                    start=start,
                    end=end,
                    field=field,
                    source_start=self.doc.source_offset(start),
                    source_end=self.doc.source_offset(end - 1) + 1,
                )
            )


def find_spans(
    doc: Doc, hdr: HeaderResult, mentions: list[Mention], tasks: list[TaskFinding], targets: list[TargetFinding]
) -> list[Span]:
    spans = _Spans(doc)
    for field, s, e in hdr.spans:
        spans.add("header", field.split(".")[-1], s, e, field)
    keys = list(dict.fromkeys(mention_key(m) for m in mentions))
    for m in mentions:
        idx = keys.index(mention_key(m))
        for s, e in m.spans:
            spans.add("reference", m.number or m.doc_type or "Luật", s, e, f"references[{idx}]")
    for i, t in enumerate(tasks):
        spans.add("task", t.label or "—", t.start, t.end, f"tasks[{i}]")
        for s, e, name in t.agency_spans:
            spans.add("agency", name, s, e, f"tasks[{i}]")
    for i, g in enumerate(targets):
        spans.add("target", f"{g.value}{g.unit if g.unit == '%' else ' ' + g.unit}", g.start, g.end, f"targets[{i}]")
    spans.out.sort(key=lambda s: (s.start, -s.end))
    return spans.out
