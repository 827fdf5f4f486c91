"""Normalisation: messy Vietnamese text in, clean text out, every character traceable to its source."""

from __future__ import annotations

import unicodedata

import pytest

from extractor.clean import clean, fold, fold_tones

# (what arrives, what clean() must make of it)
CLEANED = [
    pytest.param(
        unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Quảng Bình"),
        "Ủy ban nhân dân tỉnh Quảng Bình",
        id="decomposed tone marks are composed (NFC)",
    ),
    pytest.param(
        "Kính gửi:\u00a0\u00a0Uỷ ban nhân dân các huyện",
        "Kính gửi: Uỷ ban nhân dân các huyện",
        id="NBSP becomes one space, old tone placement kept in the text",
    ),
    pytest.param("\tSố: 674/UBND-VX", "Số: 674/UBND-VX", id="leading tab"),
    pytest.param(
        "1. Cục Quản lý lao động ngoài nước, Bộ Lao động - Thương binh và Xã hội có \ntrách nhiệm: \n\n \n86 \n"
        "CÔNG BÁO/Số 85 + 86/Ngày 17-01-2022 \n  \na) Quản lý người lao động đi làm việc ở nước ngoài",
        "1. Cục Quản lý lao động ngoài nước, Bộ Lao động - Thương binh và Xã hội có trách nhiệm:\n\n"
        "a) Quản lý người lao động đi làm việc ở nước ngoài",
        id="a Công báo page header and its page number on the line before: gone, not glued to the duty",
    ),
    pytest.param(
        "CÔNG BÁO/Số 1085 + 1086/Ngày 01-11-2023 \n3 \nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        id="the page number on the line after the header",
    ),
    pytest.param(
        "Căn cứ Luật Đầu\x00 tư công",
        "Căn cứ Luật Đầu tư công",
        id="a NUL from a PDF's text layer is dropped: PostgreSQL's text columns refuse it",
    ),
    pytest.param(
        "**ỦY BAN NHÂN DÂN\nHUYỆN KBANG**",
        "ỦY BAN NHÂN DÂN HUYỆN KBANG",
        id="markdown asterisks; a line break inside a bold run is a converter's wrap",
    ),
    pytest.param(
        "**ỦY\nBAN NHÂN DÂN **\nTHÀNH PHỐ HỒ CHÍ MINH",
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH",
        id="a web page's wrap inside a bold word group",
    ),
    pytest.param(
        "**QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch**",
        "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch",
        id="inside bold, the type line keeps its own line",
    ),
    pytest.param(
        "*Căn cứ Luật Tổ chức Chính\nquyền địa phương ngày 16 tháng 6 năm 2025;*\n\n*Căn cứ Luật Phòng, chống\n"
        "thiên tai ngày 19 tháng 6 năm 2013;*",
        "Căn cứ Luật Tổ chức Chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
        "Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;",
        id="italic paragraphs wrapped by a web page",
    ),
    pytest.param(
        "|\n**ỦY BAN NHÂN DÂN**\nTỈNH ĐỒNG THÁP\n--------\n|\n**CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: 617/KH-UBND\n|\n*Đồng Tháp,\nngày 01 tháng 12 năm 2025*\n|",
        "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 617/KH-UBND\nĐồng Tháp, ngày 01 tháng 12 năm 2025",
        id="a web page's table, one cell per block",
    ),
    pytest.param(
        "Xét báo cáo, đề xuất của\nSở Xây dựng tại Công văn số 15972/SXD-QLN ngày 14 tháng 11 năm 2025\n"
        "về rà soát và chuẩn hóa dữ liệu số nhà sau sắp xếp, gắn liền với dữ liệu đất\n"
        "đai, tọa độ thửa đất, tuyến đường, mã bưu chính;\nChủ tịch Ủy ban nhân dân\n"
        "Thành phố có ý kiến chỉ đạo như sau:\n1.1. Giao Sở Nông nghiệp và Môi trường khẩn trương chia sẻ toàn\n"
        "bộ cơ sở dữ liệu đất đai đã được cập nhật, cùng các tờ bản đồ địa chính có\n"
        "thông tin địa chỉ (số nhà) của Thành phố Hồ Chí Minh (sau sáp nhập) đến Ủy ban\n"
        "nhân dân các phường, xã, đặc khu để tiếp tục rà soát, đối chiếu, cập nhật, làm\n"
        "sạch dữ liệu số nhà và đến Sở Xây dựng để quản lý, theo dõi, đôn đốc quá trình.",
        "Xét báo cáo, đề xuất của Sở Xây dựng tại Công văn số 15972/SXD-QLN ngày 14 tháng 11 năm 2025 về rà soát và "
        "chuẩn hóa dữ liệu số nhà sau sắp xếp, gắn liền với dữ liệu đất đai, tọa độ thửa đất, tuyến đường, mã bưu chính;\n"
        "Chủ tịch Ủy ban nhân dân Thành phố có ý kiến chỉ đạo như sau:\n"
        "1.1. Giao Sở Nông nghiệp và Môi trường khẩn trương chia sẻ toàn bộ cơ sở dữ liệu đất đai đã được cập nhật, cùng "
        "các tờ bản đồ địa chính có thông tin địa chỉ (số nhà) của Thành phố Hồ Chí Minh (sau sáp nhập) đến Ủy ban nhân dân "
        "các phường, xã, đặc khu để tiếp tục rà soát, đối chiếu, cập nhật, làm sạch dữ liệu số nhà và đến Sở Xây dựng để "
        "quản lý, theo dõi, đôn đốc quá trình.",
        id="a text wrapped at 80 columns: paragraphs rejoined whatever the case of the next word",
    ),
    pytest.param("NGÀY 22/5/2013 VỀVIỆC BAN HÀNH", "NGÀY 22/5/2013 VỀ VIỆC BAN HÀNH", id="glued capitals"),
    pytest.param("Hà Nội, ngày22/5/2013", "Hà Nội, ngày 22/5/2013", id="date word glued to its digits"),
    pytest.param(
        "Quảng Nam, ngày 04tháng 6 năm2013", "Quảng Nam, ngày 04 tháng 6 năm 2013", id="digits glued to date words"
    ),
    pytest.param(
        "| BỘ XÂY DỰNG ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |\n"
        "|---|---|\n| Số: 2214/BXD-QLN | Hà Nội, ngày 23 tháng 10 năm 2013 |",
        "BỘ XÂY DỰNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 2214/BXD-QLN\n"
        "Hà Nội, ngày 23 tháng 10 năm 2013",
        id="markdown table: one cell per line, rules dropped",
    ),
    pytest.param(
        "UBND TỈNH QUẢNG NINH               CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM  SỞ GIÁO DỤC VÀ ĐÀO TẠO"
        "                             Độc lập - Tự do - Hạnh phúc  \n"
        "       Số:  1977/SGDĐT-CNTX                                     Quảng Ninh, ngày 14 tháng 07 năm 2011",
        "UBND TỈNH QUẢNG NINH\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 1977/SGDĐT-CNTX\nQuảng Ninh, ngày 14 tháng 07 năm 2011",
        id="two header columns flattened onto one line",
    ),
    pytest.param(
        "ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH",
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
        id="letter-spaced words from PDF conversion",
    ),
    pytest.param(
        "T hành phố Hồ Chí M inh, ngày 28 tháng 6 năm 2014",
        "Thành phố Hồ Chí Minh, ngày 28 tháng 6 năm 2014",
        id="letter-spaced place and date line",
    ),
    pytest.param(
        "xây dựng xã hội\n\nhọc tập giai đoạn 2021-2030;",
        "xây dựng xã hội học tập giai đoạn 2021-2030;",
        id="a paragraph broken mid-sentence is joined",
    ),
    pytest.param(
        "1. Phòng Giáo dục và Đào tạo\n\na) Đẩy mạnh chuyển đổi số",
        "1. Phòng Giáo dục và Đào tạo\n\na) Đẩy mạnh chuyển đổi số",
        id="a lettered item is not a continuation",
    ),
    pytest.param(
        "CÔNG BÁO/Số 635 + 636/Ngày 08-6-2020 \nĐiều 1. Phạm vi điều chỉnh",
        "Điều 1. Phạm vi điều chỉnh",
        id="Công báo page header removed",
    ),
    pytest.param("Số: 1977/SGDĐT-CNTX", "Số: 1977/SGDĐT-CNTX", id="Đ stays Đ"),
    pytest.param("Số: 1977/SGDÐT-CNTX", "Số: 1977/SGDĐT-CNTX", id="Icelandic Eth typed for Đ"),
]


