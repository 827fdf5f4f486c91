"""Read a Word document's body: paragraphs and tables in document order, with list labels rendered.

Before python-docx sees the file, the archive is checked without trusting it (see `check_archive`):
python-docx parses the whole XML tree eagerly, so a 185 KB file holding a million empty
paragraphs costs it 36 s and 826 MB, and a zip bomb costs whatever its members inflate to.

Runs set in a legacy Vietnamese font (".VnTime", ".VnTimeH", "VNI-Times": see `legacy.py`) are
converted to Unicode by their font, run by run, and the warning says so.

Official documents put their header in a two-column table (left: issuing body, "Số: ...",
"V/v ..."; right: national motto, place and date). Reading every cell as its own block of lines,
cells left to right and rows top to bottom, keeps the two columns from interleaving on one line.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
from lxml import etree

from ..errors import CorruptFile, EncryptedFile, NoText, TooComplex, UnsupportedType
from .base import DOCX_MEDIA_TYPE, Limits, Loaded
from .fonts import RunFonts
from .legacy import NAMES, convert_by_font
from .numbering import Numbering, w

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_GRACE_BYTES = 100 * 1024  # members smaller than this may compress as well as they like (as Apache POI)
_MAX_MEMBERS = 10_000
_MAX_TABLE_DEPTH = 50
_CHUNK = 1 << 20
_OVERLAP = 64  # bytes carried between chunks so a pattern cut in two is still seen

# A DTD is how billion-laughs and XXE attacks get in; Word never writes one, in any encoding.
_DTD_MARKERS = tuple(
    marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
# A paragraph start tag with any namespace prefix: <w:p>, <w:p w:rsidR="..">, <w:p/>, <a:p>.
_PARAGRAPH_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")

_SKIPPED = frozenset(
    w(tag)
    for tag in (
        "pPr",
        "rPr",
        "delText",
        "instrText",
        "del",
        "moveFrom",
        "fldData",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
    )
)


def read_docx(source: Path | bytes, name: str, limits: Limits) -> Loaded:
    """The text of a DOCX body. Raises CorruptFile, EncryptedFile, TooComplex, UnsupportedType, NoText."""
    try:
        with zipfile.ZipFile(_stream(source)) as archive:
            check_archive(archive, name, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise CorruptFile(name, f"damaged ZIP archive: {exc}") from None
    try:
        document = docx.Document(_stream(source))
        body = document.element.body
        styles = document.part.styles.element
        numbering_part = _numbering_part(document)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise CorruptFile(name, f"damaged Word document: {_short(exc)}") from None
    lines: list[str] = []
    reader = _Reader(Numbering(numbering_part, styles), RunFonts(styles), name)
    _read_blocks(body, reader, lines, depth=0)
    text = "\n".join(lines)
    if not text.strip():
        raise NoText(name, "the document body has no text")
    return Loaded(
        text=text,
        kind="docx",
        media_type=DOCX_MEDIA_TYPE,
        pages=None,
        ocr_pages=0,
        encoding=None,
        warnings=reader.warnings(),
    )


@dataclass
class _Reader:
    """What reading the body needs besides the XML: list labels, run fonts, and what was converted."""

    numbering: Numbering
    fonts: RunFonts
    name: str
    converted: dict[str, int] = field(default_factory=dict)  # legacy encoding -> paragraphs converted

    def warnings(self) -> tuple[str, ...]:
        out = []
        for encoding, count in self.converted.items():
            noun = "paragraph" if count == 1 else "paragraphs"
            out.append(f"{count:,} {noun} typed in the legacy {NAMES[encoding]} encoding converted to Unicode")
        return tuple(out)


def _stream(source: Path | bytes) -> str | io.BytesIO:
    return io.BytesIO(source) if isinstance(source, bytes) else str(source)


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def _numbering_part(document: docx.document.Document) -> etree._Element | None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    # python-docx's own accessor creates an empty part when there is none; we only want to read.
    for rel in document.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return rel.target_part.element
    return None


# --- safety checks ------------------------------------------------------------------------------


def check_archive(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Refuse what python-docx must not be given: not a Word file, zip bombs, DTDs, huge paragraph counts."""
    infos = archive.infolist()
    if len(infos) > _MAX_MEMBERS:
        raise TooComplex(name, f"{len(infos):,} parts in the archive (limit {_MAX_MEMBERS:,})")
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise UnsupportedType(name, _what_zip(archive, names))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise EncryptedFile(name, "encrypted ZIP archive")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _GRACE_BYTES and ratio > limits.max_zip_ratio:
            raise TooComplex(name, f"{info.filename} inflates {ratio:,.0f}:1 (limit {limits.max_zip_ratio:,.0f}:1)")
    if total > limits.max_unzipped_bytes:
        raise TooComplex(name, f"unpacks to {total:,} bytes (limit {limits.max_unzipped_bytes:,})")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            _scan_part(archive, info, name, limits)


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits) -> None:
    """Stream one XML part looking for a DTD; in the main document, also count paragraphs."""
    count_paragraphs = info.filename == "word/document.xml"
    paragraphs = 0
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                raise TooComplex(name, f"{info.filename} declares a DTD, which Word never writes")
            if count_paragraphs:
                # Matches ending inside `tail` were counted with the previous chunk.
                paragraphs += sum(1 for m in _PARAGRAPH_TAG.finditer(window) if m.end() > len(tail))
                if paragraphs > limits.max_docx_paragraphs:
                    raise TooComplex(name, f"more than {limits.max_docx_paragraphs:,} paragraphs in the document")
            tail = window[-_OVERLAP:]


