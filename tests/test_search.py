"""Search for Vietnamese: what every document carries is not content, words match with and without
diacritics, a số ký hiệu in any spelling, the trích yếu weighs more than the body, snippets are plain
text with offsets and escaped HTML with <mark>, filters as document lists have. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from store_fixtures import *  # noqa: F403
from store_fixtures import Store

from models.record import DocumentHeader, ExtractionRecord, ExtractionResult, IntakeInfo
from service.store.queries.documents import DocumentFilter
from service.store.queries.search import search, snippet
from service.store.search_text import content, folded, terms

LETTER = """ỦY BAN NHÂN DÂN TỈNH {province_upper} | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: {number} | {province}, ngày 10 tháng 5 năm {year}
{kind_upper}
{subject}
{body}
Nơi nhận:
- Như Điều 3;
- Bộ Giáo dục và Đào tạo;
- Lưu: VT, VX.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
(Đã ký)
Nguyễn Văn Hùng
"""


def letter(
    number: str, subject: str, body: str, *, province: str = "Quảng Bình", year: int = 2017, kind: str = "Kế hoạch"
) -> ExtractionResult:
    text = LETTER.format(
        province_upper=province.upper(),
        province=province,
        number=number,
        year=year,
        kind_upper=kind.upper(),
        subject=subject,
        body=body,
    )
    record = ExtractionRecord(
        source=f"{number}.txt",
        document=DocumentHeader(
            doc_type=kind,
            number=number,
            issuer=f"Ủy ban nhân dân tỉnh {province}",
            level="province",
            province=province,
            issued_date=f"{year}-05-10",
            subject=subject,
        ),
    )
    return ExtractionResult(
        record=record, text=text, spans=[], intake=IntakeInfo(kind="text", media_type="text/plain"),
        extractor_version="test-1",
    )  # fmt: skip


# --- the text searched ------------------------------------------------------------------------------

CONTENT = [
    # (line of a document, kept as content?)
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),
    ("CỘNG H0À XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),  # "0" for "O", as OCR reads it
    ("Độc lập - Tự do - Hạnh phúc", False),
    ("Độc lập- Tự do- Hạnh phúc", False),
    ("Độc lập – Tự do – Hạnh phúc", False),
    ("TM. ỦY BAN NHÂN DÂN", False),
    ("KT. BỘ TRƯỞNG", False),
    ("(Đã ký)", False),
    ("Xây dựng xã hội học tập giai đoạn 2021 - 2030", True),
    ("Điều 2. Giao Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành liên quan", True),
]


@pytest.mark.parametrize(("line", "kept"), CONTENT)
def test_the_lines_every_document_carries_are_not_content(line: str, kept: bool) -> None:
    assert (line in content(f"Mở đầu.\n{line}\nKết thúc.")) is kept


def test_the_closing_is_left_out_and_an_appendix_after_it_kept() -> None:
    text = (
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký./.\n"
        "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn Hùng\n"
        "QUY ĐỊNH\nVề việc tặng quà người có công với cách mạng\n"
        "Điều 1. Quy định này quy định về việc tặng quà nhân ngày Thương binh liệt sĩ 27 tháng 7 hằng năm."
    )
    kept = content(text)
    assert "Như Điều 3" not in kept and "Lưu: VT" not in kept and "Nguyễn Văn Hùng" not in kept
    assert "Điều 3. Quyết định có hiệu lực" in kept and "QUY ĐỊNH" in kept and "tặng quà nhân ngày" in kept


def test_a_signature_before_the_recipients_is_left_out_too() -> None:
    text = (
        "Đề nghị các đơn vị triển khai thực hiện nghiêm túc nội dung công văn này./.\n"
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nHồ Văn Mừng\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"
        "PHỤ LỤC\nDanh sách các trung tâm học tập cộng đồng được khen thưởng trong năm học 2016 - 2017"
    )
    kept = content(text)
    assert "Hồ Văn Mừng" not in kept and "PHÓ CHỦ TỊCH" not in kept and "Như trên" not in kept
    assert "triển khai thực hiện nghiêm túc" in kept and "PHỤ LỤC" in kept


@pytest.mark.parametrize(
    ("query", "groups"),
    [
        ("xã hội học tập", [["xa"], ["hoi"], ["hoc"], ["tap"]]),
        ("xa hoi hoc tap", [["xa"], ["hoi"], ["hoc"], ["tap"]]),
        ("QD-TTg", [["qd", "ttg"]]),
        ("qđ ttg", [["qd"], ["ttg"]]),
        ("89/QĐ-TTg", [["89", "qd", "ttg"]]),
        ('"-:*/(', []),
    ],
)
def test_a_query_is_read_as_groups_of_folded_words(query: str, groups: list[list[str]]) -> None:
    assert terms(query) == groups


def test_folding_keeps_one_character_for_one() -> None:
    s = "ĐẨY MẠNH Phổ cập giáo dục, QĐ-TTg"
    assert folded(s) == "day manh pho cap giao duc, qd-ttg" and len(folded(s)) == len(s)


def test_a_snippet_is_plain_text_with_offsets_and_escaped_html() -> None:
    s = snippet("Mở đầu <script>alert(1)</script> về xây dựng Xã hội học tập & khuyến học.", "xa hoi hoc tap")
    assert [s.text[m.start : m.end] for m in s.matches] == ["Xã hội học tập", "học"]
    assert "<script>" not in s.html and "&lt;script&gt;" in s.html and "&amp;" in s.html
    assert "<mark>Xã hội học tập</mark>" in s.html and "[" not in s.text


def test_a_snippet_is_cut_at_word_boundaries() -> None:
    words = " ".join(["giai đoạn"] * 80) + " phổ cập giáo dục " + " ".join(["giai đoạn"] * 80)
    s = snippet(words, "phổ cập", width=60)
    inner = s.text.strip("…").split()
    assert set(inner) <= {"giai", "đoạn", "phổ", "cập", "giáo", "dục"}


# --- the store ---------------------------------------------------------------------------------------


@pytest.fixture
def letters(store: Store) -> Store:
    store.ingest(
        letter(
            "674/UBND-VX",
            "V/v thực hiện Đề án Xây dựng xã hội học tập giai đoạn 2012-2020",
            "Căn cứ Quyết định số 89/QĐ-TTg ngày 09/01/2013 của Thủ tướng Chính phủ; đề nghị các sở, ngành "
            "triển khai thực hiện.",
        )
    )
    store.ingest(
        letter(
            "45/KH-UBND",
            "Kế hoạch phổ cập giáo dục mầm non năm 2021",
            "Các đơn vị đẩy mạnh công tác xã hội hóa, học tập suốt đời và phổ cập giáo dục.",
            province="Vĩnh Long",
            year=2021,
        )
    )
    store.ingest(
        letter(
            "12/QĐ-UBND",
            "Quyết định ban hành quy chế làm việc",
            "Ủy ban nhân dân tỉnh làm việc theo chế độ tập thể; văn phòng giúp việc.",
            kind="Quyết định",
            province="Gia Lai",
            year=2019,
        )
    )
    return store


def numbers(store: Store, q: str, f: DocumentFilter | None = None) -> list[str | None]:
    with store.session() as s:
        return [h.document.number for h in search(s, q, f=f).data]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        # the quốc hiệu, tiêu ngữ, Nơi nhận and signature of every letter are not what is searched
        ("cộng hòa chủ nghĩa", []),
        ("độc lập hạnh phúc", []),
        ("như điều 3", []),
        ("Nguyễn Văn Hùng", []),
        # with and without diacritics; the trích yếu before a body that has the words apart
        ("xã hội học tập", ["674/UBND-VX", "45/KH-UBND"]),
        ("xa hoi hoc tap", ["674/UBND-VX", "45/KH-UBND"]),
        ("phổ cập giáo dục", ["45/KH-UBND"]),
        # a số ký hiệu in any spelling; the document's own number before the ones it cites
        ("QD-TTg", ["674/UBND-VX"]),
        ("qđ ttg", ["674/UBND-VX"]),
        ("89/QĐ-TTg", ["674/UBND-VX"]),
        ("QĐ-UBND", ["12/QĐ-UBND"]),
        ("ubnd vx 674", ["674/UBND-VX"]),
    ],
)
def test_search_finds_what_a_clerk_means(letters: Store, query: str, found: list[str]) -> None:
    assert numbers(letters, query) == found


def test_search_filters_as_document_lists_do(letters: Store) -> None:
    assert numbers(letters, "xa hoi hoc tap", DocumentFilter(province="Vĩnh Long")) == ["45/KH-UBND"]
    assert numbers(letters, "xa hoi hoc tap", DocumentFilter(year=2017)) == ["674/UBND-VX"]
    assert numbers(letters, "tỉnh", DocumentFilter(doc_type="quyết định")) == ["12/QĐ-UBND"]
    assert numbers(letters, "tỉnh", DocumentFilter(level="district")) == []


def test_a_corrected_trich_yeu_is_searched(letters: Store) -> None:
    from service.store.repository import add_correction

    with letters.session() as s:
        doc_id = search(s, "quy chế làm việc").data[0].document.id
        add_correction(s, doc_id, "document.subject", "Quyết định về nuôi trồng thủy sản", author="test")
    assert numbers(letters, "thuy san") == ["12/QĐ-UBND"]


def test_a_search_hit_marks_the_words_in_its_passage(letters: Store) -> None:
    with letters.session() as s:
        hit = search(s, "xa hoi hoc tap").data[0]
    assert [hit.snippet[m.start : m.end] for m in hit.matches] == ["xã hội học tập"]
    assert "<mark>xã hội học tập</mark>" in hit.snippet_html and "CỘNG HÒA" not in hit.snippet


def test_the_migration_indexes_the_documents_already_held(letters: Store) -> None:
    """Documents stored before search_docs existed are found after the upgrade (and the downgrade works)."""
    from alembic import command

    from service.store.db import alembic_config

    cfg = alembic_config(letters.engine)
    with letters.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    with letters.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert numbers(letters, "xa hoi hoc tap") == ["674/UBND-VX", "45/KH-UBND"]
    assert numbers(letters, "cộng hòa chủ nghĩa") == []


def test_the_trich_yeu_ranks_above_the_body(store: Store) -> None:
    store.ingest(
        letter(
            "7/UBND-NN",
            "V/v báo cáo tình hình sản xuất vụ Đông Xuân",
            "Đề nghị các địa phương báo cáo diện tích nuôi trồng thủy sản, thủy sản nước ngọt, thủy sản nước lợ "
            "và sản lượng thủy sản khai thác, chăn nuôi và trồng trọt trong vụ.",  # the words 4 times in the body
        )
    )
    store.ingest(
        letter(
            "8/UBND-NN",
            "V/v phát triển nuôi trồng thủy sản năm 2018",
            "Đề nghị các địa phương báo cáo kết quả thực hiện trong năm.",
            year=2018,
        )
    )
    assert numbers(store, "nuoi trong thuy san") == ["8/UBND-NN", "7/UBND-NN"]
    assert numbers(store, "thủy sản") == ["8/UBND-NN", "7/UBND-NN"]
