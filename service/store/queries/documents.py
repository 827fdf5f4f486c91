"""Documents: lists with filters, sort and pages; one document's record as people see it (corrections
applied), its corrections, and where its original file is kept.

A document promised to an upload and not read yet (a pending row) is in no list; asking for it says
why it has no record (being read, failed, known only from citations, moved to the copy it turned out
to be).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractor.clean import fold
from extractor.identity import number_key
from graph.shapes import DocumentNode, Page
from graph.units import find_place
from models.record import IntakeInfo, Span
from models.service_tables import Job
from models.tables import Correction, Document, Extraction, File
from service import labels_vi
from service.errors import Invalid, NotFound
from service.store.blobs import BlobStore
from service.store.queries.lists import Paging, Query, count, ordered, paged
from service.store.repository import PENDING, effective_record, is_pending
from service.store.shapes import CorrectionOut, DocumentOut, DocumentRef, DocumentSummary, Original

SORTS = {
    "id": Document.id,
    "number": Document.number,
    "issued_date": Document.issued_date,
    "issuer": Document.issuer,
    "province": Document.province,
    "extracted_at": Extraction.extracted_at,
}
Level = Literal["national", "ministry", "province", "district", "commune"]


@dataclass(frozen=True)
class DocumentFilter:
    province: str | None = None  # legacy or 2025 province, or a district
    level: Level | None = None
    doc_type: str | None = None  # any spelling: "Quyết định", "QUYẾT ĐỊNH"
    number: str | None = None  # any spelling of the số ký hiệu
    year: int | None = None
    in_corpus: bool = True  # False: placeholders known only from citations


# What a list shows of an extraction: not its record, spans or text (decoding those JSON columns was
# most of a list's time).
_EXTRACTION_SUMMARY = (
    Extraction.sha256,
    Extraction.source,
    Extraction.extractor_version,
    Extraction.extracted_at,
)


def _conditions(f: DocumentFilter) -> list[Any]:
    conds: list[Any] = [Document.in_corpus.is_(f.in_corpus), ~Document.identity.startswith(PENDING)]
    if f.province:
        place = find_place(f.province)
        if place is None:
            raise Invalid(f"no province is called {f.province!r}", f"không có tỉnh nào tên {f.province!r}")
        conds.append(Document.successor == place.province if place.current else Document.province == place.province)
        if place.district:
            conds.append(Document.district == place.district)
    if f.level:
        conds.append(Document.level == f.level)
    if f.doc_type:
        conds.append(Document.type_key == fold(f.doc_type))
    if f.number:
        conds.append(Document.number_key == number_key(f.number))
    if f.year:
        conds.append(Document.year == f.year)
    return conds


def _summarised(*conditions: Any) -> Query:
    return (
        select(Document, *_EXTRACTION_SUMMARY)
        .outerjoin(Extraction, Extraction.document_id == Document.id)
        .where(*conditions)
    )


def _summaries(session: Session, query: Query) -> list[DocumentSummary]:
    """Summaries for a `_summarised(...)` query, with their correction counts."""
    rows = session.execute(query).all()
    ids = [row[0].id for row in rows]
    counts: dict[int, int] = (
        {
            doc_id: n
            for doc_id, n in session.execute(
                select(Correction.document_id, func.count())
                .where(Correction.document_id.in_(ids))
                .group_by(Correction.document_id)
            ).all()
        }
        if ids
        else {}
    )
    return [
        DocumentSummary(
            **dict(DocumentNode.of(doc)),
            sha256=sha,
            source=source,
            extractor_version=version,
            extracted_at=extracted_at,
            corrections=counts.get(doc.id, 0),
        )
        for doc, sha, source, version, extracted_at in rows
    ]


def list_documents(
    session: Session, f: DocumentFilter, paging: Paging = Paging(), sort: str = "-id"
) -> Page[DocumentSummary]:
    """Held documents (with in_corpus=False: placeholders) that match, in the order asked."""
    conds = _conditions(f)
    total = count(session, select(Document.id).where(*conds))
    query = paged(ordered(_summarised(*conds), sort, SORTS, Document.id), paging)
    return Page[DocumentSummary](data=_summaries(session, query), count=total)


def count_documents(session: Session, f: DocumentFilter) -> int:
    return count(session, select(Document.id).where(*_conditions(f)))


def summaries(session: Session, ids: list[int]) -> dict[int, DocumentSummary]:
    """The summaries of these documents, by id (for search hits)."""
    return {s.id: s for s in _summaries(session, _summarised(Document.id.in_(ids)))} if ids else {}


def _held(session: Session, doc_id: int) -> tuple[Document, Extraction]:
    """The held document and its extraction; else NotFound saying why (being read, failed, placeholder)."""
    doc = session.get(Document, doc_id)
    ex = session.get(Extraction, doc_id) if doc is not None else None
    if doc is not None and ex is not None:
        return doc, ex
    job = session.scalar(select(Job).where(Job.document_id == doc_id).order_by(Job.id.desc()).limit(1))
    if job is not None and job.status in ("queued", "running"):
        raise NotFound(
            f"document {doc_id} is still being read (job {job.id}: {job.status})",
            f"văn bản {doc_id} đang được xử lý (công việc {job.id}: "
            f"{labels_vi.JOB_STATUS.get(job.status, job.status).lower()})",
        )
    if job is not None and job.status == "failed" and job.error:
        raise NotFound(
            f"document {doc_id} could not be read: {job.error.get('message')}",
            f"không đọc được văn bản {doc_id}: {job.error.get('message_vi')}",
        )
    if doc is not None and not doc.in_corpus:
        raise NotFound(
            f"document {doc_id} ({doc.number or doc.title}) is known only from citations: no text held",
            f"văn bản {doc_id} ({doc.number or doc.title}) chỉ được biết qua trích dẫn; chưa có nội dung",
        )
    raise NotFound(f"no document {doc_id}", f"không có văn bản {doc_id}")


def header(session: Session, doc_id: int) -> DocumentNode:
    """A held document's header columns (its jurisdiction, for who may correct it); NotFound as `view`."""
    return DocumentNode.of(_held(session, doc_id)[0])


