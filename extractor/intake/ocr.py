"""Read page images with Tesseract (Vietnamese data), made for official letters.

For each page:

1. `scanmarks.clean_scan` takes off what is not the printed text: coloured ink (red seals, the red
   "HỎA TỐC" stamp, blue signatures) by colour, framed received stamps ("ĐẾN") by shape, thin rules
   (and, in the header, underlines where no letter stands on them).
2. Tesseract reads the whole page at the body resolution (`Limits.ocr_dpi`, 200 dpi: measured on the
   real scans, body text comes out as well as at 300 dpi, 22 % faster; `benchmarks/bench_ocr_models.py`)
   with its page layout (psm 3), as TSV: every word with its box and confidence.
3. `layout.split_header` finds the two header columns among the word boxes (Tesseract's own layout
   glues them into one line when the gap is narrow, and runs the rule under the issuing body into the
   "Số:" line). Each column is read again as a block (psm 6) from a rendering at the header resolution
   (`Limits.ocr_header_dpi`, 300 dpi: small bold capitals and the Số line need it), so the issuing body,
   the Số line, the motto and the place-and-date line come out as lines of their own.

Pages are read in parallel: one Tesseract per core (`Limits.ocr_workers`), each single-threaded
(OMP_THREAD_LIMIT=1: Tesseract's OpenMP threads made it 4x slower on this 2-core machine). Tesseract
runs as a child of the sandbox process, in its process group (a timeout kills it too), started from
one thread only, on image files in a temporary folder.

Uncertain text. `OcrText.uncertain` (and `Loaded.uncertain`) lists [start, end) character ranges of the
returned text, in order and not overlapping, that should not be trusted as read:
- a word Tesseract itself doubts (confidence below `_LOW_CONFIDENCE`): handwriting, seals, debris
  (in the header, when such a word's digits were measured as printed type, only its characters
  Tesseract doubts: "985/QĐ-TTg_" under a seal keeps its number);
- a word touching coloured ink that was removed (a number or day written in blue or red);
- a run of digits on a header line whose glyphs are not the line's printed type: taller or shorter
  than the line's printed capitals and digits by more than `_HEIGHT_DEVIATION`, or off its baseline
  (a number stamped by a numbering machine or written by hand is read confidently but wrongly, as
  "4033" for a stamped "1039").
A header reader should give a number or date that overlaps such a range as null, flagged for a person
to enter ("số, ngày viết tay — cần nhập"), rather than the characters read. The ranges are offsets into
the intake text (`Loaded.text`, pages joined by form feeds), the same offsets a `Span`'s `source_start`
and `source_end` use, so a finding's span can be checked against them directly.
"""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, ImageSequence
from scipy import ndimage

from extractor import patterns as P

from ..errors import CorruptFile, NoText, TooComplex
from .base import Limits, Loaded
from .layout import HeaderSplit, Word, split_header
from .proc import die_with_parent
from .scanmarks import CleanScan, clean_scan, touches_colour
from .sniff import IMAGE_MEDIA_TYPES

TESSERACT = "tesseract"
LANGUAGE = "vie"
# Above this many pixels an image is refused (Pillow warns at 89 M by default): a 600 dpi A3 scan
# is 70 M pixels, and Tesseract needs about 10 bytes of memory per pixel.
MAX_PIXELS = 120_000_000
HEADER_SHARE = 0.4  # the top share of page 1 rendered at the header resolution
FOLDER_PREFIX = "vanban-ocr-"  # temporary folders of page images: vanban-ocr-<pid>-...

_LOW_CONFIDENCE = 60.0  # Tesseract word confidence (0-100) below which a word is uncertain
_HEIGHT_DEVIATION = 0.12  # a digit this much taller or shorter than the line's printed type is not print
_BASELINE_DEVIATION = 0.15  # ... or this far (in type heights) off the line's baseline


# --- what a page read gives ---------------------------------------------------------------------


