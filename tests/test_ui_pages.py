"""The web UI's pages as the server renders them, over the sample corpus on SQLite and PostgreSQL: every
page in Vietnamese (no English word in the text a person reads), the document list's filters kept in
the URL and agreeing with the API, the duty board's export carrying the board's filters. Scripts'
output (the lineage tables, the upload list) is checked in the browser: tests/test_ui_everyday.py."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

import pytest
from english_words import english_words
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from service_fixtures import *  # noqa: F403
from service_fixtures import Api


class VisibleText(HTMLParser):
    """The text a person reads on a page: not attributes, scripts or styles, nor a document's own text
    (the document view's <div class="vb-doc">: the document's words, not the UI's)."""

    SKIP = {"script", "style", "datalist"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: whether its text is skipped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append(tag in self.SKIP or "vb-doc" in classes or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def browser_session(corpus_api: Api) -> Iterator[TestClient]:
    """A client of the same app with its own cookies, logged in as an admin through the login form."""
    client = TestClient(corpus_api.client.app)
    key = corpus_api.make_key("admin")
    r = client.post("/login", data={"key": key, "next": "/"}, headers={"Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 200 and r.url.path == "/"
    yield client


def document_id(api: Api, number: str) -> int:
    return int(api.get("/api/documents", params={"number": number}).json()["data"][0]["id"])


def test_the_visible_text_leaves_attributes_scripts_and_the_documents_own_words_out() -> None:
    html = (
        '<p title="Upload">Tải lên</p><script>var status = "done";</script>'
        '<div class="vb-doc">The <mark data-kinds="task">report</mark> text</div><p>Văn bản</p><br><p>hết</p>'
    )
    assert VisibleText.of(html) == "Tải lên Văn bản hết"


def test_every_page_a_person_reads_is_in_vietnamese(corpus_api: Api, browser_session: TestClient) -> None:
    doc = document_id(corpus_api, "22/2013/QĐ-TTg")
    pages = [
        "/",
        "/documents",
        "/documents?" + urlencode({"q": "người có công nhà ở"}),
        "/documents?" + urlencode({"type": "Quyết định", "level": "province", "sort": "-number", "size": 10}),
        f"/documents/{doc}",
        "/duties?" + urlencode({"agency": "Sở Giáo dục và Đào tạo"}),
        "/duties?" + urlencode({"jurisdiction": "Hồ Chí Minh", "role": "lead", "overdue": "1"}),
        "/gaps?" + urlencode({"number": "22/2013/QĐ-TTg", "jurisdiction": "Hồ Chí Minh"}),
        "/lineage?" + urlencode({"number": "22/2013/QĐ-TTg"}),
        "/admin",
        "/documents/999999",  # an error page
        "/duties?" + urlencode({"jurisdiction": "Atlantis"}),  # an error on a page
    ]
    english: dict[str, list[str]] = {}
    for path in pages:
        r = browser_session.get(path)
        assert r.status_code in (200, 404, 422), (path, r.status_code)
        text = VisibleText.of(r.text)
        assert "Đăng xuất" in text and len(text) > 100, path  # the page's text was read, not skipped
        english[path] = english_words(text)
    english["/login"] = english_words(VisibleText.of(TestClient(corpus_api.client.app).get("/login").text))
    assert {p: words for p, words in english.items() if words} == {}


def test_the_document_filters_live_in_the_url_and_agree_with_the_api(
    corpus_api: Api, browser_session: TestClient
) -> None:
    html = browser_session.get("/documents?" + urlencode({"type": "Quyết định", "level": "province"})).text
    api = corpus_api.get("/api/documents", params={"doc_type": "Quyết định", "level": "province"}).json()
    assert f"{api['count']} văn bản khớp bộ lọc" in VisibleText.of(html)
    numbers = {d["number"] for d in api["data"]}
    assert all(f">{n}</a>" in html for n in numbers)
    # the sort headers and the pager keep the filters
    assert "/documents?type=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh&amp;level=province&amp;sort=-number" in html
    # nobody corrected the sample corpus: "corrected" lists none, "not corrected" all of them
    everything = corpus_api.get("/api/documents").json()["count"]
    assert "0 văn bản khớp bộ lọc" in VisibleText.of(browser_session.get("/documents?status=corrected").text)
    text = VisibleText.of(browser_session.get("/documents?status=uncorrected").text)
    assert f"{everything} văn bản khớp bộ lọc" in text


def test_the_duty_board_export_carries_the_boards_filters(corpus_api: Api, browser_session: TestClient) -> None:
    query = {"jurisdiction": "Hồ Chí Minh", "role": "lead", "due_from": "01/01/2014", "due_to": "31/12/2014"}
    api = corpus_api.get(
        "/api/duties", params={"jurisdiction": "Hồ Chí Minh", "role": "lead", "due_before": "2015-01-01", "limit": 500}
    ).json()
    expected = sorted(d["task"]["due_date"] for d in api["data"] if d["task"]["due_date"] >= "2014-01-01")
    assert expected  # the corpus has such duties

    r = browser_session.get("/duties/export?" + urlencode({**query, "format": "csv"}))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert english_words(" ".join(header)) == []
    assert {row[header.index("Vai trò")] for row in body} == {"Chủ trì"}
    days = [row[header.index("Hạn chót")] for row in body]
    assert sorted(f"{d[6:]}-{d[3:5]}-{d[:2]}" for d in days) == expected  # dd/mm/yyyy, the same duties

    r = browser_session.get("/duties/export?" + urlencode({**query, "format": "xlsx"}))
    sheet: Any = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in sheet[1]] == header and sheet.max_row == len(rows)

    # the page's export links carry the same filters, as ISO dates
    page = browser_session.get("/duties?" + urlencode(query)).text
    assert "due_from=2014-01-01&amp;due_to=2014-12-31&amp;format=csv" in page


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("tài chính", "Bộ Tài chính"),  # an issuer
        ("tai chinh ho chi minh", "Sở Tài chính thành phố Hồ Chí Minh"),  # typed without diacritics
        ("không có cơ quan này", None),
        ("sở tài chính hồ chí minh", "Sở Tài chính thành phố Hồ Chí Minh"),  # named in a task, with its place
        ("SỞ XÂY DỰNG", "Sở Xây dựng thành phố Hồ Chí Minh"),  # any case
    ],
)
def test_the_correction_form_suggests_known_agencies_holding_every_word_typed(
    corpus_api: Api, browser_session: TestClient, typed: str, offered: str | None
) -> None:
    names = browser_session.get("/ui/agencies", params={"q": typed}).json()
    assert len(names) <= 30
    if offered is None:
        assert names == []
    else:
        assert offered in names
