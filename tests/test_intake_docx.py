"""DOCX: body in document order, header columns never interleaved, Word list numbering rendered."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from builders import Para, corpus_text, make_docx, make_minimal_docx, parse_document, plain_corpus
from docx.oxml import parse_xml
from lxml import etree

from extractor.errors import NoText, UnsupportedType
from extractor.intake import load
from extractor.intake.numbering import Numbering, W, format_number

NS = f'xmlns:w="{W}"'


def lines_of(path: Path) -> list[str]:
    loaded = load(path)
    assert (loaded.kind, loaded.pages, loaded.ocr_pages, loaded.encoding) == ("docx", None, 0, None)
    return loaded.text.splitlines()


# --- corpus documents ----------------------------------------------------------------------------


def test_quangbinh_header_columns_then_numbered_body(tmp_path: Path) -> None:
    lines = lines_of(make_docx(corpus_text("quangbinh-674-UBND-VX-2017"), tmp_path / "674.docx"))
    assert lines[:9] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH QUẢNG BÌNH",
        "Số: 674/UBND-VX",
        "V/v thực hiện Đề án “Xây dựng",
        "xã hội học tập giai đoạn",
        "2012-2020”",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quảng Bình, ngày 24 tháng 4 năm 2017",
    ]
    order = (
        "1. Rà soát lại",
        "2. Sở Giáo dục",
        "- Chủ trì phối hợp",
        "3. Sở Tài chính",
        "3. Sở Nội vụ",
        "5. UBND",
    )
    starts = [next(i for i, line in enumerate(lines) if line.startswith(prefix)) for prefix in order]
    assert starts == sorted(starts)


def test_kbang_numbering_levels_restart(tmp_path: Path) -> None:
    lines = lines_of(make_docx(corpus_text("kbang-1132-UBND-VX-2021"), tmp_path / "1132.docx"))
    assert "Số: 1132 /UBND-VX" in lines
    assert not any("ỦY BAN NHÂN DÂN" in line and "CỘNG HÒA" in line for line in lines)
    order = [
        "1. Phòng Giáo dục và Đào tạo",
        "a) Đẩy mạnh",
        "b) Huy động",
        "2. Hội Khuyến học huyện",
        "a) Là tổ chức nòng cốt",
        "3. Phòng Lao động",
    ]
    positions = [next(i for i, line in enumerate(lines) if line.startswith(prefix)) for prefix in order]
    assert positions == sorted(positions)
    assert "đ) Chủ động rà soát" in "\n".join(lines)  # Word cannot number "đ)": kept as text


@pytest.mark.parametrize("stem", plain_corpus())
def test_every_corpus_line_comes_back(tmp_path: Path, stem: str) -> None:
    text = corpus_text(stem)
    lines = lines_of(make_docx(text, tmp_path / f"{stem}.docx"))
    for block in parse_document(text).body:
        if isinstance(block, Para):
            assert block.printed in lines


def test_numbering_really_comes_from_numbering_xml(tmp_path: Path) -> None:
    path = make_docx(corpus_text("kbang-1132-UBND-VX-2021"), tmp_path / "1132.docx")
    paragraphs = docx.Document(str(path)).paragraphs
    first = next(p for p in paragraphs if p.text.startswith("Phòng Giáo dục và Đào tạo"))
    assert first._p.pPr.numPr is not None  # the "1. " is not in the text: the reader rendered it


def test_without_numbering_markers_stay_in_text(tmp_path: Path) -> None:
    path = make_docx(corpus_text("kbang-1132-UBND-VX-2021"), tmp_path / "plain.docx", numbering=False)
    assert "a) Đẩy mạnh" in load(path).text


def test_header_as_paragraphs(tmp_path: Path) -> None:
    path = make_docx(corpus_text("ttg-22-2013-QD-TTg-2013"), tmp_path / "22.docx", header_table=False)
    lines = load(path).text.splitlines()
    assert lines[:3] == ["THỦ TƯỚNG CHÍNH PHỦ", "--------", "Số: 22/2013/QĐ-TTg"]


# --- runs, fields, tables ------------------------------------------------------------------------


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (f"<w:p>{run('Số: ')}{run('674')}</w:p>", "Số: 674"),
        (f"<w:p>{run('a')}<w:r><w:br/></w:r>{run('b')}<w:r><w:tab/></w:r>{run('c')}</w:p>", "a\nb\tc"),
        (f'<w:p><w:hyperlink r:id="rId9" xmlns:r="urn:r">{run("liên kết")}</w:hyperlink></w:p>', "liên kết"),
        (
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run("7")}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
            "7",
        ),
        (f'<w:p><w:fldSimple w:instr="DATE">{run("24/4/2017")}</w:fldSimple></w:p>', "24/4/2017"),
        (
            f"<w:p><w:del><w:r><w:delText>xóa</w:delText></w:r></w:del><w:ins>{run('thêm')}</w:ins></w:p>",
            "thêm",
        ),
        (
            f"<w:p>{run('neo')}<w:r><w:pict><w:txbxContent><w:p>{run('hộp')}</w:p></w:txbxContent>"
            "</w:pict></w:r></w:p>",
            "neo\nhộp",
        ),
        (
            f"<w:tbl><w:tr><w:tc><w:p>{run('A1')}</w:p><w:tbl><w:tr><w:tc><w:p>{run('lồng')}</w:p></w:tc></w:tr>"
            f"</w:tbl></w:tc><w:tc><w:p>{run('B1')}</w:p></w:tc></w:tr>"
            f"<w:tr><w:tc><w:p>{run('A2')}</w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
            f"</w:tbl><w:p>{run('sau bảng')}</w:p>",
            "A1\nlồng\nB1\nA2\nsau bảng",
        ),
        (f"<w:sdt><w:sdtContent><w:p>{run('trong sdt')}</w:p></w:sdtContent></w:sdt>", "trong sdt"),
    ],
)
def test_paragraph_content(tmp_path: Path, body: str, expected: str) -> None:
    assert load(make_minimal_docx(body, tmp_path / "d.docx")).text == expected


def test_empty_body_is_no_text(tmp_path: Path) -> None:
    with pytest.raises(NoText):
        load(make_minimal_docx("<w:p/><w:p/>", tmp_path / "empty.docx"))


@pytest.mark.parametrize(
    ("members", "detail"),
    [
        ({"xl/workbook.xml": "<x/>", "[Content_Types].xml": "<x/>"}, "Excel"),
        ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}, "OpenDocument"),
        ({"readme.txt": "hello"}, "ZIP archive"),
    ],
)
def test_other_zips_are_unsupported(tmp_path: Path, members: dict[str, str], detail: str) -> None:
    path = tmp_path / "thing.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(UnsupportedType, match=detail):
        load(path)


# --- the numbering renderer ----------------------------------------------------------------------


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


OUTLINE = (
    f'<w:abstractNum w:abstractNumId="1">{level(0, "upperRoman", "%1.")}{level(1, "decimal", "%1.%2.")}'
    f"{level(2, 'lowerLetter', '%3)')}</w:abstractNum>"
)
NO_RESTART = (
    f'<w:abstractNum w:abstractNumId="2">{level(0, "decimal", "%1.")}'
    + level(1, "decimal", "(%2)", extra='<w:lvlRestart w:val="0"/>')
    + "</w:abstractNum>"
)
BULLETS = f'<w:abstractNum w:abstractNumId="3">{level(0, "bullet", "")}{level(1, "bullet", "+")}</w:abstractNum>'
NUMS = (
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>'  # continues list 1
    '<w:num w:numId="5"><w:abstractNumId w:val="1"/>'
    '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'  # restarts level 1
)
NUMBERING = f"<w:numbering {NS}>{OUTLINE}{NO_RESTART}{BULLETS}{NUMS}</w:numbering>"
STYLES = (
    f'<w:styles {NS}><w:style w:type="paragraph" w:styleId="Dieu"><w:pPr><w:numPr><w:numId w:val="2"/>'
    '</w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="DieuCon"><w:basedOn w:val="Dieu"/>'
    "</w:style></w:styles>"
)


def para(num_id: int | None = None, ilvl: int | None = None, style: str | None = None) -> etree._Element:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None:
        ilvl_xml = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numPr>{ilvl_xml}<w:numId w:val="{num_id}"/></w:numPr>'
    return etree.fromstring(f"<w:p {NS}><w:pPr>{ppr}</w:pPr></w:p>")


@pytest.mark.parametrize(
    ("paragraphs", "labels"),
    [
        # Outline "I.", "1.1.", "a)": lower levels restart when a higher one advances.
        (
            [(1, 0), (1, 1), (1, 2), (1, 2), (1, 1), (1, 2), (1, 0), (1, 1)],
            ["I. ", "I.1. ", "a) ", "b) ", "I.2. ", "a) ", "II. ", "II.1. "],
        ),
        # A second num on the same abstract list continues it; a start override restarts the level.
        ([(1, 1), (1, 1), (4, 1), (5, 1), (5, 1)], ["I.1. ", "I.2. ", "I.3. ", "I.1. ", "I.2. "]),
        # lvlRestart 0: level 2 keeps counting across level-1 items.
        ([(2, 0), (2, 1), (2, 1), (2, 0), (2, 1)], ["1. ", "(1) ", "(2) ", "2. ", "(3) "]),
        # Bullets, whatever their glyph, come out as "- "; a "+" bullet as "+ ".
        ([(3, 0), (3, 1), (None, None)], ["- ", "+ ", ""]),
        # numId 0 switches numbering off.
        ([(0, 0)], [""]),
    ],
)
def test_numbering_labels(paragraphs: list[tuple[int | None, int | None]], labels: list[str]) -> None:
    numbering = Numbering(parse_xml(NUMBERING), parse_xml(STYLES))
    assert [numbering.label(para(num_id, ilvl)) for num_id, ilvl in paragraphs] == labels


def test_numbering_through_paragraph_style() -> None:
    numbering = Numbering(parse_xml(NUMBERING), parse_xml(STYLES))
    got = [numbering.label(para(style=style)) for style in ("Dieu", "DieuCon", "Dieu")]
    assert got == ["1. ", "2. ", "3. "]


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (3, "decimal", "3"),
        (3, "lowerLetter", "c"),
        (28, "lowerLetter", "bb"),
        (2, "upperLetter", "B"),
        (4, "lowerRoman", "iv"),
        (14, "upperRoman", "XIV"),
        (5, "decimalZero", "05"),
        (7, "ordinalText", "7"),
    ],
)
def test_number_formats(value: int, fmt: str, text: str) -> None:
    assert format_number(value, fmt) == text
