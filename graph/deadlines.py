"""When a task is due: the last day its deadline allows, as an ISO date, for "due before" filters.

"2014-07-25" -> 2014-07-25      "Trong năm 2014", "2025" -> 2014-12-31, 2025-12-31
"quý II/2024" -> 2024-06-30     "tháng 9/2023", "tháng 9 năm 2023" -> 2023-09-30
"hàng năm", "định kỳ hàng quý", "thường xuyên" -> None (recurring: no single due date)
"""

from __future__ import annotations

import calendar
import re

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:/|năm)\s*((?:19|20)\d\d)", re.I)
_QUARTER = re.compile(r"quý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm)\s*((?:19|20)\d\d)", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_FROM_ONLY = re.compile(r"^\s*(?:kể\s+)?từ\b(?!.*\b(?:đến|tới|trước)\b)", re.I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def due_date(deadline: str | None) -> str | None:
    if not deadline:
        return None
    if _FROM_ONLY.search(deadline):
        return None  # "từ năm 2013": when it starts, not when it is due
    if m := _ISO.search(deadline):
        return m.group(0)
    if m := _DMY.search(deadline):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            return f"{year:04d}-{month:02d}-{day:02d}"
    if m := _QUARTER.search(deadline):
        q = _ROMAN.get(m[1].upper()) or int(m[1])
        return _month_end(int(m[2]), q * 3)
    if (m := _MONTH.search(deadline)) and 1 <= int(m[1]) <= 12:
        return _month_end(int(m[2]), int(m[1]))
    years = _YEAR.findall(deadline)
    if years:
        return f"{max(int(y) for y in years):04d}-12-31"
    return None
