"""Test fixtures: official documents as DOCX, PDF and scans, and hostile files, built on the fly.

Everything here starts from a plain-text document like those in /work/shared/corpus and lays it
out the way real ones are: the header as two columns (left: issuing body, "Số: ...", "V/v ...";
right: national motto, place and date), then the body. `parse_document` does the reading of the
plain text; `make_docx`, `make_pdf`, `make_scanned_pdf` and `make_image` only render its result.

    >>> doc = parse_document(Path("/work/shared/corpus/quangbinh-674-UBND-VX-2017.txt").read_text())
    >>> doc.header.rows[0][0][:2]
    ('ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG BÌNH')

Bad inputs (`make_zip_bomb_docx`, `make_pdf_bomb`, ...) are streamed to disk, so building a file
that inflates to a gigabyte does not need a gigabyte of memory.
"""

from __future__ import annotations

import os
import random
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"  # the sample corpus (copied from shared/)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

# --- the plain-text reading ------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """A body paragraph. A list item keeps its printed marker apart: `marker` "1", "a", "IV", "-", "+"."""

    text: str
    level: int | None = None  # 0: "I.", 1: "1.", 2: "a)", for numbered items; None otherwise
    marker: str | None = None
    bullet: bool = False

    @property
    def printed(self) -> str:
        """The line as the plain text had it."""
        if self.marker is None:
            return self.text
        if self.bullet:
            return f"{self.marker} {self.text}"
        return f"{self.marker}{')' if self.level == 2 else '.'} {self.text}"


@dataclass(frozen=True)
class Table:
    """Rows of cells; a cell is its lines."""

    rows: tuple[tuple[tuple[str, ...], ...], ...]


@dataclass(frozen=True)
class Document:
    header: Table | None  # one row of two cells: (left lines, right lines)
    body: tuple[Para | Table, ...] = field(default_factory=tuple)


# The header ends where the body begins: recipients, legal bases, or the document type line.
# Real strings: "Kính gửi:", "Căn cứ Luật ...", "Thực hiện Kế hoạch số ...", "QUYẾT ĐỊNH", "KẾ HOẠCH".
_BODY_START = re.compile(
    r"^(?:Kính\s+gửi|Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|Triển\s+khai|Ngày\s+\d|"
    r"(?:QUYẾT\s+ĐỊNH|KẾ\s+HOẠCH|THÔNG\s+TƯ|CHỈ\s+THỊ|NGHỊ\s+ĐỊNH|NGHỊ\s+QUYẾT|THÔNG\s+BÁO|BÁO\s+CÁO|"
    r"TỜ\s+TRÌNH|HƯỚNG\s+DẪN|CÔNG\s+VĂN)\s*:?$)"
)
# Right-column lines: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (or "HOÀ"), "Độc lập - Tự do - Hạnh phúc",
# "Quảng Bình, ngày 24 tháng 4 năm 2017", "Lạng Giang, ngày tháng 7 năm 2023".
_RIGHT_LINE = re.compile(r"^(?:CỘNG\s+HO?[ÒÀ]A?|Độc\s+lập|[^,]{2,40},\s+ngày\b)", re.IGNORECASE)
_DASHES = re.compile(r"^[-–—_]{3,}$")  # the rule drawn under the issuer or the motto: "-------"
# Where a flattened markdown cell had line breaks: before "Độc lập", "Số:", "V/v", a dash rule,
# "Kính gửi", and before each "- " item that follows ":" or ";".
_CELL_BREAKS = re.compile(r"\s+(?=Độc lập|Số:|V/v|[-–—_]{3,}|Kính gửi)|(?<=[-–—_]{3})\s+|(?<=[:;])\s+(?=- )")
# Column gaps in flattened text headers: two or more spaces, or a tab.
_COLUMN_GAP = re.compile(r"\s{2,}|\t")
# List markers. "IV. MỤC TIÊU", "2. Sở Tài chính ...", "a) Đẩy mạnh ...", "- Như trên;", "+ Tổ chức ..."
_ROMAN_ITEM = re.compile(r"^(?P<marker>[IVX]{1,6})\.\s+(?P<text>\S.*)$")
_DECIMAL_ITEM = re.compile(r"^(?P<marker>\d{1,3})\.\s+(?P<text>\S.*)$")
_LETTER_ITEM = re.compile(r"^(?P<marker>[a-zđ])\)\s+(?P<text>\S.*)$")
_BULLET_ITEM = re.compile(r"^(?P<marker>[-+])\s+(?P<text>\S.*)$")
_MAX_HEADER_LINES = 25


