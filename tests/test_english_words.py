"""The checker behind the "no English for people" tests: it finds English and leaves Vietnamese alone."""

import pytest
from english_words import english_words


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("weak match: check", ["weak", "match", "check"]),
        ("Cấp: province", ["province"]),
        ("Quan hệ: implements", ["implements"]),
        ("văn bản không phải tiếng Việt (0% of words carry Vietnamese letters)", ["of"]),
        ("Ủy ban nhân dân tỉnh Quảng Bình giao Sở Giáo dục và Đào tạo chủ trì", []),
        ("Số: 89/QĐ-TTg, lỗi E111, năm 2025, to lớn, do đó, an toàn, in ấn", []),
    ],
)
def test_english_words(text: str, found: list[str]) -> None:
    assert english_words(text) == found
