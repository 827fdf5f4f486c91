"""Typed corrections and Vietnamese for people over the API: each correctable field has a type, a value of
another type is refused with 422 and a Vietnamese message, a date typed dd/mm/yyyy is stored as ISO,
labels name fields as people do ("Nhiệm vụ 2 — cơ quan chủ trì"); validation and upload errors'
message_vi carry no English; the duty board downloads as CSV and XLSX; search filters."""

from __future__ import annotations

import csv
import io

import pytest
from english_words import english_words
from service_fixtures import *  # noqa: F403
from service_fixtures import Api, unique_text

from service.duties_table import COLUMNS as DUTY_COLUMNS
from service.fields import FIELDS, describe, field_types, label_of
from service.store.corrections import WrongType, coerce

# --- the types, without a database ----------------------------------------------------------------------

ACCEPTED = [
    # (path, value sent, value stored)
    ("document.issued_date", "15/5/2017", "2017-05-15"),
    ("document.issued_date", "2017-05-15", "2017-05-15"),
    ("document.issued_date", "03.12.2004", "2004-12-03"),
    ("document.issued_date", "ngày 24 tháng 4 năm 2017", "2017-04-24"),
    ("document.issued_date", None, None),
    ("document.level", "province", "province"),
    ("document.level", "Tỉnh", "province"),  # the Vietnamese label as well as the contract's value
    ("references[0].relation", "triển khai", "implements"),
    ("document.issuer", "  Ủy ban nhân dân   tỉnh Quảng Bình ", "Ủy ban nhân dân tỉnh Quảng Bình"),
    ("tasks[1].lead", ["Sở Tài chính", " Sở Xây dựng ", "Sở Tài chính", ""], ["Sở Tài chính", "Sở Xây dựng"]),
    ("targets[0].value", "95,5", 95.5),
    ("targets[0].value", "1.000", 1000),
    ("targets[0].value", 90, 90),
    ("targets[0].year", "2025", 2025),
    ("document.subject", "Về việc phổ cập giáo dục", "Về việc phổ cập giáo dục"),
    ("tasks[9]", None, None),  # a whole item set to null: removed
    ("tasks[2]", {"text": "Rà soát", "lead": ["Sở Y tế "]}, {"text": "Rà soát", "lead": ["Sở Y tế"]}),
]


@pytest.mark.parametrize(("path", "value", "stored"), ACCEPTED)
def test_a_value_of_the_right_type_is_stored_as_that_type(path: str, value: object, stored: object) -> None:
    assert coerce(path, value) == stored


REFUSED = [
    ("document.issued_date", "15/13/2017"),  # no 13th month
    ("document.issued_date", "31/02/2017"),  # no 31 February
    ("document.issued_date", "hôm qua"),
    ("document.issued_date", 2017),
    ("document.level", "galaxy"),
    ("document.issuer", 42),
    ("document.issuer", "1234"),
    ("document.recipients", "Sở Tài chính"),  # a list field takes a list
    ("tasks[0].lead", [["Sở Tài chính"]]),
    ("tasks[0].text", ""),  # a task has a text
    ("targets[0].value", "nhiều"),
    ("targets[0].year", "2025,5"),
    ("targets[0].year", 1066),
    ("tasks[1]", "Rà soát"),
]


@pytest.mark.parametrize(("path", "value"), REFUSED)
def test_a_value_of_another_type_is_refused_in_vietnamese(path: str, value: object) -> None:
    with pytest.raises(WrongType) as e:
        coerce(path, value)
    assert e.value.message_vi.startswith(label_of(path) + ":")
    assert english_words(e.value.message_vi.replace(repr(value), "")) == []


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("document.issued_date", "Ngày ban hành"),
        ("tasks[1].lead", "Nhiệm vụ 2 — cơ quan chủ trì"),
        ("tasks[0].support", "Nhiệm vụ 1 — cơ quan phối hợp"),
        ("references[2].relation", "Văn bản dẫn chiếu 3 — quan hệ"),
        ("targets[4]", "Chỉ tiêu 5"),
        ("document.signer.name", "Người ký"),
    ],
)
def test_fields_have_vietnamese_labels(path: str, label: str) -> None:
    assert label_of(path) == label


