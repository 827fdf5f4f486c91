"""Kính gửi (the addressees of a công văn), Nơi nhận (where the closing begins) and the signer (ô 7).

Kính gửi:  - Các Sở, ban, ngành, đoàn thể cấp tỉnh;  - Ủy ban nhân dân các huyện, thị xã, thành phố.
TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Y Phương
"""

from __future__ import annotations

from extractor import agencies, vocab
from extractor import patterns as P
from extractor.doc import Doc, Line
from extractor.folding import ascii_fold, fold, fold_tones
from models.record import Signer

SpanRecord = tuple[str, int, int]


def recipients(doc: Doc, label_end: int, body_line: int) -> tuple[list[str], list[SpanRecord], int]:
    """The addressees after "Kính gửi:" (on its line, then bullet or short lines), and the line where the
    body begins after them."""
    lines = doc.lines()
    k = next(i for i, ln in enumerate(lines) if ln.start <= label_end <= ln.end)
    items: list[str] = []
    spans: list[SpanRecord] = []
    rest = doc.text[label_end : lines[k].end]
    if rest.strip():
        _add(items, spans, rest, label_end, lines[k].end)
    k += 1
    while k < len(lines):
        s = lines[k].text.strip()
        if not s:
            k += 1
            continue
        if s[0] in "-–+•" or (not items and len(s.split()) < 15 and not P.BODY_START.match(s)):
            _add(items, spans, s, lines[k].start, lines[k].end)
            k += 1
            continue
        break
    return items, spans, max(k, body_line)


def _add(items: list[str], spans: list[SpanRecord], text: str, start: int, end: int) -> None:
    for part in P.RECIPIENT_SPLIT.split(text):
        part = P.BULLET.sub("", part.strip()).strip(" ;.,")
        if part:
            items.append(fold_tones(agencies.expand_abbreviations(part)))
    spans.append(("document.recipients", start, end))


def closing_start(doc: Doc, body_start: int) -> int:
    """Index of the "Nơi nhận" line after the body, else the end."""
    lines = doc.lines()
    for k in range(body_start, len(lines)):
        if P.NOI_NHAN.match(ascii_fold(lines[k].text)):
            return k
    return len(lines)


def _is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.85


def _title_case(title: str) -> str:
    """ "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch", the spelling of the office-holder lexicon."""
    k = fold(title)
    for h in vocab.words("signature_titles"):
        if fold(h) == k:
            return h
    return title.capitalize()


def _person(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in name.split())


def _opens_block(s: str) -> bool:
    if P.SIGN_OPENER.match(s):
        return True
    title = P.signature_title().match(s) if s and _is_upper(s.split(" ")[0]) else None
    if not title or not _is_upper(title.group(0)) or len(s) >= 80:
        return False
    rest = s[title.end() :].strip()
    return s == title.group(0) or bool(P.PERSON_NAME.match(rest or "x y z w v u"))


def _block_text(lines: list[Line], k: int) -> str:
    block: list[str] = []
    for ln in lines[k : k + 12]:
        t = ln.text.strip()
        if not t:
            continue
        block.append(t)
        if not _is_upper(t) or len(block) > 6:
            break
    return P.SIGN_OPENER.sub("", " ".join(block))


def signer(doc: Doc, body_start: int) -> Signer:
    """The first signature block after the body: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Y Phương"."""
    lines = doc.lines()
    for k in range(body_start, len(lines)):
        if not _opens_block(lines[k].text.strip()):
            continue
        titles: list[str] = []
        rest = _block_text(lines, k)
        while rest:  # walk the capitalised words; the last title before the name is the signer's
            rest = P.SIGN_OPENER.sub("", rest).strip()
            if tm := P.signature_title().match(rest):
                titles.append(tm.group(0))
                rest = rest[tm.end() :].strip()
                continue
            um = P.CAPS_BODY.match(rest)
            if um and _is_upper(um.group(1)) and not titles:  # "TM. ỦY BAN NHÂN DÂN HUYỆN"
                rest = rest[um.end() :].strip()
                continue
            break
        name = rest.strip() if rest and P.PERSON_NAME.match(rest.strip()) else None
        if titles or name:
            return Signer(name=_person(name) if name else None, title=_title_case(titles[-1]) if titles else None)
    return Signer()
