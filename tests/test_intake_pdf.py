"""PDF text layer: header columns apart (pdfplumber on page 1), pypdfium2 for the rest, pages split by \\f."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import CORPUS, corpus_text, make_pdf

from extractor.intake import load
from extractor.intake.layout import Word, split_header
from extractor.intake.pdf import claimed_pages

HEADERS = {
    "quangbinh-674-UBND-VX-2017": (
        ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG BÌNH", "Số: 674/UBND-VX"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Quảng Bình, ngày 24 tháng 4 năm 2017",
        ],
    ),
    "kbang-1132-UBND-VX-2021": (
        ["ỦY BAN NHÂN DÂN", "HUYỆN KBANG", "Số: 1132 /UBND-VX"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Kbang, ngày 10 tháng 8 năm 2021",
        ],
    ),
    "ttg-22-2013-QD-TTg-2013": (
        ["THỦ TƯỚNG CHÍNH PHỦ", "--------", "Số: 22/2013/QĐ-TTg"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "----------------",
            "Hà Nội, ngày 26 tháng 04 năm 2013",
        ],
    ),
}


@pytest.mark.parametrize("stem", sorted(HEADERS))
def test_header_columns_come_out_apart(tmp_path: Path, stem: str) -> None:
    loaded = load(make_pdf(corpus_text(stem), tmp_path / f"{stem}.pdf"))
    assert (loaded.kind, loaded.media_type, loaded.ocr_pages, loaded.warnings) == (
        "pdf",
        "application/pdf",
        0,
        (),
    )
    lines = loaded.text.splitlines()
    left, right = HEADERS[stem]
    assert lines[: len(left)] == left
    start = lines.index(right[0])
    assert lines[start : start + len(right)] == right
    assert all(line not in lines[:start] for line in right)  # no right-column line before the left ends
    assert not any("CỘNG HÒA" in line and line != right[0] for line in lines)


def test_quangbinh_body_follows_header_in_order(tmp_path: Path) -> None:
    loaded = load(make_pdf(corpus_text("quangbinh-674-UBND-VX-2017"), tmp_path / "674.pdf"))
    text = loaded.text
    markers = ["Quảng Bình, ngày 24", "Kính gửi:", "1. Rà soát lại", "2. Sở Giáo dục", "5. UBND các huyện"]
    positions = [text.index(marker) for marker in markers]
    assert positions == sorted(positions)
    assert loaded.pages == 2
    assert text.count("\f") == 1  # one form feed between two pages


def test_pages_are_separated_by_form_feeds(tmp_path: Path) -> None:
    loaded = load(make_pdf(corpus_text("vinhlong-684-QD-UBND-2013"), tmp_path / "684.pdf"))
    assert loaded.pages is not None and loaded.pages > 3
    assert loaded.text.count("\f") == loaded.pages - 1
    assert loaded.text.startswith("QUYẾT ĐỊNH")  # no header table: page 1 read as pypdfium2 gives it


def test_stacked_header_is_read_in_page_order(tmp_path: Path) -> None:
    path = make_pdf(corpus_text("kbang-1132-UBND-VX-2021"), tmp_path / "stacked.pdf", two_column_header=False)
    lines = load(path).text.splitlines()
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "HUYỆN KBANG"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines


@pytest.mark.parametrize("stem", sorted(path.stem for path in CORPUS.glob("*.txt")))
def test_every_corpus_document_reads(tmp_path: Path, stem: str) -> None:
    loaded = load(make_pdf(corpus_text(stem), tmp_path / f"{stem}.pdf"))
    assert loaded.ocr_pages == 0
    assert not any("ỦY BAN" in line.upper() and "CỘNG H" in line.upper() for line in loaded.text.splitlines())


# --- geometry and raw scans ----------------------------------------------------------------------


def word(text: str, x0: float, top: float, width: float = 40.0) -> Word:
    return Word(text, x0, top, x0 + width, top + 10)


def test_split_header_keeps_left_lines_under_the_date() -> None:
    words = [
        word("UBND", 60, 10),
        word("CỘNG", 330, 10),
        word("HÒA", 375, 10),
        word("Số:", 50, 24),
        word("5/UB", 92, 24),
        word("Hà", 330, 24),
        word("Nội,", 372, 24),
        word("ngày", 414, 24),
        word("V/v", 50, 38),
        word("việc", 92, 38),  # continues under the date: still the left column
        word("Kính", 200, 70),
        word("gửi:", 242, 70),
    ]
    split = split_header(words, page_width=595)
    assert split is not None
    assert split.left == ("UBND", "Số: 5/UB", "V/v việc")
    assert split.right == ("CỘNG HÒA", "Hà Nội, ngày")
    assert 48 < split.body_top < 70


def test_no_header_without_motto_or_date() -> None:
    words = [word("Một", 50, 10), word("hai", 400, 10)]
    assert split_header(words, page_width=595) is None


@pytest.mark.parametrize(
    ("data", "count"),
    [
        (b"<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>", 1_000_000),
        (b"<</Type/Pages/Count\n12/Kids[]>> << /Count 3 >>", 12),
        (b"no page tree here", 0),
    ],
)
def test_claimed_pages(data: bytes, count: int) -> None:
    assert claimed_pages(data) == count


def test_body_after_a_long_header_is_kept() -> None:
    words = [word("CỘNG", 330, 0), word("HÒA", 375, 0)] + [word(f"trái{i}", 50, 14 * i) for i in range(40)]
    split = split_header(words, page_width=595)
    assert split is not None and split.body_top < 14 * 40  # later lines are body, not lost
