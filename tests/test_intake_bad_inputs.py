"""Hostile and broken files: each one error class, a one-line message naming the file, quickly.

The parent process must survive everything: parsers run in a sandboxed child (see sandbox.py).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import (
    corpus_text,
    make_corrupt_pdf,
    make_empty,
    make_encrypted_pdf,
    make_garbage,
    make_million_paragraph_docx,
    make_pdf_bomb,
    make_pdf_claiming_pages,
    make_scanned_pdf,
    make_xxe_docx,
    make_zip_bomb_docx,
)

from extractor.errors import (
    BadInput,
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    ParseTimeout,
    TooComplex,
    UnsupportedType,
)
from extractor.intake import Limits, load

LIMITS = Limits(parse_seconds=20, memory_bytes=1024**3)


def truncated_png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + bytes(8))
    return path


def damaged_pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage garbage\n%%EOF\n")
    return path


def damaged_zip(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + bytes(60))
    return path


CASES: list[tuple[str, Callable[[Path], Path], type[BadInput], str, Limits]] = [
    ("empty.docx", make_empty, EmptyFile, "", LIMITS),
    ("blank.txt", lambda p: make_empty(p, content=b" \n\t\n"), EmptyFile, "", LIMITS),
    ("garbage.pdf", make_garbage, UnsupportedType, "binary data", LIMITS),
    ("bomb.docx", make_zip_bomb_docx, TooComplex, "inflates", LIMITS),
    ("bomb-ratio-off.docx", make_zip_bomb_docx, TooComplex, "unpacks to", Limits(max_zip_ratio=1e9)),
    ("million.docx", make_million_paragraph_docx, TooComplex, "paragraphs", LIMITS),
    ("xxe.docx", make_xxe_docx, TooComplex, "DTD", LIMITS),
    ("damaged.docx", damaged_zip, CorruptFile, "ZIP", LIMITS),
    ("claims.pdf", make_pdf_claiming_pages, TooComplex, "claims 1,000,000 pages", LIMITS),
    ("encrypted.pdf", make_encrypted_pdf, EncryptedFile, "password", LIMITS),
    ("truncated.pdf", make_corrupt_pdf, CorruptFile, "truncated", LIMITS),
    ("damaged.pdf", damaged_pdf, CorruptFile, "damaged PDF", LIMITS),
    ("truncated.png", truncated_png, CorruptFile, "damaged image", LIMITS),
]


@pytest.mark.parametrize(("name", "build", "error", "detail", "limits"), CASES, ids=[case[0] for case in CASES])
def test_bad_input(
    tmp_path: Path,
    name: str,
    build: Callable[[Path], Path],
    error: type[BadInput],
    detail: str,
    limits: Limits,
) -> None:
    path = build(tmp_path / name)
    started = time.monotonic()
    with pytest.raises(error) as caught:
        load(path, limits=limits)
    assert time.monotonic() - started < 5
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert detail in message
    assert type(caught.value) is error


@pytest.fixture(scope="module")
def pdf_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pdf_bomb(tmp_path_factory.mktemp("bomb") / "bomb.pdf")  # ~1 MB inflating to 1 GB: 5 s to build


def test_pdf_bomb_crashes_the_child_not_us(pdf_bomb: Path) -> None:
    started = time.monotonic()
    with pytest.raises(TooComplex, match=r"parser (crashed|ran out of memory)"):
        load(pdf_bomb, limits=LIMITS)
    assert time.monotonic() - started < LIMITS.parse_seconds


@pytest.mark.slow
def test_timeout_kills_the_child_and_tesseract(tmp_path: Path) -> None:
    scan = make_scanned_pdf(corpus_text("quangbinh-674-UBND-VX-2017"), tmp_path / "scan.pdf", pages_limit=1)
    before = _tesseracts()
    started = time.monotonic()
    with pytest.raises(ParseTimeout, match="no result after 0.5 s"):
        load(scan, limits=Limits(parse_seconds=0.5))
    assert time.monotonic() - started < 3
    deadline = time.monotonic() + 3
    while _orphans(_tesseracts() - before) and time.monotonic() < deadline:
        time.sleep(0.05)
    # the OCR subprocess went down with the child's process group: none is left orphaned (adopted by
    # PID 1). Tesseracts of other test workers running at the same time have a live parent.
    assert not _orphans(_tesseracts() - before)


def _orphans(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # it has ended
        if ppid == 1:
            out.add(pid)
    return out


def _tesseracts() -> set[int]:
    found = set()
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (proc / "comm").read_text().strip() == "tesseract":
                found.add(int(proc.name))
        except OSError:
            continue
    return found


def test_cli_process_reports_without_traceback(tmp_path: Path) -> None:
    bomb = make_zip_bomb_docx(tmp_path / "bomb.docx", inflated_bytes=50 * 1024**2)
    script = (
        "import sys\n"
        "from extractor.errors import BadInput\n"
        "from extractor.intake import load\n"
        "try:\n"
        "    load(sys.argv[1])\n"
        "except BadInput as exc:\n"
        "    print(exc.code, exc)\n"
        "    sys.exit(2)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(bomb)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stdout.startswith("E106 ") and "inflates" in done.stdout
    assert "Traceback" not in done.stderr
