"""A passage: an item's own text, made of pieces of the document's lines, with the document's tokens.

An outline item's text is its head (after the marker) and its continuation lines; a table cell is a
block of lines. The task finder reads each as one string (for the patterns) and as the document's
own tokens (for the agency reader), and maps every position back to the document, so the spans it
reports hold in `Doc.text` and nothing is tokenised twice.

    >>> p = Passage.of(doc, [(12, 40), (41, 90)])   # two lines of the document
    >>> p.text                                      # joined by single spaces
    >>> p.toks                                      # doc.tokens_in() of each piece, in order
    >>> p.tok_at(p.text.find("chủ trì"))            # index of the token at a text position
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from extractor.doc import Doc, Tok


@dataclass(frozen=True)
class Passage:
    doc: Doc
    pieces: tuple[tuple[int, int], ...]  # ranges of doc.text, in order, not overlapping

    @classmethod
    def of(cls, doc: Doc, ranges: Iterable[tuple[int, int]]) -> Passage:
        """A passage of the given ranges, each trimmed of surrounding whitespace; empty ones dropped."""
        out = []
        for s, e in ranges:
            piece = doc.text[s:e]
            s2 = s + len(piece) - len(piece.lstrip())
            e2 = e - (len(piece) - len(piece.rstrip()))
            if e2 > s2:
                out.append((s2, e2))
        return cls(doc, tuple(out))

    @cached_property
    def _starts(self) -> list[int]:
        """Position of each piece in `text`."""
        out, pos = [], 0
        for s, e in self.pieces:
            out.append(pos)
            pos += e - s + 1
        return out

    @cached_property
    def text(self) -> str:
        return " ".join(self.doc.text[s:e] for s, e in self.pieces)

    @cached_property
    def match(self) -> str:
        """`text` with new-style tones and look-alikes fixed (Doc.match), same length: patterns run on it."""
        return " ".join(self.doc.match[s:e] for s, e in self.pieces)

    @cached_property
    def toks(self) -> list[Tok]:
        out: list[Tok] = []
        for s, e in self.pieces:
            out.extend(self.doc.tokens_in(s, e))
        return out

    @cached_property
    def _tok_starts(self) -> list[int]:
        return [t.start for t in self.toks]

    @property
    def start(self) -> int:
        return self.pieces[0][0] if self.pieces else 0

    @property
    def end(self) -> int:
        return self.pieces[-1][1] if self.pieces else 0

    def doc_pos(self, pos: int) -> int:
        """The position in doc.text of position `pos` of `text`."""
        if not self.pieces:
            return 0
        k = max(0, bisect.bisect_right(self._starts, pos) - 1)
        s, e = self.pieces[k]
        return min(s + pos - self._starts[k], e)

    def tok_at(self, pos: int) -> int:
        """Index of the first token at or after position `pos` of `text`."""
        return bisect.bisect_left(self._tok_starts, self.doc_pos(pos))

    def text_pos(self, doc_pos: int) -> int:
        """The position in `text` of doc.text position `doc_pos` (which must lie in a piece)."""
        for (s, e), start in zip(self.pieces, self._starts, strict=True):
            if s <= doc_pos <= e:
                return start + doc_pos - s
        return len(self.text)

    def cut(self, pos: int, end: int | None = None) -> Passage:
        """The passage of text[pos:end]."""
        a = self.doc_pos(pos)
        b = self.doc_pos(end) if end is not None else self.end
        return Passage.of(self.doc, ((max(s, a), min(e, b)) for s, e in self.pieces if e > a and s < b))

    def __bool__(self) -> bool:
        return bool(self.pieces)
