"""Normalise a document's text once, remembering where every character came from.

Vietnamese text arrives messy: decomposed tone marks, NBSP and tabs, markdown tables and
asterisks from converters, two header columns flattened onto one line, letter-spaced words from
PDF conversion ("ỦY B AN NHÂN D Â N"), paragraphs broken mid-sentence, Công báo page headers.
`clean()` fixes all of that in a sequence of edits; each edit records an `OffsetMap`, so a span in
the cleaned text can be mapped back to the text the intake produced.

`Cleaned.match` is the cleaned text with the same length but old-style tone placement folded to
the new style ("Uỷ" -> "Ủy", "hoà" -> "hòa") and look-alike letters fixed: patterns run on it,
while values are cut from `Cleaned.text`, which keeps the document's own spelling.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from extractor import lexicon


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions in an edited text to the text before the edit.

    Anchors are (new position, old position) pairs; between anchors the text was copied unchanged,
    so the offset grows one for one. Inside a replaced region every position maps to its start.
    """

    new: tuple[int, ...]
    old: tuple[int, ...]
    replaced: tuple[tuple[int, int], ...]  # (new start, new end) of replaced regions

    def __call__(self, pos: int) -> int:
        i = bisect.bisect_right(self.new, pos) - 1
        if i < 0:
            return pos
        r = bisect.bisect_right(self.replaced, (pos, float("inf"))) - 1
        if r >= 0 and self.replaced[r][0] <= pos < self.replaced[r][1]:
            return self.old[bisect.bisect_right(self.new, self.replaced[r][0]) - 1]
        return self.old[i] + (pos - self.new[i])


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """Replace text[start:end] by each replacement (edits sorted, not overlapping), with the offset map."""
    pieces: list[str] = []
    new_anchor, old_anchor, replaced = [0], [0], []
    last = out_len = 0
    for s, e, rep in edits:
        pieces.append(text[last:s])
        out_len += s - last
        new_anchor.append(out_len)
        old_anchor.append(s)
        if rep:
            replaced.append((out_len, out_len + len(rep)))
        pieces.append(rep)
        out_len += len(rep)
        new_anchor.append(out_len)
        old_anchor.append(e)
        last = e
    pieces.append(text[last:])
    return "".join(pieces), OffsetMap(tuple(new_anchor), tuple(old_anchor), tuple(replaced))


def rewrite(
    text: str, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]
) -> tuple[str, OffsetMap]:
    """`pattern.sub(repl, text)` that also returns the offset map of the edit."""
    edits = []
    plain = isinstance(repl, str) and "\\" not in repl
    for m in pattern.finditer(text):
        rep = repl if plain else (m.expand(repl) if isinstance(repl, str) else repl(m))  # type: ignore[assignment]
        if rep != m.group(0):
            edits.append((m.start(), m.end(), rep))
    return apply_edits(text, edits)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


@dataclass
class Cleaned:
    text: str
    match: str
    maps: list[OffsetMap] = field(default_factory=list)
    _lines: list[Line] | None = None

    def source_offset(self, pos: int) -> int:
        """Position in the intake text of the character at `pos` in the cleaned text."""
        for m in reversed(self.maps):
            pos = m(pos)
        return pos

    def lines(self) -> list[Line]:
        if self._lines is None:
            out, pos = [], 0
            for raw in self.text.split("\n"):
                out.append(Line(pos, pos + len(raw), raw))
                pos += len(raw) + 1
            self._lines = out
        return self._lines


# --- single edits -------------------------------------------------------------------------------

# Zero-width characters, soft hyphens and BOMs carry no text.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# A base letter followed by combining marks: NFC composes these (cp1258 and macOS text decompose).
_DECOMPOSED = re.compile("[^\u0300-\u036f\n]?[\u0300-\u036f]+")
_COMBINING = re.compile("[\u0300-\u036f]")
# Every kind of horizontal space counts as one space; \r\n and \r end lines.
_SPACES = str.maketrans(
    {
        c: " "
        for c in "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
        "\u2009\u200a\u202f\u205f\u3000\v"
    }
    | {"\f": "\n"}
)
_CRLF = re.compile(r"\r\n?")
# Letters typed for Đ/đ that look the same: Icelandic eth, African D.
_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"})

