"""The enumerated structure: labels as printed, tolerant of duplicated and skipped numbers."""

from __future__ import annotations

import pytest

from extractor.clean import clean
from extractor.outline import parse
from extractor.tables import column_role, find_tables


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


LEGAL = [
    pytest.param(
        "Điều 3. Giám đốc Sở chịu trách nhiệm thi hành Quyết định này./.\nTM. ỦY BAN NHÂN DÂN\n\nQUY ĐỊNH\n"
        "VỀ TRÌNH TỰ, THỦ TỤC GIẢI QUYẾT CHẾ ĐỘ MIỄN, GIẢM TIỀN SỬ DỤNG ĐẤT\nChương I\nQUY ĐỊNH CHUNG\n"
        "Điều 1. Nguyên tắc chung\n1. Quy định này quy định về trình tự, thủ tục.\nChương IV\nTỔ CHỨC THỰC HIỆN\n"
        "Điều 8.\n1. Chủ tịch Ủy ban nhân dân các Huyện có trách nhiệm chỉ đạo.",
        [
            ("Điều 3", "Giám đốc Sở chịu trách nhiệm thi hành Quyết định này./."),
            ("Chương I", "QUY ĐỊNH CHUNG"),
            ("Điều 1", "Nguyên tắc chung"),
            ("Điều 1.1", "Quy định này quy định về trình tự, thủ tục."),
            ("Chương IV", "TỔ CHỨC THỰC HIỆN"),
            ("Điều 8", ""),
            ("Điều 8.1", "Chủ tịch Ủy ban nhân dân các Huyện có trách nhiệm chỉ đạo."),
        ],
        id="a chapter's title on the next line (not an attached Quy định); articles labelled without their chapter",
    ),
    pytest.param(
        "Điều 2. Quy định chung\n2.1. Đối tượng.\nChương II\nCHẾ ĐỘ CỤ THỂ\nĐiều 3. Phạm vi đối tượng",
        [
            ("Điều 2", "Quy định chung"),
            ("Điều 2.2.1", "Đối tượng."),
            ("Chương II", "CHẾ ĐỘ CỤ THỂ"),
            ("Điều 3", "Phạm vi đối tượng"),
        ],
        id="a chapter closes the articles before it, though none was open",
    ),
    pytest.param(
        "1. Giao Sở\nNông nghiệp và Môi trường là cơ quan đầu mối; tổ chức thực hiện các nhiệm vụ sau:\n"
        "- Điều phối chung.",
        [
            ("1", "Giao Sở Nông nghiệp và Môi trường là cơ quan đầu mối; tổ chức thực hiện các nhiệm vụ sau:"),
            ("1.-1", "Điều phối chung."),
        ],
        id="a head broken mid-name goes on on the next line, even when that line introduces items",
    ),
    pytest.param(
        "- Đề nghị người đứng đầu cấp ủy;\nthủ trưởng cơ quan, đơn vị trực tiếp chỉ đạo.\n"
        "Đơn vị thực hiện: Các Sở, ngành, đơn vị.\nThời gian thực hiện: Thường xuyên.",
        [
            (
                "-1",
                "Đề nghị người đứng đầu cấp ủy; thủ trưởng cơ quan, đơn vị trực tiếp chỉ đạo. Đơn vị thực hiện: Các "
                "Sở, ngành, đơn vị. Thời gian thực hiện: Thường xuyên.",
            )
        ],
        id="field lines belong to the item above them",
    ),
]


@pytest.mark.parametrize("text,expected", LEGAL)
def test_legal_divisions(text: str, expected: list[tuple[str, str]]) -> None:
    assert labels(text) == expected


def test_attached_documents_are_typed() -> None:
    doc = clean(
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nNơi nhận:\n- Lưu: VT.\n\nKẾ HOẠCH\nTriển khai ...\n"
        "I. MỤC TIÊU\n\nPHỤ LỤC\nDANH MỤC CÁC NHIỆM VỤ\n1. Tuyên truyền."
    )
    tree = parse(doc, 0, len(doc.lines()), closing=1)
    assert [(a.index, a.kind) for a in tree.attachments] == [(1, "Kế hoạch"), (2, "Phụ lục")]
    assert [(n.label, n.attachment) for n in tree.root.walk() if n.style != "root"] == [
        ("Điều 1", 0),
        ("I", 1),
        ("1", 2),
    ]


# Tables of duties: columns known by their header, in any order; rows on one line or one cell per block.
COLUMNS = [
    ("STT", "label"),
    ("TT", "label"),
    ("Tên nhiệm vụ", "text"),
    ("Nội dung công việc", "text"),
    ("Nội dung thực hiện", "text"),
    ("Cơ quan chủ trì", "lead"),
    ("Đơn vị thực hiện", "lead"),
    ("Cơ quan phối hợp", "support"),
    ("Đơn vị phối hợp thực hiện", "support"),
    ("Thời gian hoàn thành", "deadline"),
    ("Thời gian thực hiện", "deadline"),
    ("Tiến độ", "deadline"),
    ("Ghi chú", None),
]


@pytest.mark.parametrize("header,role", COLUMNS)
def test_column_roles(header: str, role: str | None) -> None:
    assert column_role(header) == role


def test_a_table_in_any_column_order() -> None:
    doc = clean(
        "Cơ quan phối hợp | Nội dung nhiệm vụ | TT | Cơ quan chủ trì\nHội Khuyến học tỉnh | Tuyên truyền về học "
        "tập suốt đời | 1 | Sở Giáo dục và Đào tạo\n"
    )
    (table,) = find_tables(doc, 0, len(doc.lines()))
    assert [(r.label, {k: c.text for k, c in r.cells.items()}) for r in table.rows] == [
        (
            "1",
            {
                "support": "Hội Khuyến học tỉnh",
                "text": "Tuyên truyền về học tập suốt đời",
                "lead": "Sở Giáo dục và Đào tạo",
            },
        )
    ]
