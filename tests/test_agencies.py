"""Agency names: recognised, abbreviations expanded, office holders mapped to bodies, lists split."""

from __future__ import annotations

import pytest

from extractor import agencies, places

CANONICAL = [
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH", "Ủy ban nhân dân tỉnh Quảng Bình"),
    ("UBND TỈNH QUẢNG NINH", "Ủy ban nhân dân tỉnh Quảng Ninh"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
    ("Ủy ban nhân dân huyện KBANG", "Ủy ban nhân dân huyện Kbang"),
    ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
    ("Hội khuyến học tỉnh", "Hội Khuyến học tỉnh"),
    ("Phòng Giáo dục và đào tạo", "Phòng Giáo dục và Đào tạo"),
    ("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo"),
    ("Phòng GDĐT", "Phòng Giáo dục và Đào tạo"),
    ("Phòng LĐ-TB&XH", "Phòng Lao động - Thương binh và Xã hội"),
    ("Phòng TC-KH", "Phòng Tài chính - Kế hoạch"),
    ("Trung tâm VH - TT&TT huyện", "Trung tâm Văn hóa, Thể thao và Truyền thông huyện"),
    ("UBND các huyện (TP, TX)", "Ủy ban nhân dân các huyện (thành phố, thị xã)"),
    ("Chủ tịch UBND các huyện, thị xã, thành phố", "Ủy ban nhân dân các huyện, thị xã, thành phố"),
    ("Thủ trưởng các đơn vị có liên quan", "các đơn vị có liên quan"),
    ("Giám đốc Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo"),
    ("Chánh Văn phòng Uỷ ban nhân dân tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Bộ trưởng Bộ Tài chính", "Bộ Tài chính"),
    ("các Sở, ban, ngành, đoàn thể cấp tỉnh", "các Sở, ban, ngành, đoàn thể cấp tỉnh"),
    ("Hội Liên hiệp phụ nữ huyện", "Hội Liên hiệp Phụ nữ huyện"),
    ("Đoàn thanh niên Cộng sản Hồ Chí Minh huyện", "Đoàn Thanh niên Cộng sản Hồ Chí Minh huyện"),
    ("Tỉnh Ủy Gia Lai", "Tỉnh ủy Gia Lai"),
    ("Ban Thường vụ Tỉnh Uỷ Quảng Ninh", "Ban Thường vụ Tỉnh ủy Quảng Ninh"),
    ("Bộ Chính trị khóa X", "Bộ Chính trị"),
    ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("UBND cấp huyện", "Ủy ban nhân dân cấp huyện"),
    ("mặt trận tổ quốc cơ sở", "Mặt trận Tổ quốc cơ sở"),
    ("Sở Lao động Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    # bodies the lexicon does not list come out whole: a kind, then the name as the text gives it
    ("Chi cục Thống kê khu vực XVII", "Chi cục Thống kê khu vực XVII"),
    ("Cảng vụ Hàng hải Quảng Ninh", "Cảng vụ Hàng hải Quảng Ninh"),
    ("Ban Quản lý các khu công nghiệp tỉnh", "Ban Quản lý các khu công nghiệp tỉnh"),
    ("Ban Quản lý các Khu chế xuất và công nghiệp Thành phố", "Ban Quản lý các Khu chế xuất và công nghiệp Thành phố"),
    ("Đài Phát thanh và Truyền hình tỉnh", "Đài Phát thanh và Truyền hình tỉnh"),
    ("Báo và Phát thanh, Truyền hình tỉnh", "Báo và Phát thanh, Truyền hình tỉnh"),
    ("Trung tâm Chuyển đổi số Thành phố", "Trung tâm Chuyển đổi số Thành phố"),
    ("Cơ quan Lao động - Thương binh và Xã hội ở địa phương", "Cơ quan Lao động - Thương binh và Xã hội ở địa phương"),
    ("Ban Chỉ đạo Xây dựng xã hội học tập tỉnh Quảng Nam", "Ban Chỉ đạo Xây dựng xã hội học tập tỉnh Quảng Nam"),
    ("Giám đốc kho bạc Nhà nước Hà Nội", "Kho bạc Nhà nước Hà Nội"),
    ("Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu", "Ủy ban nhân dân các xã, phường và đặc khu"),
    ("Thủ trưởng các sở, ban, ngành trực thuộc UBND tỉnh", "các sở, ban, ngành trực thuộc Ủy ban nhân dân tỉnh"),
    ("Chủ tịch Ủy ban nhân huyện, thành phố", "Ủy ban nhân dân huyện, thành phố"),  # "dân" dropped, as typed
]


@pytest.mark.parametrize("printed,name", CANONICAL)
def test_canonical(printed: str, name: str) -> None:
    assert agencies.canonical(printed) == name


# (text that opens with a list of agencies, the agencies it names, in order)
LISTS = [
    (
        "Sở Giáo dục và Đào tạo, UBND cấp huyện tham mưu bố trí kinh phí",
        ["Sở Giáo dục và Đào tạo", "Ủy ban nhân dân cấp huyện"],
    ),
    (
        "các phòng, ban, UBND các xã, thị trấn triển khai công tác",
        ["các phòng, ban", "Ủy ban nhân dân các xã, thị trấn"],
    ),
    (
        "Hội Khuyến học, mặt trận tổ quốc cơ sở, các tổ chức, đoàn thể nhằm tạo ra một phong trào",
        ["Hội Khuyến học", "Mặt trận Tổ quốc cơ sở", "các tổ chức, đoàn thể"],
    ),
    ("Hội khuyến học tỉnh chỉ đạo Phòng Giáo dục", ["Hội Khuyến học tỉnh"]),
    ("Sở Tài chính, Sở Kế hoạch và Đầu tư chủ trì", ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]),
    ("các tổ chức, các lực lượng xã hội trong việc", ["các tổ chức", "các lực lượng xã hội"]),
    (
        "Các cơ quan nhà nước, các tổ chức kinh tế đưa xây dựng xã hội học tập",
        ["Các cơ quan nhà nước", "các tổ chức kinh tế"],
    ),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện, Liên đoàn Lao động huyện, Hội Liên hiệp phụ nữ huyện, Hội Nông dân, "
        "Hội Cựu chiến binh, Hội Người cao tuổi và Hội Cựu giáo chức huyện",
        [
            "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
            "Liên đoàn Lao động huyện",
            "Hội Liên hiệp Phụ nữ huyện",
            "Hội Nông dân",
            "Hội Cựu chiến binh",
            "Hội Người cao tuổi",
            "Hội Cựu giáo chức huyện",
        ],
    ),
    (
        "Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương chịu",
        ["Các Bộ", "cơ quan ngang Bộ", "Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương"],
    ),
    ("các thôn ấp, tổ dân phố, tổ chức phổ biến nội dung chính sách", ["các thôn ấp, tổ dân phố"]),
    ("Rà soát lại kế hoạch thực hiện Đề án", []),
    # a list up to the verb, however long: commas, "và", semicolons
    (
        "Chánh Văn phòng Uỷ ban nhân dân tỉnh; Giám đốc Công an tỉnh; Thủ trưởng các sở, ban, ngành trực thuộc Ủy ban "
        "nhân dân tỉnh; Chủ tịch Ủy ban nhân dân huyện, thành phố và các cơ quan, tổ chức liên quan chịu trách nhiệm thi hành",
        [
            "Văn phòng Ủy ban nhân dân tỉnh",
            "Công an tỉnh",
            "các sở, ban, ngành trực thuộc Ủy ban nhân dân tỉnh",
            "Ủy ban nhân dân huyện, thành phố",
            "các cơ quan, tổ chức liên quan",
        ],
    ),
    (
        "Trung tâm Chuyển đổi số Thành phố, Công an Thành phố, Sở Nông nghiệp và Môi trường, Ủy ban nhân dân các phường, "
        "xã, đặc khu cùng các đơn vị có liên quan",
        [
            "Trung tâm Chuyển đổi số Thành phố",
            "Công an Thành phố",
            "Sở Nông nghiệp và Môi trường",
            "Ủy ban nhân dân các phường, xã, đặc khu",
        ],
    ),
    ("Công an Thành phố Chỉ đạo Công an các phường, xã, đặc khu", ["Công an Thành phố"]),
    (
        "Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã Tỉnh",
        ["Hiệp hội Doanh nghiệp tỉnh", "Hội Nông dân tỉnh", "Liên minh Hợp tác xã tỉnh"],
    ),
    # a kind shared by its fields: one Sở each
    (
        "Chánh văn phòng UBND tỉnh; Giám đốc các Sở: Lao động Thương binh và Xã hội, Tài chính; Cục trưởng Cục Thuế tỉnh; "
        "Chủ tịch UBND các Huyện, Thị xã, Thành phố; Thủ trưởng các Ban, ngành liên quan của tỉnh chịu trách nhiệm",
        [
            "Văn phòng Ủy ban nhân dân tỉnh",
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Tài chính",
            "Cục Thuế tỉnh",
            "Ủy ban nhân dân các huyện, thị xã, thành phố",
            "các Ban, ngành liên quan của tỉnh",
        ],
    ),
    ("Giám đốc các sở Tài chính, Xây dựng và Y tế tổ chức", ["Sở Tài chính", "Sở Xây dựng", "Sở Y tế"]),
    # classes named one by one are addressees of their own; "các sở, ban, ngành" is one
    (
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân tỉnh, thành "
        "phố trực thuộc trung ương và các cơ quan, tổ chức có liên quan chịu trách nhiệm",
        [
            "các bộ",
            "cơ quan ngang bộ",
            "cơ quan thuộc Chính phủ",
            "Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương",
            "các cơ quan, tổ chức có liên quan",
        ],
    ),
    (
        "Các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội, hội, đoàn thể theo chức năng, nhiệm vụ được giao",
        ["Các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội, hội, đoàn thể"],
    ),
    ("Các Sở, ngành, đơn vị, UBND cấp xã.", ["Các Sở, ngành, đơn vị", "Ủy ban nhân dân cấp xã"]),
    # a ministry's departments: the name goes on in lower case after its capitalised head, up to the verb
    ("Vụ Giáo dục thường xuyên chủ trì, phối hợp với các đơn vị", ["Vụ Giáo dục thường xuyên"]),
    # "Cục X, Bộ Y": the ministry the department belongs to, not a second body; unless the list goes on
    (
        "Cục Quản lý lao động ngoài nước, Bộ Lao động - Thương binh và Xã hội có trách nhiệm",
        ["Cục Quản lý lao động ngoài nước"],
    ),
    ("Cục Thuế, Bộ Tài chính và Bộ Công an phối hợp", ["Cục Thuế", "Bộ Tài chính", "Bộ Công an"]),
    ("Sở Tài chính, Bộ Tài chính phối hợp", ["Sở Tài chính", "Bộ Tài chính"]),
    # a unit named by common nouns is told apart by its ministry: one body, whose name keeps the ministry
    (
        "Trung tâm thông tin, Bộ Lao động - Thương binh và Xã hội chủ trì đăng tải thông tin",
        ["Trung tâm thông tin Bộ Lao động - Thương binh và Xã hội"],
    ),
    ("Trung tâm tin học, Bộ Tư pháp có trách nhiệm", ["Trung tâm tin học Bộ Tư pháp"]),
    ("Trung tâm thông tin có trách nhiệm đăng tải", ["Trung tâm thông tin"]),
    ("Trung tâm thông tin, Sở Y tế chủ trì", []),  # a Sở is no ministry: nothing says whose centre it is
    ("Tổng cục Giáo dục nghề nghiệp có trách nhiệm", ["Tổng cục Giáo dục nghề nghiệp"]),
    ("Vụ Tổng hợp kinh tế quốc dân chủ trì", ["Vụ Tổng hợp kinh tế quốc dân"]),
    # the run stops at the duty's verb, at a place, at a conjunction
    ("Vụ Kế hoạch - Tài chính chủ trì", ["Vụ Kế hoạch - Tài chính"]),
    ("Cục Thuế hướng dẫn các doanh nghiệp", ["Cục Thuế"]),
    ("Cục Thống kê tỉnh Quảng Bình phối hợp", ["Cục Thống kê tỉnh Quảng Bình"]),
    ("Vụ Giáo dục thường xuyên và Sở Giáo dục và Đào tạo", ["Vụ Giáo dục thường xuyên", "Sở Giáo dục và Đào tạo"]),
    # a stop word opening a word of the dictionary is part of the name ("có công"); where a verb begins, it ends it
    ("Cục Người có công chủ trì, phối hợp với Vụ Kế hoạch - Tài chính", ["Cục Người có công"]),
    ("Cục Người có công có trách nhiệm tổ chức thực hiện", ["Cục Người có công"]),
    ("Cục Người có công trong thời gian 03 ngày làm việc", ["Cục Người có công"]),
    ("Cục Người có công (Bộ Lao động - Thương binh và Xã hội) kiểm tra", ["Cục Người có công"]),
    ("Cục Người có công, Bộ Lao động - Thương binh và Xã hội chủ trì", ["Cục Người có công"]),
    ("Vụ Bảo hiểm xã hội chủ trì", ["Vụ Bảo hiểm xã hội"]),
    ("Cục Việc làm có trách nhiệm hướng dẫn", ["Cục Việc làm"]),
    ("Cục Trẻ em phối hợp", ["Cục Trẻ em"]),
    ("Cục Quản lý lao động ngoài nước có trách nhiệm tổ chức", ["Cục Quản lý lao động ngoài nước"]),
    ("Cục Thuế có công văn hướng dẫn", ["Cục Thuế"]),
    ("Cục Thuế có kế hoạch thực hiện", ["Cục Thuế"]),
    ("Cục Hải quan có quyền xử phạt", ["Cục Hải quan"]),
    ("Cục Quản lý chất lượng có văn bản trả lời", ["Cục Quản lý chất lượng"]),
]