@dataclass(frozen=True)
class OcrWord:
    text: str
    box: Word  # in points from the page's top-left
    confidence: float
    # (character, x0, x1 in points, confidence); header reads (hOCR) only
    chars: tuple[tuple[str, float, float, float], ...] = ()


@dataclass
class OcrLine:
    words: list[OcrWord]
    paragraph: tuple[int, int]  # (block, paragraph) as Tesseract numbers them

    @property
    def top(self) -> float:
        return min(word.box.top for word in self.words)


@dataclass(frozen=True)
class OcrText:
    text: str
    uncertain: tuple[tuple[int, int], ...] = ()
    stamps: int = 0  # framed stamps blanked before reading
    coloured: bool = False  # coloured ink was removed


@dataclass
class _Page:
    number: int
    scan: CleanScan
    dpi: int
    path: Path
    header: tuple[Image.Image, int] | None  # (the top of the page at the header resolution, its dpi)
    lines: list[OcrLine] = field(default_factory=list)
    split: HeaderSplit | None = None
    columns: dict[int, list[OcrLine]] = field(default_factory=dict)
    pending: int = 0


# --- the runner ---------------------------------------------------------------------------------


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class OcrRunner:
    """Reads pages with up to `workers` Tesseracts at once; pages are added in order, read in any order.

        with OcrRunner(name, workers=2) as runner:
            for number, image in pages:
                runner.add(number, image, dpi)
            texts = runner.finish()  # {page number: OcrText}

    `add` returns as soon as the page's Tesseract has started, so the caller renders the next page while
    the previous ones are read; it waits only while all `workers` are busy. A page's header columns are
    queued when its first reading is done. Only pages being read are held in memory.
    """

    def __init__(self, name: str, workers: int | None = None) -> None:
        self.name = name
        self.workers = max(1, workers or default_workers())
        # Named after this process, so the sandbox can remove it should it have to kill us (`sandbox._stop`).
        self._folder = tempfile.TemporaryDirectory(prefix=f"{FOLDER_PREFIX}{os.getpid()}-")
        self._queue: list[tuple[_Page, str]] = []
        self._running: list[tuple[subprocess.Popen[bytes], _Page, str, Path, int]] = []
        self._done: dict[int, OcrText] = {}
        self._serial = 0

    def __enter__(self) -> OcrRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        for process, *_ in self._running:
            process.kill()
            process.wait()
        self._folder.cleanup()

    def add(self, number: int, image: Image.Image, dpi: int, header: tuple[Image.Image, int] | None = None) -> None:
        """Queue page `number`; `header` is the top of the page rendered at the header resolution, if any."""
        scan = clean_scan(image)
        if header is not None:
            top, header_dpi = header
            page_height = round(scan.image.height * header_dpi / dpi)
            header = (clean_scan(top, page_height=page_height, underlines=True).image, header_dpi)
        path = Path(self._folder.name) / f"page-{number}.png"
        _save(scan.image, path)
        self._queue.append((_Page(number, scan, dpi, path, header, pending=1), "page"))
        self._start_queued()
        while self._queue:
            self._wait_one()

    def finish(self) -> dict[int, OcrText]:
        while self._queue or self._running:
            self._wait_one()
        return self._done

    def _start_queued(self) -> None:
        while self._queue and len(self._running) < self.workers:
            page, kind = self._queue.pop(0)
            if kind == "page":
                source, dpi = page.path, page.dpi
            else:
                image, dpi = page.header if page.header is not None else (page.scan.image, page.dpi)
                source = Path(self._folder.name) / f"page-{page.number}-{kind}.png"
                _save(image.crop(_column_box(page, kind, image, dpi)), source)
            self._serial += 1
            output = Path(self._folder.name) / f"out-{self._serial}"
            command = [TESSERACT, str(source), str(output), "-l", LANGUAGE, "--psm", "3" if kind == "page" else "6"]
            # tessedit_do_invert=0: letters are dark on light; not trying white-on-black saves 7 %
            command += ["--dpi", str(dpi), "-c", "tessedit_do_invert=0"]
            command += ["tsv"] if kind == "page" else ["-c", "hocr_char_boxes=1", "hocr"]
            try:
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                    preexec_fn=die_with_parent,  # Popen is only ever called from this one thread
                )
            except FileNotFoundError:
                raise NoText(self.name, "the file needs OCR but Tesseract is not installed") from None
            self._running.append((process, page, kind, output, dpi))

    def _wait_one(self) -> None:
        while True:
            for entry in self._running:
                if entry[0].poll() is not None:
                    self._running.remove(entry)
                    self._collect(*entry)
                    self._start_queued()
                    return
            time.sleep(0.005)

    def _collect(self, process: subprocess.Popen[bytes], page: _Page, kind: str, output: Path, dpi: int) -> None:
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        if process.returncode != 0:
            message = stderr.strip().splitlines()
            raise NoText(self.name, f"OCR failed: {message[-1] if message else process.returncode}")
        page.pending -= 1
        scale = 72.0 / dpi
        if kind == "page":
            page.lines = _parse_tsv(output.with_suffix(".tsv").read_text("utf-8", "replace"), scale)
            words = [word.box for line in page.lines for word in line.words]
            page.split = split_header(words, page.scan.image.width * 72.0 / page.dpi)
            if page.split is not None:
                page.pending += 2
                self._queue += [(page, "left"), (page, "right")]
        else:
            image = page.header[0] if page.header is not None else page.scan.image
            left, top, _, _ = _column_box(page, kind, image, dpi)
            hocr = output.with_suffix(".hocr").read_text("utf-8", "replace")
            page.columns[0 if kind == "left" else 1] = _parse_hocr(hocr, scale, (left * scale, top * scale))
        if page.pending == 0:
            self._done[page.number] = _page_text(page)
            page.path.unlink(missing_ok=True)


