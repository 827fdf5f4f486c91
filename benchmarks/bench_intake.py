"""Intake throughput on the corpus: text, DOCX and PDF (text layer), and OCR on scanned pages.

Run on demand (not a test):  python benchmarks/bench_intake.py [--repeat 3] [--ocr-pages 3]

The 11 corpus texts are rendered to DOCX and PDF by tests/builders.py in a temporary folder.
Every figure includes the sandbox (one forkserver child per file) except the "in-process" rows,
which call the parsers directly to show what the sandbox costs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from builders import CORPUS, corpus_text, make_docx, make_pdf, make_scanned_pdf, make_text  # noqa: E402

from extractor.intake import DEFAULT_LIMITS, Loaded, load, warm_up  # noqa: E402
from extractor.intake.docx import read_docx  # noqa: E402
from extractor.intake.pdf import read_pdf  # noqa: E402


def measure(label: str, files: list[Path], reader: Callable[[Path], Loaded], repeat: int) -> tuple[str, ...]:
    size = sum(path.stat().st_size for path in files)
    pages = 0
    started = time.perf_counter()
    for _ in range(repeat):
        for path in files:
            pages += reader(path).pages or 0
    seconds = time.perf_counter() - started
    docs = len(files) * repeat
    return (
        label,
        f"{docs}",
        f"{seconds:.2f}",
        f"{docs / seconds:.1f}",
        f"{size * repeat / seconds / 1e6:.2f}",
        f"{pages / seconds:.1f}" if pages else "-",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus per row")
    parser.add_argument("--ocr-pages", type=int, default=3, help="scanned pages to OCR")
    args = parser.parse_args()

    stems = sorted(path.stem for path in CORPUS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        texts = [make_text(corpus_text(stem), base / f"{stem}.txt") for stem in stems]
        docxs = [make_docx(corpus_text(stem), base / f"{stem}.docx") for stem in stems]
        pdfs = [make_pdf(corpus_text(stem), base / f"{stem}.pdf") for stem in stems]
        scans = [
            make_scanned_pdf(corpus_text("quangbinh-674-UBND-VX-2017"), base / "scan-674.pdf", pages_limit=2),
            make_scanned_pdf(corpus_text("kbang-1132-UBND-VX-2021"), base / "scan-1132.pdf", pages_limit=1),
        ]
        warm_up()
        load(pdfs[0])  # the first child pays for the forkserver start

        rows = [
            measure("text", texts, load, args.repeat),
            measure("DOCX", docxs, load, args.repeat),
            measure("PDF (text layer)", pdfs, load, args.repeat),
            measure("DOCX in-process", docxs, lambda p: read_docx(p, p.name, DEFAULT_LIMITS), args.repeat),
            measure("PDF in-process", pdfs, lambda p: read_pdf(p, p.name, DEFAULT_LIMITS), args.repeat),
        ]
        started = time.perf_counter()
        ocr_pages = 0
        for scan in scans:
            if ocr_pages >= args.ocr_pages:
                break
            ocr_pages += load(scan).ocr_pages
        seconds = time.perf_counter() - started
        rows.append(
            ("OCR (scanned PDF, 300 dpi)", f"{len(scans)}", f"{seconds:.2f}", "-", "-", f"{ocr_pages / seconds:.2f}")
        )

    header = ("intake", "docs", "seconds", "docs/s", "MB/s", "pages/s")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, tuple("-" * width for width in widths), *rows):
        print(
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            )
        )


if __name__ == "__main__":
    main()
