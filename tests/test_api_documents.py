"""The documents API on a real database (SQLite and PostgreSQL): upload, job, record, original file,
corrections; duplicates recognised by hash; bad input refused by content with bilingual messages."""

from __future__ import annotations

import pytest
from service_fixtures import *  # noqa: F403
from service_fixtures import Api, unique_text

CONTRACT_KEYS = {"source", "document", "references", "tasks", "targets"}


def test_an_upload_is_accepted_at_once_read_in_the_background_and_served_with_its_record(api: Api) -> None:
    data = unique_text("quangbinh-674-UBND-VX-2017")
    r = api.upload(data, "674-UBND-VX.txt")
    assert r.status_code == 202
    body = r.json()
    assert body["job"]["status"] in ("queued", "running") and body["document"]["id"] > 0

    job = api.wait(body["job"]["id"])
    assert (job["status"], job["error"], job["outcome"]) == ("done", None, "added")
    assert job["result_document_id"] == body["document"]["id"]

    doc = api.get(f"/api/documents/{body['document']['id']}").json()
    assert CONTRACT_KEYS | {"id", "sha256", "corrections", "spans", "text"} <= set(doc)
    assert doc["document"]["number"] == "674/UBND-VX" and doc["document"]["province"] == "Quảng Bình"
    assert doc["corrections"] == [] and len(doc["spans"]) > 0
    span = doc["spans"][0]
    assert doc["text"][span["start"] : span["end"]]  # spans point into the text served with them

    original = api.get(f"/api/documents/{doc['id']}/original")
    assert original.status_code == 200 and original.content == data
    assert original.headers["content-disposition"].startswith("attachment")


def test_the_same_bytes_again_answer_200_with_the_existing_document_and_no_new_job(api: Api) -> None:
    data = unique_text("vinhlong-684-QD-UBND-2013")
    first = api.upload(data, "a.txt").json()
    api.wait(first["job"]["id"])
    again = api.upload(data, "renamed-copy.txt")
    assert again.status_code == 200
    assert again.json()["document"]["id"] == first["document"]["id"]
    assert again.json()["document"]["number"] == "684/QĐ-UBND"
    assert again.json()["job"]["id"] == first["job"]["id"]


def test_several_files_in_one_request_get_one_answer_each(api: Api) -> None:
    files = [
        ("file", ("a.txt", unique_text("kbang-1132-UBND-VX-2021"))),
        ("file", ("b.gif", b"GIF89a\x01\x00")),
    ]
    r = api.post("/api/documents", "clerk", files=files)
    assert r.status_code == 202
    first, second = r.json()["data"]
    assert first["job"]["status"] in ("queued", "running", "done")
    assert second["code"] == "E102"


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("letter.docx", b"GIF89a\x01\x00\x01\x00", 415, "E102"),  # a GIF, whatever its name says
        ("scan.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, 202, None),  # a PNG named .pdf is read as a PNG
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, 415, "E102"),  # legacy Word
        ("archive.txt", b"Rar!\x1a\x07\x00", 415, "E102"),
        ("empty.txt", b"", 422, "E101"),
    ],
)
def test_the_type_is_told_by_content_and_refusals_say_why_in_both_languages(
    api: Api, name: str, data: bytes, status: int, code: str | None
) -> None:
    r = api.upload(data, name)
    assert r.status_code == status
    if code:
        body = r.json()
        assert body["code"] == code and name in body["message"] and name in body["message_vi"]
        assert body["message"] != body["message_vi"]


def test_a_file_the_worker_cannot_read_fails_its_job_with_the_reason_and_stores_nothing(api: Api) -> None:
    r = api.upload(b"Quarterly report of the regional office, in English only, no Vietnamese here.", "en.txt")
    job = api.wait(r.json()["job"]["id"])
    assert job["status"] == "failed" and job["error"]["code"] == "E109"
    assert "tiếng Việt" in job["error"]["message_vi"]
    doc_id = r.json()["document"]["id"]
    assert doc_id not in [d["id"] for d in api.get("/api/documents", params={"limit": 500}).json()["data"]]
    missing = api.get(f"/api/documents/{doc_id}")
    assert missing.status_code == 404 and "không đọc được" in missing.json()["message_vi"]


def test_a_correction_is_kept_apart_with_who_and_when_and_shows_in_the_record_and_queries(api: Api) -> None:
    job = api.wait(api.upload(unique_text("quangninh-1977-SGDDT-CNTX-2011"), "qn.txt").json()["job"]["id"])
    doc_id = job["result_document_id"]
    doc = api.get(f"/api/documents/{doc_id}").json()
    machine_signer = doc["document"]["signer"]["name"]

    r = api.post(
        f"/api/documents/{doc_id}/corrections",
        "clerk",
        json={"path": "document.signer.name", "value": "Nguyễn Thị Hoa"},
    )
    assert r.status_code == 201
    assert r.json()["author"].startswith("clerk") and r.json()["created_at"]
    fixed = api.get(f"/api/documents/{doc_id}").json()
    assert fixed["document"]["signer"]["name"] == "Nguyễn Thị Hoa" != machine_signer
    assert [(c["path"], c["value"]) for c in fixed["corrections"]] == [("document.signer.name", "Nguyễn Thị Hoa")]

    # a task's lead corrected: the duties query follows the corrected record
    lead = "Ban Quản lý dự án thử nghiệm"
    assert (
        api.post(
            f"/api/documents/{doc_id}/corrections", "clerk", json={"path": "tasks[0].lead", "value": [lead]}
        ).status_code
        == 201
    )
    duties = api.get("/api/duties", params={"agency": lead}).json()
    assert any(d["document"]["id"] == doc_id for d in duties["data"])


