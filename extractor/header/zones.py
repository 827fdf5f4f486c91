"""The zones of a header, found by what they say, wherever a layout put them.

Word, PDF text layers, OCR and legal websites flatten the two header columns (issuer | quốc hiệu;
số | địa danh, ngày) each their own way: one element per line, both columns on one line, table
cells, everything on one line. So each element is looked for as a span of the text, not as a line:

    quốc hiệu, tiêu ngữ     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
    số                      "Số: 674/UBND-VX"
    địa danh, ngày          "Quảng Bình, ngày 24 tháng 4 năm 2017"
    trích yếu of a letter   "V/v thực hiện Đề án ..."
    type                    "QUYẾT ĐỊNH" (its title follows, see title.py)
    Kính gửi                "Kính gửi: ..."

What is left before them, in capitals, is the issuer block. Matching runs on `ascii_fold` of the
text (lower case, no diacritics, one character for one), so OCR's "CỌNG HÒA" and "QUYÉT ĐỊNH" are
found, while values are cut from the text itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from extractor import agencies, symbols, vocab
from extractor import patterns as P
from extractor.doc import Doc
from extractor.folding import ascii_fold

Span = tuple[int, int]
_SCAN_LINES = 300  # a website copy may put its own text before the header
_HEADER_CHARS = 4000  # the header's elements lie within this many characters of its first one


@dataclass
class Zones:
    start: int  # where the header begins (after any website text before it)
    ascii: str  # ascii_fold of the document text
    quoc_hieu: Span | None = None
    tieu_ngu: Span | None = None
    number: Span | None = None  # the "Số:" label and what follows it on its line
    number_value: Span | None = None  # what follows the label
    place: Span | None = None
    date: Span | None = None
    vv: Span | None = None  # a letter's trích yếu (label included)
    vv_label: bool = True  # it opens with "V/v" / "Về việc" (else "Về ...", kept as printed)
    doc_type: str | None = None
    type_span: Span | None = None
    typed_issuer: bool = False  # the type came with the issuer ("VĂN BẢN HỢP NHẤT - BỘ Y TẾ")
    anchorless: bool = False  # neither a quốc hiệu nor a "Số:" was found
    kinh_gui: Span | None = None  # the label
    issuer: list[Span] = field(default_factory=list)
    elements_end: int = 0  # the end of the last element found

    def fixed(self) -> list[Span]:
        """The spans of every element found."""
        spans = [
            self.quoc_hieu,
            self.tieu_ngu,
            self.number,
            self.place,
            self.date,
            self.vv,
            self.type_span,
            self.kinh_gui,
        ]
        return sorted(s for s in spans if s)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) > 0.85


# --- the anchor: where the header is -------------------------------------------------------------------


def _scan_end(doc: Doc) -> int:
    lines = doc.lines()
    return lines[min(len(lines), _SCAN_LINES) - 1].end if lines else 0


def _motto(text: str, low: str, start: int, limit: int) -> re.Match[str] | None:
    """The quốc hiệu, or a Party document's "ĐẢNG CỘNG SẢN VIỆT NAM" in its place: in capitals or opening
    its line, never the "nước Cộng hòa xã hội chủ nghĩa Việt Nam" of a sentence."""
    for pattern in (P.QUOC_HIEU, _party_motto()):
        for m in pattern.finditer(low, start, limit):
            printed = text[m.start() : m.end()]
            if _caps(printed) or not text[_line_start(text, m.start()) : m.start()].strip(" |*"):
                return m
    return None


@cache
def _party_motto() -> re.Pattern[str]:
    return P.party_motto()


def _anchor(doc: Doc, low: str) -> int | None:
    """The first quốc hiệu, or the first "Số:" with a symbol after it, in the first lines."""
    end = _scan_end(doc)
    qh = _motto(doc.text, low, 0, end)
    best = qh.start() if qh else None
    for m in P.NUMBER_LABEL.finditer(low, 0, end if best is None else best):
        if _is_label(doc.text, m) and _symbol_after(doc.text, m.end()):
            return m.start()
    return best


def _is_label(text: str, m: re.Match[str]) -> bool:
    """The header's "Số" opens its line ("Số 12/QĐ-UBND", "Luật số: 51/2024/QH15") or is written "Số:";
    the "số" of a citation in running text ("Quyết định số 89/QĐ-TTg") is not it."""
    if text[m.start()] == "S" and ":" in m.group(0):
        return True
    before = text[_line_start(text, m.start()) : m.start()].strip(" |*")
    return not before or (bool(type_of_line(before.upper())) and ":" in m.group(0))


def _issuer_block_start(doc: Doc, anchor: int) -> int:
    """Back from the anchor over the issuer block: capitals (and blank lines between them), at most six
    lines; a line of ordinary text above it is the website's, not the header's."""
    text = doc.text
    start = _line_start(text, anchor)
    seen = 0
    pos = start
    while pos > 0 and seen < 6:
        prev_start = _line_start(text, pos - 1)
        line = text[prev_start : pos - 1].strip()
        if line and not _caps(line):
            break
        if line:
            seen += 1
            start = prev_start
        pos = prev_start
    return start


# --- elements --------------------------------------------------------------------------------------------


def _symbol_after(text: str, pos: int) -> bool:
    head = text[pos : pos + 40].split("\n")[0]
    return bool(symbols.parse(head)) or bool(P.SYMBOL_TAIL.search(head))


def _find_number(z: Zones, text: str, limit: int) -> None:
    for m in P.NUMBER_LABEL.finditer(z.ascii, z.start, limit):
        if not _is_label(text, m) or not _symbol_after(text, m.end()):
            continue
        end = _value_end(text, m.end())
        z.number, z.number_value = (m.start(), end), (m.end(), end)
        return


def _value_end(text: str, pos: int) -> int:
    """The end of a number after "Số:": at the end of the line, a wide gap, or where the next element
    (a place and date, "V/v") begins on the same line."""
    end = _line_end(text, pos)
    m = P.NUMBER_VALUE_END.search(text, pos, end)
    if m:
        return m.start()
    if text[pos:end].rstrip().endswith("-") and (rest := P.SYMBOL_WRAPPED.match(text, end + 1)):
        return rest.end()
    return end


def _find_date(z: Zones, text: str, limit: int) -> None:
    """The first "ngày ... tháng ... năm ..." preceded by "<place>,"; the place is the words before the comma,
    back to the previous element or the start of the line."""
    for m in P.HEADER_DATE.finditer(z.ascii, z.start, limit):
        before = z.ascii[_line_start(z.ascii, m.start()) : m.start()]
        if not P.PLACE_COMMA.search(before) and before.strip() != "":
            continue
        z.date = (m.start(), m.end())
        comma = text.rfind(",", 0, m.start())
        if comma >= 0 and not text[comma + 1 : m.start()].strip():
            z.place = _place_before(z, text, comma)
        return


def _place_before(z: Zones, text: str, comma: int) -> Span | None:
    """The địa danh: the capitalised words before the comma, after any element on the same line
    ("Số: 674/UBND-VX Quảng Bình, ngày" -> "Quảng Bình"; "Thành phố Hồ Chí Minh, ngày")."""
    line_start = _line_start(text, comma)
    floor = max([line_start] + [e for s, e in z.fixed() if e <= comma])
    words = list(P.WORD.finditer(text[floor:comma]))
    start = comma
    for w in reversed(words[-7:]):
        token = w.group(0)
        if not (token[0].isupper() or token in vocab.words("lowercase_place_words")):
            break
        start = floor + w.start()
    while start < comma and not text[start].isupper():
        start += 1
    return (start, comma) if start < comma else None


def _find_vv(z: Zones, text: str, limit: int) -> None:
    """A letter's trích yếu: "V/v ..." near the number; else "Về ..." opening the line (or the rest of the line)
    right under the number ("Số: 5155/SGDĐT-GDTXNNĐH / Về hướng dẫn đánh giá, xếp loại ...")."""
    if z.type_span:
        limit = min(limit, z.type_span[0])
    m = P.SUBJECT_VV.search(z.ascii, z.start, limit)
    if m and _near_header(z, m.start()):
        z.vv = (m.start(), _subject_end(z, text, m.end()))
        return
    if z.number is None or z.type_span:
        return
    pos = z.number[1]
    for _ in range(3):
        while pos < limit and text[pos] in " \n":
            pos += 1
        if (m := P.SUBJECT_VE.match(z.ascii, pos)) and text[pos] in 'VvV“"':
            z.vv, z.vv_label = (pos, _subject_end(z, text, m.end())), False
            return
        if pos < limit and any(a <= pos < b for a, b in z.fixed()):
            pos = max(b for a, b in z.fixed() if a <= pos < b)
            continue
        return


def _near_header(z: Zones, pos: int) -> bool:
    return z.number is None or pos - z.number[1] < 400


def _subject_end(z: Zones, text: str, pos: int) -> int:
    """A letter's trích yếu runs over its wrapped lines until the next element, a blank line followed by
    something else, or the start of the body."""
    stops = [s for s, _ in z.fixed() if s > pos]
    stop = min(stops) if stops else len(text)
    end = _line_end(text, pos)
    while end < stop:
        nxt_start = end + 1
        while nxt_start < stop and text[nxt_start] == "\n":
            nxt_start += 1
        nxt = text[nxt_start : _line_end(text, nxt_start)].strip()
        if nxt_start >= stop or not nxt or _stops_subject(nxt, text[end - 1 : end]) or is_noise(nxt):
            break
        if nxt_start > end + 1 and not continues_after_gap(nxt, text[pos:end]):
            break  # a blank line ends the trích yếu unless the words plainly go on ("giai đoạn\n\n2012-2020”")
        end = _line_end(text, nxt_start)
    return min(end, stop)


def continues_after_gap(nxt: str, so_far: str) -> bool:
    return nxt[0].islower() or nxt[0].isdigit() or nxt[0] in '”"' or so_far.count("“") > so_far.count("”")


def is_noise(line: str) -> bool:
    """A line of stamp or seal debris that OCR read as letters ("NA SÂU co", "Né. 1@Z", "Nn đsesessvee F.ăƯ rạn"):
    most of its words are no Vietnamese syllable."""
    words = P.LETTER_RUN.findall(line)
    if not words:
        return bool(line.strip()) and not P.DIGIT.search(line)
    good = sum(1 for w in words if ascii_fold(w) in _bare_syllables() or w.isupper() and 2 <= len(w) <= 6)
    odd = any(not c.isalnum() and c not in ' ,.-–;:()“”"/' for c in line)
    return good / len(words) < 0.6 or (len(words) <= 2 and odd)


@cache
def _bare_syllables() -> frozenset[str]:
    return frozenset(ascii_fold(s) for s in vocab.syllables())


def _stops_subject(line: str, last_char: str) -> bool:
    low = ascii_fold(line)
    return bool(
        P.BODY_START.match(line)
        or P.KINH_GUI.match(low)
        or P.QUOC_HIEU.match(low)
        or P.TIEU_NGU.match(low)
        or P.NUMBER_LABEL.match(low)
        or (last_char in ".;:" and line[0].isupper())
    )


@cache
def _type_names() -> list[tuple[str, str]]:
    """(ascii key, name) of every document type, longest first."""
    return sorted(((ascii_fold(t.name), t.name) for t in vocab.doc_types()), key=lambda p: -len(p[0]))


def type_of_line(line: str) -> str | None:
    """ "QUYẾT ĐỊNH" -> "Quyết định": a line in capitals that is only a type name (OCR's "QUYÉT ĐỊNH", and a
    stamp's debris around it, "8 - 3QUYÉT ĐỊNH", too)."""
    s = P.TRAILING_DIGITS.sub("", line.strip(' :.“”"-–*'))
    if not _caps(s):
        return None
    key = " ".join(P.BARE_WORD.findall(ascii_fold(s)))
    for k, name in _type_names():
        if key == k:
            return name
    return None


def _find_type(z: Zones, text: str, limit: int) -> None:
    """The first line in capitals that is a type name ("QUYẾT ĐỊNH"), among the first lines after the quốc
    hiệu or the number; not "QUYẾT ĐỊNH:" that opens a decision's articles."""
    pos = max(z.quoc_hieu[1] if z.quoc_hieu else z.start, z.start)
    seen = 0
    while pos < limit and seen < 8:
        end = _line_end(text, pos)
        line = text[pos:end].strip()
        name = type_of_line(line) if not line.endswith(":") else None
        if name:
            # a consolidated text keeps its own type; the base document's type line opens its title
            z.doc_type = z.doc_type if z.typed_issuer else name
            z.type_span = (pos, pos) if z.typed_issuer else (pos, end)
            return
        if line and not any(a <= pos < b or pos <= a < end for a, b in z.fixed()):
            seen += 1
        pos = end + 1


def _typed_issuer(z: Zones, text: str, limit: int) -> None:
    """ "VĂN BẢN HỢP NHẤT - BỘ Y TẾ" above the quốc hiệu: a consolidated text names its type with its issuer."""
    end = z.quoc_hieu[0] if z.quoc_hieu else min(limit, z.start + 400)
    for m in P.LINE.finditer(text[z.start : end]):
        typed = P.TYPE_DASH_ISSUER.match(m.group(0).strip())
        if typed and _caps(m.group(0)) and type_of_line(typed["type"]):
            z.doc_type, z.typed_issuer = type_of_line(typed["type"]), True
            return


def _find_kinh_gui(z: Zones, limit: int) -> None:
    m = P.KINH_GUI.search(z.ascii, z.start, limit)
    if m:
        z.kinh_gui = (m.start(), m.end())


def _find_issuer(z: Zones, text: str) -> None:
    """What is left in capitals before the number, the type line or the trích yếu (and between the quốc hiệu
    and the tiêu ngữ, where flattened columns put the second issuer line)."""
    firsts = [s[0] for s in (z.number, z.type_span, z.vv, z.kinh_gui) if s]
    end = min(firsts) if firsts else min(len(text), z.start + 600)
    cuts = [s for s in z.fixed() if s[0] < end]
    pos = z.start
    for s, e in cuts + [(end, end)]:
        _issuer_pieces(z, text, pos, max(pos, s))
        pos = max(pos, e)


def _issuer_pieces(z: Zones, text: str, start: int, end: int) -> None:
    for m in P.LINE.finditer(text[start:end]):
        piece = m.group(0).strip(" -–—_|*")
        if not piece or not _caps(piece) or type_of_line(piece) or symbols.parse(piece):
            continue  # a number standing alone ("6225/BVHTTDL-VP") is nobody's name
        if z.anchorless and not agencies.find(piece):
            continue  # without a header's anchor, only a body's name: not a website's banner in capitals
        a = start + m.start() + m.group(0).find(piece)
        typed = P.TYPE_DASH_ISSUER.match(piece)
        if typed and (name := type_of_line(typed["type"])):
            # "VĂN BẢN HỢP NHẤT - BỘ Y TẾ": the type and the issuer on one line
            z.doc_type, z.typed_issuer = name, True
            a += typed.start("issuer")
            piece = typed["issuer"]
        z.issuer.append((a, a + len(piece)))


def find_zones(doc: Doc) -> Zones:
    low = ascii_fold(doc.text[: _scan_end(doc) + _HEADER_CHARS])  # the header lies in the first lines
    anchor = _anchor(doc, low)
    start = _issuer_block_start(doc, anchor) if anchor is not None else 0
    z = Zones(start=start, ascii=low, anchorless=anchor is None)
    limit = min(len(doc.text), start + _HEADER_CHARS)
    if qh := _motto(doc.text, low, start, limit):
        z.quoc_hieu = (qh.start(), qh.end())
    if tn := P.TIEU_NGU.search(low, start, limit):
        z.tieu_ngu = (tn.start(), tn.end())
    _find_number(z, doc.text, limit)
    _find_date(z, doc.text, limit)
    _typed_issuer(z, doc.text, limit)
    _find_type(z, doc.text, limit)
    _find_kinh_gui(z, limit)
    _find_vv(z, doc.text, limit)
    _find_issuer(z, doc.text)
    z.elements_end = max([e for _, e in z.fixed()] + [e for _, e in z.issuer] + [start])
    return z


def line_index(doc: Doc, pos: int) -> int:
    return bisect.bisect_right([ln.start for ln in doc.lines()], pos) - 1
