"""Who may do what: keys and roles (401 without a key, 403 for the wrong role), a clerk's jurisdiction,
the audit log of every write, secrets kept only as hashes, the web UI's session cookie."""

from __future__ import annotations

import hashlib
import logging

import pytest
from service_fixtures import *  # noqa: F403
from service_fixtures import Api, unique_text
from sqlalchemy import select, text

from models.service_tables import ApiKey, AuditEntry

# (role, method, url, json body, expected status): one row per rule of the role table in the README
ROLE_TABLE = [
    ("analyst", "POST", "/api/documents", None, 403),  # analysts read and query, they do not upload
    ("clerk", "GET", "/api/lineage?number=674/UBND-VX", None, 403),  # clerks upload and correct
    ("clerk", "GET", "/api/duties?agency=Sở Tài chính", None, 403),
    ("clerk", "GET", "/api/gaps?number=674/UBND-VX", None, 403),
    ("clerk", "GET", "/api/keys", None, 403),
    ("analyst", "GET", "/api/keys", None, 403),
    ("analyst", "GET", "/api/audit", None, 403),
    ("clerk", "POST", "/api/keys", {"role": "admin", "name": "me"}, 403),
    ("analyst", "POST", "/api/documents/1/corrections", {"path": "document.number", "value": "1"}, 403),
    ("clerk", "GET", "/api/documents", None, 200),  # clerks read what they check
    ("clerk", "GET", "/api/search?q=ủy ban", None, 200),
    ("analyst", "GET", "/api/documents", None, 200),
    ("analyst", "GET", "/api/duties?agency=Sở Tài chính", None, 200),
    ("admin", "GET", "/api/keys", None, 200),
    ("admin", "GET", "/api/duties?agency=Sở Tài chính", None, 200),
]


def test_without_a_key_every_api_route_is_401_and_says_how_to_authenticate(api: Api) -> None:
    for method, url in [
        ("GET", "/api/documents"),
        ("GET", "/api/jobs/1"),
        ("POST", "/api/documents"),
        ("GET", "/api/lineage?number=1"),
        ("GET", "/api/keys"),
        ("GET", "/api/me"),
    ]:
        r = api.client.request(method, url)
        assert r.status_code == 401, url
        assert r.headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer" in r.json()["message"] and r.json()["message_vi"]
    assert api.client.get("/api/documents", headers={"Authorization": "Bearer vb_not-a-key"}).status_code == 401
    assert api.client.get("/api/health").status_code == 200  # for load balancers: no key, no data


@pytest.mark.parametrize(("role", "method", "url", "body", "status"), ROLE_TABLE)
def test_each_role_may_do_its_own_work_and_no_other(
    api: Api, role: str, method: str, url: str, body: dict | None, status: int
) -> None:
    r = api.client.request(method, url, headers=api.auth(role), json=body)
    assert r.status_code == status, r.text
    if status == 403:
        assert role in r.json()["message"] and "không được phép" in r.json()["message_vi"]