@pytest.mark.parametrize(
    ("path", "value", "shown"),
    [
        ("document.level", "province", "Cấp: Tỉnh"),
        ("references[0].relation", "implements", "Văn bản dẫn chiếu 1 — quan hệ: triển khai"),
        ("document.issued_date", "2017-05-15", "Ngày ban hành: 15/05/2017"),
        ("tasks[0].lead", ["Sở Y tế", "Sở Tài chính"], "Nhiệm vụ 1 — cơ quan chủ trì: Sở Y tế; Sở Tài chính"),
    ],
)
def test_a_correction_reads_in_vietnamese(path: str, value: object, shown: str) -> None:
    assert describe(path, value) == shown


def test_every_field_has_a_type_and_a_vietnamese_label() -> None:
    types = {f.type for f in FIELDS}
    assert {"date", "agency", "text", "list", "enum", "lead", "support"} <= types
    for f in field_types():
        assert f.label and english_words(f.label) == []
        assert all(english_words(c.label) == [] for c in f.choices)


# --- over HTTP --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc_id(api: Api) -> int:
    job = api.wait(api.upload(unique_text("kbang-1132-UBND-VX-2021"), "kb.txt").json()["job"]["id"])
    return int(job["result_document_id"])


def test_a_date_typed_dd_mm_yyyy_is_stored_as_iso(api: Api, doc_id: int) -> None:
    r = api.post(
        f"/api/documents/{doc_id}/corrections", "clerk", json={"path": "document.issued_date", "value": "15/5/2017"}
    )
    assert r.status_code == 201 and r.json()["value"] == "2017-05-15"
    assert api.get(f"/api/documents/{doc_id}").json()["document"]["issued_date"] == "2017-05-15"
    api.post(f"/api/documents/{doc_id}/corrections", "clerk", json={"path": "document.level", "value": "district"})
    log = api.get("/api/audit", "admin", params={"action": "document.correct", "limit": 2}).json()["data"]
    assert [(e["action_vi"], e["detail_vi"]) for e in log] == [
        ("Sửa thông tin văn bản", "Cấp: Huyện"),
        ("Sửa thông tin văn bản", "Ngày ban hành: 15/05/2017"),
    ]


@pytest.mark.parametrize(
    ("path", "value"),
    [("document.issued_date", "15/13/2017"), ("document.level", "galaxy"), ("tasks[0].lead", "Sở Tài chính")],
)
def test_a_value_of_another_type_is_a_422_in_vietnamese_and_changes_nothing(
    api: Api, doc_id: int, path: str, value: object
) -> None:
    before = api.get(f"/api/documents/{doc_id}").json()["corrections"]
    r = api.post(f"/api/documents/{doc_id}/corrections", "clerk", json={"path": path, "value": value})
    body = r.json()
    assert r.status_code == 422 and body["code"] == "E422" and body["message"]
    assert (
        body["message_vi"].startswith(label_of(path))
        and english_words(body["message_vi"].replace(str(value), "")) == []
    )
    assert api.get(f"/api/documents/{doc_id}").json()["corrections"] == before


def test_the_fields_and_their_types_are_listed_for_forms(api: Api) -> None:
    fields = {f["path"]: f for f in api.get("/api/documents/fields", "clerk").json()}
    assert fields["document.issued_date"]["type"] == "date"
    assert fields["tasks[].lead"]["type"] == "lead" and fields["tasks[].lead"]["group"] == "tasks"
    assert {c["value"]: c["label"] for c in fields["document.level"]["choices"]}["province"] == "Tỉnh"


@pytest.mark.parametrize(
    "url",
    [
        "/api/documents?limit=0",
        "/api/documents?level=galaxy",
        "/api/duties?due_before=30/6/2024",
        "/api/duties?role=boss",
        "/api/search",
    ],
)
def test_validation_errors_message_vi_is_vietnamese(api: Api, url: str) -> None:
    body = api.get(url).json()
    assert body["code"] == "E422" and body["message"].startswith("invalid request")
    # parameter names and the values they take are what a person types, not English to read
    typed = {"limit", "level", "due_before", "role", "q", "national", "ministry", "province", "district", "commune"}
    typed |= {"lead", "support"}
    words = [w for w in english_words(body["message_vi"]) if w not in typed]
    assert words == [], body["message_vi"]


