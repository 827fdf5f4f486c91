"""Original files, content-addressed: the bytes with sha256 "abcdef..." are one blob, kept once.

`BlobStore` is the one way to them. Bytes come in by `spool` (copied aside while hashed, never more
than one chunk in memory) and are then kept (`keep`: renamed into place, atomic) or dropped
(`discard`); bytes already at hand go in by `put`. Readers ask for `path` (a file on this machine: the
extractor's child process and the original-file download open it) or `read`.

`FileBlobs` keeps them under DATA_DIR/blobs/ab/cdef... Writing is idempotent (the same bytes land at the
same path) and atomic (a temporary file in the same file system, then a rename), so two processes
keeping the same file cannot leave a half-written blob. A store keeping blobs elsewhere (the database,
an object store) implements the same protocol; `path` then materialises the blob in a cache folder.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from extractor.errors import TooLarge

_CHUNK = 1024 * 1024


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def relpath(digest: str) -> str:
    """Path of a blob relative to the data directory (the `files.path` column)."""
    return f"blobs/{digest[:2]}/{digest[2:]}"


@dataclass(frozen=True)
class Spooled:
    """Bytes copied aside, hashed on the way, not kept yet: `path` is a temporary file."""

    path: Path
    sha256: str
    size: int
    head: bytes  # the first `head_bytes`, for telling the type from the content


class BlobStore(Protocol):
    def spool(self, stream: BinaryIO, name: str, max_bytes: int, head_bytes: int) -> Spooled: ...
    def keep(self, spooled: Spooled) -> str: ...
    def discard(self, spooled: Spooled) -> None: ...
    def put(self, data: bytes, digest: str | None = None) -> str: ...
    def path(self, digest: str) -> Path: ...
    def exists(self, digest: str) -> bool: ...
    def read(self, digest: str) -> bytes: ...


class FileBlobs:
    """Blobs as files under `root`/blobs; spooled uploads under `root`/tmp (the same file system)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def spool(self, stream: BinaryIO, name: str, max_bytes: int, head_bytes: int) -> Spooled:
        """Copy `stream` to a temporary file, hashing it; TooLarge (naming it `name`) past `max_bytes`."""
        tmp_dir = self.root / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
        digest = hashlib.sha256()
        size = 0
        head = b""
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLarge(name, f"more than {max_bytes:,} bytes")
                    if len(head) < head_bytes:
                        head += chunk[: head_bytes - len(head)]
                    digest.update(chunk)
                    out.write(chunk)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return Spooled(Path(tmp), digest.hexdigest(), size, head)

    def keep(self, spooled: Spooled) -> str:
        """Move spooled bytes into place; their key (relative path)."""
        rel = relpath(spooled.sha256)
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(spooled.path, target)  # same file system (root/tmp): atomic
        return rel

    def discard(self, spooled: Spooled) -> None:
        spooled.path.unlink(missing_ok=True)

    def put(self, data: bytes, digest: str | None = None) -> str:
        """Keep `data` once; its key (relative path)."""
        digest = digest or sha256(data)
        rel = relpath(digest)
        path = self.root / rel
        if path.exists() and path.stat().st_size == len(data):
            return rel
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return rel

    def path(self, digest: str) -> Path:
        return self.root / relpath(digest)

    def exists(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def read(self, digest: str) -> bytes:
        return self.path(digest).read_bytes()
