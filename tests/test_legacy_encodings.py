"""Vietnamese typed in the legacy font encodings TCVN3 (ABC, ".VnTime") and VNI ("VNI-Times"): in text
files (as bytes, or exported as Unicode characters), and in DOCX runs whose font names them. Issue 8,
item 6. The strings are as legacy documents print them; conversion must give the Unicode text."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import docx
import pytest
from builders import corpus_text, encode_legacy, make_text

from extractor.intake import Limits, load, load_bytes
from extractor.intake.docx import read_docx
from extractor.intake.legacy import convert, convert_legacy_text, encoding_of_font

# (typed in TCVN3, as Unicode): the header lines every document has, and body phrases
TCVN3 = [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Uû ban nh©n d©n tØnh Qu¶ng B×nh", "Uỷ ban nhân dân tỉnh Quảng Bình"),
    ("Sè: 12/Q§-UBND", "Số: 12/QĐ-UBND"),
    ("C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph\u00ad¬ng", "Căn cứ Luật Tổ chức chính quyền địa phương"),  # \u00ad is ư
    (
        "Së Gi¸o dôc vµ §µo t¹o chñ tr×, phèi hîp víi c¸c së, ngµnh",
        "Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành",
    ),
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("M\u00adêng Kh\u00ad¬ng", "Mường Khương"),
    # capitals typed with the lower-case codes, as a ".VnTimeH" heading is
    ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("QUYÕT §ÞNH", "QUYẾT ĐỊNH"),
    ("Së GI¸O DôC Vµ §µO T¹O", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
    ("TM. Uû BAN NH¢N D¢N TØNH", "TM. UỶ BAN NHÂN DÂN TỈNH"),
]
VNI = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("UÛY BAN NHAÂN DAÂN TÆNH ÑOÀNG THAÙP", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP"),
    ("Soá: 617/KH-UBND", "Số: 617/KH-UBND"),
    (
        "Sôû Taøi chính chuû trì, phoái hôïp vôùi caùc ñôn vò ñöôïc giao",
        "Sở Tài chính chủ trì, phối hợp với các đơn vị được giao",
    ),
    ("Tieáng Vieät raát hay", "Tiếng Việt rất hay"),
    ("Ñaø Naüng, ngaøy 5 thaùng 6 naêm 2008", "Đà Nẵng, ngày 5 tháng 6 năm 2008"),
]


@pytest.mark.parametrize(("typed", "unicode"), TCVN3)
def test_tcvn3_strings(typed: str, unicode: str) -> None:
    assert convert(typed, "tcvn3") == unicode


@pytest.mark.parametrize(("typed", "unicode"), VNI)
def test_vni_strings(typed: str, unicode: str) -> None:
    assert convert(typed, "vni") == unicode


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        (".VnTime", ("tcvn3", False)),
        (".VnTimeH", ("tcvn3", True)),
        (".VnArial NarrowH", ("tcvn3", True)),
        (".VnCentury Schoolbook", ("tcvn3", False)),
        ("VNI-Times", ("vni", False)),
        ("VNI-Helve", ("vni", False)),
        ("Times New Roman", None),
        ("Vni Extra Sans", None),
        (None, None),
    ],
)
def test_the_font_names_the_encoding(font: str | None, expected: tuple[str, bool] | None) -> None:
    assert encoding_of_font(font) == expected


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("saved_as", ["bytes", "exported"])
def test_a_legacy_text_file_is_converted(encoding: str, saved_as: str) -> None:
    typed = "\n".join(legacy for legacy, _ in (TCVN3 if encoding == "tcvn3" else VNI))
    data = typed.encode("cp1252") if saved_as == "bytes" else typed.encode("utf-8")
    loaded = load_bytes(data, f"cu.{encoding}.txt")
    expected = [unicode for _, unicode in (TCVN3 if encoding == "tcvn3" else VNI)]
    assert loaded.text.split("\n") == expected
    name = "TCVN3 (ABC)" if encoding == "tcvn3" else "VNI"
    assert f"typed in the legacy {name} encoding converted to Unicode" in loaded.warnings[-1]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().replace("uỷ", "ủy").replace("oà", "òa")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_whole_document_typed_in_a_legacy_encoding_reads_as_the_unicode_one(encoding: str, tmp_path: Path) -> None:
    from extractor.pipeline import extract_file

    text = corpus_text("quangbinh-674-UBND-VX-2017")
    unicode = extract_file(make_text(text, tmp_path / "u.txt")).record.document
    legacy = load(make_text(text, tmp_path / f"l.{encoding}.txt", encoding=encoding))
    assert _fold(legacy.text) == _fold(text)
    record = extract_file(tmp_path / f"l.{encoding}.txt").record.document
    assert (record.number, record.issuer, record.issued_date, record.doc_type) == (
        unicode.number,
        unicode.issuer,
        unicode.issued_date,
        unicode.doc_type,
    )


UNICODE_TEXTS = [
    corpus_text("quangbinh-674-UBND-VX-2017"),
    corpus_text("btc-98-2013-TT-BTC-2013"),
    "Kích thước 5 µm, © 2024, giá 10 €; Ông Nguyễn Văn A (Pháp: René, Ñuñez) ký thay.",
    "Café au lait, déjà vu, naïve; Ångström; über; señor; ½ ¼ ¾",
]


@pytest.mark.parametrize("text", UNICODE_TEXTS, ids=["674", "98-TT-BTC", "symbols", "western"])
def test_unicode_text_is_left_alone(text: str) -> None:
    assert convert_legacy_text(text) == (text, None)


def test_a_text_mixing_unicode_and_legacy_lines_converts_only_the_legacy_ones() -> None:
    unicode = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Xét đề nghị của Giám đốc Sở Tài chính.",
    ]
    typed = [legacy for legacy, _ in TCVN3]
    out, warning = convert_legacy_text("\n".join(unicode + typed))
    assert out.split("\n") == unicode + [converted for _, converted in TCVN3]
    assert warning == f"{len(TCVN3)} lines typed in the legacy TCVN3 (ABC) encoding converted to Unicode"


def test_a_few_legacy_words_in_a_unicode_document_are_not_enough() -> None:
    # A Unicode document with a half-converted fragment (seen in shared/scale: "Trư\u00adờng"): converting
    # would make its "công" into "cụng"; a share of words that gain this small is not a legacy text.
    text = corpus_text("quangbinh-674-UBND-VX-2017") + "\nSè liÖu kÌm theo: B¶o Th¾ng\n"
    assert convert_legacy_text(text) == (text, None)


def _docx(paragraphs: list[tuple[str, str | None]], normal_font: str | None = None) -> bytes:
    document = docx.Document()
    if normal_font:
        document.styles["Normal"].font.name = normal_font
    for text, font in paragraphs:
        paragraph = document.add_paragraph()
        for piece in text.split("|"):  # "|" splits a paragraph into runs, as Word's editing does
            run = paragraph.add_run(piece)
            if font:
                run.font.name = font
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_runs_are_converted_by_their_font() -> None:
    data = _docx(
        [
            ("céng hßa x· héi chñ nghÜa viÖt nam", ".VnTimeH"),  # capitals drawn by the font
            ("§éc lËp - Tù do - H¹nh phóc", ".VnTime"),
            ("Vie|ät Nam, ñoäc laäp", "VNI-Times"),  # a VNI letter split from its mark between two runs
            ("Việt Nam, độc lập", "Times New Roman"),
            ("Việt Nam, độc lập", None),
        ]
    )
    loaded = read_docx(data, "cu.docx", Limits())
    assert loaded.text.split("\n") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Việt Nam, độc lập",
        "Việt Nam, độc lập",
        "Việt Nam, độc lập",
    ]
    assert loaded.warnings == (
        "2 paragraphs typed in the legacy TCVN3 (ABC) encoding converted to Unicode",
        "1 paragraph typed in the legacy VNI encoding converted to Unicode",
    )


def test_a_docx_style_font_counts_but_text_already_in_unicode_is_kept() -> None:
    data = _docx([("Uû ban nh©n d©n tØnh Qu¶ng B×nh", None), ("Không phông: Việt Nam", None)], ".VnTime")
    loaded = read_docx(data, "style.docx", Limits())
    assert loaded.text.split("\n") == ["Uỷ ban nhân dân tỉnh Quảng Bình", "Không phông: Việt Nam"]


def test_a_legacy_docx_goes_through_intake_with_the_warning(tmp_path: Path) -> None:
    path = tmp_path / "cu.docx"
    path.write_bytes(_docx([("Sè: 12/Q§-UBND", ".VnTime"), ("V/v thùc hiÖn kÕ ho¹ch", ".VnTime")]))
    loaded = load(path)
    assert loaded.text == "Số: 12/QĐ-UBND\nV/v thực hiện kế hoạch"
    assert loaded.warnings == ("2 paragraphs typed in the legacy TCVN3 (ABC) encoding converted to Unicode",)


def test_the_test_fixtures_encode_with_the_same_tables() -> None:
    assert encode_legacy("Cộng hòa", "tcvn3") == "Céng hßa"
    assert encode_legacy("Cộng hòa", "vni") == "Coäng hoøa"
