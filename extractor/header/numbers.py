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
from dataclasses import dataclass, field

from extractor import patterns as P
from extractor import symbols
from extractor.doc import Doc
from extractor.header.zones import Zones

HANDWRITTEN_VI = "số, ngày viết tay hoặc không đọc được — cần nhập"
HANDWRITTEN_EN = "number or day written by hand or unreadable: to be entered"


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


def _part(raw: str) -> tuple[str | None, bool]:
    """(value, unreadable) of a day or month as printed after "ngày"/"tháng"."""
    if m := P.DATE_PART.match(raw):
        return _digits(m["v"]), False
    return None, not P.BLANK_PART.match(raw)


def read_date(doc: Doc, z: Zones) -> Dated:
    place = doc.text[z.place[0] : z.place[1]].strip(' “"') if z.place else None
    m = P.HEADER_DATE.match(z.ascii, z.date[0]) if z.date else None
    if m is None:
        return Dated(place, None)
    (d, bad_d), (mo, bad_m) = _part(m["d"]), _part(m["m"])
    try:
        iso = dt.date(int(_digits(m["y"]) or 0), int(mo or 0), int(d or 0)).isoformat() if d and mo else None
    except ValueError:
        iso = None
    flags = [("handwritten", HANDWRITTEN_VI)] if bad_d or bad_m else []
    return Dated(place, iso, flags)
