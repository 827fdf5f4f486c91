"""Read a PDF: the text layer of every page with pypdfium2, page 1's header with pdfplumber, OCR where needed.

Why two libraries: pypdfium2 reads about 740 pages/s here against pdfplumber's 13, but it reads
across the page, gluing the header's two columns into one line ("ỦY BAN NHÂN DÂN CỘNG HÒA ...").
pdfplumber gives positioned words, so it is asked about page 1 only (copied into a one-page PDF,
so a huge or hostile rest of the document never reaches pdfminer), and `layout.split_header`
turns those words into the left column's lines, then the right column's. The rest of page 1 and
every other page come from pypdfium2. If the header analysis fails, page 1 is read as pypdfium2
gives it.

Annotations and form fields (`pdfmarks.py`): text that e-office systems stamp into a signed letter as
signature widgets (the number and the day of "Số: 11 /TB-UBND", "ngày 08 tháng 01") is merged with the
page text by position; a page carrying such text is rebuilt from positioned words (pdfium's character
boxes) instead of pypdfium2's reading order. Signature captions and seal images are kept out of the
text and of OCR; the file's digital signatures (signer, organisation, signing time) go to
`Loaded.signatures`.

Pages whose text layer is missing or unusable (fewer than 20 letters, or mostly replacement and
private-use characters: a scan, or a font without a Unicode map) are rendered in colour at `ocr_dpi`
(page 1's top also at `ocr_header_dpi`) and read by Tesseract, several pages at once (`ocr.py`). Pages
are joined with a form feed ("\\f"); `Loaded.uncertain` holds the ranges OCR doubts, in the joined text.

Before pypdfium2 opens the file, its raw bytes are scanned for the page tree's `/Count`: opening
a PDF that claims 1,000,000 pages takes pypdfium2 14-18 s, so such a claim is refused at once.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from ..errors import CorruptFile, EncryptedFile, NoText, TooComplex
from .base import PDF_MEDIA_TYPE, Limits, Loaded
from .layout import Word, group_lines, split_header
from .ocr import HEADER_SHARE, MAX_PIXELS, OcrRunner, join_pages, marks_warnings
from .pdfmarks import Annotation, AnnotationBudget, page_annotations, read_signatures, remove_marks, textpage_words

log = logging.getLogger(__name__)

_MIN_LETTERS = 20
_MAX_HEADER_CHARS = 20_000  # a page 1 with more characters than this is not worth a layout analysis
_EOF_WINDOW = 4096  # the spec wants %%EOF in the last 1024 bytes; writers that append junk get slack

# The page tree's page count: "/Count 12" (possibly "/Count  12" or across a line break).
_COUNT = re.compile(rb"/Count\s+(\d{1,20})")

# pdfium's FPDF_GetLastError codes
_ERR_PASSWORD = 4
_ERR_SECURITY = 5


def claimed_pages(data: bytes) -> int:
    """The largest page count any page-tree node in the raw file claims (0 if none is visible)."""
    return max((int(match.group(1)) for match in _COUNT.finditer(data)), default=0)


def read_pdf(source: Path | bytes, name: str, limits: Limits) -> Loaded:
    data = source if isinstance(source, bytes) else source.read_bytes()
    claimed = claimed_pages(data)
    if claimed > limits.max_pages:
        raise TooComplex(name, f"claims {claimed:,} pages (limit {limits.max_pages:,})")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise CorruptFile(name, "truncated PDF (no %%EOF at the end)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == _ERR_PASSWORD:
            raise EncryptedFile(name, "the PDF needs a password") from None
        if code == _ERR_SECURITY:
            raise EncryptedFile(name, "unsupported PDF encryption") from None
        raise CorruptFile(name, f"damaged PDF: {exc}") from None
    try:
        return _read_document(document, data, name, limits)
    finally:
        document.close()


def _read_document(document: pdfium.PdfDocument, data: bytes, name: str, limits: Limits) -> Loaded:
    count = len(document)
    if count == 0:
        raise CorruptFile(name, "the PDF has no pages")
    if count > limits.max_pages:
        raise TooComplex(name, f"{count:,} pages (limit {limits.max_pages:,})")
    texts: list[str | None] = []
    ocr_pages: list[int] = []
    warnings: list[str] = []
    budget = AnnotationBudget()
    with OcrRunner(name, limits.ocr_workers) as runner:
        for index in range(count):
            page = document[index]
            try:
                annotations = page_annotations(document, page, index, budget)
                text, textpage = _text_layer(page)
                content = [a for a in annotations if a.words and not a.is_mark]
                if _usable(text):
                    if content:
                        text = _merged_with_annotations(page, textpage, content, index == 0)
                    elif index == 0:
                        text = _with_header_columns(document, page, textpage, text, warnings)
                    texts.append(text)
                else:
                    remove_marks(page, annotations)
                    if content:  # pdfium draws no form widgets without a form environment: flatten them
                        textpage.close()
                        page = _flattened(document, page, index)
                        textpage = page.get_textpage()
                    image, dpi = _render(page, limits.ocr_dpi, index + 1, warnings)
                    header = _render(page, limits.ocr_header_dpi, index + 1, [], HEADER_SHARE) if index == 0 else None
                    runner.add(index + 1, image, dpi, header)
                    texts.append(None)
                    ocr_pages.append(index + 1)
                textpage.close()
            finally:
                page.close()
        read = runner.finish()
    if ocr_pages:
        warnings[:0] = [f"{_pages_phrase(ocr_pages)} read by OCR", *marks_warnings(read)]
    text, uncertain = join_pages([read[number + 1] if page is None else page for number, page in enumerate(texts)])
    if not any(ch.isalpha() for ch in text):
        raise NoText(name, "no text layer, and OCR found no text")
    return Loaded(
        text=text,
        kind="pdf",
        media_type=PDF_MEDIA_TYPE,
        pages=count,
        ocr_pages=len(ocr_pages),
        encoding=None,
        warnings=tuple(warnings),
        signatures=read_signatures(document),
        uncertain=uncertain,
    )


def _text_layer(page: pdfium.PdfPage) -> tuple[str, pdfium.PdfTextPage]:
    textpage = page.get_textpage()
    return _clean(textpage.get_text_range()), textpage


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _usable(text: str) -> bool:
    letters = sum(1 for ch in text if ch.isalpha())
    junk = sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    return letters >= _MIN_LETTERS and junk < letters


def _with_header_columns(
    document: pdfium.PdfDocument,
    page: pdfium.PdfPage,
    textpage: pdfium.PdfTextPage,
    text: str,
    warnings: list[str],
) -> str:
    """Page 1 as header left column, header right column, then the rest; `text` if there is no header."""
    if page.get_rotation() != 0 or textpage.count_chars() > _MAX_HEADER_CHARS:
        return text
    try:
        words, width = _page_one_words(document)
        split = split_header(words, width)
    except Exception as exc:  # pdfminer fails in many ways on odd files; pypdfium2's text still stands
        log.info("header layout analysis failed: %r", exc)
        warnings.append("page 1 header layout could not be analysed")
        return text
    if split is None:
        return text
    left, bottom, right, top = page.get_bbox()
    cut = top - split.body_top
    body = _clean(textpage.get_text_bounded(left, bottom, right, cut)) if cut > bottom else ""
    return "\n".join([*split.left, *split.right, body])


def _merged_with_annotations(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, content: list[Annotation], first: bool
) -> str:
    """The page rebuilt from positioned words, its own and those its annotations show, in reading position.

    Only pages whose annotations carry text (an e-office number or day stamped into a widget) take this
    path; the lines are the words grouped by vertical overlap, so "Số:" + widget "11" + "/TB-UBND" is one
    line again. Page 1's header columns are split as usual.
    """
    height, width = page.get_height(), page.get_width()
    words = textpage_words(textpage, height) + [word for a in content for word in a.words]
    split = split_header(words, width) if first and page.get_rotation() == 0 else None
    if split is None:
        return "\n".join(line.text for line in group_lines(words))
    body = [word for word in words if word.top >= split.body_top]
    return "\n".join([*split.left, *split.right, *(line.text for line in group_lines(body))])


def _page_one_words(document: pdfium.PdfDocument) -> tuple[list[Word], float]:
    single = pdfium.PdfDocument.new()
    try:
        single.import_pages(document, [0])
        buffer = io.BytesIO()
        single.save(buffer)
    finally:
        single.close()
    buffer.seek(0)
    with pdfplumber.open(buffer) as plumber:
        page = plumber.pages[0]
        words = [
            Word(item["text"], item["x0"], item["top"], item["x1"], item["bottom"])
            for item in page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False)
        ]
        return words, float(page.width)


def _flattened(document: pdfium.PdfDocument, page: pdfium.PdfPage, index: int) -> pdfium.PdfPage:
    """The page with its (remaining) annotations' appearances merged into its content, reloaded."""
    pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY)
    page.close()
    return document[index]


