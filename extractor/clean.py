"""Normalise a document's text once, remembering where every character came from.

Vietnamese text arrives messy: decomposed tone marks, NBSP and tabs, markdown tables and asterisks
from converters, web pages that print one table cell per block and wrap every line at 80 columns,
two header columns flattened onto one line, letter-spaced words from PDF conversion ("ỦY B AN NHÂN
D Â N"), glued words ("VỀVIỆC", "04tháng"), paragraphs broken mid-sentence, Công báo page headers.
`clean()` fixes all of that in a sequence of edits; each edit records an `OffsetMap`, so a span in
the cleaned text can be mapped back to the text the intake produced.

`Doc.match` is the cleaned text with the same length but old-style tone placement folded to the new
style ("Uỷ" -> "Ủy", "hoà" -> "hòa") and look-alike letters fixed: patterns run on it, while values
are cut from `Doc.text`, which keeps the document's own spelling.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from extractor import patterns as P
from extractor import vocab
from extractor.doc import IDENTITY, Doc, OffsetMap
from extractor.folding import LOOKALIKES, ascii_fold, fold, fold_tones

Edit = tuple[int, int, str]

# Every kind of horizontal space counts as one space; a form feed (PDF page break) ends a line.
_SPACES = str.maketrans(
    {c: " " for c in "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\v"}
    | {"\f": "\n"}
)
_HEADER_LINES = 25  # flattened header columns are looked for in the first lines only
_TERMINAL = ".;:!?…"  # a line ending with one of these ends a sentence, an item or a lead-in


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, OffsetMap]:
    """Replace text[start:end] by each replacement (edits sorted, not overlapping), with the offset map."""
    if not edits:
        return text, IDENTITY
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


def rewrite(text: str, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> tuple[str, OffsetMap]:
    """`pattern.sub(repl, text)` that also returns the offset map of the edit."""
    if isinstance(repl, str) and "\\" not in repl:
        return apply_edits(text, [(m.start(), m.end(), repl) for m in pattern.finditer(text) if m.group(0) != repl])
    edits = []
    for m in pattern.finditer(text):
        rep = m.expand(repl) if isinstance(repl, str) else repl(m)
        if rep != m.group(0):
            edits.append((m.start(), m.end(), rep))
    return apply_edits(text, edits)


def _header_zone_end(text: str, lines: int = _HEADER_LINES) -> int:
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
        return apply_edits(text, [(m.start(), m.end(), repl) for m in pattern.finditer(text, 0, end)])

    return edit


def _nfc(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFC", m.group(0))


# --- markdown from converters ---------------------------------------------------------------------


def _emphasis_joins(text: str) -> tuple[str, OffsetMap]:
    """A line break inside an emphasis run ("**ỦY\\nBAN NHÂN DÂN**", "*Căn cứ Luật ... Chính\\nquyền ...;*")
    was a soft wrap of the converter: it becomes a space (same length, so the map is exact)."""
    if "*" not in text:
        return text, IDENTITY
    breaks: list[int] = []
    for m in P.MD_EMPHASIS.finditer(text):
        body_start, body_end = m.start("body"), m.end("body")
        k = text.find("\n", body_start, body_end)
        while k >= 0:
            if _wrapped_in_run(text[body_start:k], text[k + 1 : body_end]):
                breaks.append(k)
            k = text.find("\n", k + 1, body_end)
    return _spaces_at(text, breaks), IDENTITY


def _spaces_at(text: str, positions: list[int]) -> str:
    """`text` with a space in place of the line break at each position (same length: the map is the identity)."""
    if not positions:
        return text
    pieces, last = [], 0
    for k in positions:
        pieces.append(text[last:k])
        pieces.append(" ")
        last = k + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _wrapped_in_run(before: str, after: str) -> bool:
    """Inside one emphasis run, a break before a header element or between capitals and lower case
    ("**QUYẾT ĐỊNH\nVề việc ...**") is a real line break; any other was a wrap."""
    prev = before.rsplit("\n", 1)[-1]
    nxt = after.split("\n", 1)[0]
    return bool(_bare(nxt)) and not _protected_start(True).match(_bare(nxt)) and _caps(prev) == _caps(nxt)


def _split_table_cells(text: str) -> tuple[str, OffsetMap]:
    """Markdown table rows ("| A | B |"): a layout row's cells become lines of their own (the two
    header columns, the signature beside "Nơi nhận"); a data row stays one line, cells joined by
    " | " (a table of duties: TT | Nội dung | Cơ quan chủ trì | ...)."""
    rows = [m.span() for m in P.MD_TABLE_ROW.finditer(text)]
    if not rows:
        return text, IDENTITY
    starts = [a for a, _ in rows]
    header_end = _header_zone_end(text)
    # the header and signature tables have two columns; a table of duties has more
    layout = [
        bool(P.MD_LAYOUT_ROW.search(text, a, b)) or (a < header_end and text.count("|", a, b) <= 3) for a, b in rows
    ]

    def repl(m: re.Match[str]) -> str:
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or not (rows[i][0] <= m.start() and m.end() <= rows[i][1]):
            return m.group(0)
        if m.start() == rows[i][0] or m.end() == rows[i][1]:
            return ""
        return "\n" if layout[i] else " | "

    return rewrite(text, P.MD_PIPE, repl)


# --- hard-wrapped text ------------------------------------------------------------------------------


def _wrap_width(lines: list[str]) -> int | None:
    """The column at which a converter wrapped every line (web pages at ~80, PDF text at page width),
    or None when lines are whole paragraphs."""
    lengths = sorted(len(s) for s in (ln.strip(" *") for ln in lines) if s)
    if len(lengths) < 8:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    if not 40 <= width <= 140:
        return None
    near = sum(1 for n in lengths if width * 0.7 <= n <= width * 1.05)
    return width if near / len(lengths) >= 0.3 else None


def _bare(line: str) -> str:
    return line.strip().strip("*").strip()


def _caps(s: str) -> bool:
    upper, lower = sum(map(str.isupper, s)), sum(map(str.islower, s))
    return upper + lower >= 2 and upper / (upper + lower) > 0.85


_protected_start = P.protected_start


def _soft_break(p: str, n: str, width: int, caps: Callable[[str], bool], bold: bool) -> bool:
    """Is the line break between `p` and `n` (two lines, bare: stripped of spaces and asterisks) a wrap inside
    one paragraph? `caps` tells a line in capitals (memoised by the caller: each line is asked twice); `bold`,
    whether the first line is bold from end to end."""
    if not p or not n or p[-1] in _TERMINAL or p.endswith("./."):
        return False
    if p[-1].isdigit() and P.RANGE_REST.match(n):
        return True  # "Trong giai đoạn 2026\n- 2030 phấn đấu ...": a range broken at its dash, not a bullet
    if bold:
        return False  # a whole bold line is a heading
    if _protected_start().match(n) or caps(p) or caps(n):
        return False  # capitals are a header's own lines: type, title, who decides
    # a short heading with its marker ("1. Mục đích") ends its line
    return not (P.LINE_MARKER.match(p) and len(p) < width * 0.6 and not n[0].islower())


def _join_hard_wraps(text: str) -> tuple[str, OffsetMap]:
    """In text wrapped at a fixed width, a line break inside a paragraph becomes a space."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    if width is None:
        return text, IDENTITY
    caps = lru_cache(maxsize=4)(_caps)
    breaks: list[int] = []
    pos = 0
    bare_prev = _bare(lines[0])
    for prev, nxt in zip(lines, lines[1:], strict=False):
        pos += len(prev)
        bare_next = _bare(nxt)
        bold = "*" in prev and prev.rstrip().endswith("**") and prev.lstrip().startswith("**")
        if _soft_break(bare_prev, bare_next, width, caps, bold):
            breaks.append(pos)
        pos += 1
        bare_prev = bare_next
    return _spaces_at(text, breaks), IDENTITY