def parse_document(text: str) -> Document:
    """Read a plain-text official document into a header table and body blocks.

    Heuristics, in order:
    - `**bold**` markers are dropped; blank lines separate nothing (each line is a paragraph).
    - A document opening with a markdown table ("| A | B |") has that table as its header; its
      flattened cells are broken into lines before "Độc lập", "Số:", "V/v" and dash rules.
    - Otherwise the header is every line before the first body line (`_BODY_START`), found within
      the first 25 lines (else there is no header). Lines are cut at runs of 2+ spaces or tabs
      (headers flattened side by side); a piece goes right when it is the motto, the "Độc lập"
      line, a "<place>, ngày ..." line, or a dash rule following one of those; all else goes left.
    - Later markdown tables (recipients, signature blocks) become tables; other lines paragraphs.
    - Lines opening with "I. ", "1. ", "a) ", "- ", "+ " become list items.
    """
    lines = [line.replace("**", "").rstrip() for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    header: Table | None = None
    if start < len(lines) and lines[start].lstrip().startswith("|"):
        end = start
        while end < len(lines) and lines[end].lstrip().startswith("|"):
            end += 1
        header = _markdown_header(lines[start:end])
        rest = lines[end:]
    else:
        body_at = next(
            (
                i
                for i in range(start, min(len(lines), start + _MAX_HEADER_LINES))
                if _BODY_START.match(lines[i].strip())
            ),
            None,
        )
        if body_at is None or body_at == start:
            rest = lines[start:]
        else:
            header = _text_header(lines[start:body_at])
            rest = lines[body_at:]
    return Document(header, tuple(_body(rest)))


def _markdown_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _is_separator(line: str) -> bool:
    return all(re.fullmatch(r":?-{3,}:?", cell) for cell in _markdown_cells(line) if cell)


def _unflatten(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _CELL_BREAKS.split(cell) if part and part.strip())


def _markdown_header(rows: list[str]) -> Table:
    left: list[str] = []
    right: list[str] = []
    for row in rows:
        if _is_separator(row):
            continue
        cells = _markdown_cells(row)
        left.extend(_unflatten(cells[0]))
        if len(cells) > 1:
            right.extend(_unflatten(" ".join(cells[1:])))
    return Table((((tuple(left), tuple(right))),))


def _text_header(lines: list[str]) -> Table | None:
    left: list[str] = []
    right: list[str] = []
    previous_right = False
    for line in lines:
        pieces: list[str] = []
        for piece in _COLUMN_GAP.split(line.strip()):
            piece = piece.strip()
            if not piece:
                continue
            if pieces and pieces[-1].endswith(":"):  # "Số:  1977/SGDĐT-CNTX" is one piece
                pieces[-1] = f"{pieces[-1]} {piece}"
            else:
                pieces.append(piece)
        for piece in pieces:
            if _RIGHT_LINE.match(piece) or (previous_right and _DASHES.match(piece)):
                right.append(piece)
                previous_right = True
            else:
                left.append(piece)
                previous_right = False
    if not left and not right:
        return None
    return Table(((tuple(left), tuple(right)),))


def _body(lines: list[str]) -> list[Para | Table]:
    blocks: list[Para | Table] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        if not line:
            continue
        if line.startswith("|"):
            rows = [line]
            while index < len(lines) and lines[index].strip().startswith("|"):
                rows.append(lines[index].strip())
                index += 1
            table_rows = tuple(
                tuple(_unflatten(cell) for cell in _markdown_cells(row)) for row in rows if not _is_separator(row)
            )
            blocks.append(Table(table_rows))
            continue
        blocks.append(list_item(line.replace("\t", " ")))
    return blocks


def list_item(line: str) -> Para:
    """A body line as a paragraph, with its list marker split off when it has one."""
    for pattern, level in ((_ROMAN_ITEM, 0), (_DECIMAL_ITEM, 1), (_LETTER_ITEM, 2)):
        match = pattern.match(line)
        if match:
            return Para(match["text"], level=level, marker=match["marker"])
    match = _BULLET_ITEM.match(line)
    if match:
        return Para(match["text"], marker=match["marker"], bullet=True)
    return Para(line)


def is_website_copy(text: str) -> bool:
    """A page copied from a legal website as Markdown (cells split by "|" lines); the plain-text
    reading above does not lay these out yet."""
    return any(line.strip() == "|" for line in text.splitlines()[:40])


def plain_corpus() -> list[str]:
    """Stems of the corpus documents that `parse_document` can lay out as DOCX and PDF."""
    return sorted(p.stem for p in CORPUS.glob("*.txt") if not is_website_copy(p.read_text(encoding="utf-8")))


def corpus_text(stem: str) -> str:
    """A corpus document's text by file stem, e.g. "quangbinh-674-UBND-VX-2017"."""
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")


# --- DOCX --------------------------------------------------------------------------------------


_MULTILEVEL_ID = 90  # abstractNum ids: high, clear of any the default template defines
_BULLETS_ID = 91
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman_value(numeral: str) -> int | None:
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if _to_roman(total) == numeral else None


def _to_roman(value: int) -> str:
    out = []
    for amount, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _marker_value(para: Para) -> int | None:
    """The counter value Word would need to print `para.marker`, or None if Word cannot print it."""
    assert para.marker is not None and para.level is not None
    if para.level == 0:
        return _roman_value(para.marker)
    if para.level == 1:
        return int(para.marker) if para.marker.isdigit() and int(para.marker) > 0 else None
    return ord(para.marker) - ord("a") + 1 if "a" <= para.marker <= "z" else None  # "đ" cannot be


class _ListNumbering:
    """Builds numbering.xml entries so Word prints exactly the markers of the plain text.

    Mirrors Word's (and extractor.intake.numbering's) counting: counters belong to the abstract
    list; a level restarts after a higher level advances; a `w:num` with a start override
    resets that level when first used. When the next marker is not what Word would print, a new
    `w:num` starting at that value takes over; markers Word cannot print ("đ)") stay as text.
    """

    def __init__(self, numbering_element) -> None:  # type: ignore[no-untyped-def]
        self._element = numbering_element
        self._counters: list[int | None] = [None, None, None]
        self._num_id: int | None = None
        self._overrides: dict[int, int] = {}
        self._next_id = 900
        self._bullets_id: int | None = None
        self._define_abstract_lists()

    def _define_abstract_lists(self) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]
        multilevel = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{360 + 360 * i}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        bullets = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{char}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 + 360 * i}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, char in enumerate("-+")
        )
        first_num = self._element.find(f"{{{_W}}}num")
        for abstract_id, body in ((_MULTILEVEL_ID, multilevel), (_BULLETS_ID, bullets)):
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                f'<w:multiLevelType w:val="multilevel"/>{body}</w:abstractNum>'
            )
            if first_num is not None:
                first_num.addprevious(abstract)  # the schema wants every abstractNum before any num
            else:
                self._element.append(abstract)

    def _new_num(self, abstract_id: int, overrides: dict[int, int]) -> int:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        num_id = self._next_id
        self._next_id += 1
        override_xml = "".join(
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for level, start in overrides.items()
        )
        self._element.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                f"{override_xml}</w:num>"
            )
        )
        return num_id

    def assign(self, para: Para) -> tuple[int, int] | None:
        """(numId, ilvl) for a list paragraph, or None if its marker must stay in the text."""
        if para.bullet:
            if self._bullets_id is None:
                self._bullets_id = self._new_num(_BULLETS_ID, {})
            return self._bullets_id, 0 if para.marker == "-" else 1
        level = para.level
        value = _marker_value(para)
        if level is None or value is None:
            return None
        counter = self._counters[level]
        expected = self._overrides.get(level, 1) if counter is None else counter + 1
        if self._num_id is None or value != expected:
            self._overrides = {level: value}
            self._num_id = self._new_num(_MULTILEVEL_ID, self._overrides)
        self._counters[level] = value
        for deeper in range(level + 1, len(self._counters)):
            self._counters[deeper] = None
        return self._num_id, level


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(text: str, path: str | os.PathLike[str], *, header_table: bool = True, numbering: bool = True) -> Path:
    """A DOCX of the plain-text document `text`: the header in a borderless two-column table
    (or, with header_table=False, as plain centred paragraphs: left lines, then right lines),
    body tables as tables, and, with numbering=True, list items as real Word lists whose
    markers come from numbering.xml rather than the text.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = parse_document(text)
    word = docx.Document()
    word.styles["Normal"].font.name = "Times New Roman"
    word.styles["Normal"].font.size = Pt(13)
    body = word.element.body
    for paragraph in list(body.iterchildren(f"{{{_W}}}p")):
        body.remove(paragraph)  # the template's empty first paragraph
    lists = _ListNumbering(word.part.numbering_part.element) if numbering else None

    if document.header is not None:
        left, right = document.header.rows[0][0], document.header.rows[0][1]
        if header_table:
            table = word.add_table(rows=1, cols=2)
            for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
                _fill_cell(cell, lines, center=True)
        else:
            for line in (*left, *right):
                word.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER

    for block in document.body:
        if isinstance(block, Table):
            if not block.rows:  # a markdown rule with no cells around it ("| --- |" alone): nothing to draw
                continue
            columns = max(len(row) for row in block.rows)
            table = word.add_table(rows=len(block.rows), cols=columns)
            for row, cells in zip(table.rows, block.rows, strict=True):
                for cell, lines in zip(row.cells, cells, strict=False):
                    _fill_cell(cell, lines, center=False)
            continue
        placement = lists.assign(block) if lists is not None and block.marker is not None else None
        if placement is None:
            word.add_paragraph(block.printed)
            continue
        paragraph = word.add_paragraph(block.text)
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = placement[1]
        numpr.get_or_add_numId().val = placement[0]
    target = Path(path)
    word.save(str(target))
    return target


def _fill_cell(cell, lines: tuple[str, ...], *, center: bool) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lines = lines or ("",)
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
    if center:
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


# --- PDF ---------------------------------------------------------------------------------------

_MARGIN = 18.0  # mm
_PAGE_WIDTH = 210.0
_LEFT_COLUMN = (12.0, 82.0)  # x and width (mm) of the header's left block
_RIGHT_COLUMN = (96.0, 106.0)
_LINE = 6.0  # mm per line at 12 pt


def make_pdf(text: str, path: str | os.PathLike[str], *, two_column_header: bool = True) -> Path:
    """A text-layer PDF of `text` (A4, DejaVu Sans): the header as two blocks side by side at the
    same heights, body paragraphs justified across the page, as many pages as it takes.
    With two_column_header=False the header lines are stacked, left block first.
    """
    from fpdf import FPDF

    document = parse_document(text)
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.set_margins(_MARGIN, 15, _MARGIN)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    if document.header is not None:
        left, right = document.header.rows[0][0], document.header.rows[0][1]
        if two_column_header:
            _side_by_side(pdf, [(_LEFT_COLUMN, left), (_RIGHT_COLUMN, right)], bold_first=True)
        else:
            pdf.set_font("DejaVu", "", 11)
            for line in (*left, *right):
                pdf.multi_cell(0, _LINE, line, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(8)
    body_width = _PAGE_WIDTH - 2 * _MARGIN
    for block in document.body:
        if isinstance(block, Table):
            for row in block.rows:
                half = body_width / max(len(row), 1)
                columns = [((_MARGIN + i * half, half - 2), cell) for i, cell in enumerate(row)]
                _side_by_side(pdf, columns, bold_first=False)
            pdf.ln(3)
            continue
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(0, _LINE, block.printed, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    target = Path(path)
    pdf.output(str(target))
    return target


def _side_by_side(  # type: ignore[no-untyped-def]
    pdf, columns: list[tuple[tuple[float, float], tuple[str, ...]]], *, bold_first: bool
) -> None:
    """Columns of centred lines starting at the same height; the page breaks before, never inside."""
    pdf.set_font("DejaVu", "", 11)
    heights = [
        sum(len(pdf.multi_cell(width, _LINE, line, dry_run=True, output="LINES")) for line in lines) * _LINE
        for (_, width), lines in columns
    ]
    if pdf.get_y() + max(heights, default=0) > pdf.h - 15:
        pdf.add_page()
    top = pdf.get_y()
    bottom = top
    for (x, width), lines in columns:
        pdf.set_xy(x, top)
        for index, line in enumerate(lines):
            pdf.set_font("DejaVu", "B" if bold_first and index == 0 and line.isupper() else "", 11)
            pdf.set_x(x)
            pdf.multi_cell(width, _LINE, line, align="C", new_x="LEFT", new_y="NEXT")
        bottom = max(bottom, pdf.get_y())
    pdf.set_xy(_MARGIN, bottom)


def make_scanned_pdf(
    text: str, path: str | os.PathLike[str], *, pages_limit: int | None = 2, dpi: int = 200, seed: int = 0
) -> Path:
    """An image-only PDF (no text layer) of the `make_pdf` layout: its pages rendered at `dpi`
    (by pypdfium2, so the layout is exactly make_pdf's), greyscale with a sprinkle of specks.
    Only the first `pages_limit` pages are kept: OCR takes 1-3 s a page.
    """
    images = _scanned_pages(text, pages_limit=pages_limit, dpi=dpi, seed=seed)
    target = Path(path)
    images[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return target


def make_image(
    text: str, path: str | os.PathLike[str], *, pages_limit: int | None = 1, dpi: int = 200, seed: int = 0
) -> Path:
    """A scan of `text` as an image file; the format follows the suffix (.png, .jpg, .tif).
    TIFF keeps every page (multi-page); PNG and JPEG only the first.
    """
    images = _scanned_pages(text, pages_limit=pages_limit, dpi=dpi, seed=seed)
    target = Path(path)
    if target.suffix.lower() in (".tif", ".tiff"):
        images[0].save(target, dpi=(dpi, dpi), save_all=True, append_images=images[1:], compression="tiff_deflate")
    else:
        images[0].save(target, dpi=(dpi, dpi))
    return target


def _scanned_pages(text: str, *, pages_limit: int | None, dpi: int, seed: int):  # type: ignore[no-untyped-def]
    from tempfile import TemporaryDirectory

    import pypdfium2 as pdfium

    with TemporaryDirectory() as folder:
        layout = make_pdf(text, Path(folder) / "layout.pdf").read_bytes()
    document = pdfium.PdfDocument(layout)
    count = len(document) if pages_limit is None else min(len(document), pages_limit)
    rng = random.Random(seed)
    images = []
    for index in range(count):
        image = document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        pixels = image.load()
        for _ in range(image.width * image.height // 4000):  # specks: dust on the scanner glass
            pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.randrange(0, 120)
        images.append(image)
    document.close()
    return images


# --- text files --------------------------------------------------------------------------------

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def encode_cp1258(text: str) -> bytes:
    """`text` in Windows-1258 as Vietnamese software writes it.

    Python's cp1258 codec maps single characters only: it has "ê", "ơ", "ư" and a few toned
    letters (á, à, é, ...), and the five tone marks as combining characters, but not "ệ" or "ộ".
    So each letter goes in whole if the code page has it, else as its toneless letter plus the
    combining tone mark ("ệ" -> "ê" + U+0323).
    """
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        out += (base + tones).encode("cp1258")
    return bytes(out)


def encode_legacy(text: str, encoding: str) -> str:
    """`text` as typed in a legacy font encoding ("tcvn3" or "vni"): the Windows-1252 characters Word
    stores for it (`.encode("cp1252")` gives the bytes of a legacy text file). Built from the inverse of
    the tables the extractor reads, so these fixtures can only show that conversion is consistent; the
    tests hold real strings from legacy documents beside them.

    TCVN3 has no accented capitals: they are typed with the lower-case codes, as in a ".VnTimeH" heading.
    """
    import json

    tables = json.loads((CORPUS.parent / "lexicons" / "legacy_encodings.json").read_text(encoding="utf-8"))
    inverse: dict[str, str] = {}
    for legacy, letter in tables[encoding]["map"].items():
        inverse.setdefault(letter, legacy)  # VNI's single-character forms come after the longer ones
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in inverse:
            out.append(inverse[char])
        elif char.lower() in inverse:
            out.append(inverse[char.lower()])
        else:
            out.append(char)
    return "".join(out)


def make_text(text: str, path: str | os.PathLike[str], *, encoding: str = "utf-8") -> Path:
    """`text` written in `encoding`: "utf-8", "utf-8-sig" (with BOM), "utf-16" (BOM, little-endian),
    "utf-16-le" / "utf-16-be" (no BOM), "cp1258" (see encode_cp1258), or "tcvn3" / "vni" (see
    encode_legacy: the bytes a legacy editor saves)."""
    if encoding == "cp1258":
        data = encode_cp1258(text)
    elif encoding in ("tcvn3", "vni"):
        data = encode_legacy(text, encoding).encode("cp1252")
    else:
        data = text.encode(encoding)
    target = Path(path)
    target.write_bytes(data)
    return target


# --- hostile and broken files ------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOCUMENT_OPEN = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
_DOCUMENT_CLOSE = "</w:body></w:document>"


def _minimal_docx(path: Path, document_chunks, *, level: int = 6) -> Path:  # type: ignore[no-untyped-def]
    """A DOCX with only the parts python-docx needs; document.xml is streamed from `document_chunks`."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            for chunk in document_chunks:
                stream.write(chunk)
    return path


def make_minimal_docx(document_xml_body: str, path: str | os.PathLike[str]) -> Path:
    """A DOCX whose body is `document_xml_body` (WordprocessingML, prefix w:)."""
    chunks = [_DOCUMENT_OPEN.encode(), document_xml_body.encode(), _DOCUMENT_CLOSE.encode()]
    return _minimal_docx(Path(path), chunks)


def make_zip_bomb_docx(path: str | os.PathLike[str], *, inflated_bytes: int = 500 * 1024**2) -> Path:
    """A DOCX of a few hundred KB whose document.xml inflates to `inflated_bytes` of whitespace."""
    block = b" " * (1024 * 1024)

    def chunks():  # type: ignore[no-untyped-def]
        yield _DOCUMENT_OPEN.encode() + b"<w:p><w:r><w:t>bomb</w:t></w:r></w:p>"
        for _ in range(inflated_bytes // len(block)):
            yield block
        yield _DOCUMENT_CLOSE.encode()

    return _minimal_docx(Path(path), chunks(), level=1)


def make_million_paragraph_docx(path: str | os.PathLike[str], *, paragraphs: int = 1_000_000) -> Path:
    """A small DOCX with `paragraphs` empty paragraphs, varied enough to pass a 100:1 ratio check."""
    rng = random.Random(0)
    separators = [b" ", b"\n", b"\t", b"\r\n"]

    def chunks():  # type: ignore[no-untyped-def]
        yield _DOCUMENT_OPEN.encode()
        for start in range(0, paragraphs, 10_000):
            yield b"".join(b"<w:p/>" + rng.choice(separators) for _ in range(min(10_000, paragraphs - start)))
        yield _DOCUMENT_CLOSE.encode()

    return _minimal_docx(Path(path), chunks())


def make_xxe_docx(path: str | os.PathLike[str]) -> Path:
    """A DOCX whose document.xml declares an external entity (XXE) and uses it."""
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
    )
    return _minimal_docx(Path(path), [xml.encode()])


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file from its numbered objects' bodies (object 1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_pdf_claiming_pages(path: str | os.PathLike[str], *, n: int = 1_000_000) -> Path:
    """A one-page PDF whose page tree claims `n` pages (`/Count n`)."""
    data = _pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % n,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )
    target = Path(path)
    target.write_bytes(data)
    return target


