"""The gap report as one table (CSV, XLSX) for people who work in spreadsheets.

One row per finding, Vietnamese column names and words: a document that may implement without citing
(never counted), a jurisdiction with no implementing document, an upstream item with no counterpart
(with the best candidate and its score), an item carried down (the
same, for checking), and a target lowered or postponed. Every row names its evidence.
"""

from __future__ import annotations

import csv
import io
from typing import Any

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


def rows(report: dict[str, Any]) -> list[list[Any]]:
    up = report["upstream"]
    number = up.get("number") or up.get("title") or ""
    out: list[list[Any]] = []
    for m in report.get("missing_jurisdictions", []):
        out.append(
            [
                KINDS["missing"],
                m.get("name"),
                number,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                f"không có văn bản nào của {m.get('name')} triển khai {number}",
            ]
        )
    for p in report.get("probable_implementations", []):
        d = p.get("document") or {}
        out.append(
            [
                KINDS["probable"],
                p.get("jurisdiction"),
                number,
                "",
                "",
                d.get("number") or d.get("title") or "",
                "",
                d.get("title") or "",
                "",
                "",
                p.get("why_vi") or "",
            ]
        )
    for key in ("uncovered", "matched"):
        for r in report.get(key, []):
            item, best = r["item"], r.get("best_candidate") or {}
            note = "; ".join(x for x in (confidence_vi(r), r.get("why_vi")) if x)
            out.append(
                [
                    KINDS[key],
                    r.get("jurisdiction"),
                    item.get("document") or number,
                    item.get("label") or "",
                    item.get("text"),
                    best.get("document") or "",
                    best.get("label") or "",
                    best.get("text") or "",
                    r.get("score"),
                    "",
                    note,
                ]
            )
    for w in report.get("weakened", []):
        u, d = w["upstream_item"], w["downstream_item"]
        out.append(
            [
                KINDS["weakened"],
                w.get("jurisdiction"),
                u.get("document") or number,
                u.get("label") or "",
                u.get("text"),
                d.get("document") or "",
                d.get("label") or "",
                d.get("text"),
                w.get("score", ""),
                " ".join(x for x in ((w.get("change") or {}).get("kind_vi"), (w.get("change") or {}).get("text")) if x),
                "",
            ]
        )
    return out


def confidence_vi(entry: dict[str, Any]) -> str:
    """The Vietnamese confidence word of a report entry (graph.gaps gives it beside the English one)."""
    from graph.gaps import CONFIDENCE_VI

    c = entry.get("confidence")
    return str(entry.get("confidence_vi") or CONFIDENCE_VI.get(c or "", c or ""))


def to_csv(report: dict[str, Any]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    for row in rows(report):
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8 as such


def to_xlsx(report: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Khoảng trống"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows(report):
        ws.append([_cell(v) for v in row])
    for col, width in zip("ABCDEFGHIJK", (24, 18, 18, 10, 60, 18, 12, 60, 10, 14, 40), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(v: Any) -> Any:
    # a text starting with "=" (or "-", "+", "@") would be run as a formula by a spreadsheet: keep it text
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v
