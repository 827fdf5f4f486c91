"""The web UI in headless Chromium (Playwright driving Debian's /usr/bin/chromium) against a real
`vanban serve`: a clerk logs in, uploads a DOCX, waits for it to be read, opens the document view and
corrects a field; an analyst opens the lineage graph, the duty board and the gap report. Screenshots go
to tests/artifacts/ (not committed)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import corpus_text, make_docx
from live_server import VANBAN, Server, live_server

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"
UPLOADED = "vinhlong-684-QD-UBND-2013"  # left out of the ingest, uploaded through the UI


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("ui")
    folder = tmp / "corpus"
    folder.mkdir()
    for f in CORPUS.glob("*.txt"):
        if f.stem != UPLOADED:
            shutil.copy(f, folder / f.name)
    with live_server(tmp) as s:
        subprocess.run([str(VANBAN), "ingest", str(folder)], env=s.env, check=True, capture_output=True)
        yield s


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (scripts/setup.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def login(page, server: Server, key: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/")
    assert "/login" in page.url
    page.fill("#key", key)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/")


def test_a_clerk_uploads_a_docx_checks_it_and_corrects_a_field_and_an_analyst_follows_its_lineage(
    server: Server,
    browser,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    docx = make_docx(corpus_text(UPLOADED), tmp_path / "QD-684-VinhLong.docx")
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))

    # a clerk logs in with a key and uploads the DOCX; the page follows the job until it is read
    login(page, server, server.key("clerk", "--name", "Văn thư Vĩnh Long", "--province", "Vĩnh Long"))
    assert "Tải văn bản lên" in page.inner_text("h1")
    page.set_input_files("#files", str(docx))
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#uploads progress")
    link = page.wait_for_selector("#uploads a.open-document", timeout=90_000)
    assert page.get_attribute("#uploads li", "data-status") == "done"
    shot(page, "1-upload")

    # the document view: the text with its findings highlighted, the fields, the correction form
    link.click()
    page.wait_for_selector(".vb-doc")
    assert "684/QĐ-UBND" in page.inner_text("h1")
    kinds = page.eval_on_selector_all(".vb-doc mark", "ms => ms.flatMap(m => m.dataset.kinds.split(' '))")
    assert {"header", "reference", "task"} <= set(kinds)
    shot(page, "2-document")

    page.click('button.edit[data-path="document.signer.name"]')
    assert page.input_value("#c-path") == "document.signer.name"
    page.fill("#c-value", "Trương Văn Sáu")
    with page.expect_navigation():
        page.click("#correction button[type=submit]")
    assert page.inner_text('td[data-path="document.signer.name"]') == "Trương Văn Sáu"
    history = page.inner_text("#corrections")
    assert "Người ký" in history and "Văn thư Vĩnh Long (văn thư" in history
    shot(page, "3-corrected")

    # a clerk may not query lineage: the page says so
    page.goto(f"{server.url}/lineage?number=684/QĐ-UBND")
    assert "Không có quyền" in page.inner_text("h1")
    assert errors == ["Failed to load resource: the server responded with a status of 403 (Forbidden)"]
    errors.clear()
    page.click("text=Đăng xuất")
    page.wait_for_url("**/login")

    # an analyst opens the lineage graph of the uploaded decision: up to the national programme
    login(page, server, server.key("analyst", "--name", "Chuyên viên Bộ"))
    page.goto(f"{server.url}/lineage?number=684/QĐ-UBND")
    page.wait_for_selector("#lineage[data-ready=true] canvas")
    tables = page.inner_text("#lineage-tables")
    assert "89/QĐ-TTg" in tables and "Văn bản cấp trên" in tables
    shot(page, "4-lineage")

    page.goto(f"{server.url}/duties?agency=Sở Giáo dục và Đào tạo")
    assert page.locator("table.duties tbody tr").count() > 0
    assert page.locator("table.duties .badge").first.inner_text() in (
        "Quá hạn",
        "Sắp đến hạn",
        "Còn hạn",
        "Không có thời hạn",
    )
    shot(page, "5-duties")

    page.goto(f"{server.url}/gaps?number=22/2013/QĐ-TTg&jurisdiction=Hồ Chí Minh")
    assert "Yêu cầu chưa được cụ thể hóa" in page.inner_text("main")
    with page.expect_download() as download:
        page.click("text=Tải XLSX")
    assert download.value.suggested_filename.endswith(".xlsx")
    shot(page, "6-gaps")

    assert not errors, errors  # no script errors, no failed loads
    assert all(u.startswith(server.url) for u in requests)  # nothing from outside: no CDN
    context.close()


def test_the_api_docs_render_under_their_content_security_policy(server: Server, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    response = page.goto(f"{server.url}/docs")
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock", timeout=30_000)  # Swagger UI started and drew the operations
    assert page.locator(".opblock").count() > 10
    assert refused == []
    shot(page, "docs")
    page.close()
