"""Real incoming letters: seals, stamps, handwritten numbers, e-office widgets and signatures (issue 8).

The hard cases are built here from a corpus letter (QĐ 773/QĐ-TTg laid out by `builders.make_pdf`),
at positions read off the layout: a red seal over the header, a framed received stamp beside the
title and a red "HỎA TỐC" across it, a number and day written in by another hand, and a text PDF
whose number and day exist only in signature widgets, as Quảng Ngãi's e-office system makes them.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from builders import FONT, corpus_text, make_pdf
from letter_builders import (
    Box,
    add_widgets,
    draw_handwritten_number,
    draw_received_stamp,
    draw_seal,
    draw_urgent_stamp,
    find_text,
    render_page,
    save_scan,
)
from PIL import Image, ImageDraw, ImageFont

from extractor.intake import intake_info, load
from extractor.intake.layout import Word, split_header
from extractor.intake.ocr import _baseline, _merged
from extractor.intake.pdfmarks import Annotation, pdf_date
from extractor.intake.scanmarks import clean_scan

DPI = 200
LETTER = corpus_text("ttg-773-QD-TTg-2018")


def blank(text: str) -> str:
    """The letter as its template was printed: number and day left for the clerk."""
    assert "Số: 773 /QĐ-TTg" in text and "ngày 26 tháng" in text
    return text.replace("Số: 773 /QĐ-TTg", "Số:            /QĐ-TTg").replace("ngày 26 tháng", "ngày         tháng")


def line_with(text: str, needle: str) -> tuple[int, str]:
    """(offset, line) of the first line of `text` containing `needle`."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if needle in line:
            return offset, line.rstrip("\n")
        offset += len(line)
    raise AssertionError(f"no line with {needle!r} in:\n{text[:800]}")


def covered(uncertain: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in uncertain)


# --- fast: the pieces -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("D:20250108173049+07'00'", datetime(2025, 1, 8, 17, 30, 49, tzinfo=timezone(timedelta(hours=7)))),
        ("D:20240920164043Z", datetime(2024, 9, 20, 16, 40, 43, tzinfo=UTC)),
        ("D:2018", datetime(2018, 1, 1)),
        ("20250115171017+07'00'", datetime(2025, 1, 15, 17, 10, 17, tzinfo=timezone(timedelta(hours=7)))),
        ("hôm qua", None),
        ("D:20251399000000", None),
    ],
)
def test_pdf_dates(value: str, expected: datetime | None) -> None:
    assert pdf_date(value) == expected


@pytest.mark.parametrize(
    ("text", "signature", "mark"),
    [
        # captions the e-office systems draw (Quảng Ngãi, the Government's VGP)
        ("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC ttcbth@quangngai.gov.vn 09.01.2025 10:21:11 +07:00", True, True),
        (
            "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi Cơ quan: Tỉnh Quảng Ngãi Thời gian ký: 15/01/2025 17:10:17",
            True,
            True,
        ),
        ("Người ký: CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ Thời gian ký: 25.09.2024 16:09:37 +07:00", True, True),
        ("", True, True),  # a seal image
        # what the e-office stamps into the template's blanks: document text
        ("11", True, False),
        ("08", True, False),
        ("Nguyễn Phước Bình", False, False),
        ("", False, False),
    ],
)
def test_signature_captions_are_marks_and_stamped_values_are_text(text: str, signature: bool, mark: bool) -> None:
    words = [Word(part, 10.0 * i, 0, 10.0 * i + 8, 10) for i, part in enumerate(text.split())]
    assert Annotation(0, (0, 0, 100, 10), signature, words).is_mark is mark


