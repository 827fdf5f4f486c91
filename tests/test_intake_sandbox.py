"""The sandbox from several threads at once, from a uvicorn server, and without leaving zombies."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from builders import corpus_text, make_docx, make_pdf, make_pdf_claiming_pages, make_text, make_zip_bomb_docx

from extractor.errors import BadInput, TooComplex
from extractor.intake import Limits, load, load_bytes


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sandbox")
    text = corpus_text("quangbinh-674-UBND-VX-2017")
    return {
        "docx": make_docx(text, folder / "674.docx"),
        "pdf": make_pdf(text, folder / "674.pdf"),
        "text": make_text(text, folder / "674.txt", encoding="cp1258"),
        "claims": make_pdf_claiming_pages(folder / "claims.pdf"),
        "bomb": make_zip_bomb_docx(folder / "bomb.docx", inflated_bytes=50 * 1024**2),
    }


def outcome(path: Path) -> str:
    try:
        loaded = load(path)
    except BadInput as exc:
        return type(exc).__name__
    return loaded.kind if "674/UBND-VX" in loaded.text else "wrong text"


def test_many_threads_at_once(files: dict[str, Path]) -> None:
    expected = {"docx": "docx", "pdf": "pdf", "text": "text", "claims": "TooComplex", "bomb": "TooComplex"}
    jobs = [name for name in expected for _ in range(4)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda name: outcome(files[name]), jobs))
    assert results == [expected[name] for name in jobs]


def test_no_children_or_zombies_are_left(files: dict[str, Path]) -> None:
    for name in ("docx", "pdf", "claims"):
        outcome(files[name])
    deadline = time.monotonic() + 5
    while _zombies() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _zombies()
    assert not [child for child in multiprocessing.active_children() if child.name == "vanban-intake"]


def _zombies() -> list[int]:
    """Zombie processes whose parent is this process or one of its children (the forkserver)."""
    stats = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text()
            except OSError:
                continue
            state, ppid = stat.rsplit(")", 1)[1].split()[:2]
            stats[int(proc.name)] = (state, int(ppid))
    ours = {os.getpid()} | {pid for pid, (_, ppid) in stats.items() if ppid == os.getpid()}
    return [pid for pid, (state, ppid) in stats.items() if state == "Z" and ppid in ours]


def test_load_inside_a_uvicorn_server_thread(files: dict[str, Path]) -> None:
    uvicorn = pytest.importorskip("uvicorn")

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            return
        name = scope["path"].strip("/")
        result = await asyncio.to_thread(outcome, files[name])
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": json.dumps(result).encode()})

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        answers = {
            name: json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/{name}", timeout=30).read())
            for name in ("pdf", "docx", "claims")
        }
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert answers == {"pdf": "pdf", "docx": "docx", "claims": "TooComplex"}


def test_error_names_the_file_as_given(files: dict[str, Path]) -> None:
    with pytest.raises(TooComplex) as caught:
        load(files["claims"], name="upload-42.pdf")
    assert str(caught.value).startswith("upload-42.pdf: ")


def test_a_child_out_of_memory_is_reported(files: dict[str, Path], tmp_path: Path) -> None:
    # Text is decoded in the sandbox too: 30 MB of text cannot be decoded in 20 MB more memory.
    big = tmp_path / "big.txt"
    big.write_bytes("Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì.\n".encode() * 600_000)
    with pytest.raises(TooComplex, match="ran out of memory"):
        load(big, limits=Limits(memory_bytes=20 * 1024**2))
    for kind in ("text", "docx", "pdf"):
        assert outcome(files[kind]) == kind  # and the next files are read as usual


@pytest.mark.parametrize("kind", ["docx", "pdf", "text"])
def test_load_bytes_goes_through_the_sandbox(files: dict[str, Path], kind: str) -> None:
    loaded = load_bytes(files[kind].read_bytes(), f"upload.{kind}")
    assert loaded.kind == kind and "674/UBND-VX" in loaded.text


def test_a_child_whose_caller_is_gone_ends_quietly() -> None:
    """After `kill -9` of a server, an intake child starting up finds no one to tell: no traceback."""
    script = (
        "from extractor.intake import Limits, sandbox\n"
        "from extractor.intake.worker import Job, run\n"
        "if __name__ == '__main__':\n"
        "    sandbox._prepare()\n"
        "    reader, writer = sandbox._CONTEXT.Pipe(duplex=False)\n"
        "    reader.close()  # the caller died before the child said it had started\n"
        "    job = Job('pdf', b'%PDF-1.4', 'orphan.pdf', Limits())\n"
        "    child = sandbox._CONTEXT.Process(target=run, args=(job, writer), name='vanban-intake')\n"
        "    child.start()\n"
        "    writer.close()\n"
        "    child.join(120)\n"
        "    print('exit', child.exitcode)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180, check=False)
    assert done.stdout.strip() == "exit 0", done.stderr
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr
