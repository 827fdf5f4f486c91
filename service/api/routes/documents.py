"""/api/documents: upload, list, read (record, spans, corrections), the original file, corrections."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Path, Query, Request, Response, UploadFile
from fastapi.responses import FileResponse, RedirectResponse
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractor.clean import fold
from extractor.errors import BadInput
from models.service_tables import Job
from models.tables import Correction, Document, Extraction
from models.tables import File as FileRow
from service import audit
from service.api.deps import Corrector, Reader, SessionDep, SettingsDep, Uploader, WorkerDep, client_of
from service.api.schemas import (
    SORT_HELP,
    CorrectionIn,
    CorrectionOut,
    DocumentOut,
    DocumentRef,
    DocumentSummary,
    JobOut,
    Page,
    Problem,
    UploadBatchOut,
    UploadOut,
)
from service.errors import Conflict, Forbidden, Invalid, NotFound, problem
from service.uploads import PENDING, Accepted, accept, spool

router = APIRouter(prefix="/api/documents", tags=["documents"])

DocId = Annotated[int, Path(ge=1, le=2**31 - 1, description="a document id")]
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "no key, or an unknown or revoked one"},
    403: {"model": Problem, "description": "the role or jurisdiction does not allow it"},
}


def _filename(raw: str | None) -> str:
    """The name to show for an upload: its last path component, printable, at most 200 characters."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = "".join(c for c in unicodedata.normalize("NFC", name) if c.isprintable()).strip()
    return name[:200] or "upload"


def _upload_out(session: Session, acc: Accepted) -> UploadOut:
    doc = session.get(Document, acc.document_id) if acc.document_id else None
    number = doc.number if doc is not None and not doc.identity.startswith(PENDING) else None
    sha = acc.job.sha256 if acc.job else None
    if sha is None and doc is not None:
        sha = session.scalar(select(FileRow.sha256).where(FileRow.document_id == doc.id).limit(1))
    job = JobOut.model_validate(acc.job, from_attributes=True) if acc.job else None
    return UploadOut(job=job, document=DocumentRef(id=acc.document_id, number=number, sha256=sha))


@router.post(
    "",
    status_code=202,
    response_model=UploadOut | UploadBatchOut,
    summary="Upload documents to be read",
    responses={
        200: {
            "model": UploadOut,
            "description": "these bytes are already here: their document and latest job",
        },
        413: {"model": Problem, "description": "larger than the upload limit (default 50 MB)"},
        415: {"model": Problem, "description": "a type vanban does not read (told by content, not name)"},
        422: {"model": Problem, "description": "empty file or malformed request"},
        **ERRORS,
    },
)
def upload(
    request: Request,
    response: Response,
    who: Uploader,
    session: SessionDep,
    settings: SettingsDep,
    worker: WorkerDep,
    file: Annotated[
        list[UploadFile],
        File(description="The document: text, DOCX, PDF, PNG/JPEG/TIFF. Repeat the field to send several."),
    ],
) -> UploadOut | UploadBatchOut:
    """Keep each file and queue it for extraction: 202 with the job and the id the document will have.
    The same bytes again: 200 with the document already made from them. Poll `GET /api/jobs/{id}`."""
    results: list[UploadOut | Problem] = []
    created = False
    for part in file:
        name = _filename(part.filename)
        try:
            spooled = spool(part.file, name, settings.data_dir, settings.max_upload_bytes)
        except BadInput as e:
            if len(file) == 1:
                raise
            results.append(Problem.model_validate(problem(e)))
            continue
        acc = accept(session, spooled, name, who, settings.data_dir, client_of(request))
        created = created or acc.created
        results.append(_upload_out(session, acc))
    if created:
        worker.wake()
    response.status_code = 202 if created else 200
    if len(file) == 1:
        return results[0]  # type: ignore[return-value]  # one file: its BadInput was raised, not listed
    return UploadBatchOut(data=results, count=len(results))


_SORTS = {
    "id": Document.id,
    "number": Document.number,
    "issued_date": Document.issued_date,
    "issuer": Document.issuer,
    "province": Document.province,
    "extracted_at": Extraction.extracted_at,
}
Sort = Literal[
    "id", "-id", "number", "-number", "issued_date", "-issued_date", "issuer", "-issuer",
    "province", "-province", "extracted_at", "-extracted_at",
]  # fmt: skip


# What a list shows of an extraction: not its record, spans or text (decoding those JSON columns was
# most of a list's time).
EXTRACTION_SUMMARY = (
    Extraction.sha256,
    Extraction.source,
    Extraction.extractor_version,
    Extraction.extracted_at,
)


def summarised(*conditions: Any) -> Any:
    """select(Document, sha256, source, extractor_version, extracted_at) for held documents."""
    return (
        select(Document, *EXTRACTION_SUMMARY)
        .outerjoin(Extraction, Extraction.document_id == Document.id)
        .where(*conditions)
    )


