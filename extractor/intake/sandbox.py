"""Run one parse (or one whole extraction) in a child process with a memory limit and a wall-clock limit.

Parsers for DOCX, PDF and images run on untrusted bytes in C code (pdfium, libxml2, libtiff,
Tesseract). Measured here: a 1 MB PDF inflating to 1 GB kills pypdfium2 with SIGABRT and drives
pdfminer to MemoryError. Text is decoded the same way: a 40 MB one-line text took 900 MB. So each
file is parsed in a fresh child with RLIMIT_AS = memory_bytes, killed (with its process group,
Tesseract included) after parse_seconds. `run_job` runs any worker.Call the same way: that is how
extractor.bounded keeps extraction itself within limits.

Children come from a forkserver, not from fork(): the caller may be a multi-threaded web server,
and forking a threaded process can deadlock the child. The forkserver preloads the parser modules
and the warmed-up extractor (`extractor.preload`, ~5 s once per process), so a child starts in
milliseconds with everything in shared memory. As with any multiprocessing start method other than fork, the
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
from typing import Any

from .. import errors
from ..errors import BadInput, ParseTimeout, TooComplex
from .base import Limits, Loaded
from .ocr import FOLDER_PREFIX
from .worker import EXIT_OUT_OF_MEMORY, STARTED, Call, Job, ParsedKind, Reply, in_sandbox, parse_here, run

log = logging.getLogger(__name__)

_CONTEXT = multiprocessing.get_context("forkserver")
_PRELOAD = ["extractor.intake.worker", "extractor.preload"]
# Guards process start and exit-status reads: multiprocessing's forkserver Popen reads a child's
# exit status from a pipe, and two threads reading it at once would lose it.
_LOCK = threading.Lock()
_preload_set = False
_REAP_SECONDS = 10.0
START_SECONDS = 300.0  # the forkserver's first start: loading the extractor takes ~5 s, more on a busy machine

_ERROR_CLASSES: dict[str, type[BadInput]] = {
    cls.__name__: cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, BadInput)
}


def warm_up() -> None:
    """Start the forkserver now, and wait while it loads the parsers and the extractor (~5 s), rather
    than on the first file."""
    run_job(Call("os", "getpid", (), "warm-up", Limits(), seconds=START_SECONDS))


class SandboxBug(RuntimeError):
    """A bug of ours in a child (not the file's fault): the message carries the child's traceback."""


def run_sandboxed(kind: ParsedKind, source: Path | bytes, name: str, limits: Limits) -> Loaded:
    """Parse in a child; raise the child's BadInput, ParseTimeout, or TooComplex if it crashed.
    Inside a sandbox child already (extractor.bounded), parse right here: its limits apply."""
    job = Job(kind, source, name, limits)
    if in_sandbox():
        return parse_here(job)
    result: Loaded = run_job(job)
    return result


def run_job(job: Job | Call) -> Any:
    """Do `job` in a child with its limits; its result, or its error raised here (BadInput, OSError,
    SandboxBug), ParseTimeout past its seconds, TooComplex if it crashed or ran out of memory."""
    _prepare()
    reader, writer = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=run, args=(job, writer), name="vanban-intake", daemon=True)
    with _LOCK:
        process.start()
    writer.close()
    try:
        return _outcome(process, reader, job)
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


def _outcome(process: multiprocessing.process.BaseProcess, reader: Connection, job: Job | Call) -> Any:
    name = job.name
    deadline = time.monotonic() + job.seconds
    started = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ParseTimeout(name, f"no result after {job.seconds:g} s")
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
    raise _crash(process, name, job.what)


def _unpack(reply: Reply, name: str) -> Any:
    kind = reply[0]
    if kind == "ok":
        return reply[1]
    if kind == "oserror":
        _, number, strerror, filename = reply
        raise OSError(number, strerror, filename)  # FileNotFoundError etc., as if read here
    if kind == "bug":
        _, class_name, trace = reply
        raise SandboxBug(f"{name}: {class_name} in the sandbox child\n{trace}")
    _, class_name, detail, trace = reply
    if trace:
        log.info("parser failed on %s:\n%s", name, trace)
    raise _ERROR_CLASSES.get(class_name, errors.CorruptFile)(name, detail)


def _crash(process: multiprocessing.process.BaseProcess, name: str, what: str) -> BadInput:
    code = _exit_code(process)
    if code == EXIT_OUT_OF_MEMORY:
        return TooComplex(name, f"{what} ran out of memory")
    if code == -signal.SIGXCPU:
        return ParseTimeout(name, f"{what} used up its CPU time")
    if code is not None and code < 0:
        number = -code
        try:
            signame = signal.Signals(number).name
        except ValueError:
            signame = "?"
        return TooComplex(name, f"{what} crashed (signal {number}, {signame})")
    return TooComplex(name, f"{what} crashed (exit code {code})")


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
