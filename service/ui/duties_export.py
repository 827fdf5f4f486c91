"""The duty board as a spreadsheet (CSV, XLSX) for the UI's export link: the rows the board shows,
Vietnamese column names, dates as dd/mm/yyyy.

The API's own export (/api/duties/export) may replace this route's body; the columns are the board's.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from graph.shapes import Duty
from service.ui import labels

COLUMNS = [
    "Thời hạn",
    "Thời hạn (nguyên văn)",
    "Tình trạng",
    "Cơ quan",
    "Vai trò",
    "Mục",
    "Nhiệm vụ",
    "Văn bản giao",
    "Ngày ban hành",
    "Văn bản gốc",
    "Địa bàn",
]
WIDTHS = (12, 22, 16, 36, 10, 8, 70, 20, 14, 20, 20)


def rows(duties: list[Duty], today: str) -> list[list[Any]]:
    out: list[list[Any]] = []
    for d in duties:
        place = d.jurisdiction.province or "các tỉnh"
        if d.jurisdiction.district:
            place += f" / {d.jurisdiction.district}"
        out.append(
            [
                labels.vndate(d.task.due_date) if d.task.due_date else "",
                d.task.deadline or "",
                labels.due_state(d.task.due_date, today)[1],
                d.agency,
                labels.DUTY_ROLE.get(d.role, d.role),
                d.task.label or "",
                d.task.text,
                d.document.number or d.document.title or "",
                labels.vndate(d.document.issued_date) if d.document.issued_date else "",
                (d.root.number or "") if d.root and d.root.id != d.document.id else "",
                place,
            ]
        )
    return out


def _cell(v: Any) -> Any:
    # a text starting with "=" (or "-", "+", "@") would be run as a formula by a spreadsheet: keep it text
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


def to_csv(duties: list[Duty], today: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    writer.writerows([_cell(v) for v in row] for row in rows(duties, today))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8 as such


def to_xlsx(duties: list[Duty], today: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows(duties, today):
        ws.append([_cell(v) for v in row])
    for col, width in zip("ABCDEFGHIJK", WIDTHS, strict=True):
        ws.column_dimensions[col].width = width
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
