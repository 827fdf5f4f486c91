"""The type and the trích yếu (ô 5), and where the body begins.

    QUYẾT ĐỊNH                                     the type line
    VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH ...                 its title, over one or more lines
    CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG        who decides (not part of the title)
    Căn cứ ...                                     the body

A công văn has no type line: its trích yếu ("V/v ...") sits under the number. A website copy may
drop the type line: the title is then the first line in capitals after the header's elements, and
the type comes from the ký hiệu.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor import agencies, vocab
from extractor import patterns as P
from extractor.doc import Doc
from extractor.folding import ascii_fold
from extractor.header.zones import Zones, continues_after_gap, is_noise, line_index, type_of_line


@dataclass
class Title:
    subject: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    authority: str | None = None  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG": who decides
    body_line: int = 0  # index of the first line of the body


def _is_authority(line: str, issuer: str) -> bool:
    """Who decides, under a decision's title: an office ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "BỘ TRƯỞNG BỘ TÀI
    CHÍNH") or the issuer named again ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "THỦ TƯỚNG CHÍNH PHỦ")."""
    s = line.strip(" :.-–")
    if not _upper(s):
        return False
    if P.signature_title().match(s):
        return True
    key, own = " ".join(ascii_fold(s).split()), " ".join(ascii_fold(issuer).split())
    if own and (own.startswith(key) or key.startswith(own)) and len(key) >= 8:
        return True
    found = agencies.split_list(s)
    return (
        bool(found)
        and found[-1].end >= len(s) - 1
        and agencies.level_of(found[0].name) is not None
        and not found[0].is_group
        and found[0].kind in vocab.words("deciding_bodies")
    )


def _title_lines(doc: Doc, first: int, issuer: str) -> tuple[list[int], str | None, int]:
    """(title line indexes, authority, body line) from line `first` on."""
    lines = doc.lines()
    picked: list[int] = []
    authority = None
    k = first
    while k < len(lines):
        s = lines[k].text.strip()
        if not s:
            if picked:
                nxt = next((j for j in range(k + 1, min(len(lines), k + 3)) if lines[j].text.strip()), None)
                if nxt is not None and _is_authority(lines[nxt].text.strip(), issuer):
                    k = nxt
                    continue  # who decides, after a blank line: "... RÁC THẢI\n\nCHÍNH PHỦ"
                if nxt is None or not _continues_title(lines[nxt].text.strip(), picked, doc, issuer, gap=True):
                    k += 1
                    break
            k += 1
            continue
        if picked and _is_authority(s, issuer):
            authority = s
            k += 1
            break
        if P.BODY_START.match(s) and (picked or not (s.isupper() or s[0].islower())):
            break
        if P.KINH_GUI.match(ascii_fold(s)) or (picked and not _continues_title(s, picked, doc, issuer)):
            break
        if is_noise(s):
            k += 1
            continue  # a stamp's debris between the type line and the title, or inside the title
        picked.append(k)
        k += 1
    while k < len(lines) and not lines[k].text.strip():
        k += 1
    return picked, authority, k


def _continues_title(s: str, picked: list[int], doc: Doc, issuer: str, gap: bool = False) -> bool:
    """A line continues a title in capitals if it is in capitals too; a sentence-case title continues
    over lines that start in lower case or follow a line left open."""
    first = doc.lines()[picked[0]].text.strip()
    if P.BODY_START.match(s):
        return False
    if first.isupper() or _upper(first):
        return _upper(s) and not _is_authority(s, issuer)
    last = doc.lines()[picked[-1]].text.strip()
    if gap:  # after a blank line only words that plainly go on: not a stamp's debris or the body
        return continues_after_gap(s, " ".join(_title_part(doc.lines()[k].text.strip()) for k in picked))
    return s[:1].islower() or not last.endswith((".", ";", ":"))


def _upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.85


def read_title(doc: Doc, z: Zones) -> Title:
    issuer = " ".join(doc.text[s:e] for s, e in z.issuer)
    if z.type_span:
        first = line_index(doc, z.type_span[1] - 1) + 1
        return _from_lines(doc, first, issuer)
    if z.vv and _upper(doc.text[z.vv[0] : z.vv[1]]):
        # "VỀ VIỆC ..." in capitals: the title of a type whose line a copy dropped
        return _from_lines(doc, line_index(doc, z.vv[0]), issuer)
    if z.vv:
        return _letter_subject(doc, z)
    # no type line (a website copy dropped it) nor "V/v": a title in capitals after the elements
    first = line_index(doc, z.elements_end) + 1 if z.elements_end else 0
    lines = doc.lines()
    while first < len(lines) and not lines[first].text.strip():
        first += 1
    if (
        first < len(lines)
        and _upper(lines[first].text)
        and not _is_authority(lines[first].text, issuer)
        and not type_of_line(lines[first].text)
    ):
        return _from_lines(doc, first, issuer)
    return Title(body_line=first)


def _from_lines(doc: Doc, first: int, issuer: str) -> Title:
    picked, authority, body = _title_lines(doc, first, issuer)
    lines = doc.lines()
    text = " ".join(_title_part(lines[k].text.strip()) for k in picked)
    subject = " ".join(text.split()).strip(' “”"') or None
    return Title(subject, [(lines[k].start, lines[k].end) for k in picked], authority, body)


def _title_part(line: str) -> str:
    """The title's part of a line that OCR read with a stamp beside it, a column boundary "|" between them
    ("TRUNG TÂM CÔNG BÁO & TIN HỌC ... | Về việc tăng cường công tác ..."): from the trích yếu's opening on."""
    parts = [p.strip() for p in line.split(" | ")]
    for i, part in enumerate(parts):
        if i and P.SUBJECT_VV.match(ascii_fold(part)):
            return " ".join(parts[i:])
    return " ".join(p for p in parts if not is_noise(p)) if len(parts) > 1 else line


def _letter_subject(doc: Doc, z: Zones) -> Title:
    assert z.vv is not None
    start, end = z.vv
    label = P.SUBJECT_VV.match(z.ascii, start) if z.vv_label else None
    rest = " ".join(doc.text[label.end() if label else start : end].split()).strip(' “”"')
    subject = f"V/v {rest}" if label else rest
    if subject.count("“") > subject.count("”"):
        subject += "”"
    body = line_index(doc, max(z.elements_end, end)) + 1
    lines = doc.lines()
    while body < len(lines) and not lines[body].text.strip():
        body += 1
    return Title(subject.strip(), [(start, end)], None, body)
