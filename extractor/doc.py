"""The document every stage reads and adds to: cleaned text, its offset map back to the intake
text, its lines and one tokenisation shared by all stages.

    >>> doc = clean("Ủy ban nhân dân tỉnh Quảng Bình")
    >>> [t.text for t in doc.tokens_in(0, 10)]
    ['Ủy', 'ban', 'nhân']

Stages never re-tokenise a window of the text: they ask `tokens_in(start, end)` for the tokens of
a span, whose keys (lower case, new-style tones) were folded once for the whole document. Each line
is split into tokens once, when a stage first reads it: stages read about a third of a law.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import NamedTuple

from extractor.patterns import TOKEN_SPLIT


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


IDENTITY = OffsetMap((0,), (0,), ())


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


class Tok(NamedTuple):
    text: str
    key: str  # folded: lower case, new-style tones
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


def tokenize_folded(text: str, folded: str, offset: int = 0) -> list[Tok]:
    """Tokens of `text` whose keys are cut from `folded` (the same text folded, same length).

    Built from one split of the text (tokens and the gaps between them) rather than a match object per token."""
    parts = TOKEN_SPLIT.split(text)  # [gap, token, gap, token, ..., gap]
    pos = list(accumulate(map(len, parts), initial=offset))
    starts, ends = pos[1:-1:2], pos[2::2]
    keys = [folded[s - offset : e - offset] for s, e in zip(starts, ends, strict=True)]
    return list(map(Tok._make, zip(parts[1::2], keys, starts, ends, strict=True)))


@dataclass
class Doc:
    text: str  # the cleaned text: values are cut from it (the document's own spelling)
    match: str  # same length, new-style tones and look-alikes fixed: patterns run on it
    maps: list[OffsetMap] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def source_offset(self, pos: int) -> int:
        """Position in the intake text of the character at `pos` in the cleaned text."""
        for m in reversed(self.maps):
            pos = m(pos)
        return pos

    @cached_property
    def _lines(self) -> list[Line]:
        out, pos = [], 0
        for raw in self.text.split("\n"):
            out.append(Line(pos, pos + len(raw), raw))
            pos += len(raw) + 1
        return out

    def lines(self) -> list[Line]:
        return self._lines

    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self._lines]

    def line_index(self, pos: int) -> int:
        """Index of the line holding position `pos`."""
        return bisect.bisect_right(self._line_starts, pos) - 1

    @cached_property
    def _line_tokens(self) -> dict[int, tuple[list[str], list[int], list[int]]]:
        return {}

    def _tokens_of_line(self, k: int) -> tuple[list[str], list[int], list[int]]:
        """Line k's tokens (texts, starts, ends), split once when a stage first reads the line. No token spans a
        line break, so these are the whole text's tokens; stages read about a third of a law's lines."""
        if (found := self._line_tokens.get(k)) is not None:
            return found
        line = self._lines[k]
        parts = TOKEN_SPLIT.split(line.text)  # [gap, token, gap, token, ..., gap]
        pos = list(accumulate(map(len, parts), initial=line.start))
        self._line_tokens[k] = found = (parts[1::2], pos[1:-1:2], pos[2::2])
        return found

    @cached_property
    def _keys(self) -> str:
        return self.match.lower()

    @property
    def tokens(self) -> list[Tok]:
        """The whole text as tokens: words (letters/digits) and single punctuation marks."""
        return self.tokens_in(0, len(self.text))

    def tokens_in(self, start: int, end: int) -> list[Tok]:
        """The tokens lying within text[start:end]; their keys (lower case, new-style tones) are cut from the
        document's folded text, so every stage compares the same keys."""
        if end <= start:
            return []
        first, last = self.line_index(start), self.line_index(end - 1)
        keys = self._keys
        out: list[Tok] = []
        for k in range(first, last + 1):
            texts, starts, ends = self._tokens_of_line(k)
            i = bisect.bisect_left(starts, start) if k == first else 0
            j = len(starts)
            while j > i and ends[j - 1] > end:
                j -= 1
            if i < j:
                spans = zip(starts[i:j], ends[i:j], strict=True)
                out.extend(
                    map(Tok._make, zip(texts[i:j], [keys[a:b] for a, b in spans], starts[i:j], ends[i:j], strict=True))
                )
        return out
