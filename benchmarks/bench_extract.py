"""Extraction throughput, per core (one process), by input kind, and where the time goes.

    python benchmarks/bench_extract.py [--scale N] [--ocr-pages N] [--real DIR] [--ocr-workers N] [--only-ocr]

- text: the sample corpus (corpus/documents), and N documents of the Công báo / law corpus
  (../shared/scale) if present, end to end (`extract_text`), after one warm-up document;
- DOCX and PDF: the sample corpus converted by tests/builders.py, end to end (`extract_file`,
  sandboxed intake included);
- OCR: pages/s on scanned pages made from the corpus, and on the real scans of ../shared/real (every
  PDF there whose pages go to OCR): wall-clock pages/s, CPU seconds per page (this process and its
  Tesseracts; the intake's own code, without the sandbox's process start), and how much of the header
  the text holds (the printed number verbatim, the trích yếu's words) against TRUTH.tsv. Run it with
  PYTHONPATH pointing at another checkout to measure that code the same way (before/after figures);
- stages: time per stage of the text pipeline on the same documents.
Run on demand; not a test. Figures go in the README and the issue notes.
"""

from __future__ import annotations

import argparse
import csv
import glob
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

# The extractor is imported inside the functions, not here: the intake sandbox's children (forkserver)
# re-import this script as their main module, and importing extractor.pipeline at its top (~0.5 s:
# python -X importtime -c "import extractor.pipeline") would be counted again in every DOCX and PDF
# measured below.


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def bench_text(paths: list[Path]) -> tuple[int, float, float, float]:
    """(documents read, bytes, wall seconds, CPU seconds): texts the extractor refuses (E111: Công báo files whose
    text layer kept only page headers) are left out of every figure."""
    from extractor.pipeline import extract_text
    from models.errors import VanbanError

    n = size = 0
    wall = cpu = 0.0
    for p in paths:
        t = p.read_text(encoding="utf-8")
        w0, c0 = time.perf_counter(), time.process_time()
        try:
            extract_text(t, str(p))
        except VanbanError:
            continue
        wall += time.perf_counter() - w0
        cpu += time.process_time() - c0
        n += 1
        size += len(t.encode())
    return n, size, wall, cpu


def bench_files(paths: list[Path]) -> tuple[int, float, float, float]:
    from extractor.pipeline import extract_file

    size = sum(p.stat().st_size for p in paths)
    w0, c0 = time.perf_counter(), time.process_time()
    for p in paths:
        extract_file(p)
    return len(paths), size, time.perf_counter() - w0, time.process_time() - c0


def stages(paths: list[Path]) -> dict[str, float]:
    """CPU seconds per stage of `extract_text`, summed over the documents it does not refuse."""
    from extractor import header, officialness, outline, references
    from extractor.clean import clean
    from extractor.header import Hints
    from extractor.pipeline import check_language
    from extractor.spans import find_spans
    from extractor.targets import find_targets, plan_year
    from extractor.tasks import find_tasks
    from models.errors import VanbanError

    names = ["clean", "language, officialness", "header", "references", "outline", "tasks", "targets", "spans"]
    spent = dict.fromkeys(names, 0.0)
    clock = time.process_time
    for p in paths:
        raw = p.read_text(encoding="utf-8")
        t0 = clock()
        doc = clean(raw)
        t1 = clock()
        try:
            check_language(doc.text, str(p))
            officialness.check(doc.text, str(p), None)
        except VanbanError:
            continue
        t2 = clock()
        hdr = header.read(doc, Hints.of(None))
        t3 = clock()
        mentions = references.find_mentions(doc, hdr.jurisdiction, hdr.header.number)
        references.merge(mentions)
        t4 = clock()
        tree = outline.parse(doc, hdr.body_start, len(doc.lines()), closing=hdr.body_end)
        t5 = clock()
        tasks = find_tasks(doc, tree, tree.preamble, hdr.header.doc_type)
        t6 = clock()
        targets = find_targets(doc, tree, plan_year(doc, hdr.header.subject))
        t7 = clock()
        find_spans(doc, hdr, mentions, tasks, targets)
        t8 = clock()
        ticks = [t0, t1, t2, t3, t4, t5, t6, t7, t8]
        for k, a, b in zip(names, ticks[:-1], ticks[1:], strict=True):
            spent[k] += b - a
    return spent