@pytest.mark.parametrize("text,names", LISTS)
def test_split_list(text: str, names: list[str]) -> None:
    assert [a.name for a in agencies.split_list(text)] == names


LEVELS = [
    ("Thủ tướng Chính phủ", "national"),
    ("Bộ Xây dựng", "ministry"),
    ("Văn phòng Chính phủ", "ministry"),
    ("Ủy ban nhân dân tỉnh Gia Lai", "province"),
    ("Sở Tài chính", "province"),
    ("Ủy ban nhân dân thành phố Hồ Chí Minh", "province"),
    ("Ủy ban nhân dân huyện Kbang", "district"),
    ("Phòng Nội vụ", "district"),
    ("Ủy ban nhân dân xã Đak Rong", "commune"),
    ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "province"),
    ("Ủy ban nhân dân các huyện, thị xã, thành phố", "district"),
    ("Ban Chỉ đạo xây dựng xã hội học tập", None),
]


# (name, level, province, district) as parsed: the fields the store and the graph read
PARSED = [
    ("Ủy ban nhân dân tỉnh Gia Lai", "province", "Gia Lai", None),
    ("Trung tâm Y tế huyện Kbang", "district", "Gia Lai", "Kbang"),
    ("Ủy ban nhân dân các phường, xã, đặc khu", "commune", None, None),
    ("Sở Y tế", "province", None, None),
    ("Bộ Tài chính", "ministry", None, None),
    ("Kho bạc Nhà nước Hà Nội", None, "Hà Nội", None),
]


