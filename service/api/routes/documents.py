"""/api/documents: upload, list, read (record, spans, corrections), the original file, corrections."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Path, Query, Request, Response, UploadFile
from fastapi.responses import FileResponse, RedirectResponse

from extractor.errors import BadInput
from graph.shapes import Page
from service import audit
from service.api.deps import (
    BlobsDep,
    Corrector,
    Reader,
    ReportsDep,
    SessionDep,
    SettingsDep,
    Uploader,
    WorkerDep,
    client_of,
)
from service.api.schemas import SORT_HELP, CorrectionIn, Problem, UploadBatchOut, UploadOut
from service.errors import Forbidden, problem
from service.fields import FieldOut, field_types
from service.ingest import enqueue, receive
from service.store.queries import agencies, documents
from service.store.queries.documents import DocumentFilter, Level
from service.store.queries.lists import Paging
from service.store.repository import add_correction, effective_record
from service.store.shapes import CorrectionOut, DocumentOut, DocumentSummary

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
        503: {"model": Problem, "description": "the broker cannot be reached: the file is kept, its job failed (E503)"},
        **ERRORS,
    },
)
def upload(
    request: Request,
    response: Response,
    who: Uploader,
    session: SessionDep,
    settings: SettingsDep,
    blobs: BlobsDep,
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
            received = receive(part.file, name, blobs, settings.max_upload_bytes)
        except BadInput as e:
            if len(file) == 1:
                raise
            results.append(problem(e))
            continue
        acc = enqueue(session, received, who, blobs, worker, client_of(request))
        created = created or acc.created
        sha = received.sha256 if acc.job else None  # the job's file (no job: the bytes came by `vanban ingest`)
        results.append(UploadOut(job=acc.job, document=documents.upload_ref(session, acc.document_id, sha)))
    response.status_code = 202 if created else 200
    if len(file) == 1:
        return results[0]  # type: ignore[return-value]  # one file: its BadInput was raised, not listed
    return UploadBatchOut(data=results, count=len(results))


Sort = Literal[
    "id", "-id", "number", "-number", "issued_date", "-issued_date", "issuer", "-issuer",
    "province", "-province", "extracted_at", "-extracted_at",
]  # fmt: skip


@router.get("", response_model=Page[DocumentSummary], summary="List documents", responses=ERRORS)
def list_documents(
    who: Reader,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    sort: Annotated[Sort, Query(description=SORT_HELP)] = "-id",
    province: Annotated[str | None, Query(max_length=100, description="legacy or 2025 province")] = None,
    level: Level | None = None,
    doc_type: Annotated[str | None, Query(max_length=64, examples=["Quyết định"])] = None,
    number: Annotated[str | None, Query(max_length=128, description="số ký hiệu, any spelling")] = None,
    year: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    in_corpus: Annotated[bool, Query(description="false: documents known only from citations")] = True,
) -> Page[DocumentSummary]:
    """Held documents (with in_corpus=false: placeholders known only from citations), filtered, sorted."""
    f = DocumentFilter(province, level, doc_type, number, year, in_corpus)
    return documents.list_documents(session, f, Paging(limit, offset), sort)


@router.get(
    "/fields", response_model=list[FieldOut], summary="The correctable fields, their types and labels", responses=ERRORS
)
def correctable_fields(who: Reader) -> list[FieldOut]:
    """Every field a correction may set: its path pattern ("tasks[].lead" for `tasks[1].lead`), type
    (date, agency, text, list, enum, lead, support, number, integer, item), Vietnamese label and, for an
    enum, the values allowed. A value of another type is refused with 422 (a date as dd/mm/yyyy is
    taken and stored as ISO)."""
    return field_types()


@router.get("/agencies", response_model=Page[str], summary="Known agency names", responses=ERRORS)
def agency_names(
    who: Reader,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200, description="words the name holds, any diacritics")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Page[str]:
    """The agencies tasks name and the documents' issuers, holding every word of `q`, shortest first: the
    choices an agency field offers (another name may still be typed)."""
    return agencies.known_agencies(session, q, limit)


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
    if target := documents.moved_to(session, doc_id):
        return RedirectResponse(f"/api/documents/{target}", status_code=307)
    return documents.view(session, doc_id)


@router.get(
    "/{doc_id}/original",
    summary="The uploaded file",
    response_class=FileResponse,
    responses={200: {"content": {"application/octet-stream": {}}}, 404: {"model": Problem}, **ERRORS},
)
def get_original(doc_id: DocId, who: Reader, session: SessionDep, blobs: BlobsDep) -> FileResponse:
    """The bytes the record was read from, as uploaded (always as an attachment, never rendered)."""
    original = documents.original(session, blobs, doc_id)
    return FileResponse(
        original.path,
        media_type=original.media_type,
        filename=_filename(original.filename),
        content_disposition_type="attachment",
    )


@router.get(
    "/{doc_id}/corrections",
    response_model=Page[CorrectionOut],
    summary="Corrections of a document",
    responses={404: {"model": Problem}, **ERRORS},
)
def list_corrections(doc_id: DocId, who: Reader, session: SessionDep) -> Page[CorrectionOut]:
    rows = documents.corrections(session, doc_id)
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
def correct(
    doc_id: DocId, body: CorrectionIn, request: Request, who: Corrector, session: SessionDep, reports: ReportsDep
) -> Any:
    """Set one field of the record. Stored apart from the machine's output, with who and when; applied on
    every read, and kept when the document is read again by a newer extractor."""
    doc = documents.header(session, doc_id)
    if not who.covers(doc.province, doc.district):
        raise _scope_error()
    row = add_correction(session, doc_id, body.path, body.value, author=who.label)
    record = effective_record(session, doc_id)
    # level, province, district and issuer as the correction leaves them
    outside = who.outside(record.document.model_dump()) if record is not None else None
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
        value=row.value,  # as stored: "15/5/2017" typed is kept as "2017-05-15"
        correction=row.id,
    )
    session.commit()
    reports.clear()  # gap reports may have changed
    return CorrectionOut.model_validate(row, from_attributes=True)
