"""Duties: where they live, who leads, who supports, by when. Bodies of real letters and plans."""

from __future__ import annotations

import pytest

from extractor.pipeline import extract_text

CONG_VAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH\nSố: 674/UBND-VX\nV/v thực hiện Đề án\nQuảng Bình, ngày 24 tháng 4 năm 2017\n\n"
)
KE_HOACH = (
    "ỦY BAN NHÂN DÂN\nHUYỆN LẠNG GIANG\nSố: 12/KH-UBND\nLạng Giang, ngày 10 tháng 7 năm 2023\n\nKẾ HOẠCH\n\nCủng cố "
    "trung tâm học tập cộng đồng giai đoạn 2023-2025\n\n"
)


def tasks(body: str, head: str = CONG_VAN) -> list[tuple]:
    record = extract_text(head + body, "test").record
    return [(t.label, t.lead, t.support, t.deadline) for t in record.tasks]


TASKS = [
    pytest.param(
        "Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các đơn vị, Chủ tịch UBND các huyện, thị xã, thành phố triển khai thực "
        "hiện một số nội dung sau:\n\n1. Rà soát lại kế hoạch thực hiện Đề án của từng địa phương, đơn vị.\n\n"
        "2. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Hội khuyến học tỉnh chỉ đạo Phòng Giáo dục và đào tạo thực hiện "
        "việc đánh giá, xếp loại.\n- Chủ trì phối hợp với các Sở, ngành chức năng liên quan tham mưu UBND tỉnh xem xét.\n"
        "- Ngành giáo dục các cấp chỉ đạo nâng cao hiệu quả hoạt động của các Trung tâm học tập cộng đồng.\n\n"
        "3. Sở Tài chính chủ trì, phối hợp với Sở Giáo dục và Đào tạo, UBND cấp huyện tham mưu bố trí kinh phí.\n\n"
        "Yêu cầu các đơn vị nghiêm túc triển khai thực hiện./.",
        [
            ("1", ["các đơn vị", "Ủy ban nhân dân các huyện, thị xã, thành phố"], [], None),
            ("2", ["Sở Giáo dục và Đào tạo"], ["Hội Khuyến học tỉnh"], None),
            ("2.-1", ["Sở Giáo dục và Đào tạo"], ["các Sở, ngành chức năng liên quan"], None),
            ("2.-2", ["Ngành giáo dục các cấp"], [], None),
            ("3", ["Sở Tài chính"], ["Sở Giáo dục và Đào tạo", "Ủy ban nhân dân cấp huyện"], None),
        ],
        id="lead-in addressees, chủ trì, inherited lead, generic subject; the closing formula is no duty",
    ),
    pytest.param(
        "Ủy ban nhân dân huyện yêu cầu các phòng, ban triển khai thực hiện tốt một số nhiệm vụ sau đây:\n\n"
        "1. Phòng Giáo dục và Đào tạo\n\na) Đẩy mạnh chuyển đổi số trong các cơ sở giáo dục.\n\n"
        "b) Chủ trì, phối hợp với Hội Khuyến học huyện, Ủy ban nhân dân các xã, thị trấn nghiên cứu đổi mới mô hình.\n\n"
        "4. Phòng Tài chính - Kế hoạch\n\nTrên cơ sở dự toán của các đơn vị, Phòng Tài chính - Kế hoạch tổng hợp, cân đối "
        "theo khả năng ngân sách.\n\n7. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện, Hội Nông dân và Hội Cựu giáo chức "
        "huyện\n\na) Phối hợp lồng ghép các hoạt động tuyên truyền.",
        [
            ("1.a", ["Phòng Giáo dục và Đào tạo"], [], None),
            ("1.b", ["Phòng Giáo dục và Đào tạo"], ["Hội Khuyến học huyện", "Ủy ban nhân dân các xã, thị trấn"], None),
            ("4", ["Phòng Tài chính - Kế hoạch"], [], None),
            ("7.a", ["Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "Hội Nông dân", "Hội Cựu giáo chức huyện"], [], None),
        ],
        id="headings that name agencies lead the items under them",
    ),
    pytest.param(
        "I. MỤC TIÊU\n\n1. Mục tiêu chung\n\n- Tuyên truyền, nâng cao nhận thức của các cấp ủy đảng.\n\n"
        "II. NHIỆM VỤ, GIẢI PHÁP\n\n1. Kiện toàn, xây dựng mô hình TTHTCĐ.\n\n"
        "2. UBND các xã, thị trấn căn cứ vào hiện trạng về cơ sở vật chất sẵn có để bố trí làm địa điểm của TTHTCĐ.\n\n"
        "III. THỜI GIAN, PHƯƠNG THỨC VÀ KINH PHÍ THỰC HIỆN\n\n1. Kinh phí\n\n- Kinh phí thực hiện Kế hoạch bao gồm nguồn "
        "ngân sách cấp xã.\n\n- Hàng năm, UBND các xã, thị trấn có trách nhiệm chủ động bố trí kinh phí ngân sách.\n\n"
        "IV. TỔ CHỨC THỰC HIỆN\n\n1. Phòng Giáo dục và Đào tạo\n\n- Hàng năm, tổ chức chỉ đạo tốt việc hướng dẫn thực "
        "hiện nhiệm vụ năm học.\n\n- Tổ chức kiểm tra; tham mưu tổng kết vào cuối năm 2025.\n\n"
        "Yêu cầu các đơn vị tổ chức triển khai thực hiện nghiêm túc Kế hoạch này./.",
        [
            ("II.1", [], [], None),
            ("II.2", ["Ủy ban nhân dân các xã, thị trấn"], [], None),
            ("III.1.-2", ["Ủy ban nhân dân các xã, thị trấn"], [], "hàng năm"),
            ("IV.1.-1", ["Phòng Giáo dục và Đào tạo"], [], "hàng năm"),
            ("IV.1.-2", ["Phòng Giáo dục và Đào tạo"], [], "cuối năm 2025"),
        ],
        id="plan sections: goals are no duties, funding items only where an agency acts",
    ),
    pytest.param(
        "2.3. Bước 3: Tổng hợp và phê duyệt danh sách đối tượng được hỗ trợ nhà ở.\n\n"
        "Ủy ban nhân dân quận, huyện chỉ đạo Phòng Lao động - Thương binh và Xã hội phối hợp với các phòng, ban có liên "
        "quan rà soát, kiểm tra danh sách.\n\nThời gian hoàn tất: trước ngày 18 tháng 8 năm 2014.",
        [("2.3", ["Ủy ban nhân dân quận, huyện"], [], "2014-08-18")],
        id="a titled step keeps its paragraphs; a deadline field; a directed body's partner is not support",
    ),
    pytest.param(
        "Điều 6. Phương thức thực hiện\n\n1. Ủy ban nhân dân phường, xã, thị trấn (sau đây gọi là Ủy ban nhân dân cấp xã) "
        "đối chiếu, lập danh sách các hộ được hỗ trợ.\n\n2. Cấp vốn làm nhà ở\n\na) Căn cứ số vốn được phân bổ từ ngân sách "
        "trung ương, vốn ngân sách địa phương, Ủy ban nhân dân cấp tỉnh phân bổ cho cấp huyện;\n\n"
        "Điều 10. Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung "
        "ương chịu trách nhiệm thi hành Quyết định này./.",
        [
            ("Điều 6.1", ["Ủy ban nhân dân phường, xã, thị trấn"], [], None),
            ("Điều 6.2.a", ["Ủy ban nhân dân cấp tỉnh"], [], None),
            (
                "Điều 10",
                ["Các Bộ", "cơ quan ngang Bộ", "Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương"],
                [],
                None,
            ),
        ],
        id="a decision's articles: parenthetical, adverbial clause with commas, plural office holders",
    ),
    pytest.param(
        "Sở GD&ĐT đã chủ trì tham mưu cho UBND tỉnh.\nĐề nghị các địa phương trong toàn tỉnh quan tâm triển khai thực hiện "
        "các nội dung sau:\n2. Cấp uỷ, chính quyền mỗi địa phương cần tăng cường sự quan tâm chỉ đạo, phối hợp với các "
        "hoạt động của Hội Khuyến học, mặt trận tổ quốc cơ sở.\nPhòng GD&ĐT cần tham mưu cho UBND các huyện (TP,TX) ban "
        "hành các văn bản chỉ đạo.\n3. Phát huy sức mạnh lợi thế của mỗi địa phương, kết hợp khai thác các cở sở hiện có: "
        "Hội trường, nhà văn hoá.",
        [
            ("2", ["Cấp ủy, chính quyền mỗi địa phương"], ["Hội Khuyến học", "Mặt trận Tổ quốc cơ sở"], None),
            (None, ["Phòng Giáo dục và Đào tạo"], [], None),
            ("3", ["các địa phương trong toàn tỉnh"], [], None),
        ],
        id="an unlabelled paragraph with its own subject is a duty of its own; preamble reports are not duties",
    ),
]


@pytest.mark.parametrize("body,expected", TASKS)
def test_tasks(body: str, expected: list[tuple]) -> None:
    head = KE_HOACH if body.startswith("I. MỤC TIÊU") else CONG_VAN
    assert tasks(body, head) == expected


def test_task_text_is_the_item_with_its_continuation_but_not_its_sub_items() -> None:
    record = extract_text(
        CONG_VAN + "1. Sở Nội vụ chủ trì xây dựng kế hoạch.\nTiếp tục duy trì mô hình dạy nghề.\n"
        "- Chủ trì phối hợp với các Sở.\n",
        "t",
    ).record
    assert record.tasks[0].text == "Sở Nội vụ chủ trì xây dựng kế hoạch. Tiếp tục duy trì mô hình dạy nghề."
    assert record.tasks[1].text == "Chủ trì phối hợp với các Sở."


def test_a_letter_without_items_still_carries_its_request() -> None:
    body = (
        "Để đảm bảo thời gian hoàn thành việc hỗ trợ về nhà ở, Bộ Xây dựng đề nghị Bộ Tài chính, Bộ Kế hoạch và Đầu "
        "tư bố trí vốn theo danh sách mà Ủy ban nhân dân các tỉnh đã báo cáo./."
    )
    assert tasks(body) == [(None, ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"], [], None)]


PLAN_HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 120/KH-UBND\nAn Giang, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\n"
    "Triển khai học tập suốt đời năm 2024\n\n"
)

LAYOUTS = [
    pytest.param(
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tuyên truyền, nâng cao nhận thức về học tập suốt đời\n"
        "- Cơ quan chủ trì: Sở Thông tin và Truyền thông.\n- Cơ quan phối hợp: Sở Giáo dục và Đào tạo; Đài Phát thanh - "
        "Truyền hình tỉnh; UBND các huyện, thị xã, thành phố.\n- Thời gian thực hiện: Hằng năm.\n"
        "2. Tổ chức Tuần lễ hưởng ứng học tập suốt đời\nĐơn vị chủ trì: Sở Giáo dục và Đào tạo\n"
        "Đơn vị phối hợp: Hội Khuyến học tỉnh\nThời gian hoàn thành: trước ngày 30/10/2024.",
        [
            (
                "II.1",
                ["Sở Thông tin và Truyền thông"],
                [
                    "Sở Giáo dục và Đào tạo",
                    "Đài Phát thanh - Truyền hình tỉnh",
                    "Ủy ban nhân dân các huyện, thị xã, thành phố",
                ],
                "Hằng năm",
            ),
            ("II.2", ["Sở Giáo dục và Đào tạo"], ["Hội Khuyến học tỉnh"], "2024-10-30"),
        ],
        id="fields: Cơ quan chủ trì / phối hợp / Thời gian thực hiện, as bullets or plain lines",
    ),
    pytest.param(
        "II. PHÂN CÔNG NHIỆM VỤ\n\n| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n| I | CÔNG TÁC TUYÊN TRUYỀN | | | |\n"
        "| 1 | Tuyên truyền về học tập suốt đời | Sở Thông tin và Truyền thông | Sở GD&ĐT; UBND các huyện, thị xã, "
        "thành phố | Hằng năm |\n| II | XÂY DỰNG MÔ HÌNH | | | |\n"
        "| 1 | Đánh giá, xếp loại cộng đồng học tập cấp xã | UBND các huyện, thị xã, thành phố | Hội Khuyến học tỉnh | "
        "Quý IV/2024 |",
        [
            (
                "I.1",
                ["Sở Thông tin và Truyền thông"],
                ["Sở Giáo dục và Đào tạo", "Ủy ban nhân dân các huyện, thị xã, thành phố"],
                "Hằng năm",
            ),
            ("II.1", ["Ủy ban nhân dân các huyện, thị xã, thành phố"], ["Hội Khuyến học tỉnh"], "Quý IV/2024"),
        ],
        id="a table of duties: one task per row, group rows label the rows under them",
    ),
]


@pytest.mark.parametrize("body,expected", LAYOUTS)
def test_layouts(body: str, expected: list[tuple]) -> None:
    assert tasks(body, PLAN_HEAD) == expected


def test_a_department_letter_to_the_district_offices() -> None:
    head = (
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTỈNH BẮC NINH\nSố: 845/SGDĐT-GDTX\nV/v hướng dẫn nhiệm vụ năm học 2023-2024\n"
        "Bắc Ninh, ngày 20 tháng 9 năm 2023\n\n"
    )
    body = (
        "Sở Giáo dục và Đào tạo đề nghị Trưởng phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố thực hiện tốt "
        "các nội dung sau:\n\n1. Tham mưu UBND cấp huyện chỉ đạo các Trung tâm học tập cộng đồng xây dựng kế hoạch, "
        "hoàn thành trước ngày 31/12/2023.\n2. Phối hợp với Hội Khuyến học cùng cấp tổ chức đánh giá, xếp loại.\n\n"
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị phản ánh về Sở Giáo dục và Đào tạo./."
    )
    district_offices = ["Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố"]
    assert tasks(body, head) == [
        ("1", district_offices, [], "2023-12-31"),
        ("2", district_offices, ["Hội Khuyến học"], None),
    ]


def test_items_under_an_agency_heading_are_its_duties_however_they_open() -> None:
    body = (
        "III. TỔ CHỨC THỰC HIỆN\n1.1. Ủy ban nhân dân Thành phố:\n- Căn cứ Quyết định số 22/2013/QĐ-TTg tổ chức lập và "
        "phê duyệt Đề án hỗ trợ người có công với cách mạng về nhà ở.\n- Đối với các trường hợp mới được thống kê thì tiếp "
        "tục thực hiện hỗ trợ trong năm tiếp theo."
    )
    assert [(t[0], t[1]) for t in tasks(body, PLAN_HEAD)] == [
        ("III.1.1.-1", ["Ủy ban nhân dân Thành phố"]),
        ("III.1.1.-2", ["Ủy ban nhân dân Thành phố"]),
    ]