def summaries(session: Session, query: Any) -> list[DocumentSummary]:
    """Summaries for a `summarised(...)` query, with their correction counts."""
    rows = session.execute(query).all()
    ids = [row[0].id for row in rows]
    counts = (
        dict(
            session.execute(
                select(Correction.document_id, func.count())
                .where(Correction.document_id.in_(ids))
                .group_by(Correction.document_id)
            ).all()
        )
        if ids
        else {}
    )
    out = []
    for doc, sha, source, version, extracted_at in rows:
        out.append(
            DocumentSummary(
                id=doc.id,
                number=doc.number,
                doc_type=doc.doc_type,
                issuer=doc.issuer,
                level=doc.level,
                province=doc.province,
                district=doc.district,
                successor=doc.successor,
                issued_date=doc.issued_date,
                title=doc.title,
                in_corpus=doc.in_corpus,
                sha256=sha,
                source=source,
                extractor_version=version,
                extracted_at=extracted_at,
                corrections=counts.get(doc.id, 0),
            )
        )
    return out


@router.get("", response_model=Page[DocumentSummary], summary="List documents", responses=ERRORS)
def list_documents(
    who: Reader,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    sort: Annotated[Sort, Query(description=SORT_HELP)] = "-id",
    province: Annotated[str | None, Query(max_length=100, description="legacy or 2025 province")] = None,
    level: Literal["national", "ministry", "province", "district", "commune"] | None = None,
    doc_type: Annotated[str | None, Query(max_length=64, examples=["Quyết định"])] = None,
    number: Annotated[str | None, Query(max_length=128, description="số ký hiệu, any spelling")] = None,
    year: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    in_corpus: Annotated[bool, Query(description="false: documents known only from citations")] = True,
) -> Page[DocumentSummary]:
    """Held documents (with in_corpus=false: placeholders known only from citations), filtered, sorted."""
    from graph.identity import number_key
    from graph.units import find_place

    conds: list[Any] = [Document.in_corpus.is_(in_corpus), ~Document.identity.startswith(PENDING)]
    if province:
        place = find_place(province)
        if place is None:
            raise Invalid(f"no province is called {province!r}", f"không có tỉnh nào tên {province!r}")
        conds.append(Document.successor == place.province if place.current else Document.province == place.province)
        if place.district:
            conds.append(Document.district == place.district)
    if level:
        conds.append(Document.level == level)
    if doc_type:
        conds.append(Document.type_key == fold(doc_type))
    if number:
        conds.append(Document.number_key == number_key(number))
    if year:
        conds.append(Document.year == year)
    total = session.scalar(select(func.count()).select_from(Document).where(*conds)) or 0
    column = _SORTS[sort.lstrip("-")]
    order = column.desc() if sort.startswith("-") else column.asc()
    query = summarised(*conds).order_by(order.nulls_last(), Document.id).limit(limit).offset(offset)
    return Page[DocumentSummary](data=summaries(session, query), count=total)


def held(session: Session, doc_id: int) -> tuple[Document, Extraction]:
    """The held document and its extraction; else NotFound saying why (being read, failed, placeholder)."""
    doc = session.get(Document, doc_id)
    ex = session.get(Extraction, doc_id) if doc is not None else None
    if doc is not None and ex is not None:
        return doc, ex
    job = session.scalar(select(Job).where(Job.document_id == doc_id).order_by(Job.id.desc()).limit(1))
    if job is not None and job.status in ("queued", "running"):
        raise NotFound(
            f"document {doc_id} is still being read (job {job.id}: {job.status})",
            f"văn bản {doc_id} đang được xử lý (công việc {job.id}: {job.status})",
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


def _moved(session: Session, doc_id: int) -> int | None:
    """Where a promised document went when its bytes turned out to be a copy of a held document."""
    return session.scalar(
        select(Job.result_document_id)
        .where(Job.document_id == doc_id, Job.status == "done", Job.result_document_id != doc_id)
        .order_by(Job.id.desc())
        .limit(1)
    )


def corrections_of(session: Session, doc_id: int) -> list[CorrectionOut]:
    rows = session.scalars(
        select(Correction).where(Correction.document_id == doc_id).order_by(Correction.created_at, Correction.id)
    )
    return [CorrectionOut.model_validate(c, from_attributes=True) for c in rows]


@router.get(
    "/{doc_id}",
    response_model=DocumentOut,
    summary="A document's record",
    responses={
        404: {"model": Problem},
        307: {"description": "the upload joined a document already held"},
        **ERRORS,
    },
)
def get_document(doc_id: DocId, who: Reader, session: SessionDep) -> Any:
    """The extraction record (contract fields, corrections applied) with `id`, `sha256`, `corrections`
    (who changed what, when), `spans` and the normalised `text` they point into."""
    from service.store.repository import effective_record

    if session.get(Extraction, doc_id) is None and (target := _moved(session, doc_id)):
        return RedirectResponse(f"/api/documents/{target}", status_code=307)
    doc, ex = held(session, doc_id)
    record = effective_record(session, doc_id) or ex.record
    return DocumentOut(
        id=doc.id,
        sha256=ex.sha256,
        source=record["source"],
        document=record["document"],
        references=record["references"],
        tasks=record["tasks"],
        targets=record["targets"],
        corrections=corrections_of(session, doc_id),
        spans=ex.spans,
        text=ex.text,
        extractor_version=ex.extractor_version,
        extracted_at=ex.extracted_at,
        intake=ex.intake,
    )


@router.get(
    "/{doc_id}/original",
    summary="The uploaded file",
    response_class=FileResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, 404: {"model": Problem}, **ERRORS},
)
def get_original(doc_id: DocId, who: Reader, session: SessionDep, settings: SettingsDep) -> FileResponse:
    """The bytes the record was read from, as uploaded (always as an attachment, never rendered)."""
    _, ex = held(session, doc_id)
    file = session.get(FileRow, ex.sha256)
    path = settings.data_dir / (file.path if file else "")
    if file is None or not path.is_file():
        raise NotFound(
            f"the original file of document {doc_id} is not in the store",
            f"tệp gốc của văn bản {doc_id} không có trong kho",
        )
    name = _filename(file.source)
    # the intake's media type names a text's real encoding ("text/plain; charset=windows-1258")
    media = (ex.intake or {}).get("media_type") if ex.sha256 == file.sha256 else None
    return FileResponse(
        path,
        media_type=media or file.media_type or "application/octet-stream",
        filename=name,
        content_disposition_type="attachment",
    )