def _save(image: Image.Image, path: Path) -> None:
    # PNG at the lowest compression: Tesseract reads it as fast, and writing takes a fifth of the time.
    image.save(path, format="PNG", compress_level=1)


def _column_box(page: _Page, kind: str, image: Image.Image, dpi: int) -> tuple[int, int, int, int]:
    """A header column's box in pixels of `image` (rendered at `dpi`)."""
    split = page.split
    assert split is not None
    scale = dpi / 72.0
    top = max(0, int(split.top * scale) - 4)
    bottom = min(image.height, int(split.body_top * scale) + 2)
    gutter = int(split.gutter * scale)
    return (0, top, gutter, bottom) if kind == "left" else (gutter, top, image.width, bottom)


# --- parsing Tesseract's output -------------------------------------------------------------------


def _parse_tsv(tsv: str, scale: float) -> list[OcrLine]:
    lines: dict[tuple[int, int, int], OcrLine] = {}
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) != 12 or fields[0] != "5" or not fields[11].strip():
            continue  # level 5 rows are words; the others are pages, blocks, paragraphs, lines
        block, paragraph, line = int(fields[2]), int(fields[3]), int(fields[4])
        left, top, width, height = (float(value) * scale for value in fields[6:10])
        word = OcrWord(
            fields[11].strip(), Word(fields[11].strip(), left, top, left + width, top + height), float(fields[10])
        )
        lines.setdefault((block, paragraph, line), OcrLine([], (block, paragraph))).words.append(word)
    return list(lines.values())


