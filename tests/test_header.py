"""The header (thể thức, Nghị định 30/2020/NĐ-CP ô 1–9): real headers as printed, and what they must yield."""

from __future__ import annotations

import pytest

from extractor.clean import clean
from extractor.header import parse

# (the first lines of a real document, expected fields). Layouts differ: tab-indented columns,
# flattened columns, markdown tables, bold markers, letter-spaced PDF text, drafts, no header at all.
HEADERS = [
    pytest.param(
        "\tỦY BAN NHÂN DÂN \n\nTỈNH QUẢNG BÌNH\n\n\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc \n\n"
        "\tSố: 674/UBND-VX\nV/v thực hiện Đề án “Xây dựng\n xã hội học tập giai đoạn \n\n2012-2020”\n"
        "\tQuảng Bình, ngày 24 tháng 4 năm 2017\n\nKính gửi:  \n\n- Các Sở, ban, ngành, đoàn thể cấp tỉnh;\n\n"
        "- Ủy ban nhân dân các huyện, thị xã, thành phố. \n\nThực hiện kết luận của Phó Thủ tướng Chính phủ ...",
        {
            "doc_type": "Công văn",
            "number": "674/UBND-VX",
            "issuer": "Ủy ban nhân dân tỉnh Quảng Bình",
            "level": "province",
            "province": "Quảng Bình",
            "district": None,
            "place": "Quảng Bình",
            "issued_date": "2017-04-24",
            "subject": "V/v thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020”",
            "recipients": ["Các Sở, ban, ngành, đoàn thể cấp tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố"],
        },
        id="công văn, tab-indented columns, V/v over three lines",
    ),
    pytest.param(
        "UBND TỈNH QUẢNG NINH               CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM  SỞ GIÁO DỤC VÀ ĐÀO TẠO"
        "                             Độc lập - Tự do - Hạnh phúc  \n"
        "       Số:  1977/SGDĐT-CNTX                                     Quảng Ninh, ngày 14 tháng 07 năm 2011\n"
        "“V/v tăng cường tổ chức và hoạt động của \ncác TTHTCĐ, thực hiện xây dựng XHHT \n             giai đoạn 2011-2015”\n"
        "                             Kính gửi:  Uỷ ban nhân dân các huyện (TX, TP).\n"
        "Thực hiện Nghị quyết số 01-NQ/TV ngày 12/11/2010 của Ban Thường vụ Tỉnh Uỷ Quảng Ninh.",
        {
            "doc_type": "Công văn",
            "number": "1977/SGDĐT-CNTX",
            "issuer": "Sở Giáo dục và Đào tạo tỉnh Quảng Ninh",
            "level": "province",
            "province": "Quảng Ninh",
            "place": "Quảng Ninh",
            "issued_date": "2011-07-14",
            "subject": "V/v tăng cường tổ chức và hoạt động của các TTHTCĐ, thực hiện xây dựng XHHT giai đoạn 2011-2015",
            "recipients": ["Ủy ban nhân dân các huyện (thị xã, thành phố)"],
        },
        id="Sở under its UBND, columns flattened onto one line",
    ),
    pytest.param(
        "\n\n**ỦY BAN NHÂN DÂN\nHUYỆN KBANG**\n\nSố: 1132 /UBND-VX\n\nV/v triển khai thực hiện Chỉ thị số 14/CT-TTg "
        "ngày 25/5/2021 của Thủ tướng Chính phủ\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc**\n\n"
        "Kbang, ngày 10 tháng 8 năm 2021\n\nKính gửi:\n\n- Các Phòng, Ban huyện;\n- Trung tâm VH - TT&TT huyện;\n"
        "- UBND các xã, thị trấn.\n\nTrong giai đoạn 2011 - 2020, công tác khuyến học, khuyến tài, xây dựng xã hội ...",
        {
            "doc_type": "Công văn",
            "number": "1132/UBND-VX",
            "issuer": "Ủy ban nhân dân huyện Kbang",
            "level": "district",
            "province": "Gia Lai",
            "district": "Kbang",
            "place": "Kbang",
            "issued_date": "2021-08-10",
            "recipients": [
                "Các Phòng, Ban huyện",
                "Trung tâm Văn hóa, Thể thao và Truyền thông huyện",
                "Ủy ban nhân dân các xã, thị trấn",
            ],
        },
        id="district, markdown bold, province found from the district",
    ),
    pytest.param(
        "| BỘ XÂY DỰNG ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |\n"
        "|---|---|\n| Số: 2428/BXD-QLN V/v: Hỗ trợ người có công với cách mạng về nhà ở theo QĐ số 22/2013/QĐ-TTg "
        "| Hà Nội, ngày 15 tháng 11 năm 2013 |\n\nKính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương\n\n"
        "Thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 về hỗ trợ người có công với cách mạng về nhà ở.",
        {
            "doc_type": "Công văn",
            "number": "2428/BXD-QLN",
            "issuer": "Bộ Xây dựng",
            "level": "ministry",
            "place": "Hà Nội",
            "issued_date": "2013-11-15",
            "subject": "V/v Hỗ trợ người có công với cách mạng về nhà ở theo QĐ số 22/2013/QĐ-TTg",
            "recipients": ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
        },
        id="ministry letter in a markdown table, number and V/v in one cell",
    ),
    pytest.param(
        "| ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
        "Tự do - Hạnh phúc --------------- |\n|---|---|\n| Số: 3210/QĐ - U B ND | T hành phố Hồ Chí M inh, ngày 28 "
        "tháng 6 năm 2014 |\n\nQUYẾT ĐỊNH\n\nVỀ BAN HÀNH KẾ HOẠCH TRIỂN KHAI THỰC HIỆN THÔNG TƯ SỐ 09/2013/TT-BXD\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\n\nCăn cứ Luật Tổ chức Hội đồng nhân dân ...",
        {
            "doc_type": "Quyết định",
            "number": "3210/QĐ-UBND",
            "issuer": "Ủy ban nhân dân thành phố Hồ Chí Minh",
            "level": "province",
            "province": "Hồ Chí Minh",
            "place": "Thành phố Hồ Chí Minh",
            "issued_date": "2014-06-28",
            "subject": "VỀ BAN HÀNH KẾ HOẠCH TRIỂN KHAI THỰC HIỆN THÔNG TƯ SỐ 09/2013/TT-BXD",
        },
        id="letter-spaced PDF conversion, a city under central government",
    ),
    pytest.param(
        "\n\nSố: /KH-UBND\n\nLạng Giang, ngày tháng 7 năm 2023\n\nKẾ HOẠCH\n\nCủng cố, nâng cao chất lượng của các trung tâm "
        "học tập cộng đồng giai đoạn 2023-2025\n\nThực hiện Kế hoạch số 353/KH-UBND ngày 16/6/2022 của UBND tỉnh Bắc Giang",
        {
            "doc_type": "Kế hoạch",
            "number": "/KH-UBND",
            "issuer": "Ủy ban nhân dân huyện Lạng Giang",
            "level": "district",
            "province": "Bắc Giang",
            "district": "Lạng Giang",
            "place": "Lạng Giang",
            "issued_date": None,
            "subject": "Củng cố, nâng cao chất lượng của các trung tâm học tập cộng đồng giai đoạn 2023-2025",
            "recipients": [],
        },
        id="draft: blank number and day, issuer from the symbol and the place",
    ),
    pytest.param(
        " QUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT KẾ HOẠCH “XÂY DỰNG XÃ HỘI HỌC TẬP GIAI ĐOẠN 2012 - 2020” TỈNH VĨNH LONG\n"
        "CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH VĨNH LONG\nCăn cứ Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân ngày 26/11/2003;\n"
        "Điều 1. Phê duyệt Kế hoạch.\n KẾ HOẠCH\nXÂY DỰNG XÃ HỘI HỌC TẬP\n(Ban hành kèm theo Quyết định số 684/QĐ-UBND, "
        "ngày 24/4/2013 của Chủ tịch Uỷ ban nhân dân tỉnh Vĩnh Long)\n",
        {
            "doc_type": "Quyết định",
            "number": "684/QĐ-UBND",
            "issuer": "Ủy ban nhân dân tỉnh Vĩnh Long",
            "level": "province",
            "province": "Vĩnh Long",
            "place": None,
            "issued_date": "2013-04-24",
            "subject": "VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH “XÂY DỰNG XÃ HỘI HỌC TẬP GIAI ĐOẠN 2012 - 2020” TỈNH VĨNH LONG",
        },
        id="decision without a Số line: number and date from its attachment, issuer from the authority line",
    ),
    pytest.param(
        "| THỦ TƯỚNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |\n"
        "|---|---|\n| Số: 773 /QĐ-TTg | Hà Nội, ngày 26 tháng 0 6 năm 2018 |\n\nQUYẾT ĐỊNH\n\nBAN HÀNH KẾ HOẠCH TỔ CHỨC "
        "THỰC HIỆN CHỈ THỊ SỐ 14-CT/TW\n\nTHỦ TƯỚNG CHÍNH PHỦ\n\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        {
            "doc_type": "Quyết định",
            "number": "773/QĐ-TTg",
            "issuer": "Thủ tướng Chính phủ",
            "level": "national",
            "province": None,
            "place": "Hà Nội",
            "issued_date": "2018-06-26",
            "subject": "BAN HÀNH KẾ HOẠCH TỔ CHỨC THỰC HIỆN CHỈ THỊ SỐ 14-CT/TW",
        },
        id="national decision, a month printed '0 6'",
    ),
    pytest.param(
        "QUỐC HỘI\n--------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n\n"
        "Luật số: 103/2016/QH13\n\nHà Nội, ngày 05 tháng 4 năm 2016\n\nLUẬT\n\nBÁO CHÍ\n\nCăn cứ Hiến pháp nước Cộng hòa xã "
        "hội chủ nghĩa Việt Nam;",
        {
            "doc_type": "Luật",
            "number": "103/2016/QH13",
            "issuer": "Quốc hội",
            "level": "national",
            "issued_date": "2016-04-05",
            "subject": "BÁO CHÍ",
        },
        id="a law: 'Luật số:'",
    ),
]


