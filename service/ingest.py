"""The one way a document comes in, for `vanban ingest` and for an upload alike.

    receive(stream, name, blobs, max_bytes) -> Received   bytes copied aside and hashed on the way (the
                                                          only hashing), checked for size, emptiness and
                                                          type (told by content: a GIF named .docx is
                                                          refused here)
    queue(session, received, who, blobs)    -> Accepted   an upload: keep the blob, commit its files,
                                                          pending documents and jobs rows; the worker
                                                          reads it later (service/jobs/)
    enqueue(session, received, who, blobs, transport)   queue() and send the new job to its reader (the
                                                          server's threads or the broker): uploads and
                                                          `vanban ingest --queue`
    read(factory, received, blobs, limits)  -> Outcome    `vanban ingest`: read it now, keep the blob,
                                                          store the record

Either way the blob is kept once (renamed into place from where it was spooled) and the record goes in
through repository.store_reading, whose `already_read` is the one rule for "these bytes were read at
this extractor version already" (read() asks it first, to skip the extraction).

Order matters for "a job accepted is never lost": the bytes are in the blob store and the rows
committed before the 202 answer. The answer promises a document id: until the worker has read the
file, that id is a pending row of `documents` (repository.PENDING), which store_reading fills in place.
Same bytes again: the known document (and its latest job); if reading them failed, the upload is a
retry under the same document id. A failed upload's pending row stays (deleting it would let SQLite
hand its id to the next document).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from extractor import errors
from extractor.bounded import extract_file  # parse and extraction in a child with memory and time limits
from extractor.errors import BadInput, EmptyFile, UnsupportedType
from extractor.intake import Limits
from extractor.intake.sniff import HEAD_BYTES, Sniffed, sniff
from extractor.pipeline import EXTRACTOR_VERSION
from models.service_tables import Job
from models.tables import Document, File
from service import audit
from service.access import Principal
from service.errors import Unavailable
from service.jobs.transport import Transport
from service.store.blobs import BlobStore, Spooled
from service.store.db import session_scope
from service.store.repository import PENDING, Kept, Outcome, already_read, is_pending, store_reading
from service.store.shapes import JobOut

log = logging.getLogger(__name__)

NOT_SENT = {
    "code": "E503",
    "message": "the document was kept but could not be sent to the workers (the broker is unreachable); "
    "send it again later",
    "message_vi": "văn bản đã được lưu nhưng không gửi được tới tiến trình xử lý (không kết nối được broker); "
    "hãy gửi lại sau",
}

MEDIA_TYPES = {
    "text": "text/plain",
    "zip": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
}


@dataclass(frozen=True)
class Received:
    """A file copied aside (not kept yet), hashed on the way, its type told by its first bytes."""

    spooled: Spooled
    name: str  # what errors and the store call it: a path given to the CLI, an upload's file name
    kind: Sniffed

    @property
    def sha256(self) -> str:
        return self.spooled.sha256

    @property
    def size(self) -> int:
        return self.spooled.size


@dataclass(frozen=True)
class Accepted:
    created: bool  # False: these bytes were already here
    document_id: int | None
    job: JobOut | None


def receive(stream: BinaryIO, name: str, blobs: BlobStore, max_bytes: int) -> Received:
    """Copy the bytes aside, hashing them; raise TooLarge, EmptyFile, UnsupportedType or EncryptedFile
    (nothing is kept then). Never holds more than one chunk in memory."""
    spooled = blobs.spool(stream, name, max_bytes, HEAD_BYTES)
    try:
        if spooled.size == 0:
            raise EmptyFile(name)
        return Received(spooled, name, _kind(spooled, name))
    except BaseException:
        blobs.discard(spooled)
        raise


def _kind(spooled: Spooled, name: str) -> Sniffed:
    small = spooled.size <= HEAD_BYTES
    try:
        return sniff(spooled.head, spooled.head if small else None, name)
    except UnsupportedType:
        if small:
            raise
        # an Office container says whether it is password-protected only further in: read it (it is
        # refused either way) so that the reason given is the right one
        return sniff(spooled.head, spooled.path.read_bytes(), name)


# --- an upload: queue it --------------------------------------------------------------------------------


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
    return Accepted(False, file.document_id, _job_out(job))


def _job_out(job: Job | None) -> JobOut | None:
    return JobOut.model_validate(job, from_attributes=True) if job is not None else None


def queue(
    session: Session, received: Received, who: Principal | None, blobs: BlobStore, client: str | None = None
) -> Accepted:
    """Keep the file and queue its job, or return what is known about these bytes. Commits. `who` is
    None for `vanban ingest --queue` (the command line has no key and no jurisdiction)."""
    existing = known(session, received.sha256)
    if existing is not None:
        blobs.discard(received.spooled)
        return existing
    rel = blobs.keep(received.spooled)
    name = received.name
    try:
        file = session.get(File, received.sha256)
        if file is None:  # else: reading an earlier upload of these bytes failed, and this is a retry
            file = File(
                sha256=received.sha256,
                size=received.size,
                media_type=MEDIA_TYPES.get(received.kind),
                source=name[:1024],
                path=rel,
            )
            session.add(file)
        doc = session.get(Document, file.document_id) if file.document_id is not None else None
        if doc is None or not is_pending(doc):
            doc = Document(identity=PENDING + received.sha256, in_corpus=False, title=name[:1000])
            session.add(doc)
            session.flush()
            file.document_id = doc.id
        job = Job(
            status="queued",
            sha256=received.sha256,
            filename=name[:1024],
            size=received.size,
            kind=received.kind,
            document_id=doc.id,
            key_id=who.key_id if who else None,
            scope_province=who.province if who else None,
            scope_district=who.district if who else None,
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
            sha256=received.sha256,
            size=received.size,
            kind=received.kind,
            job=job.id,
        )
        session.commit()
    except IntegrityError:
        # the same bytes uploaded at the same moment by someone else: theirs won
        session.rollback()
        again = known(session, received.sha256)
        if again is None:
            raise
        return again
    return Accepted(True, doc.id, _job_out(job))


def enqueue(
    session: Session,
    received: Received,
    who: Principal | None,
    blobs: BlobStore,
    transport: Transport,
    client: str | None = None,
) -> Accepted:
    """queue(), then hand a new job to whatever reads (after the commit: a reader finds the rows). A job
    that cannot be handed over (the broker is away) is failed at once with E503, so that it does not wait
    for ever, and the same bytes uploaded again are a retry; the caller gets Unavailable."""
    acc = queue(session, received, who, blobs, client)
    if acc.created and acc.job is not None:
        try:
            transport.submit(acc.job.id, acc.job.kind)
        except Exception as e:
            log.error("job %d could not be sent to the workers: %s", acc.job.id, e)
            session.execute(
                update(Job)
                .where(Job.id == acc.job.id, Job.status == "queued")
                .values(status="failed", error=NOT_SENT, finished_at=datetime.now(UTC))
            )
            session.commit()
            raise Unavailable(NOT_SENT["message"], NOT_SENT["message_vi"]) from e
    return acc


# --- `vanban ingest`: read it now -----------------------------------------------------------------------


def read(factory: sessionmaker[Session], received: Received, blobs: BlobStore, limits: Limits) -> Outcome:
    """Read the file now and store its record, unless these bytes were read at this extractor version
    already ("unchanged"). Raises the file's BadInput (nothing is kept then)."""
    with session_scope(factory) as session:
        done = already_read(session, received.sha256, EXTRACTOR_VERSION)
    if done is not None:
        blobs.discard(received.spooled)
        return done
    try:
        result = extract_file(received.spooled.path, source=received.name, limits=limits)
    except BaseException:
        blobs.discard(received.spooled)
        raise
    kept = Kept(received.sha256, received.size, blobs.keep(received.spooled), received.name)
    with session_scope(factory) as session:
        return store_reading(session, result, kept)


