"""Số, ký hiệu (ô 3) and địa danh, ngày (ô 4), with honest blanks.

"Số: 674/UBND-VX"                  -> 674/UBND-VX
"Số: /KH-UBND"                     -> /KH-UBND (a draft keeps the blank it prints)
"Số: 4†‡ /CT-UBND" (handwritten)    -> null, flagged: a clerk fills a blank but trusts a filled field
"Quảng Bình, ngày 24 tháng 4 năm 2017"      -> Quảng Bình, 2017-04-24
"Lạng Giang, ngày   tháng 7 năm 2023"       -> Lạng Giang, null (a draft)
"Hà Nội, ngày l8 tháng 6 năm 2022" (OCR)    -> 2022-06-18 (l and I read for 1, O for 0, inside digits)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extractor import patterns as P
from extractor import symbols
from extractor.doc import Doc
from extractor.header.zones import Zones

HANDWRITTEN_VI = "số, ngày viết tay hoặc không đọc được — cần nhập"


@dataclass
class Number:
    value: str | None
    flags: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Dated:
    place: str | None
    iso: str | None
    flags: list[tuple[str, str]] = field(default_factory=list)


def read_number(doc: Doc, z: Zones) -> Number:
    if not z.number_value:
        return Number(None)
    raw = doc.text[z.number_value[0] : z.number_value[1]].strip()
    sym = symbols.parse(raw)
    if sym and (sym.number[0].isdigit() or _blank_before_slash(raw)):
        return Number(sym.number)
    # the digits before "/" are neither printed nor left blank: written by hand, or OCR debris
    return Number(None, [("handwritten", HANDWRITTEN_VI)])


def _blank_before_slash(raw: str) -> bool:
    """A draft leaves the number blank: nothing, dots or underscores before the "/"."""
    head = raw.split("/", 1)[0]
    return not head.strip(" ._…")


def _digits(s: str | None) -> str | None:
    """OCR's letters for digits, inside a group of digits: "l8" -> "18", "2O24" -> "2024"."""
    if s is None:
        return None
    return s.translate(str.maketrans("lio", "110")).replace(" ", "")


def read_date(doc: Doc, z: Zones) -> Dated:
    place = doc.text[z.place[0] : z.place[1]].strip(' “"') if z.place else None
    if not z.date:
        return Dated(place, None)
    m = P.HEADER_DATE.match(z.ascii, z.date[0])
    if m is None:
        return Dated(place, None)
    d, mo, y = _digits(m["d"]), _digits(m["m"]), _digits(m["y"])
    try:
        iso = dt.date(int(y or 0), int(mo or 0), int(d or 0)).isoformat() if d and mo else None
    except ValueError:
        iso = None
    flags = []
    if iso is None and _debris(doc.text[z.date[0] : z.date[1]]):
        flags.append(("handwritten", HANDWRITTEN_VI))
    return Dated(place, iso, flags)


def _debris(date_text: str) -> bool:
    """Marks that are neither digits nor the blank a draft leaves: a day written in by hand."""
    return bool(re.search(r"[^\w\s.…_]|\b\w*\d\w*[^\d\s]\w*\b", re.sub(r"(?i)ngày|tháng|năm|\d{4}", " ", date_text)))
