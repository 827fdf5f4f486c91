"""Errors for input we cannot read. Each names the file and the reason, in English and Vietnamese.

The service maps these to HTTP 4xx answers and CLI exit codes in one place (service/errors.py);
nothing here knows about either.
"""

from __future__ import annotations

from models.errors import VanbanError  # the base every package raises on


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
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.source}: {self.reason_vi}{detail}"


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
