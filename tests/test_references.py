"""Cited documents, in all the forms Vietnamese writers use; issuer and relation resolved."""

from __future__ import annotations

import pytest

from extractor.issuers import Jurisdiction
from extractor.references import find_references

GIA_LAI_DISTRICT = Jurisdiction("district", "Gia Lai", "Kbang")
QUANG_NINH = Jurisdiction("province", "Quảng Ninh", None)
BAC_GIANG_DISTRICT = Jurisdiction("district", "Bắc Giang", "Lạng Giang")

# (sentence, where the citing document sits, expected (doc_type, number, issued_date, issuer, relation) per reference)
REFERENCES = [
    pytest.param(
        "Căn cứ Quyết định số 89/QĐ-TTg, ngày 09/01/2013 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã hội "
        "học tập giai đoạn 2012 - 2020”;",
        None,
        [("Quyết định", "89/QĐ-TTg", "2013-01-09", "Thủ tướng Chính phủ", "based_on")],
        id="Căn cứ: based_on",
    ),
    pytest.param(
        "Thực hiện kết luận của Phó Thủ tướng Chính phủ Vũ Đức Đam tại cuộc họp với Hội Khuyến học Việt Nam (Thông báo "
        "số 12/TB-VPCP ngày 10 tháng 01 năm 2017 của Văn phòng Chính phủ), Ủy ban nhân dân tỉnh yêu cầu ...",
        None,
        [("Thông báo", "12/TB-VPCP", "2017-01-10", "Văn phòng Chính phủ", "implements")],
        id="Thực hiện, citation in brackets, date in words",
    ),
    pytest.param(
        "- Chủ trì phối hợp với các Sở, ngành chức năng liên quan tham mưu UBND tỉnh quyết định mức phụ cấp theo Văn bản "
        "hợp nhất 10/VBHN-BGDĐT ngày 14/3/2014 của Bộ Giáo dục và Đào tạo ban hành Quy chế tổ chức và hoạt động của "
        "Trung tâm học tập cộng đồng tại xã, phường, thị trấn.",
        None,
        [("Văn bản hợp nhất", "10/VBHN-BGDĐT", "2014-03-14", "Bộ Giáo dục và Đào tạo", "cites")],
        id="no 'số', 'theo': cites",
    ),
    pytest.param(
        "thực hiện việc đánh giá, xếp loại “Cộng đồng học tập” cấp xã theo Thông tư số 44/2014/TT-BGDĐT ngày 12 tháng 12 "
        "năm 2014 của Bộ Giáo dục và Đào tạo một cách thiết thực, hiệu quả;",
        None,
        [("Thông tư", "44/2014/TT-BGDĐT", "2014-12-12", "Bộ Giáo dục và Đào tạo", "cites")],
        id="'theo' between the cue and the citation",
    ),
    pytest.param(
        "Để tiếp tục nâng cao chất lượng công tác khuyến học trên địa bàn toàn huyện theo Quyết định số 558/QĐ-UBND ngày "
        "18/6/2020 của UBND tỉnh về việc ban hành Kế hoạch thực hiện Quyết định số 489/QĐ-TTg ngày 08/4/2020 của Thủ "
        "tướng Chính phủ, Kế hoạch số 259-KH/TU ngày 27/9/2019 của Tỉnh Ủy Gia Lai, Kết luận số 49-KL/TW ngày 10/5/2019 "
        "của Ban Bí thư về việc tiếp tục thực hiện Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị khóa X về tăng "
        "cường sự lãnh đạo của Đảng trên địa bàn tỉnh Gia Lai và thực hiện Chỉ thị số 14/CT-TTg ngày 25/5/2021 của Thủ "
        "Tướng Chính Phủ về đẩy mạnh công tác khuyến học;",
        GIA_LAI_DISTRICT,
        [
            ("Quyết định", "558/QĐ-UBND", "2020-06-18", "Ủy ban nhân dân tỉnh Gia Lai", "cites"),
            ("Quyết định", "489/QĐ-TTg", "2020-04-08", "Thủ tướng Chính phủ", "cites"),
            ("Kế hoạch", "259-KH/TU", "2019-09-27", "Tỉnh ủy Gia Lai", "cites"),
            ("Kết luận", "49-KL/TW", "2019-05-10", "Ban Bí thư", "cites"),
            ("Chỉ thị", "11-CT/TW", "2007-04-13", "Bộ Chính trị", "cites"),
            ("Chỉ thị", "14/CT-TTg", "2021-05-25", "Thủ tướng Chính phủ", "implements"),
        ],
        id="documents named in another's title are that document's, not ours; Party numbers; 'UBND tỉnh' localised",
    ),
    pytest.param(
        "tăng cường kiểm tra việc triển khai thực hiện quyết liệt các nhiệm vụ và giải pháp đề ra tại Quyết định số "
        "558/QĐ-UBND ngày 18/6/2020 của UBND tỉnh về việc ban hành Kế hoạch thực hiện Quyết định số số 489/QĐ-TTg ngày "
        "08/4/2020 của Thủ tướng Chính phủ.",
        GIA_LAI_DISTRICT,
        [
            ("Quyết định", "558/QĐ-UBND", "2020-06-18", "Ủy ban nhân dân tỉnh Gia Lai", "implements"),
            ("Quyết định", "489/QĐ-TTg", "2020-04-08", "Thủ tướng Chính phủ", "cites"),
        ],
        id="'số số', implements through 'triển khai thực hiện ... đề ra tại'",
    ),
    pytest.param(
        "yêu cầu các TTHTCĐ thực hiện thanh quyết toán theo Quyết định số 3607/2010/QĐ-UBND ngày 02/12/2010 của Uỷ ban "
        "nhân dân tỉnh về việc quy định mức phụ cấp kiêm nhiệm;",
        QUANG_NINH,
        [("Quyết định", "3607/2010/QĐ-UBND", "2010-12-02", "Ủy ban nhân dân tỉnh Quảng Ninh", "cites")],
        id="'Uỷ ban nhân dân tỉnh' in a Quảng Ninh letter",
    ),
    pytest.param(
        "nguồn xã hội hóa theo hướng dẫn tại Công văn số 1589/STC-QLNS ngày 19/6/2023 của Sở Tài chính và Công văn số "
        "1618/UBND-TCKH ngày 23/6/2023 của Chủ tịch UBND huyện.",
        BAC_GIANG_DISTRICT,
        [
            ("Công văn", "1589/STC-QLNS", "2023-06-19", "Sở Tài chính tỉnh Bắc Giang", "cites"),
            ("Công văn", "1618/UBND-TCKH", "2023-06-23", "Ủy ban nhân dân huyện Lạng Giang", "cites"),
        ],
        id="local bodies without a place take the citing document's; an office holder names the body",
    ),
    pytest.param(
        "Căn cứ Thông báo Kết luận số 215/TB-UBND ngày 05/5/2023 về việc Kết luận của Phó Chủ tịch Thường trực UBND tỉnh "
        "tại buổi kiểm tra.",
        BAC_GIANG_DISTRICT,
        [("Thông báo", "215/TB-UBND", "2023-05-05", "Ủy ban nhân dân tỉnh Bắc Giang", "based_on")],
        id="no issuer printed: inferred from the symbol and 'tỉnh' in the title",
    ),
    pytest.param(
        "Căn cứ Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân ngày 26/11/2003;",
        None,
        [("Luật", None, "2003-11-26", "Quốc hội", "based_on")],
        id="a law by name and date",
    ),
    pytest.param(
        "(Ban hành kèm theo Quyết định số 684/QĐ-UBND, ngày 24/4/2013 của Chủ tịch Uỷ ban nhân dân tỉnh Vĩnh Long)",
        None,
        [("Quyết định", "684/QĐ-UBND", "2013-04-24", "Ủy ban nhân dân tỉnh Vĩnh Long", "promulgated_by")],
        id="Ban hành kèm theo a decision: promulgated_by",
    ),
    pytest.param(
        "(Kèm theo Kế hoạch số 446/KH-SGDĐT-GDCN-GDTX, ngày 11/4/2013 của Giám đốc Sở Giáo dục và Đào tạo).",
        None,
        [("Kế hoạch", "446/KH-SGDĐT-GDCN-GDTX", "2013-04-11", "Sở Giáo dục và Đào tạo", "cites")],
        id="a plan 'kèm theo' a decision does not promulgate it",
    ),
    pytest.param(
        "HƯỚNG DẪN THỰC HIỆN QUYẾT ĐỊNH SỐ 22/2013/QĐ-TTG NGÀY 26/4/2013 CỦA THỦ TƯỚNG CHÍNH PHỦ",
        None,
        [("Quyết định", "22/2013/QĐ-TTg", "2013-04-26", "Thủ tướng Chính phủ", "implements")],
        id="capitals: 'QĐ-TTG' restored to 'QĐ-TTg'",
    ),
    pytest.param(
        "Thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 về hỗ trợ người có công với cách mạng về nhà ở và Thông tư "
        "số 09/2013/TT-BXD ngày 01/7/2013 của Bộ Xây dựng hướng dẫn thực hiện Quyết định số 22/2013/QĐ-TTg.",
        None,
        [
            ("Quyết định", "22/2013/QĐ-TTg", "2013-04-26", "Thủ tướng Chính phủ", "implements"),
            ("Thông tư", "09/2013/TT-BXD", "2013-07-01", "Bộ Xây dựng", "implements"),
        ],
        id="'và' before another citation ends a title: both implemented; the repeat merges",
    ),
    pytest.param(
        "Thực hiện Nghị quyết số 01-NQ/TV ngày 12/11/2010 của Ban Thường vụ Tỉnh Uỷ Quảng Ninh về “Đẩy mạnh xây dựng xã "
        "hội học tập”.\nSở GD&ĐT đã tham mưu theo Nghị quyết số 01-NQ/TV.",
        QUANG_NINH,
        [("Nghị quyết", "01-NQ/TV", "2010-11-12", "Ban Thường vụ Tỉnh ủy Quảng Ninh", "implements")],
        id="cited twice: once, the strongest relation wins",
    ),
    pytest.param(
        "Căn cứ Nghị định số 26/2020/NĐ-CP ngày 28 tháng 02 năm 2020 của Chính phủ Quy định chi tiết một số điều của "
        "Luật Bảo vệ bí mật nhà nước; Thông tư số 24/2020/TT-BCA ngày 10 tháng 3 năm 2020 của Bộ trưởng Bộ Công an ban "
        "hành biểu mẫu sử dụng trong công tác bảo vệ bí mật nhà nước; Chỉ thị số 02/CT-TTg ngày 15 tháng 11 năm 2019 về "
        "tăng cường công tác bảo vệ bí mật nhà nước trong tình hình hiện nay.",
        None,
        [
            ("Nghị định", "26/2020/NĐ-CP", "2020-02-28", "Chính phủ", "based_on"),
            ("Thông tư", "24/2020/TT-BCA", "2020-03-10", "Bộ Công an", "based_on"),
            ("Chỉ thị", "02/CT-TTg", "2019-11-15", "Thủ tướng Chính phủ", "based_on"),
        ],
        id="one cue for an enumeration: 'Căn cứ A; B; C'",
    ),
    pytest.param(
        "6. Sở Tài chính: Căn cứ dự toán do Công an tỉnh lập, thực hiện thẩm định, thông báo, cấp phát kinh phí thực hiện "
        "nhiệm vụ bảo vệ BMNN từ nguồn kinh phí đã giao cho Công an tỉnh tại Quyết định số 2566/QĐ-UBND ngày 08/12/2022 "
        "của UBND tỉnh và các nguồn kinh phí được giao bổ sung trong năm.",
        Jurisdiction("province", "Sơn La", None),
        [("Quyết định", "2566/QĐ-UBND", "2022-12-08", "Ủy ban nhân dân tỉnh Sơn La", "cites")],
        id="'thực hiện' earlier in the sentence does not govern a citation that belongs to another phrase",
    ),
    pytest.param(
        "- Phối hợp thực hiện công tác rà soát dữ liệu số nhà trên cơ sở Kế hoạch số 515/KH-BCA-BNN&MT ngày 31 tháng 8 "
        "năm 2025 của Bộ Công an và Bộ Nông nghiệp và Môi trường, cùng Kế hoạch số 94/KH-UBND ngày 19 tháng 9 năm 2025 của "
        "Ủy ban nhân dân Thành phố.",
        Jurisdiction("province", "Hồ Chí Minh", None),
        [
            ("Kế hoạch", "515/KH-BCA-BNN&MT", "2025-08-31", "Bộ Công an - Bộ Nông nghiệp và Môi trường", "cites"),
            ("Kế hoạch", "94/KH-UBND", "2025-09-19", "Ủy ban nhân dân thành phố Hồ Chí Minh", "cites"),
        ],
        id="'trên cơ sở' cites; a joint plan keeps both bodies; 'cùng' chains",
    ),
    pytest.param(
        "Ngày 28 tháng 10 năm 2025, Chủ tịch Ủy ban nhân dân Thành phố đã ban hành Công văn số 3280/UBND-VX về việc "
        "triển khai cập nhật cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức.",
        Jurisdiction("province", "Hồ Chí Minh", None),
        [("Công văn", "3280/UBND-VX", "2025-10-28", "Ủy ban nhân dân thành phố Hồ Chí Minh", "cites")],
        id="date and issuer told before the citation",
    ),
    pytest.param(
        "Căn cứ Thông tư số 117/2004/TT-BTC ngày 07/12/2004 của Bộ Tài chính Xét đề nghị của Cục Thuế tỉnh Gia Lai tại "
        "Tờ trình số 2520/TTr-CT ngày 12/10/2011,",
        Jurisdiction("province", "Gia Lai", None),
        [
            ("Thông tư", "117/2004/TT-BTC", "2004-12-07", "Bộ Tài chính", "based_on"),
            ("Tờ trình", "2520/TTr-CT", "2011-10-12", "Cục Thuế tỉnh Gia Lai", "cites"),
        ],
        id="a proposal ends the 'Căn cứ' clause; the proposer issues the Tờ trình",
    ),
    pytest.param(
        "Căn cứ Thông tư liên tịch số 25/2010/TTLT-BLĐTBXH-BTC-BYT ngày 20/8/2010 của liên Bộ Lao động Thương binh và Xã "
        "hội, Bộ Tài chính, Bộ Y tế;",
        None,
        [
            (
                "Thông tư liên tịch",
                "25/2010/TTLT-BLĐTBXH-BTC-BYT",
                "2010-08-20",
                "Bộ Lao động - Thương binh và Xã hội - Bộ Tài chính - Bộ Y tế",
                "based_on",
            )
        ],
        id="a joint circular is issued by every body its symbol names",
    ),
    pytest.param(
        "Căn cứ Luật Bảo vệ dữ liệu cá nhân ngày 26 tháng 6 năm 2025;\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch "
        "triển khai thi hành Luật Bảo vệ dữ liệu cá nhân.",
        None,
        [("Luật", None, "2025-06-26", "Quốc hội", "implements")],
        id="a law named again without its date is the same law; 'triển khai thi hành' implements it",
    ),
    pytest.param(
        "1. Rà soát lại kế hoạch thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020” của từng địa phương, đơn "
        "vị.\n2. Góp phần thực hiện mục tiêu của Đề án “Xây dựng xã hội học tập”, Đề án “Đẩy mạnh phong trào học tập suốt "
        "đời trong gia đình, dòng họ, cộng đồng đến năm 2030”.",
        None,
        [("Đề án", None, None, None, "implements")],
        id="a programme carried out by name is a reference; one named in passing is not",
    ),
    pytest.param(
        "Căn cứ Luật Bảo hiểm y tế số 25/2008/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 32/2013/QH13 và "
        "Luật số 46/2014/QH13;\nCăn cứ Nghị quyết số 68/2022/QH15 của Quốc hội;",
        None,
        [
            ("Luật", "25/2008/QH12", None, "Quốc hội", "based_on"),
            ("Luật", "32/2013/QH13", None, "Quốc hội", "cites"),
            ("Luật", "46/2014/QH13", None, "Quốc hội", "cites"),
            ("Nghị quyết", "68/2022/QH15", None, "Quốc hội", "based_on"),
        ],
        id="a law named before its number: the Quốc hội's symbol has no type code (it read as a Công văn)",
    ),
    pytest.param(
        "Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng\nsố 02/2020/UBTVQH14 ngày 09 tháng 12 năm 2020;",
        None,
        [("Pháp lệnh", "02/2020/UBTVQH14", "2020-12-09", "Ủy ban Thường vụ Quốc hội", "based_on")],
        id="an ordinance named before its number, over a hard line break",
    ),
    pytest.param(
        "2. Thông tư số 20/2016/TT-BTC ngày 03 tháng 02 năm 2016 của Bộ trưởng \nBộ Tài chính hướng dẫn thực hiện cơ "
        "chế quản lý tài chính;\nThông tư số 50/2017/TT-BYT ngày 29 tháng 12 năm 2017 của Bộ trưởng Bộ \n Y tế sửa "
        "đổi, bổ sung;\ntheo Thông tư số 05/2020/TT-BKHĐT của Bộ Kế hoạch \nvà Đầu tư hướng dẫn",
        None,
        [
            ("Thông tư", "20/2016/TT-BTC", "2016-02-03", "Bộ Tài chính", "cites"),
            ("Thông tư", "50/2017/TT-BYT", "2017-12-29", "Bộ Y tế", "cites"),
            ("Thông tư", "05/2020/TT-BKHĐT", None, "Bộ Kế hoạch và Đầu tư", "cites"),
        ],
        id="an issuer hard-wrapped by the Công báo goes on to the next line",
    ),
    pytest.param(
        "Căn cứ Quyết định số 89/QĐ-TTg ngày 09/01/2013 của Thủ tướng Chính phủ\nCăn cứ Kế hoạch số 12/KH-UBND của Ủy "
        "ban nhân dân tỉnh",
        None,
        [
            ("Quyết định", "89/QĐ-TTg", "2013-01-09", "Thủ tướng Chính phủ", "based_on"),
            ("Kế hoạch", "12/KH-UBND", None, "Ủy ban nhân dân tỉnh", "based_on"),
        ],
        id="an issuer that ends its line ends there",
    ),
    pytest.param(
        "Căn cứ Thông tư số 01/2025/TT-UBDT ngày 20 tháng 3 năm 2025 của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc hướng dẫn "
        "thực hiện; theo Thông tư số 20/2016/TT-BTC của Bộ trưởng, trong đó",
        None,
        [
            ("Thông tư", "01/2025/TT-UBDT", "2025-03-20", "Ủy ban Dân tộc", "based_on"),
            ("Thông tư", "20/2016/TT-BTC", None, "Bộ Tài chính", "cites"),
        ],
        id="a minister's two titles: the body is named after the second; a bare 'Bộ trưởng' is the symbol's",
    ),
]


