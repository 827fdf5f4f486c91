"""Run one parse in a child process with a memory limit and a wall-clock limit.

Parsers for DOCX, PDF and images run on untrusted bytes in C code (pdfium, libxml2, libtiff,
Tesseract). Measured here: a 1 MB PDF inflating to 1 GB kills pypdfium2 with SIGABRT and drives
pdfminer to MemoryError. So each file is parsed in a fresh child with RLIMIT_AS = memory_bytes,
killed (with its process group, Tesseract included) after parse_seconds.

Children come from a forkserver, not from fork(): the caller may be a multi-threaded web server,
and forking a threaded process can deadlock the child. The forkserver preloads the parser modules,
so a child starts in milliseconds. As with any multiprocessing start method other than fork, the
caller's main module is re-imported (as `__mp_main__`) in each child: scripts must keep their work
under `if __name__ == "__main__":`, and should keep heavy imports out of their top level.

Children are reaped by the forkserver (their real parent), so none is left as a zombie here.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
import threading
import time
from multiprocessing.connection import Connection, wait
from pathlib import Path

from .. import errors
from ..errors import BadInput, ParseTimeout, TooComplex
from .base import Limits, Loaded
from .ocr import FOLDER_PREFIX
from .worker import EXIT_OUT_OF_MEMORY, STARTED, Job, ParsedKind, Reply, run

log = logging.getLogger(__name__)

_CONTEXT = multiprocessing.get_context("forkserver")
_PRELOAD = ["extractor.intake.worker"]
# Guards process start and exit-status reads: multiprocessing's forkserver Popen reads a child's
# exit status from a pipe, and two threads reading it at once would lose it.
_LOCK = threading.Lock()
_preload_set = False
_REAP_SECONDS = 10.0

_ERROR_CLASSES: dict[str, type[BadInput]] = {
    cls.__name__: cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, BadInput)
}


def warm_up() -> None:
    """Start the forkserver now (it takes about a second) rather than on the first file."""
    _prepare()
    from multiprocessing import forkserver

    forkserver.ensure_running()


def run_sandboxed(kind: ParsedKind, source: Path | bytes, name: str, limits: Limits) -> Loaded:
    """Parse in a child; raise the child's BadInput, ParseTimeout, or TooComplex if it crashed."""
    _prepare()
    reader, writer = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(
        target=run, args=(Job(kind, source, name, limits), writer), name="vanban-intake", daemon=True
    )
    with _LOCK:
        process.start()
    writer.close()
    try:
        return _outcome(process, reader, name, limits)
    finally:
        _stop(process)
        reader.close()


def _prepare() -> None:
    global _preload_set
    with _LOCK:
        if not _preload_set:
            # Only has an effect if no forkserver is running yet in this process.
            _CONTEXT.set_forkserver_preload(_PRELOAD)
            _preload_set = True


def _outcome(
    process: multiprocessing.process.BaseProcess, reader: Connection, name: str, limits: Limits
) -> Loaded:
    deadline = time.monotonic() + limits.parse_seconds
    started = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ParseTimeout(name, f"no result after {limits.parse_seconds:g} s")
        ready = wait([reader, process.sentinel], timeout=remaining)
        if reader in ready or (ready and reader.poll(0)):
            try:
                reply = reader.recv()
            except (EOFError, OSError, pickle.UnpicklingError):
                break  # the child died before or while answering
            if reply == STARTED:
                started = True
                continue
            return _unpack(reply, name)
        if ready:
            break  # the child exited without a word
    if not started:
        raise RuntimeError(
            f"the intake sandbox could not start a child (exit code {_exit_code(process)}); its stderr "
            "says why. Usually the caller's main module cannot be re-imported: see 'Safe importing of "
            "main module' in the multiprocessing docs."
        )
    raise _crash(process, name)


def _unpack(reply: Reply, name: str) -> Loaded:
    if reply[0] == "ok":
        return reply[1]
    _, class_name, detail, trace = reply
    if trace:
        log.info("parser failed on %s:\n%s", name, trace)
    raise _ERROR_CLASSES.get(class_name, errors.CorruptFile)(name, detail)


def _crash(process: multiprocessing.process.BaseProcess, name: str) -> BadInput:
    code = _exit_code(process)
    if code == EXIT_OUT_OF_MEMORY:
        return TooComplex(name, "parser ran out of memory")
    if code == -signal.SIGXCPU:
        return ParseTimeout(name, "parser used up its CPU time")
    if code is not None and code < 0:
        number = -code
        try:
            signame = signal.Signals(number).name
        except ValueError:
            signame = "?"
        return TooComplex(name, f"parser crashed (signal {number}, {signame})")
    return TooComplex(name, f"parser crashed (exit code {code})")


def _exit_code(process: multiprocessing.process.BaseProcess) -> int | None:
    wait([process.sentinel], timeout=_REAP_SECONDS)
    with _LOCK:
        process.join(timeout=0)
        return process.exitcode


def _stop(process: multiprocessing.process.BaseProcess) -> None:
    """Kill the child and its process group unless it has exited, then collect its exit status."""
    pid = process.pid
    # Once the forkserver reports the exit, the pid may already belong to someone else: hands off.
    if pid is not None and not wait([process.sentinel], timeout=0):
        # The group exists only if the child made it (first thing it does); else kill the child alone.
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                continue
            break
    code = _exit_code(process)
    if code is not None:
        process.close()
    else:
        log.warning("intake child %s did not exit after SIGKILL", pid)
    if pid is not None:
        _remove_ocr_folders(pid)


def _remove_ocr_folders(pid: int) -> None:
    """Page images a killed child left behind (a child that finishes removes its own)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}{pid}-*"):
        shutil.rmtree(folder, ignore_errors=True)