def _parse_hocr(hocr: str, scale: float, offset: tuple[float, float]) -> list[OcrLine]:
    """Lines of an hOCR file made with hocr_char_boxes=1: words with confidences and their characters' boxes."""
    dx, dy = offset
    lines: list[OcrLine] = []
    for number, paragraph in enumerate(P.HOCR_PARAGRAPH.findall(hocr)):
        for line_html in re.split(r"<span class='ocr_(?:line|textfloat|header|caption)'", paragraph)[1:]:
            words = []
            for word_html in line_html.split("<span class='ocrx_word'")[1:]:
                head = re.match(r"[^>]*title='bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)'>", word_html)
                if head is None:
                    continue
                chars = [
                    (html.unescape(char), float(x0) * scale + dx, float(x1) * scale + dx, float(confidence))
                    for x0, _, x1, _, confidence, char in P.HOCR_CHAR.findall(word_html)
                ]
                text = "".join(char for char, *_ in chars).strip()
                if not chars:
                    text = html.unescape(re.sub(r"<[^>]+>", "", word_html[head.end() :])).strip()
                if not text:
                    continue
                x0, y0, x1, y1 = (float(value) * scale for value in head.groups()[:4])
                box = Word(text, x0 + dx, y0 + dy, x1 + dx, y1 + dy)
                words.append(OcrWord(text, box, float(head.group(5)), chars=tuple(chars)))
            if words:
                lines.append(OcrLine(words, (0, number)))
    return lines


# --- the page's text ----------------------------------------------------------------------------


def _page_text(page: _Page) -> OcrText:
    split = page.split
    body = page.lines if split is None else [line for line in page.lines if line.top >= split.body_top]
    header_lines: list[OcrLine] = []
    if split is not None:
        for index, first in ((0, split.left), (1, split.right)):
            again = [line for line in page.columns.get(index, []) if line.words]
            letters = sum(ch.isalpha() for line in again for word in line.words for ch in word.text)
            if letters >= 0.9 * sum(ch.isalpha() for ch in "".join(first)):
                header_lines.extend(again)
            else:  # the second reading lost letters: keep the first (its words, from the page's lines)
                header_lines.extend(
                    line for line in page.lines if line.top < split.body_top and _in_column(line, split, index)
                )
    scale = page.dpi / 72.0
    out: list[str] = []
    uncertain: list[tuple[int, int]] = []
    position = 0

    def emit(line: OcrLine, header_image: tuple[Image.Image, int] | None) -> None:
        nonlocal position
        measured = _measured_digits(line, *header_image) if header_image is not None else {}
        start = position
        for word in line.words:
            box = (
                int(word.box.x0 * scale),
                int(word.box.top * scale),
                int(word.box.x1 * scale),
                int(word.box.bottom * scale),
            )
            reach = int((word.box.bottom - word.box.top) * scale)
            runs = measured.get(id(word), [])
            uncertain.extend((start + begin, start + end) for begin, end, doubtful in runs if doubtful)
            if touches_colour(page.scan.colour, box, reach):
                uncertain.append((start, start + len(word.text)))
            elif word.confidence < _LOW_CONFIDENCE:
                if runs and not any(doubtful for *_, doubtful in runs):
                    # printed digits with debris around them ("985/QĐ-TTg_" under a seal): the digits stand,
                    # the characters Tesseract doubts do not
                    uncertain.extend(
                        (start + i, start + i + 1)
                        for i, (_, _, _, confidence) in enumerate(word.chars)
                        if confidence < _LOW_CONFIDENCE
                    )
                else:
                    uncertain.append((start, start + len(word.text)))
            start += len(word.text) + 1
        text = " ".join(word.text for word in line.words)
        out.append(text)
        position += len(text) + 1

    measured = page.header if page.header is not None else (page.scan.image, page.dpi)
    for line in header_lines:
        emit(line, measured)
    previous: tuple[int, int] | None = None
    for line in sorted(body, key=lambda line: line.top) if split is not None else body:
        if previous is not None and line.paragraph != previous and out:
            out.append("")  # a blank line between paragraphs, as Tesseract's text output has
            position += 1
        emit(line, None)
        previous = line.paragraph
    text = "\n".join(out)
    return OcrText(text, _merged(uncertain), len(page.scan.stamps), page.scan.colour is not None)


