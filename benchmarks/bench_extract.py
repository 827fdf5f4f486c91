"""Extraction throughput, per core (one process), by input kind, and where the time goes.

    python benchmarks/bench_extract.py [--scale N] [--ocr-pages N]

- text: the sample corpus (corpus/documents), and N documents of the Công báo / law corpus
  (../shared/scale) if present, end to end (`extract_text`), after one warm-up document;
- DOCX and PDF: the sample corpus converted by tests/builders.py, end to end (`extract_file`,
  sandboxed intake included);
- OCR: pages/s on scanned pages (Tesseract, 300 dpi);
- stages: time per stage of the text pipeline on the same documents.
Run on demand; not a test. Figures go in the README and the issue notes.
"""

from __future__ import annotations

import argparse
import glob
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

# The extractor is imported inside the functions, not here: the intake sandbox's children (forkserver)
# re-import this script as their main module, and importing extractor.pipeline at its top (~0.5 s:
# python -X importtime -c "import extractor.pipeline") would be counted again in every DOCX and PDF
# measured below.


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def bench_text(paths: list[Path]) -> tuple[int, float, float]:
    from extractor.pipeline import extract_text

    texts = [p.read_text(encoding="utf-8") for p in paths]
    size = sum(len(t.encode()) for t in texts)
    start = time.perf_counter()
    for p, t in zip(paths, texts, strict=True):
        extract_text(t, str(p))
    return len(texts), size, time.perf_counter() - start


def bench_files(paths: list[Path]) -> tuple[int, float, float]:
    from extractor.pipeline import extract_file

    size = sum(p.stat().st_size for p in paths)
    start = time.perf_counter()
    for p in paths:
        extract_file(p)
    return len(paths), size, time.perf_counter() - start


def stages(paths: list[Path]) -> dict[str, float]:
    from extractor import header, outline, references
    from extractor.clean import clean
    from extractor.pipeline import check_language
    from extractor.targets import find_targets, plan_year
    from extractor.tasks import find_tasks

    spent = dict.fromkeys(["clean", "language", "header", "references", "outline", "tasks", "targets"], 0.0)
    for p in paths:
        raw = p.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        doc = clean(raw)
        t1 = time.perf_counter()
        check_language(doc.text, str(p))
        t2 = time.perf_counter()
        hdr = header.parse(doc)
        t3 = time.perf_counter()
        references.merge(references.find_mentions(doc, hdr.jurisdiction, hdr.header.number))
        t4 = time.perf_counter()
        tree = outline.parse(doc, hdr.body_start, len(doc.lines()), closing=hdr.body_end)
        t5 = time.perf_counter()
        find_tasks(doc, tree, tree.preamble, hdr.header.doc_type)
        t6 = time.perf_counter()
        find_targets(doc, tree, plan_year(doc, hdr.header.subject))
        t7 = time.perf_counter()
        for k, a, b in (
            ("clean", t0, t1),
            ("language", t1, t2),
            ("header", t2, t3),
            ("references", t3, t4),
            ("outline", t4, t5),
            ("tasks", t5, t6),
            ("targets", t6, t7),
        ):
            spent[k] += b - a
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, default=60, help="documents of ../shared/scale to add (0: none)")
    ap.add_argument("--ocr-pages", type=int, default=3)
    args = ap.parse_args()

    from builders import make_docx, make_pdf, make_scanned_pdf

    from extractor import intake
    from extractor.pipeline import warm_up

    corpus = sorted((ROOT / "corpus" / "documents").glob("*.txt"))
    warm_up()  # lexicons, dictionaries, the POS model: loaded once per process, not measured
    intake.warm_up()
    rows = [("input", "docs", "MB", "seconds", "docs/s", "MB/s")]

    def row(name: str, n: int, size: float, secs: float) -> None:
        rows.append((name, str(n), f"{size / 1e6:.2f}", f"{secs:.2f}", f"{n / secs:.1f}", f"{size / 1e6 / secs:.2f}"))

    row("text (sample corpus)", *bench_text(corpus))
    scale = sorted(
        Path(p) for p in glob.glob(str(ROOT.parent / "shared" / "scale" / "*" / "*" / "**" / "*.txt"), recursive=True)
    )
    if args.scale and scale:
        random.seed(0)
        row(
            f"text (Công báo/laws, {args.scale} docs)",
            *bench_text(random.sample(scale, min(args.scale, len(scale)))),
        )
    tmp = Path(tempfile.mkdtemp())
    docx = [make_docx(p.read_text(encoding="utf-8"), tmp / f"{p.stem}.docx") for p in corpus]
    pdf = [make_pdf(p.read_text(encoding="utf-8"), tmp / f"{p.stem}.pdf") for p in corpus]
    row("DOCX (sample corpus)", *bench_files(docx))
    row("PDF, text layer (sample corpus)", *bench_files(pdf))
    print(_table(rows))

    if args.ocr_pages:
        import pypdfium2

        scan = make_scanned_pdf(
            corpus[-1].read_text(encoding="utf-8"), tmp / "scan.pdf", pages_limit=args.ocr_pages, dpi=300
        )
        pages = len(pypdfium2.PdfDocument(str(scan)))
        _, _, secs = bench_files([scan])
        print(f"\nOCR (scanned PDF, 300 dpi): {pages} pages in {secs:.1f} s = {pages / secs:.2f} pages/s")

    spent = stages(corpus + (random.sample(scale, min(args.scale, len(scale))) if args.scale and scale else []))
    total = sum(spent.values())
    print("\nWhere the time goes (text pipeline):")
    print(_table([("stage", "seconds", "share")] + [(k, f"{v:.2f}", f"{v / total:.0%}") for k, v in spent.items()]))


if __name__ == "__main__":
    main()