# Markdown from converters: "|---|---|" rows, table pipes, emphasis asterisks, "# " headings.
_MD_RULE_ROW = re.compile(r"(?m)^[ ]*\|?(?:[ ]*:?-{3,}:?[ ]*\|)+[ ]*:?-*:?[ ]*$\n?")
_MD_PIPE = re.compile(r"(?m)(?:^[ ]*\|[ ]*|[ ]*\|[ ]*$|[ ]*\|[ ]*)")
_MD_STARS = re.compile(r"\*+")
_MD_HEADING = re.compile(r"(?m)^[ ]*#{1,6}[ ]+")
# A run of dashes under an agency name ("THỦ TƯỚNG CHÍNH PHỦ --------") is a rule, not text.
_DASH_RULE = re.compile(r"[-_–—=]{4,}")  # the spaces around it go with the later whitespace edits

# Công báo page furniture: "CÔNG BÁO/Số 123 + 124/Ngày 10-02-2024   45" and the signing stamp.
_CONG_BAO_HEADER = re.compile(
    r"(?mi)^[ ]*(?:\d+[ ]+)?CÔNG BÁO[ ]*/[ ]*Số[ ]*[\d +]+/[ ]*Ngày[ ]*[\d\-/.]+(?:[ ]+\d+)?[ ]*$\n?"
)
_SIGN_STAMP = re.compile(
    r"(?mi)^[ ]*(?:Ký bởi|Cơ quan|Ngày ký|Thời gian ký)[ ]*:.*(?:CÔNG BÁO|VĂN PHÒNG|\+07:00|\d{2}:\d{2}).*$\n?"
)

# Two header columns flattened onto one line: split at the quốc hiệu, the tiêu ngữ, "Số:",
# the place-and-date and "V/v", where a wide gap or another header element precedes them.
_QUOC_HIEU = r"C[ỘO]NG H[ÒO]À? X[ÃA] H[ỘO]I CH[ỦU] NGH[ĨI]A VI[ỆE]T NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_TIEU_NGU = r"Độc lập[ ]*[-–—][ ]*Tự do[ ]*[-–—][ ]*Hạnh phúc"
_HEADER_SPLIT = re.compile(
    rf"(?<=\S)[ ]+(?=(?:{_QUOC_HIEU})|(?:{_TIEU_NGU}))"
    rf"|(?<=VIỆT NAM)[ ]+(?=\S)"
    rf"|(?<=Hạnh phúc)[ ]+(?=\S)"
    r"|[ ]{2,}(?=Số[ ]*:)"
    r"|[ ]{2,}(?=[^\W\d_][^\n,]{1,40},[ ]*ngày\b)"
    r"|[ ]+(?=V/v\b)(?<=\S[ ])",
)
# Wide gaps (3+ spaces) in the first lines are column boundaries of a flattened header.
_WIDE_GAP = re.compile(r"(?<=\S)[ ]{3,}(?=\S)")
_MULTISPACE = re.compile(r"[ ]{2,}")
_LINE_EDGES = re.compile(r"(?m)^[ ]+|[ ]+$")
_BLANK_RUNS = re.compile(r"\n{3,}")
# A paragraph broken mid-sentence: the next line starts in lower case and the previous line
# does not end a sentence or an item ("xây dựng xã hội\n\nhọc tập giai đoạn 2021-2030").
_BROKEN_PARAGRAPH = re.compile(r"(?<=[^\s.;:!?…/])[ ]*\n+[ ]*(?=[^\W\d_])")

# "a) ", "đ. ": a lettered item starts in lower case but does not continue the line above.
_LETTER_MARKER = re.compile(r"[a-zđ]\s?[).]\s")
# Old tone placement in open syllables: "hoà", "khoẻ", "Uỷ" -> "hòa", "khỏe", "Ủy".
_OLD_TONE = re.compile(r"(?<![qQ])([oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])")


def _tone_fold(m: re.Match[str]) -> str:
    glide, toned = m.group(1)[0], m.group(1)[1]
    decomposed = unicodedata.normalize("NFD", toned)
    base, tone = decomposed[0], decomposed[1:]
    new_glide = unicodedata.normalize("NFC", glide + tone)
    return new_glide + base