def _in_column(line: OcrLine, split: HeaderSplit, index: int) -> bool:
    centre = (min(w.box.x0 for w in line.words) + max(w.box.x1 for w in line.words)) / 2
    return (centre < split.gutter) == (index == 0)


def _measured_digits(line: OcrLine, image: Image.Image, dpi: int) -> dict[int, list[tuple[int, int, bool]]]:
    """Runs of digits measured against the line's printed type: {id(word): [(start, end, doubtful)]}, where
    start and end are offsets in the word and doubtful means the glyphs are not the printed type.

    Measured on the image, not on Tesseract's character boxes (the LSTM engine's boxes are rough): the
    line's ink is cut into connected components; those under a digit run are the digits, the others the
    printed ruler. Printed digits are as tall as the capitals and ascenders and stand on the same
    baseline (fitted as a straight line: scans are skewed); a number stamped or written into the blank
    of the template is taller or shorter, or sits off the baseline.
    """
    runs = [
        (word, run, min(x0 for _, x0, _, _ in run_chars), max(x1 for _, _, x1, _ in run_chars))
        for word in line.words
        if len(word.chars) == len(word.text)
        for run in re.finditer(r"\d+", word.text)
        if (run_chars := word.chars[run.start() : run.end()])
    ]
    if not runs:
        return {}
    scale = dpi / 72.0
    top = int(min(word.box.top for word in line.words) * scale) - 4
    bottom = int(max(word.box.bottom for word in line.words) * scale) + 4
    left = int(min(word.box.x0 for word in line.words) * scale)
    right = int(max(word.box.x1 for word in line.words) * scale)
    band = np.asarray(image.crop((left, max(0, top), right, bottom)).convert("L")) < 140
    labels, _ = ndimage.label(band, structure=np.ones((3, 3), dtype=bool))
    glyphs = []  # (x centre in points, height, bottom) in pixels
    for box in ndimage.find_objects(labels):
        if box is None:
            continue
        rows, cols = box
        glyphs.append(((left + (cols.start + cols.stop) / 2) / scale, rows.stop - rows.start, rows.stop))
    tall = max((height for _, height, _ in glyphs), default=0)
    glyphs = [glyph for glyph in glyphs if glyph[1] >= 0.4 * tall]  # no diacritics, dots, commas
    in_run = [any(x0 <= x <= x1 for _, _, x0, x1 in runs) for x, _, _ in glyphs]
    ruler = [glyph for glyph, inside in zip(glyphs, in_run, strict=True) if not inside]
    baseline = _baseline(ruler)
    if baseline is None:
        return {}
    at, slope, height = baseline
    found: dict[int, list[tuple[int, int, bool]]] = {}
    for word, run, x0, x1 in runs:
        digits = [(x, h, b) for x, h, b in glyphs if x0 <= x <= x1]
        if not digits:
            continue
        off = [
            abs(h - height) / height > _HEIGHT_DEVIATION or abs(b - (at + slope * x)) / height > _BASELINE_DEVIATION
            for x, h, b in digits
        ]
        found.setdefault(id(word), []).append((run.start(), run.end(), any(off)))
    return found


