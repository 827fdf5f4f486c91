"""The gap report as one table (CSV, XLSX) for people who work in spreadsheets.

One row per finding, Vietnamese column names and words: a document that may implement without citing
(never counted), a jurisdiction with no implementing document, an upstream item with no counterpart
(with the best candidate and its score), an item carried down (the
same, for checking), and a target lowered or postponed. Every row names its evidence.
"""

from __future__ import annotations

from typing import Any

from graph.shapes import GapReport
from service import spreadsheet

COLUMNS = [
    "Loại",  # kind of finding
    "Địa bàn",  # jurisdiction
    "Văn bản cấp trên",  # upstream document
    "Mục",  # upstream item label
    "Nội dung yêu cầu",  # upstream item text
    "Văn bản cấp dưới",  # downstream document
    "Mục tương ứng",  # best candidate label
    "Nội dung tương ứng",  # best candidate text
    "Điểm tương đồng",  # score
    "Thay đổi",  # change (lowered / postponed)
    "Ghi chú",  # confidence, what was searched
]
KINDS = {
    "probable": "Có thể là văn bản triển khai",
    "missing": "Chưa có văn bản triển khai",
    "uncovered": "Chưa được cụ thể hóa",
    "matched": "Đã cụ thể hóa",
    "weakened": "Chỉ tiêu bị hạ/lùi",
}


def rows(report: GapReport) -> list[list[Any]]:
    up = report.upstream
    number = up.number or up.title or ""
    out: list[list[Any]] = []
    for m in report.missing_jurisdictions:
        out.append(
            [
                KINDS["missing"],
                m.name,
                number,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                f"không có văn bản nào của {m.name} triển khai {number}",
            ]
        )
    for p in report.probable_implementations:
        doc = p.document
        out.append(
            [
                KINDS["probable"],
                p.jurisdiction,
                number,
                "",
                "",
                doc.number or doc.title or "",
                "",
                doc.title or "",
                "",
                "",
                p.why_vi,
            ]
        )
    for key, entries in (("uncovered", report.uncovered), ("matched", report.matched)):
        for r in entries:
            item, best = r.item, r.best_candidate
            note = "; ".join(x for x in (r.confidence_vi, r.why_vi) if x)
            out.append(
                [
                    KINDS[key],
                    r.jurisdiction,
                    item.document or number,
                    item.label or "",
                    item.text,
                    (best.document if best else None) or "",
                    (best.label if best else None) or "",
                    (best.text if best else None) or "",
                    r.score,
                    "",
                    note,
                ]
            )
    for w in report.weakened:
        u, d = w.upstream_item, w.downstream_item
        out.append(
            [
                KINDS["weakened"],
                w.jurisdiction,
                u.document or number,
                u.label or "",
                u.text,
                d.document or "",
                d.label or "",
                d.text,
                w.score,
                " ".join(x for x in (w.change.kind_vi, w.change.text) if x),
                "",
            ]
        )
    return out


def to_csv(report: GapReport) -> bytes:
    return spreadsheet.to_csv(COLUMNS, rows(report))


def to_xlsx(report: GapReport) -> bytes:
    return spreadsheet.to_xlsx("Khoảng trống", COLUMNS, rows(report), (24, 18, 18, 10, 60, 18, 12, 60, 10, 14, 40))
