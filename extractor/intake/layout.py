"""Find the two-column header at the top of a page and read each column on its own.

A Vietnamese official document opens with two blocks side by side: on the left the issuing body,
"Số: ..." and "V/v ..."; on the right the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
"Độc lập - Tự do - Hạnh phúc") and the place and date. Text extraction that reads across the page
glues them together ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ..."). This module only does geometry on
positioned words, so the same code serves PDF text layers (words from pdfplumber) and OCR
(words from Tesseract's TSV output).

The header zone is the run of lines from the top of the page that leaves a vertical gutter free
somewhere in the middle of the page. It must contain the motto or the date line, and it ends
early at a line that opens the body ("Kính gửi", "Căn cứ", "QUYẾT ĐỊNH", ...). Left-only lines just
below the right column's last line ("V/v ..." continuing under the date) still belong to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from extractor import patterns as P

_MIN_GUTTER = 6.0  # points (or pixels scaled to points): narrower gaps are just word spacing
_MAX_HEADER_LINES = 30


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float  # distance from the top of the page
    x1: float
    bottom: float


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True)
class HeaderSplit:
    left: tuple[str, ...]
    right: tuple[str, ...]
    body_top: float  # words whose top is at or below this belong to the body
    gutter: float = 0.0  # x between the two columns
    top: float = 0.0  # top of the header zone


def group_lines(words: list[Word]) -> list[Line]:
    """Words into lines, top to bottom: a word joins a line when it overlaps the line vertically."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda item: (item.top, item.x0)):
        if lines:
            current = lines[-1]
            top = min(item.top for item in current)
            bottom = max(item.bottom for item in current)
            height = max(bottom - top, word.bottom - word.top, 1.0)
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap > 0.5 * min(height, word.bottom - word.top):
                current.append(word)
                continue
        lines.append([word])
    return [Line(tuple(sorted(line, key=lambda item: item.x0))) for line in lines]


def split_header(words: list[Word], page_width: float) -> HeaderSplit | None:
    """The header's left and right columns as lines of text, or None when the page has no such header."""
    lines = group_lines(words)
    free = [(0.2 * page_width, 0.8 * page_width)]
    zone: list[Line] = []
    for line in lines[:_MAX_HEADER_LINES]:
        if zone and P.LAYOUT_BODY_START.match(line.text):
            break
        # Only words with a letter or digit can close the gutter: OCR reads rules, dots and specks as
        # "." or "—" boxes that may reach across it.
        narrowed = _subtract(free, [(word.x0, word.x1) for word in line.words if _is_text(word.text)])
        if not narrowed:
            break
        free, zone = narrowed, [*zone, line]
    if not zone or not any(P.LAYOUT_RIGHT_MARKER.search(line.text) for line in zone):
        return None
    start, end = max(free, key=lambda gap: gap[1] - gap[0])
    gutter = (start + end) / 2

    last_right = max(i for i, line in enumerate(zone) if any(word.x0 >= gutter for word in line.words))
    pitch = median(line.bottom - line.top for line in zone) or 1.0
    keep = last_right + 1
    while keep < len(zone):
        below = zone[keep]
        left_only = all(word.x1 <= gutter for word in below.words)
        if not left_only or below.top - zone[keep - 1].bottom > 1.2 * pitch:
            break
        keep += 1
    zone = zone[:keep]

    header_words = [word for line in zone for word in line.words]
    left = [line.text for line in group_lines([word for word in header_words if word.x1 <= gutter])]
    right = [line.text for line in group_lines([word for word in header_words if word.x1 > gutter])]
    if not left or not right:
        return None
    following = lines[keep] if keep < len(lines) else None
    if following is None:
        body_top = float("inf")
    else:
        # Halfway between the header and the body; never below the body's first line, even when a tall
        # word (OCR debris of a seal) makes the header's last line reach down past it.
        body_top = min(max((zone[-1].bottom + following.top) / 2, zone[-1].bottom), following.top)
    return HeaderSplit(tuple(left), tuple(right), body_top, gutter, zone[0].top)


def _is_text(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _subtract(free: list[tuple[float, float]], taken: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """`free` intervals minus `taken` ones, keeping only gaps at least _MIN_GUTTER wide."""
    for x0, x1 in taken:
        remaining = []
        for start, end in free:
            if x1 <= start or x0 >= end:
                remaining.append((start, end))
                continue
            if x0 > start:
                remaining.append((start, x0))
            if x1 < end:
                remaining.append((x1, end))
        free = remaining
    return [(start, end) for start, end in free if end - start >= _MIN_GUTTER]