def _render(
    page: pdfium.PdfPage, dpi: int, number: int, warnings: list[str], share: float = 1.0
) -> tuple[Image.Image, int]:
    """The page (or its top `share`) as an image for OCR, in colour: seals are told apart by colour."""
    width, height = page.get_size()
    pixels = (width * dpi / 72) * (height * dpi / 72)
    if pixels > MAX_PIXELS:
        # A poster-sized page would need gigabytes at full resolution: read it at a lower one.
        dpi = max(int(dpi * (MAX_PIXELS / pixels) ** 0.5), 1)
        warnings.append(f"page {number} is very large: read at {dpi} dpi")
    crop = (0, height * (1 - share), 0, 0) if share < 1 else (0, 0, 0, 0)  # left, bottom, right, top to cut
    bitmap = page.render(scale=dpi / 72, crop=crop, may_draw_forms=False)
    return bitmap.to_pil(), dpi


def _pages_phrase(pages: list[int]) -> str:
    """[1, 2, 3, 7] -> "pages 1-3, 7"; [4] -> "page 4"."""
    if len(pages) == 1:
        return f"page {pages[0]}"
    ranges: list[str] = []
    start = previous = pages[0]
    for number in [*pages[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        ranges.append(str(start) if start == previous else f"{start}-{previous}")
        if number is not None:
            start = previous = number
    return "pages " + ", ".join(ranges)
