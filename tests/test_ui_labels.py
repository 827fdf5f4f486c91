"""What the web UI shows people, in Vietnamese: dates as dd/mm/yyyy, text cut between words, correction
paths as field names, search snippets with their words marked, audit entries and callers."""

from __future__ import annotations

import pytest

from service.ui import labels


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2013-04-26", "26/04/2013"),
        ("2017-05", "05/2017"),  # a deadline known to the month
        (None, "—"),
        ("", "—"),
        ("quý IV năm 2025", "quý IV năm 2025"),  # not a date: as written
    ],
)
def test_dates_read_as_people_in_vietnam_write_them(stored: str | None, shown: str) -> None:
    assert labels.vndate(stored) == shown


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15/5/2017", "2017-05-15"),  # the example: stored as text before
        ("05/04/2013", "2013-04-05"),  # day first: 5 April, not 4 May
        ("28.04.2013", "2013-04-28"),
        ("2013-04-26", "2013-04-26"),  # ISO from a link
        ("31/02/2024", None),  # no such day
        ("quý IV", None),
        ("", None),
    ],
)
def test_a_day_typed_as_people_write_it_is_read_as_iso(typed: str, day: str | None) -> None:
    assert labels.parse_day(typed) == day


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [
        # the complaint: "… giai đ" cut inside a syllable
        (
            "Về việc phê duyệt Kế hoạch xây dựng xã hội học tập giai đoạn 2012 - 2020",
            52,
            "Về việc phê duyệt Kế hoạch xây dựng xã hội học tập…",
        ),
        ("Hỗ trợ người có công với cách mạng về nhà ở", 200, "Hỗ trợ người có công với cách mạng về nhà ở"),
        ("Quy định mức hỗ trợ, tặng quà người có công", 20, "Quy định mức hỗ trợ…"),  # no comma before "…"
        (None, 10, ""),
    ],
)
def test_long_text_is_cut_between_words_never_inside_a_syllable(text: str | None, limit: int, cut: str) -> None:
    got = labels.cut(text, limit)
    assert got == cut
    assert len(got) <= limit + 1


@pytest.mark.parametrize(
    ("path", "label", "kind"),
    [
        ("tasks[1].lead", "Nhiệm vụ 2 — cơ quan chủ trì", "agencies"),
        ("tasks[0].support", "Nhiệm vụ 1 — cơ quan phối hợp", "agencies"),
        # the one table of labels: service/fields.py
        ("references[2].issued_date", "Văn bản dẫn chiếu 3 — ngày ban hành", "date"),
        ("references[0].relation", "Văn bản dẫn chiếu 1 — quan hệ", "relation"),
        ("targets[0].value", "Chỉ tiêu 1 — giá trị", "number"),
        ("document.issued_date", "Ngày ban hành", "date"),
        ("document.issuer", "Cơ quan ban hành", "agency"),
        ("document.level", "Cấp", "level"),
        ("document.subject", "Trích yếu", "text"),
        ("document.recipients", "Kính gửi / nơi nhận", "agencies"),
    ],
)
def test_a_correction_path_is_named_in_vietnamese_and_gets_the_input_of_its_type(
    path: str, label: str, kind: str
) -> None:
    assert labels.path_label(path) == label
    assert labels.path_type(path) == kind


@pytest.mark.parametrize(
    ("snippet", "matches", "html"),
    [
        (  # the search's offsets mark the words; the document's own text stays text
            "…VỀ HỖ TRỢ NGƯỜI CÓ CÔNG VỚI CÁCH MẠNG <script>",
            [(11, 16), (17, 19), (20, 24)],
            "…VỀ HỖ TRỢ <mark>NGƯỜI</mark> <mark>CÓ</mark> <mark>CÔNG</mark> VỚI CÁCH MẠNG &lt;script&gt;",
        ),
        (
            "hỗ trợ <b>người có công</b> về nhà ở",
            [(10, 23)],
            "hỗ trợ &lt;b&gt;<mark>người có công</mark>&lt;/b&gt; về nhà ở",
        ),
        ("nhà ở xã hội", [(0, 3), (1, 5), (9, 99)], "<mark>nhà</mark> ở xã hội"),  # overlapping, out of range: skipped
        ("một <mark> lẻ", [], "một &lt;mark&gt; lẻ"),
    ],
)
def test_a_snippet_marks_the_words_found_and_escapes_the_document_text(
    snippet: str, matches: list[tuple[int, int]], html: str
) -> None:
    assert str(labels.marked(snippet, matches)) == html


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Văn thư Vĩnh Long (clerk #3)", "Văn thư Vĩnh Long (văn thư #3)"),
        ("Quản trị (admin #1)", "Quản trị (quản trị #1)"),
        ("cli", "cli"),
    ],
)
def test_a_caller_is_named_with_the_role_in_vietnamese(stored: str, shown: str) -> None:
    assert labels.person(stored) == shown


def test_an_audit_entry_reads_in_vietnamese() -> None:
    assert labels.audit_action("document.correct") == "Sửa kết quả"
    assert labels.audit_target("document:12") == "văn bản 12"
    detail = {"path": "document.level", "value": "province", "correction": 4}
    assert labels.audit_detail(detail) == "trường: Cấp; giá trị: Tỉnh; lần sửa: 4"