def _what_zip(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "Excel workbook (XLSX), not a Word document"
    if "ppt/presentation.xml" in names:
        return "PowerPoint presentation (PPTX), not a Word document"
    if "mimetype" in names:
        with archive.open("mimetype") as stream:
            mimetype = stream.read(100).decode("ascii", "replace").strip()
        if mimetype.startswith("application/vnd.oasis.opendocument"):
            return f"OpenDocument file ({mimetype.rsplit('.', 1)[-1]}); save it as DOCX"
    return "ZIP archive, not a Word document"


# --- the body -----------------------------------------------------------------------------------


def _unwrapped(element: etree._Element) -> Iterator[etree._Element]:
    """Children of `element`, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _unwrapped(content)
        elif child.tag == w("customXml"):
            yield from _unwrapped(child)
        else:
            yield child


def _read_blocks(container: etree._Element, reader: _Reader, lines: list[str], depth: int) -> None:
    for child in _unwrapped(container):
        if child.tag == w("p"):
            _read_paragraph(child, reader, lines, depth)
        elif child.tag == w("tbl"):
            _read_table(child, reader, lines, depth + 1)


def _read_table(table: etree._Element, reader: _Reader, lines: list[str], depth: int) -> None:
    if depth > _MAX_TABLE_DEPTH:
        raise TooComplex(reader.name, f"tables nested more than {_MAX_TABLE_DEPTH} deep")
    rows = [row for row in _unwrapped(table) if row.tag == w("tr")]
    # A table of three or more columns is data (a table of duties: TT | Nội dung | Cơ quan chủ trì | ...):
    # one line per row, cells joined by " | ", as a markdown table reads. Two columns are layout
    # (the header, the signature beside "Nơi nhận"): each cell's lines on their own.
    data = max((sum(1 for c in _unwrapped(row) if c.tag == w("tc")) for row in rows), default=0) >= 3
    for row in rows:
        cells: list[str] = []
        for cell in _unwrapped(row):
            if cell.tag != w("tc"):
                continue
            merge = cell.find(f"{w('tcPr')}/{w('vMerge')}")
            continued = merge is not None and merge.get(w("val"), "continue") == "continue"
            if not data:
                if not continued:  # the lower part of a vertically merged cell: its text sits in the top part
                    _read_blocks(cell, reader, lines, depth)
                continue
            inner: list[str] = []
            if not continued:
                _read_blocks(cell, reader, inner, depth)
            cells.append(" ".join(" ".join(inner).split()))
        if data:
            lines.append("| " + " | ".join(cells) + " |")


def _read_paragraph(paragraph: etree._Element, reader: _Reader, lines: list[str], depth: int) -> None:
    parts: list[tuple[str, tuple[str, bool] | None]] = []
    text_boxes: list[etree._Element] = []
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    runs = _Runs(reader.fonts, style.get(w("val")) if style is not None else None)
    _collect_runs(paragraph, parts, text_boxes, runs, None)
    lines.append(reader.numbering.label(paragraph) + _joined(parts, reader))
    for box in text_boxes:
        _read_blocks(box, reader, lines, depth)


@dataclass(frozen=True)
class _Runs:
    fonts: RunFonts
    paragraph_style: str | None


def _joined(parts: list[tuple[str, tuple[str, bool] | None]], reader: _Reader) -> str:
    """The paragraph's text, runs in a legacy font converted. Neighbouring runs in one encoding are
    converted together: Word may split a VNI letter from its mark between two runs."""
    out: list[str] = []
    used: set[str] = set()
    i = 0
    while i < len(parts):
        text, legacy = parts[i]
        j = i + 1
        while j < len(parts) and parts[j][1] == legacy:
            text += parts[j][0]
            j += 1
        converted = convert_by_font(text, legacy[0], capitals=legacy[1]) if legacy is not None and text else None
        if converted is not None and legacy is not None:
            out.append(converted)
            used.add(legacy[0])
        else:
            out.append(text)
        i = j
    for encoding in used:
        reader.converted[encoding] = reader.converted.get(encoding, 0) + 1
    return "".join(out)


def _collect_runs(
    element: etree._Element,
    parts: list[tuple[str, tuple[str, bool] | None]],
    text_boxes: list[etree._Element],
    runs: _Runs,
    legacy: tuple[str, bool] | None,
) -> None:
    """Text of runs, hyperlinks, fields' results and insertions under `element`, in order, each with the
    legacy encoding of the font its run is set in (None for Unicode)."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue  # comments and processing instructions have a non-string tag
        if tag == w("r"):
            _collect_runs(child, parts, text_boxes, runs, runs.fonts.encoding(child, runs.paragraph_style))
        elif tag == w("t"):
            parts.append((child.text or "", legacy))
        elif tag == w("tab"):
            parts.append(("\t", legacy))
        elif tag in (w("br"), w("cr")):
            parts.append(("\n", legacy))
        elif tag == w("noBreakHyphen"):
            parts.append(("-", legacy))
        elif tag == w("softHyphen") and legacy is not None and legacy[0] == "tcvn3":
            parts.append(("\u00ad", legacy))  # Word writes TCVN3's "ư" (byte 0xAD) as a soft hyphen
        elif tag == w("sym"):
            parts.append((_symbol(child), legacy))
        elif tag == w("txbxContent"):
            text_boxes.append(child)  # a text box holds whole paragraphs: read after its anchor
        elif tag == f"{{{_MC}}}AlternateContent":
            # The same content twice (a modern Choice and a legacy Fallback): read one.
            chosen = child.find(f"{{{_MC}}}Choice")
            if chosen is None:
                chosen = child.find(f"{{{_MC}}}Fallback")
            if chosen is not None:
                _collect_runs(chosen, parts, text_boxes, runs, legacy)
        else:
            _collect_runs(child, parts, text_boxes, runs, legacy)


def _symbol(sym: etree._Element) -> str:
    try:
        code = int(sym.get(w("char"), ""), 16)
    except ValueError:
        return ""
    # Symbol-font glyphs live in the private use area (F000-F0FF) and mean nothing as text.
    return "" if 0xE000 <= code <= 0xF8FF or code == 0 else chr(code)