def fold_tones(text: str) -> str:
    """New-style tone placement; the result has the same length as the input."""
    return _OLD_TONE.sub(_tone_fold, text)


def _nfc(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFC", m.group(0))


# A cell boundary in a markdown table row: the pipes at both ends vanish, inner ones break the line.
_TABLE_ROW = re.compile(r"(?m)^[ ]*\|.*\|[ ]*$")
_PIPE = re.compile(r"[ ]*\|[ ]*")


# Table rows whose cells are layout (header columns, "Kính gửi", "Nơi nhận" beside the signature).
_LAYOUT_ROW = re.compile(
    r"(?i)nơi nhận|kính gửi|\b(?:TM|KT|TL|TUQ|Q)\.\s|cộng hòa xã hội|cộng hoà xã hội|\bsố\s*:"
)


def _split_table_cells(text: str) -> tuple[str, OffsetMap]:
    """Markdown table rows ("| A | B |"): a layout row's cells become lines of their own (the two
    header columns, the signature beside "Nơi nhận"); a data row stays one line, cells joined by
    " | " (a table of duties: TT | Nội dung | Cơ quan chủ trì | ...)."""
    rows = [m.span() for m in _TABLE_ROW.finditer(text)]
    if not rows:
        return text, OffsetMap((0,), (0,), ())
    starts = [a for a, _ in rows]
    header_end = _header_zone_end(text)
    # the header and signature tables have two columns; a table of duties has more
    layout = [
        bool(_LAYOUT_ROW.search(text, a, b)) or (a < header_end and text.count("|", a, b) <= 3)
        for a, b in rows
    ]

    def repl(m: re.Match[str]) -> str:
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or not (rows[i][0] <= m.start() and m.end() <= rows[i][1]):
            return m.group(0)
        at_edge = m.start() == rows[i][0] or m.end() == rows[i][1]
        if at_edge:
            return ""
        return "\n" if layout[i] else " | "

    return rewrite(text, _PIPE, repl)


def _header_zone_end(text: str, lines: int = 25) -> int:
    pos = 0
    for _ in range(lines):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
    return pos


def _in_header(pattern: re.Pattern[str], repl: str) -> Callable[[str], tuple[str, OffsetMap]]:
    """An edit applied only to the first lines, where flattened header columns live."""

    def edit(text: str) -> tuple[str, OffsetMap]:
        end = _header_zone_end(text)
        return rewrite(text, pattern, lambda m: repl if m.end() <= end else m.group(0))

    return edit


# --- letter-spaced words ---------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_TRAILING_PUNCT = ",.;:!?)”\"'"


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    return lexicon.syllables()


def _is_syllable(s: str) -> bool:
    return fold_tones(s.lower()) in _syllables()


def _respace_line(line: str) -> str:
    """Rejoin a letter-spaced line: "T HÀNH P HỐ HỒ C H Í M I NH" -> "THÀNH PHỐ HỒ CHÍ MINH".

    Chooses the grouping of adjacent fragments with the fewest groups that are not Vietnamese
    syllables, then the fewest groups; fragments that are already syllables stay apart unless
    joining them mends a broken neighbour.
    """
    parts = line.split(" ")
    n = len(parts)
    # best[i] = (broken groups, groups, split points) for parts[:i]
    best: list[tuple[int, int, tuple[int, ...]]] = [(0, 0, ())] + [(n + 1, n + 1, ())] * n
    for i in range(n):
        broken0, groups0, cuts = best[i]
        for j in range(i + 1, min(i + 6, n) + 1):
            frags = parts[i:j]
            # only the last fragment may carry punctuation ("M inh," -> "Minh,")
            if j > i + 1 and not all(f.isalpha() for f in frags[:-1]):
                break
            word = "".join(frags)
            core = word.rstrip(_TRAILING_PUNCT)
            ok = not core.isalpha() or _is_syllable(core) or (j == i + 1 and len(core) >= 4)
            if j > i + 1 and not (core.isalpha() and _is_syllable(core)):
                continue
            cand = (broken0 + (0 if ok else 1), groups0 + 1, cuts + (j,))
            if cand[:2] < best[j][:2]:
                best[j] = cand
    out, prev = [], 0
    for cut in best[n][2]:
        out.append("".join(parts[prev:cut]))
        prev = cut
    return " ".join(out)


def _respace_cuts(line: str) -> list[int]:
    """Offsets (in `line`) of the spaces that _respace_line removes."""
    fixed = _respace_line(line)
    removed, i, j = [], 0, 0
    while i < len(line):
        if j < len(fixed) and line[i] == fixed[j]:
            i, j = i + 1, j + 1
        else:
            removed.append(i)  # only single spaces are ever dropped
            i += 1
    return removed


def _letter_spaced(line: str) -> bool:
    tokens = _TOKEN.findall(line)
    if len(tokens) < 4:
        return False
    short = sum(1 for t in tokens if len(t) == 1 and t.lower() not in {"y", "à", "ạ", "ở", "ơ", "ư", "á"})
    if short < 2:
        return False
    broken = sum(1 for t in tokens if not _is_syllable(t))
    return short >= 2 and (short + broken) / len(tokens) >= 0.2


# A single letter standing alone ("B AN", "M I NH"), other than the one-letter words y, à, ở, ơ, ư, á, ý.
_LONE_LETTER = re.compile(r"(?<!\S)(?![yYàạởơưáýÝỞƠƯ](?:\s|$))[^\W\d_](?=[ ,.;:]|$)", re.MULTILINE)


def _respace(text: str) -> tuple[str, OffsetMap]:
    """Delete the spaces inside letter-spaced words, and only them (offsets stay exact).

    Only lines with two or more lone letters are looked at: one regex pass finds them.
    """
    candidates: dict[int, int] = {}
    for m in _LONE_LETTER.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        candidates[line_start] = candidates.get(line_start, 0) + 1
    edits: list[tuple[int, int, str]] = []
    for start, count in candidates.items():
        if count < 2:
            continue
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)]
        if _letter_spaced(line):
            edits.extend((start + k, start + k + 1, "") for k in _respace_cuts(line))
    return apply_edits(text, edits)