@pytest.mark.parametrize("name,level,province,district", PARSED)
def test_parsed_structure(name: str, level: str | None, province: str | None, district: str | None) -> None:
    (a,) = agencies.split_list(name)
    assert (a.name, a.level, a.province, a.district) == (name, level, province, district)


def test_agencies_are_read_on_the_documents_own_tokens() -> None:
    from extractor.clean import clean

    doc = clean("1. Giao Sở\nNông nghiệp và Môi trường chủ trì, phối hợp với Bộ Tư lệnh\nThành phố.")
    found = agencies.find_in(doc, 0, len(doc.text))
    assert [(a.name, doc.text[a.start : a.end]) for a in found] == [
        ("Sở Nông nghiệp và Môi trường", "Sở\nNông nghiệp và Môi trường"),
        ("Bộ Tư lệnh Thành phố", "Bộ Tư lệnh\nThành phố"),
    ]


@pytest.mark.parametrize("name,level", LEVELS)
def test_level(name: str, level: str) -> None:
    assert agencies.level_of(name) == level


def test_places_before_and_after_2025() -> None:
    assert [d.province for d in places.find_districts("huyện Kbang")] == ["Gia Lai"]
    assert places.find_province("TP. Hồ Chí Minh").name == "Hồ Chí Minh"
    assert places.successor_province("Quảng Bình") == "Quảng Trị"  # merged on 1 July 2025
    assert places.successor_province("Bình Định") == "Gia Lai"
    assert places.successor_province("Hà Nội") == "Hà Nội"
    assert [d.province for d in places.find_districts("Quận 12")] == ["Hồ Chí Minh"]  # numbered districts