@pytest.mark.parametrize("text,where,expected", REFERENCES)
def test_references(text: str, where: Jurisdiction | None, expected: list[tuple]) -> None:
    refs = find_references(text, where)
    assert [(r.doc_type, r.number, r.issued_date, r.issuer, r.relation) for r in refs] == expected


def test_own_number_is_not_a_reference() -> None:
    text = (
        "KẾ HOẠCH\n(Ban hành kèm theo Quyết định số 3210/QĐ-UBND ngày 28 tháng 6 năm 2014 của Chủ tịch Ủy ban nhân dân)"
    )
    assert find_references(text, own_number="3210/QĐ - U B ND") == []


def test_titles_are_kept() -> None:
    refs = find_references(
        "Căn cứ Công văn số 822/BCĐQG-XHHT, ngày 30/01/2013 của Ban Chỉ đạo quốc gia xây dựng xã hội "
        "học tập về việc triển khai Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020”;"
    )
    assert refs[0].issuer == "Ban Chỉ đạo quốc gia xây dựng xã hội học tập"
    assert refs[0].title == "triển khai Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020”"


@pytest.mark.parametrize(
    "variant",
    ["số 22/2013/QĐ-TTg", "số: 22/2013/QĐ-TTg", "22 / 2013 / QĐ - TTg", "số 22/2013/QÐ-TTg", "số  22/2013/QĐ–TTg"],
)
def test_variant_spellings_are_one_number(variant: str) -> None:
    refs = find_references(f"Căn cứ Quyết định {variant} ngày 26/4/2013 của Thủ tướng Chính phủ;")
    assert [r.number for r in refs] == ["22/2013/QĐ-TTg"]