HEADERS += [
    pytest.param(
        "TỈNH ỦY QUẢNG NAM\n*\nSố 125-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nQuảng Nam, ngày 10 tháng 5 năm 2022\n\nKẾ HOẠCH\n"
        "thực hiện Kết luận số 49-KL/TW của Ban Bí thư\n\nThực hiện Kết luận số 49-KL/TW ngày 10/5/2019 ...",
        {
            "doc_type": "Kế hoạch",
            "number": "125-KH/TU",
            "issuer": "Tỉnh ủy Quảng Nam",
            "level": "province",
            "province": "Quảng Nam",
            "issued_date": "2022-05-10",
            "subject": "thực hiện Kết luận số 49-KL/TW của Ban Bí thư",
        },
        id="a Party plan: 'Số' without colon, a title that starts like a body",
    ),
    pytest.param(
        "UBND TỈNH QUẢNG NAM\nBAN CHỈ ĐẠO XÂY DỰNG\nXÃ HỘI HỌC TẬP\nSố: 03/KH-BCĐ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nQuảng Nam, ngày 15 tháng 01 năm 2021\n\nKẾ HOẠCH\nHoạt động năm 2021\n\nCăn cứ ...",
        {
            "number": "03/KH-BCĐ",
            "issuer": "Ban Chỉ đạo xây dựng xã hội học tập tỉnh Quảng Nam",
            "level": "province",
            "province": "Quảng Nam",
        },
        id="a steering committee under its province: 'xã hội' is not a commune",
    ),
    pytest.param(
        "UBND HUYỆN YÊN DŨNG\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 312/PGDĐT-GDTX\nV/v báo cáo kết quả\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nYên Dũng, ngày 20 tháng 11 năm 2020\n\n"
        "Kính gửi: Các trường.\n\nThực hiện Công văn số 12/SGDĐT-GDTX ...",
        {"issuer": "Phòng Giáo dục và Đào tạo huyện Yên Dũng", "level": "district", "district": "Yên Dũng"},
        id="a district office; the district was merged away before the dataset was made",
    ),
    pytest.param(
        'THỦ TƯỚNG CHÍNH PHỦ\nSố: 985/QĐ-TTg\nTT — ng,\n.", ..À _—_ƯN. 4\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n'
        "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 15 tháng 9 năm 2024\nVề việc xuất cấp Tào chất khử khuẩn từ nguồn dự "
        "trữ quốc gia\nhỗ trợ các địa phương khắc phục hậu quả cơn bão số 3\n\nNA SÂU co\nNé. 1@Z\nXŠ ˆ THỦ TƯỚNG CHÍNH "
        "PHỦ\nKT“\n\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        {
            "doc_type": "Quyết định",
            "number": "985/QĐ-TTg",
            "issuer": "Thủ tướng Chính phủ",
            "issued_date": "2024-09-15",
            "subject": "V/v xuất cấp Tào chất khử khuẩn từ nguồn dự trữ quốc gia hỗ trợ các địa phương khắc phục hậu quả "
            "cơn bão số 3",
        },
        id="a scan (OCR): a received stamp over the type line; its debris ends the trích yếu",
    ),
    pytest.param(
        "ỦY BAN NHÂN DÂN\nTÍNH QUẢNG NGÃI\nSố: 46 /TB-UBND\nCỌNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh "
        "phúc\n— t1 3 ST TẮNI DỤC\nQuảng Ngãi, ngày 24 tháng 01 năm 2025\nTHÔNG BÁO\n\nVà việc thụ lý giải quyết khiếu "
        "nại lần hai\n\nKính gửi: Bà Huỳnh Thị Gái, ông Trần Ngọc Vinh\n\nQua xem xét nội dung đơn đề ngày 10/12/2024",
        {
            "doc_type": "Thông báo",
            "number": "46/TB-UBND",
            "issuer": "Ủy ban nhân dân tỉnh Quảng Ngãi",
            "province": "Quảng Ngãi",
            "issued_date": "2025-01-24",
        },
        id="OCR: 'CỌNG HÒA' is the quốc hiệu, 'TÍNH' is 'tỉnh': the issuer spelled as the lexicon spells it",
    ),
    pytest.param(
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 1039/QĐ-TTg\nT17\nCỘNG HÒA XÃ HỘI CHÚ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 24 tháng 9 năm 2024\nQUYÉT ĐỊNH\nVề việc kiện toàn thành viên Ban Chỉ đạo quốc gia triển khai "
        "thực hiện\ncam kết của Việt Nam tại Hội nghị lần thứ 26\n\n-THỦ TƯỚNG CHÍNH PHỦ\n\nCăn. cứ Luật Tổ chức Chính "
        "phủ ngày 19 tháng 6 năm 2015,",
        {
            "doc_type": "Quyết định",
            "number": "1039/QĐ-TTg",
            "subject": "Về việc kiện toàn thành viên Ban Chỉ đạo quốc gia triển khai thực hiện cam kết của Việt Nam tại "
            "Hội nghị lần thứ 26",
        },
        id="OCR: 'QUYÉT ĐỊNH' is a type line, never split into 'QUY ÉT'; who decides ends the title",
    ),
    pytest.param(
        "Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT.\nCÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN\nSố hiệu:\n"
        "4240/UBND-VX\nLoại văn bản:\nCông văn\nTình trạng:\nĐã biết\n\nỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 4240/UBND-VX\nV/v khẩn trương hoàn thành "
        "cập nhật\n\nThành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025\n\nKính gửi:\n- Các cơ quan chuyên môn;\n\n"
        "Ngày 28 tháng 10 năm 2025, Chủ tịch Ủy ban nhân dân Thành phố đã ban hành Công văn số 3280/UBND-VX",
        {
            "doc_type": "Công văn",
            "number": "4240/UBND-VX",
            "issuer": "Ủy ban nhân dân thành phố Hồ Chí Minh",
            "place": "Thành phố Hồ Chí Minh",
            "issued_date": "2025-11-28",
            "subject": "V/v khẩn trương hoàn thành cập nhật",
            "recipients": ["Các cơ quan chuyên môn"],
        },
        id="a website's own text before the header is skipped; its 'Số hiệu:' is not the số",
    ),
    pytest.param(
        "|\nBỘ TÀI CHÍNH\n**CỤC THUẾ**\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n"
        "---------------\n|\n|\nSố: 983/TB-CT\n|\n*Hà Nội, ngày 20 tháng 11 năm 2025*\n|\n\n**THÔNG BÁO**\n\n"
        "Về việc tạm dừng hệ thống\n\nCăn cứ Luật Quản lý thuế;",
        {"doc_type": "Thông báo", "number": "983/TB-CT", "issuer": "Cục Thuế"},
        id="a ministry over its own department is a parent, not a joint issuer",
    ),
    pytest.param(
        "|\nCỤC THUẾ\n**THUẾ TỈNH VĨNH LONG**\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh "
        "phúc\n---------------\n|\n|\nSố: 1539/VLO-QLDN3\n*V/v trả lãi tiền vay cho cổ đông*\n|\n*Vĩnh Long, ngày 24 tháng 11 "
        "năm 2025*\n|\n\nKính gửi: Công ty cổ phần Cấp thoát nước Vĩnh Long.",
        {"number": "1539/VLO-QLDN3", "issuer": "Thuế tỉnh Vĩnh Long", "province": "Vĩnh Long"},
        id="a line ending with its locality is a body of its own, even one no lexicon knows",
    ),
    pytest.param(
        "|\nBAN CHẤP HÀNH\nTRUNG ƯƠNG\n**VĂN PHÒNG**\n*****\n|\n**ĐẢNG CỘNG\nSẢN VIỆT NAM**\n---------------\n|\n|\n"
        "Số 432-TB/VPTW\n|\n*Hà Nội, ngày 20 tháng 11 năm 2025*\n|\n\n**THÔNG BÁO**\n\nKẾT LUẬN CỦA ĐỒNG CHÍ THƯỜNG TRỰC\n\n"
        "Ngày 18/11/2025, đồng chí Thường trực Ban Bí thư đã chủ trì.",
        {"doc_type": "Thông báo", "number": "432-TB/VPTW", "issuer": "Văn phòng Ban Chấp hành Trung ương"},
        id="a Party office printed alone under its committee is that committee's office",
    ),
    pytest.param(
        "**QUYẾT ĐỊNH**\n\nBAN\nHÀNH QUY CHẾ TỔ CHỨC VÀ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO QUỐC GIA VỀ PHÁT TRIỂN NGÀNH\n"
        "CÔNG NGHIỆP BÁN DẪN\n\n**TRƯỞNG BAN CHỈ ĐẠO QUỐC GIA VỀ PHÁT TRIỂN NGÀNH CÔNG\nNGHIỆP BÁN DẪN**\n\n"
        "*Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;*",
        {"doc_type": "Quyết định", "issuer": "Ban Chỉ đạo quốc gia về phát triển ngành công nghiệp bán dẫn"},
        id="a copy that lost the header: who decides names the issuer, the body its head leads",
    ),
    pytest.param(
        "**THÔNG TƯ**\n\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA QUY CHẾ CUỘC THI\nNGHIÊN CỨU KHOA HỌC, KỸ THUẬT CẤP QUỐC GIA DÀNH "
        "CHO HỌC SINH TRUNG HỌC CƠ SỞ VÀ\nTRUNG HỌC PHỔ THÔNG BAN HÀNH KÈM THEO THÔNG TƯ SỐ 06/2024/TT-BGDĐT NGÀY 10\n"
        "THÁNG 4 NĂM 2024 CỦA BỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO\n\n*Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;*\n\n"
        "*Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư sửa đổi, bổ sung một số điều của Quy chế.*",
        {"doc_type": "Thông tư", "number": None, "issued_date": None, "issuer": "Bộ Giáo dục và Đào tạo"},
        id="the number a title amends is not the document's; the enacting sentence names the issuer",
    ),
    pytest.param(
        "**NGHỊ QUYẾT**\n\nVỀ PHÁT ĐỘNG PHONG TRÀO TOÀN DÂN THAM GIA BẢO VỆ MÔI TRƯỜNG\n\n**CHÍNH PHỦ**\n\n"
        "*Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;*",
        {
            "doc_type": "Nghị quyết",
            "issuer": "Chính phủ",
            "level": "national",
            "subject": "VỀ PHÁT ĐỘNG PHONG TRÀO TOÀN DÂN THAM GIA BẢO VỆ MÔI TRƯỜNG",
        },
        id="who decides after a blank line under the title",
    ),
    pytest.param(
        "|\n|\nBản dịch này thuộc quyền sở hữu của **\nTHƯ VIỆN PHÁP LUẬT**.\n**\nCÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN\n**\n"
        "#\n**Số hiệu:**\n|\n6225/BVHTTDL-VP\n|\n|\n**Loại văn bản:**\n|\nCông văn\n|\n**Nơi ban hành:**\n|\n"
        "Bộ Văn hoá, Thể thao và du lịch\n|\n**Ngày ban hành:**\n|\n18/11/2025\n|\n\n**Kính gửi:** Các cơ quan, đơn vị thuộc Bộ\n\n"
        "Thực hiện chỉ đạo của Bộ trưởng, Văn phòng Bộ đề nghị các cơ quan, đơn vị rà soát.",
        {"doc_type": "Công văn", "number": "6225/BVHTTDL-VP", "issued_date": "2025-11-18"},
        id="a page that lost its header: the website's banner is nobody's name, its table gives number and date",
    ),
    pytest.param(
        "CÔNG BÁO/Số 261 + 262/Ngày 06-3-2022 \n3 \nVĂN BẢN QUY PHẠM PHÁP LUẬT \nVIỆN KIỂM SÁT NHÂN DÂN TỐI CAO - \n"
        "TÒA ÁN NHÂN DÂN TỐI CAO - \nBỘ CÔNG AN - BỘ QUỐC PHÒNG - \nBỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI \n"
        "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO - \n TÒA ÁN NHÂN DÂN TỐI CAO -  \nBỘ CÔNG AN - BỘ QUỐC PHÒNG -  \n"
        "BỘ LAO ĐỘNG - THƯƠNG BINH  \nVÀ XÃ HỘI \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n"
        "Số: 01/2022/TTLT-VKSNDTC-\nTANDTC-BCA-BQP-BLĐTBXH \nHà Nội, ngày 18 tháng 02 năm 2022 \nTHÔNG TƯ LIÊN TỊCH \n"
        "Quy định về phối hợp giữa các cơ quan có thẩm quyền trong tiếp nhận, giải quyết tố giác \n",
        {
            "doc_type": "Thông tư liên tịch",
            "number": "01/2022/TTLT-VKSNDTC-TANDTC-BCA-BQP-BLĐTBXH",
            "issuer": "Viện kiểm sát nhân dân tối cao - Tòa án nhân dân tối cao - Bộ Công an - Bộ Quốc phòng - "
            "Bộ Lao động - Thương binh và Xã hội",
            "issued_date": "2022-02-18",
        },
        id="a joint circular: the symbol wrapped after a dash, the issuers printed twice by the Công báo",
    ),
    pytest.param(
        "CÔNG BÁO/Số 1523 + 1524/Ngày 29-12-2024 \n3 \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc  \n"
        " QUỐC HỘI \nLuật số: 51/2024/QH15 \nLUẬT \nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT BẢO HIỂM Y TẾ \n"
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;  \n"
        "Điều 1. Sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế được Quốc hội thông qua ngày 14 tháng 11 năm 2008\n"
        "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, \n"
        "kỳ họp thứ 8 thông qua ngày 27 tháng 11 năm 2024. \n\nCHỦ TỊCH QUỐC HỘI \n\nTrần Thanh Mẫn \n",
        {"doc_type": "Luật", "number": "51/2024/QH15", "issuer": "Quốc hội", "issued_date": "2024-11-27"},
        id="a law is dated by its adoption at its end, not by another law it names",
    ),
    pytest.param(
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI \nNghị quyết số: 78/2025/UBTVQH15 \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n"
        "Độc lập - Tự do - Hạnh phúc \nNGHỊ QUYẾT \nVề việc ghi nhận thời gian đóng bảo hiểm xã hội bắt buộc \n"
        "Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025. \n"
        "Nghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, phiên họp\n"
        "thứ 45 thông qua ngày 17 tháng 5 năm 2025. \n",
        {"number": "78/2025/UBTVQH15", "issuer": "Ủy ban Thường vụ Quốc hội", "issued_date": "2025-05-17"},
        id="a resolution of the Ủy ban Thường vụ Quốc hội: dated by the session that adopted it",
    ),
    pytest.param(
        "VĂN BẢN HỢP NHẤT -  \nBỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n"
        "Độc lập - Tự do - Hạnh phúc  \nTHÔNG TƯ \nQuy định chi tiết một số điều của Bộ luật Lao động \n"
        "Thông tư số 08/2020/TT-BLĐTBXH ngày 15 tháng 10 năm 2020 của Bộ trưởng Bộ Lao động, được sửa đổi, bổ sung bởi:\n"
        "Điều 11. Tổ chức thực hiện\n1. Các cơ quan chịu trách nhiệm thực hiện Thông tư này.\n"
        "BỘ LAO ĐỘNG - THƯƠNG BINH \nVÀ XÃ HỘI \nSố: 4246/VBHN-BLĐTBXH \nXÁC NHẬN VĂN BẢN HỢP NHẤT \n"
        "Hà Nội, ngày 24 tháng 11 năm 2021 \nBỘ TRƯỞNG \nĐào Ngọc Dung \n",
        {"doc_type": "Văn bản hợp nhất", "number": "4246/VBHN-BLĐTBXH", "issued_date": "2021-11-24"},
        id="a consolidated text authenticated as 'XÁC NHẬN VĂN BẢN HỢP NHẤT': its own number, not the text's",
    ),
    pytest.param(
        "CÔNG BÁO/Số 259 + 260/Ngày 05-3-2022 \n53 \nBỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI  \nBỘ LAO ĐỘNG - THƯƠNG \n"
        "BINH VÀ XÃ HỘI  \nSố: 01/2022/TT-BLĐTBXH \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n"
        "Hà Nội, ngày 25 tháng 01 năm 2022 \nTHÔNG TƯ \nHướng dẫn thực hiện chính sách \n",
        {"number": "01/2022/TT-BLĐTBXH", "issuer": "Bộ Lao động - Thương binh và Xã hội", "level": "ministry"},
        id="a ministry's name wrapped before 'XÃ HỘI' (society, not a commune) and printed twice",
    ),
    pytest.param(
        "CÔNG BÁO/Số 763 + 764/Ngày 03-7-2024 \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \nĐộc lập - Tự do - Hạnh phúc \n"
        "NGHỊ ĐỊNH \nQuy định quản lý lao động, tiền lương và tiền thưởng \n"
        "Nghị định số 52/2016/NĐ-CP ngày 13 tháng 6 năm 2016 của Chính phủ, được sửa đổi, bổ sung bởi:\n"
        "Chính phủ ban hành Nghị định quy định quản lý lao động, tiền lương.\n"
        "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định quản lý lao động.\n"
        "XÁC THỰC VĂN BẢN HỢP NHẤT \nSố: 2651/VBHN-BLĐTBXH \nHà Nội, ngày 21 tháng 6 năm 2024 \nBỘ TRƯỞNG \n",
        {
            "doc_type": "Văn bản hợp nhất",
            "number": "2651/VBHN-BLĐTBXH",
            "issuer": "Bộ Lao động - Thương binh và Xã hội",
            "issued_date": "2024-06-21",
        },
        id="a consolidated decree is the authenticating ministry's, not the Chính phủ of its enacting sentence",
    ),
]


