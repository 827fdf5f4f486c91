"""Tables for people who work in spreadsheets: CSV (UTF-8 with a BOM, so Excel reads it as such) and
XLSX (bold header, wrapped cells, frozen first row), with cells that a spreadsheet would run as a
formula kept as text. The gap report (service/gaps_table.py) and the duty board
(service/duties_table.py) are written through here."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(v: Any) -> Any:
    # a text starting with "=" (or "-", "+", "@") would be run as a formula by a spreadsheet: keep it text
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else cell(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8 as such


def to_xlsx(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(list(columns))
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in rows:
        ws.append([cell(v) for v in row])
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row_cells in ws.iter_rows(min_row=2):
        for c in row_cells:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