def test_the_header_never_swallows_the_body_s_first_line() -> None:
    # OCR debris of a seal makes the Số line's last word reach down past the title line below it.
    def row(y: float, *cells: tuple[str, float, float]) -> list[Word]:
        return [Word(text, x0, y, x1, y + 10) for text, x0, x1 in cells]

    words = [
        *row(10, ("THỦ TƯỚNG CHÍNH PHỦ", 60, 200), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 320, 560)),
        *row(25, ("Độc lập - Tự do - Hạnh phúc", 370, 510)),
        *row(45, ("Số:", 80, 95), ("Hà Nội, ngày 15 tháng 9 năm 2024", 350, 540)),
        Word(".“-.", 100, 45, 150, 95),  # the debris
        *row(65, ("QUYẾT ĐỊNH", 270, 330)),
        *row(85, ("Về việc xuất cấp hóa chất khử khuẩn", 150, 450)),
    ]
    split = split_header(words, 595)
    assert split is not None
    assert split.body_top <= 65


def test_baseline_of_a_skewed_line_with_a_handwritten_day() -> None:
    # glyphs as (x in points, height, bottom) in pixels: capitals and small letters on a line rising
    # 0.1 px a point, descenders below it, and two tall handwritten digits above it
    glyphs = [(x, 40 if i % 3 == 0 else 27, round(100 + 0.1 * x)) for i, x in enumerate(range(300, 500, 8))]
    glyphs += [(360, 40, 118), (420, 40, 124)]  # g, y
    glyphs += [(390, 52, 130), (400, 52, 131)]  # the day, written in
    at, slope, height = _baseline(glyphs)  # type: ignore[misc]
    assert abs(slope - 0.1) < 0.01 and abs(at - 100) < 2 and height == 40


def test_uncertain_ranges_merge() -> None:
    assert _merged([(10, 14), (0, 3), (15, 20), (30, 31), (2, 5)]) == ((0, 5), (10, 20), (30, 31))


def test_clean_scan_takes_off_coloured_ink_and_framed_stamps_but_keeps_print_and_tables() -> None:
    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    draw.ellipse((150, 100, 450, 400), outline=(210, 30, 40), width=8)  # a red seal ...
    draw.rectangle((200, 200, 600, 230), fill=(0, 0, 0))  # ... over printed text (black wins where both are)
    draw.rectangle((150, 700, 650, 850), outline=(0, 0, 0), width=4)  # a received stamp's frame ...
    draw.text((170, 750), "CÔNG VĂN ĐẾN", fill=(0, 0, 0), font=ImageFont.truetype(FONT, 48))  # ... and its text
    draw.rectangle((100, 1200, 1550, 1600), outline=(0, 0, 0), width=3)  # a table, wider than half the page
    for x in (500, 900, 1200):
        draw.line((x, 1200, x, 1600), fill=(0, 0, 0), width=3)
    draw.text((150, 1300), "Sở Tài chính", fill=(0, 0, 0), font=ImageFont.truetype(FONT, 40))
    cleaned = clean_scan(page)
    pixels = np.asarray(cleaned.image)
    assert cleaned.colour is not None and cleaned.colour[100:400, 150:450].sum() > 1000
    assert pixels[205:225, 250:550].max() < 100  # the print under the seal stays
    assert pixels[100:190, 150:450].min() > 200  # the seal is gone
    assert pixels[300:400, 150:450].min() > 200
    assert cleaned.stamps == ((150, 700, 651, 851),)
    assert pixels[700:851, 150:651].min() == 255
    assert pixels[1290:1320, 150:260].min() < 100  # the table stays


# --- slow: whole letters through OCR --------------------------------------------------------------


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_pdf(LETTER, tmp_path_factory.mktemp("letter") / "layout.pdf")


