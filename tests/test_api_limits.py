"""Limits and hostile input over HTTP: the upload size limit is enforced before and while the body is read
(a 200 MB upload costs the server nothing), DOCX bombs and external entities fail their job with the
intake's reason, an overrunning extraction is stopped, and nothing already stored is harmed."""

from __future__ import annotations

import contextlib
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from builders import make_docx, make_million_paragraph_docx, make_xxe_docx, make_zip_bomb_docx
from live_server import Server, live_server
from service_fixtures import *  # noqa: F403
from service_fixtures import Api, unique_text

MB = 1024 * 1024


def _vm_hwm(pid: int) -> int:
    """The process's peak resident memory, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def _response(sock: socket.socket) -> tuple[int, dict]:
    data = b""
    sock.settimeout(30)
    while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < _length(data):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    return int(head.split()[1]), json.loads(body[: _length(data)])


def _length(data: bytes) -> int:
    for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 0


def _post_head(server: Server, key: str, extra: str) -> bytes:
    return (
        f"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nAuthorization: Bearer {key}\r\n"
        f"Content-Type: multipart/form-data; boundary=vanbanboundary\r\n{extra}\r\n"
    ).encode()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with live_server(tmp_path_factory.mktemp("limits")) as s:
        yield s


def test_a_200_mb_upload_is_refused_with_413_before_its_body_is_read(server: Server) -> None:
    key = server.key("clerk")
    before = _vm_hwm(server.process.pid)
    with socket.create_connection(("127.0.0.1", server.port)) as sock:
        sock.sendall(_post_head(server, key, f"Content-Length: {200 * MB}\r\n"))
        # 1 MB of the promised 200; the answer may come, and the connection close, before even that is sent
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(b"--vanbanboundary\r\n" + b"x" * MB)
        status, body = _response(sock)
    assert status == 413
    assert body["code"] == "E105" and "too large" in body["message"] and "quá lớn" in body["message_vi"]
    assert _vm_hwm(server.process.pid) - before < 20 * MB
    assert not list((Path(server.env["VANBAN_DATA_DIR"]) / "tmp").glob("*"))  # nothing spooled


def test_an_upload_without_a_declared_length_is_cut_off_at_the_limit(tmp_path: Path) -> None:
    with live_server(tmp_path, VANBAN_MAX_UPLOAD_BYTES=str(MB), VANBAN_WORKERS="0") as server:
        key = server.key("clerk")
        with socket.create_connection(("127.0.0.1", server.port)) as sock:
            sock.sendall(_post_head(server, key, "Transfer-Encoding: chunked\r\n"))
            part = b'--vanbanboundary\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
            sock.sendall(b"%x\r\n%s\r\n" % (len(part), part))
            chunk = b"x" * (64 * 1024)
            try:
                for _ in range(24):  # 1.5 MB, past the 1 MB limit
                    sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered and closed while we were still sending
            status, body = _response(sock)
        assert status == 413 and body["message_vi"]
        # a file just over the limit, with a declared length, is refused by the same rule
        r = httpx.post(
            f"{server.url}/api/documents",
            headers={"Authorization": f"Bearer {key}"},
            files={"file": ("big.txt", b"a" * (MB + 1))},
        )
        assert r.status_code == 413 and r.json()["code"] == "E105"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("build", "code", "reason"),
    [
        (make_zip_bomb_docx, "E106", "inflates"),
        (make_xxe_docx, "E106", "DTD"),
        (lambda p: make_million_paragraph_docx(p, paragraphs=300_000), "E106", "paragraphs"),
    ],
)
def test_hostile_docx_files_fail_their_job_with_the_intake_reason(
    api: Api,
    tmp_path: Path,
    build,
    code: str,
    reason: str,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "hostile.docx"
    build(path)
    r = api.upload(path.read_bytes(), "hostile.docx")
    assert r.status_code == 202
    job = api.wait(r.json()["job"]["id"])
    assert (job["status"], job["error"]["code"]) == ("failed", code)
    assert reason in job["error"]["message"] and job["error"]["message_vi"]


def test_a_docx_upload_is_read_like_its_text(api: Api, tmp_path: Path) -> None:
    text = unique_text("kbang-1132-UBND-VX-2021").decode()
    path = make_docx(text, tmp_path / "kbang.docx")
    job = api.wait(api.upload(path.read_bytes(), "kbang.docx").json()["job"]["id"])
    assert job["status"] == "done" and job["kind"] == "zip"
    doc = api.get(f"/api/documents/{job['result_document_id']}").json()
    assert doc["document"]["number"] == "1132/UBND-VX" and doc["intake"]["kind"] == "docx"


@pytest.mark.slow
def test_an_extraction_over_its_time_limit_is_stopped_and_nothing_stored_is_harmed(tmp_path: Path) -> None:
    with live_server(tmp_path, VANBAN_EXTRACT_SECONDS="1") as server:
        key = server.key("clerk")
        auth = {"Authorization": f"Bearer {key}"}
        small = unique_text("quangbinh-674-UBND-VX-2017")
        done = httpx.post(f"{server.url}/api/documents", headers=auth, files={"file": ("qb.txt", small)}).json()
        huge = unique_text("hochiminh-3210-QD-UBND-2014") * 60  # ~2.5 MB of plan: far more than a second
        slow = httpx.post(f"{server.url}/api/documents", headers=auth, files={"file": ("big.txt", huge)}).json()

        def wait(job_id: int) -> dict:
            for _ in range(300):
                job = httpx.get(f"{server.url}/api/jobs/{job_id}", headers=auth).json()
                if job["status"] in ("done", "failed"):
                    return job  # type: ignore[no-any-return]
                time.sleep(0.2)
            raise AssertionError(job)

        assert wait(done["job"]["id"])["status"] == "done"
        job = wait(slow["job"]["id"])
        assert job["status"] == "failed" and job["error"]["code"] == "E107"
        assert "1 s" in job["error"]["message"] and job["error"]["message_vi"]
        kept = httpx.get(f"{server.url}/api/documents/{done['document']['id']}", headers=auth)
        assert kept.status_code == 200 and kept.json()["document"]["number"] == "674/UBND-VX"
        # the worker goes on with a fresh extraction process
        after = unique_text("vinhlong-684-QD-UBND-2013")
        again = httpx.post(f"{server.url}/api/documents", headers=auth, files={"file": ("vl.txt", after)}).json()
        assert wait(again["job"]["id"])["status"] == "done"