def make_pdf_bomb(path: str | os.PathLike[str], *, inflated_bytes: int = 1024**3) -> Path:
    """A ~1 MB one-page PDF whose FlateDecode content stream inflates to `inflated_bytes` of spaces."""
    compressor = zlib.compressobj(9)
    block = b" " * (1024 * 1024)
    parts = [compressor.compress(block) for _ in range(inflated_bytes // len(block))]
    parts.append(compressor.flush())
    stream = b"".join(parts)
    data = _pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        ]
    )
    target = Path(path)
    target.write_bytes(data)
    return target


def make_encrypted_pdf(
    path: str | os.PathLike[str], *, text: str = "Văn bản mật", user_password: str = "secret"
) -> Path:
    """A PDF that needs `user_password` to open (fpdf2's RC4 encryption: no extra dependency)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_encryption(owner_password="owner-" + user_password, user_password=user_password)
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    pdf.multi_cell(0, 6, text)
    target = Path(path)
    pdf.output(str(target))
    return target


def make_corrupt_pdf(path: str | os.PathLike[str], *, text: str | None = None) -> Path:
    """A text PDF cut off halfway, as an interrupted download leaves it."""
    target = Path(path)
    make_pdf(text or corpus_text("bxd-2214-BXD-QLN-2013"), target)
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def make_garbage(path: str | os.PathLike[str], *, size: int = 4096, seed: int = 0) -> Path:
    """Random bytes."""
    target = Path(path)
    target.write_bytes(random.Random(seed).randbytes(size))
    return target


def make_empty(path: str | os.PathLike[str], *, content: bytes = b"") -> Path:
    """An empty file (or one holding only `content`, e.g. whitespace)."""
    target = Path(path)
    target.write_bytes(content)
    return target


def make_image_bomb(path: str | os.PathLike[str], *, side: int = 100_000) -> Path:
    """A PNG of a few hundred bytes whose header declares `side` x `side` pixels (a decompression bomb)."""
    import struct

    def chunk(kind: bytes, payload: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + payload))
        return struct.pack(">I", len(payload)) + kind + payload + checksum

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    target = Path(path)
    target.write_bytes(data + chunk(b"IEND", b""))
    return target
