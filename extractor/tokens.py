"""Tokens and a phrase trie: matching multi-word Vietnamese phrases regardless of case, tone
placement and spacing ("GD&ĐT" = "GD & ĐT", "Uỷ ban" = "Ủy ban")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from extractor.clean import _LOOKALIKES, fold, fold_tones

T = TypeVar("T")

# A word is a run of letters/digits; every other non-space character is a token of its own.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")


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


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    return list(_tokenize(text, offset))


@lru_cache(maxsize=8192)
def _tokenize(text: str, offset: int) -> tuple[Tok, ...]:
    # Fold the whole text once; folding keeps the length for Vietnamese, so keys are slices.
    folded = fold_tones(text.translate(_LOOKALIKES)).lower()
    if len(folded) != len(text):
        return tuple(
            Tok(m.group(0), fold(m.group(0)), m.start() + offset, m.end() + offset)
            for m in _TOKEN.finditer(text)
        )
    return tuple(
        Tok(m.group(0), folded[m.start() : m.end()], m.start() + offset, m.end() + offset)
        for m in _TOKEN.finditer(text)
    )


def keys(phrase: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(phrase))


class Trie(Generic[T]):
    """Longest-match lookup of token sequences."""

    def __init__(self, items: Iterable[tuple[str, T]] = ()) -> None:
        self._root: dict = {}
        for phrase, value in items:
            self.add(phrase, value)

    def add(self, phrase: str, value: T) -> None:
        node = self._root
        for k in keys(phrase):
            node = node.setdefault(k, {})
        node.setdefault("\0", value)

    def longest(self, toks: list[Tok], i: int) -> tuple[int, T] | None:
        """(end index, value) of the longest phrase starting at toks[i], or None."""
        node, best = self._root, None
        j = i
        while j < len(toks) and toks[j].key in node:
            node = node[toks[j].key]
            j += 1
            if "\0" in node:
                best = (j, node["\0"])
        return best


@cache
def dictionary_words() -> frozenset[tuple[str, ...]]:
    """Multi-syllable words of underthesea's dictionary, as tuples of folded syllables."""
    import underthesea

    path = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
    out = set()
    for line in path.read_text(encoding="utf-8").split("\n"):
        parts = tuple(fold(line).replace("-", " ").split())
        if len(parts) > 1:
            out.add(parts)
    return frozenset(out)


def word_end(toks: list[Tok], i: int, max_len: int = 4) -> int:
    """End of the dictionary word starting at toks[i] (longest match), at least one syllable."""
    words = dictionary_words()
    best = i + 1
    for n in range(2, max_len + 1):
        if i + n > len(toks) or not all(t.is_word for t in toks[i : i + n]):
            break
        if tuple(t.key for t in toks[i : i + n]) in words:
            best = i + n
    return best