def moved_to(session: Session, doc_id: int) -> int | None:
    """Where a promised document went when its bytes turned out to be a copy of a held document
    (None when the document is held itself, or went nowhere)."""
    if session.get(Extraction, doc_id) is not None:
        return None
    return session.scalar(
        select(Job.result_document_id)
        .where(Job.document_id == doc_id, Job.status == "done", Job.result_document_id != doc_id)
        .order_by(Job.id.desc())
        .limit(1)
    )


def _corrections(session: Session, doc_id: int) -> list[CorrectionOut]:
    rows = session.scalars(
        select(Correction).where(Correction.document_id == doc_id).order_by(Correction.created_at, Correction.id)
    )
    return [CorrectionOut.model_validate(c, from_attributes=True) for c in rows]


def corrections(session: Session, doc_id: int) -> list[CorrectionOut]:
    """A held document's corrections, oldest first (NotFound for a document not held)."""
    _held(session, doc_id)
    return _corrections(session, doc_id)


def view(session: Session, doc_id: int) -> DocumentOut:
    """The record as people see it (corrections applied), with the spans, the text they point into and
    who corrected what. NotFound, saying why, for a document with no record."""
    doc, ex = _held(session, doc_id)
    record = effective_record(session, doc_id)
    assert record is not None  # held: it has an extraction
    return DocumentOut(
        id=doc.id,
        sha256=ex.sha256,
        source=record.source,
        document=record.document,
        references=record.references,
        tasks=record.tasks,
        targets=record.targets,
        corrections=_corrections(session, doc_id),
        spans=[Span.model_validate(s) for s in ex.spans],
        text=ex.text,
        extractor_version=ex.extractor_version,
        extracted_at=ex.extracted_at,
        intake=IntakeInfo.model_validate(ex.intake),
    )


def original(session: Session, blobs: BlobStore, doc_id: int) -> Original:
    """The file a held document's record was read from: where it is, its name and type."""
    _, ex = _held(session, doc_id)
    file = session.get(File, ex.sha256)
    if file is None or not blobs.exists(file.sha256):
        raise NotFound(
            f"the original file of document {doc_id} is not in the store",
            f"tệp gốc của văn bản {doc_id} không có trong kho",
        )
    # the intake's media type names a text's real encoding ("text/plain; charset=windows-1258")
    media = (ex.intake or {}).get("media_type")
    return Original(
        path=blobs.path(file.sha256),
        sha256=file.sha256,
        filename=file.source,
        media_type=media or file.media_type or "application/octet-stream",
    )


def upload_ref(session: Session, doc_id: int | None, sha256: str | None) -> DocumentRef:
    """The document an upload made or will make: its number once read; `sha256` is the upload's job's,
    else (no job: the bytes came in by `vanban ingest`) a file of the document."""
    doc = session.get(Document, doc_id) if doc_id else None
    number = doc.number if doc is not None and not is_pending(doc) else None
    if sha256 is None and doc is not None:
        sha256 = session.scalar(select(File.sha256).where(File.document_id == doc.id).limit(1))
    return DocumentRef(id=doc_id, number=number, sha256=sha256)
