"""Tokens and a phrase trie: matching multi-word Vietnamese phrases regardless of case, tone
placement and spacing ("GD&ĐT" = "GD & ĐT", "Uỷ ban" = "Ủy ban").

A document is tokenised once (`Doc.tokens`); `tokenize` serves short strings that are not part of
a document (a lexicon entry, a name to normalise).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Generic, TypeVar

from extractor import vocab
from extractor.doc import Tok, tokenize_folded
from extractor.folding import LOOKALIKES, fold, fold_tones
from extractor.patterns import TOKEN

T = TypeVar("T")


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    return list(_tokenize(text, offset))


@lru_cache(maxsize=8192)
def _tokenize(text: str, offset: int) -> tuple[Tok, ...]:
    # Fold the whole text once; folding keeps the length for Vietnamese, so keys are slices.
    folded = fold_tones(text.translate(LOOKALIKES)).lower()
    if len(folded) != len(text):
        return tuple(
            Tok(m.group(0), fold(m.group(0)), m.start() + offset, m.end() + offset) for m in TOKEN.finditer(text)
        )
    return tuple(tokenize_folded(text, folded, offset))


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


def word_end(toks: list[Tok], i: int, max_len: int = 4) -> int:
    """End of the dictionary word starting at toks[i] (longest match), at least one syllable."""
    words = vocab.dictionary_words()
    best = i + 1
    for n in range(2, max_len + 1):
        if i + n > len(toks) or not all(t.is_word for t in toks[i : i + n]):
            break
        if tuple(t.key for t in toks[i : i + n]) in words:
            best = i + n
    return best


__all__ = ["Tok", "Trie", "tokenize", "keys", "word_end"]
