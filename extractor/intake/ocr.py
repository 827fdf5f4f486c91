"""Read page images with Tesseract (Vietnamese data), keeping the header's two columns apart.

Tesseract runs as a subprocess (`tesseract stdin stdout -l vie tsv`), in the sandbox's process
group, so killing the sandbox on timeout kills it too. Its TSV output gives every word's box:
Tesseract's own page segmentation (psm 3) glues the two header columns into one line when the
gap between them is narrow, so the header is split by `layout.split_header` instead, as for PDFs.

OMP_THREAD_LIMIT=1: Tesseract's OpenMP threads make it 4x slower on this 2-core machine
(3.3 s against 0.74 s for an A4 page at 300 dpi), and a server OCRs several files at once anyway.
"""

from __future__ import annotations

import io
import os
import subprocess
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence

from ..errors import CorruptFile, NoText, TooComplex
from .base import Limits, Loaded
from .layout import HeaderSplit, Word, split_header
from .proc import die_with_parent
from .sniff import IMAGE_MEDIA_TYPES

TESSERACT = "tesseract"
LANGUAGE = "vie"
# Above this many pixels an image is refused (Pillow warns at 89 M by default): a 600 dpi A3 scan
# is 70 M pixels, and Tesseract needs about 10 bytes of memory per pixel.
MAX_PIXELS = 120_000_000


@dataclass(frozen=True)
class _OcrLine:
    text: str
    paragraph: tuple[int, int]  # (block, paragraph) as Tesseract numbers them
    top: float  # in points (1/72 inch), like PDF coordinates


@dataclass(frozen=True)
class _OcrPage:
    lines: tuple[_OcrLine, ...]
    words: tuple[Word, ...]
    width: float  # points

    def lines_in_order(self) -> list[_OcrLine]:
        return sorted(self.lines, key=lambda line: line.top)


def ocr_page_text(image: Image.Image, dpi: int, name: str) -> str:
    """The text of one page image, header columns first when the page has a two-column header."""
    page = _run_tesseract(image, dpi, name)
    split = split_header(list(page.words), page.width)
    body = page.lines if split is None else tuple(line for line in page.lines if line.top >= split.body_top)
    out: list[str] = [*_reread_columns(image, dpi, name, split)] if split is not None else []
    previous: tuple[int, int] | None = None
    for line in body:
        if previous is not None and line.paragraph != previous and out:
            out.append("")  # a blank line between paragraphs, as Tesseract's text output has
        out.append(line.text)
        previous = line.paragraph
    return "\n".join(out)


def _reread_columns(image: Image.Image, dpi: int, name: str, split: HeaderSplit) -> list[str]:
    """The header columns read again, each as one block of text (psm 6).

    On the whole page, Tesseract's layout analysis (psm 3) runs the rule drawn under the issuing
    body into the "Số: ..." line and garbles it ("§S2A48BXDOÔN." for "Số: 2428/BXD-QLN"); read
    as a block of its own, the column comes out right. The first reading stays when the second
    finds fewer letters.
    """
    scale = dpi / 72.0
    top = max(0, int(split.top * scale) - 4)
    bottom = min(image.height, int(split.body_top * scale) + 2)
    gutter = int(split.gutter * scale)
    columns = []
    for first, box in ((split.left, (0, top, gutter, bottom)), (split.right, (gutter, top, image.width, bottom))):
        crop = image.crop(box)
        lines = [ln for ln in (line.text for line in _run_tesseract(crop, dpi, name, psm=6).lines_in_order()) if ln]
        letters = sum(ch.isalpha() for ch in "".join(lines))
        columns.extend(lines if letters >= 0.9 * sum(ch.isalpha() for ch in "".join(first)) else first)
    return columns


def _run_tesseract(image: Image.Image, dpi: int, name: str, psm: int = 3) -> _OcrPage:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    command = [TESSERACT, "stdin", "stdout", "-l", LANGUAGE, "--psm", str(psm), "--dpi", str(dpi), "tsv"]
    try:
        done = subprocess.run(
            command, input=buffer.getvalue(), capture_output=True, check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            preexec_fn=die_with_parent,  # the sandbox child is single-threaded, so this is safe
        )
    except FileNotFoundError:
        raise NoText(name, "the file needs OCR but Tesseract is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise NoText(name, f"OCR failed: {message[-1] if message else done.returncode}")
    return _parse_tsv(done.stdout.decode("utf-8", "replace"), 72.0 / dpi, image.width * 72.0 / dpi)


def _parse_tsv(tsv: str, scale: float, width: float) -> _OcrPage:
    lines: dict[tuple[int, int, int], list[tuple[float, str]]] = {}
    words: list[Word] = []
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) != 12 or fields[0] != "5" or not fields[11].strip():
            continue  # level 5 rows are words; the others are pages, blocks, paragraphs, lines
        block, paragraph, line = int(fields[2]), int(fields[3]), int(fields[4])
        left, top, w, h = (float(value) * scale for value in fields[6:10])
        text = fields[11].strip()
        lines.setdefault((block, paragraph, line), []).append((top, text))
        words.append(Word(text, left, top, left + w, top + h))
    ocr_lines = tuple(
        _OcrLine(" ".join(text for _, text in items), (key[0], key[1]), min(top for top, _ in items))
        for key, items in lines.items()
    )
    return _OcrPage(ocr_lines, tuple(words), width)


# --- image files --------------------------------------------------------------------------------


def read_image(source: Path | bytes, name: str, kind: str, limits: Limits) -> Loaded:
    """OCR a PNG, JPEG or (multi-page) TIFF file."""
    pages: list[str] = []
    with _open_image(source, name) as image:
        frames = getattr(image, "n_frames", 1)
        if frames > limits.max_pages:
            raise TooComplex(name, f"{frames:,} pages in the image (limit {limits.max_pages:,})")
        for frame in _frames(image, name):
            dpi = _image_dpi(frame, limits.ocr_dpi)
            pages.append(ocr_page_text(_prepared(frame), dpi, name))
    text = "\f".join(pages)
    if sum(ch.isalpha() for ch in text) == 0:
        raise NoText(name, "OCR found no text in the image")
    return Loaded(
        text=text, kind="image", media_type=IMAGE_MEDIA_TYPES.get(kind, "image/" + kind),
        pages=len(pages), ocr_pages=len(pages), encoding=None,
        warnings=(f"{'page' if len(pages) == 1 else 'all pages'} read by OCR",),
    )


def _open_image(source: Path | bytes, name: str) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TooComplex(name, f"image too large: {exc}") from None
    except (OSError, ValueError, SyntaxError) as exc:  # PIL.UnidentifiedImageError is an OSError
        raise CorruptFile(name, f"damaged image: {exc}") from None


def _frames(image: Image.Image, name: str) -> Iterator[Image.Image]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            for frame in ImageSequence.Iterator(image):
                if frame.width * frame.height > MAX_PIXELS:
                    raise TooComplex(name, f"a page of {frame.width}x{frame.height} pixels is too large")
                frame.load()
                yield frame
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TooComplex(name, f"image too large: {exc}") from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise CorruptFile(name, f"damaged image: {exc}") from None


def _prepared(frame: Image.Image) -> Image.Image:
    """Upright and grey: phone photos carry their rotation in EXIF, and Tesseract wants no alpha."""
    upright = ImageOps.exif_transpose(frame) or frame
    return upright.convert("L")


def _image_dpi(frame: Image.Image, default: int) -> int:
    dpi = frame.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 70 <= value <= 1200 else default  # a missing or silly DPI: assume a normal scan