@pytest.mark.slow
def test_red_seal_over_the_header(tmp_path: Path, layout: Path) -> None:
    image = render_page(layout, DPI)
    number = find_text(layout, "Số:").scaled(DPI)
    issuer = find_text(layout, "THỦ TƯỚNG CHÍNH PHỦ").scaled(DPI)
    draw_seal(image, ((issuer[0] + issuer[2]) // 2, number[3]), round(0.5 * DPI), "THỦ TƯỚNG CHÍNH PHỦ")
    loaded = load(save_scan([image], tmp_path / "seal.pdf", DPI))
    lines = loaded.text.splitlines()
    assert "THỦ TƯỚNG CHÍNH PHỦ" in lines
    assert any(line.startswith("Số: 773 /QĐ") for line in lines)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert re.search(r"Hà Nội, ngày 26 tháng 0 ?6 năm 2018", loaded.text)
    assert any("coloured ink" in warning for warning in loaded.warnings)


@pytest.mark.slow
def test_received_stamp_and_urgent_stamp_stay_out_of_the_title(tmp_path: Path, layout: Path) -> None:
    image = render_page(layout, DPI)
    title = find_text(layout, "QUYẾT ĐỊNH").scaled(DPI)
    date = find_text(layout, "Hà Nội").scaled(DPI)
    # the received stamp in the blank right of the title, up into the gap under the header
    stamp = (round(image.width * 0.45), date[3] + 25, round(image.width * 0.8), title[3] + 4)
    draw_received_stamp(image, stamp, ["CÔNG VĂN ĐẾN", "Số: 2352 Ngày: 27/6/2018"])
    # the red urgent stamp across the title and the first line of the trích yếu
    draw_urgent_stamp(image, (title[2] + 40, title[3] + 15), round(0.18 * DPI))
    loaded = load(save_scan([image], tmp_path / "stamped.pdf", DPI))
    assert not re.search(r"ĐẾN|2352|HỎA|TỐC", loaded.text)
    lines = [line for line in loaded.text.splitlines() if line.strip()]
    at = lines.index("QUYẾT ĐỊNH")
    assert lines[at + 1].startswith("BAN HÀNH KẾ HOẠCH TỔ CHỨC THỰC HIỆN CHỈ THỊ SỐ 14-CT/TW")
    assert any("framed stamps" in warning for warning in loaded.warnings)
    assert any("coloured ink" in warning for warning in loaded.warnings)


@pytest.mark.slow
def test_handwritten_number_and_day_are_uncertain_printed_ones_are_not(tmp_path: Path, layout: Path) -> None:
    template = make_pdf(blank(LETTER), tmp_path / "template.pdf")
    number_slot = find_text(template, "Số:")
    day_slot = find_text(template, "ngày")
    image = render_page(template, DPI)
    draw_handwritten_number(image, Box(number_slot.right + 6, number_slot.top, 0, number_slot.bottom), "773", DPI)
    draw_handwritten_number(image, Box(day_slot.right + 5, day_slot.top, 0, day_slot.bottom), "26", DPI)
    written = load(save_scan([image], tmp_path / "written.pdf", DPI))
    # Whatever OCR made of the handwriting ("Z2", "773", "4033" ...), no digit of it is to be trusted.
    start, line = line_with(written.text, "/QĐ")
    slot = line[: line.index("/QĐ")]
    assert all(covered(written.uncertain, start + i, start + i + 1) for i, ch in enumerate(slot) if ch.isdigit())
    start, line = line_with(written.text, "tháng 0 6")
    slot = line[line.index("ngày") + 4 : line.index("tháng")]
    offset = start + line.index("ngày") + 4
    assert all(covered(written.uncertain, offset + i, offset + i + 1) for i, ch in enumerate(slot) if ch.isdigit())
    year = start + line.index("2018")
    assert not covered(written.uncertain, year, year + 4)  # printed digits on the same line stand

    printed = load(save_scan([render_page(layout, DPI)], tmp_path / "printed.pdf", DPI))
    start, line = line_with(printed.text, "/QĐ")
    assert line.startswith("Số: 773 /QĐ")
    assert not covered(printed.uncertain, start, start + line.index("/"))
    start, line = line_with(printed.text, "tháng")
    assert not covered(printed.uncertain, start, start + len(line))


@pytest.mark.slow
def test_number_and_day_only_in_signature_widgets(tmp_path: Path) -> None:
    template = make_pdf(blank(LETTER), tmp_path / "template.pdf")
    says, slash = find_text(template, "Số:"), find_text(template, "/QĐ-TTg")
    day, month = find_text(template, "ngày"), find_text(template, "tháng")
    stamped = add_widgets(
        template,
        tmp_path / "signed.pdf",
        [
            (Box(says.right + 2, says.top - 2, slash.left - 2, says.bottom + 2), "773"),
            (Box(day.right + 2, day.top - 2, month.left - 2, day.bottom + 2), "26"),
            (Box(300, 20, 560, 40), "Ky boi: Van thu 24/04/2017 15:30:00 +07:00"),  # the signature's caption
        ],
    )
    loaded = load(stamped)
    assert loaded.ocr_pages == 0
    lines = loaded.text.splitlines()
    assert any(re.fullmatch(r"Số: ?773 ?/QĐ-TTg", line) for line in lines), lines[:8]
    assert any(re.fullmatch(r"Hà Nội, ngày 26 tháng 0 6 năm 2018", line) for line in lines), lines[:8]
    assert "Ky boi" not in loaded.text
    assert "BAN HÀNH KẾ HOẠCH" in loaded.text  # the page's own text is all there
    assert len(loaded.signatures) == 3
    signature = loaded.signatures[0]
    assert (signature.signer, signature.organisation) == ("Ủy ban nhân dân tỉnh Quảng Bình", "Tỉnh Quảng Bình")
    assert signature.signed_at == datetime(2017, 4, 24, 15, 30, tzinfo=timezone(timedelta(hours=7)))
    assert signature.reason == "Văn thư Ủy ban nhân dân tỉnh Quảng Bình đã ký"
    info = intake_info(loaded)
    assert info.signatures[0].signer == "Ủy ban nhân dân tỉnh Quảng Bình"
    assert info.model_dump(mode="json")["signatures"][0]["signed_at"] == "2017-04-24T15:30:00+07:00"


@pytest.mark.slow
def test_widgets_over_a_scan_are_read_and_captions_left_out(tmp_path: Path, layout: Path) -> None:
    """A scanned template whose number the e-office stamped as a widget: OCR sees the widget, not the caption."""
    template = make_pdf(blank(LETTER), tmp_path / "template.pdf")
    says, slash = find_text(template, "Số:"), find_text(template, "/QĐ-TTg")
    scan = save_scan([render_page(template, DPI)], tmp_path / "scan.pdf", DPI)
    stamped = add_widgets(
        scan,
        tmp_path / "signed-scan.pdf",
        [
            (Box(says.right + 2, says.top - 2, slash.left - 2, says.bottom + 2), "773"),
            (Box(330, 8, 580, 26), "Ky boi: Van thu 24/04/2017 15:30:00 +07:00"),
        ],
        signed=False,
    )
    loaded = load(stamped)
    assert loaded.ocr_pages == 1
    assert re.search(r"Số: ?773 ?/QĐ-TTg", loaded.text)
    assert "Ky" not in loaded.text.split("\n", 3)[0] and "15:30" not in loaded.text


def test_underlines_go_where_no_letter_stands_on_them() -> None:
    page = Image.new("L", (1200, 300), 255)
    draw = ImageDraw.Draw(page)
    draw.text((100, 60), "Độc lập - Tự do - Hạnh phúc", fill=0, font=ImageFont.truetype(FONT, 48))
    draw.rectangle((100, 130, 1000, 133), fill=0)  # the motto's underline ...
    draw.rectangle((300, 118, 306, 130), fill=0)  # ... with a letter's stem standing on it
    cleaned = np.asarray(clean_scan(page, underlines=True).image)
    assert cleaned[130:134, 700:1000].min() == 255  # the free underline is gone
    assert cleaned[130:134, 300:307].max() == 0  # under the stem it stays
    assert cleaned[60:120, 100:1000].min() == 0  # the letters stay
    assert np.asarray(clean_scan(page).image)[130:134, 700:1000].max() == 0  # the body keeps its lines


@pytest.mark.slow
def test_pages_read_in_parallel_come_back_in_order(tmp_path: Path) -> None:
    from builders import make_scanned_pdf

    from extractor.intake import Limits

    scan = make_scanned_pdf(LETTER, tmp_path / "scan.pdf", pages_limit=3)
    one, two = (load(scan, limits=Limits(ocr_workers=workers)) for workers in (1, 2))
    assert (one.text, one.uncertain) == (two.text, two.uncertain)
    assert one.text.count("\f") == 2 and one.text.startswith("THỦ TƯỚNG CHÍNH PHỦ")
