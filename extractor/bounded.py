"""Reading one file with limits on everything: its parsing and the extraction of its record.

`extractor.pipeline.extract_file` runs the extraction in the caller's process: fine for tests and
benchmarks, not for files from anyone. A 40 MB one-line text took 154 s and 904 MB there, and cost
grows with what a text holds (a 5 MB line repeating one agency ran past 120 s). Here the whole
reading happens in one sandbox child (extractor/intake/sandbox.py), with RLIMIT_AS = memory_bytes
and a wall-clock limit of parse_seconds + extract_seconds; the intake parses inside that child
instead of starting one of its own. An overrun is ParseTimeout (E107), running out of memory or a
crash is TooComplex (E106), as for parsing alone.

    >>> from extractor.bounded import extract_file
    >>> extract_file("674-UBND-VX.pdf").record.document.number
    '674/UBND-VX'

The caller never imports the extractor (the child has it preloaded), so a server or a CLI that only
hands files over stays small.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from extractor.intake import DEFAULT_LIMITS, Limits
from extractor.intake.sandbox import SandboxBug, run_job, warm_up
from extractor.intake.worker import Call

if TYPE_CHECKING:
    from models.record import ExtractionResult

__all__ = ["SandboxBug", "extract_file", "warm_up"]


def extract_file(
    path: str | os.PathLike[str], *, source: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> ExtractionResult:
    """pipeline.extract_file(path, source=..., limits=...) in a limited child process.

    Raises the file's BadInput, OSError when the file cannot be opened, SandboxBug for a bug of ours."""
    name = source if source is not None else str(path)
    call = Call(
        "extractor.pipeline",
        "extract_file",
        (os.fspath(path),),
        name,
        limits,
        seconds=limits.parse_seconds + limits.extract_seconds,
        kwargs={"source": name, "limits": limits},
    )
    result: ExtractionResult = run_job(call)
    return result
