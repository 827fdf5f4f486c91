"""Intake: one file (a path or bytes) in, its decoded text out.

    >>> from extractor.intake import load
    >>> loaded = load("674-UBND-VX.pdf")
    >>> loaded.kind, loaded.pages, loaded.text[:15]
    ('pdf', 2, 'ỦY BAN NHÂN DÂN')

The type comes from the content, never the name (`sniff.py`). Every kind is read in a sandboxed
child process (`sandbox.py`) with a memory and a time limit: text decoded by `text.py`, DOCX, PDF
and images parsed by `docx.py`, `pdf.py` and `ocr.py`; then legacy font encodings are converted
(`legacy.py`) and overlong lines broken (`lines.py`). Every problem with the file itself is raised as one of the
`extractor.errors.BadInput` classes, whose `source` is the name or path given.
"""

from __future__ import annotations

import os
from pathlib import Path

from models.record import IntakeInfo

from ..errors import EmptyFile, TooLarge
from .base import Kind, Limits, Loaded
from .sandbox import run_sandboxed, warm_up
from .sniff import HEAD_BYTES, sniff

__all__ = ["DEFAULT_LIMITS", "Kind", "Limits", "Loaded", "intake_info", "load", "load_bytes", "warm_up"]

DEFAULT_LIMITS = Limits()  # frozen, so one shared instance is safe as a default


def load(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS, name: str | None = None) -> Loaded:
    """Read the file at `path`. `name` (default: the path) is what errors and logs call it.

    OSError (no such file, permission denied) is not about the file's content and is not caught.
    """
    path = Path(path)
    source = name if name is not None else str(path)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise TooLarge(source, f"{size:,} bytes (limit {limits.max_bytes:,})")
    with path.open("rb") as stream:
        data = stream.read(limits.max_bytes + 1)  # the file may have grown since stat()
    if len(data) > limits.max_bytes:
        raise TooLarge(source, f"more than {limits.max_bytes:,} bytes")
    return _load(data, path, source, limits)


def load_bytes(data: bytes, name: str, *, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Read a file given as bytes (an upload); `name` is what errors and logs call it."""
    if len(data) > limits.max_bytes:
        raise TooLarge(name, f"{len(data):,} bytes (limit {limits.max_bytes:,})")
    return _load(data, None, name, limits)


def intake_info(loaded: Loaded) -> IntakeInfo:
    """What the record keeps about how the file was read (`ExtractionResult.intake`)."""
    return IntakeInfo(
        kind=loaded.kind,
        media_type=loaded.media_type,
        pages=loaded.pages,
        ocr_pages=loaded.ocr_pages,
        encoding=loaded.encoding,
        warnings=list(loaded.warnings),
        signatures=list(loaded.signatures),
        uncertain=[(start, end) for start, end in loaded.uncertain],
    )


def _load(data: bytes, path: Path | None, source: str, limits: Limits) -> Loaded:
    if not data:
        raise EmptyFile(source)
    kind = sniff(data[:HEAD_BYTES], data, source)
    parsed = "docx" if kind == "zip" else kind
    # A path is cheaper to hand over than the bytes: the child reads the file itself.
    return run_sandboxed(parsed, path if path is not None else data, source, limits)
