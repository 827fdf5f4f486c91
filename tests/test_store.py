"""The store: files kept once by hash, records with spans and extractor version, corrections kept
apart and applied on read, placeholders merged when the real document arrives. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from store_fixtures import *  # noqa: F403
from store_fixtures import Store

from extractor.identity import ident
from models.record import DocumentHeader, ExtractionRecord, ExtractionResult, IntakeInfo, Reference, Task
from models.tables import Citation, Correction, Document, Extraction, File, TaskAgency
from service.store import blobs
from service.store.repository import add_correction, effective_record, find_documents

QB = "quangbinh-674-UBND-VX-2017.txt"
VL = "vinhlong-684-QD-UBND-2013.txt"


def make(
    number: str,
    issuer: str,
    *,
    level: str = "province",
    province: str | None = None,
    date: str = "2013-05-01",
    refs: list[Reference] | None = None,
    tasks: list[Task] | None = None,
    version: str = "test-1",
    doc_type: str = "Quyết định",
) -> ExtractionResult:
    """A result built directly (no extractor): what tests need to control exactly."""
    record = ExtractionRecord(
        source=f"{number}.txt",
        document=DocumentHeader(
            doc_type=doc_type,
            number=number,
            issuer=issuer,
            level=level,  # type: ignore[arg-type]
            province=province,
            issued_date=date,
            subject=f"Văn bản {number}",
        ),
        references=refs or [],
        tasks=tasks or [],
    )
    return ExtractionResult(
        record=record,
        text=f"{number} {issuer}",
        spans=[],
        intake=IntakeInfo(kind="text", media_type="text/plain"),
        extractor_version=version,
    )


def count(s, model) -> int:  # type: ignore[no-untyped-def]
    return s.scalar(select(func.count()).select_from(model))


# --- files, records, re-ingest ---------------------------------------------------------------------


def test_a_file_is_kept_once_by_its_sha256_and_reingesting_it_is_a_noop(store: Store, corpus_results) -> None:
    data, result = corpus_results[QB]
    first = store.ingest(result, data)
    again = store.ingest(result, data)
    assert (first.status, again.status) == ("added", "unchanged")
    assert again.document_id == first.document_id
    digest = blobs.sha256(data)
    assert (store.data_dir / "blobs" / digest[:2] / digest[2:]).read_bytes() == data
    with store.session() as s:
        assert count(s, File) == 1 and count(s, Extraction) == 1
        ex = s.get(Extraction, first.document_id)
        assert ex.extractor_version == result.extractor_version
        assert ex.text == result.text
        assert len(ex.spans) == len(result.spans) > 0
        assert ex.record["document"]["number"] == "674/UBND-VX"


def test_a_newer_extractor_replaces_machine_findings_and_keeps_corrections(store: Store) -> None:
    old = make(
        "12/QĐ-UBND",
        "Ủy ban nhân dân tỉnh Gia Lai",
        province="Gia Lai",
        tasks=[Task(label="1", text="Sở Tài chính bố trí kinh phí.", lead=["Sở Tài chính"])],
    )
    doc_id = store.ingest(old, b"same bytes").document_id
    with store.session() as s:
        add_correction(s, doc_id, "tasks[0].deadline", "2014-12-31", author="clerk@gialai")
        add_correction(s, doc_id, "document.signer.name", "Nguyễn Văn A", author="clerk@gialai")
    new = make(
        "12/QĐ-UBND",
        "Ủy ban nhân dân tỉnh Gia Lai",
        province="Gia Lai",
        version="test-2",
        tasks=[
            Task(label="1", text="Sở Tài chính bố trí kinh phí thực hiện.", lead=["Sở Tài chính"]),
            Task(label="2", text="Sở Xây dựng hướng dẫn.", lead=["Sở Xây dựng"]),
        ],
    )
    outcome = store.ingest(new, b"same bytes")
    assert (outcome.status, outcome.document_id) == ("reextracted", doc_id)
    with store.session() as s:
        machine = s.get(Extraction, doc_id).record
        assert machine["tasks"][0]["deadline"] is None  # the machine's own output is untouched
        record = effective_record(s, doc_id).model_dump(mode="json")  # type: ignore[union-attr]
        assert record["tasks"][0]["text"] == "Sở Tài chính bố trí kinh phí thực hiện."  # new machine finding
        assert record["tasks"][0]["deadline"] == "2014-12-31"  # the correction survives
        assert record["document"]["signer"]["name"] == "Nguyễn Văn A"
        assert len(record["tasks"]) == 2
        who = s.scalars(select(Correction.author)).all()
        assert who == ["clerk@gialai", "clerk@gialai"]


def test_a_correction_shows_in_queries_at_once(store: Store) -> None:
    from graph.duties import DutyFilter
    from service.store.queries.graph import duties

    doc_id = store.ingest(
        make(
            "7/KH-UBND",
            "Ủy ban nhân dân tỉnh Gia Lai",
            province="Gia Lai",
            tasks=[Task(label="1", text="Tuyên truyền.", lead=["Sở Tài chính"])],
        )
    ).document_id
    with store.session() as s:
        add_correction(s, doc_id, "tasks[0].lead", ["Sở Giáo dục và Đào tạo"], author="clerk")
        rows = duties(s, DutyFilter(agency="Sở GD&ĐT")).data
        assert [r.agency for r in rows] == ["Sở Giáo dục và Đào tạo tỉnh Gia Lai"]
        assert duties(s, DutyFilter(agency="Sở Tài chính")).count == 0


def test_a_correction_to_a_missing_field_is_refused(store: Store) -> None:
    doc_id = store.ingest(make("8/KH-UBND", "Ủy ban nhân dân tỉnh Gia Lai", province="Gia Lai")).document_id
    with store.session() as s, pytest.raises(ValueError, match="tasks"):
        add_correction(s, doc_id, "tasks[5].lead", ["Sở Y tế"], author="clerk")


# --- identity and placeholders ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "3210/QĐ-UBND",
        "3210/QĐ - UBND",
        "Số 3210/QĐ-UBND",
        "3210/QÐ-UBND",  # Ð (U+00D0) looks like Đ
        "3210 / QĐ-UBND",
        "số: 3210/QĐ–UBND",
    ],
)
def test_variant_spellings_of_a_number_are_one_key(variant: str) -> None:
    assert ident(variant, "UBND thành phố Hồ Chí Minh", None, None, None).number_key == "3210/qđubnd"


def test_qd_ttg_in_capitals_and_old_tones_in_the_issuer_are_the_same_document() -> None:
    a = ident("22/2013/QĐ-TTG", "Thủ tướng Chính phủ", "2013-04-26", "Quyết định", None)
    b = ident("22/2013/QĐ-TTg", "THỦ TƯỚNG CHÍNH PHỦ", None, None, None)
    c = ident("12/QĐ-UBND", "Uỷ ban nhân dân tỉnh Hoà Bình", None, None, None)
    d = ident("12/QĐ-UBND", "UBND tỉnh Hòa Bình", None, None, None)
    assert a.identity() == b.identity() and c.issuer_key == d.issuer_key


def test_the_same_number_from_two_provinces_is_two_documents(store: Store) -> None:
    qb = store.ingest(make("674/UBND-VX", "Ủy ban nhân dân tỉnh Quảng Bình", province="Quảng Bình", date="2017-04-24"))
    gl = store.ingest(make("674/UBND-VX", "Ủy ban nhân dân tỉnh Gia Lai", province="Gia Lai", date="2017-04-24"))
    assert qb.document_id != gl.document_id
    with store.session() as s:
        assert {d.province for d in find_documents(s, "674/UBND-VX")} == {"Quảng Bình", "Gia Lai"}


def test_a_district_name_shared_by_provinces_is_told_apart_by_the_province(store: Store) -> None:
    # "huyện Châu Thành" exists in eight provinces; a header names the district, the province is above it
    issuer = "Ủy ban nhân dân huyện Châu Thành"
    tg = store.ingest(make("1/KH-UBND", issuer, level="district", province="Tiền Giang"), b"plan of Tien Giang")
    bt = store.ingest(make("1/KH-UBND", issuer, level="district", province="Bến Tre"), b"plan of Ben Tre")
    assert tg.document_id != bt.document_id
    letter = store.ingest(
        make(
            "5/UBND-VX",
            "Ủy ban nhân dân xã An Hóa",
            level="commune",
            province="Bến Tre",
            refs=[Reference(number="1/KH-UBND", issuer="Ủy ban nhân dân huyện Châu Thành", relation="implements")],
        )
    )
    with store.session() as s:
        (cit,) = s.scalars(select(Citation).where(Citation.src_id == letter.document_id)).all()
        assert cit.dst_id == bt.document_id


def test_a_cited_document_is_a_placeholder_until_it_arrives_then_one_node(store: Store) -> None:
    cite = Reference(
        doc_type="Quyết định",
        number="89/QĐ-TTg",
        issuer="Thủ tướng Chính phủ",
        issued_date="2013-01-09",
        relation="based_on",
    )
    a = store.ingest(make("684/QĐ-UBND", "Ủy ban nhân dân tỉnh Vĩnh Long", province="Vĩnh Long", refs=[cite]))
    b = store.ingest(
        make(
            "1/KH-UBND",
            "Ủy ban nhân dân tỉnh Cà Mau",
            province="Cà Mau",
            refs=[Reference(number="89/QÐ-TTG", relation="implements")],
        )
    )  # no issuer, odd Đ
    with store.session() as s:
        (ph,) = s.scalars(select(Document).where(Document.in_corpus.is_(False))).all()
        assert ph.number == "89/QĐ-TTg" and ph.level == "national"
        assert sorted(s.scalars(select(Citation.src_id).where(Citation.dst_id == ph.id))) == sorted(
            [a.document_id, b.document_id]
        )
    real = store.ingest(make("89/QĐ-TTg", "Thủ tướng Chính phủ", level="national", date="2013-01-09"))
    assert real.status == "merged"
    with store.session() as s:
        assert count(s, Document) == 3  # the placeholder became the real document: no duplicate
        assert sorted(s.scalars(select(Citation.src_id).where(Citation.dst_id == real.document_id))) == sorted(
            [a.document_id, b.document_id]
        )


def test_a_placeholder_keyed_by_number_alone_is_merged_when_the_document_arrives(store: Store) -> None:
    store.ingest(
        make(
            "5/KH-UBND",
            "Ủy ban nhân dân huyện Kbang",
            level="district",
            province="Gia Lai",
            refs=[Reference(number="842/UBND-KGVX", relation="implements")],
        )
    )
    real = store.ingest(make("842/UBND-KGVX", "Ủy ban nhân dân tỉnh Gia Lai", province="Gia Lai", date="2021-06-01"))
    with store.session() as s:
        assert count(s, Document) == 2
        assert s.scalar(select(Citation.dst_id)) == real.document_id


def test_a_mistyped_symbol_with_the_right_issuer_finds_the_document(store: Store) -> None:
    # TP. Hồ Chí Minh cites "Thông tư số 98/2013/TT-BXD ... của Bộ Tài chính": it means 98/2013/TT-BTC
    real = store.ingest(
        make("98/2013/TT-BTC", "Bộ Tài chính", level="ministry", date="2013-07-24", doc_type="Thông tư")
    )
    store.ingest(
        make(
            "3210/QĐ-UBND",
            "Ủy ban nhân dân thành phố Hồ Chí Minh",
            province="Hồ Chí Minh",
            refs=[
                Reference(number="98/2013/TT-BXD", issuer="Bộ Tài chính", relation="based_on"),
                Reference(number="98/2013/TT-BTC", issuer="Bộ Tài chính", relation="cites"),
            ],
        )
    )
    with store.session() as s:
        (cit,) = s.scalars(select(Citation)).all()
        assert (cit.dst_id, cit.relation) == (real.document_id, "based_on")  # one edge, the stronger relation


# --- schema ---------------------------------------------------------------------------------------------


def test_migrations_are_idempotent_and_full_text_search_is_ready(store: Store, corpus_results) -> None:
    from service.store.db import init_db

    init_db(store.engine)  # already at head: nothing to do
    data, result = corpus_results[VL]
    doc_id = store.ingest(result, data).document_id
    with store.session() as s:
        if store.engine.dialect.name == "sqlite":
            q = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :q")
        else:
            q = text("SELECT document_id FROM search_docs WHERE search @@ plainto_tsquery('simple', :q)")
        assert s.scalars(q, {"q": "hoc tap"}).all() == [doc_id]  # the folded columns
        assert s.scalar(select(func.count()).select_from(TaskAgency)) > 0


def test_the_migrations_build_exactly_the_tables_the_models_describe(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from models.tables import Base
    from service.store.db import include_object

    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include_object, "compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []


def test_full_text_search_finds_documents_by_their_words(store: Store, corpus_results) -> None:
    from service.store.search import search

    for name in (QB, VL):
        store.ingest(corpus_results[name][1], corpus_results[name][0])
    with store.session() as s:
        hits = search(s, "trung tâm học tập cộng đồng")
        assert hits.count == 2 and {h.number for h in hits.data} == {"674/UBND-VX", "684/QĐ-UBND"}
        assert [h.number for h in search(s, "Vĩnh Long").data] == ["684/QĐ-UBND"]
        assert search(s, "- : /").count == 0  # punctuation alone is no query, and no syntax error
