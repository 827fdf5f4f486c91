"""Original files, content-addressed: the bytes with sha256 "abcdef..." live at DATA_DIR/blobs/ab/cdef...

Writing is idempotent (the same bytes land at the same path) and atomic (write to a temporary file,
then rename), so two processes ingesting the same file cannot leave a half-written blob.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def relpath(digest: str) -> str:
    """Path of a blob relative to the data directory."""
    return f"blobs/{digest[:2]}/{digest[2:]}"


def put(data_dir: Path, data: bytes, digest: str | None = None) -> tuple[str, str]:
    """Store `data` once; return (sha256, path relative to data_dir)."""
    digest = digest or sha256(data)
    rel = relpath(digest)
    path = data_dir / rel
    if path.exists() and path.stat().st_size == len(data):
        return digest, rel
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest, rel


def read(data_dir: Path, digest: str) -> bytes:
    return (data_dir / relpath(digest)).read_bytes()