@pytest.mark.parametrize("text,expected", HEADERS)
def test_header(text: str, expected: dict) -> None:
    header = parse(clean(text)).header.model_dump()
    got = {k: header[k] for k in expected}
    assert got == expected


SIGNERS = [
    (
        "Nơi nhận:\n- Như trên;\n\nTM. ỦY BAN NHÂN DÂN HUYỆN\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\n\n\nY Phương",
        ("Y Phương", "Phó Chủ tịch"),
    ),
    ("**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nNguyễn Văn Long", ("Nguyễn Văn Long", "Phó Chủ tịch")),
    (
        "| Nơi nhận: - Như trên; - Lưu: VT, QLN (2b) | KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trần Nam |",
        ("Nguyễn Trần Nam", "Thứ trưởng"),
    ),
    ("| Nơi nhận: - Như trên; | THỦ TƯỚNG Nguyễn Tấn Dũng |", ("Nguyễn Tấn Dũng", "Thủ tướng")),
    ("Yêu cầu các đơn vị nghiêm túc triển khai thực hiện./.\n\nNơi nhận:\n- Như trên;\n- Lưu VT.", (None, None)),
]


@pytest.mark.parametrize("closing,signer", SIGNERS)
def test_signer(closing: str, signer: tuple[str | None, str | None]) -> None:
    text = "Số: 12/UBND-VX\nHà Nội, ngày 01 tháng 02 năm 2020\n\nThực hiện chỉ đạo của cấp trên.\n\n" + closing
    got = parse(clean(text)).header.signer
    assert (got.name, got.title) == signer