# --- `vanban ingest` of many files: one process per core -------------------------------------------------


def _extract(path: str, name: str, limits: Limits) -> tuple[str, Any, Any]:
    """In a pool process: the result, or the file's error as plain values (a BadInput does not survive
    pickling: its constructor takes other arguments than its `args`)."""
    try:
        return ("ok", extract_file(path, source=name, limits=limits), None)
    except BadInput as e:
        return ("bad", type(e).__name__, (e.source, e.detail))


def read_all(
    factory: sessionmaker[Session],
    paths: Iterable[Path],
    blobs: BlobStore,
    limits: Limits,
    processes: int,
) -> Iterator[tuple[Path, Outcome | BadInput | OSError]]:
    """read() each file, extracting in `processes` processes at once; outcomes in the files' order, and
    stored in that order (by this process alone: SQLite has one writer), so the result is the one a
    single process gives. Each outcome is the record's, or the file's error."""
    if processes <= 1:
        for path in paths:
            try:
                with path.open("rb") as stream:
                    received = receive(stream, str(path), blobs, limits.max_bytes)
                yield path, read(factory, received, blobs, limits)
            except (BadInput, OSError) as e:
                yield path, e
        return
    # "spawn": the pool's processes start clean (no copy of this one's database connections or threads)
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn")) as pool:
        waiting: deque[tuple[Path, Received | BadInput | OSError, Future[tuple[str, Any, Any]] | None]] = deque()
        in_flight: set[str] = set()

        def finish(path: Path, item: Received | BadInput | OSError, future: Future[Any] | None) -> Outcome | Exception:
            if not isinstance(item, Received):
                return item
            if future is None:  # the same bytes as a file before it: read() now finds them read
                return read(factory, item, blobs, limits)
            in_flight.discard(item.sha256)
            status, value, detail = future.result()
            if status == "bad":
                blobs.discard(item.spooled)
                return getattr(errors, value, errors.CorruptFile)(*detail)
            kept = Kept(item.sha256, item.size, blobs.keep(item.spooled), item.name)
            with session_scope(factory) as session:
                return store_reading(session, value, kept)

        def drain(keep: int) -> Iterator[tuple[Path, Any]]:
            while len(waiting) > keep:
                path, item, future = waiting.popleft()
                try:
                    yield path, finish(path, item, future)
                except (BadInput, OSError) as e:
                    yield path, e

        for path in paths:
            try:
                with path.open("rb") as stream:
                    received = receive(stream, str(path), blobs, limits.max_bytes)
            except (BadInput, OSError) as e:
                waiting.append((path, e, None))
            else:
                future = None
                if received.sha256 not in in_flight:
                    with session_scope(factory) as session:
                        done = already_read(session, received.sha256, EXTRACTOR_VERSION)
                    if done is None:
                        in_flight.add(received.sha256)
                        future = pool.submit(_extract, str(received.spooled.path), received.name, limits)
                waiting.append((path, received, future))
            yield from drain(2 * processes)  # a few ahead: no process waits for the next file
        yield from drain(0)
