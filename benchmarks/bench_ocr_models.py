"""Tesseract models and resolutions for Vietnamese letters: speed and accuracy on the real scans.

    python benchmarks/bench_ocr_models.py [--real DIR] [--models vie,Vietnamese] [--dpis 150,200,300]

For every model (a traineddata name Tesseract finds: `vie` from Debian's tesseract-ocr-vie, which is
tessdata_fast; `Vietnamese` from tesseract-ocr-script-viet, the Vietnamese-script model, also fast) and
resolution, on the scans of ../shared/real cleaned as the intake cleans them (`scanmarks.clean_scan`):

- header: page 1's top 40 % read with the page layout (psm 3); each header line typed off the page
  (benchmarks/data/real_header_lines.tsv) is looked up in the output (rapidfuzz partial ratio): mean
  score and lines read exactly;
- body: pages 2-4 of the longest scan and page 1 of the others, whole: CPU seconds per page
  (Tesseract's own, single-threaded) and the share of words that are Vietnamese syllables (a word
  OCR garbled rarely is one).
Not a test; run on demand. Figures go in the README.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import resource
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
from extractor.lexicon import syllables  # noqa: E402
from PIL import Image  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402

from extractor.clean import fold_tones  # noqa: E402
from extractor.intake.scanmarks import clean_scan  # noqa: E402


def _tesseract_cpu(image: Image.Image, model: str, dpi: int, psm: int = 3) -> tuple[str, float]:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [
            "tesseract",
            "stdin",
            "stdout",
            "-l",
            model,
            "--psm",
            str(psm),
            "--dpi",
            str(dpi),
            "-c",
            "tessedit_do_invert=0",
        ],
        input=buffer.getvalue(),
        capture_output=True,
        check=True,
        env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return done.stdout.decode("utf-8", "replace"), cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real")
    ap.add_argument("--models", default="vie,Vietnamese")
    ap.add_argument("--dpis", default="150,200,300")
    args = ap.parse_args()

    truth: dict[str, list[str]] = defaultdict(list)
    with (ROOT / "benchmarks" / "data" / "real_header_lines.tsv").open(encoding="utf-8") as stream:
        for row in csv.DictReader((line for line in stream if not line.startswith("#")), delimiter="\t"):
            truth[row["file"]].append(row["line"])
    scans = [args.real / name for name in sorted(truth) if (args.real / name).exists()]
    known = syllables()
    installed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    rows = [("model", "dpi", "header score", "header lines exact", "CPU s/page", "Vietnamese words")]
    for model in args.models.split(","):
        if model not in installed:
            rows.append((model, "-", "not installed", "", "", ""))
            continue
        for dpi in (int(value) for value in args.dpis.split(",")):
            scores, exact, lines, cpu, pages, words, good = 0.0, 0, 0, 0.0, 0, 0, 0
            for path in scans:
                document = pdfium.PdfDocument(path)
                try:
                    picks = [0] if len(document) < 4 else [1, 2, 3]
                    for index in sorted({0, *picks}):
                        page = document[index]
                        image = clean_scan(page.render(scale=dpi / 72, draw_annots=False).to_pil()).image
                        if index == 0:
                            top = image.crop((0, 0, image.width, int(image.height * 0.4)))
                            text, _ = _tesseract_cpu(top, model, dpi)
                            for line in truth[path.name]:
                                score = fuzz.partial_ratio(line, text)
                                scores, exact, lines = scores + score, exact + (score >= 99.5), lines + 1
                        if index in picks:
                            text, seconds = _tesseract_cpu(image, model, dpi)
                            cpu, pages = cpu + seconds, pages + 1
                            tokens = re.findall(r"[^\W\d_]+", text)
                            words += len(tokens)
                            good += sum(fold_tones(token.lower()) in known for token in tokens)
                finally:
                    document.close()
            rows.append(
                (
                    model,
                    str(dpi),
                    f"{scores / lines:.1f}",
                    f"{exact}/{lines}",
                    f"{cpu / pages:.2f}",
                    f"{good / max(words, 1):.3f}",
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print("\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows))


if __name__ == "__main__":
    main()
