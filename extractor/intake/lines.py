"""Break lines too long to be a line of an official document, so no extraction pass sees one.

Some passes cost more than linear time in a line's length (a 40 MB one-line text took minutes), while
the longest line in 1,600 real documents is 1,699 characters. A longer line is broken at the last
space before the bound (else at the bound itself): nothing is dropped, and a warning says so.
"""

from __future__ import annotations

import re

# What str.splitlines() breaks at, kept when splitting (a PDF's pages end in "\f").
_BREAK = re.compile(r"(\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])")
_SPACE_WINDOW = 0.2  # look for a space in the last fifth of each piece


def break_long_lines(text: str, max_chars: int) -> tuple[str, str | None]:
    """(text with no line longer than `max_chars`, a warning or None when nothing was broken)."""
    if len(text) <= max_chars or not any(len(m) > max_chars for m in text.splitlines()):
        return text, None
    out: list[str] = []
    broken = 0
    for i, part in enumerate(_BREAK.split(text)):
        if i % 2 or len(part) <= max_chars:  # odd parts are the line breaks themselves
            out.append(part)
            continue
        broken += 1
        out.append("\n".join(_pieces(part, max_chars)))
    lines = "line" if broken == 1 else "lines"
    return "".join(out), f"{broken:,} {lines} longer than {max_chars:,} characters broken into shorter lines"


def _pieces(line: str, max_chars: int) -> list[str]:
    pieces: list[str] = []
    start = 0
    floor = int(max_chars * (1 - _SPACE_WINDOW))
    while len(line) - start > max_chars:
        cut = line.rfind(" ", start + floor, start + max_chars + 1)
        if cut <= start:
            pieces.append(line[start : start + max_chars])
            start += max_chars
        else:
            pieces.append(line[start:cut])
            start = cut + 1  # the space becomes the line break
    pieces.append(line[start:])
    return pieces
