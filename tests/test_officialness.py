"""Garbage is refused with a reason (E111), official documents are not, and an official document that
cannot be read in parts is kept with a warning. Issue 13, item 2."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from builders import CORPUS, corpus_text
from fuzz import SALAD_WORDS

from extractor.errors import NoText, NotOfficial, NotVietnamese, UnsupportedType
from extractor.intake import load_bytes
from extractor.pipeline import extract_text

# The garbage, and what each must be refused as.
GARBAGE = [
    ("ten random bytes", bytes.fromhex("7927e1fd6a5777 2d2446".replace(" ", "")), NotOfficial),
    ("a 30-byte word salad", "nhà nước dân chủ cây xanh bay".encode(), NotOfficial),
    (
        "a longer word salad",
        " ".join(
            random.Random(3).choices(
                SALAD_WORDS[:19],  # the everyday words only: none of "ủy ban", "tỉnh", ...
                k=400,
            )
        ).encode(),
        NotOfficial,
    ),
    ("control characters", bytes(range(1, 32)) * 10, UnsupportedType),
    ("allowed control characters only", b"\x0c\x0b\x1a\x1b\t" * 100, NoText),
    ("'Điều 1.' repeated", "Điều 1.\n".encode() * 100_000, NotOfficial),
    ("'Điều 1.' repeated on one line", "Điều 1. ".encode() * 100_000, NotOfficial),
    ("one official-looking line repeated", "Số: 1/UBND\n".encode() * 1000, NotOfficial),
    (
        "a word salad with a type line",
        ("cây xanh\nQUYẾT ĐỊNH\n" + "nhà nước bay về trời mưa\n" * 20).encode(),
        NotOfficial,
    ),
    ("English", b"The quick brown fox jumps over the lazy dog. " * 20, NotVietnamese),
]


@pytest.mark.parametrize(("data", "error"), [g[1:] for g in GARBAGE], ids=[g[0] for g in GARBAGE])
def test_garbage_is_refused_with_a_reason(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        loaded = load_bytes(data, "rac.txt")
        extract_text(loaded.text, "rac.txt")
    if error is NotOfficial:
        assert caught.value.code == "E111"  # type: ignore[attr-defined]
        assert "official document" in str(caught.value) and "văn bản hành chính" in caught.value.message_vi  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:40])
def test_every_corpus_document_is_official_and_readable(path: Path) -> None:
    result = extract_text(path.read_text(encoding="utf-8"), path.name)
    assert not any("could not be read" in w for w in result.intake.warnings)


@pytest.mark.parametrize(
    "text",
    [
        # a decision's attachment alone: no header, but numbered articles
        "QUY ĐỊNH\nVề quản lý tài sản công\nĐiều 1. Phạm vi điều chỉnh\nĐiều 2. Đối tượng áp dụng\n"
        "Điều 3. Giải thích từ ngữ\nTrong Quy định này, các từ ngữ dưới đây được hiểu như sau.",
        # a draft whose number and day are blank
        "ỦY BAN NHÂN DÂN HUYỆN LẠNG GIANG\nSố: /KH-UBND\nLạng Giang, ngày tháng 7 năm 2023\n"
        "KẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2023 trên địa bàn huyện",
        # OCR slips in the motto and the type line still count
        "CỌNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQUYÉT ĐỊNH\nVề việc giao nhiệm vụ cho các phòng ban chuyên môn",
    ],
    ids=["articles only", "draft", "OCR slips"],
)
def test_official_documents_without_every_mark_are_read(text: str) -> None:
    extract_text(text, "x.txt")


GARBLED = "Ťŕ ǐʘ kłm ŋq ž ŵŷ ǂ ʒe ğöz ÿ ħ ŧ ß ŋ ţr ŀl ǩ ø"


def partly_unreadable() -> str:
    lines = corpus_text("vinhlong-684-QD-UBND-2013").splitlines()
    # every third body line damaged, as a scan with a wet stain reads
    return "\n".join(line if i < 12 or i % 3 else GARBLED for i, line in enumerate(lines))


def test_an_official_document_unreadable_in_parts_is_kept_with_a_warning() -> None:
    result = extract_text(partly_unreadable(), "vinhlong-hong.txt")
    assert result.record.document.number == "684/QĐ-UBND"
    [warning] = [w for w in result.intake.warnings if "could not be read" in w]
    assert warning.startswith("parts of the text could not be read: ") and "check them against the original" in warning


def test_the_cli_says_why_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "rac.bin").write_bytes(os.urandom(10).replace(b"\x00", b"a"))
    (tmp_path / "salad.txt").write_text("nhà nước dân chủ cây xanh bay", encoding="utf-8")
    (tmp_path / "674.txt").write_text(corpus_text("quangbinh-674-UBND-VX-2017"), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "service.cli",
            "extract",
            "--format",
            "json",
            *(str(tmp_path / n) for n in ("rac.bin", "salad.txt", "674.txt")),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        f"vanban: {tmp_path / 'salad.txt'}: nội dung không mang dấu hiệu nào của một văn bản hành chính" in done.stderr
    )
    assert len(done.stderr.strip().splitlines()) == 2 and '"674/UBND-VX"' in done.stdout
