"""Which lower item carries each upstream duty: alignment that knows how plans carry duties down.

An upstream duty is carried down by an item of the lower plan that does the same thing, usually assigned
to the body that takes that role below. For every (duty, item) pair the score combines:

- text: how alike the two texts are (graph.similarity: TF-IDF over word segments and character
  n-grams, after synonyms; and, when `semantic` is on, multilingual-e5-small sentence vectors,
  graph.embeddings);
- role: whether the item's lead can carry the duty's lead ("Ủy ban nhân dân cấp tỉnh" -> the province's
  UBND or one of its Sở; "Sở Xây dựng" -> Sở Xây dựng first; "Ủy ban nhân dân cấp xã" -> the communes,
  not a Sở); an item without a lead is neither for nor against;
- structure: the item cites the duty's own article ("theo quy định tại Khoản 1 Điều 4 của Quyết định
  số 22/2013/QĐ-TTg" carries Điều 4.1).

Then one item per duty, one duty per item (scipy's linear_sum_assignment over the pairs at or above
ACCEPT): an item cannot carry three unrelated duties while two others go uncovered. A duty left without
an item may still share one already taken when their pair scores SHARE or more (a letter relaying
"bố trí vốn" to two ministries at once carries both ministries' duties in one sentence).
The weights and thresholds are calibrated on the hand-made evaluation set
(tests/fixtures/alignment_set.json, `python tests/eval_alignment.py --calibrate`), not picked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from extractor.folding import fold
from graph import embeddings, similarity

# Calibrated on tests/fixtures/alignment_set.json (see the README for the figures and the grid).
# multilingual-e5-small (semantic) was measured and did not help: weight 0 (README, "How good the matching is")
WEIGHTS = {"text": 0.30, "semantic": 0.0, "role": 0.40, "ref": 0.30}
ACCEPT = 0.45  # a pair whose decision score is at or above this may carry the duty
SHARE = 0.60  # a duty may share an item already assigned to another duty at or above this
# sharing also needs the texts themselves to agree: role and standout alone can reach SHARE
SHARE_TEXT = 0.2
WEAK = 0.35  # below ACCEPT but at or above this: reported as not carried, "khớp yếu: cần kiểm tra"
STANDOUT = 0.2  # weight of how the duty stands out among all duties for the item (see `standout`)
NEUTRAL_ROLE = 0.5  # an item (or duty) without a lead

# how well a lead at the item's level can carry a duty whose lead is at the duty's level
_LEVEL_FIT: dict[str, dict[str, float]] = {
    "province": {"province": 0.9, "district": 0.3, "commune": 0.15, "local": 0.7, "ministry": 0.2},
    "district": {"district": 0.9, "province": 0.45, "commune": 0.3, "local": 0.7},
    "commune": {"commune": 0.9, "district": 0.4, "province": 0.25, "local": 0.7},
    "local": {"province": 0.8, "district": 0.8, "commune": 0.8, "local": 0.8, "ministry": 0.2},
    "ministry": {"ministry": 0.8, "national": 0.6, "province": 0.15},
    "national": {"national": 0.8, "ministry": 0.6},
}
_PEOPLES_COMMITTEE = "ủy ban nhân dân"


@dataclass
class Lead:
    name: str
    key: str  # body without its place: "sở xây dựng", "ủy ban nhân dân"
    level: str | None


@dataclass
class Duty:
    """An upstream duty or a lower item, as alignment sees it."""

    label: str | None
    text: str
    leads: list[Lead] = field(default_factory=list)


@dataclass(frozen=True)
class Pair:
    score: float
    text: float
    semantic: float | None
    role: float
    ref: float

    def parts(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": round(self.text, 3), "role": round(self.role, 3), "ref": self.ref}
        if self.semantic is not None:
            out["semantic"] = round(self.semantic, 3)
        return out


@dataclass
class Decision:
    """For one upstream duty: the item that carries it (or None) and the best candidates."""

    index: int | None
    shared: bool
    ranked: list[tuple[int, Pair]]  # best first, at most TOP
    taken_by: dict[int, int]  # candidate index -> the upstream duty it was assigned to (for "why not")
    confidence: float = 0.0  # the decision score of the chosen (or best) pair


TOP = 3


def role_fit(duty: Duty, item: Duty) -> float:
    """0..1: can the item's lead take the duty's role below? Neutral when either has no lead."""
    if not duty.leads or not item.leads:
        return NEUTRAL_ROLE
    best = 0.0
    for u in duty.leads:
        for c in item.leads:
            known = u.level is not None and c.level is not None
            fit = _LEVEL_FIT.get(u.level or "", {}).get(c.level or "", 0.1) if known else NEUTRAL_ROLE
            if u.level == c.level and u.key == c.key:
                fit = 1.0  # the same body kind at the same level: Sở Xây dựng -> Sở Xây dựng
            elif u.level == c.level == "province" and u.key.startswith("sở ") and c.key.startswith("sở "):
                fit = 0.55  # another Sở than the one named
            elif u.level == c.level == "province" and u.key == _PEOPLES_COMMITTEE:
                fit = 0.9  # "UBND cấp tỉnh" -> the province's UBND or any of its Sở
            best = max(best, fit)
    return best


# "Khoản 1 Điều 4", "điểm a khoản 2 Điều 8", "Điều 7": a lower item citing the upstream article
_CITE = re.compile(r"(?:điểm\s+(?P<point>[a-zđ])\s*,?\s*)?(?:khoản\s+(?P<clause>\d+)\s*,?\s*)?điều\s+(?P<art>\d+)")
_LABEL = re.compile(r"^điều\s+(?P<art>\d+)(?:\.(?P<clause>\d+))?(?:\.(?P<point>[a-zđ]))?")


def cites_article(duty_label: str | None, item_text: str) -> float:
    """1 when the item names the duty's own article (and clause, point when it gives them), else 0."""
    if not duty_label:
        return 0.0
    lab = _LABEL.match(fold(duty_label))
    if not lab:
        return 0.0
    for m in _CITE.finditer(fold(item_text)):
        if m["art"] != lab["art"]:
            continue
        if m["clause"] and lab["clause"] and m["clause"] != lab["clause"]:
            continue
        if m["point"] and lab["point"] and m["point"] != lab["point"]:
            continue
        if m["clause"] or m["point"]:
            return 1.0
    return 0.0


