"""Scorer for the hand-made alignment set (tests/fixtures/alignment_set.json).

    python tests/eval_alignment.py              # figures with the calibrated weights (graph.align)
    python tests/eval_alignment.py --calibrate  # the grid the weights and thresholds were chosen on
    python tests/eval_alignment.py --semantic   # with multilingual-e5-small vectors in the score

Runs the real pipeline: the documents are extracted, stored in a fresh SQLite database, their duties
and items read back with their leads, and aligned by graph.align. Figures:
- "not carried down": precision and recall of the duties the aligner says no item carries;
- "carried down by item X": precision (X is one of the items that carry it) and recall (of duties that
  are carried, how many got a right item).
A duty whose carrying item(s) the extractor does not find is counted apart (extraction misses).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.folding import fold  # noqa: E402
from graph import align  # noqa: E402
from graph.outline import task_headings  # noqa: E402

SET = ROOT / "tests" / "fixtures" / "alignment_set.json"
CORPUS = ROOT / "corpus" / "documents"


# Upstream duties of the set that the extractor does not read as duties (e.g. a circular's procedure steps).
UPSTREAM_MISSES: list[str] = []


@dataclass
class Case:
    name: str
    duties: list[align.Duty]
    duty_keys: list[str]
    items: list[align.Duty]
    item_keys: list[str]
    gold: list[set[int]]  # per duty: indexes of the items that carry it
    extraction_miss: list[bool]  # per duty: carried by items the extractor does not find
    upstream: str = ""  # the upstream document's number
    pairs: dict[Any, Any] = field(default_factory=dict)  # cached features


def _key_matches(key: str, label: str | None, text: str) -> bool:
    if key.startswith("text:"):
        return fold(text).startswith(fold(key[5:]))
    return label == key


def _find(keys: Iterable[str], duties: list[tuple[str | None, str]]) -> list[int]:
    out = []
    for k in keys:
        hits = [i for i, (label, text) in enumerate(duties) if _key_matches(k, label, text)]
        out.extend(hits[:1])
    return out


def load_cases(results: dict[str, Any] | None = None) -> list[Case]:
    """Extract and store the set's documents, then read duties and items back as the graph sees them.
    `results`: file name -> (bytes, ExtractionResult) already extracted (the test session's)."""
    from sqlalchemy import select

    from extractor.pipeline import extract_file
    from models.tables import Document, TaskAgency, TaskRow
    from service.store.db import init_db, make_engine, session_factory, session_scope
    from service.store.repository import store_result

    spec = json.loads(SET.read_text(encoding="utf-8"))
    files = sorted(
        {c["upstream"]["file"] for c in spec["cases"]} | {x["file"] for c in spec["cases"] for x in c["lower"]}
    )
    tmp = tempfile.mkdtemp(prefix="vanban-align-")
    engine = make_engine(f"sqlite:///{tmp}/eval.db")
    init_db(engine)
    factory = session_factory(engine)
    for f in files:
        # a bare name is a sample-corpus document; a path is relative to the repository (tests/fixtures/alignment_docs)
        path = ROOT / f if "/" in f else CORPUS / f
        data, result = results[f] if results and f in results else (path.read_bytes(), extract_file(path))
        with session_scope(factory) as session:
            store_result(session, result, data)

    def duties_of(session: Any, number: str) -> list[align.Duty]:
        doc = session.scalar(select(Document).where(Document.number == number, Document.in_corpus.is_(True)))
        assert doc is not None, number
        tasks = list(session.scalars(select(TaskRow).where(TaskRow.document_id == doc.id).order_by(TaskRow.position)))
        heads = task_headings(session, [(doc.id, t.position) for t in tasks])
        out = []
        for t in tasks:
            h = heads.get((doc.id, t.position), [])
            leads = session.scalars(select(TaskAgency).where(TaskAgency.task_id == t.id, TaskAgency.role == "lead"))
            leads_ = [align.Lead(a.name, a.body_key, a.level) for a in leads]
            out.append(align.Duty(t.label, t.text, leads_, h, doc.title or ""))
        return out

    cases = []
    with session_scope(factory) as session:
        for c in spec["cases"]:
            # as the gap report does: execution clauses ("… chịu trách nhiệm thi hành Quyết định này") are neither
            # duties nor carriers
            ups = [d for d in duties_of(session, c["upstream"]["number"]) if not align.is_execution_clause(d.text)]
            items = [
                d
                for low in c["lower"]
                for d in duties_of(session, low["number"])
                if not align.is_execution_clause(d.text)
            ]
            keys = list(c["duties"])
            chosen, gold, miss, kept = [], [], [], []
            for k in keys:
                hits = _find([k], [(d.label, d.text) for d in ups])
                if not hits:  # the extractor does not read this upstream duty as a duty: counted apart
                    UPSTREAM_MISSES.append(f"{c['name']}: {k}")
                    continue
                kept.append(k)
                chosen.append(ups[hits[0]])
                want = c["duties"][k]
                found = set(_find(want, [(d.label, d.text) for d in items]))
                gold.append(found)
                miss.append(bool(want) and not found)
            item_keys = [d.label or "text:" + d.text[:30] for d in items]
            cases.append(Case(c["name"], chosen, kept, items, item_keys, gold, miss, c["upstream"]["number"]))
    engine.dispose()
    return cases


@dataclass
class Figures:
    duties: int
    carried: int  # gold: carried by an extracted item
    not_carried: int
    extraction_misses: int
    precision_none: float
    recall_none: float
    precision_item: float
    recall_item: float
    errors: list[str]

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__

    def four(self) -> tuple[float, float, float, float]:
        return (self.precision_none, self.recall_none, self.precision_item, self.recall_item)


@dataclass(frozen=True)
class Model:
    """What graph.align decides with: logistic coefficients, the accept score, the second-duty penalty."""

    coef: dict[str, float]
    accept: float
    second: float

    @classmethod
    def current(cls) -> Model:
        return cls(dict(align.COEF), align.ACCEPT, align.SECOND)


def _features(c: Case, semantic: bool) -> align.Features:
    key = ("features", semantic)
    if key not in c.pairs:
        c.pairs[key] = align.features(c.duties, c.items, upstream=[c.upstream], semantic=semantic)
    features: align.Features = c.pairs[key]
    return features


def predict(c: Case, model: Model, semantic: bool = False) -> list[int | None]:
    f = _features(c, semantic)
    chosen = align.assign(align.logits(f, model.coef, model.accept), accept=model.accept, second=model.second)
    return [chosen.get(i) for i in range(len(c.duties))]


def figures(cases: list[Case], predictions: list[list[int | None]]) -> Figures:
    pred_none = tp_none = gold_none = 0
    pred_item = tp_item = gold_item = 0
    misses = 0
    errors = []
    for c, preds in zip(cases, predictions, strict=True):
        for k, p, g, miss in zip(c.duty_keys, preds, c.gold, c.extraction_miss, strict=True):
            if miss:
                misses += 1
                continue
            if p is None:
                pred_none += 1
                tp_none += not g
            else:
                pred_item += 1
                tp_item += p in g
            gold_none += not g
            gold_item += bool(g)
            if not ((p is None and not g) or (p is not None and p in g)):
                got = c.item_keys[p] if p is not None else "none"
                want = ", ".join(c.item_keys[i] for i in sorted(g)) or "none"
                errors.append(f"{c.name[:40]} | {k}: got {got}, want {want}")
    return Figures(
        duties=sum(len(c.duties) for c in cases),
        carried=gold_item,
        not_carried=gold_none,
        extraction_misses=misses,
        precision_none=tp_none / pred_none if pred_none else 1.0,
        recall_none=tp_none / gold_none if gold_none else 1.0,
        precision_item=tp_item / pred_item if pred_item else 1.0,
        recall_item=tp_item / gold_item if gold_item else 1.0,
        errors=errors,
    )


def score(cases: list[Case], *, semantic: bool = False, model: Model | None = None) -> Figures:
    """The figures of graph.align as it is (or of `model`) on the set: in-sample, since it was fitted there."""
    m = model or Model.current()
    return figures(cases, [predict(c, m, semantic) for c in cases])


def _objective(f: Figures) -> float:
    # the weakest of the four figures first, then their mean
    return min(f.four()) + sum(f.four()) / 40


def fit(cases: list[Case], semantic: bool = False, l2: float = 1e-5) -> Model:
    """Logistic regression of "this item carries this duty" on the pair features (positives weighted up to
    balance the classes, a small L2 penalty), then the accept score and second-duty penalty that give the
    best figures on `cases`."""
    from scipy.optimize import minimize

    xs, ys = [], []
    for c in cases:
        f = _features(c, semantic)
        for qi, g in enumerate(c.gold):
            if c.extraction_miss[qi] or not len(c.items):
                continue
            xs.append(f.matrix[qi])
            ys.append(np.array([ci in g for ci in range(len(c.items))], dtype=float))
    x, y = np.concatenate(xs), np.concatenate(ys)
    sample = np.where(y > 0, (1 - y.mean()) / max(y.mean(), 1e-9), 1.0)

    def loss(w: np.ndarray) -> float:
        p = 1 / (1 + np.exp(-(x @ w[:-1] + w[-1])))
        ll = y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9)
        return float(-(sample * ll).sum() / sample.sum() + l2 * (w[:-1] ** 2).sum())

    w = minimize(loss, np.zeros(x.shape[1] + 1), method="L-BFGS-B").x
    coef = {name: round(float(v), 1) for name, v in zip(align.FEATURES, w[:-1], strict=True)}
    coef["bias"] = round(float(w[-1]), 1)
    best: tuple[float, Model] | None = None
    for accept in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998):
        for second in (0.5, 1.0, 2.0, 4.0, 99.0):
            m = Model(coef, accept, second)
            v = _objective(figures(cases, [predict(c, m, semantic) for c in cases]))
            if best is None or v > best[0]:
                best = (v, m)
    assert best is not None
    return best[1]