@router.get(
    "/{doc_id}/corrections",
    response_model=Page[CorrectionOut],
    summary="Corrections of a document",
    responses={404: {"model": Problem}, **ERRORS},
)
def list_corrections(doc_id: DocId, who: Reader, session: SessionDep) -> Page[CorrectionOut]:
    held(session, doc_id)
    rows = corrections_of(session, doc_id)
    return Page[CorrectionOut](data=rows, count=len(rows))


_FIELD_VI = {"level": "cấp", "province": "tỉnh", "district": "huyện", "issuer": "cơ quan ban hành"}


def _scope_error(field: str | None = None) -> Forbidden:
    if field is None:
        return Forbidden("the document is outside your jurisdiction", "văn bản nằm ngoài phạm vi địa bàn được giao")
    return Forbidden(
        f"the correction would take the document outside your jurisdiction (document.{field})",
        f"sửa đổi này đưa văn bản ra ngoài phạm vi địa bàn được giao ({_FIELD_VI[field]})",
    )


@router.post(
    "/{doc_id}/corrections",
    status_code=201,
    response_model=CorrectionOut,
    summary="Correct one field",
    responses={404: {"model": Problem}, 409: {"model": Problem}, 422: {"model": Problem}, **ERRORS},
)
def correct(doc_id: DocId, body: CorrectionIn, request: Request, who: Corrector, session: SessionDep) -> Any:
    """Set one field of the record. Stored apart from the machine's output, with who and when; applied on
    every read, and kept when the document is read again by a newer extractor."""
    from service.store.corrections import BadPath
    from service.store.repository import IdentityClash, add_correction, effective_record

    doc, _ = held(session, doc_id)
    if not who.covers(doc.province, doc.district):
        raise _scope_error()
    try:
        row = add_correction(session, doc_id, body.path, body.value, author=who.label)
    except BadPath as e:
        raise Invalid(str(e), f"đường dẫn trường không hợp lệ: {body.path!r}") from None
    except ValidationError as e:
        session.rollback()
        err = Invalid(
            f"{body.path}: the value does not fit the record ({e.error_count()} error(s))",
            f"{body.path}: giá trị không phù hợp với cấu trúc bản ghi",
        )
        err.errors = [{"loc": list(x["loc"]), "msg": x["msg"]} for x in e.errors()]  # type: ignore[attr-defined]
        raise err from None
    except IdentityClash as e:
        session.rollback()
        raise Conflict(str(e), f"trùng định danh với một văn bản khác đã có: {e}") from None
    header = (effective_record(session, doc_id) or {}).get("document") or {}
    outside = who.outside(header)  # level, province, district and issuer as the correction leaves them
    if outside:
        session.rollback()
        raise _scope_error(outside)
    audit.record(
        session,
        who,
        "document.correct",
        f"document:{doc_id}",
        client_of(request),
        path=body.path,
        value=body.value,
        correction=row.id,
    )
    session.commit()
    request.app.state.reports.clear()  # gap reports may have changed
    return CorrectionOut.model_validate(row, from_attributes=True)