# A number or day written by hand (or OCR debris where the digits should be) comes out blank, flagged
# for a person, never as "4†‡" or a neighbouring number; a draft's printed blank stays.
BLANKS = [
    ("Số: 985/QĐ-TTg_", "Hà Nội, ngày 15 tháng 9 năm 2024", "985/QĐ-TTg", "2024-09-15", []),
    ("Số: ## /CT-UBND", "Quảng Ngãi, ngày®9 tháng 3 năm 2018", None, None, ["document.number", "document.issued_date"]),
    ("Số: 4†‡/QĐ-TTg", "Hà Nội, ngày *?† tháng 9 năm 2024", None, None, ["document.number", "document.issued_date"]),
    ("Số: /KH-UBND", "Lạng Giang, ngày tháng 7 năm 2023", "/KH-UBND", None, []),
    ("Số: 46 /TB-UBND", "Quảng Ngãi, ngày 24 tháng 01 năm 2025", "46/TB-UBND", "2025-01-24", []),
    ("Số: 1009/QĐ-TTg", "Hà Nội, ngày l9 tháng 9 năm 2024", "1009/QĐ-TTg", "2024-09-19", []),
]


@pytest.mark.parametrize("number_line,date_line,number,date,flagged", BLANKS)
def test_unreadable_numbers_and_days_are_blank_and_flagged(
    number_line: str, date_line: str, number: str | None, date: str | None, flagged: list[str]
) -> None:
    text = (
        f"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n{number_line}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{date_line}\n\nCHỈ THỊ\n"
        "Về việc tăng cường công tác thi hành án hành chính\n\nTrong thời gian qua, công tác triển khai thi hành."
    )
    result = parse(clean(text))
    assert (result.header.number, result.header.issued_date) == (number, date)
    assert [f.field for f in result.flags] == flagged


