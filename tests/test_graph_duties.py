"""Duties: who owes what, from which document, under which root, by when — agencies in any spelling,
jurisdictions before and after the 2025 reorganisation. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from store_fixtures import *  # noqa: F403
from store_fixtures import Store

from graph.duties import DutyFilter, UnknownJurisdiction
from service.store.queries.graph import duties  # the agency asked for is read at the edge


def ask(corpus: Store, **kw) -> dict:  # type: ignore[no-untyped-def]
    """The answer as JSON, as the CLI prints it and the API sends it."""
    with corpus.session() as s:
        return duties(s, DutyFilter(limit=1000, **kw)).model_dump(mode="json")


def test_so_gddt_owes_tasks_in_several_provinces_each_under_its_own(corpus: Store) -> None:
    answer = ask(corpus, agency="Sở Giáo dục và Đào tạo")
    assert answer["count"] == len(answer["data"]) > 0
    by_province: dict[str, set[str]] = {}
    for row in answer["data"]:
        by_province.setdefault(row["jurisdiction"]["province"], set()).add(row["document"]["province"])
        province = row["jurisdiction"]["province"]
        # a city under the central government is a "thành phố" (Hồ Chí Minh), a province a "tỉnh"
        assert row["agency"] in (
            f"Sở Giáo dục và Đào tạo tỉnh {province}",
            f"Sở Giáo dục và Đào tạo thành phố {province}",
        )
    assert {"Quảng Bình", "Vĩnh Long"} <= set(by_province)
    assert all(docs == {p} for p, docs in by_province.items())  # each duty under its own document's province


@pytest.mark.parametrize("spelling", ["Sở GD&ĐT", "Sở GD-ĐT", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"])
def test_an_agency_in_any_spelling_is_one_body(corpus: Store, spelling: str) -> None:
    assert ask(corpus, agency=spelling)["count"] == ask(corpus, agency="Sở Giáo dục và Đào tạo")["count"]


def test_a_named_province_narrows_the_agency(corpus: Store) -> None:
    rows = ask(corpus, agency="Sở GD&ĐT tỉnh Quảng Bình")["data"]
    assert rows and {r["jurisdiction"]["province"] for r in rows} == {"Quảng Bình"}


def test_each_duty_names_its_document_root_and_deadline(corpus: Store) -> None:
    rows = ask(corpus, agency="Ủy ban nhân dân xã, phường, thị trấn", jurisdiction="Hồ Chí Minh")["data"]
    (step2,) = [r for r in rows if r["task"]["label"] == "II.2.2"]
    assert step2["task"]["deadline"] == "2014-07-25"
    assert step2["document"]["number"] == "3210/QĐ-UBND"
    assert step2["root"]["number"] == "22/2013/QĐ-TTg"  # the national decision it carries out
    assert step2["role"] == "lead" and step2["jurisdiction"]["level"] == "commune"


def test_a_merged_province_resolves_and_shows_its_successor(corpus: Store) -> None:
    # Quảng Bình merged into Quảng Trị on 1 July 2025: asking for either finds Quảng Bình's duties
    old = ask(corpus, jurisdiction="Quảng Bình")
    new = ask(corpus, jurisdiction="Quảng Trị")
    own_old = [r for r in old["data"] if r["jurisdiction"]["scope"] == "own"]
    own_new = [r for r in new["data"] if r["jurisdiction"]["scope"] == "own"]
    assert own_old and len(own_old) == len(own_new)
    assert {(r["jurisdiction"]["province"], r["jurisdiction"]["successor"]) for r in own_new} == {
        ("Quảng Bình", "Quảng Trị")
    }


def test_an_abolished_district_still_resolves(corpus: Store) -> None:
    rows = [r for r in ask(corpus, jurisdiction="huyện Kbang")["data"] if r["jurisdiction"]["scope"] == "own"]
    assert rows and {(r["jurisdiction"]["district"], r["jurisdiction"]["successor"]) for r in rows} == {
        ("Kbang", "Gia Lai")
    }


def test_duties_addressed_to_all_provinces_are_included_and_marked(corpus: Store) -> None:
    rows = ask(corpus, jurisdiction="Vĩnh Long")["data"]
    everywhere = [r for r in rows if r["jurisdiction"]["scope"] == "all provinces"]
    assert "22/2013/QĐ-TTg" in {r["document"]["number"] for r in everywhere}


def test_due_before_keeps_tasks_with_an_earlier_deadline(corpus: Store) -> None:
    rows = ask(corpus, due_before="2014-08-01")["data"]
    assert rows and all(r["task"]["due_date"] < "2014-08-01" for r in rows)
    assert {"2014-06-27", "2014-07-25"} <= {r["task"]["deadline"] for r in rows}


def test_an_unknown_jurisdiction_is_an_error_not_an_empty_answer(corpus: Store) -> None:
    with pytest.raises(UnknownJurisdiction):
        ask(corpus, jurisdiction="Atlantis")


def test_pages_report_the_total_count(corpus: Store) -> None:
    with corpus.session() as s:
        page = duties(s, DutyFilter(limit=5, offset=5))
    assert len(page.data) == 5 and page.count > 10
