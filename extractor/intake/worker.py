"""The sandbox child's side: limit itself, parse one file, send back a Loaded or an error.

This module is preloaded in the forkserver, so importing the parsers (pypdfium2, pdfplumber,
python-docx, Pillow, lxml) is paid once, not once per file.
"""

from __future__ import annotations

import os
import resource
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Literal

from ..errors import BadInput
from .base import Limits, Loaded
from .docx import read_docx
from .ocr import read_image
from .pdf import read_pdf
from .proc import die_with_parent

ParsedKind = Literal["docx", "pdf", "png", "jpeg", "tiff"]
STARTED = ("started",)
EXIT_OUT_OF_MEMORY = 86  # the child could not even report its MemoryError


@dataclass(frozen=True)
class Job:
    kind: ParsedKind
    source: Path | bytes  # a path to read, or the file's bytes (from load_bytes)
    name: str
    limits: Limits


# What the child sends: ("ok", Loaded) or ("error", error class name, detail, traceback or None).
Reply = tuple[Literal["ok"], Loaded] | tuple[Literal["error"], str, "str | None", "str | None"]


def run(job: Job, connection: Connection) -> None:
    """Process target: everything that can go wrong becomes a Reply, except being killed."""
    connection.send(STARTED)  # tells the parent that a later death is the file's doing, not the setup's
    _isolate(job.limits)
    reply: Reply
    try:
        reply = ("ok", parse(job))
    except BadInput as exc:
        reply = ("error", type(exc).__name__, exc.detail, None)
    except MemoryError:
        reply = ("error", "TooComplex", "parser ran out of memory", None)
    except RecursionError:
        reply = ("error", "TooComplex", "structure nested too deeply", None)
    except Exception as exc:  # a parser's own exception on bad input: report it, keep the trace for logs
        reply = ("error", "CorruptFile", f"parser failed: {type(exc).__name__}", traceback.format_exc())
    try:
        connection.send(reply)
    except MemoryError:
        os._exit(EXIT_OUT_OF_MEMORY)
    finally:
        connection.close()


def parse(job: Job) -> Loaded:
    if job.kind == "docx":
        return read_docx(job.source, job.name, job.limits)
    if job.kind == "pdf":
        return read_pdf(job.source, job.name, job.limits)
    return read_image(job.source, job.name, job.kind, job.limits)


def _isolate(limits: Limits) -> None:
    # Our own process group, so the parent's kill on timeout also reaches Tesseract.
    os.setpgid(0, 0)
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    # A backstop should the parent stop watching: CPU seconds can only be fewer than wall seconds.
    cpu = int(limits.parse_seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashing parser must not write core files
    # Die with the forkserver (which dies with the caller) instead of parsing on as an orphan.
    die_with_parent()
