"""Where the header lacks its number or date, the document still says them elsewhere.

a Công báo page heading      "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018 hướng dẫn ..."
a consolidated text           its authentication block at the end: "Số: 22/VBHN-VPQH / XÁC THỰC VĂN BẢN HỢP NHẤT"
a decision with an attachment "(Ban hành kèm theo Quyết định số 684/QĐ-UBND, ngày 24/4/2013 ...)"
"""

from __future__ import annotations

from extractor import patterns as P
from extractor import symbols
from extractor.dates import find_dates
from extractor.doc import Doc
from extractor.folding import ascii_fold, fold
from extractor.header.zones import Zones, type_of_line
from models.record import DocumentHeader

SpanRecord = tuple[str, int, int]


def apply(doc: Doc, h: DocumentHeader, z: Zones, spans: list[SpanRecord]) -> None:
    if h.number is None and z.number is None:
        _from_heading(doc, h, spans)
    consolidated = h.doc_type == "Văn bản hợp nhất" or bool(P.AUTHENTICATED.search(doc.match))
    if consolidated and (h.number is None or h.doc_type != "Văn bản hợp nhất" or "/VBHN-" not in h.number):
        _from_authentication(doc, h, spans)
    if h.number is None or h.issued_date is None:
        _from_attachment(doc, h, spans)


def _from_heading(doc: Doc, h: DocumentHeader, spans: list[SpanRecord]) -> None:
    """A Công báo page heading names the document in its first lines."""
    for ln in doc.lines()[:15]:
        low = ascii_fold(ln.text.strip())
        m = P.TYPE_NUMBER_HEADING.match(low)
        if not m:
            continue
        offset = ln.start + len(ln.text) - len(ln.text.lstrip())
        sym = symbols.parse(doc.text[offset + m.start("num") : offset + m.end("num")])
        if not sym:
            continue
        h.number = sym.number
        h.doc_type = h.doc_type or type_of_line(ln.text.strip()[: m.end("type")].upper())
        dates = find_dates(ln.text[m.end() - 1 : m.end() + 40])
        h.issued_date = h.issued_date or (dates[0].iso if dates else None)
        spans.append(("document.number", ln.start, ln.end))
        return


def _from_authentication(doc: Doc, h: DocumentHeader, spans: list[SpanRecord]) -> None:
    """A consolidated text prints its number in the authentication block at the end:
    "VĂN PHÒNG QUỐC HỘI / Số: 22/VBHN-VPQH / XÁC THỰC VĂN BẢN HỢP NHẤT / Hà Nội, ngày 26 tháng 02 năm 2025"."""
    lines = doc.lines()
    for k in range(len(lines) - 1, -1, -1):
        low = ascii_fold(lines[k].text.strip())
        m = P.NUMBER_LABEL.match(low)
        if not m:
            continue
        sym = symbols.parse(lines[k].text.strip()[m.end() :])
        if not sym or sym.type_code != "VBHN":
            continue
        h.number, h.doc_type = sym.number, "Văn bản hợp nhất"
        spans.append(("document.number", lines[k].start, lines[k].end))
        for ln in lines[k : k + 8]:
            if (dates := find_dates(ln.text)) and "," in ln.text:
                h.place = h.place or ln.text.split(",")[0].strip()
                h.issued_date = dates[0].iso
                break
        return


def _from_attachment(doc: Doc, h: DocumentHeader, spans: list[SpanRecord]) -> None:
    """A decision printed without its "Số:" line takes the number its attachment cites."""
    if h.doc_type is None:
        return
    for m in P.ATTACHED_TO.finditer(doc.match):
        if fold(m["type"]) != fold(h.doc_type):
            continue
        rest = doc.text[m.end() : m.end() + 120]
        sm = symbols.STATE_NUMBER.match(rest)
        sym = symbols.parse(sm.group(0)) if sm else None
        if not sm or not sym or (h.number and symbols.key(h.number) != symbols.key(sym.number)):
            continue
        if h.number is None:
            h.number = sym.number
            spans.append(("document.number", m.end(), m.end() + sm.end()))
        if h.issued_date is None:
            dates = [d for d in find_dates(rest[sm.end() : sm.end() + 40]) if d.start < 12]
            if dates and dates[0].iso:
                h.issued_date = dates[0].iso
        return
