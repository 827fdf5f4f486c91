"""Quantified goals: value, unit, subject and the year they are due."""

from __future__ import annotations

import pytest

from extractor.pipeline import extract_text

HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 446/KH-UBND\nVĩnh Long, ngày 11 tháng 4 năm 2013\n\nKẾ HOẠCH\n\n"
    "Xây dựng xã hội học tập giai đoạn 2012 - 2020\n\n"
)


def targets(body: str, head: str = HEAD) -> list[tuple]:
    record = extract_text(head + body, "test").record
    return [(t.label, t.value, t.value_max, t.unit, t.subject, t.year) for t in record.targets]


TARGETS = [
    pytest.param(
        "III. MỤC TIÊU:\n1. Mục tiêu đến năm 2015:\na) Xoá mù chữ và phổ cập giáo dục:\n"
        "- 96% người trong độ tuổi từ 15 - 60; 98% người trong độ tuổi từ 15 - 35 biết chữ.\n"
        "- 80% số người mới biết chữ tiếp tục học tập và không mù chữ trở lại;",
        [
            ("III.1.a", 96, None, "%", "người trong độ tuổi từ 15 - 60", 2015),
            ("III.1.a", 98, None, "%", "người trong độ tuổi từ 15 - 35 biết chữ", 2015),
            ("III.1.a", 80, None, "%", "số người mới biết chữ tiếp tục học tập và không mù chữ trở lại", 2015),
        ],
        id="two figures on one line; ages are not targets; the heading's year; the item's label, not the dash's",
    ),
    pytest.param(
        "III. MỤC TIÊU:\n2. Mục tiêu đến năm 2020:\nb) Nâng cao trình độ tin học, ngoại ngữ:\n"
        "- 40% cán bộ, công chức, viên chức có trình độ ngoại ngữ bậc 2 và 20% có trình độ bậc 3;\n"
        "c) Nâng cao trình độ chuyên môn:\n- Đối với cán bộ, công chức từ tỉnh đến cấp huyện:\n"
        "+ 90% thực hiện chế độ bồi dưỡng bắt buộc tối thiểu hằng năm.",
        [
            ("III.2.b", 40, None, "%", "cán bộ, công chức, viên chức có trình độ ngoại ngữ bậc 2", 2020),
            ("III.2.b", 20, None, "%", "có trình độ bậc 3", 2020),
            (
                "III.2.c",
                90,
                None,
                "%",
                "cán bộ, công chức từ tỉnh đến cấp huyện thực hiện chế độ bồi dưỡng bắt buộc tối thiểu hằng năm",
                2020,
            ),
        ],
        id="levels ('bậc 2') are not targets; a '+' item takes its group ('Đối với ...')",
    ),
    pytest.param(
        "I. MỤC TIÊU\n2. Mục tiêu cụ thể\n- 100% TTHTCĐ có xây dựng kế hoạch hoạt động hàng năm.\n"
        "- 95% người lao động trong độ tuổi được học tập; trong đó có 50% số người lao động được đào tạo nghề.\n"
        "II. NHIỆM VỤ, GIẢI PHÁP\n1. Tăng cường điều tra nhu cầu học tập ít nhất 01 lần/năm.\n"
        "III. THỜI GIAN THỰC HIỆN\nTừ quý III năm 2023 đến hết ngày 31 tháng 12 năm 2025.",
        [
            ("I.2", 100, None, "%", "TTHTCĐ có xây dựng kế hoạch hoạt động hàng năm", 2020),
            ("I.2", 95, None, "%", "người lao động trong độ tuổi được học tập", 2020),
            ("I.2", 50, None, "%", "số người lao động được đào tạo nghề", 2020),
        ],
        id="no year in the goals: the plan's period; a frequency is not a target",
    ),
    pytest.param(
        "IV. NHIỆM VỤ\n1. Phát triển mạng lưới: phấn đấu đến năm 2025 có 30% - 40% số xã đạt chuẩn.\n"
        "2. Rà soát, bố trí 186 xã, phường, thị trấn của tỉnh.",
        [("IV.1", 30, 40, "%", "số xã đạt chuẩn", 2025)],
        id="outside the goals only 'phấn đấu'/'đạt' figures count; a range is one target",
    ),
    pytest.param(
        "I. MỤC TIÊU\n- Phấn đấu có 50 trung tâm học tập cộng đồng đạt chuẩn vào năm 2018.\n- Tổ chức 3 lần/năm.",
        [("I", 50, None, "trung tâm", "trung tâm học tập cộng đồng đạt chuẩn vào năm 2018", 2018)],
        id="a counted noun",
    ),
    pytest.param(
        "I. MỤC TIÊU\n2. Mục tiêu cụ thể\nĐến hết năm 2030, phấn đấu đạt được những mục tiêu sau:\n"
        "- 100% hộ gia đình được tiếp nhận đầy đủ thông tin về thiên tai;\n"
        "- 50% người dân ở các khu vực khác được phổ biến kiến thức về thiên tai.",
        [
            ("I.2", 100, None, "%", "hộ gia đình được tiếp nhận đầy đủ thông tin về thiên tai", 2030),
            ("I.2", 50, None, "%", "người dân ở các khu vực khác được phổ biến kiến thức về thiên tai", 2030),
        ],
        id="the year of a lead-in paragraph above the items",
    ),
    pytest.param(
        "II. MỤC TIÊU\n1. Tỷ lệ hộ gia đình sử dụng nước sạch đạt 95% vào năm 2025.\n"
        "2. Tỷ lệ xã đạt chuẩn nông thôn mới năm 2024 đạt 50%, năm 2025 đạt 70%.",
        [
            ("II.1", 95, None, "%", "Tỷ lệ hộ gia đình sử dụng nước sạch", 2025),
            ("II.2", 50, None, "%", "Tỷ lệ xã đạt chuẩn nông thôn mới năm 2024", 2024),
            ("II.2", 70, None, "%", "Tỷ lệ xã đạt chuẩn nông thôn mới năm 2024", 2025),
        ],
        id="'Tỷ lệ ... đạt N%': the measure before the figure; a figure per year",
    ),
    pytest.param(
        "1. Giao Sở Nội vụ\n- Tiếp tục triển khai việc cập nhật cơ sở dữ liệu và hoàn thành 100% việc cập nhật lý lịch "
        "cán bộ, công chức, viên chức trước ngày 06 tháng 12 năm 2025.",
        [
            (
                "1",
                100,
                None,
                "%",
                "việc cập nhật lý lịch cán bộ, công chức, viên chức trước ngày 06 tháng 12 năm 2025",
                2025,
            )
        ],
        id="'hoàn thành 100% ...' inside a duty, due by its date",
    ),
    pytest.param(
        "II. MỤC TIÊU CHỦ YẾU\n4. Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 10% đội ngũ cán bộ được tuyển dụng "
        "từ nguồn sinh viên tốt nghiệp xuất sắc.",
        [("II.4", 10, None, "%", "đội ngũ cán bộ được tuyển dụng từ nguồn sinh viên tốt nghiệp xuất sắc", 2030)],
        id="a period's end is the year; a year is never a count",
    ),
    pytest.param(
        "II. MỤC TIÊU\nTT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030\n1 | Tỷ lệ xã có trung tâm học tập cộng đồng "
        "hoạt động hiệu quả | % | 80 | 95\n2 | Số thư viện cấp xã | thư viện | 20 | 35",
        [
            (None, 80, None, "%", "Tỷ lệ xã có trung tâm học tập cộng đồng hoạt động hiệu quả", 2025),
            (None, 95, None, "%", "Tỷ lệ xã có trung tâm học tập cộng đồng hoạt động hiệu quả", 2030),
            (None, 20, None, "thư viện", "Số thư viện cấp xã", 2025),
            (None, 35, None, "thư viện", "Số thư viện cấp xã", 2030),
        ],
        id="a table of indicators: one target per year column",
    ),
]