def score_pairs(
    duties: Sequence[Duty], items: Sequence[Duty], *, semantic: bool = False, weights: dict[str, float] | None = None
) -> list[list[Pair]]:
    """Every (duty, item) pair's score and its parts."""
    w = weights or WEIGHTS
    if not duties or not items:
        return [[] for _ in duties]
    matcher = similarity.Matcher([d.text for d in duties], [c.text for c in items])
    sem = None
    if semantic and w.get("semantic", 0.0) > 0:
        sem = embeddings.cosine([d.text for d in duties], [c.text for c in items])
    out = []
    for qi, d in enumerate(duties):
        row = []
        for ci, c in enumerate(items):
            text = matcher.score(qi, ci)
            s = float(sem[qi, ci]) if sem is not None else None
            role = role_fit(d, c)
            ref = cites_article(d.label, c.text)
            total = w["text"] * text + w["role"] * role + w["ref"] * ref
            if s is not None:
                total += w["semantic"] * embeddings.rescale(s)
            row.append(Pair(round(min(total, 1.0), 3), text, s, role, ref))
        out.append(row)
    return out


def standout(pairs: list[list[Pair]]) -> np.ndarray:
    """For each pair, how far the duty stands out among all duties scored against the same item (z-score
    over the item's column, clipped to [-1, 3] and scaled to [0, 1]): a generic item ("UBND các cấp tổ
    chức thực hiện tốt Quyết định") scores alike against every duty and carries none in particular."""
    m = np.array([[p.score for p in row] for row in pairs], dtype=float)
    if m.size == 0 or m.shape[0] < 2:
        return np.zeros_like(m)
    z = (m - m.mean(axis=0)) / (m.std(axis=0) + 1e-9)
    return (np.clip(z, -1.0, 3.0) + 1.0) / 4.0


def assign(
    pairs: list[list[Pair]],
    *,
    accept: float | None = None,
    share: float | None = None,
    standout_weight: float | None = None,
) -> list[Decision]:
    """One item per duty and one duty per item, maximising the total decision score (pair score plus
    STANDOUT times how the duty stands out for that item) over pairs at or above `accept`; then duties
    left over may share an item at or above `share`."""
    accept = ACCEPT if accept is None else accept
    share = SHARE if share is None else share
    beta = STANDOUT if standout_weight is None else standout_weight
    n = len(pairs)
    m = len(pairs[0]) if n else 0
    chosen: dict[int, int] = {}
    decision = np.zeros((n, m))
    if n and m:
        decision = np.array([[p.score for p in row] for row in pairs]) + beta * standout(pairs)
        weights = np.where(decision >= accept, decision, 0.0)
        rows, cols = linear_sum_assignment(weights, maximize=True)
        for r, c in zip(rows, cols, strict=True):
            if weights[r, c] > 0:
                chosen[int(r)] = int(c)
    taken = {c: r for r, c in chosen.items()}
    out = []
    for qi, row in enumerate(pairs):
        ranked = sorted(enumerate(row), key=lambda x: (-decision[qi, x[0]], x[0]))[:TOP]
        if qi in chosen:
            out.append(Decision(chosen[qi], False, ranked, taken, float(decision[qi, chosen[qi]])))
            continue
        best = ranked[0] if ranked else None
        if best is not None and decision[qi, best[0]] >= share and best[1].text >= SHARE_TEXT:
            out.append(Decision(best[0], True, ranked, taken, float(decision[qi, best[0]])))
        else:
            out.append(Decision(None, False, ranked, taken, float(decision[qi, best[0]]) if best else 0.0))
    return out


def align(
    duties: Sequence[Duty], items: Sequence[Duty], *, semantic: bool = False
) -> tuple[list[Decision], list[list[Pair]]]:
    pairs = score_pairs(duties, items, semantic=semantic)
    return assign(pairs), pairs
