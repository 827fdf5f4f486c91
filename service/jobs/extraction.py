"""Reading one document in a child process, with a wall-clock limit.

Why a process: extraction is pure Python and can run for minutes on a large or hostile text. In the
server's own process it would hold the GIL (queries would wait behind it) and could not be stopped
when it overruns. Each worker thread keeps one long-lived child ("spawn": the server is multi-threaded,
and forking a threaded process can deadlock the child) that imports the extractor once and then reads
documents one at a time: the path of the original in, an ExtractionResult or an error out. The child
hands each file to extractor.bounded: parsing and extraction in a grandchild with the intake's memory
and time limits. The child itself has a memory limit too (`memory_bytes` beyond what it holds after
starting), so nothing it does can take the machine's memory.

When a document overruns `seconds`, the child is killed (SIGKILL; its intake forkserver and parsers
die with it) and the next document gets a fresh one. A child that dies on its own is reported as a
crash of that document, not of the service.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import resource
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from extractor import errors
from extractor.errors import BadInput, ParseTimeout, TooComplex
from extractor.intake.proc import die_with_parent

log = logging.getLogger(__name__)

_CONTEXT = multiprocessing.get_context("spawn")
READY = ("ready",)
START_SECONDS = 120.0  # importing and warming the extractor takes ~1.5 s; more means something is wrong
# Process.start() and the exit-status read are not safe from several threads at once.
_LOCK = threading.Lock()


class ExtractionCrashed(Exception):
    """The extractor itself failed (a bug, not the file's fault): the trace is logged, not shown."""


class Stopped(Exception):
    """The worker was asked to stop while a document was being read; the job goes back to the queue."""


def _serve(conn: Connection, memory_bytes: int | None = None) -> None:
    """The child: read documents until the pipe closes."""
    die_with_parent()  # the server killed with SIGKILL must not leave readers behind
    os.setpgrp()
    # Imported here, after die_with_parent(): importing the extractor takes ~0.5 s (python -X importtime
    # -c "import extractor.bounded, extractor.pipeline"), and a child still importing when the server is
    # killed must die too.
    from extractor.bounded import extract_file, warm_up

    if memory_bytes:
        _limit_memory(memory_bytes)
    warm_up()  # the sandbox's process server, with the extractor loaded
    conn.send(READY)
    classes = {c.__name__ for c in vars(errors).values() if isinstance(c, type) and issubclass(c, BadInput)}
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        path, name, limits = request
        reply: tuple[Any, ...]
        try:
            reply = ("ok", extract_file(path, source=name, limits=limits))
        except BadInput as exc:
            name_ = type(exc).__name__
            reply = ("bad", name_ if name_ in classes else "CorruptFile", exc.detail)
        except MemoryError:
            reply = ("bad", "TooComplex", "extraction ran out of memory")
        except RecursionError:
            reply = ("bad", "TooComplex", "structure nested too deeply")
        except Exception:  # a bug in the extractor: the parent logs the trace and fails this one job
            reply = ("crash", traceback.format_exc())
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


def _limit_memory(memory_bytes: int) -> None:
    """RLIMIT_AS (soft: the sandbox's children set their own) at what this process holds + memory_bytes."""
    with open("/proc/self/statm") as f:
        held = int(f.read().split()[0]) * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = held + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


class ExtractionProcess:
    """One child reading one document at a time. Not shared between threads."""

    def __init__(self, memory_bytes: int | None = None) -> None:
        self.memory_bytes = memory_bytes
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._ready = False

    def start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        self.close()
        parent, child = _CONTEXT.Pipe(duplex=True)
        process = _CONTEXT.Process(target=_serve, args=(child, self.memory_bytes), name="vanban-extract")
        with _LOCK:
            process.start()
        child.close()
        self._process, self._conn, self._ready = process, parent, False

    def extract(
        self,
        path: Path,
        name: str,
        limits: Any,
        *,
        seconds: float,
        beat: Callable[[], None] = lambda: None,
        beat_every: float = 2.0,
        stop: threading.Event | None = None,
    ) -> Any:
        """The ExtractionResult of the file at `path`; raises its BadInput, ParseTimeout after `seconds`,
        ExtractionCrashed, or Stopped. `beat` is called every `beat_every` seconds while waiting."""
        self.start()
        self._await_ready(stop)
        assert self._process is not None and self._conn is not None
        self._conn.send((str(path), name, limits))
        deadline = time.monotonic() + seconds
        while True:
            if stop is not None and stop.is_set():
                self.kill()
                raise Stopped(name)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise ParseTimeout(name, f"no result after {seconds:g} s")
            ready = wait([self._conn, self._process.sentinel], timeout=min(remaining, beat_every))
            if not ready:
                beat()
                continue
            if self._conn in ready or self._conn.poll(0):
                try:
                    reply = self._conn.recv()
                except (EOFError, OSError):
                    reply = None
                if reply is not None:
                    break
            code = self.kill()
            if code is not None and code < 0:
                raise TooComplex(name, f"extraction crashed (signal {-code})")
            raise ExtractionCrashed(f"the extraction process exited with code {code} reading {name}")
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "bad":
            cls = getattr(errors, reply[1], errors.CorruptFile)
            raise cls(name, reply[2])
        log.error("extraction failed on %s:\n%s", name, reply[1])
        raise ExtractionCrashed(f"the extractor failed on {name}")

    def _await_ready(self, stop: threading.Event | None) -> None:
        """Wait for a new child to say it is ready (a child that cannot start must not eat a job's time)."""
        if self._ready:
            return
        assert self._process is not None and self._conn is not None
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if stop is not None and stop.is_set():
                self.kill()
                raise Stopped("start")
            ready = wait([self._conn, self._process.sentinel], timeout=1.0)
            if self._conn in ready or (ready and self._conn.poll(0)):
                try:
                    if self._conn.recv() == READY:
                        self._ready = True
                        return
                except (EOFError, OSError):
                    pass
                break
            if ready:
                break
        code = self.kill()
        raise ExtractionCrashed(
            f"the extraction process did not start (exit code {code}); its stderr says why. If the main "
            "module is a script, its work must be under `if __name__ == '__main__':` (multiprocessing spawn)"
        )

    def kill(self) -> int | None:
        """Stop the child now (and the parsers it started); its exit code."""
        process, self._process = self._process, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if process is None:
            return None
        if process.is_alive():
            try:
                os.killpg(process.pid, 9)  # type: ignore[arg-type]
            except (ProcessLookupError, PermissionError):
                process.kill()
        with _LOCK:
            process.join(timeout=10)
            code = process.exitcode
        if code is not None:
            process.close()
        return code

    def close(self) -> None:
        """Let the child finish and exit (closing the pipe ends its loop)."""
        process, conn = self._process, self._conn
        self._process, self._conn = None, None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send(None)
            conn.close()
        if process is not None:
            with _LOCK:
                process.join(timeout=5)
            if process.exitcode is None:
                process.kill()
                process.join(timeout=5)
            process.close()
