"""The web UI: server-rendered pages (Jinja2) over the same store and permissions as the API.

Logging in trades a pasted API key for a session token in an HttpOnly, SameSite=Strict cookie; the
pages' scripts then call the JSON API with that cookie (same origin), so no script ever holds a key.
Pages a role may not see answer 403 with a page that says so; without a session, /login.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.service_tables import ApiKey, AuditEntry, Job, UiSession
from models.tables import Document, Extraction
from service import audit
from service.access import PERMISSIONS, Principal, authenticate, hash_secret, principal
from service.api.deps import (
    SESSION_COOKIE,
    SessionDep,
    SettingsDep,
    _from_cookie,
    came_by_https,
    client_of,
    same_origin,
)
from service.errors import NotFound, ServiceError
from service.ui import labels

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
templates.env.globals.update(L=labels, quote=quote)
templates.env.filters.update(
    level=labels.level,
    relation=labels.relation,
    job_status=labels.job_status,
    when=labels.when,
    size=labels.size,
    warning=labels.warning,
)

# Inline style attributes carry the highlight colours; scripts come from /static only.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class LoginRequired(Exception):
    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


def ui_principal(request: Request, session: SessionDep) -> Principal:
    token = request.cookies.get(SESSION_COOKIE)
    key = _from_cookie(session, token) if token else None
    if key is None:
        raise LoginRequired(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
    return principal(key)


UiUser = Annotated[Principal, Depends(ui_principal)]


def page(
    request: Request, template: str, who: Principal | None, status: int = 200, **context: Any
) -> HTMLResponse:
    perms = {p for p in PERMISSIONS if who and who.can(p)}
    response = templates.TemplateResponse(
        request, template, {"who": who, "can": perms, "path": request.url.path, **context}, status_code=status
    )
    response.headers["Content-Security-Policy"] = CSP
    return response


def forbidden(request: Request, who: Principal, what: str) -> HTMLResponse:
    return page(
        request,
        "error.html",
        who,
        403,
        title="Không có quyền",
        message=f"Vai trò {labels.ROLE.get(who.role, who.role)} không được phép {what}.",
    )


def _safe_next(url: str | None) -> str:
    # only paths of this site: "//evil.example" and "https://..." would send the user elsewhere
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return "/"
    return url


# --- login ----------------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return page(request, "login.html", None, next=_safe_next(next), error=None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    key: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    if not same_origin(request):
        return page(request, "login.html", None, 403, next="/", error="Yêu cầu không hợp lệ (khác nguồn).")
    row = authenticate(session, key.strip())
    if row is None:
        return page(
            request,
            "login.html",
            None,
            401,
            next=_safe_next(next),
            error="Khóa API không hợp lệ hoặc đã bị thu hồi.",
        )
    token = secrets.token_urlsafe(32)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(hours=settings.session_hours)
    session.add(UiSession(token_hash=hash_secret(token), key_id=row.id, expires_at=expires))
    audit.record(session, principal(row), "session.login", f"key:{row.id}", client_of(request))
    session.commit()
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="strict",
        secure=settings.cookie_secure or came_by_https(request, settings),
        path="/",
    )
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token and same_origin(request):
        ui = session.get(UiSession, hash_secret(token))
        if ui is not None:
            key = session.get(ApiKey, ui.key_id)
            session.delete(ui)
            if key is not None:
                audit.record(session, principal(key), "session.logout", f"key:{key.id}", client_of(request))
            session.commit()
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- pages ----------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, who: UiUser, session: SessionDep) -> HTMLResponse:
    jobs = session.scalars(
        select(Job).where(Job.key_id == who.key_id).order_by(Job.id.desc()).limit(15)
    ).all()
    recent = session.execute(
        select(Document, Extraction.extracted_at)
        .join(Extraction, Extraction.document_id == Document.id)
        .order_by(Extraction.extracted_at.desc(), Document.id.desc())
        .limit(10)
    ).all()
    held = session.scalar(select(func.count()).select_from(Extraction)) or 0
    return page(request, "home.html", who, jobs=jobs, recent=recent, held=held)


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    who: UiUser,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=500)] = None,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> HTMLResponse:
    if not who.can("read"):
        return forbidden(request, who, "xem văn bản")
    limit = 25
    snippets: dict[int, str] = {}
    if q:
        from service.api.routes.search import hits

        found, total = hits(session, q, limit, offset)
        snippets = {h.document.id: h.snippet for h in found}
        rows = session.execute(
            select(Document, Extraction.extracted_at)
            .join(Extraction, Extraction.document_id == Document.id)
            .where(Document.id.in_(list(snippets)))
        ).all()
        order = {d: i for i, d in enumerate(snippets)}
        rows = sorted(rows, key=lambda r: order[r[0].id])
    else:
        total = session.scalar(select(func.count()).select_from(Extraction)) or 0
        rows = session.execute(
            select(Document, Extraction.extracted_at)
            .join(Extraction, Extraction.document_id == Document.id)
            .order_by(Document.issued_date.desc().nulls_last(), Document.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
    return page(
        request,
        "documents.html",
        who,
        rows=rows,
        total=total,
        q=q or "",
        offset=offset,
        limit=limit,
        snippets=snippets,
    )


def _result(session: Session, doc_id: int) -> tuple[Document, Extraction, dict[str, Any]]:
    from service.api.routes.documents import held
    from service.store.repository import effective_record

    doc, ex = held(session, doc_id)
    return doc, ex, effective_record(session, doc_id) or ex.record


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request, doc_id: Annotated[int, PathParam(ge=1, le=2**31 - 1)], who: UiUser, session: SessionDep
) -> HTMLResponse:
    from models.record import ExtractionRecord, ExtractionResult, IntakeInfo, Span
    from service.api.routes.documents import corrections_of
    from service.highlight import COLORS, highlight

    if not who.can("read"):
        return forbidden(request, who, "xem văn bản")
    try:
        doc, ex, record = _result(session, doc_id)
    except NotFound as e:
        return page(request, "error.html", who, 404, title="Không tìm thấy", message=e.message_vi)
    result = ExtractionResult(
        record=ExtractionRecord.model_validate(record),
        text=ex.text,
        spans=[Span.model_validate(s) for s in ex.spans],
        intake=IntakeInfo.model_validate(ex.intake),
        extractor_version=ex.extractor_version,
    )
    can_fix = who.can("correct") and who.covers(doc.province, doc.district)
    return page(
        request,
        "document.html",
        who,
        doc=doc,
        ex=ex,
        record=record,
        text_html=highlight(result),
        fields=labels.fields(record),
        corrections=corrections_of(session, doc_id),
        can_fix=can_fix,
        colors=COLORS,
    )


@router.get("/duties", response_class=HTMLResponse)
def duties_page(
    request: Request,
    who: UiUser,
    session: SessionDep,
    agency: Annotated[str | None, Query(max_length=256)] = None,
    jurisdiction: Annotated[str | None, Query(max_length=100)] = None,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> HTMLResponse:
    from graph.duties import DutyFilter, UnknownJurisdiction, duties

    if not who.can("query"):
        return forbidden(request, who, "tra cứu nhiệm vụ")
    agency, jurisdiction = (agency or "").strip() or None, (jurisdiction or "").strip() or None
    answer: dict[str, Any] = {"data": [], "count": 0}
    error = None
    if agency or jurisdiction:
        try:
            answer = duties(
                session, DutyFilter(agency, jurisdiction, None, None, 200, offset, order="deadline")
            )
        except UnknownJurisdiction as e:
            error = f"Không có tỉnh hoặc huyện nào tên “{e.name}”."
    today = dt.date.today().isoformat()
    rows = [dict(r, state=labels.due_state(r["task"].get("due_date"), today)) for r in answer["data"]]
    return page(
        request,
        "duties.html",
        who,
        agency=agency or "",
        jurisdiction=jurisdiction or "",
        rows=rows,
        count=answer["count"],
        offset=offset,
        error=error,
        today=today,
    )


@router.get("/lineage", response_class=HTMLResponse)
def lineage_page(
    request: Request, who: UiUser, number: Annotated[str | None, Query(max_length=128)] = None
) -> HTMLResponse:
    if not who.can("query"):
        return forbidden(request, who, "tra cứu nguồn gốc văn bản")
    return page(request, "lineage.html", who, number=(number or "").strip())


@router.get("/gaps", response_class=HTMLResponse)
def gaps_page(
    request: Request,
    who: UiUser,
    session: SessionDep,
    number: Annotated[str | None, Query(max_length=128)] = None,
    jurisdiction: Annotated[str | None, Query(max_length=100)] = None,
) -> HTMLResponse:
    from service.api.routes.graph import _gaps

    if not who.can("query"):
        return forbidden(request, who, "xem báo cáo khoảng trống")
    number, jurisdiction = (number or "").strip() or None, (jurisdiction or "").strip() or None
    report, error = None, None
    if number:
        try:
            report = _gaps(session, number, jurisdiction, None, request.app.state.reports)
        except ServiceError as e:
            error = e.message_vi
    return page(
        request,
        "gaps.html",
        who,
        number=number or "",
        jurisdiction=jurisdiction or "",
        report=report,
        error=error,
    )


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, who: UiUser, session: SessionDep) -> HTMLResponse:
    if not who.can("admin"):
        return forbidden(request, who, "quản lý khóa")
    keys = session.scalars(select(ApiKey).order_by(ApiKey.id)).all()
    log = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(50)).all()
    return page(request, "admin.html", who, keys=keys, log=log)


def install(app: Any) -> None:
    """Send browsers without a session to the login page (the API answers 401 instead)."""

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(f"/login?next={quote(_safe_next(exc.next_url))}", status_code=303)