def _join_broken(m: re.Match[str]) -> str:
    """Join a line broken mid-sentence, but not onto a line in capitals (a type line, "KẾ HOẠCH")
    nor before a lettered item ("a) ...")."""
    text = m.string
    if not text[m.end()].islower() or P.LETTER_MARKER.match(text, m.end()):
        return m.group(0)
    prev = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
    return m.group(0) if prev.isupper() else " "  # isupper: it has letters, and all are capitals


# --- letter-spaced and glued words ------------------------------------------------------------------

_TRAILING_PUNCT = ",.;:!?)”\"'"


def _is_syllable(s: str) -> bool:
    return fold_tones(s.lower()) in vocab.syllables()


def _respace_line(line: str) -> str:
    """Rejoin a letter-spaced line: "T HÀNH P HỐ HỒ C H Í M I NH" -> "THÀNH PHỐ HỒ CHÍ MINH".

    Chooses the grouping of adjacent fragments with the fewest groups that are not Vietnamese
    syllables, then the fewest groups; fragments that are already syllables stay apart unless
    joining them mends a broken neighbour.
    """
    parts = line.split(" ")
    n = len(parts)
    # best[i] = (broken groups, groups, split points) for parts[:i]
    empty: tuple[int, ...] = ()
    best: list[tuple[int, int, tuple[int, ...]]] = [(0, 0, empty)] + [(n + 1, n + 1, empty)] * n
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
    tokens = P.LETTERS.findall(line)
    if len(tokens) < 4:
        return False
    lone = set(vocab.words("one_letter_words"))
    short = sum(1 for t in tokens if len(t) == 1 and t.lower() not in lone)
    if short < 2:
        return False
    broken = sum(1 for t in tokens if not _is_syllable(t))
    return (short + broken) / len(tokens) >= 0.2


def _respace(text: str) -> tuple[str, OffsetMap]:
    """Delete the spaces inside letter-spaced words, and only them (offsets stay exact).

    Only lines with two or more lone letters are looked at: one regex pass finds them.
    """
    candidates: dict[int, int] = {}
    for m in P.LONE_LETTER.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        candidates[line_start] = candidates.get(line_start, 0) + 1
    edits: list[Edit] = []
    for start, count in candidates.items():
        if count < 2 or count * 8 < text.count(" ", start, text.find("\n", start) % (len(text) + 1)):
            continue  # two lone letters among many words ("a) ... b) ...") are items, not letter-spacing
        end = text.find("\n", start)
        line = text[start : end if end >= 0 else len(text)]
        if _letter_spaced(line):
            edits.extend((start + k, start + k + 1, "") for k in _respace_cuts(line))
    return apply_edits(text, edits)


