"""Số, ký hiệu (ô 3) and địa danh, ngày (ô 4), with honest blanks.

"Số: 674/UBND-VX"                  -> 674/UBND-VX
"Số: /KH-UBND"                     -> /KH-UBND (a draft keeps the blank it prints)
"Số: 4†‡ /CT-UBND" (handwritten)    -> null, flagged: a clerk fills a blank but trusts a filled field
"Quảng Bình, ngày 24 tháng 4 năm 2017"      -> Quảng Bình, 2017-04-24
"Lạng Giang, ngày   tháng 7 năm 2023"       -> Lạng Giang, null (a draft)
"Hà Nội, ngày l8 tháng 6 năm 2022" (OCR)    -> 2022-06-18 (l and I read for 1, O for 0, inside digits)
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from extractor import patterns as P
from extractor import symbols
from extractor.doc import Doc
from extractor.header.zones import Zones
from models.record import SignatureInfo

HANDWRITTEN_VI = "số, ngày viết tay hoặc không đọc được — cần nhập"
HANDWRITTEN_EN = "number or day written by hand or unreadable: to be entered"
Flagged = tuple[str, str, str]  # (reason, message_vi, message)
HANDWRITTEN: Flagged = ("handwritten", HANDWRITTEN_VI, HANDWRITTEN_EN)


class Unsure:
    """Where the intake could not read the page with confidence (handwriting, stamps), for spans of the
    cleaned text: a value read there is not trusted."""

    def __init__(self, doc: Doc, ranges: tuple[tuple[int, int], ...]) -> None:
        self.doc, self.ranges = doc, ranges
        self.starts = [a for a, _ in ranges]

    def covers(self, start: int, end: int) -> bool:
        if not self.ranges or end <= start:
            return False
        a, b = self.doc.source_offset(start), self.doc.source_offset(end - 1) + 1
        i = bisect.bisect_right(self.starts, b) - 1
        return i >= 0 and any(s < b and e > a for s, e in self.ranges[max(0, i - 3) : i + 1])


@dataclass
class Number:
    value: str | None
    flags: list[Flagged] = field(default_factory=list)


@dataclass
class Dated:
    place: str | None
    iso: str | None
    flags: list[Flagged] = field(default_factory=list)


def read_number(doc: Doc, z: Zones, unsure: Unsure | None = None) -> Number:
    if not z.number_value:
        return Number(None)
    start, end = z.number_value
    raw = P.NUMBER_DEBRIS.sub("", doc.text[start:end].strip())  # "985/QĐ-TTg_": a seal's stroke read as "_"
    raw = P.DASH_THEN_BREAK.sub("-", raw)  # a joint symbol wrapped after a dash (zones._value_end)
    sym = symbols.parse(raw)
    slash = doc.text.find("/", start, end)
    digits_unsure = unsure is not None and unsure.covers(start, slash if slash > start else end)
    if sym and not digits_unsure and (sym.number[0].isdigit() or _blank_before_slash(raw)):
        return Number(sym.number)
    # the digits before "/" are neither printed nor left blank, or the scan says they are hand-written
    return Number(None, [HANDWRITTEN])


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


def read_date(doc: Doc, z: Zones, unsure: Unsure | None = None) -> Dated:
    place = doc.text[z.place[0] : z.place[1]].strip(' “"') if z.place else None
    m = P.HEADER_DATE.match(z.ascii, z.date[0]) if z.date else None
    if m is None:
        return Dated(place, None)
    (d, bad_d), (mo, bad_m) = _part(m["d"]), _part(m["m"])
    if unsure is not None and unsure.covers(m.start(), m.end("m")):
        bad_d = bad_d or bool(d)  # the day or month as read lies where the scan is hand-written or unreadable
        d = None
    try:
        iso = dt.date(int(_digits(m["y"]) or 0), int(mo or 0), int(d or 0)).isoformat() if d and mo else None
    except ValueError:
        iso = None
    return Dated(place, iso, [HANDWRITTEN] if bad_d or bad_m else [])


def with_signature(flags: list[Flagged], signatures: tuple[SignatureInfo, ...]) -> list[Flagged]:
    """A blank date flagged for a person also offers the day the file was signed (e-office PDFs): the first
    signature is the issuing body's; it is a hint, since a letter may be signed days after its date."""
    signed = next((s.signed_at for s in signatures if s.signed_at), None)
    if not flags or signed is None:
        return flags
    day = signed.strftime("%d/%m/%Y")
    return [
        (r, f"{vi}; ngày ký số trên tệp: {day}", f"{en}; the file was signed on {signed.date().isoformat()}")
        for r, vi, en in flags
    ]
