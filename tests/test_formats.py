"""The same document as text, DOCX (header in a table), PDF and scanned PDF gives the same header and references.

The files are built here from the sample corpus (tests/builders.py); nothing is mocked: DOCX goes
through python-docx, PDF through pypdfium2 and pdfplumber, scans through Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import CORPUS, make_docx, make_pdf, make_scanned_pdf, plain_corpus

from extractor import symbols
from extractor.pipeline import extract_file, extract_text

ALL = plain_corpus()
# Scans are slow (~3 s a page): one document per header layout.
SCANNED = [
    "bxd-2214-BXD-QLN-2013",
    "quangbinh-674-UBND-VX-2017",
    "quangninh-1977-SGDDT-CNTX-2011",
    "kbang-1132-UBND-VX-2021",
    "langgiang-KH-UBND-2023-draft",
    "hochiminh-3210-QD-UBND-2014",
]
HEADER_FIELDS = ("doc_type", "number", "issuer", "level", "province", "district", "place", "issued_date")


def _essentials(record) -> tuple[dict, list[str]]:  # type: ignore[no-untyped-def]
    header = {k: getattr(record.document, k) for k in HEADER_FIELDS}
    return header, sorted(symbols.key(r.number) for r in record.references if r.number)


@pytest.fixture(scope="module")
def from_text() -> dict[str, tuple[dict, list[str]]]:
    return {
        stem: _essentials(extract_text((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"), stem).record)
        for stem in ALL
    }


@pytest.mark.parametrize("stem", ALL)
@pytest.mark.parametrize("make", [make_docx, make_pdf], ids=["docx", "pdf"])
def test_docx_and_pdf_read_like_the_text(stem: str, make, from_text, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    path = make(text, tmp_path / f"{stem}.{make.__name__[5:]}")
    assert _essentials(extract_file(path).record) == from_text[stem]


@pytest.mark.slow
@pytest.mark.parametrize("stem", SCANNED)
def test_scans_read_like_the_text(stem: str, from_text, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
    path = make_scanned_pdf(text, tmp_path / f"{stem}.pdf", pages_limit=None, dpi=300)
    result = extract_file(path)
    assert result.intake.ocr_pages == result.intake.pages > 0
    assert _essentials(result.record) == from_text[stem]


def test_findings_point_into_the_text(from_text) -> None:  # type: ignore[no-untyped-def]
    result = extract_text((CORPUS / "kbang-1132-UBND-VX-2021.txt").read_text(encoding="utf-8"), "kbang")
    numbers = {s.label for s in result.spans if s.kind == "reference"}
    assert "14/CT-TTg" in numbers
    for span in result.spans:
        if span.kind == "reference" and span.label == "14/CT-TTg":
            assert "14/CT-TTg" in result.text[span.start : span.end]


def test_a_docx_table_of_duties_gives_one_task_per_row(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    for line in [
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
        "Số: 120/KH-UBND",
        "An Giang, ngày 05 tháng 3 năm 2024",
        "KẾ HOẠCH",
        "Triển khai học tập suốt đời năm 2024",
        "II. PHÂN CÔNG NHIỆM VỤ",
    ]:
        d.add_paragraph(line)
    rows = [
        ("TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
        (
            "1",
            "Tổ chức Tuần lễ hưởng ứng học tập suốt đời",
            "Sở Giáo dục và Đào tạo",
            "Hội Khuyến học tỉnh",
            "Trước ngày 30/10/2024",
        ),
    ]
    table = d.add_table(rows=len(rows), cols=5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    d.save(tmp_path / "plan.docx")
    record = extract_file(tmp_path / "plan.docx").record
    assert [(t.label, t.lead, t.support, t.deadline) for t in record.tasks] == [
        ("1", ["Sở Giáo dục và Đào tạo"], ["Hội Khuyến học tỉnh"], "2024-10-30")
    ]
