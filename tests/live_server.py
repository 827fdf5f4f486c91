"""A real `vanban serve` in a child process on a free port, over its own SQLite file and data folder.

    with live_server(tmp_path, VANBAN_MAX_UPLOAD_BYTES="1048576") as server:
        server.url, server.key("clerk")

Used by the tests that need the real HTTP stack (upload limits, the browser) and by the screenshots.
One server process unless the settings say VANBAN_PROCESSES: the tests look at that process.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

VANBAN = Path(sys.executable).with_name("vanban")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    port: int
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log: Path

    def key(self, role: str, *extra: str) -> str:
        out = subprocess.run(
            [str(VANBAN), "keys", "create", "--role", role, *extra],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()


@contextmanager
def live_server(tmp: Path, **settings: str) -> Iterator[Server]:
    port = free_port()
    env = {
        **os.environ,
        "VANBAN_DATABASE_URL": f"sqlite:///{tmp / 'vanban.db'}",
        "VANBAN_DATA_DIR": str(tmp / "var"),
        "VANBAN_PROCESSES": "1",
        **settings,
    }
    log = tmp / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(VANBAN), "serve", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"vanban serve exited: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"vanban serve did not answer in 60 s: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield Server(url, port, env, process, log)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # graceful: the worker stops, jobs go back to the queue
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