def bench_real_scans(folder: Path, workers: int | None) -> None:
    """OCR speed and header content on the real scans (see the module docstring)."""
    from extractor.intake.base import Limits
    from extractor.intake.pdf import read_pdf

    truth_file = folder / "TRUTH.tsv"
    truth = {}
    if truth_file.exists():
        with truth_file.open(encoding="utf-8") as stream:
            truth = {row["file"]: row for row in csv.DictReader(stream, delimiter="\t")}
    options = {"parse_seconds": 3600.0}
    if workers and "ocr_workers" in Limits.__dataclass_fields__:
        options["ocr_workers"] = workers
    limits = Limits(**options)  # type: ignore[arg-type]
    rows = [("file", "OCR pages", "seconds", "pages/s", "CPU s/page", "number in text", "trích yếu words")]
    total_pages, total_seconds, total_cpu = 0, 0.0, 0.0
    load_before = os.getloadavg()[0]
    for path in sorted(folder.glob("*.pdf")):
        before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        start = time.perf_counter()
        loaded = read_pdf(path, path.name, limits)
        seconds = time.perf_counter() - start
        after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        if not loaded.ocr_pages:
            continue
        cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before, strict=True))
        row = truth.get(path.name, {})
        number = row.get("number") or ""
        subject = row.get("subject (trích yếu, as printed)") or ""
        head = loaded.text.split("\f")[0][:1500]
        found = "yes" if number and number.split("/")[0] + "/" in head.replace(" /", "/") else "no"
        words = f"{fuzz.partial_ratio(subject, ' '.join(head.split())):.0f}%" if subject else "-"
        rows.append(
            (
                path.name,
                str(loaded.ocr_pages),
                f"{seconds:.1f}",
                f"{loaded.ocr_pages / seconds:.2f}",
                f"{cpu / loaded.ocr_pages:.2f}",
                found,
                words,
            )
        )
        total_pages += loaded.ocr_pages
        total_seconds += seconds
        total_cpu += cpu
    if total_pages:
        rows.append(
            (
                "all",
                str(total_pages),
                f"{total_seconds:.1f}",
                f"{total_pages / total_seconds:.2f}",
                f"{total_cpu / total_pages:.2f}",
                "",
                "",
            )
        )
    print(f"\nOCR, real scans in {folder} (load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after):")
    print(_table(rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=int, default=60, help="documents of ../shared/scale to add (0: none, -1: all)")
    ap.add_argument("--ocr-pages", type=int, default=3)
    ap.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real", help="folder of real scans")
    ap.add_argument("--ocr-workers", type=int, default=None, help="Tesseracts at once (default: one per core)")
    ap.add_argument("--only-ocr", action="store_true", help="only the OCR figures")
    args = ap.parse_args()
    if args.only_ocr:
        if args.real.is_dir():
            bench_real_scans(args.real, args.ocr_workers)
        return

    from builders import make_docx, make_pdf, make_scanned_pdf

    from extractor import intake
    from extractor.pipeline import warm_up

    corpus = sorted((ROOT / "corpus" / "documents").glob("*.txt"))
    warm_up()  # lexicons, dictionaries, the POS model: loaded once per process, not measured
    intake.warm_up()
    rows = [("input", "docs", "MB", "wall s", "docs/s", "MB/s", "CPU s", "MB/s per core (CPU)")]

    def row(name: str, n: int, size: float, secs: float, cpu: float) -> None:
        mb = size / 1e6
        rows.append(
            (
                name,
                str(n),
                f"{mb:.2f}",
                f"{secs:.2f}",
                f"{n / secs:.1f}",
                f"{mb / secs:.2f}",
                f"{cpu:.2f}",
                f"{mb / cpu:.2f}",
            )
        )

    row("text (sample corpus)", *bench_text(corpus))
    scale = sorted(
        Path(p) for p in glob.glob(str(ROOT.parent / "shared" / "scale" / "*" / "*" / "**" / "*.txt"), recursive=True)
    )
    random.seed(0)
    chosen = scale if args.scale < 0 else random.sample(scale, min(args.scale, len(scale)))
    if chosen:
        row(f"text (Công báo/laws, {len(chosen)} files)", *bench_text(chosen))
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
        _, _, secs, _ = bench_files([scan])
        print(f"\nOCR (scanned PDF, 300 dpi): {pages} pages in {secs:.1f} s = {pages / secs:.2f} pages/s")
    if args.real.is_dir():
        bench_real_scans(args.real, args.ocr_workers)

    spent = stages(corpus + chosen)
    total = sum(spent.values())
    print(f"\nWhere the time goes (text pipeline, CPU seconds; load average {os.getloadavg()[0]:.1f}):")
    print(_table([("stage", "CPU s", "share")] + [(k, f"{v:.2f}", f"{v / total:.0%}") for k, v in spent.items()]))


if __name__ == "__main__":
    main()
