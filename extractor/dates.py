"""Dates as Vietnamese documents print them.

"ngày 24 tháng 4 năm 2017"   -> 2017-04-24
"ngày 09/01/2013", "14/3/2014", "ngày 26-4-2013"
"ngày 26 tháng 0 6 năm 2018" -> 2018-06-26 (a digit split by conversion)
"ngày   tháng 7 năm 2023"    -> None (a draft: the day is left blank)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from extractor import patterns as P

DATE_WORDS = P.DATE_WORDS
DATE_NUMERIC = P.DATE_NUMERIC


@dataclass(frozen=True)
class FoundDate:
    iso: str | None  # None when the document leaves part of it blank
    start: int
    end: int
    year: int | None


def _iso(d: str | None, m: str | None, y: str) -> str | None:
    if not d or not m:
        return None
    try:
        return dt.date(int(y), int(m.replace(" ", "")), int(d.replace(" ", ""))).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    out = []
    for m in DATE_WORDS.finditer(text):
        out.append(FoundDate(_iso(m["d"], m["m"], m["y"]), m.start(), m.end(), int(m["y"])))
    taken = [(f.start, f.end) for f in out]
    for m in DATE_NUMERIC.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        iso = _iso(m["d"], m["m"], m["y"])
        if iso:
            out.append(FoundDate(iso, m.start(), m.end(), int(m["y"])))
    return sorted(out, key=lambda f: f.start)


def date_at(text: str, pos: int = 0, window: int = 12) -> FoundDate | None:
    """A date starting within `window` characters of `pos` (after a comma, "ban hành", ...)."""
    for f in find_dates(text[pos : pos + window + 40]):
        if f.start <= window:
            return FoundDate(f.iso, f.start + pos, f.end + pos, f.year)
    return None
