"""Plain text: encodings decode to the same text; type comes from content; sizes are checked first."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from builders import corpus_text, encode_cp1258, make_text

from extractor.errors import EmptyFile, EncryptedFile, TooLarge, UnsupportedType
from extractor.intake import Limits, load, load_bytes
from extractor.intake.sniff import sniff

SAMPLE = corpus_text("quangbinh-674-UBND-VX-2017")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("encoding", "reported", "warns"),
    [
        ("utf-8", "utf-8", False),
        ("utf-8-sig", "utf-8", False),
        ("utf-16", "utf-16", False),  # with BOM
        ("utf-16-le", "utf-16", True),  # no BOM: found by its NUL pattern
        ("utf-16-be", "utf-16", True),
        ("utf-32", "utf-32", False),
        ("cp1258", "windows-1258", True),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str, reported: str, warns: bool) -> None:
    loaded = load(make_text(SAMPLE, tmp_path / f"doc.{encoding}.txt", encoding=encoding))
    assert nfc(loaded.text) == nfc(SAMPLE)
    assert (loaded.kind, loaded.encoding) == ("text", reported)
    assert loaded.media_type == f"text/plain; charset={reported}"
    assert bool(loaded.warnings) == warns


def test_cp1258_is_not_read_as_cp1252_mojibake() -> None:
    data = encode_cp1258("Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc")
    assert b"\xf2" in data  # "ệ" went in as "ê" + a combining dot below, as cp1258 writes it
    loaded = load_bytes(data, "legacy.txt")
    assert nfc(loaded.text) == "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc"
    assert loaded.warnings == ("encoding guessed as windows-1258",)


def test_western_legacy_text_is_read_as_cp1252() -> None:
    loaded = load_bytes("Café au lait, déjà vu — naïve".encode("cp1252"), "fr.txt")
    assert (loaded.text, loaded.encoding) == ("Café au lait, déjà vu — naïve", "windows-1252")


def test_text_is_returned_as_the_source_gives_it() -> None:
    text = "  Số: 12/UBND\r\n\tV/v  thử\u00a0nghiệm  \n"
    assert load_bytes(text.encode(), "raw.txt").text == text  # no whitespace or NFC normalisation here


@pytest.mark.parametrize(
    ("data", "error", "detail"),
    [
        (b"", EmptyFile, None),
        (b"  \r\n\t \n", EmptyFile, None),
        ("\n \n".encode("utf-16"), EmptyFile, None),
        (bytes(200), UnsupportedType, "NUL bytes"),
        (b"text\x01\x02\x03\x04\x05\x06\x07\x08 with controls" * 4, UnsupportedType, "control characters"),
        (bytes(range(0x80, 0x100)) * 8, UnsupportedType, "not text"),
        (b"{\\rtf1\\ansi Hello}", UnsupportedType, "RTF"),
        (b"GIF89a\x01\x00\x01\x00", UnsupportedType, "GIF"),
        (b"BM" + bytes(4) + bytes(4) + b"\x36\x00\x00\x00", UnsupportedType, "BMP"),
        (b"\x1f\x8b\x08\x00" + bytes(20), UnsupportedType, "gzip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), UnsupportedType, ".doc"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), EncryptedFile, None),
    ],
)
def test_bad_text_inputs(data: bytes, error: type[Exception], detail: str | None) -> None:
    with pytest.raises(error) as caught:
        load_bytes(data, "upload.bin")
    assert caught.value.source == "upload.bin"  # type: ignore[attr-defined]
    if detail:
        assert detail in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_text_starting_with_bm_is_still_text() -> None:
    assert load_bytes(b"BMW xe hoi", "car.txt").text == "BMW xe hoi"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\r\n\r\n%PDF-1.4\n", "pdf"),  # junk before the header is allowed
        (b"PK\x03\x04rest", "zip"),
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"\xff\xd8\xff\xe0", "jpeg"),
        (b"II*\x00", "tiff"),
        (b"MM\x00*", "tiff"),
        ("Số: 674/UBND-VX".encode(), "text"),
    ],
)
def test_sniff_by_content(head: bytes, kind: str) -> None:
    assert sniff(head, head, "x") == kind


def test_name_does_not_decide_the_type(tmp_path: Path) -> None:
    path = tmp_path / "really-text.pdf"
    path.write_text("Số: 674/UBND-VX", encoding="utf-8")
    assert load(path).kind == "text"


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(TooLarge, match="2,048 bytes"):
        load(path, limits=Limits(max_bytes=1024))
    with pytest.raises(TooLarge):
        load_bytes(b"a" * 2048, "big.txt", limits=Limits(max_bytes=1024))


def test_name_overrides_path_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "x"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile) as caught:
        load(path, name="upload-17.docx")
    assert caught.value.source == "upload-17.docx"
    assert str(caught.value) == "upload-17.docx: the file is empty"


def test_utf8_with_a_few_latin1_bytes_is_read_with_replacements_and_a_warning() -> None:
    # The case: a UTF-8 document with "café" pasted in Latin-1 was refused 11 times of 11.
    third = len(SAMPLE) // 3
    parts = [SAMPLE[:third].encode(), SAMPLE[third : 2 * third].encode(), SAMPLE[2 * third :].encode()]
    data = parts[0] + "café".encode("latin-1") + parts[1] + b"\xe9t\xe9" + parts[2]
    loaded = load_bytes(data, "mostly-utf8.txt")
    assert loaded.encoding == "utf-8" and loaded.text.count("\ufffd") == 3
    assert nfc(loaded.text.replace("caf\ufffd", "", 1).replace("\ufffdt\ufffd", "", 1)) == nfc(SAMPLE)
    assert loaded.warnings == ("3 bytes that are not UTF-8 (0.05% of the file) replaced by U+FFFD",)


def test_utf8_encoded_twice_is_undone() -> None:
    # read as Latin-1 and saved as UTF-8 again: "Cá»™ng hÃ²a" (the fuzz corpus found these refused as binary)
    loaded = load_bytes(SAMPLE.encode().decode("latin-1").encode(), "mojibake.txt")
    assert nfc(loaded.text) == nfc(SAMPLE) and loaded.warnings == ("UTF-8 encoded twice (mojibake): undone",)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Cộng hòa xã hội chủ nghĩa Việt Nam. ".encode() * 3 + bytes([0xE9]) * 8, "windows-1258"),  # too many
        ("Café au lait, déjà vu — naïve ".encode("cp1252") * 40, "windows-1252"),  # no UTF-8 at all
    ],
)
def test_more_than_a_few_bad_bytes_is_not_utf8(data: bytes, encoding: str) -> None:
    assert load_bytes(data, "x.txt").encoding == encoding


def test_a_few_stray_nuls_are_dropped_with_a_warning_not_refused() -> None:
    # Circulars of the Công báo set (02/2024/TT-BKHĐT) carry 2 to 11 NULs in 100,000 characters from some
    # converter: refused as binary before, or stored and then refused by PostgreSQL's text columns (E500)
    third = len(SAMPLE) // 3
    data = (SAMPLE[:third] + "\x00" + SAMPLE[third : 2 * third] + "\x00" + SAMPLE[2 * third :]).encode()
    loaded = load_bytes(data, "stray-nuls.txt")
    assert "\x00" not in loaded.text and nfc(loaded.text) == nfc(SAMPLE)
    assert loaded.warnings == ("2 NUL characters removed",)


def test_text_that_is_mostly_nuls_is_still_binary() -> None:
    with pytest.raises(UnsupportedType, match="NUL bytes"):
        load_bytes(SAMPLE[:300].encode() + bytes(50), "binary.txt")