@pytest.mark.parametrize(
    ("path", "value", "status"),
    [
        ("document.no_such_field", "x", 422),
        ("tasks[999].lead", ["Sở Tài chính"], 422),
        ("document.level", "galaxy", 422),  # not one of the contract's levels
        ("document.recipients", "not a list", 422),
    ],
)
def test_a_correction_that_does_not_fit_the_record_is_refused_and_changes_nothing(
    api: Api, path: str, value: object, status: int
) -> None:
    job = api.wait(api.upload(unique_text("kbang-1132-UBND-VX-2021"), "kb.txt").json()["job"]["id"])
    doc_id = job["result_document_id"]
    r = api.post(f"/api/documents/{doc_id}/corrections", "clerk", json={"path": path, "value": value})
    assert r.status_code == status and r.json()["message_vi"]
    assert api.get(f"/api/documents/{doc_id}").json()["corrections"] == []


def test_unknown_ids_are_404_with_a_bilingual_message(api: Api) -> None:
    for url in ("/api/documents/987654", "/api/jobs/987654", "/api/documents/987654/original"):
        r = api.get(url)
        assert r.status_code == 404 and r.json()["message"] and r.json()["message_vi"]


def test_documents_list_pages_filters_and_sorts(corpus_api: Api) -> None:
    everything = corpus_api.get("/api/documents", params={"limit": 500}).json()
    assert everything["count"] == len(everything["data"]) >= 11
    page = corpus_api.get("/api/documents", params={"limit": 3, "offset": 3, "sort": "id"}).json()
    assert [d["id"] for d in page["data"]] == sorted(d["id"] for d in everything["data"])[3:6]
    assert page["count"] == everything["count"]

    by_date = corpus_api.get("/api/documents", params={"sort": "issued_date", "limit": 500}).json()["data"]
    dates = [d["issued_date"] for d in by_date if d["issued_date"]]
    assert dates == sorted(dates)

    quang_binh = corpus_api.get("/api/documents", params={"province": "Quảng Bình"}).json()
    assert [d["number"] for d in quang_binh["data"]] == ["674/UBND-VX"]
    national = corpus_api.get("/api/documents", params={"level": "national"}).json()
    assert {d["number"] for d in national["data"]} >= {"22/2013/QĐ-TTg", "773/QĐ-TTg"}
    placeholder = corpus_api.get("/api/documents", params={"in_corpus": False, "number": "89/QĐ-TTg"}).json()
    assert placeholder["count"] == 1 and placeholder["data"][0]["in_corpus"] is False
    assert corpus_api.get("/api/documents", params={"province": "Atlantis"}).status_code == 422


def test_another_copy_of_a_held_document_updates_it_and_its_promised_id_redirects(api: Api, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from builders import make_docx

    text = unique_text("quangninh-1977-SGDDT-CNTX-2011")
    first = api.wait(api.upload(text, "qn.txt").json()["job"]["id"])
    docx = make_docx(text.decode(), tmp_path / "qn.docx").read_bytes()
    second = api.upload(docx, "qn.docx").json()
    job = api.wait(second["job"]["id"])
    assert (job["status"], job["outcome"]) == ("done", "updated")
    assert job["result_document_id"] == first["result_document_id"] != second["document"]["id"]
    moved = api.get(f"/api/documents/{second['document']['id']}", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/api/documents/{first['result_document_id']}"
    assert api.get(f"/api/documents/{first['result_document_id']}").json()["intake"]["kind"] == "docx"


def test_garbage_fails_its_job_with_e111_and_both_languages(api: Api) -> None:
    up = api.upload("nhà nước dân chủ cây xanh bay hôm nay".encode(), "rac.txt").json()
    job = api.wait(up["job"]["id"])
    assert job["status"] == "failed" and job["error"]["code"] == "E111"
    assert "official document" in job["error"]["message"] and "văn bản hành chính" in job["error"]["message_vi"]
    listed = [d["id"] for d in api.get("/api/documents", params={"limit": 500}).json()["data"]]
    assert up["document"]["id"] not in listed  # nothing stored


def test_a_document_unreadable_in_parts_is_stored_and_the_ui_shows_the_warning(api: Api) -> None:
    from fastapi.testclient import TestClient
    from test_officialness import partly_unreadable

    up = api.upload(partly_unreadable().encode() + unique_text("kbang-1132-UBND-VX-2021")[-50:], "hong.txt").json()
    job = api.wait(up["job"]["id"])
    assert job["status"] == "done", job
    doc = api.get(f"/api/documents/{job['result_document_id']}").json()
    assert doc["document"]["number"] == "684/QĐ-UBND"
    browser = TestClient(api.client.app, base_url="http://testserver")
    browser.post("/login", data={"key": api.keys["analyst"]}, headers={"Origin": "http://testserver"})
    page = browser.get(f"/documents/{job['result_document_id']}")
    assert page.status_code == 200 and "Lưu ý khi đọc văn bản" in page.text
    assert "Một phần nội dung không đọc được" in page.text and "cần đối chiếu với bản gốc" in page.text
