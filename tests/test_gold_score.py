"""The acceptance floors of the extraction issue, scored on the sample corpus against the gold records.

`vanban extract corpus/documents/*.txt --format json` is scored with the team's scorer
(tests/fixtures/score.py, a copy of shared/tools/score.py) against tests/fixtures/gold (a copy of
shared/gold). The floors are the issue's; the suite fails below any of them.
"""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
# Where extraction stands on the gold set; raised with every step, never lowered (issue 7 ends at
# references 0.97 / relation 0.90 / issuer 0.95, header fields 0.97, tasks and lead 0.90,
# assignments 0.90, targets and year 0.95).
FLOORS = {
    "references.f1": 0.98,
    "references.issued_date": 0.98,
    "references.issuer": 0.96,
    "references.relation": 0.99,
    "tasks.f1": 0.99,
    "tasks.lead": 0.98,
    "assignments.f1": 0.98,
    "targets.f1": 1.0,
    "targets.year": 1.0,
    "document.doc_type": 1.0,
    "document.number": 1.0,
    "document.issuer": 1.0,
    "document.level": 1.0,
    "document.province": 1.0,
    "document.district": 1.0,
    "document.place": 1.0,
    "document.issued_date": 1.0,
    "document.subject": 1.0,
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    docs = sorted(str(p) for p in (ROOT / "corpus" / "documents").glob("*.txt"))
    vanban = Path(sys.executable).with_name("vanban")
    out = subprocess.run(
        [str(vanban), "extract", *docs, "--format", "json"], capture_output=True, text=True, check=True, cwd=ROOT
    )
    pred = tmp_path_factory.mktemp("score") / "pred.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(FIXTURES / "score.py"), str(FIXTURES / "gold"), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures, _ = json.JSONDecoder().raw_decode(scored.stdout)  # a summary line follows the JSON
    return figures


@pytest.mark.parametrize("figure,floor", sorted(FLOORS.items()))
def test_floor(scores: dict, figure: str, floor: float) -> None:
    field, _, metric = figure.rpartition(".")
    value = scores[field][metric] if metric in ("f1", "p", "r") else scores[figure]["acc"]
    assert value >= floor, f"{figure} = {value:.3f} < {floor}"


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared folder is not beside this checkout")
def test_vendored_gold_matches_shared() -> None:
    gold = sorted(p.name for p in (SHARED / "gold").glob("*.json"))
    match, mismatch, errors = filecmp.cmpfiles(SHARED / "gold", FIXTURES / "gold", gold, shallow=False)
    assert mismatch == errors == []
    assert filecmp.cmp(SHARED / "tools" / "score.py", FIXTURES / "score.py", shallow=False)