def cross_validated(cases: list[Case], semantic: bool = False, by: str = "chain") -> Figures:
    """Leave one chain out (`by="chain"`: one upstream -> lower document case) or one upstream document out
    (`by="upstream"`): fit on the others, predict the one left out; the figures over all predictions."""
    groups = sorted({c.name if by == "chain" else c.upstream for c in cases})
    preds: dict[int, list[int | None]] = {}
    for g in groups:
        held = [i for i, c in enumerate(cases) if (c.name if by == "chain" else c.upstream) == g]
        model = fit([c for i, c in enumerate(cases) if i not in held], semantic)
        for i in held:
            preds[i] = predict(cases[i], model, semantic)
    return figures(cases, [preds[i] for i in range(len(cases))])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calibrate", action="store_true", help="fit the model on the whole set and print it")
    ap.add_argument("--cv", action="store_true", help="also the leave-one-chain-out and leave-one-upstream-out figures")
    ap.add_argument("--semantic", action="store_true")
    args = ap.parse_args()
    cases = load_cases()
    if args.calibrate:
        m = fit(cases, args.semantic)
        f = score(cases, semantic=args.semantic, model=m)
        print(json.dumps({"coef": m.coef, "accept": m.accept, "second": m.second}, ensure_ascii=False))
        print("in-sample with it:", json.dumps([round(x, 3) for x in f.four()]))
        return
    f = score(cases, semantic=args.semantic)
    out: dict[str, Any] = {k: v for k, v in f.as_dict().items() if k != "errors"}
    if args.cv:
        for by in ("chain", "upstream"):
            cv = cross_validated(cases, args.semantic, by)
            out[f"leave_one_{by}_out"] = {
                k: round(v, 3)
                for k, v in zip(
                    ("precision_none", "recall_none", "precision_item", "recall_item"), cv.four(), strict=True
                )
            }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    for e in f.errors:
        print("  ", e)


if __name__ == "__main__":
    main()
