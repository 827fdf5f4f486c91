"""Which lower item carries each upstream duty: alignment that knows how plans carry duties down.

An upstream duty is carried down by an item of the lower document that does the same thing, usually
assigned to the body that takes that role below. Every (duty, item) pair gets features:

- text: how alike the two texts are (graph.similarity: TF-IDF over word segments and character
  n-grams, after synonyms);
- role: whether the item's lead can carry the duty's lead. A duty may be handed down ("Ủy ban nhân dân
  cấp tỉnh" -> the province's UBND or one of its Sở, or the districts and communes it delegates to),
  hardly up (a commune's duty is not a Sở's); the same body is the best fit ("Sở Xây dựng" -> Sở Xây
  dựng, "Bảo hiểm xã hội Việt Nam" -> itself); an item without a lead is neither for nor against;
- article: the item cites the duty's own article ("theo Khoản 1 Điều 4 của Quyết định số
  22/2013/QĐ-TTg" carries Điều 4.1): taken at its word, whatever the other features say;
- cites the upstream: the item names the upstream document by number (a national plan with 69 items
  on many policies carries 22/2013's duties in the three items that cite it);
- standing out: how far the pair's text score stands above the item's scores against the other duties
  (a generic item, "UBND các cấp tổ chức thực hiện tốt Quyết định", scores alike against all of them)
  and above the duty's scores against the other items, and whether each is the other's best.

Text gates everything else: role, standing out and citing the upstream scale the text score,
so a pair with no words in common is never carried on role alone. The pair's score is a logistic model
of these features (a probability-like 0..1), fitted on the hand-made evaluation set
(tests/fixtures/alignment_set.json, `python tests/eval_alignment.py --calibrate`), with its
leave-one-chain-out figures beside the in-sample ones (README).

Then the assignment (scipy's linear_sum_assignment) over the pairs at ACCEPT or more: each duty gets at
most one item, and an item carries at most CAPACITY duties, a second one only when the pair still wins
after a penalty (an item cannot carry three unrelated duties while two others go uncovered, but "báo cáo
… và hoàn thành đúng tiến độ" may carry both the reporting and the deadline duty).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from extractor.folding import fold
from graph import embeddings, similarity

# Logistic coefficients over FEATURES, fitted on tests/fixtures/alignment_set.json by
# `python tests/eval_alignment.py --calibrate` (which prints them); ACCEPT and SECOND chosen there too.
FEATURES = (
    "text",
    "text_role",
    "text_standout_item",
    "text_standout_duty",
    "text_mutual",
    "text_cites",
    "context",
    "text_headings",
)
COEF = {
    "bias": -3.7,
    "text": 1.4,
    "text_role": 19.0,
    "text_standout_item": -6.7,
    "text_standout_duty": -0.2,
    "text_mutual": -1.2,
    "text_cites": 6.7,
    "context": 10.0,
    "text_headings": 21.2,
}
ACCEPT = 0.8  # a pair whose score (0..1) is at or above this may carry the duty
SECOND = 4.0  # logit penalty for an item's second duty
CAPACITY = 2  # duties one item may carry
WEAK = 0.5  # below ACCEPT but at or above this: reported as not carried, "khớp yếu: cần kiểm tra"
NEUTRAL_ROLE = 0.5  # an item (or duty) without a lead
TOP = 3
OFF_SUBJECT = 2.0  # logit below ACCEPT, at most, for an item off the upstream's subject (subject_gap)
CITED = 20.0  # logit above ACCEPT given to an item citing the duty's own article: more than any pair on text alone

# how well a lead at the item's level can carry a duty whose lead is at the duty's level: handing a duty
# down is common (a province's plan gives the communes "lập danh sách"), up is not
_LEVEL_FIT: dict[str, dict[str, float]] = {
    "province": {"province": 0.9, "district": 0.6, "commune": 0.5, "local": 0.7, "ministry": 0.2, "national": 0.1},
    "district": {"district": 0.9, "province": 0.35, "commune": 0.6, "local": 0.7},
    "commune": {"commune": 0.9, "district": 0.4, "province": 0.25, "local": 0.7},
    "local": {"province": 0.8, "district": 0.8, "commune": 0.8, "local": 0.8, "ministry": 0.2},
    "ministry": {"ministry": 0.3, "national": 0.4, "province": 0.15, "local": 0.15},
    "national": {"national": 0.8, "ministry": 0.5},
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
    headings: list[str] = field(default_factory=list)  # the sections above it, outermost first (graph.outline)
    subject: str = ""  # its document's trích yếu


@dataclass(frozen=True)
class Pair:
    score: float  # 0..1, the logistic model's
    text: float
    semantic: float | None
    role: float
    ref: float  # the item cites the duty's article (0/1)
    cites: float = 0.0  # the item cites the upstream document (0/1)
    standout: float = 0.0  # how far the text score stands above the item's others (z-score, clipped, /4)
    on_subject: float = 1.0  # 0: the item's document is about something broader and the item not about the upstream's

    def parts(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": round(self.text, 3),
            "role": round(self.role, 3),
            "ref": self.ref,
            "cites_upstream": self.cites,
            "standout": round(self.standout, 3),
            "on_subject": self.on_subject,
        }
        if self.semantic is not None:
            out["semantic"] = round(self.semantic, 3)
        return out


@dataclass
class Decision:
    """For one upstream duty: the item that carries it (or None) and the best candidates."""

    index: int | None
    shared: bool  # the item carries another duty too
    ranked: list[tuple[int, Pair]]  # best first, at most TOP
    taken_by: dict[int, int]  # candidate index -> an upstream duty it was assigned to (for "why not")
    confidence: float = 0.0  # the score of the chosen (or best) pair


def _level(lead: Lead) -> str | None:
    if lead.level:
        return lead.level
    name = fold(lead.name)
    # "Ủy ban nhân dân các cấp", "các địa phương": every local level
    return "local" if "các cấp" in name or "địa phương" in name else None


def role_fit(duty: Duty, item: Duty) -> float:
    """0..1: can the item's lead take the duty's role below? Neutral when either has no lead."""
    if not duty.leads or not item.leads:
        return NEUTRAL_ROLE
    best = 0.0
    for u in duty.leads:
        ul = _level(u)
        for c in item.leads:
            cl = _level(c)
            if u.key == c.key and ul == cl:
                fit = 1.0  # the same body kind at the same level: Sở Xây dựng -> Sở Xây dựng
            elif ul is None or cl is None:
                fit = NEUTRAL_ROLE
            elif ul == cl == "province" and u.key.startswith("sở ") and c.key.startswith("sở "):
                fit = 0.55  # another Sở than the one named
            elif ul == cl == "province" and u.key == _PEOPLES_COMMITTEE:
                fit = 0.9  # "UBND cấp tỉnh" -> the province's UBND or any of its Sở
            else:
                fit = _LEVEL_FIT.get(ul, {}).get(cl, 0.1)
            best = max(best, fit)
    return best


# "Chánh Văn phòng … chịu trách nhiệm thi hành Quyết định này", "Giám đốc …, các cơ quan, đơn vị … chịu trách nhiệm thực
# hiện Thông tư này": who signs off, neither a duty to carry down nor an item that carries one
_EXECUTION_CLAUSE = re.compile(
    r"(?:chịu|có) trách nhiệm (?:thi hành|(?:tổ chức |triển khai )?thực hiện "
    r"(?:quyết định|thông tư|nghị định|nghị quyết|chỉ thị|kế hoạch|công văn|văn bản) này)"
)


def is_execution_clause(text: str) -> bool:
    return _EXECUTION_CLAUSE.search(fold(text)) is not None


# "Khoản 1 Điều 4", "điểm a khoản 2 Điều 8", "Điều 7": a lower item citing the upstream article
_CITE = re.compile(r"(?:điểm\s+(?P<point>[a-zđ])\s*,?\s*)?(?:khoản\s+(?P<clause>\d+)\s*,?\s*)?điều\s+(?P<art>\d+)")
_LABEL = re.compile(r"^(?:chương\s+[ivxlc]+\.)?điều\s+(?P<art>\d+)(?:\.(?P<clause>\d+))?(?:\.(?P<point>[a-zđ]))?")


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


def _roles(duties: Sequence[Duty], items: Sequence[Duty]) -> np.ndarray:
    """role_fit for every pair, computed once per distinct pair of lead lists (a plan has few)."""
    isig = [tuple((x.key, x.level, x.name) for x in c.leads) for c in items]
    kinds = list(dict.fromkeys(isig))
    col = {k: i for i, k in enumerate(kinds)}
    reps = {k: items[isig.index(k)] for k in kinds}
    out = np.zeros((len(duties), len(items)))
    idx = np.array([col[k] for k in isig], dtype=np.int64)
    for qi, d in enumerate(duties):
        row = np.array([role_fit(d, reps[k]) for k in kinds])
        out[qi] = row[idx] if len(idx) else row[:0]
    return out


def _articles(duties: Sequence[Duty], items: Sequence[Duty]) -> np.ndarray:
    """cites_article for every pair, looking only at items that cite some article at all."""
    out = np.zeros((len(duties), len(items)))
    citing = [ci for ci, c in enumerate(items) if "điều" in fold(c.text)]
    for qi, d in enumerate(duties):
        if d.label and _LABEL.match(fold(d.label)):
            for ci in citing:
                out[qi, ci] = cites_article(d.label, items[ci].text)
    return out


def _number_key(number: str) -> str:
    return re.sub(r"\s+", "", fold(number))


def cites_upstream(item_text: str, numbers: Sequence[str]) -> float:
    """1 when the item names the upstream document by its number ("Quyết định số 22/2013/QĐ-TTg")."""
    text = _number_key(item_text)
    return 1.0 if any(k and k in text for k in (_number_key(n) for n in numbers if n and "/" in n)) else 0.0


# a document's symbol in a trích yếu: "Quyết định số 22/2013/QĐ-TTg", "Chỉ thị số 14-CT/TW"
_SYMBOL = re.compile(r"[\w.-]*\d[\w.-]*/[\w/.-]*\w")


def _symbols(subject: str) -> set[str]:
    return {_number_key(m) for m in _SYMBOL.findall(subject) if any(ch.isalpha() for ch in m)}  # not a date


def subject_gap(upstream_subject: str, upstream: Sequence[str], lower_subject: str) -> frozenset[str]:
    """The words of the upstream's subject that a lower document's trích yếu leaves out, when it leaves out a
    third of them or more and does not cite the upstream by number: the lower document is about something
    broader ("Kế hoạch tổ chức thực hiện Chỉ thị số 14-CT/TW … đối với công tác người có công với cách mạng"
    under "Hỗ trợ người có công với cách mạng về nhà ở" misses {hỗ_trợ, nhà}), and only its items that speak
    of those words can carry the upstream's duties. Empty when the lower document is about the upstream's
    subject, or either subject is unknown."""
    up = similarity.subject_terms(upstream_subject) if upstream_subject else frozenset()
    if not up or not lower_subject or cites_upstream(lower_subject, upstream):
        return frozenset()
    if _symbols(upstream_subject) & _symbols(lower_subject):
        return frozenset()  # both carry down the same document (98/2013/TT-BTC and 3210/QĐ-UBND, of 22/2013/QĐ-TTg)
    missing = up - similarity.subject_terms(lower_subject)
    return missing if len(missing) * 3 >= len(up) else frozenset()


def speaks_of(missing: frozenset[str], item: Duty) -> bool:
    """Whether the item (with its headings) names most (60 %) of the subject words its document leaves out."""
    if not missing:
        return True
    found = missing & similarity.words(item.text)  # each part apart: its segments are cached for the TF-IDF
    for h in item.headings:
        found |= missing & similarity.words(h)
    return len(found) * 5 >= len(missing) * 3


def _on_subject(
    duties: Sequence[Duty], items: Sequence[Duty], upstream: Sequence[str], cites: np.ndarray
) -> np.ndarray:
    """Per item: 1 unless subject_gap rules it out; `cites`: per item, whether it cites the upstream."""
    subject = next((d.subject for d in duties if d.subject), "")
    gaps = {s: subject_gap(subject, upstream, s) for s in {c.subject for c in items}}
    return np.array(
        [cited > 0 or speaks_of(gaps[c.subject], c) for c, cited in zip(items, cites, strict=True)], dtype=float
    )


# a heading that is only its marker: "Chương IV", "Mục 2", "III." — two documents' "Chương IV" share nothing
_BARE_HEADING = re.compile(r"^\s*(?:(?:phần|chương|mục)\s+)?[ivxlc\d]+\s*[.:)]?\s*$", re.IGNORECASE)


def _titled(headings: Sequence[str]) -> list[str]:
    return [h for h in headings if not _BARE_HEADING.match(h)]


def _z(m: np.ndarray, axis: int) -> np.ndarray:
    if m.shape[axis] < 2:
        return np.zeros_like(m)
    z = (m - m.mean(axis=axis, keepdims=True)) / (m.std(axis=axis, keepdims=True) + 1e-6)
    return np.clip(z, -2.0, 4.0) / 4.0


@dataclass
class Features:
    """Per-pair features of a duties x items matrix (graph.align.FEATURES, in that order on the last axis)."""

    text: np.ndarray
    role: np.ndarray
    ref: np.ndarray
    cites: np.ndarray
    standout: np.ndarray
    matrix: np.ndarray  # (duties, items, len(FEATURES))
    semantic: np.ndarray | None = None
    on_subject: np.ndarray | None = None  # per item: 1, or 0 where subject_gap rules it out


def features(
    duties: Sequence[Duty], items: Sequence[Duty], *, upstream: Sequence[str] = (), semantic: bool = False
) -> Features:
    n, m = len(duties), len(items)
    text = np.zeros((n, m))
    sem = None
    if n and m:
        text = similarity.Matcher([d.text for d in duties], [c.text for c in items]).scores
        if semantic:
            sem = np.vectorize(embeddings.rescale)(embeddings.cosine([d.text for d in duties], [c.text for c in items]))
            text = 0.5 * text + 0.5 * sem  # measured, not the default: README
    context = np.zeros((n, m))
    heads = np.zeros((n, m))
    if n and m:
        # the same texts with the sections above them: "Điều 16. Trách nhiệm của cơ quan … thuộc Ủy ban nhân dân
        # cấp tỉnh" says whose the item is; "4. Phương thức thực hiện xây dựng …" quotes "Điều 6. Phương thức thực hiện"
        dh = [_titled(d.headings) for d in duties]
        ih = [_titled(c.headings) for c in items]
        with_heads = similarity.Matcher(
            [[*h, d.text] for h, d in zip(dh, duties, strict=True)],
            [[*h, c.text] for h, c in zip(ih, items, strict=True)],
        )
        context = with_heads.scores
        heads = similarity.Matcher(dh, ih).scores
    role = _roles(duties, items)
    ref = _articles(duties, items)
    item_cites = np.array([cites_upstream(c.text, upstream) for c in items], dtype=float)
    cites = np.broadcast_to(item_cites, (n, m))
    standout_item = _z(text, 0)  # the duty among all duties, for this item
    standout_duty = _z(text, 1)  # the item among all items, for this duty
    on_subject = _on_subject(duties, items, upstream, item_cites) if m else np.zeros(0)
    if not n or not m:
        return Features(
            text, role, ref, np.array(cites), standout_item, np.zeros((n, m, len(FEATURES))), sem, on_subject
        )
    # each the other's best by text
    mutual = (
        (text >= text.max(axis=1, keepdims=True)) & (text >= text.max(axis=0, keepdims=True)) & (text > 0)
    ).astype(float)
    parts = [text, text * role, text * standout_item, text * standout_duty, text * mutual, text * cites, context]
    matrix = np.stack([*parts, text * heads], axis=-1)
    return Features(text, role, ref, np.array(cites), standout_item, matrix, sem, on_subject)


def logits(f: Features, coef: dict[str, float] | None = None, accept: float | None = None) -> np.ndarray:
    """The model's logit per pair. An item citing the duty's own article ("theo quy định tại Khoản 1 Điều 4 của
    Quyết định số 22/2013/QĐ-TTg") is taken at its word, CITED above `accept`, over any pair on text alone:
    the writer of the lower plan said so, and the set has too few such items to fit a weight."""
    c = coef or COEF
    w = np.array([c[name] for name in FEATURES])
    if not f.matrix.size:
        return np.zeros(f.matrix.shape[:2])
    z = f.matrix @ w + c["bias"]
    theta = _logit(ACCEPT if accept is None else accept)
    if f.on_subject is not None:
        # an item of a broader document that does not speak of the upstream's subject: at most a weak match
        z = np.where(f.on_subject[None, :] > 0, z, np.minimum(z, theta - OFF_SUBJECT))
    return np.where(f.ref > 0, np.maximum(z, theta + CITED), z)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


class PairTable:
    """Every pair's score and parts, built on demand: pairs[duty][item] -> Pair (a national document against a
    province's ~12,000 items is a quarter of a million pairs, of which a report shows a few)."""

    def __init__(self, f: Features, scores: np.ndarray) -> None:
        self.f = f
        self.scores = scores

    def __len__(self) -> int:
        return int(self.scores.shape[0])

    def __getitem__(self, qi: int) -> _PairRow:
        return _PairRow(self, qi)

    def __iter__(self) -> Any:
        return (self[qi] for qi in range(len(self)))

    def pair(self, qi: int, ci: int) -> Pair:
        f = self.f
        return Pair(
            round(float(self.scores[qi, ci]), 3),
            float(f.text[qi, ci]),
            float(f.semantic[qi, ci]) if f.semantic is not None else None,
            float(f.role[qi, ci]),
            float(f.ref[qi, ci]),
            float(f.cites[qi, ci]),
            float(f.standout[qi, ci]),
            float(f.on_subject[ci]) if f.on_subject is not None else 1.0,
        )


@dataclass
class _PairRow:
    table: PairTable
    qi: int

    def __len__(self) -> int:
        return int(self.table.scores.shape[1])

    def __getitem__(self, ci: int) -> Pair:
        return self.table.pair(self.qi, ci)

    def __iter__(self) -> Any:
        return (self[ci] for ci in range(len(self)))


def pairs_of(f: Features, coef: dict[str, float] | None = None) -> PairTable:
    return PairTable(f, _sigmoid(logits(f, coef)))


def assign(
    z: np.ndarray, *, accept: float | None = None, second: float | None = None, capacity: int | None = None
) -> dict[int, int]:
    """duty -> item over logits `z`: pairs at `accept` (a probability) or more, each duty at most once, each
    item at most `capacity` times, its k-th duty costing (k - 1) x `second` in logit; the total is maximised."""
    theta = _logit(ACCEPT if accept is None else accept)
    pen = SECOND if second is None else second
    cap = CAPACITY if capacity is None else capacity
    n, m = z.shape
    if not n or not m:
        return {}
    stacked = np.concatenate([z - pen * k for k in range(cap)], axis=1)
    weights = np.where(stacked >= theta, stacked - theta + 1e-3, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return {int(r): int(c) % m for r, c in zip(rows, cols, strict=True) if weights[r, c] > 0}


def decide(pairs: PairTable, chosen: dict[int, int]) -> list[Decision]:
    taken: dict[int, int] = {}
    for r, c in sorted(chosen.items()):
        taken.setdefault(c, r)
    load: dict[int, int] = {}
    for c in chosen.values():
        load[c] = load.get(c, 0) + 1
    scores = np.round(pairs.scores, 3)
    out = []
    for qi in range(len(pairs)):
        row = scores[qi]
        # the TOP best, ties to the earlier item
        top: list[int] = [int(i) for i in np.lexsort((np.arange(len(row)), -row))[:TOP]] if len(row) else []
        ranked = [(int(ci), pairs.pair(qi, int(ci))) for ci in top]
        if qi in chosen:
            ci = chosen[qi]
            out.append(Decision(ci, load[ci] > 1, ranked, taken, float(scores[qi, ci])))
        else:
            out.append(Decision(None, False, ranked, taken, ranked[0][1].score if ranked else 0.0))
    return out


def align(
    duties: Sequence[Duty], items: Sequence[Duty], *, upstream: Sequence[str] = (), semantic: bool = False
) -> tuple[list[Decision], PairTable]:
    """Decisions for every duty and every pair's score; `upstream`: the upstream document's numbers."""
    f = features(duties, items, upstream=upstream, semantic=semantic)
    pairs = pairs_of(f)
    return decide(pairs, assign(logits(f))), pairs
