"""Reading a file within limits: text goes through the sandbox like DOCX and PDF, overlong lines are
broken, and extraction itself (extractor.bounded, what the CLI and the API use) has a memory and a
time limit. Figures for hostile input: issue 13, item 3."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import corpus_text

from extractor.bounded import extract_file
from extractor.errors import ParseTimeout, TooComplex, TooLarge
from extractor.intake import Limits, load, load_bytes
from extractor.intake.lines import break_long_lines

SAMPLE = corpus_text("quangbinh-674-UBND-VX-2017")
HEADER = "ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH\nSố: 12/UBND-VX\nQuảng Bình, ngày 3 tháng 5 năm 2024\nV/v thử nghiệm\n"
# The 5 MB line, shorter: it ran past 120 s because passes cost more than linear in a line's length.
AGENCY_LINE = "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì; " * 20_000


@pytest.mark.parametrize(
    ("line", "bound", "pieces"),
    [
        ("ngắn", 10, ["ngắn"]),
        ("một hai ba bốn năm", 10, ["một hai ba", "bốn năm"]),  # at the last space before the bound
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),  # no space: at the bound itself
    ],
)
def test_a_long_line_is_broken_at_a_space_and_nothing_is_lost(line: str, bound: int, pieces: list[str]) -> None:
    text, warning = break_long_lines(line, bound)
    assert text.split("\n") == pieces
    assert (warning is None) == (pieces == [line])
    assert text.replace("\n", "").replace(" ", "") == line.replace(" ", "")


def test_line_breaks_of_every_kind_are_kept() -> None:
    text = "trang một\fSố: 12/UBND\r\n" + "chữ " * 30
    out, warning = break_long_lines(text, 40)
    assert out.startswith("trang một\fSố: 12/UBND\r\n") and warning is not None
    assert max(len(line) for line in out.splitlines()) <= 40


def test_a_text_with_an_overlong_line_loads_with_a_warning() -> None:
    loaded = load_bytes((HEADER + AGENCY_LINE).encode(), "mot-dong.txt")
    assert max(len(line) for line in loaded.text.splitlines()) <= Limits().max_line_chars
    assert loaded.warnings == ("1 line longer than 10,000 characters broken into shorter lines",)
    assert loaded.text.replace("\n", " ").count("Sở Tài chính") == 20_000


def test_far_more_text_than_any_document_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "40mb.txt"
    path.write_bytes(b"Dieu 1. " * (5_000_000 // 8 + 10))
    started = time.monotonic()
    with pytest.raises(TooLarge, match="characters of text"):
        load(path)
    assert time.monotonic() - started < 10


def test_extraction_is_stopped_at_its_time_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(SAMPLE * 60, encoding="utf-8")  # ~330 KB: a few seconds of extraction
    started = time.monotonic()
    with pytest.raises(ParseTimeout, match="no result after 0.3 s"):
        extract_file(path, limits=Limits(parse_seconds=0.2, extract_seconds=0.1))
    assert time.monotonic() - started < 5
    assert extract_file(_write(tmp_path / "ok.txt", SAMPLE)).record.document.number == "674/UBND-VX"  # next one


def test_extraction_is_stopped_at_its_memory_limit(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", SAMPLE * 60)
    with pytest.raises(TooComplex, match="ran out of memory"):
        extract_file(path, limits=Limits(memory_bytes=30 * 1024**2))


def test_bounded_extraction_gives_what_extraction_in_process_gives(tmp_path: Path) -> None:
    from extractor.pipeline import extract_file as in_process

    path = _write(tmp_path / "674.txt", SAMPLE)
    assert extract_file(path, source="674.txt") == in_process(path, source="674.txt")


def test_a_missing_file_is_the_callers_error_as_before(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        extract_file(tmp_path / "missing.txt")


def test_the_api_reading_process_has_a_memory_limit() -> None:
    from service.jobs.extraction import ExtractionProcess

    reader = ExtractionProcess(memory_bytes=1024**3)
    reader.start()
    try:
        pid = reader._process.pid  # type: ignore[union-attr]
        deadline = time.monotonic() + 30
        limit = "unlimited"
        while time.monotonic() < deadline and limit == "unlimited":
            rows = Path(f"/proc/{pid}/limits").read_text().splitlines()
            limit = next(r for r in rows if r.startswith("Max address space")).split()[3]
            time.sleep(0.1)
        assert limit != "unlimited" and 1024**3 < int(limit) < 4 * 1024**3
    finally:
        reader.kill()


def test_the_cli_reads_through_the_limits(tmp_path: Path) -> None:
    path = tmp_path / "40mb.txt"
    path.write_bytes(b"Dieu 1. " * (5_000_000 // 8 + 10))
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip() == f"vanban: {path}: tệp quá lớn (5.000.080 ký tự (giới hạn 5.000.000))"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