def test_what_the_scan_marks_unsure_is_left_blank() -> None:
    """Digits the intake marks as not printed type (a stamped "1039" that OCR reads as "4033") are not trusted."""
    from extractor.header import Hints

    text = (
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 4033/QĐ-TTg\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 24 tháng 9 năm 2024\n\n"
        "QUYẾT ĐỊNH\nVề việc kiện toàn thành viên Ban Chỉ đạo quốc gia\n\nCăn cứ Luật Tổ chức Chính phủ;"
    )
    digits = text.index("4033")
    result = parse(clean(text), Hints(uncertain=((digits, digits + 4),)))
    assert result.header.number is None and [f.field for f in result.flags] == ["document.number"]
    assert parse(clean(text)).header.number == "4033/QĐ-TTg"  # without the scan's word, the page's digits stand


def test_a_flagged_day_offers_the_signing_day() -> None:
    from datetime import datetime, timedelta, timezone

    from extractor.header.numbers import HANDWRITTEN, with_signature
    from models.record import SignatureInfo

    signed = SignatureInfo(
        signer="Ủy ban nhân dân tỉnh Quảng Ngãi",
        signed_at=datetime(2025, 1, 15, 17, 10, tzinfo=timezone(timedelta(hours=7))),
    )
    ((reason, vi, en),) = with_signature([HANDWRITTEN], (signed,))
    assert reason == "handwritten" and vi.endswith("ngày ký số trên tệp: 15/01/2025") and "2025-01-15" in en
    assert with_signature([], (signed,)) == []  # a printed day needs no hint
