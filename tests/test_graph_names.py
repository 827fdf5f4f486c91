"""Links by name: a document approving a named programme is known by that name; citations by name and
trích yếu that carry it out ("V/v thực hiện Đề án “X”") resolve to it, held or placeholder, in any
order of arrival, and are marked as resolved by name with the name matched. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from store_fixtures import *  # noqa: F403
from store_fixtures import Store
from test_store import make

from graph.gaps import gap_report
from graph.lineage import lineage
from graph.programmes import carried, cited_by_name, mentions, name_key, own_names
from models.record import Reference
from models.tables import Citation, Document
from service.store.repository import find_documents

XHHT = "Xây dựng xã hội học tập giai đoạn 2012 - 2020"

# --- reading names out of titles ------------------------------------------------------------------------

MENTIONS = [
    # (title, [(kind, name key, role, place)])
    (
        "V/v thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020”",
        [("đề án", "xây dựng xã hội học tập giai đoạn 2012 2020", "carry", None)],
    ),
    (  # the quote closed before the period
        "phê duyệt Đề án “Xây dựng xã hội học tập” giai đoạn 2012 - 2020",
        [("đề án", "xây dựng xã hội học tập giai đoạn 2012 2020", "approve", None)],
    ),
    (
        "VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH “XÂY DỰNG XÃ HỘI HỌC TẬP GIAI ĐOẠN 2012 - 2020” TỈNH VĨNH LONG",
        [("kế hoạch", "xây dựng xã hội học tập giai đoạn 2012 2020", "approve", "tỉnh vĩnh long")],
    ),
    (  # a steering committee for the plan: it neither approves nor carries out a programme of its own
        "thành lập Ban Chỉ đạo thực hiện Kế hoạch “Xây dựng xã hội học tập giai đoạn 2012 - 2020” tỉnh Vĩnh Long",
        [("kế hoạch", "xây dựng xã hội học tập giai đoạn 2012 2020", "carry", "tỉnh vĩnh long")],
    ),
    (
        "ban hành Kế hoạch triển khai thực hiện Đề án “Nâng cao nhận thức cộng đồng và Quản lý rủi ro thiên tai"
        " dựa vào cộng đồng” trên địa bàn Thành phố",
        [
            (
                "kế hoạch",
                "triển khai thực hiện đề án nâng cao nhận thức cộng đồng và quản lý rủi ro thiên tai dựa vào cộng đồng",
                "approve",
                "trên địa bàn thành phố",
            ),
            (
                "đề án",
                "nâng cao nhận thức cộng đồng và quản lý rủi ro thiên tai dựa vào cộng đồng",
                "carry",
                "trên địa bàn thành phố",
            ),
        ],
    ),
    (
        'phê duyệt Chương trình mục tiêu quốc gia "Xây dựng nông thôn mới" giai đoạn 2021-2025',
        [("chương trình", "mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021 2025", "approve", None)],
    ),
    (  # unquoted, cut at the issuer only once the name has words enough
        "ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 19-NQ/TW ngày 12/3/2018",
        [("chương trình", "hành động của chính phủ thực hiện nghị quyết số 19 nq tw", "approve", None)],
    ),
    ("phê duyệt Đề án", []),  # a name cut off names nothing
    ("ban hành Kế hoạch thực hiện Nghị quyết số", []),  # nor does a plan named by a missing number
    # "đề án" as a common noun, not a programme's name
    ("quy định các tỉnh lập và phê duyệt đề án hỗ trợ trên địa bàn toàn tỉnh gửi về Bộ Xây dựng", []),
]


@pytest.mark.parametrize("title,expected", MENTIONS)
def test_names_in_titles(title: str, expected: list) -> None:
    assert [(m.kind, m.key, m.role, m.place) for m in mentions(title)] == expected


@pytest.mark.parametrize(
    "a,b",
    [
        (
            "Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020”",
            'Đề án "Xây dựng xã hội học tập giai đoạn 2012 - 2020"',
        ),
        ("“Xây dựng xã hội học tập” giai đoạn 2012 – 2020", "'Xây dựng xã hội học tập giai đoạn 2012-2020'"),
        ("Xoá mù chữ và phổ cập giáo dục", "XÓA MÙ CHỮ VÀ PHỔ CẬP GIÁO DỤC"),  # old and new tone placement, case
        ("Hoà nhập cộng đồng", "hòa nhập cộng đồng"),
    ],
)
def test_name_keys_tolerate_quotes_hyphens_tones_and_case(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_own_names_carried_and_cited() -> None:
    assert [(m.kind, m.key) for m in own_names("Quyết định", "phê duyệt Đề án “Xây dựng xã hội học tập”")] == [
        ("đề án", "xây dựng xã hội học tập")
    ]
    # a Kế hoạch is known by its own title, and carries the Đề án it names
    title = "Triển khai thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020” năm 2015 trên địa bàn huyện"
    assert [(m.kind, m.key) for m in own_names("Kế hoạch", title)] == [
        ("kế hoạch", "triển khai thực hiện đề án xây dựng xã hội học tập giai đoạn 2012 2020 năm 2015")
    ]
    assert [m.key for m in carried(title)] == ["xây dựng xã hội học tập giai đoạn 2012 2020"]
    # the reference the extractor will give for a citation by name without a number
    m = cited_by_name("Đề án", XHHT)
    assert m is not None and (m.kind, m.key) == ("đề án", "xây dựng xã hội học tập giai đoạn 2012 2020")
    assert cited_by_name("Quyết định", "về việc hỗ trợ") is None


# --- in the store ---------------------------------------------------------------------------------------


def _letter(number: str, province: str, subject: str, refs: list[Reference] | None = None, date: str = "2017-04-24"):  # type: ignore[no-untyped-def]
    r = make(number, f"Ủy ban nhân dân tỉnh {province}", province=province, date=date, refs=refs, doc_type="Công văn")
    r.record.document.subject = subject
    return r


def _plan_citing_89(number: str = "684/QĐ-UBND", province: str = "Vĩnh Long"):  # type: ignore[no-untyped-def]
    r = make(
        number,
        f"Ủy ban nhân dân tỉnh {province}",
        province=province,
        date="2013-04-24",
        refs=[
            Reference(
                doc_type="Quyết định",
                number="89/QĐ-TTg",
                issuer="Thủ tướng Chính phủ",
                issued_date="2013-01-09",
                title="phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020”",
                relation="based_on",
            )
        ],
    )
    r.record.document.subject = f"Về việc phê duyệt Kế hoạch “{XHHT}” tỉnh {province}"
    return r


QB = "V/v thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020”"


def _links_to_89(s: Store) -> list[tuple[str, str | None, str | None]]:
    with s.session() as session:
        (doc, *_) = find_documents(session, "89/QĐ-TTg")
        return [
            (e["number"], e["resolved_by"], e.get("matched_name"))
            for e in lineage(session, doc).model_dump(mode="json")["downstream"]
        ]


@pytest.mark.parametrize("letter_first", [False, True])
def test_a_trich_yeu_naming_the_de_an_links_to_the_decision_that_approved_it(store: Store, letter_first: bool) -> None:
    docs = [_plan_citing_89(), _letter("674/UBND-VX", "Quảng Bình", QB)]
    for r in reversed(docs) if letter_first else docs:
        store.ingest(r)
    links = dict((n, (by, name)) for n, by, name in _links_to_89(store))
    assert links["684/QĐ-UBND"] == ("number", None)
    assert links["674/UBND-VX"] == ("name", f"Đề án “{XHHT}”")
    with store.session() as session:  # no placeholder left standing for the bare name
        stand_ins = session.scalars(select(Document).where(Document.number.is_(None), Document.in_corpus.is_(False)))
        assert [d.title for d in stand_ins] == []


def test_a_citation_by_name_without_number_resolves_to_the_named_document(store: Store) -> None:
    store.ingest(_plan_citing_89())
    by_name = Reference(doc_type="Đề án", title=XHHT, relation="implements")
    store.ingest(_letter("15/KH-UBND", "Gia Lai", "Kế hoạch năm 2016", refs=[by_name], date="2016-01-10"))
    assert ("15/KH-UBND", "name", f"Đề án “{XHHT}”") in _links_to_89(store)


def test_when_the_decision_itself_arrives_the_links_by_name_stay_with_it(store: Store) -> None:
    store.ingest(_letter("674/UBND-VX", "Quảng Bình", QB))  # a placeholder stands for the name
    store.ingest(_plan_citing_89())  # 89/QĐ-TTg (placeholder) learns the name and takes the link
    decision = make("89/QĐ-TTg", "Thủ tướng Chính phủ", level="national", date="2013-01-09")
    decision.record.document.subject = "Phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020”"
    store.ingest(decision)
    assert {n for n, by, _ in _links_to_89(store) if by == "name"} == {"674/UBND-VX"}
    with store.session() as session:
        (doc, *_) = find_documents(session, "89/QĐ-TTg")
        assert doc.in_corpus


def test_a_provinces_own_plan_is_not_another_provinces(store: Store) -> None:
    store.ingest(_plan_citing_89())  # Vĩnh Long's Kế hoạch “XHHT 2012-2020”
    store.ingest(_letter("20/UBND-VX", "Quảng Bình", f"V/v thực hiện Kế hoạch “{XHHT}”", date="2014-03-01"))
    store.ingest(_letter("21/UBND-VX", "Vĩnh Long", f"V/v thực hiện Kế hoạch “{XHHT}”", date="2014-03-01"))
    with store.session() as session:
        (plan, *_) = find_documents(session, "684/QĐ-UBND")
        below = {e["number"]: e["resolved_by"] for e in lineage(session, plan).model_dump(mode="json")["downstream"]}
        assert below == {"21/UBND-VX": "name"}
        name_links = session.scalars(select(Citation).where(Citation.resolved_by == "name")).all()
        assert {c.matched_name for c in name_links} == {f"Kế hoạch “{XHHT}”"}


def test_re_ingesting_the_plan_keeps_the_name_and_the_link(store: Store) -> None:
    store.ingest(_plan_citing_89())
    store.ingest(_letter("674/UBND-VX", "Quảng Bình", QB))
    again = _plan_citing_89()
    again.extractor_version = "test-2"
    store.ingest(again, b"other bytes")
    assert ("674/UBND-VX", "name", f"Đề án “{XHHT}”") in _links_to_89(store)


# --- the acceptance case, on the sample corpus ------------------------------------------------------------


def test_89_qd_ttg_counts_quang_binh_through_the_name_and_says_so(corpus: Store) -> None:
    with corpus.session() as session:
        (doc, *_) = find_documents(session, "89/QĐ-TTg")
        r = gap_report(session, doc).model_dump(mode="json")
        below = {e["number"]: e for e in lineage(session, doc).model_dump(mode="json")["downstream"]}
    covered = {c["name"]: c for c in r["covered_jurisdictions"]}
    assert set(covered) == {"Vĩnh Long", "Quảng Bình"}
    assert "Quảng Bình" not in {m["name"] for m in r["missing_jurisdictions"]}
    (qb,) = covered["Quảng Bình"]["documents"]
    assert qb["number"] == "674/UBND-VX" and qb["link"]["resolved_by"] == "name"
    assert "Xây dựng xã hội học tập" in qb["link"]["matched_name"]
    assert any("674/UBND-VX" in n and "theo tên" in n for n in r["notes_vi"])
    assert below["674/UBND-VX"]["resolved_by"] == "name" and below["674/UBND-VX"]["relation"] == "implements"


def test_a_plan_carrying_the_programme_without_citing_it_is_offered_not_counted(store: Store) -> None:
    from models.record import Task

    decision = make(
        "5/QĐ-TTg",
        "Thủ tướng Chính phủ",
        level="national",
        date="2021-01-05",
        tasks=[
            Task(
                label="Điều 2.1",
                text="Ủy ban nhân dân các tỉnh xây dựng kế hoạch phát triển trung tâm học tập cộng đồng",
                lead=["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"],
            )
        ],
    )
    decision.record.document.subject = "Phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”"
    store.ingest(decision)
    plan = make(
        "88/KH-UBND",
        "Ủy ban nhân dân tỉnh Nam Định",
        province="Nam Định",
        date="2021-06-01",
        doc_type="Kế hoạch",
        tasks=[
            Task(
                label="II.1",
                text="Sở Giáo dục và Đào tạo xây dựng kế hoạch phát triển trung tâm học tập cộng đồng",
                lead=["Sở Giáo dục và Đào tạo"],
            )
        ],
    )
    plan.record.document.subject = "Xây dựng xã hội học tập giai đoạn 2021-2030 trên địa bàn tỉnh Nam Định"
    store.ingest(plan)
    with store.session() as session:
        (doc, *_) = find_documents(session, "5/QĐ-TTg")
        r = gap_report(session, doc).model_dump(mode="json")
    assert "Nam Định" in {m["name"] for m in r["missing_jurisdictions"]}  # never silently counted
    (p,) = r["probable_implementations"]
    assert p["document"]["number"] == "88/KH-UBND" and p["jurisdiction"] == "Nam Định"
    assert p["label_vi"] == "có thể là văn bản triển khai" and p["counted"] is False
    assert p["evidence"]["same_period"] is True
    assert p["evidence"]["duties_carried"] == [{"upstream_item": "Điều 2.1", "downstream_item": "II.1"}]
    assert any("có thể" not in n and "88/KH-UBND" in n for n in r["notes_vi"])
