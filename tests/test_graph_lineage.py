"""Lineage on the sample corpus: upward to the national roots, downward to every document that
implements or is based on a document. A plain "cites" is not lineage. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from store_fixtures import *  # noqa: F403
from store_fixtures import Store

from graph.lineage import lineage
from service.store.repository import find_documents


def lineage_of(corpus: Store, number: str) -> dict:
    """The answer as JSON, as the CLI prints it and the API sends it."""
    with corpus.session() as s:
        (doc, *_) = find_documents(s, number)
        return lineage(s, doc).model_dump(mode="json")


def numbers(entries: list[dict]) -> set[str]:
    return {e["number"] for e in entries}


def test_89_qd_ttg_reaches_vinh_longs_decision(corpus: Store) -> None:
    answer = lineage_of(corpus, "89/QĐ-TTg")
    assert answer["document"]["in_corpus"] is False  # known only because Vĩnh Long cites it
    (vl,) = [e for e in answer["downstream"] if e["number"] == "684/QĐ-UBND"]
    assert (vl["relation"], vl["depth"], vl["level"], vl["province"], vl["in_corpus"]) == (
        "based_on",
        1,
        "province",
        "Vĩnh Long",
        True,
    )


def test_22_2013_reaches_the_ministries_and_ho_chi_minh_city(corpus: Store) -> None:
    answer = lineage_of(corpus, "22/2013/QĐ-TTG")  # the capitals of an all-caps title are the same number
    down = {e["number"]: e for e in answer["downstream"]}
    assert {"98/2013/TT-BTC", "2214/BXD-QLN", "2428/BXD-QLN", "3210/QĐ-UBND"} <= set(down)
    assert {down[n]["level"] for n in ("98/2013/TT-BTC", "2214/BXD-QLN", "2428/BXD-QLN")} == {"ministry"}
    assert (down["3210/QĐ-UBND"]["province"], down["3210/QĐ-UBND"]["level"]) == ("Hồ Chí Minh", "province")
    # 2214 only mentions QĐ22, but its subject is QĐ22's title: it carries it out
    assert down["2214/BXD-QLN"]["relation"] == "implements"


def test_hcm_decision_goes_up_to_the_national_decision_through_the_ministries(corpus: Store) -> None:
    answer = lineage_of(corpus, "3210/QĐ-UBND")
    up = {e["number"]: e for e in answer["upstream"]}
    assert up["22/2013/QĐ-TTg"]["level"] == "national"
    assert up["98/2013/TT-BTC"]["in_corpus"] is True  # "98/2013/TT-BXD của Bộ Tài chính" resolved to it
    assert up["09/2013/TT-BXD"]["in_corpus"] is False
    assert "22/2013/QĐ-TTg" in numbers(answer["roots"]) or "494/NQ-UBTVQH13" in numbers(answer["roots"])


def test_14_ct_ttg_reaches_kbangs_letter(corpus: Store) -> None:
    (kbang,) = [e for e in lineage_of(corpus, "14/CT-TTg")["downstream"] if e["number"] == "1132/UBND-VX"]
    assert (kbang["level"], kbang["province"], kbang["district"]) == ("district", "Gia Lai", "Kbang")


def test_a_plain_citation_is_not_lineage(corpus: Store) -> None:
    # QĐ 773/QĐ-TTg (2018) mentions QĐ 22/2013 in passing ("cites"): it does not descend from it
    assert "773/QĐ-TTg" not in numbers(lineage_of(corpus, "22/2013/QĐ-TTg")["downstream"])
    # Quảng Bình's letter cites TT 96/2008/TT-BTC; Lạng Giang's plan implements it
    assert numbers(lineage_of(corpus, "96/2008/TT-BTC")["downstream"]) == {"/KH-UBND"}


def test_96_2008_tt_btc_is_one_node_cited_by_quang_binh_and_lang_giang(corpus: Store) -> None:
    from sqlalchemy import select

    from models.tables import Citation, Document

    with corpus.session() as s:
        (doc,) = find_documents(s, "96/2008/TT-BTC")
        citing = s.scalars(
            select(Document).join(Citation, Citation.src_id == Document.id).where(Citation.dst_id == doc.id)
        ).all()
        assert sorted(d.issuer for d in citing) == [
            "Ủy ban nhân dân huyện Lạng Giang",
            "Ủy ban nhân dân tỉnh Quảng Bình",
        ]


@pytest.mark.parametrize("spelling", ["89/QĐ-TTg", "89/QÐ-TTG", "Số 89/QĐ - TTg"])
def test_any_spelling_of_a_number_finds_the_node(corpus: Store, spelling: str) -> None:
    with corpus.session() as s:
        assert [d.number for d in find_documents(s, spelling)] == ["89/QĐ-TTg"]
