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
import itertools
import json
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.clean import fold  # noqa: E402
from graph import align  # noqa: E402

SET = ROOT / "tests" / "fixtures" / "alignment_set.json"
CORPUS = ROOT / "corpus" / "documents"


@dataclass
class Case:
    name: str
    duties: list[align.Duty]
    duty_keys: list[str]
    items: list[align.Duty]
    item_keys: list[str]
    gold: list[set[int]]  # per duty: indexes of the items that carry it
    extraction_miss: list[bool]  # per duty: carried by items the extractor does not find
    pairs: dict[bool, list[list[align.Pair]]] = field(default_factory=dict)


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
        tasks = session.scalars(select(TaskRow).where(TaskRow.document_id == doc.id).order_by(TaskRow.position))
        out = []
        for t in tasks:
            leads = session.scalars(select(TaskAgency).where(TaskAgency.task_id == t.id, TaskAgency.role == "lead"))
            out.append(align.Duty(t.label, t.text, [align.Lead(a.name, a.body_key, a.level) for a in leads]))
        return out

    cases = []
    with session_scope(factory) as session:
        for c in spec["cases"]:
            ups = duties_of(session, c["upstream"]["number"])
            items = [d for low in c["lower"] for d in duties_of(session, low["number"])]
            keys = list(c["duties"])
            chosen, gold, miss = [], [], []
            for k in keys:
                (i,) = _find([k], [(d.label, d.text) for d in ups]) or [None]
                if i is None:
                    raise AssertionError(f"{c['name']}: upstream duty {k!r} not extracted")
                chosen.append(ups[i])
                want = c["duties"][k]
                found = set(_find(want, [(d.label, d.text) for d in items]))
                gold.append(found)
                miss.append(bool(want) and not found)
            item_keys = [d.label or "text:" + d.text[:30] for d in items]
            cases.append(Case(c["name"], chosen, keys, items, item_keys, gold, miss))
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


def score(
    cases: list[Case],
    *,
    semantic: bool = False,
    weights: dict[str, float] | None = None,
    accept: float | None = None,
    share: float | None = None,
    standout: float | None = None,
) -> Figures:
    pred_none = tp_none = gold_none = 0
    pred_item = tp_item = gold_item = 0
    misses = 0
    errors = []
    for c in cases:
        if semantic not in c.pairs or weights is not None:
            pairs = align.score_pairs(c.duties, c.items, semantic=semantic, weights=weights)
            if weights is None:
                c.pairs[semantic] = pairs
        else:
            pairs = c.pairs[semantic]
        decisions = align.assign(pairs, accept=accept, share=share, standout_weight=standout)
        for k, d, g, miss in zip(c.duty_keys, decisions, c.gold, c.extraction_miss, strict=True):
            if miss:
                misses += 1
                continue
            if d.index is None:
                pred_none += 1
                tp_none += not g
            else:
                pred_item += 1
                tp_item += d.index in g
            gold_none += not g
            gold_item += bool(g)
            ok = (d.index is None and not g) or (d.index is not None and d.index in g)
            if not ok:
                got = c.item_keys[d.index] if d.index is not None else "none"
                want = ", ".join(c.item_keys[i] for i in sorted(g)) or "none"
                best = d.ranked[0][1].score if d.ranked else 0
                errors.append(f"{c.name[:40]} | {k}: got {got} ({best:.2f}), want {want}")
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


def calibrate(cases: list[Case], semantic: bool) -> list[tuple[float, dict[str, float], float, float, Figures]]:
    """Every weight and threshold on a grid, best (the lowest of the four figures, then their mean) first."""
    grid = []
    steps = [i / 20 for i in range(0, 21)]
    sem_steps = [0.0, 0.1, 0.2, 0.3, 0.4] if semantic else [0.0]
    for wt, wr, wf, ws in itertools.product(steps, [0.1, 0.2, 0.3, 0.4], [0.0, 0.15, 0.3], sem_steps):
        if abs(wt + wr + wf + ws - 1.0) > 1e-9:
            continue
        weights = {"text": wt, "role": wr, "ref": wf, "semantic": ws}
        feats = [align.score_pairs(c.duties, c.items, semantic=semantic, weights=weights) for c in cases]
        for beta in (0.0, 0.1, 0.2, 0.3, 0.4):
            for accept in [x / 100 for x in range(25, 81, 5)]:
                for share in [accept + d for d in (0.05, 0.1, 0.15, 0.2, 0.3, 1.0)]:
                    f = _score_pairs(cases, feats, accept, share, beta)
                    figs = (f.precision_none, f.recall_none, f.precision_item, f.recall_item)
                    grid.append((min(figs) + sum(figs) / 40, {**weights, "standout": beta}, accept, share, f))
    grid.sort(key=lambda g: -g[0])
    return grid


def _score_pairs(
    cases: list[Case], feats: list[list[list[align.Pair]]], accept: float, share: float, beta: float
) -> Figures:
    saved = [c.pairs.get(False) for c in cases]
    for c, p in zip(cases, feats, strict=True):
        c.pairs[False] = p
    try:
        return score(cases, accept=accept, share=share, standout=beta)
    finally:
        for c, p in zip(cases, saved, strict=True):
            if p is None:
                c.pairs.pop(False, None)
            else:
                c.pairs[False] = p


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--semantic", action="store_true")
    args = ap.parse_args()
    cases = load_cases()
    if args.calibrate:
        grid = calibrate(cases, args.semantic)
        for value, w, accept, share, f in grid[:10]:
            print(
                f"{value:.3f} {w} accept={accept:.2f} share={share:.2f} "
                f"none P/R {f.precision_none:.3f}/{f.recall_none:.3f} item P/R {f.precision_item:.3f}/{f.recall_item:.3f}"
            )
        return
    f = score(cases, semantic=args.semantic)
    print(json.dumps({k: v for k, v in f.as_dict().items() if k != "errors"}, ensure_ascii=False, indent=2))
    for e in f.errors:
        print("  ", e)


if __name__ == "__main__":
    main()