@lru_cache(maxsize=1)
def _bare_syllables() -> frozenset[str]:
    return frozenset(ascii_fold(s) for s in vocab.syllables())


def _syllable_split(word: str) -> list[int] | None:
    """Cut points that split a glued run of capitals into Vietnamese syllables ("VỀVIỆC" -> [2]),
    preferring the fewest pieces; None when it is a word, an acronym, a syllable whose marks OCR misread
    ("QUYÉT" is "QUYẾT", not "QUY ÉT"), or cannot be split."""
    if _is_syllable(word) or ascii_fold(word) in _bare_syllables():
        return None
    if not any(unicodedata.normalize("NFD", c.lower())[0] in "aeiouy" for c in word):
        return None
    n = len(word)
    best: list[list[int] | None] = [[]] + [None] * n
    for j in range(1, n + 1):
        for i in range(max(0, j - 7), j):
            if best[i] is not None and _is_syllable(word[i:j]) and j - i >= 2:
                cand = best[i] + [j]  # type: ignore[operator]
                if best[j] is None or len(cand) < len(best[j]):  # type: ignore[arg-type]
                    best[j] = cand
    cuts = best[n]
    return cuts[:-1] if cuts and len(cuts) >= 2 else None


def _unglue(text: str) -> tuple[str, OffsetMap]:
    """Insert the missing space in glued words: "04tháng" -> "04 tháng", "ngày22/5/2013" -> "ngày 22/5/2013",
    "VỀVIỆC" -> "VỀ VIỆC" (capitals only: lower-case runs are too often names and codes)."""
    edits: list[Edit] = []
    for m in P.DIGIT_RUN.finditer(text):  # few places where a digit touches a letter: look there only
        start, end = m.span()
        # a letter just before the run ("ngày22") or just after it ("04tháng"): the touch is text[k:k+2]
        touches = [
            k
            for k, letter in ((start - 1, start - 1), (end - 1, end))
            if 0 <= letter < len(text) and text[letter].isalpha()
        ]
        for k in touches:
            g = P.GLUED_DATE.search(text, max(0, k - 5), k + 8)
            if g and not any(e[0] == g.end() for e in edits):
                edits.append((g.end(), g.end(), " "))
    for m in P.CAPS_RUN.finditer(text, 0, _header_zone_end(text, 40)):
        cuts = _syllable_split(m.group(0))
        edits.extend((m.start() + c, m.start() + c, " ") for c in cuts or ())
    return apply_edits(text, sorted(edits))


# --- the pipeline ----------------------------------------------------------------------------------


def clean(raw: str) -> Doc:
    """Normalise `raw` (text from intake) for reading; see the module docstring."""
    maps: list[OffsetMap] = []
    text = raw

    def step(pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> None:
        nonlocal text
        text, m = rewrite(text, pattern, repl)
        maps.append(m)

    def apply(edit: Callable[[str], tuple[str, OffsetMap]]) -> None:
        nonlocal text
        text, m = edit(text)
        maps.append(m)

    step(P.CRLF, "\n")
    step(P.INVISIBLE, "")
    if P.COMBINING.search(text):  # a cheap scan first: most text arrives composed
        step(P.DECOMPOSED, _nfc)
    if P.ODD_SPACE.search(text):  # translate costs a lookup per character: only when there is one to make
        text = text.translate(_SPACES)
    if P.LOOKALIKE.search(text):
        text = text.translate(LOOKALIKES)
    if P.CONG_BAO_HEADER_LINE.search(text):
        step(P.CONG_BAO_HEADER, "")
    step(P.CONG_BAO_SECTION, "")
    step(P.SIGN_STAMP, "")
    # markdown steps only where their character is: a scan for one character costs nothing beside a regex pass
    if "|" in text:
        step(P.MD_RULE_ROW, "")
        step(P.MD_LONE_PIPE, "")
        apply(_split_table_cells)
    apply(_emphasis_joins)
    apply(_join_hard_wraps)
    if "*" in text:
        step(P.MD_STARS, "")
    if "#" in text:
        step(P.MD_HEADING, "")
    step(P.DASH_RULE, "\n")
    apply(_in_header(P.HEADER_SPLIT, "\n"))
    apply(_in_header(P.WIDE_GAP, "\n"))
    step(P.MULTISPACE, " ")
    step(P.LINE_EDGES, "")
    apply(_respace)
    apply(_unglue)
    step(P.BROKEN_PARAGRAPH, _join_broken)
    step(P.BLANK_RUNS, "\n\n")
    return Doc(text=text, match=fold_tones(text), maps=[m for m in maps if m is not IDENTITY])


__all__ = ["clean", "apply_edits", "rewrite", "fold", "fold_tones", "Doc"]
