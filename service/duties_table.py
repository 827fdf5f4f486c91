"""The duty board as one table (CSV, XLSX) for people who work in spreadsheets: one row per agency and
task, Vietnamese column names and values (vai trò "Chủ trì"/"Phối hợp", dates dd/mm/yyyy)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.shapes import Duty
from service import labels_vi, spreadsheet

COLUMNS = [
    "Tỉnh, thành phố (2025)",  # the 2025 province (the legacy one in brackets when it differs)
    "Cơ quan",  # agency
    "Vai trò",  # lead / support
    "Mục",  # task label
    "Nhiệm vụ",  # task text
    "Thời hạn",  # deadline as written
    "Hạn chót",  # the last day, dd/mm/yyyy
    "Tình trạng",  # overdue / due soon / later / no deadline
    "Văn bản giao",  # the document
    "Cơ quan ban hành",  # its issuer
    "Ngày ban hành",  # its date
    "Văn bản gốc",  # the national document it carries out
]
WIDTHS = (20, 30, 10, 10, 70, 24, 12, 16, 18, 30, 14, 18)


def where(d: Duty) -> str:
    """The duty's province as people name it now, the legacy one in brackets ("Vĩnh Long (Vĩnh Long)")."""
    j = d.jurisdiction
    place = j.province or "Mọi tỉnh, thành phố"
    if j.successor and j.successor != j.province:
        place = f"{j.successor} ({place})"
    return place


def state(due: str | None, today: str) -> str:
    """Overdue, due within 30 days, later, or no deadline, as of `today` (ISO)."""
    if not due:
        return "Không có thời hạn"
    if due < today:
        return "Quá hạn"
    soon = (dt.date.fromisoformat(today) + dt.timedelta(days=30)).isoformat()
    return "Sắp đến hạn" if due <= soon else "Còn hạn"


def rows(duties: list[Duty], today: str | None = None) -> list[list[Any]]:
    today = today or dt.date.today().isoformat()
    out: list[list[Any]] = []
    for d in duties:
        doc, root = d.document, d.root
        out.append(
            [
                where(d),
                d.agency,
                labels_vi.duty_role(d.role),
                d.task.label or "",
                d.task.text,
                d.task.deadline or "",
                labels_vi.date(d.task.due_date),
                state(d.task.due_date, today),
                doc.number or "",
                doc.issuer or "",
                labels_vi.date(doc.issued_date),
                root.number or "" if root and root.id != doc.id else "",
            ]
        )
    return out


def to_csv(duties: list[Duty]) -> bytes:
    return spreadsheet.to_csv(COLUMNS, rows(duties))


def to_xlsx(duties: list[Duty]) -> bytes:
    return spreadsheet.to_xlsx("Nhiệm vụ", COLUMNS, rows(duties), WIDTHS)
