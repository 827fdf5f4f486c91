#!/usr/bin/env python3
"""Where extraction stands on the gold set, document by document, and what differs.

    .venv/bin/python scripts/gold_report.py                 # extract ../shared/corpus, one line per document
    .venv/bin/python scripts/gold_report.py --diff tasks    # and every unmatched or mis-assigned task
    .venv/bin/python scripts/gold_report.py --doc 121 --diff references

Scores with tests/fixtures/score.py (the team's scorer) against tests/fixtures/gold.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import score as S  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "gold"
CORPUS = ROOT / "corpus" / "documents"


def _predict(stems: list[str]) -> dict[str, dict]:
    files = [str(CORPUS / f"{s}.txt") for s in stems]
    vanban = Path(sys.executable).with_name("vanban")
    out = subprocess.run(
        [str(vanban), "extract", *files, "--format", "json"], capture_output=True, text=True, check=True
    )
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write(out.stdout)
    return S.load_predictions(Path(f.name))


def _line(stem: str, r: dict) -> str:
    def f1(k: str) -> str:
        return f"{r[k]['f1']:.2f}({r[k]['gold']}/{r[k]['pred']})" if k in r else "-"

    def acc(k: str) -> str:
        return f"{r[k]['acc']:.2f}" if k in r else "-"

    bad = [k.split(".")[1] for k in r if k.startswith("document.") and r[k]["acc"] < 1]
    return (
        f"{stem[:34]:34} ref={f1('references')} rel={acc('references.relation')} iss={acc('references.issuer')} "
        f"task={f1('tasks')} lead={acc('tasks.lead')} sup={acc('tasks.support')} asg={f1('assignments')} "
        f"tgt={f1('targets')} yr={acc('targets.year')} header_wrong={bad}"
    )


def _diff_tasks(gold: dict, pred: dict) -> None:
    gt, pt = gold.get("tasks") or [], pred.get("tasks") or []
    pairs = S.greedy_match(
        gt, pt, lambda g, p: (lambda s: s if s >= 0.5 else 0.0)(S.dice(g.get("text"), p.get("text")))
    )
    gi, pj = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
    for i, j, _ in pairs:
        g, p = gt[i], pt[j]
        for role in ("lead", "support"):
            if S.set_f1(g.get(role) or [], p.get(role) or [], S.same_agency) < 1:
                print(
                    f"    {role} {g.get('label')}/{p.get('label')}: gold {g.get(role)} pred {p.get(role)}"
                    f"  | {g['text'][:70]}"
                )
    for i, g in enumerate(gt):
        if i not in gi:
            print(f"    missed {g.get('label')}: {g['text'][:100]}  lead={g.get('lead')}")
    for j, p in enumerate(pt):
        if j not in pj:
            print(f"    extra {p.get('label')}: {p['text'][:100]}  lead={p.get('lead')}")


def _diff_references(gold: dict, pred: dict) -> None:
    gr, pr = gold.get("references") or [], pred.get("references") or []

    def sim(a: dict, b: dict) -> float:
        if a.get("number") or b.get("number"):
            return float(S.number_key(a.get("number")) == S.number_key(b.get("number")))
        return 0.9 * float(a.get("issued_date") == b.get("issued_date") and a.get("doc_type") == b.get("doc_type"))

    pairs = S.greedy_match(gr, pr, sim)
    for i, j, _ in pairs:
        g, p = gr[i], pr[j]
        for k in ("relation", "issuer", "issued_date", "doc_type"):
            same = S.same_agency(g.get(k), p.get(k)) if k == "issuer" else g.get(k) == p.get(k)
            if not same and (g.get(k) or p.get(k)):
                print(f"    {g.get('number') or g.get('title')}: {k} gold {g.get(k)!r} pred {p.get(k)!r}")
    for i, g in enumerate(gr):
        if i not in {a for a, _, _ in pairs}:
            print(f"    missed {g}")
    for j, p in enumerate(pr):
        if j not in {b for _, b, _ in pairs}:
            print(f"    extra {p}")


def _diff_targets(gold: dict, pred: dict) -> None:
    for name, items in (("gold", gold.get("targets") or []), ("pred", pred.get("targets") or [])):
        for t in items:
            print(f"    {name} {t.get('label')} {t.get('value')}{t.get('unit')} y={t.get('year')} | {t.get('subject')}")


def _diff_document(gold: dict, pred: dict) -> None:
    g, p = gold.get("document") or {}, pred.get("document") or {}
    for k in S.HEADER_FIELDS + ["recipients", "signer"]:
        if k in S.HEADER_FIELDS and S.header_equal(k, g.get(k), p.get(k)):
            continue
        if k not in S.HEADER_FIELDS and g.get(k) == p.get(k):
            continue
        print(f"    {k}: gold {g.get(k)!r} pred {p.get(k)!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--doc", help="only gold files whose name contains this")
    ap.add_argument("--diff", choices=["tasks", "references", "targets", "document"], action="append", default=[])
    a = ap.parse_args()
    golds = sorted(p for p in GOLD.glob("*.json") if not a.doc or a.doc in p.name)
    gold_by_stem = {Path(json.loads(p.read_text())["source"]).stem: json.loads(p.read_text()) for p in golds}
    preds = _predict(list(gold_by_stem))
    total = S.Tally()
    for stem, gold in gold_by_stem.items():
        t = S.Tally()
        pred = preds.get(stem, {})
        S.score_document(gold, pred, t)
        S.score_document(gold, pred, total)
        print(_line(stem, t.result()))
        for d in a.diff:
            globals()[f"_diff_{d}"](gold, pred)
    r = total.result()
    print(
        " ".join(f"{k}={r[k]['f1']:.3f}" for k in ("references", "tasks", "assignments", "targets") if k in r),
        " ".join(
            f"{k}={r[k]['acc']:.3f}"
            for k in ("tasks.lead", "references.relation", "references.issuer", "targets.year")
            if k in r
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
