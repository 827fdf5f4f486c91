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

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

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


@lru_cache(maxsize=100_000)
def _chars(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in re.findall(r"\w+", normalise(text)):
        w = f" {word} "
        for n in (3, 4, 5):
            out.extend(w[i : i + n] for i in range(max(1, len(w) - n + 1)))
    return tuple(out)


def _vectors(docs: Sequence[tuple[str, ...]]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d))
    n = len(docs)
    out = []
    for d in docs:
        tf = Counter(d)
        vec = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t]) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({t: v / norm for t, v in vec.items()})
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


@dataclass(frozen=True)
class Match:
    index: int  # of the best candidate, -1 when there is none
    score: float


class Matcher:
    """Scores queries against a fixed set of candidate texts."""

    def __init__(self, queries: Sequence[str], candidates: Sequence[str]) -> None:
        texts = list(queries) + list(candidates)
        words = _vectors([_words(t) for t in texts])
        chars = _vectors([_chars(t) for t in texts])
        q = len(queries)
        self._q = list(zip(words[:q], chars[:q], strict=True))
        self._c = list(zip(words[q:], chars[q:], strict=True))

    def score(self, qi: int, ci: int) -> float:
        (qw, qc), (cw, cc) = self._q[qi], self._c[ci]
        return round(0.5 * _cos(qw, cw) + 0.5 * _cos(qc, cc), 3)

    def best(self, qi: int) -> Match:
        best = Match(-1, 0.0)
        for ci in range(len(self._c)):
            s = self.score(qi, ci)
            if s > best.score:
                best = Match(ci, s)
        return best
