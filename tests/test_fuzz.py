"""A sample of the fuzz corpus (tests/fuzz.py) through the reading the CLI and the API use: every file
gives a record or a one-line refusal, none crashes, none runs past its limits. The full run (1,000+
files) is benchmarks/fuzz_intake.py. Issue 13."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz import Case, generate, read

from extractor.intake import Limits

SAMPLE = 300
SEED = 13
# Tighter than the defaults, so a runaway shows within the suite's time; OCR of a damaged PDF's pages
# at 150 dpi is enough to tell text from none.
LIMITS = Limits(parse_seconds=20, extract_seconds=20, ocr_dpi=150, memory_bytes=1024**3)
SLACK = 5.0  # seconds for the child to start and be reaped


@pytest.fixture(scope="session")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    return {c.path.name: c for c in generate(tmp_path_factory.mktemp("fuzz"), SAMPLE, SEED)}


NAMES = [f"{i:05d}" for i in range(SAMPLE)]


@pytest.mark.parametrize("index", range(SAMPLE), ids=NAMES)
def test_a_malformed_file_is_read_or_refused_within_limits(cases: dict[str, Case], index: int) -> None:
    case = next(c for name, c in cases.items() if name.startswith(f"{index:05d}-"))
    outcome = read(case, LIMITS)
    assert outcome.status != "crashed", f"{case.path.name}: {outcome.code}: {outcome.detail}"
    assert outcome.seconds < LIMITS.parse_seconds + LIMITS.extract_seconds + SLACK
    if outcome.status == "refused":
        assert outcome.code and outcome.code.startswith("E1") and "\n" not in outcome.detail
    if case.kind in ("random-bytes", "controls-repeats"):
        assert outcome.status == "refused", outcome
    if case.kind == "intact":
        assert outcome.status == "accepted", outcome


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    # PDFs and DOCX files carry the time they were made: only the other files are compared byte for byte
    def made(folder: str) -> list[tuple[str, bytes]]:
        return [
            (c.path.name, b"" if c.path.suffix in (".pdf", ".docx") else c.path.read_bytes())
            for c in generate(tmp_path / folder, 40, 7)
        ]

    first, again = made("a"), made("b")
    assert first == again and len(first) == 40
    assert {c.kind for c in generate(tmp_path / "a", 40, 7)} == {
        "pdf-truncated",
        "pdf-bitflip",
        "docx-truncated",
        "docx-bitflip",
        "random-bytes",
        "word-salad",
        "huge-line",
        "encoding",
        "controls-repeats",
        "intact",
    }
