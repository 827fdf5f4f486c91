"""Is this text an official document (văn bản) at all, and can all of it be read?

Ten random bytes, a word salad, "Điều 1." a million times: each decodes to text, reads as Vietnamese
letters, and used to come out as a record with every field empty. An official document always bears
marks of Nghị định 30/2020/NĐ-CP: the issuing body, "Số:" and a ký hiệu, the place and date, the type
line, the national motto (two of them at least, in every real document seen); or numbered structure
(Điều, Chương, I., 1., a)). A text with neither is refused (NotOfficial, E111), saying so.

An official text may still be unreadable in parts (a damaged scan, a page of another encoding):
it is kept, with a warning naming the share of lines that read as no Vietnamese, for a person to
check against the original.

Pure: text in, an exception or warnings out. Marks are looked for on a view without tone marks, so
OCR slips ("CỌNG HÒA", "QUYÉT ĐỊNH") still count.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from extractor import patterns as P
from extractor import vocab
from extractor.errors import NotOfficial
from extractor.folding import ascii_fold as fold  # same length, marks off: "CỌNG HÒA" -> "cong hoa"
from models.record import IntakeInfo

_SAMPLE = 200_000  # characters looked at: the header is at the top, structure shows early
# The marks are looked for in the first characters, and in the whole sample only when they fall short
# there: a real document shows them on its first page (a website copy after its menus), so reading
# 200,000 characters for them cost a tenth of the extraction of a Công báo law.
_HEAD = 20_000
_MIN_WORDS = 8  # distinct words: fewer is a phrase repeated, not a document

_MIN_STRUCTURE = 3  # distinct labels: one "Điều 1." repeated is no structure
# Marks of different kinds: every real document of shared/ with any text bears at least two (a word
# salad with "QUYẾT ĐỊNH" on a line of its own bears one).
_MIN_MARKS = 2

_UNREADABLE_SHARE = 0.1  # of a text's lines: warn when more than this reads as no Vietnamese
_MIN_UNREADABLE_LINES = 3


@dataclass(frozen=True)
class Verdict:
    marks: tuple[str, ...]  # which marks of an official document were found
    structure: int  # distinct numbered labels
    words: int  # distinct words
    unreadable_lines: int
    lines: int  # lines with three words or more (counted only when enough are unreadable to warn)


def check(text: str, source: str, intake: IntakeInfo | None) -> IntakeInfo | None:
    """Raise NotOfficial unless `text` bears a mark of an official document; else return `intake` with a
    warning added when parts of the text cannot be read (None stays None when there is nothing to add)."""
    verdict = judge(text)
    if len(verdict.marks) < _MIN_MARKS and verdict.structure < _MIN_STRUCTURE:
        raise NotOfficial(
            source,
            "no two of issuing body, number, date, document type and national motto, and no numbered structure",
        )
    if verdict.words < _MIN_WORDS:
        raise NotOfficial(source, f"only {verdict.words} different word(s): one phrase repeated")
    warning = unreadable_warning(verdict)
    if warning is None:
        return intake
    base = intake or IntakeInfo(kind="text", media_type="text/plain; charset=utf-8")
    return base.model_copy(update={"warnings": [*base.warnings, warning]})


def judge(text: str) -> Verdict:
    sample = unicodedata.normalize("NFC", text[:_SAMPLE])
    marks, structure, words = _signs(sample[:_HEAD])
    if len(sample) > _HEAD and (len(marks) < _MIN_MARKS and structure < _MIN_STRUCTURE or words < _MIN_WORDS):
        marks, structure, words = _signs(sample)
    unreadable, counted = _unreadable(sample)
    return Verdict(marks, structure, words, unreadable, counted)


def _signs(sample: str) -> tuple[tuple[str, ...], int, int]:
    """(marks of an official document, distinct numbered labels, distinct words) in `sample`."""
    folded = fold(sample)
    marks = [name for name, pattern in P.OFFICIAL_MARKS.items() if pattern.search(folded)]
    if P.OFFICIAL_SYMBOL.search(sample):
        marks.append("ký hiệu")
    if P.OFFICIAL_ISSUER_LINE.search(folded) and _has_capital_issuer(sample):
        marks.append("issuing body")
    if _type_line(sample):
        marks.append("type")
    structure = len({m.group(1) for m in P.OFFICIAL_STRUCTURE.finditer(folded)})
    words = {w.lower() for w in P.OFFICIAL_WORD.findall(sample)}
    return tuple(marks), structure, len(words)


def unreadable_warning(verdict: Verdict) -> str | None:
    lines, unreadable = verdict.lines, verdict.unreadable_lines
    if unreadable < _MIN_UNREADABLE_LINES or unreadable <= _UNREADABLE_SHARE * lines:
        return None
    share = round(100 * verdict.unreadable_lines / verdict.lines)
    return (
        f"parts of the text could not be read: {verdict.unreadable_lines:,} of {verdict.lines:,} lines "
        f"({share}%) read as no Vietnamese; check them against the original"
    )


def _has_capital_issuer(sample: str) -> bool:
    # ô 2 is printed in capitals: "ỦY BAN NHÂN DÂN", "BỘ XÂY DỰNG"; a sentence about a Sở is not a header
    for line in sample.splitlines()[:200]:
        letters = [ch for ch in line if ch.isalpha()]
        capitals = len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
        if capitals and P.OFFICIAL_ISSUER_LINE.match(fold(line)):
            return True
    return False


@cache
def _type_names() -> frozenset[str]:
    names = set()
    for t in vocab.doc_types():
        for name in (t.name, *t.aliases):
            names.add(fold(name))
    return frozenset(names)


def _type_line(sample: str) -> bool:
    """A line that is a document type in capitals ("QUYẾT ĐỊNH", "KẾ HOẠCH"), as ô 3 prints it."""
    names = _type_names()
    for line in sample.splitlines()[:400]:
        bare = line.strip(" \t*#|:").strip()
        if bare and bare.upper() == bare and fold(" ".join(bare.split())) in names:
            return True
    return False


def _unreadable(sample: str) -> tuple[int, int]:
    """(lines that read as no Vietnamese, lines with at least three words; the second counted only when
    the first is enough for a warning, else 0).

    Unreadable: characters that could not be decoded (U+FFFD), or words that are mostly no Vietnamese
    syllable beside characters no Vietnamese text has ("Ngu«i nh©n", "ƒ¡ ¤ t¹i"): what a damaged scan or
    a page in another encoding gives. Latin names and English (ASCII) read as what they are. Only lines
    holding such characters are read word by word: one pass over the sample finds them."""
    from extractor.clean import fold_tones  # the syllable list is kept in new-style tone placement

    stray_in_line: dict[int, int] = {}
    for m in _STRAY.finditer(sample):
        start = sample.rfind("\n", 0, m.start()) + 1
        stray_in_line[start] = stray_in_line.get(start, 0) + (2 if m.group() == "\ufffd" else 1)
    known = vocab.syllables()
    unreadable = 0
    for start, stray in stray_in_line.items():
        if stray < 2:
            continue
        end = sample.find("\n", start)
        line = sample[start : end if end >= 0 else len(sample)]
        words = P.OFFICIAL_WORD.findall(line)
        if len(words) < 3:
            continue
        if "\ufffd" in line or sum(1 for w in words if fold_tones(w.lower()) in known) < 0.5 * len(words):
            unreadable += 1
    if unreadable < _MIN_UNREADABLE_LINES:
        return unreadable, 0
    counted = sum(1 for line in sample.splitlines() if len(P.OFFICIAL_WORD.findall(line)) >= 3)
    return unreadable, counted


_TYPOGRAPHY = frozenset("\u00a0“”‘’–—…•·°§№×÷±≤≥€")


def _vietnamese_letters() -> frozenset[str]:
    bases = "aăâeêioôơuưy"
    marks = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = {unicodedata.normalize("NFC", b + m) for b in bases for m in marks} | {"đ"}
    return frozenset(letters | {ch.upper() for ch in letters})


_VIETNAMESE = _vietnamese_letters()
# A character no Vietnamese line holds ("«", "©", "ƒ"), or U+FFFD: every character but ASCII, the
# Vietnamese letters and typography.
_STRAY = re.compile("[^\\x00-\\x7f" + "".join(sorted(map(re.escape, _VIETNAMESE | _TYPOGRAPHY))) + "]")