def _baseline(ruler: list[tuple[float, int, int]]) -> tuple[float, float, float] | None:
    """(intercept, slope, cap height) of the printed glyphs' baseline: bottom = intercept + slope * x.

    Robust to the glyphs that are not on it (descenders of g, p, y, Q; a handwritten day): the slope is
    the median of the slopes between pairs of glyphs (Theil-Sen; scans are skewed), the line goes through
    the median bottom, and is then fitted again through the glyphs near it (small letters stand on the
    baseline too). The cap height is the median height of the tall glyphs on that line (capitals,
    digits, ascenders).
    """
    if len(ruler) < 4:
        return None
    tall = float(np.percentile([height for _, height, _ in ruler], 90))
    xs = np.array([x for x, _, _ in ruler], dtype=float)
    bottoms = np.array([b for _, _, b in ruler], dtype=float)
    dx = xs[None, :] - xs[:, None]
    pairs = np.abs(dx) > 1.0
    if not pairs.any():
        return None
    slope = float(np.median(((bottoms[None, :] - bottoms[:, None])[pairs]) / dx[pairs]))
    at = float(np.median(bottoms - slope * xs))
    near = np.abs(bottoms - (at + slope * xs)) <= 0.08 * tall
    if near.sum() >= 3 and np.ptp(xs[near]) > 0:
        slope, at = (float(v) for v in np.polyfit(xs[near], bottoms[near], 1))
    upright = [h for x, h, b in ruler if h >= 0.8 * tall and abs(b - (at + slope * x)) <= 0.08 * tall]
    if len(upright) < 2:
        return None
    return at, slope, float(np.median(upright))


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, overlapping or touching (one space apart) ranges joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


# --- image files --------------------------------------------------------------------------------


def read_image(source: Path | bytes, name: str, kind: str, limits: Limits) -> Loaded:
    """OCR a PNG, JPEG or (multi-page) TIFF file, pages in parallel."""
    count = 0
    with _open_image(source, name) as image, OcrRunner(name, limits.ocr_workers) as runner:
        frames = getattr(image, "n_frames", 1)
        if frames > limits.max_pages:
            raise TooComplex(name, f"{frames:,} pages in the image (limit {limits.max_pages:,})")
        for frame in _frames(image, name):
            count += 1
            dpi = _image_dpi(frame, limits.ocr_dpi)
            prepared = _prepared(frame)
            runner.add(count, prepared, dpi, header=(prepared, dpi) if count == 1 else None)
        pages = runner.finish()
    text, uncertain = join_pages([pages[number] for number in range(1, count + 1)])
    if sum(ch.isalpha() for ch in text) == 0:
        raise NoText(name, "OCR found no text in the image")
    return Loaded(
        text=text,
        kind="image",
        media_type=IMAGE_MEDIA_TYPES.get(kind, "image/" + kind),
        pages=count,
        ocr_pages=count,
        encoding=None,
        warnings=(f"{'page' if count == 1 else 'all pages'} read by OCR", *marks_warnings(pages)),
        uncertain=uncertain,
    )


def join_pages(pages: list[OcrText | str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Pages joined with form feeds, and their uncertain ranges moved to the joined text's offsets."""
    texts: list[str] = []
    uncertain: list[tuple[int, int]] = []
    position = 0
    for page in pages:
        text = page.text if isinstance(page, OcrText) else page
        if isinstance(page, OcrText):
            uncertain.extend((start + position, end + position) for start, end in page.uncertain)
        texts.append(text)
        position += len(text) + 1
    return "\f".join(texts), tuple(uncertain)


def marks_warnings(pages: dict[int, OcrText]) -> list[str]:
    stamped = [number for number, page in sorted(pages.items()) if page.stamps]
    coloured = [number for number, page in sorted(pages.items()) if page.coloured]
    notes = []
    if coloured:
        notes.append(f"coloured ink (seals, stamps, signatures) left out of OCR on page(s) {_listed(coloured)}")
    if stamped:
        notes.append(f"framed stamps (received stamps) left out of OCR on page(s) {_listed(stamped)}")
    return notes


def _listed(numbers: list[int]) -> str:
    return ", ".join(str(number) for number in numbers)


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
    """Upright (phone photos carry their rotation in EXIF), without alpha, colour kept (for `scanmarks`)."""
    upright = ImageOps.exif_transpose(frame) or frame
    return upright.convert("RGB") if upright.mode not in ("1", "L") else upright.convert("L")


def _image_dpi(frame: Image.Image, default: int) -> int:
    dpi = frame.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 70 <= value <= 1200 else default  # a missing or silly DPI: assume a normal scan
