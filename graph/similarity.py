"""Matching text by meaning, not exact words: is an upstream duty carried by some downstream plan item?

Score = mean of two cosine similarities of TF-IDF vectors, both over folded text (NFC, lower case,
new-style tones) after rewriting synonyms to one phrase (corpus/lexicons/synonyms.json: "Ủy ban nhân
dân xã, phường, thị trấn" -> "ủy ban nhân dân cấp xã", "phân bổ vốn" -> "bố trí kinh phí"):
  - words: underthesea word segments ("bố_trí", "kinh_phí") and their bigrams, stop words dropped;
  - characters: 3- to 5-grams inside word boundaries, which survive inflection-free rewording,
    abbreviations and typos the segmenter splits differently.
IDF comes from the texts being compared (the upstream items and the downstream candidates), so words
every item shares ("thực hiện", "hỗ trợ") count little. A pair is a match at COVERED or above; the
threshold and how well it separates are measured in tests/test_graph_gaps.py and the README.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import count
from typing import Any

import numpy as np

from extractor import vocab
from extractor.folding import fold

COVERED = 0.30  # a candidate at or above this carries the upstream item


@cache
def _synonyms() -> tuple[re.Pattern[str], dict[str, str]]:
    groups = vocab.load("synonyms.json")["groups"]
    table: dict[str, str] = {}
    for canon, variants in groups.items():
        for v in variants:
            table[fold(v)] = fold(canon)
    alternatives = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)"), table


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in vocab.load("synonyms.json")["stopwords"])


@cache
def _form_words() -> frozenset[str]:
    return frozenset(fold(w) for w in vocab.load("synonyms.json")["subject_form_words"]["words"])


# a document's symbol or a date inside a trích yếu ("Chỉ thị số 14-CT/TW ngày 19/7/2017"): not a subject word
_SYMBOL = re.compile(r"\S*\d\S*")


@lru_cache(maxsize=10_000)
def subject_terms(subject: str) -> frozenset[str]:
    """What a trích yếu is about, as word segments: "Hỗ trợ người có công với cách mạng về nhà ở" -> {hỗ_trợ,
    người, công, cách_mạng, nhà}; without stop words, words of form ("Quy định chi tiết …", "Ban hành Kế hoạch
    thực hiện …"), symbols, dates and one-letter words."""
    form = _form_words()
    words = _words(_SYMBOL.sub(" ", subject))
    return frozenset(w for w in words if "+" not in w and len(w) > 1 and w not in form)


@lru_cache(maxsize=100_000)
def normalise(text: str) -> str:
    pattern, table = _synonyms()
    return pattern.sub(lambda m: table[m.group(0)], fold(text))


@lru_cache(maxsize=100_000)
def _words(text: str) -> tuple[str, ...]:
    from underthesea import word_tokenize  # lazy: loading the model costs half a second

    stop = _stopwords()
    toks = [t.replace(" ", "_") for t in word_tokenize(normalise(text)) if any(c.isalnum() for c in t)]
    toks = [t for t in toks if t not in stop]
    return tuple(toks + [f"{a}+{b}" for a, b in zip(toks, toks[1:], strict=False)])


def words(text: str) -> frozenset[str]:
    """The word segments of `text` (no bigrams), without stop words: what subject_terms are looked for in."""
    return frozenset(w for w in _words(text) if "+" not in w)


@lru_cache(maxsize=100_000)
def _chars(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in re.findall(r"\w+", normalise(text)):
        w = f" {word} "
        for n in (3, 4, 5):
            out.extend(w[i : i + n] for i in range(max(1, len(w) - n + 1)))
    return tuple(out)


def _matrix(docs: Sequence[tuple[str, ...]]) -> Any:
    """Rows of L2-normalised TF-IDF weights (sublinear tf, smoothed idf over `docs`), as a sparse matrix."""
    from scipy.sparse import csr_matrix

    vocab: defaultdict[str, int] = defaultdict(count().__next__)
    cols: list[int] = []
    for d in docs:
        cols.extend(map(vocab.__getitem__, d))  # each token's column, in C
    rows = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
    counts = np.ones(len(cols))
    n = len(docs)
    m = csr_matrix((counts, (rows, np.array(cols, dtype=np.int64))), shape=(n, max(len(vocab), 1)))  # sums repeats
    m.sum_duplicates()
    df = np.bincount(m.indices, minlength=m.shape[1])
    idf = np.log((1 + n) / (1 + df) + 1)
    m.data = (1 + np.log(m.data)) * idf[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(m.multiply(1.0 / norms[:, None]))


def _tokens(doc: str | Sequence[str], tokenize: Any) -> tuple[str, ...]:
    # a document given as parts (headings, then the text) is tokenised part by part: each part is cached
    if isinstance(doc, str):
        return tuple(tokenize(doc))
    return tuple(t for part in doc for t in tokenize(part))


@dataclass(frozen=True)
class Match:
    index: int  # of the best candidate, -1 when there is none
    score: float


class Matcher:
    """Scores queries against a fixed set of candidate texts (a text may be given as parts: headings and text)."""

    def __init__(self, queries: Sequence[str | Sequence[str]], candidates: Sequence[str | Sequence[str]]) -> None:
        texts = list(queries) + list(candidates)
        q = len(queries)
        words = _matrix([_tokens(t, _words) for t in texts])
        chars = _matrix([_tokens(t, _chars) for t in texts])
        # 0.5 x word cosine + 0.5 x character cosine for every pair at once (sparse products)
        both = 0.5 * (words[:q] @ words[q:].T) + 0.5 * (chars[:q] @ chars[q:].T)
        self._scores = np.round(np.asarray(both.todense(), dtype=float).reshape(q, len(candidates)), 3)

    @property
    def scores(self) -> np.ndarray:
        """queries x candidates"""
        return self._scores

    def score(self, qi: int, ci: int) -> float:
        return float(self._scores[qi, ci])

    def best(self, qi: int) -> Match:
        best = Match(-1, 0.0)
        for ci in range(self._scores.shape[1]):
            s = self.score(qi, ci)
            if s > best.score:
                best = Match(ci, s)
        return best