def test_an_upload_in_english_is_refused_in_vietnamese(api: Api) -> None:
    letter = b"Dear colleagues, please find attached the minutes of our meeting on the budget.\n" * 5
    job = api.wait(api.upload(letter, "letter.txt").json()["job"]["id"])
    assert job["status"] == "failed" and job["error"]["code"] == "E109"
    assert "tiếng Việt" in job["error"]["message_vi"]
    assert english_words(job["error"]["message_vi"].replace("letter.txt", "")) == []


def test_the_duty_board_downloads_as_csv_and_xlsx(api: Api, doc_id: int) -> None:
    from openpyxl import load_workbook

    board = api.get("/api/duties", params={"jurisdiction": "Kbang", "limit": 1000}).json()
    r = api.get("/api/duties/export", params={"jurisdiction": "Kbang", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == DUTY_COLUMNS and len(rows) - 1 == board["count"] > 0
    assert english_words(" ".join(c for row in rows for c in row)) == []
    x = api.get("/api/duties/export", params={"jurisdiction": "Kbang", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(x.content)).active
    assert [c.value for c in sheet[1]] == DUTY_COLUMNS and sheet.max_row == len(rows)
    assert api.get("/api/duties/export", params={"jurisdiction": "Atlantis"}).status_code == 422


def test_search_filters_and_marks_over_http(api: Api, doc_id: int) -> None:
    r = api.get("/api/search", params={"q": "khuyen hoc", "province": "Gia Lai"}).json()
    assert doc_id in [h["document"]["id"] for h in r["data"]]
    hit = next(h for h in r["data"] if h["document"]["id"] == doc_id)
    marked = [hit["snippet"][m["start"] : m["end"]].lower() for m in hit["matches"]]
    assert "khuyến học" in marked and {w for m in marked for w in m.split()} <= {"khuyến", "học"}
    assert "<mark>" in hit["snippet_html"]
    assert api.get("/api/search", params={"q": "khuyen hoc", "province": "Vĩnh Long"}).json()["count"] == 0


def test_an_agency_field_offers_the_agencies_known(api: Api, doc_id: int) -> None:
    r = api.get("/api/documents/agencies", "clerk", params={"q": "phong giao duc"}).json()
    assert r["count"] == len(r["data"]) > 0
    assert all("phòng giáo dục" in n.lower() for n in r["data"])
    same = api.get("/api/documents/agencies", "clerk", params={"q": "Phòng GD&ĐT"}).json()
    assert same["data"] == r["data"]  # an abbreviation means what it stands for


@pytest.mark.parametrize(
    ("detail", "vietnamese"),
    [
        ("0% of words carry Vietnamese letters", "chỉ 0% số từ có chữ tiếng Việt"),
        ("5,000,080 characters of text (limit 5,000,000)", "5.000.080 ký tự (giới hạn 5.000.000)"),
        (
            "legacy Office file (.doc/.xls); save it as DOCX or PDF",
            "tệp Office đời cũ (.doc/.xls); hãy lưu lại dưới dạng DOCX hoặc PDF",
        ),
        (
            "word/document.xml inflates 1,200:1 (limit 100:1)",
            "word/document.xml giải nén gấp 1.200 lần (giới hạn 100 lần)",
        ),
        ("only 3 different word(s): one phrase repeated", "chỉ có 3 từ khác nhau: một cụm từ lặp lại"),
    ],
)
def test_a_file_errors_detail_reads_in_vietnamese(detail: str, vietnamese: str) -> None:
    from extractor.errors import NotVietnamese, detail_vi

    assert detail_vi(detail) == vietnamese
    message_vi = NotVietnamese("thu.txt", detail).message_vi
    assert english_words(message_vi.replace("word/document.xml", "")) == []  # a part's name is a name


def test_a_detail_not_translated_is_left_out_of_message_vi() -> None:
    from extractor.errors import CorruptFile

    e = CorruptFile("a.pdf", "xref table broken at offset 12")
    assert e.message_vi == "a.pdf: tệp bị hỏng hoặc không đúng định dạng" and "xref" in e.message
