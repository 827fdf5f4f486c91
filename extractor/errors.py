"""Errors for input we cannot read. Each names the file and the reason, in English and Vietnamese.

The service maps these to HTTP 4xx answers and CLI exit codes in one place (service/errors.py);
nothing here knows about either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models.errors import VanbanError  # the base every package raises on

_N = r"([\d,.]+)"
# The details raised in English (extractor/intake, pipeline, officialness), in Vietnamese for message_vi.
# A detail not listed here is left out of message_vi (it stays in `message`): a person reads no English.
DETAILS_VI: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d+)% of words carry Vietnamese letters"), "chỉ {0}% số từ có chữ tiếng Việt"),
    (
        re.compile(
            r"no two of issuing body, number, date, document type and national motto, and no numbered structure"
        ),
        "không có đủ hai trong các yếu tố: cơ quan ban hành, số, ngày, loại văn bản, quốc hiệu; không có điều, khoản",
    ),
    (re.compile(rf"only {_N} different word\(s\): one phrase repeated"), "chỉ có {0} từ khác nhau: một cụm từ lặp lại"),
    (re.compile(rf"{_N} bytes \(limit {_N}\)"), "{0} byte (giới hạn {1})"),
    (re.compile(rf"more than {_N} bytes"), "hơn {0} byte"),
    (re.compile(rf"{_N} characters of text \(limit {_N}\)"), "{0} ký tự (giới hạn {1})"),
    (
        re.compile(r"the file needs OCR but Tesseract is not installed"),
        "tệp cần nhận dạng ký tự (OCR) nhưng máy chưa cài Tesseract",
    ),
    (re.compile(r"OCR failed: .*"), "nhận dạng ký tự (OCR) thất bại"),
    (re.compile(r"OCR found no text in the image"), "nhận dạng ký tự không tìm thấy chữ trong ảnh"),
    (re.compile(rf"{_N} pages in the image \(limit {_N}\)"), "ảnh có {0} trang (giới hạn {1})"),
    (re.compile(r"image too large: .*"), "ảnh quá lớn"),
    (re.compile(r"damaged image: .*"), "ảnh bị hỏng"),
    (re.compile(r"a page of (\d+)x(\d+) pixels is too large"), "một trang {0}x{1} điểm ảnh, quá lớn"),
    (re.compile(r"WebP image"), "ảnh WebP"),
    (re.compile(r"BMP image"), "ảnh BMP"),
    (re.compile(r"password-protected Office document"), "tài liệu Office có mật khẩu"),
    (
        re.compile(r"legacy Office file \(\.doc/\.xls\); save it as DOCX or PDF"),
        "tệp Office đời cũ (.doc/.xls); hãy lưu lại dưới dạng DOCX hoặc PDF",
    ),
    (re.compile(r"parser failed: .*"), "bộ đọc tệp gặp lỗi"),
    (re.compile(r"damaged ZIP archive: .*"), "tệp nén ZIP bị hỏng"),
    (re.compile(r"damaged Word document: .*"), "tài liệu Word bị hỏng"),
    (re.compile(r"the document body has no text"), "phần thân tài liệu không có chữ"),
    (re.compile(rf"{_N} parts in the archive \(limit {_N}\)"), "tệp nén có {0} phần (giới hạn {1})"),
    (re.compile(r"encrypted ZIP archive"), "tệp nén ZIP được mã hóa"),
    (re.compile(rf"(.+) inflates {_N}:1 \(limit {_N}:1\)"), "{0} giải nén gấp {1} lần (giới hạn {2} lần)"),
    (re.compile(rf"unpacks to {_N} bytes \(limit {_N}\)"), "giải nén ra {0} byte (giới hạn {1})"),
    (re.compile(r"(.+) declares a DTD, which Word never writes"), "{0} khai báo DTD, điều Word không bao giờ làm"),
    (re.compile(rf"more than {_N} paragraphs in the document"), "tài liệu có hơn {0} đoạn"),
    (re.compile(r"tables nested more than (\d+) deep"), "bảng lồng nhau quá {0} tầng"),
    (re.compile(r"binary data \(NUL bytes\), not text"), "dữ liệu nhị phân (byte NUL), không phải văn bản"),
    (
        re.compile(r"binary data \(control characters\), not text"),
        "dữ liệu nhị phân (ký tự điều khiển), không phải văn bản",
    ),
    (re.compile(r"not text in any known encoding"), "không phải văn bản theo bảng mã nào đã biết"),
    (re.compile(r"no result after ([\d.]+) s"), "không có kết quả sau {0} giây"),
    (re.compile(r"(.+) ran out of memory"), "hết bộ nhớ khi đọc tệp"),
]


# "5,000,000": thousands as English writes them (f"{n:,}"); Vietnamese writes "5.000.000".
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


def translate(text: str, table: Sequence[tuple[re.Pattern[str], str]]) -> str | None:
    """One of our English messages in Vietnamese: the template of the first pattern of `table` that `text`
    matches whole, filled with its groups (numbers written as Vietnamese write them); None when none does.
    The file errors' details here and the intake's warnings (service/ui/labels.py) are put into Vietnamese
    this one way."""
    for pattern, vietnamese in table:
        m = pattern.fullmatch(text)
        if m:
            groups = (g.replace(",", ".") if g and _THOUSANDS.fullmatch(g) else g for g in m.groups())
            return vietnamese.format(*groups)
    return None


def detail_vi(detail: str) -> str | None:
    """A detail in Vietnamese, or None when it is not one of DETAILS_VI."""
    return translate(detail, DETAILS_VI)


class BadInput(VanbanError):
    """A file that cannot be turned into a record. Never a bug: the file itself is the problem."""

    code = "E100"
    reason_en = "the file cannot be read"
    reason_vi = "không đọc được tệp"

    def __init__(self, source: str, detail: str | None = None) -> None:
        self.source = source
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.source}: {self.reason_en}{detail}"

    @property
    def message_vi(self) -> str:
        vi = detail_vi(self.detail) if self.detail else None
        return f"{self.source}: {self.reason_vi}" + (f" ({vi})" if vi else "")


class EmptyFile(BadInput):
    code = "E101"
    reason_en = "the file is empty"
    reason_vi = "tệp rỗng"


class UnsupportedType(BadInput):
    code = "E102"
    reason_en = "unsupported file type (expected text, DOCX, PDF, PNG, JPEG or TIFF)"
    reason_vi = "loại tệp không được hỗ trợ (chỉ nhận văn bản, DOCX, PDF, PNG, JPEG, TIFF)"


class CorruptFile(BadInput):
    code = "E103"
    reason_en = "the file is damaged or not what its content claims"
    reason_vi = "tệp bị hỏng hoặc không đúng định dạng"


class EncryptedFile(BadInput):
    code = "E104"
    reason_en = "the file is encrypted or password-protected"
    reason_vi = "tệp được mã hóa hoặc có mật khẩu"


class TooLarge(BadInput):
    code = "E105"
    reason_en = "the file is too large"
    reason_vi = "tệp quá lớn"


class TooComplex(BadInput):
    """Zip bombs, PDFs claiming absurd page counts, parsers running out of memory."""

    code = "E106"
    reason_en = "the file exceeds safe parsing limits"
    reason_vi = "tệp vượt quá giới hạn xử lý an toàn"


class ParseTimeout(BadInput):
    code = "E107"
    reason_en = "reading the file took too long"
    reason_vi = "đọc tệp quá thời gian cho phép"


class NoText(BadInput):
    code = "E108"
    reason_en = "no text could be read from the file"
    reason_vi = "không trích xuất được nội dung văn bản"


class NotVietnamese(BadInput):
    code = "E109"
    reason_en = "the document does not appear to be in Vietnamese"
    reason_vi = "văn bản không phải tiếng Việt"


class NotOfficial(BadInput):
    """Text with no mark of an official document: random bytes, a word salad, one line repeated."""

    code = "E111"
    reason_en = "the text does not look like an official document"
    reason_vi = (
        "nội dung không mang dấu hiệu nào của một văn bản hành chính "
        "(cơ quan ban hành, số, ngày, loại văn bản, quốc hiệu hay điều khoản)"
    )
