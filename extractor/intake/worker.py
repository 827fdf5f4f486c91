"""The sandbox child's side: limit itself, do one job, send back the result or an error.

Two kinds of job: a `Job` parses one file (text, DOCX, PDF, image) into a Loaded; a `Call` runs a
named function, which is how `extractor.bounded` reads a whole file (parse and extraction) in one
limited child. Inside a child, `in_sandbox()` is true and the intake parses in place instead of
starting a child of its own: the limits already apply.

This module is preloaded in the forkserver (with `extractor.preload`), so importing the parsers
(pypdfium2, pdfplumber, python-docx, Pillow, lxml) is paid once, not once per file.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import resource
import traceback
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

from ..errors import BadInput, CorruptFile, TooLarge
from .base import Limits, Loaded
from .docx import read_docx
from .legacy import convert_legacy_text
from .lines import break_long_lines
from .ocr import read_image
from .pdf import read_pdf
from .proc import die_with_parent
from .text import decode_text

log = logging.getLogger(__name__)

ParsedKind = Literal["text", "docx", "pdf", "png", "jpeg", "tiff"]
STARTED = ("started",)
EXIT_OUT_OF_MEMORY = 86  # the child could not even report its MemoryError

_in_sandbox = False


@dataclass(frozen=True)
class Job:
    """Parse one file: `source` is a path to read, or the file's bytes (from load_bytes)."""

    kind: ParsedKind
    source: Path | bytes
    name: str
    limits: Limits
    what = "parser"  # how errors name the work

    @property
    def seconds(self) -> float:
        return self.limits.parse_seconds


@dataclass(frozen=True)
class Call:
    """Run `module.function(*args, **kwargs)` in a child (named, so the caller need not import it)."""

    module: str
    function: str
    args: tuple[Any, ...]
    name: str
    limits: Limits
    seconds: float
    kwargs: dict[str, Any] = field(default_factory=dict)
    what = "extraction"


# What the child sends: ("ok", result), ("error", BadInput class name, detail, traceback or None),
# ("oserror", errno, strerror, filename) or ("bug", exception class name, traceback).
Reply = tuple[Any, ...]


def in_sandbox() -> bool:
    """Whether this process is a sandbox child (its limits are already set)."""
    return _in_sandbox


def run(job: Job | Call, connection: Connection) -> None:
    """Process target: everything that can go wrong becomes a Reply, except being killed."""
    global _in_sandbox
    try:
        # Tells the parent that a later death is the file's doing, not the setup's.
        connection.send(STARTED)
    except OSError:
        # BrokenPipeError: the parent died (a server killed with SIGKILL) before this child started.
        # Nobody waits for the answer: end quietly instead of printing a traceback into its log.
        return
    _isolate(job)
    _in_sandbox = True
    reply = _attempt(job)
    try:
        connection.send(reply)
    except MemoryError:
        os._exit(EXIT_OUT_OF_MEMORY)
    except OSError:
        pass  # the parent stopped waiting (it timed out, or died): the same expected end
    finally:
        with contextlib.suppress(OSError):
            connection.close()


def _attempt(job: Job | Call) -> Reply:
    try:
        if isinstance(job, Job):
            return ("ok", parse_here(job))
        target = getattr(importlib.import_module(job.module), job.function)
        return ("ok", target(*job.args, **job.kwargs))
    except BadInput as exc:
        return ("error", type(exc).__name__, exc.detail, None)
    except MemoryError:
        return ("error", "TooComplex", f"{job.what} ran out of memory", None)
    except RecursionError:
        return ("error", "TooComplex", "structure nested too deeply", None)
    except OSError as exc:  # the file itself went missing or unreadable: the caller's kind of error
        return ("oserror", exc.errno, exc.strerror, exc.filename)
    except Exception as exc:  # a bug of ours (parser failures are mapped in parse_here): trace for the log
        return ("bug", type(exc).__name__, traceback.format_exc())


def parse_here(job: Job) -> Loaded:
    """Parse in this process (a sandbox child). A parser's own exception on bad input is CorruptFile."""
    try:
        return finish(parse(job), job.limits, job.name)
    except (BadInput, MemoryError, RecursionError):
        raise
    except Exception as exc:
        log.info("parser failed on %s:\n%s", job.name, traceback.format_exc())
        raise CorruptFile(job.name, f"parser failed: {type(exc).__name__}") from None


def parse(job: Job) -> Loaded:
    if job.kind == "text":
        return _read_text(job)
    if job.kind == "docx":
        return read_docx(job.source, job.name, job.limits)
    if job.kind == "pdf":
        return read_pdf(job.source, job.name, job.limits)
    return read_image(job.source, job.name, job.kind, job.limits)


def finish(loaded: Loaded, limits: Limits, name: str) -> Loaded:
    """What every kind goes through: legacy font encodings converted, long lines broken, size checked."""
    text, warnings = loaded.text, list(loaded.warnings)
    text, converted = convert_legacy_text(text)
    if converted:
        warnings.append(converted)
    text, broken = break_long_lines(text, limits.max_line_chars)
    if broken:
        warnings.append(broken)
    if len(text) > limits.max_text_chars:
        raise TooLarge(name, f"{len(text):,} characters of text (limit {limits.max_text_chars:,})")
    if text is loaded.text:
        return loaded
    # Signatures stay; OCR's uncertain ranges only while the offsets still hold (both passes keep the
    # length when they change nothing but a character's form or a space into a line break).
    uncertain = loaded.uncertain if len(text) == len(loaded.text) else ()
    return replace(loaded, text=text, warnings=tuple(warnings), uncertain=uncertain)


def _read_text(job: Job) -> Loaded:
    data = job.source if isinstance(job.source, bytes) else Path(job.source).read_bytes()
    decoded = decode_text(data, job.name)
    return Loaded(
        text=decoded.text,
        kind="text",
        media_type=f"text/plain; charset={decoded.encoding}",
        pages=None,
        ocr_pages=0,
        encoding=decoded.encoding,
        warnings=decoded.warnings,
    )


def _address_space() -> int:
    """This process's virtual memory size (what RLIMIT_AS limits), 0 where /proc cannot tell."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _isolate(job: Job | Call) -> None:
    # Our own process group, so the parent's kill on timeout also reaches Tesseract.
    os.setpgid(0, 0)
    # On top of what the child shares with the forkserver (the preloaded parsers and extractor, ~400 MB
    # of address space), so a bigger extractor does not silently shrink what a file may use.
    memory = _address_space() + job.limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # A backstop should the parent stop watching: CPU seconds can only be fewer than wall seconds.
    cpu = int(job.seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashing parser must not write core files
    # Die with the forkserver (which dies with the caller) instead of parsing on as an orphan.
    die_with_parent()
