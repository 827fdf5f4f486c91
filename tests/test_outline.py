"""The enumerated structure: labels as printed, tolerant of duplicated and skipped numbers."""

from __future__ import annotations

import pytest

from extractor.clean import clean
from extractor.outline import parse


def labels(text: str) -> list[tuple[str | None, str]]:
    doc = clean(text)
    tree = parse(doc, 0, len(doc.lines()))
    return [(n.label, n.text) for n in tree.root.walk() if n.style != "root"]


OUTLINES = [
    pytest.param(
        "1. Rà soát lại kế hoạch.\n2. Sở Giáo dục và Đào tạo chủ trì.\n- Chủ trì phối hợp với các Sở.\n"
        "- Ngành giáo dục các cấp chỉ đạo.\n3. Sở Tài chính chủ trì.\n3. Sở Nội vụ chủ trì.\n5. UBND các huyện tổ chức.",
        [
            ("1", "Rà soát lại kế hoạch."),
            ("2", "Sở Giáo dục và Đào tạo chủ trì."),
            ("2.-1", "Chủ trì phối hợp với các Sở."),
            ("2.-2", "Ngành giáo dục các cấp chỉ đạo."),
            ("3", "Sở Tài chính chủ trì."),
            ("3", "Sở Nội vụ chủ trì."),
            ("5", "UBND các huyện tổ chức."),
        ],
        id="numbers as printed: 3 twice, 4 skipped; dashes counted under their item",
    ),
    pytest.param(
        "IV. NHIỆM VỤ VÀ GIẢI PHÁP:\n1. Nâng cao nhận thức:\na) Tổ chức tuyên truyền.\nđ) Tổ chức tuyên dương.\n"
        "VI. TỔ CHỨC THỰC HIỆN:\n1. Trách nhiệm của các sở, ngành tỉnh:\na) Sở Giáo dục và Đào tạo:\n- Là cơ quan thường trực;\n"
        "- Chủ trì xây dựng kế hoạch;\nb) Liên đoàn Lao động tỉnh:\n+ Chủ trì, phối hợp với các cơ quan liên quan;",
        [
            ("IV", "NHIỆM VỤ VÀ GIẢI PHÁP:"),
            ("IV.1", "Nâng cao nhận thức:"),
            ("IV.1.a", "Tổ chức tuyên truyền."),
            ("IV.1.đ", "Tổ chức tuyên dương."),
            ("VI", "TỔ CHỨC THỰC HIỆN:"),
            ("VI.1", "Trách nhiệm của các sở, ngành tỉnh:"),
            ("VI.1.a", "Sở Giáo dục và Đào tạo:"),
            ("VI.1.a.-1", "Là cơ quan thường trực;"),
            ("VI.1.a.-2", "Chủ trì xây dựng kế hoạch;"),
            ("VI.1.b", "Liên đoàn Lao động tỉnh:"),
            ("VI.1.b.+1", "Chủ trì, phối hợp với các cơ quan liên quan;"),
        ],
        id="roman, arabic, letters with đ, dashes and pluses",
    ),
    pytest.param(
        "Điều 1. Phê duyệt Kế hoạch.\nĐiều 2. Giám đốc Sở Giáo dục và Đào tạo chủ trì.\n"
        "Điều 8. Tổ chức thực hiện\n1. Trách nhiệm của các Bộ, ngành Trung ương\na) Bộ Xây dựng:\n- Chủ trì hướng dẫn.",
        [
            ("Điều 1", "Phê duyệt Kế hoạch."),
            ("Điều 2", "Giám đốc Sở Giáo dục và Đào tạo chủ trì."),
            ("Điều 8", "Tổ chức thực hiện"),
            ("Điều 8.1", "Trách nhiệm của các Bộ, ngành Trung ương"),
            ("Điều 8.1.a", "Bộ Xây dựng:"),
            ("Điều 8.1.a.-1", "Chủ trì hướng dẫn."),
        ],
        id="articles of a decision",
    ),
    pytest.param(
        "II. NỘI DUNG THỰC HIỆN\n2. Trình tự\n2.1. Bước 1:\n2.1.a. Thành lập Ban Chỉ đạo:\n"
        "Ủy ban nhân dân xã, phường, thị trấn thành lập Ban Chỉ đạo.\n2.2. Bước 2: Kiểm tra hiện trạng nhà ở.",
        [
            ("II", "NỘI DUNG THỰC HIỆN"),
            ("II.2", "Trình tự"),
            ("II.2.1", "Bước 1:"),
            ("II.2.1.a", "Thành lập Ban Chỉ đạo: Ủy ban nhân dân xã, phường, thị trấn thành lập Ban Chỉ đạo."),
            ("II.2.2", "Bước 2: Kiểm tra hiện trạng nhà ở."),
        ],
        id="dotted markers replace their parent's number; a paragraph under a heading is its body",
    ),
    pytest.param(
        "Điều 3. Giám đốc Sở chịu trách nhiệm thi hành Quyết định này./.\nKT. CHỦ TỊCH\n\n KẾ HOẠCH\n"
        "XÂY DỰNG XÃ HỘI HỌC TẬP\nI. MỤC TIÊU:\n1. Mục tiêu đến năm 2015:",
        [
            ("Điều 3", "Giám đốc Sở chịu trách nhiệm thi hành Quyết định này./."),
            ("I", "MỤC TIÊU:"),
            ("I.1", "Mục tiêu đến năm 2015:"),
        ],
        id="an attached plan starts a new tree",
    ),
]


@pytest.mark.parametrize("text,expected", OUTLINES)
def test_outline(text: str, expected: list[tuple[str, str]]) -> None:
    assert labels(text) == expected
