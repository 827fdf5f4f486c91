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


# --- duties wherever documents put them: decisions, directives, attached plans and rules, appendices ---------------

QD_HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 31/2011/QĐ-UBND\nGia Lai, ngày 10 tháng 11 năm 2011\n\nQUYẾT ĐỊNH\n"
    "Về việc ban hành Quy định trình tự, thủ tục giải quyết chế độ miễn, giảm tiền sử dụng đất\n\n"
    "ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật Tổ chức HĐND và UBND năm 2003;\n\nQUYẾT ĐỊNH:\n\n"
)
SIGNATURE = "\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nPhạm Thế Dũng\n\n"
TTG_HEAD = (
    "THỦ TƯỚNG CHÍNH PHỦ\nSố: 31/CT-TTg\nHà Nội, ngày 28 tháng 11 năm 2012\n\nCHỈ THỊ\n"
    "Về việc thực hiện công tác đào tạo nghề, giải quyết việc làm cho con liệt sĩ\n\n"
)

DECISIONS = [
    pytest.param(
        QD_HEAD,
        "Điều 1. Thực hiện chế độ điều dưỡng luân phiên 02 năm một lần đối với người có công với cách mạng:\n"
        "1. Đối tượng: Người có công với cách mạng.\n2. Thời gian thực hiện: Từ ngày 01/01/2012.\n"
        "Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.\n"
        "Các ông (bà): Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Lao động - Thương binh và Xã hội, Giám đốc Sở "
        "Tài chính, thủ trưởng các cơ quan liên quan, Chủ tịch Ủy ban nhân huyện, thành phố chịu trách nhiệm thi hành "
        "Quyết định này./.\n",
        [
            (
                None,
                [
                    "Văn phòng Ủy ban nhân dân tỉnh",
                    "Sở Lao động - Thương binh và Xã hội",
                    "Sở Tài chính",
                    "các cơ quan liên quan",
                    "Ủy ban nhân dân huyện, thành phố",
                ],
                [],
            )
        ],
        id="a decision's article that charges no one is no duty; the execution clause after an effect article is",
    ),
    pytest.param(
        QD_HEAD,
        "Điều 3. Chánh văn phòng UBND tỉnh; Giám đốc các Sở: Lao động Thương binh và Xã hội, Tài chính; Cục "
        "trưởng Cục Thuế tỉnh; Chủ tịch UBND các Huyện, Thị xã, Thành phố; Thủ trưởng các Ban, ngành liên quan của tỉnh "
        "chịu trách nhiệm thi hành Quyết định này./.\n",
        [
            (
                "Điều 3",
                [
                    "Văn phòng Ủy ban nhân dân tỉnh",
                    "Sở Lao động - Thương binh và Xã hội",
                    "Sở Tài chính",
                    "Cục Thuế tỉnh",
                    "Ủy ban nhân dân các huyện, thị xã, thành phố",
                    "các Ban, ngành liên quan của tỉnh",
                ],
                [],
            )
        ],
        id="a lead list of a dozen bodies, semicolons and a kind shared by its fields, is read whole",
    ),
    pytest.param(
        QD_HEAD,
        "Điều 1. Ban hành kèm theo Quyết định này là Quy định về trình tự, thủ tục giải quyết chế độ miễn, giảm "
        "tiền sử dụng đất.\nĐiều 2. Giám đốc Sở Lao động - Thương binh và Xã hội có trách nhiệm chủ trì, phối hợp với "
        "các cơ quan liên quan tổ chức triển khai, hướng dẫn, kiểm tra việc thực hiện Quyết định này.\n"
        + SIGNATURE
        + "QUY ĐỊNH\nVỀ TRÌNH TỰ, THỦ TỤC GIẢI QUYẾT CHẾ ĐỘ MIỄN, GIẢM TIỀN SỬ DỤNG ĐẤT\n"
        "(Ban hành kèm theo Quyết định số 31/2011/QĐ-UBND ngày 10 tháng 11 năm 2011 của UBND tỉnh)\n"
        "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Nguyên tắc chung\n1. Việc hỗ trợ người có công với cách mạng cải thiện nhà "
        "ở được triển khai từng bước, phù hợp với điều kiện kinh tế - xã hội.\n"
        "2. Khuyến khích các tổ chức, cá nhân tham gia thăm hỏi, tặng quà đối tượng chính sách.\n"
        "Chương II\nTỔ CHỨC THỰC HIỆN\nĐiều 5. Giao trách nhiệm:\n1. Sở Lao động - Thương binh và Xã hội:\n"
        "Hằng năm xây dựng kế hoạch, dự toán kinh phí tặng quà trình Ủy ban nhân dân tỉnh phê duyệt.\n"
        "- Triển khai, hướng dẫn, đôn đốc các cơ quan, đơn vị trong tỉnh thực hiện quy định này.\n"
        "2. Ủy ban nhân dân xã, phường, thị trấn có trách nhiệm tiếp nhận quà, tổ chức gặp mặt thăm hỏi.\n"
        "Điều 6. Trong quá trình thực hiện nếu có vướng mắc, chủ tịch Ủy ban nhân dân các Huyện, Thị xã, Thành phố tổng "
        "hợp, báo cáo về Cục Thuế tỉnh để xem xét, hướng dẫn giải quyết.\n",
        [
            ("Điều 2", ["Sở Lao động - Thương binh và Xã hội"], ["các cơ quan liên quan"]),
            ("Điều 5.1", ["Sở Lao động - Thương binh và Xã hội"], []),
            ("Điều 5.1.-1", ["Sở Lao động - Thương binh và Xã hội"], []),
            ("Điều 5.2", ["Ủy ban nhân dân xã, phường, thị trấn"], []),
            ("Điều 6", ["Ủy ban nhân dân các huyện, thị xã, thành phố"], []),
        ],
        id="a Quy định issued with a decision: its rules are no duties, the bodies it charges are; articles "
        "are labelled without their chapter",
    ),
    pytest.param(
        TTG_HEAD,
        'Để làm tốt hơn nữa công tác "Đền ơn đáp nghĩa", Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân '
        "các tỉnh, thành phố trực thuộc Trung ương:\n1. Chỉ đạo các cấp đưa nội dung đào tạo nghề cho con liệt sĩ trở "
        "thành một chỉ tiêu cụ thể.\n2. Cơ quan Lao động - Thương binh và Xã hội ở địa phương có trách nhiệm thống kê, rà "
        "soát con liệt sĩ có nhu cầu đào tạo nghề.\n3. Xây dựng kế hoạch phối hợp cụ thể với các Bộ, ngành trung ương "
        "để làm tốt công tác đào tạo nghề.\nĐẩy mạnh thực hiện chính sách ưu đãi người có công với cách mạng là nhiệm "
        "vụ cấp bách. Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương thực "
        "hiện nghiêm túc, hiệu quả Chỉ thị này./.\n",
        [
            ("1", ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"], []),
            ("2", ["Cơ quan Lao động - Thương binh và Xã hội ở địa phương"], []),
            ("3", ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"], ["các Bộ, ngành Trung ương"]),
        ],
        id="a directive: the Prime Minister's lead-in names who carries out the items; its closing is no duty",
    ),
]


@pytest.mark.parametrize("head,body,expected", DECISIONS)
def test_decisions_and_directives(head: str, body: str, expected: list[tuple]) -> None:
    assert [t[:3] for t in tasks(body, head)] == expected


PLAN_ITEMS = [
    pytest.param(
        "V. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Nông nghiệp và Môi trường là cơ quan đầu mối, chủ trì, hướng dẫn thực hiện Đề án "
        "trên địa bàn Thành phố; tổ chức thực hiện các nhiệm vụ sau:\n- Điều phối chung, đôn đốc, hướng dẫn việc triển "
        "khai Kế hoạch.\n2. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nông nghiệp và Môi trường, Ủy ban nhân dân "
        "các phường, xã, đặc khu:\n- Xây dựng chương trình đào tạo và tổ chức tập huấn cho đội ngũ giảng viên;\n"
        "- Lồng ghép nội dung phòng, chống thiên tai với một số môn học.\n3. Các sở, ban, ngành, đơn vị, tổ chức chính "
        "trị - xã hội, hội, đoàn thể theo chức năng, nhiệm vụ được giao chủ động phối hợp với Sở Nông nghiệp và Môi "
        "trường trong việc tổ chức thực hiện Kế hoạch.",
        [
            ("V.1", ["Sở Nông nghiệp và Môi trường"], []),
            ("V.1.-1", ["Sở Nông nghiệp và Môi trường"], []),
            (
                "V.2.-1",
                ["Sở Giáo dục và Đào tạo"],
                ["Sở Nông nghiệp và Môi trường", "Ủy ban nhân dân các phường, xã, đặc khu"],
            ),
            (
                "V.2.-2",
                ["Sở Giáo dục và Đào tạo"],
                ["Sở Nông nghiệp và Môi trường", "Ủy ban nhân dân các phường, xã, đặc khu"],
            ),
            (
                "V.3",
                ["Các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội, hội, đoàn thể"],
                ["Sở Nông nghiệp và Môi trường"],
            ),
        ],
        id="lead-ins give their items lead and partners; one that charges a duty first is a duty itself",
    ),
    pytest.param(
        "II. NỘI DUNG CÔNG TÁC\n1. Hoàn thiện cơ chế, chính sách, tài liệu hướng dẫn tổ chức thực hiện\n"
        "- Triển khai các văn bản hướng dẫn về chế độ, chính sách tài chính.\n"
        "2. Xây dựng và tham mưu với UBND tỉnh ban hành Quy chế bảo vệ BMNN trên địa bàn tỉnh (Giao Công an tỉnh chủ "
        "trì, phối hợp với Văn phòng UBND tỉnh; Sở Tư pháp và các cơ quan, tổ chức có liên quan tham mưu).\n"
        "3. Thành lập Đoàn kiểm tra việc chấp hành các quy định về bảo vệ BMNN năm 2023 tại các sở, ban, ngành trực thuộc "
        "UBND tỉnh (Giao Công an tỉnh tham mưu).\n4. Quá trình thực hiện nếu có khó khăn, vướng mắc các cơ quan, đơn vị, "
        "địa phương báo cáo về UBND tỉnh để phối hợp, hướng dẫn./.",
        [
            ("II.1.-1", [], []),
            (
                "II.2",
                ["Công an tỉnh"],
                ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Tư pháp", "các cơ quan, tổ chức có liên quan"],
            ),
            ("II.3", ["Công an tỉnh"], []),
        ],
        id="a topic heading is no duty, its items are; '(Giao X ...)' names the lead; a closing about difficulties",
    ),
    pytest.param(
        "III. NHIỆM VỤ, GIẢI PHÁP\n4. Nâng cao phẩm chất, năng lực cho đội ngũ cán bộ, công chức xây dựng pháp luật\n"
        "- Tăng cường công tác giáo dục chính trị, tư tưởng cho đội ngũ cán bộ, công chức.\n"
        "- Nâng cao nhận thức, ý thức trách nhiệm của đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật.\n"
        "Đơn vị thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã.\nĐơn vị phối hợp: Sở Tư pháp.\n"
        "Thời gian thực hiện: Thường xuyên.\n"
        "- Tổ chức tập huấn, bồi dưỡng kiến thức, kỹ năng xây dựng pháp luật.\n"
        "Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp.\nĐơn vị phối hợp thực hiện: Các cơ quan, đơn vị, địa phương "
        "liên quan.\nThời gian thực hiện: Theo kế hoạch công tác tư pháp hàng năm.",
        [
            ("III.4.-1", ["Các Sở, ngành, đơn vị", "Ủy ban nhân dân cấp xã"], ["Sở Tư pháp"]),
            ("III.4.-2", ["Các Sở, ngành, đơn vị", "Ủy ban nhân dân cấp xã"], ["Sở Tư pháp"]),
            ("III.4.-3", ["Sở Tư pháp"], ["Các cơ quan, đơn vị, địa phương liên quan"]),
        ],
        id="fields printed once after a run of items belong to each item of the run",
    ),
]


@pytest.mark.parametrize("body,expected", PLAN_ITEMS)
def test_plan_items(body: str, expected: list[tuple]) -> None:
    assert [t[:3] for t in tasks(body, PLAN_HEAD)] == expected


def test_fields_give_the_text_lead_and_deadline() -> None:
    body = (
        "II. NỘI DUNG\n4. Rà soát văn bản quy phạm pháp luật\n- Nội dung: rà soát các văn bản quy phạm pháp luật có "
        "liên quan đến Luật thuộc thẩm quyền quản lý nhà nước được phân công.\n- Cơ quan thực hiện: Bộ Công an tiến "
        "hành rà soát các văn bản; các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung "
        "ương rà soát văn bản thuộc thẩm quyền.\n- Thời gian thực hiện:\n+ Các bộ gửi kết quả rà soát về Bộ Công an "
        "trước ngày 15 tháng 12 năm 2025.\n+ Bộ Công an tổng hợp kết quả rà soát, báo cáo Thủ tướng Chính phủ trước "
        "ngày 31 tháng 12 năm 2025."
    )
    record = extract_text(PLAN_HEAD + body, "t").record
    assert [(t.label, t.text[:38], t.lead, t.deadline) for t in record.tasks] == [
        (
            "II.4",
            "rà soát các văn bản quy phạm pháp luật",
            ["Bộ Công an", "các bộ", "cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
            "2025-12-31",
        )
    ]


def test_a_paragraph_that_goes_on_with_the_items_own_subject_belongs_to_it() -> None:
    body = (
        "IV. TỔ CHỨC THỰC HIỆN\n2. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành "
        "phố trực thuộc trung ương chịu trách nhiệm thực hiện Kế hoạch này.\nCăn cứ nội dung Kế hoạch này, các bộ, cơ "
        "quan ngang bộ và Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương xây dựng kế hoạch chi tiết.\n"
        "Phòng Giáo dục và Đào tạo cần tham mưu cho Ủy ban nhân dân huyện ban hành các văn bản chỉ đạo."
    )
    assert [(t[0], t[1]) for t in tasks(body, PLAN_HEAD)] == [
        ("IV.2", ["các bộ", "cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"]),
        (None, ["Phòng Giáo dục và Đào tạo"]),
    ]


def test_a_table_of_duties_one_cell_per_block_in_an_appendix() -> None:
    body = (
        "III. NHIỆM VỤ\n1. Triển khai nền tảng đào tạo trực tuyến.\n"
        + SIGNATURE
        + "PHỤ LỤC\nDANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM\n\nSTT\n\nTên nhiệm vụ\n\nCơ quan chủ trì\n\nCơ quan phối hợp\n\n"
        "Thời gian hoàn thành\n\nI.\nNÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY\n\n1\n\nTriển khai nền tảng đào tạo "
        "trực tuyến mở đại trà.\n\nSở KH&CN\n\nCác sở, ban, ngành tỉnh; UBND các xã, phường\n\nThường xuyên\n\n"
        "II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH\n\n2\n\nXây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số doanh "
        "nghiệp.\n\nSở Công Thương\n\nUBND các xã, phường\n\nQuí IV-2025\n"
    )
    assert tasks(body, PLAN_HEAD)[1:] == [
        (
            "Phụ lục.I.1",
            ["Sở Khoa học và Công nghệ"],
            ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường"],
            "Thường xuyên",
        ),
        ("Phụ lục.II.2", ["Sở Công Thương"], ["Ủy ban nhân dân các xã, phường"], "Quí IV-2025"),
    ]


def test_a_letter_whose_items_are_only_in_its_appendix_carries_its_request() -> None:
    head = (
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 5155/SGDĐT-GDTXNNĐH\nV/v hướng dẫn đánh giá, xếp loại "
        "trung tâm học tập cộng đồng\nThành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025\n\nKính gửi: Ủy ban nhân dân "
        "phường, xã và đặc khu\n\n"
    )
    body = (
        "Đề nghị Ủy ban nhân dân phường, xã và đặc khu thực hiện đánh giá, xếp loại trung tâm học tập cộng đồng tại "
        "địa phương, hạn cuối ngày 15 tháng 12 hàng năm.\nTrong quá trình thực hiện, nếu có vướng mắc, kính đề nghị "
        "Quý cơ quan liên hệ Sở Giáo dục và Đào tạo để được hỗ trợ./.\n"
        + SIGNATURE
        + "BẢNG TIÊU CHÍ ĐÁNH GIÁ, XẾP LOẠI TRUNG TÂM HỌC TẬP CỘNG ĐỒNG\n1. Tổ chức bộ máy của trung tâm (10 điểm)\n"
        "1.1. Có đủ các chức danh trong ban giám đốc, kế toán, thủ quỹ theo quy định.\n"
        "4.1. Họp định kỳ hàng tháng; triển khai thực hiện văn bản chỉ đạo của các cấp quản lý.\n"
        "5. Ủy ban nhân dân phường, xã, đặc khu quyết định thành lập đoàn kiểm tra.\n"
    )
    assert [t[:2] for t in tasks(body, head)] == [
        (None, ["Ủy ban nhân dân phường, xã và đặc khu"]),
        ("5", ["Ủy ban nhân dân phường, xã, đặc khu"]),
    ]


def test_a_ministrys_departments_and_units_lead_their_items() -> None:
    head = "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 12/KH-LĐTBXH\nKẾ HOẠCH\nThực hiện chính sách\n"
    body = (
        "1. Rà soát hồ sơ người có công. Cục Người có công chủ trì, phối hợp với Vụ Kế hoạch - Tài chính thực hiện.\n"
        "2. Trung tâm thông tin, Bộ Lao động - Thương binh và Xã hội chủ trì đăng tải thông tin.\n"
        "3. Cục Người có công trong thời gian 03 ngày làm việc kể từ ngày nhận đủ giấy tờ, có trách nhiệm ban hành "
        "quyết định tiếp nhận.\n"
        "4. Sở Y tế trong thời gian qua đã triển khai chính sách.\n"
    )
    assert [t[:3] for t in tasks(body, head)] == [
        ("1", ["Cục Người có công"], ["Vụ Kế hoạch - Tài chính"]),
        ("2", ["Trung tâm thông tin Bộ Lao động - Thương binh và Xã hội"], []),
        ("3", ["Cục Người có công"], []),  # a time limit may stand between the subject and its predicate
    ]


def test_closing_requests_are_no_duties() -> None:
    body = (
        "1. Giao Sở Xây dựng chủ trì, phối hợp với Trung tâm Chuyển đổi số Thành phố, Công an Thành phố cùng các đơn "
        "vị có liên quan, tổ chức khảo sát.\nChủ tịch Ủy ban nhân dân Thành phố đề nghị các cơ quan, đơn vị khẩn "
        "trương, nghiêm túc triển khai thực hiện đầy đủ các nội dung chỉ đạo nêu trên."
    )
    assert [t[:3] for t in tasks(body)] == [
        ("1", ["Sở Xây dựng"], ["Trung tâm Chuyển đổi số Thành phố", "Công an Thành phố", "các đơn vị có liên quan"])
    ]


def test_every_sentence_of_an_item_may_charge_a_body() -> None:
    body = (
        "II. NỘI DUNG THỰC HIỆN\n2.2. Bước 2: Kiểm tra hiện trạng nhà ở của từng đối tượng.\nBan Chỉ đạo thực hiện hỗ "
        "trợ nhà ở cho người có công với cách mạng tổ chức kiểm tra hiện trạng nhà ở. Sau khi kiểm tra, Ủy ban nhân "
        "dân xã, phường, thị trấn lập danh sách đối tượng được hỗ trợ nhà ở gửi Ủy ban nhân dân quận, huyện."
    )
    assert [t[:2] for t in tasks(body, PLAN_HEAD)] == [
        ("II.2.2", ["Ban Chỉ đạo", "Ủy ban nhân dân xã, phường, thị trấn"])
    ]
