"""OCR of scanned PDFs and images (Tesseract, Vietnamese). Slow: about 1-3 s a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builders import corpus_text, make_image, make_image_bomb, make_pdf, make_scanned_pdf

from extractor.errors import TooComplex
from extractor.intake import load

pytestmark = pytest.mark.slow

QUANGBINH = corpus_text("quangbinh-674-UBND-VX-2017")


def test_scanned_pdf_is_read_by_ocr_with_header_columns_apart(tmp_path: Path) -> None:
    loaded = load(make_scanned_pdf(QUANGBINH, tmp_path / "scan.pdf", pages_limit=2))
    assert (loaded.kind, loaded.pages, loaded.ocr_pages) == ("pdf", 2, 2)
    assert loaded.warnings[0] == "pages 1-2 read by OCR"
    lines = loaded.text.splitlines()
    assert any("674/UBND-VX" in line for line in lines)
    date = next(i for i, line in enumerate(lines) if re.search(r"Quảng Bình, ngày 24 tháng 4 năm 2017", line))
    issuer = next(i for i, line in enumerate(lines) if "ỦY BAN NHÂN DÂN" in line)
    motto = next(i for i, line in enumerate(lines) if "CỘNG HÒA" in line)
    assert issuer < motto < date
    assert "CỘNG HÒA" not in lines[issuer]  # two columns, two lines
    assert loaded.text.count("\f") == 1


def test_only_pages_without_text_layer_are_ocred(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    text_pdf = pdfium.PdfDocument(make_pdf(QUANGBINH, tmp_path / "text.pdf"))
    scan = pdfium.PdfDocument(make_scanned_pdf(QUANGBINH, tmp_path / "scan.pdf", pages_limit=1))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(text_pdf, [0])
    mixed.import_pages(scan, [0])
    mixed.save(str(tmp_path / "mixed.pdf"))
    loaded = load(tmp_path / "mixed.pdf")
    assert (loaded.pages, loaded.ocr_pages, loaded.warnings) == (2, 1, ("page 2 read by OCR",))
    first, second = loaded.text.split("\f")
    assert "Số: 674/UBND-VX" in first and "674/UBND-VX" in second


@pytest.mark.parametrize(("suffix", "media_type", "pages"), [(".png", "image/png", 1), (".tif", "image/tiff", 2)])
def test_images(tmp_path: Path, suffix: str, media_type: str, pages: int) -> None:
    loaded = load(make_image(QUANGBINH, tmp_path / f"scan{suffix}", pages_limit=2))
    assert (loaded.kind, loaded.media_type, loaded.pages, loaded.ocr_pages) == (
        "image",
        media_type,
        pages,
        pages,
    )
    assert "674/UBND-VX" in loaded.text
    assert loaded.text.count("\f") == pages - 1


def test_decompression_bomb_image(tmp_path: Path) -> None:
    with pytest.raises(TooComplex, match="image too large"):
        load(make_image_bomb(tmp_path / "bomb.png"))
