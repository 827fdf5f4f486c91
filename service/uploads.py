"""Accepting an upload: check what can be checked at once, keep the bytes, queue the reading.

Order matters for "a job accepted is never lost": the bytes are in the blob store (written to a temporary
file, then renamed) and the files, documents and jobs rows are committed before the 202 answer. The
type is told from the content (intake.sniff): formats we do not read are refused here, with 415; whether
a DOCX really is one, and whether a text is Vietnamese, is for the worker (the job then fails, saying why).

The answer promises a document id. Until the worker has read the file, that id is a pending row of
`documents` (identity "pending:<sha256>", not in the corpus, cited by nothing, so no query sees it);
`store_result` then fills it in place. Same bytes again: the known document (and its latest job); if
reading them failed, the upload is a retry under the same document id. A failed upload's pending row
stays (deleting it would let SQLite hand its id to the next document).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractor.errors import EmptyFile, TooLarge
from extractor.intake.sniff import HEAD_BYTES, sniff
from models.service_tables import Job
from models.tables import Document, File
from service import audit
from service.access import Principal
from service.store import blobs

PENDING = "pending:"
MEDIA_TYPES = {
    "text": "text/plain",
    "zip": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
}
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Spooled:
    """An upload copied into the data directory's tmp/ folder, hashed on the way."""

    path: Path
    sha256: str
    size: int
    kind: str


@dataclass(frozen=True)
class Accepted:
    created: bool  # False: these bytes were already here
    document_id: int | None
    job: Job | None


def spool(stream: BinaryIO, name: str, data_dir: Path, max_bytes: int) -> Spooled:
    """Copy the upload to a temporary file, hashing it; raise TooLarge, EmptyFile or the sniffer's
    UnsupportedType / EncryptedFile. Never holds more than one chunk in memory."""
    tmp_dir = data_dir / "tmp"
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
                if len(head) < HEAD_BYTES:
                    head += chunk[: HEAD_BYTES - len(head)]
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise EmptyFile(name)
        kind = sniff(head, head if size <= HEAD_BYTES else None, name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Spooled(Path(tmp), digest.hexdigest(), size, kind)


def _latest_job(session: Session, sha: str) -> Job | None:
    return session.scalar(select(Job).where(Job.sha256 == sha).order_by(Job.id.desc()).limit(1))


def known(session: Session, sha: str) -> Accepted | None:
    """These bytes are already here and read (or being read): their document and latest job. None when
    they are new, or when reading them failed (a new upload of them is a retry)."""
    file = session.get(File, sha)
    if file is None or file.document_id is None:
        return None
    job = _latest_job(session, sha)
    doc = session.get(Document, file.document_id)
    if doc is not None and is_pending(doc) and (job is None or job.status == "failed"):
        return None
    return Accepted(False, file.document_id, job)


def accept(
    session: Session,
    spooled: Spooled,
    name: str,
    who: Principal,
    data_dir: Path,
    client: str | None = None,
) -> Accepted:
    """Keep the file and queue its job, or return what is known about these bytes. Commits."""
    existing = known(session, spooled.sha256)
    if existing is not None:
        spooled.path.unlink(missing_ok=True)
        return existing
    rel = blobs.relpath(spooled.sha256)
    target = data_dir / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(spooled.path, target)  # same file system (data_dir/tmp): atomic
    try:
        file = session.get(File, spooled.sha256)
        if file is None:  # else: reading an earlier upload of these bytes failed, and this is a retry
            file = File(
                sha256=spooled.sha256,
                size=spooled.size,
                media_type=MEDIA_TYPES.get(spooled.kind),
                source=name[:1024],
                path=rel,
            )
            session.add(file)
        doc = session.get(Document, file.document_id) if file.document_id is not None else None
        if doc is None or not is_pending(doc):
            doc = Document(identity=PENDING + spooled.sha256, in_corpus=False, title=name[:1000])
            session.add(doc)
            session.flush()
            file.document_id = doc.id
        job = Job(
            status="queued",
            sha256=spooled.sha256,
            filename=name[:1024],
            size=spooled.size,
            kind=spooled.kind,
            document_id=doc.id,
            key_id=who.key_id,
            scope_province=who.province,
            scope_district=who.district,
            attempts=0,
        )
        session.add(job)
        session.flush()
        audit.record(
            session,
            who,
            "document.upload",
            f"document:{doc.id}",
            client,
            filename=name,
            sha256=spooled.sha256,
            size=spooled.size,
            kind=spooled.kind,
            job=job.id,
        )
        session.commit()
    except IntegrityError:
        # the same bytes uploaded at the same moment by someone else: theirs won
        session.rollback()
        again = known(session, spooled.sha256)
        if again is None:
            raise
        return again
    return Accepted(True, doc.id, job)


def is_pending(doc: Document) -> bool:
    return doc.identity.startswith(PENDING)
