"""The two value types of the intake layer: the limits it enforces and what it hands back.

They live apart from `__init__` so the parsers (which run in a child process) can import them
without importing the dispatcher.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from models.record import SignatureInfo

Kind = Literal["text", "docx", "pdf", "image"]

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class Limits:
    """How much one file may cost. The defaults suit a server reading one upload at a time."""

    max_bytes: int = 50 * 1024 * 1024  # larger files -> TooLarge, checked before reading content
    max_pages: int = 2000  # PDFs (and multi-page TIFFs) claiming more -> TooComplex
    max_zip_ratio: float = 100.0  # any DOCX member inflating more than this -> TooComplex (as Apache POI)
    max_unzipped_bytes: int = 300 * 1024 * 1024
    max_docx_paragraphs: int = 200_000
    parse_seconds: float = 120.0  # wall-clock limit for the child process parsing one file (OCR included)
    # address space a child may add to what it shares with the forkserver (RLIMIT_AS = that + this), for
    # parsing, and for extraction in extractor.bounded
    memory_bytes: int = 2 * 1024**3
    # extractor.bounded: the record's extraction after parsing, in the same child (parse_seconds + this in all)
    extract_seconds: float = 120.0
    # The longest line seen in 1,600 real documents is 1,699 characters; longer ones are broken (with a
    # warning), since some extraction passes cost more than linear time in a line's length.
    max_line_chars: int = 10_000
    # The largest real document seen is 1.2 M characters (a decree with its appendices): far more is not one
    # document, and extraction of 40 MB of text took minutes.
    max_text_chars: int = 5_000_000
    ocr_dpi: int = 200  # scanned pages are read at this resolution (body text: as good as 300 dpi, faster)
    ocr_header_dpi: int = 300  # ... and page 1's header columns at this one
    ocr_workers: int | None = None  # Tesseracts at once for one file; None: one per core


@dataclass(frozen=True)
class Loaded:
    """One file's text as the source gives it, decoded but not normalised (no NFC, no whitespace fixes).

    PDF pages are separated by a form feed ("\\f"), so the caller can still tell where a page ends;
    `str.splitlines()` and the regex `\\s` both treat it as a line break.
    """

    text: str
    kind: Kind
    media_type: str  # e.g. "application/pdf", "text/plain; charset=utf-8"
    pages: int | None  # PDFs/images: page count
    ocr_pages: int  # how many pages were read by OCR
    encoding: str | None  # text files: detected encoding ("utf-8", "utf-16", "windows-1258", ...)
    warnings: tuple[str, ...]  # e.g. "page 3 read by OCR", "encoding guessed as windows-1258"
    # PDFs: digital signatures (certificate names, signing time), earliest first; not verified.
    signatures: tuple[SignatureInfo, ...] = ()
    # [start, end) ranges of `text` that OCR read without confidence (see `ocr.py`), in order, not overlapping.
    uncertain: tuple[tuple[int, int], ...] = ()
