"""The subject gate of graph.align: a lower document about something broader than the upstream (a national
plan for a Party directive on người có công, under a decision on their housing) carries the upstream's duties
only in the items that speak of the upstream's subject. Real trích yếu from the sample corpus and the
alignment set's documents."""

from __future__ import annotations

import pytest

from graph.align import Duty, is_execution_clause, speaks_of, subject_gap

QD_22 = "Hỗ trợ người có công với cách mạng về nhà ở"


@pytest.mark.parametrize(
    ("upstream", "numbers", "lower", "gap"),
    [
        # the 2018 national plan for Chỉ thị 14-CT/TW: about người có công, not about their housing
        (
            QD_22,
            ["22/2013/QĐ-TTg"],
            "Ban hành Kế hoạch tổ chức thực hiện Chỉ thị số 14-CT/TW ngày 19 tháng 7 năm 2017 của Ban Bí thư Trung "
            "ương Đảng khóa XII về tiếp tục tăng cường sự lãnh đạo của Đảng đối với công tác người có công với cách mạng",
            {"hỗ_trợ", "nhà"},
        ),
        # the ministry's letter names the same subject
        (QD_22, ["22/2013/QĐ-TTg"], "V/v Hỗ trợ người có công với cách mạng về nhà ở.", set()),
        # the city's plan cites the decision in its trích yếu
        (
            QD_22,
            ["22/2013/QĐ-TTg"],
            "Về ban hành Kế hoạch triển khai thực hiện Thông tư số 09/2013/TT-BXD ngày 01 tháng 7 năm 2013 của Bộ Xây "
            "dựng về hướng dẫn thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26 tháng 4 năm 2013",
            set(),
        ),
        # a circular on the funds and the city's plan both carry down 22/2013: the same programme
        (
            "Hướng dẫn việc quản lý, cấp phát, thanh toán, quyết toán nguồn vốn hỗ trợ người có công với cách mạng "
            "về nhà ở theo Quyết định số 22/2013/QĐ-TTg",
            ["98/2013/TT-BTC"],
            "Về ban hành Kế hoạch triển khai thực hiện Thông tư số 09/2013/TT-BXD về hướng dẫn thực hiện Quyết định "
            "số 22/2013/QĐ-TTg về hỗ trợ người có công với cách mạng về nhà ở trên địa bàn Thành phố Hồ Chí Minh",
            set(),
        ),
        # a decree "Quy định chi tiết một số điều và biện pháp thi hành Luật …" and its narrower circular
        (
            "Quy định chi tiết một số điều và biện pháp thi hành Luật Người lao động Việt Nam đi làm việc ở nước "
            "ngoài theo hợp đồng",
            ["112/2021/NĐ-CP"],
            "Quy định về Hệ thống cơ sở dữ liệu về người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
            set(),
        ),
        # a province's letter carrying a Đề án by its name
        (
            "Phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020”",
            ["89/QĐ-TTg"],
            "V/v thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020”",
            set(),
        ),
        # a subject unknown on either side: no gate
        (QD_22, ["22/2013/QĐ-TTg"], "", set()),
        ("", ["22/2013/QĐ-TTg"], "Về công tác người có công", set()),
    ],
)
def test_subject_gap(upstream: str, numbers: list[str], lower: str, gap: set[str]) -> None:
    assert subject_gap(upstream, numbers, lower) == gap


@pytest.mark.parametrize(
    ("item", "speaks"),
    [
        (
            "Hoàn thành việc hỗ trợ nhà ở cho các hộ gia đình người có công với cách mạng giai đoạn 2 theo Quyết định "
            "số 22/2013/QĐ-TTg đến hết năm 2019.",
            True,
        ),
        (
            "Bảo đảm nguồn kinh phí đầu tư phát triển thực hiện chính sách hỗ trợ cải thiện nhà ở, xây dựng, cải "
            "tạo, nâng cấp các cơ sở nuôi dưỡng, điều dưỡng cho người có công với cách mạng.",
            True,
        ),
        ("Thực hiện công tác kiểm tra, thanh tra trong việc thực hiện chính sách ưu đãi người có công.", False),
        (
            "Hàng năm, các bộ, ngành và Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương báo cáo kết quả "
            "thực hiện về Bộ Lao động - Thương binh và Xã hội tổng hợp, báo cáo Thủ tướng Chính phủ.",
            False,
        ),
    ],
)
def test_an_item_of_a_broader_plan_speaks_of_the_subject_or_not(item: str, speaks: bool) -> None:
    assert speaks_of(frozenset({"hỗ_trợ", "nhà"}), Duty(None, item)) is speaks
    assert speaks_of(frozenset(), Duty(None, item))  # no gap: every item may carry


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        (
            "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở, ngành … chịu trách nhiệm thi hành Quyết định này.",
            True,
        ),
        # 116/2025/TT-BTC Điều 15.1: the circular's own sign-off, not a duty of Bảo hiểm xã hội Việt Nam
        (
            "Giám đốc Bảo hiểm xã hội Việt Nam, Vụ trưởng Vụ Các định chế tài chính, các cơ quan, đơn vị quy định tại "
            "Thông tư này và cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thực hiện Thông tư này.",
            True,
        ),
        ("Các Sở, ban, ngành có trách nhiệm tổ chức thực hiện Kế hoạch này.", True),
        # a duty that names its own subject is a duty
        ("Sở Xây dựng có trách nhiệm thực hiện việc kiểm tra chất lượng nhà ở sau khi hỗ trợ.", False),
        ("Ủy ban nhân dân cấp xã chịu trách nhiệm trước pháp luật về kết quả rà soát danh sách.", False),
    ],
)
def test_execution_clauses_are_neither_duties_nor_carriers(text: str, clause: bool) -> None:
    assert is_execution_clause(text) is clause
