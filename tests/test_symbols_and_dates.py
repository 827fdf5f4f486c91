"""Số ký hiệu and dates as printed."""

from __future__ import annotations

import pytest

from extractor import symbols
from extractor.dates import find_dates

SYMBOLS = [
    # (as printed, number, type code, issuer codes, party)
    ("98/2013/TT-BTC", "98/2013/TT-BTC", "TT", ("BTC",), False),
    ("674/UBND-VX", "674/UBND-VX", None, ("UBND",), False),
    ("1132 /UBND-VX", "1132/UBND-VX", None, ("UBND",), False),
    ("3210/QĐ - UBND", "3210/QĐ-UBND", "QĐ", ("UBND",), False),
    ("445/TTr-SGDĐT-GDCN-GDTX", "445/TTr-SGDĐT-GDCN-GDTX", "TTr", ("SGDĐT",), False),
    ("22/2013/QĐ-TTG", "22/2013/QĐ-TTg", "QĐ", ("TTg",), False),
    ("/KH-UBND", "/KH-UBND", "KH", ("UBND",), False),
    ("822/BCĐQG–XHHT", "822/BCĐQG-XHHT", None, ("BCĐQG",), False),
    ("259-KH/TU", "259-KH/TU", "KH", ("TU",), True),
    ("01-NQ/TV", "01-NQ/TV", "NQ", ("TV",), True),
]


@pytest.mark.parametrize("printed,number,type_code,issuers,party", SYMBOLS)
def test_symbol(printed: str, number: str, type_code: str | None, issuers: tuple, party: bool) -> None:
    s = symbols.parse(printed)
    assert s is not None
    assert (s.number, s.type_code, s.issuer_codes, s.party) == (number, type_code, issuers, party)


@pytest.mark.parametrize(
    "code,name",
    [
        ("QĐ", "Quyết định"),
        ("KH", "Kế hoạch"),
        ("TTr", "Tờ trình"),
        ("VBHN", "Văn bản hợp nhất"),
        ("CT", "Chỉ thị"),
        ("UBND", None),
    ],
)
def test_type_codes_follow_nghi_dinh_30(code: str, name: str | None) -> None:
    assert symbols.type_name(code) == name


def test_number_key_ignores_spacing_dashes_and_lookalikes() -> None:
    assert symbols.key("Số: 3210/QĐ - U B ND") == symbols.key("3210/QĐ-UBND") == symbols.key("3210/QÐ-UBND")


DATES = [
    ("Quảng Bình, ngày 24 tháng 4 năm 2017", "2017-04-24"),
    ("ngày 09/01/2013", "2013-01-09"),
    ("ngày 14/3/2014 của Bộ", "2014-03-14"),
    ("ngày 30/06/2011của UBND", "2011-06-30"),
    ("Hà Nội, ngày 26 tháng 0 6 năm 2018", "2018-06-26"),
    ("Lạng Giang, ngày tháng 7 năm 2023", None),
    ("ngày 31 tháng 02 năm 2020", None),
]


@pytest.mark.parametrize("text,iso", DATES)
def test_dates(text: str, iso: str | None) -> None:
    assert find_dates(text)[0].iso == iso