def _lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.strip()]


@pytest.mark.parametrize("raw,expected", CLEANED)
def test_clean(raw: str, expected: str) -> None:
    assert _lines(clean(raw).text) == _lines(expected)


# Tone placement: old style folded to new style, only in open syllables (oa, oe, uy).
TONES = [
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("CỘNG HOÀ", "CỘNG HÒA"),
    ("hoà bình", "hòa bình"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("Thuỷ lợi", "Thủy lợi"),
    ("hoàn thành", "hoàn thành"),  # closed syllable: the tone is on "a" in both styles
    ("quỷ", "quỷ"),  # "qu" is the onset, not a glide
    ("tích luỹ", "tích lũy"),
]


@pytest.mark.parametrize("old,new", TONES)
def test_fold_tones_keeps_length(old: str, new: str) -> None:
    assert fold_tones(old) == new
    assert len(fold_tones(old)) == len(old)


def test_match_view_has_new_tones_and_same_length() -> None:
    doc = clean("Chánh Văn phòng Uỷ ban nhân dân tỉnh, CỘNG HOÀ")
    assert "Ủy ban" in doc.match and "Uỷ ban" in doc.text
    assert len(doc.match) == len(doc.text)


def test_fold_is_a_comparison_key() -> None:
    assert fold("Uỷ  Ban Nhân dân") == fold("ủy ban nhân dân")


@pytest.mark.parametrize(
    "raw,needle",
    [
        ("\tỦY BAN NHÂN DÂN \n\nTỈNH QUẢNG BÌNH\n\n\tSố: 674/UBND-VX\n", "674/UBND-VX"),
        ("| Số: 3210/QĐ - U B ND | T hành phố Hồ Chí M inh, ngày 28 tháng 6 năm 2014 |", "ngày 28 tháng 6 năm 2014"),
        (unicodedata.normalize("NFD", "Căn cứ Quyết định số 89/QĐ-TTg ngày 09/01/2013"), "89/QĐ-TTg"),
        ("**Kính gửi:**\n\n- UBND các xã, thị trấn.", "UBND các xã, thị trấn"),
    ],
)
def test_offsets_point_back_at_the_source(raw: str, needle: str) -> None:
    doc = clean(raw)
    start = doc.text.index(needle)
    end = start + len(needle)
    src_start, src_end = doc.source_offset(start), doc.source_offset(end - 1) + 1
    assert unicodedata.normalize("NFC", raw[src_start:src_end]) == needle
