"""Original files, content-addressed: the bytes with sha256 "abcdef..." are one blob, kept once.

`BlobStore` is the one way to them. Bytes come in by `spool` (copied aside while hashed, never more
than one chunk in memory) and are then kept (`keep`: renamed into place, atomic) or dropped
(`discard`); bytes already at hand go in by `put`. Readers ask for `path` (a file on this machine: the
extractor's child process and the original-file download open it) or `read`.

`FileBlobs` keeps them under DATA_DIR/blobs/ab/cdef... Writing is idempotent (the same bytes land at the
same path) and atomic (a temporary file in the same file system, then a rename), so two processes
keeping the same file cannot leave a half-written blob. A store keeping blobs elsewhere (the database,
an object store) implements the same protocol; `path` then materialises the blob in a cache folder.

`DbBlobs` is that store for the database (VANBAN_BLOB_STORE=database): the bytes are a row of `blobs`,
so every worker that reaches the database reads every upload, whatever its data folder holds.
`open_blobs(settings, factory)` gives the one the settings name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from extractor.errors import TooLarge
from models.service_tables import Blob
from service.store.db import session_scope

if TYPE_CHECKING:
    from service.settings import Settings

_CHUNK = 1024 * 1024


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def relpath(digest: str) -> str:
    """Path of a blob relative to the data directory (the `files.path` column)."""
    return f"blobs/{digest[:2]}/{digest[2:]}"


def _write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it: a reader sees the whole file or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
        _write_atomically(path, data)
        return rel

    def path(self, digest: str) -> Path:
        return self.root / relpath(digest)

    def exists(self, digest: str) -> bool:
        return self.path(digest).is_file()

    def read(self, digest: str) -> bytes:
        return self.path(digest).read_bytes()


class DbBlobs:
    """Blobs as rows of the `blobs` table. Uploads are spooled under `root`/tmp as by FileBlobs; `path`
    copies a blob once into `root`/cache (the extractor's child and the download open a file), so a
    worker reads each original from the database once."""

    def __init__(self, root: Path, factory: sessionmaker[Session]) -> None:
        self.root = root
        self.factory = factory
        self._local = FileBlobs(root)

    def spool(self, stream: BinaryIO, name: str, max_bytes: int, head_bytes: int) -> Spooled:
        return self._local.spool(stream, name, max_bytes, head_bytes)

    def keep(self, spooled: Spooled) -> str:
        self._insert(spooled.sha256, spooled.path.read_bytes())
        target = self._cached(spooled.sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(spooled.path, target)  # this machine has it at hand: no need to read it back
        return relpath(spooled.sha256)

    def discard(self, spooled: Spooled) -> None:
        self._local.discard(spooled)

    def put(self, data: bytes, digest: str | None = None) -> str:
        digest = digest or sha256(data)
        self._insert(digest, data)
        return relpath(digest)

    def _insert(self, digest: str, data: bytes) -> None:
        """Keep the row once: the same bytes kept at the same moment by another process is no error."""
        with session_scope(self.factory) as session:
            if session.get(Blob, digest) is not None:
                return
        try:
            with session_scope(self.factory) as session:
                session.add(Blob(sha256=digest, size=len(data), data=data))
        except IntegrityError:
            pass

    def _cached(self, digest: str) -> Path:
        return self.root / "cache" / relpath(digest)

    def path(self, digest: str) -> Path:
        target = self._cached(digest)
        if target.is_file():
            return target
        _write_atomically(target, self.read(digest))
        return target

    def exists(self, digest: str) -> bool:
        if self._cached(digest).is_file():
            return True
        with session_scope(self.factory) as session:
            return session.get(Blob, digest) is not None

    def read(self, digest: str) -> bytes:
        with session_scope(self.factory) as session:
            row = session.get(Blob, digest)
            if row is None:
                raise FileNotFoundError(f"blob {digest} is not in the database")
            return bytes(row.data)


def open_blobs(settings: Settings, factory: sessionmaker[Session]) -> BlobStore:
    """The blob store VANBAN_BLOB_STORE names: `folder` (default, under VANBAN_DATA_DIR) or `database`."""
    if settings.blob_store == "database":
        return DbBlobs(settings.data_dir, factory)
    return FileBlobs(settings.data_dir)