@pytest.mark.parametrize("body,expected", TARGETS)
def test_targets(body: str, expected: list[tuple]) -> None:
    assert targets(body) == expected


def test_value_max_only_for_ranges() -> None:
    record = extract_text(HEAD + "I. MỤC TIÊU\n- 96% người biết chữ.\n- 30% - 40% số xã đạt chuẩn.", "t").record
    dumped = [t.model_dump() for t in record.targets]
    assert "value_max" not in dumped[0] and dumped[1]["value_max"] == 40


def test_a_report_achievements_are_not_goals() -> None:
    head = "ỦY BAN NHÂN DÂN\nHUYỆN TIÊN DU\nSố: 210/BC-UBND\nTiên Du, ngày 15 tháng 12 năm 2024\n\nBÁO CÁO\nKết quả năm 2024\n\n"
    body = (
        "I. KẾT QUẢ THỰC HIỆN\n1. Tỷ lệ người biết chữ trong độ tuổi 15 - 60 đạt 98,5%; 100% xã duy trì trung tâm.\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025\n1. Phòng Giáo dục và Đào tạo tham mưu củng cố các trung tâm học tập "
        "cộng đồng; phấn đấu đạt 99% người biết chữ."
    )
    assert targets(body, head) == [("II.1", 99, None, "%", "người biết chữ", 2025)]
