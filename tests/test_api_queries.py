"""The graph queries over HTTP give the CLI's answers as JSON (lineage, duties, gaps), on SQLite and
PostgreSQL; full-text search; the gap report as CSV and XLSX."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from english_words import english_words
from service_fixtures import *  # noqa: F403
from service_fixtures import Api
from sqlalchemy import text
from typer.testing import CliRunner

from service.cli import app as cli


def cli_json(api: Api, *args: str) -> dict:
    """What `vanban ARGS --format json` prints over the same database."""
    url = api.store.engine.url.render_as_string(hide_password=False)
    if api.store.engine.dialect.name == "postgresql":
        with api.store.engine.connect() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        url += f"?options={quote(f'-csearch_path={schema}')}"
    result = CliRunner().invoke(cli, [*args, "--format", "json"], env={"VANBAN_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


QUERIES = [
    ("/api/lineage", {"number": "22/2013/QĐ-TTg"}, ["lineage", "22/2013/QĐ-TTg"]),
    ("/api/lineage", {"number": "89/QĐ-TTg"}, ["lineage", "89/QĐ-TTg"]),
    ("/api/duties", {"agency": "Sở Giáo dục và Đào tạo"}, ["duties", "--agency", "Sở Giáo dục và Đào tạo"]),
    ("/api/duties", {"jurisdiction": "Quảng Trị"}, ["duties", "--jurisdiction", "Quảng Trị"]),
    (
        "/api/gaps",
        {"number": "22/2013/QĐ-TTg", "jurisdiction": "Hồ Chí Minh"},
        ["gaps", "22/2013/QĐ-TTg", "--jurisdiction", "Hồ Chí Minh"],
    ),
    ("/api/gaps", {"number": "89/QĐ-TTg"}, ["gaps", "89/QĐ-TTg"]),
]


@pytest.mark.parametrize(("url", "params", "command"), QUERIES)
def test_the_api_answers_as_the_cli_does(corpus_api: Api, url: str, params: dict, command: list[str]) -> None:
    r = corpus_api.get(url, params=params)
    assert r.status_code == 200
    assert r.json() == cli_json(corpus_api, *command)


def test_lineage_of_89_reaches_vinh_long_and_duties_page_and_sort_by_deadline(corpus_api: Api) -> None:
    lineage = corpus_api.get("/api/lineage", params={"number": "89/QĐ-TTg"}).json()
    assert "684/QĐ-UBND" in [d["number"] for d in lineage["downstream"]]

    everything = corpus_api.get("/api/duties", params={"limit": 1000}).json()
    page = corpus_api.get("/api/duties", params={"limit": 5, "offset": 5}).json()
    assert page["count"] == everything["count"] and page["data"] == everything["data"][5:10]
    soonest = corpus_api.get("/api/duties", params={"sort": "deadline", "limit": 1000}).json()["data"]
    due = [d["task"]["due_date"] for d in soonest]
    dated = [d for d in due if d]
    assert dated == sorted(dated) and due[: len(dated)] == dated  # soonest (so overdue) first, undated last


@pytest.mark.parametrize(
    ("url", "params", "status"),
    [
        ("/api/lineage", {"number": "999/QĐ-XYZ"}, 404),
        ("/api/gaps", {"number": "999/QĐ-XYZ"}, 404),
        ("/api/duties", {"jurisdiction": "Atlantis"}, 422),
        ("/api/gaps", {"number": "22/2013/QĐ-TTg", "jurisdiction": "Atlantis"}, 422),
        ("/api/duties", {"due_before": "30/6/2024"}, 422),
        ("/api/documents", {"limit": 0}, 422),
        ("/api/lineage", {}, 422),
    ],
)
def test_queries_that_cannot_be_answered_say_why_in_both_languages(
    corpus_api: Api, url: str, params: dict, status: int
) -> None:
    r = corpus_api.get(url, params=params)
    assert r.status_code == status
    assert r.json()["code"] and r.json()["message"] and r.json()["message_vi"]


def test_search_finds_documents_by_words_in_their_text_with_the_passage(corpus_api: Api) -> None:
    r = corpus_api.get("/api/search", params={"q": "người có công nhà ở"}).json()
    numbers = [h["document"]["number"] for h in r["data"]]
    assert r["count"] == len(numbers) and "22/2013/QĐ-TTg" in numbers and "3210/QĐ-UBND" in numbers
    hit = next(h for h in r["data"] if h["document"]["number"] == "22/2013/QĐ-TTg")
    marked = [hit["snippet"][m["start"] : m["end"]].lower() for m in hit["matches"]]
    assert "người có công" in marked and "[" not in hit["snippet"]
    assert "<mark>" in hit["snippet_html"]
    assert corpus_api.get("/api/search", params={"q": "xyzzy"}).json() == {"data": [], "count": 0}
    assert corpus_api.get("/api/search", params={"q": '"-:*/('}).json()["count"] == 0  # no query syntax


def test_the_gap_report_downloads_as_csv_and_xlsx(corpus_api: Api) -> None:
    from openpyxl import load_workbook

    from service.gaps_table import COLUMNS

    params = {"number": "22/2013/QĐ-TTg", "jurisdiction": "Hồ Chí Minh"}
    report = corpus_api.get("/api/gaps", params=params).json()
    expected = (
        len(report["missing_jurisdictions"])
        + len(report["uncovered"])
        + len(report["matched"])
        + len(report["weakened"])
        + len(report["probable_implementations"])
    )

    r = corpus_api.get("/api/gaps/export", params={**params, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv") and "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == COLUMNS and len(rows) - 1 == expected
    carried = [row for row in rows[1:] if row[0] == "Đã cụ thể hóa" and row[1] == "Hồ Chí Minh"]
    assert carried and all(row[10].startswith("khớp") and "được chọn" in row[10] for row in carried)  # Vietnamese
    assert english_words(r.content.decode("utf-8-sig")) == []  # headers, kinds, notes: all Vietnamese

    x = corpus_api.get("/api/gaps/export", params={**params, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(x.content)).active
    assert [c.value for c in sheet[1]] == COLUMNS and sheet.max_row - 1 == expected