def test_a_law_named_before_its_number_keeps_its_name() -> None:
    refs = find_references("Căn cứ Luật Bảo hiểm xã hội số 41/2024/QH15 ngày 29 tháng 6 năm 2024;")
    assert [(r.doc_type, r.number, r.title) for r in refs] == [("Luật", "41/2024/QH15", "Bảo hiểm xã hội")]


def test_a_title_ends_where_the_main_clause_begins() -> None:
    refs = find_references(
        "Thực hiện Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án "
        "“Xây dựng xã hội học tập giai đoạn 2021 - 2030”, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:"
    )
    assert refs[0].title == "phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”"


@pytest.mark.parametrize(
    "text",
    [
        # a symbol broken across a line by a PDF's text layer, beside dates and a slash of prose
        "Căn cứ Thông tư số 51/2016/\nTT-BLĐTBXH ngày 28/12/2016 của Bộ Lao động - Thương binh và Xã hội;\n",
        "- QCVN 7:2012/BLĐTBXH được ban hành tại Thông tư số 05/2012/\nTT-BLĐTBXH ngày 30/3/2012\n",
        "THANG MÁY/THANG MÁY THỦY LỰC\nSố: 02-2021/\nBLĐTBXH ban hành kèm theo Quyết định 259-KH/TU.\n\n"
        + "Kế hoạch số 130/KH-\nBCĐTKNQ18 ngày 5/5/2020; " * 40,
    ],
)
def test_symbols_are_looked_for_around_slashes_with_the_same_result_as_a_full_scan(text: str) -> None:
    from extractor import patterns as P
    from extractor.references import symbols_in

    assert [m.span() for m in symbols_in(text)] == [m.span() for m in P.BARE_SYMBOL.finditer(text)]
    assert any(True for _ in symbols_in(text))