# --- the pipeline ----------------------------------------------------------------------------------


def clean(raw: str) -> Cleaned:
    """Normalise `raw` (text from intake) for reading; see the module docstring."""
    maps: list[OffsetMap] = []

    def step(pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> None:
        nonlocal text
        text, m = rewrite(text, pattern, repl)
        maps.append(m)

    text = raw
    step(_CRLF, "\n")
    step(_INVISIBLE, "")
    if _COMBINING.search(text):  # a cheap scan first: most text arrives composed
        step(_DECOMPOSED, _nfc)
    text = text.translate(_SPACES).translate(_LOOKALIKES)
    step(_CONG_BAO_HEADER, "")
    step(_SIGN_STAMP, "")
    step(_MD_RULE_ROW, "")
    text, m = _split_table_cells(text)
    maps.append(m)
    step(_MD_STARS, "")
    step(_MD_HEADING, "")
    step(_DASH_RULE, "\n")
    for edit in (_in_header(_HEADER_SPLIT, "\n"), _in_header(_WIDE_GAP, "\n")):
        text, m = edit(text)
        maps.append(m)
    step(_MULTISPACE, " ")
    step(_LINE_EDGES, "")
    text, m = _respace(text)
    maps.append(m)
    step(_BROKEN_PARAGRAPH, _join_broken)
    step(_BLANK_RUNS, "\n\n")
    return Cleaned(text=text, match=fold_tones(text), maps=maps)


def _join_broken(m: re.Match[str]) -> str:
    """Join a line broken mid-sentence, but not onto a line in capitals (a type line, "KẾ HOẠCH")
    nor before a lettered item ("a) ...")."""
    text = m.string
    if not text[m.end()].islower() or _LETTER_MARKER.match(text, m.end()):
        return m.group(0)
    prev = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
    letters = [c for c in prev if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return m.group(0)
    return " "


def fold(text: str) -> str:
    """A key for comparing Vietnamese strings: NFC, lower case, new-style tones, single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    text = fold_tones(text).lower()
    return " ".join(text.split())
