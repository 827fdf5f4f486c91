"""Where the header lacks its number or date, the document still says them elsewhere.

a Công báo page heading      "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018 hướng dẫn ..."
a consolidated text           its authentication block at the end: "Số: 22/VBHN-VPQH / XÁC THỰC VĂN BẢN HỢP NHẤT"
a decision with an attachment "(Ban hành kèm theo Quyết định số 684/QĐ-UBND, ngày 24/4/2013 ...)"
"""

from __future__ import annotations

from extractor import agencies, symbols
from extractor import patterns as P
from extractor.dates import find_dates
from extractor.doc import Doc
from extractor.folding import ascii_fold, fold
from extractor.header.zones import Zones, type_of_line
from models.record import DocumentHeader

SpanRecord = tuple[str, int, int]


def apply(doc: Doc, h: DocumentHeader, z: Zones, spans: list[SpanRecord], title: list[tuple[int, int]]) -> None:
    if h.number is None and z.number is None:
        _from_heading(doc, h, spans)
    if h.number is None and z.number is None:
        _from_site_table(doc, h, z)
    consolidated = h.doc_type == "Văn bản hợp nhất" or bool(P.AUTHENTICATED.search(doc.match))
    if consolidated and (h.number is None or h.doc_type != "Văn bản hợp nhất" or "/VBHN-" not in h.number):
        _from_authentication(doc, h, spans)
    if h.issued_date is None and z.date is None:
        _from_adoption(doc, h, spans)
    if h.number is None or h.issued_date is None:
        _from_attachment(doc, h, spans, title)


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


def _from_adoption(doc: Doc, h: DocumentHeader, spans: list[SpanRecord]) -> None:
    """A law or a resolution of the Quốc hội is dated by its adoption, said at its end: "Luật này được Quốc hội …
    kỳ họp thứ 8 thông qua ngày 27 tháng 11 năm 2024." (the last such sentence: one quoted earlier is another's)."""
    found = list(P.ADOPTED.finditer(doc.match))
    if not found:
        return
    m = found[-1]
    dates = find_dates(doc.text[m.end() : m.end() + 40])
    if dates and dates[0].start <= 1 and dates[0].iso:
        h.issued_date = dates[0].iso
        spans.append(("document.issued_date", m.end() + dates[0].start, m.end() + dates[0].end))


def _from_attachment(doc: Doc, h: DocumentHeader, spans: list[SpanRecord], title: list[tuple[int, int]]) -> None:
    """A decision printed without its "Số:" line takes the number its attachment cites ("(Ban hành kèm theo
    Quyết định số 684/QĐ-UBND ...)" opening a line); not a title's "... ban hành kèm theo Thông tư số 06/2024/..."
    that names the text it amends."""
    if h.doc_type is None:
        return
    for m in P.ATTACHED_TO.finditer(doc.match):
        if fold(m["type"]) != fold(h.doc_type) or any(a <= m.start() < b for a, b in title):
            continue
        if doc.text[doc.text.rfind("\n", 0, m.start()) + 1 : m.start()].strip(" (*_"):
            continue  # the attachment's line begins with it
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


def _from_site_table(doc: Doc, h: DocumentHeader, z: Zones) -> None:
    """A website copy whose own header was lost keeps the site's table of the document's metadata
    ("Số hiệu: | 6225/BVHTTDL-VP", "Loại văn bản: | Công văn", "Ngày ban hành: | 18/11/2025"): read it,
    before the header's start, only for what the page does not print."""
    lines = [ln.text.strip(" |*#") for ln in doc.lines()[:200]]
    for i, line in enumerate(lines):
        m = P.SITE_FIELD.match(line)
        if not m:
            continue
        value = m["value"].strip() or next((v for v in lines[i + 1 : i + 4] if v), "")
        label = ascii_fold(m["label"])
        if label.startswith("so") and h.number is None and (sym := symbols.parse(value)):
            h.number = sym.number
        elif label.startswith("loai") and h.doc_type is None and type_of_line(value.upper()):
            h.doc_type = type_of_line(value.upper())
        elif label.startswith("ngay ban hanh") and h.issued_date is None and (dates := find_dates(value)):
            h.issued_date = dates[0].iso


def issuer_in_text(doc: Doc, body_line: int) -> str | None:
    """The issuer named in the enacting sentence when the header lost it: "Chính phủ ban hành Nghị định ...",
    "Thống đốc Ngân hàng Nhà nước Việt Nam ban hành Thông tư ...", "Ủy ban nhân dân Tỉnh ban hành Kế hoạch"."""
    for ln in doc.lines()[body_line : body_line + 40]:
        m = P.ENACTS.search(ln.text)
        if m and (found := agencies.split_list(m["who"])) and found[0].end >= len(m["who"].rstrip()) - 1:
            return found[0].name
    return None