def test_only_a_hash_of_each_key_is_stored_and_a_revoked_key_stops_working(api: Api) -> None:
    key = api.make_key("analyst")
    assert api.client.get("/api/me", headers={"Authorization": f"Bearer {key}"}).json()["role"] == "analyst"
    with api.store.engine.connect() as conn:
        stored = [
            " ".join(map(str, row))
            for t in ("api_keys", "audit_log")
            for row in conn.execute(text(f"SELECT * FROM {t}"))
        ]
    assert not any(key in row for row in stored)
    with api.store.session() as s:
        row = s.scalar(select(ApiKey).where(ApiKey.key_hash == hashlib.sha256(key.encode()).hexdigest()))
        assert row is not None and key.startswith(row.prefix)
    r = api.client.delete(f"/api/keys/{row.id}", headers=api.auth("admin"))
    assert r.status_code == 200 and r.json()["revoked_at"]
    assert api.client.get("/api/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_an_admin_makes_keys_over_the_api_and_the_key_is_shown_once(api: Api) -> None:
    r = api.post("/api/keys", "admin", json={"role": "clerk", "name": "Văn thư Kbang", "district": "Kbang"})
    assert r.status_code == 201
    made = r.json()
    assert made["key"].startswith("vb_") and (made["province"], made["district"]) == ("Gia Lai", "Kbang")
    listed = api.get("/api/keys", "admin", params={"role": "clerk"}).json()["data"]
    assert all("key" not in k for k in listed) and made["id"] in [k["id"] for k in listed]
    bad = api.post("/api/keys", "admin", json={"role": "clerk", "name": "x", "province": "Atlantis"})
    assert bad.status_code == 422 and "Atlantis" in bad.json()["message"]
    assert (
        api.post("/api/keys", "admin", json={"role": "analyst", "name": "x", "province": "Gia Lai"}).status_code == 422
    )


def test_a_clerk_limited_to_a_province_uploads_and_corrects_only_its_documents(api: Api) -> None:
    own = api.wait(
        api.upload(unique_text("quangbinh-674-UBND-VX-2017"), "qb.txt", who="clerk_quangbinh").json()["job"]["id"]
    )
    assert own["status"] == "done"

    other = api.upload(unique_text("vinhlong-684-QD-UBND-2013"), "vl.txt", who="clerk_quangbinh").json()
    refused = api.wait(other["job"]["id"])
    assert refused["status"] == "failed" and refused["error"]["code"] == "E403"
    assert "Vĩnh Long" in refused["error"]["message"] and "ngoài phạm vi" in refused["error"]["message_vi"]
    assert api.get(f"/api/documents/{other['document']['id']}").status_code == 404  # not stored

    doc_id = own["result_document_id"]
    fix = {"path": "document.signer.title", "value": "Phó Chủ tịch"}
    assert api.post(f"/api/documents/{doc_id}/corrections", "clerk_kbang", json=fix).status_code == 403
    assert api.post(f"/api/documents/{doc_id}/corrections", "clerk_quangbinh", json=fix).status_code == 201
    move = {"path": "document.province", "value": "Vĩnh Long"}  # moving it out of reach is refused too
    assert api.post(f"/api/documents/{doc_id}/corrections", "clerk_quangbinh", json=move).status_code == 403
    assert api.get(f"/api/documents/{doc_id}").json()["document"]["province"] == "Quảng Bình"


def test_every_write_is_in_the_audit_log_with_who_what_and_when(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    up = api.upload(unique_text("kbang-1132-UBND-VX-2021"), "kbang.txt").json()
    doc_id = api.wait(up["job"]["id"])["result_document_id"]
    api.post(f"/api/documents/{doc_id}/corrections", "clerk", json={"path": "document.place", "value": "Kbang"})
    made = api.post("/api/keys", "admin", json={"role": "analyst", "name": "Phân tích viên"}).json()
    api.client.delete(f"/api/keys/{made['id']}", headers=api.auth("admin"))

    log = api.get("/api/audit", "admin", params={"limit": 500}).json()["data"]
    mine = {(e["action"], e["target"]) for e in log}
    assert {
        ("document.upload", f"document:{up['document']['id']}"),
        ("document.correct", f"document:{doc_id}"),
        ("key.create", f"key:{made['id']}"),
        ("key.revoke", f"key:{made['id']}"),
    } <= mine
    correction = next(e for e in log if e["action"] == "document.correct" and e["target"] == f"document:{doc_id}")
    assert correction["actor"].startswith("clerk") and correction["at"] and correction["detail"]["value"] == "Kbang"
    with api.store.session() as s:
        details = " ".join(str(d) for d in s.scalars(select(AuditEntry.detail)))
    secrets = [made["key"], *api.keys.values()]
    assert not any(k in details for k in secrets)
    assert not any(k in caplog.text for k in secrets)  # nor in the logs


def test_the_web_ui_trades_a_key_for_a_session_cookie_and_refuses_cross_site_writes(api: Api) -> None:
    from fastapi.testclient import TestClient

    browser = TestClient(api.client.app, base_url="http://testserver")
    assert browser.get("/", follow_redirects=False).headers["location"].startswith("/login")
    bad = browser.post("/login", data={"key": "vb_wrong"}, headers={"Origin": "http://testserver"})
    assert bad.status_code == 401 and "không hợp lệ" in bad.text
    ok = browser.post(
        "/login",
        data={"key": api.keys["clerk"], "next": "/documents"},
        headers={"Origin": "http://testserver"},
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/documents"
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and api.keys["clerk"].lower() not in cookie
    assert browser.get("/api/me").json()["role"] == "clerk"
    page = browser.get("/")
    assert page.status_code == 200 and "Tải văn bản lên" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]

    forged = browser.post("/api/documents", files={"file": ("x.txt", b"x")}, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403
    assert (
        browser.post(
            "/login",
            data={"key": api.keys["clerk"], "next": "//evil.example"},
            headers={"Origin": "http://testserver"},
            follow_redirects=False,
        ).headers["location"]
        == "/"
    )
    browser.post("/logout", headers={"Origin": "http://testserver"})
    assert browser.get("/api/me").status_code == 401


# A Quảng Bình clerk's corrections to a Quảng Bình document: (path, value, status). Every field that decides
# the jurisdiction must leave the document in Quảng Bình (issue 13, item 1).
MOVES = [
    ("document.level", "national", 403),
    ("document.level", "ministry", 403),
    ("document.district", "Quận 1", 403),  # a district of Hồ Chí Minh
    ("document.district", "Kbang", 403),  # of Gia Lai
    ("document.district", "Không Có Thật", 403),  # no district anywhere: cannot be shown to be in reach
    ("document.issuer", "Bộ Tài chính", 403),
    ("document.issuer", "Thủ tướng Chính phủ", 403),
    ("document.issuer", "Ủy ban nhân dân Thành phố Hồ Chí Minh", 403),
    ("document.issuer", "Ủy ban nhân dân huyện Kbang", 403),
    ("document", {"level": "national", "province": "Quảng Bình"}, 403),  # the whole header at once
    ("document.district", "Lệ Thủy", 201),  # a district of Quảng Bình
    ("document.issuer", "Sở Giáo dục và Đào tạo tỉnh Quảng Bình", 201),
    ("document.issuer", "Sở Tài chính", 201),  # named without its place: the document's own
    ("document.level", "district", 201),
    ("document.province", "Quảng Trị", 403),  # Quảng Bình's province since 2025 holds others too: out of reach
]


@pytest.mark.parametrize(("path", "value", "status"), MOVES, ids=[f"{p}={v}" for p, v, _ in MOVES])
def test_a_limited_clerk_cannot_move_a_document_out_of_reach_by_any_field(
    api: Api, path: str, value: object, status: int
) -> None:
    doc_id = _own_document(api, "quangbinh-674-UBND-VX-2017", "674/UBND-VX", "clerk_quangbinh")
    before = api.get(f"/api/documents/{doc_id}").json()["document"]
    r = api.post(f"/api/documents/{doc_id}/corrections", "clerk_quangbinh", json={"path": path, "value": value})
    assert r.status_code == status, r.text
    if status == 403:
        assert "outside your jurisdiction" in r.json()["message"] and "ngoài phạm vi" in r.json()["message_vi"]
        assert api.get(f"/api/documents/{doc_id}").json()["document"] == before  # nothing kept
    # an unlimited clerk may make the same correction
    assert api.post(
        f"/api/documents/{doc_id}/corrections", "clerk", json={"path": path, "value": value}
    ).status_code in (201, 409)


def test_a_district_clerk_cannot_make_a_document_provincial(api: Api) -> None:
    doc_id = _own_document(api, "kbang-1132-UBND-VX-2021", "1132 /UBND-VX", "clerk_kbang")
    for path, value in [("document.level", "province"), ("document.issuer", "Ủy ban nhân dân tỉnh Gia Lai")]:
        r = api.post(f"/api/documents/{doc_id}/corrections", "clerk_kbang", json={"path": path, "value": value})
        assert r.status_code == 403, (path, r.text)
    fix = {"path": "document.issuer", "value": "Phòng Giáo dục và Đào tạo huyện Kbang"}
    assert api.post(f"/api/documents/{doc_id}/corrections", "clerk_kbang", json=fix).status_code == 201


def _own_document(api: Api, stem: str, number: str, who: str) -> int:
    """A document of its own for one test: a number no other upload has (the same number would make it
    another copy of the same document, and one test's corrections would meet the next one's)."""
    import uuid

    text = unique_text(stem).decode().replace(number, f"{uuid.uuid4().int % 10**6}/UBND-VX", 1)
    job = api.wait(api.upload(text.encode(), f"{stem}.txt", who=who).json()["job"]["id"])
    assert job["status"] == "done", job
    return int(job["result_document_id"])


def test_the_api_docs_page_has_a_strict_content_security_policy(api: Api) -> None:
    r = api.client.get("/docs")
    assert r.status_code == 200 and "swagger-ui-bundle.js" in r.text
    policy = r.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "<script>" not in r.text  # no inline script for the policy to forbid: Swagger UI starts from a file
    assert api.client.get("/static/swagger-init.js").status_code == 200


@pytest.mark.parametrize(
    ("client", "forwarded", "trusted", "secure"),
    [
        (("127.0.0.1", 5000), "https", "127.0.0.1", True),  # behind the local TLS proxy
        (("10.0.0.7", 5000), "https", "10.0.0.0/24", True),  # a proxy on the private network, trusted by network
        (("127.0.0.1", 5000), None, "127.0.0.1", False),  # plain HTTP
        (("203.0.113.9", 5000), "https", "127.0.0.1", False),  # anyone else saying so is not believed
        (("127.0.0.1", 5000), "https", "", False),  # no proxy trusted
    ],
)
def test_the_session_cookie_is_secure_behind_https(
    api: Api, client: tuple[str, int], forwarded: str | None, trusted: str, secure: bool
) -> None:
    from fastapi.testclient import TestClient

    settings = api.client.app.state.settings.model_copy(update={"trusted_proxies": trusted})
    api.client.app.state.settings = settings
    try:
        browser = TestClient(api.client.app, base_url="http://testserver", client=client)
        headers = {"Origin": "http://testserver", **({"X-Forwarded-Proto": forwarded} if forwarded else {})}
        ok = browser.post("/login", data={"key": api.keys["clerk"]}, headers=headers, follow_redirects=False)
        assert ok.status_code == 303
        assert ("; secure" in ok.headers["set-cookie"].lower()) is secure
    finally:
        api.client.app.state.settings = settings.model_copy(update={"trusted_proxies": "127.0.0.1"})
