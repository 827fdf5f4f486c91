"""The web UI: server-rendered pages (Jinja2) over the same store and permissions as the API.

Logging in trades a pasted API key for a session token in an HttpOnly, SameSite=Strict cookie; the
pages' scripts then call the JSON API with that cookie (same origin), so no script ever holds a key.
Pages a role may not see answer 403 with a page that says so; without a session, /login.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy.orm import Session

from extractor.errors import VanbanError
from extractor.folding import ascii_fold
from graph.duties import DutyFilter
from graph.shapes import Duty, GapReport, Page
from models.record import ExtractionRecord, ExtractionResult
from service import audit, duties_table, spreadsheet
from service.access import PERMISSIONS, Principal, authenticate, principal
from service.api.deps import (
    SESSION_COOKIE,
    ReportsDep,
    SessionDep,
    SettingsDep,
    came_by_https,
    client_of,
    same_origin,
)
from service.errors import http_status, message_vi
from service.highlight import COLORS, highlight
from service.sessions import close_session, key_of_session, open_session
from service.store.queries import graph as graph_queries
from service.store.queries.audit import list_audit
from service.store.queries.documents import DocumentFilter, list_documents, view
from service.store.queries.jobs import JobFilter, list_jobs
from service.store.queries.keys import list_keys
from service.store.queries.lists import Paging
from service.store.queries.search import search
from service.store.queries.views import (
    UI_SORTS,
    DocumentView,
    facets,
    known_agencies,
    list_documents_view,
    matching_ids,
)
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
    vndate=labels.vndate,
    cut=labels.cut,
)


def url_with(base: str, params: dict[str, Any], **changes: Any) -> str:
    """`base` with the page's query kept and `changes` applied (None or "" drops a parameter): what a
    sort header, a pager or an export link points to, so filters survive every click."""
    merged = {**params, **changes}
    kept = [(k, v) for k, v in merged.items() if v not in (None, "", False)]
    return base + ("?" + urlencode(kept) if kept else "")


templates.env.globals.update(url_with=url_with)

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
    key = key_of_session(session, token) if token else None
    if key is None:
        raise LoginRequired(str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
    return principal(key)


UiUser = Annotated[Principal, Depends(ui_principal)]


def page(request: Request, template: str, who: Principal | None, status: int = 200, **context: Any) -> HTMLResponse:
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


def refused(request: Request, who: Principal, error: VanbanError, title: str) -> HTMLResponse:
    """A page saying why, with the status service/errors.py gives the error's code."""
    return page(request, "error.html", who, http_status(error), title=title, message=labels.sentence(message_vi(error)))


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
    token = open_session(session, row, settings.session_hours)
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
        key = close_session(session, token)
        if key is not None:
            audit.record(session, principal(key), "session.logout", f"key:{key.id}", client_of(request))
        session.commit()
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- pages ----------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request, who: UiUser, session: SessionDep) -> HTMLResponse:
    jobs = list_jobs(session, JobFilter(key_id=who.key_id), Paging(15))
    recent = list_documents(session, DocumentFilter(), Paging(10), sort="-extracted_at,-id")
    return page(request, "home.html", who, jobs=jobs.data, recent=recent.data, held=recent.count)


PAGE_SIZES = (10, 25, 50, 100)
DOC_COLUMNS = [  # (sort key, header): the document list's columns, each one sorts it
    ("number", "Số, ký hiệu"),
    ("doc_type", "Loại"),
    ("issuer", "Cơ quan ban hành"),
    ("level", "Cấp"),
    ("issued_date", "Ngày ban hành"),
    ("title", "Trích yếu"),
]
DOC_STATUS = {"corrected": "Đã được sửa", "uncorrected": "Chưa ai sửa"}
SEARCH_POOL = 500  # search hits a filtered search looks through (the filters then keep some)


def _choice(value: str | None, allowed: Any) -> str | None:
    value = (value or "").strip()
    return value if value in allowed else None


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    who: UiUser,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=500)] = None,
    type: Annotated[str | None, Query(max_length=64)] = None,
    province: Annotated[str | None, Query(max_length=100)] = None,
    level: Annotated[str | None, Query(max_length=16)] = None,
    year: Annotated[str | None, Query(max_length=4)] = None,
    status: Annotated[str | None, Query(max_length=16)] = None,
    sort: Annotated[str | None, Query(max_length=32)] = None,
    size: Annotated[str | None, Query(max_length=4)] = None,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> HTMLResponse:
    """The documents people work from: filters, sort by any column, page size, all in the URL (a view
    can be bookmarked or sent); with words to look for, the search's hits in its order, filtered."""
    if not who.can("read"):
        return forbidden(request, who, "xem văn bản")
    q = (q or "").strip()
    # empty form fields arrive as "": a filter not chosen, not an error
    chosen = {
        "type": (type or "").strip() or None,
        "province": (province or "").strip() or None,
        "level": _choice(level, labels.LEVEL),
        "year": year.strip() if year and year.strip().isdigit() else None,
        "status": _choice(status, DOC_STATUS),
    }
    sort_key = sort if sort and sort.removeprefix("-") in UI_SORTS else ("" if q else "-issued_date")
    limit = int(size) if size and size.isdigit() and int(size) in PAGE_SIZES else 25
    params = {"q": q, **chosen, "sort": sort if sort_key == sort else None, "size": limit if limit != 25 else None}
    v = DocumentView(
        DocumentFilter(
            province=chosen["province"],
            level=chosen["level"],  # type: ignore[arg-type]  # one of labels.LEVEL
            doc_type=chosen["type"],
            year=int(chosen["year"]) if chosen["year"] else None,
        ),
        chosen["status"],  # type: ignore[arg-type]  # one of DOC_STATUS
    )
    filtered = any(chosen.values())
    snippets: dict[int, Markup] = {}
    rows: list[Any] = []
    total = 0
    error = None
    try:
        if q and not sort_key and not filtered:
            found = search(session, q, Paging(limit, offset))
            rows, total = [h.document for h in found.data], found.count
            snippets = {
                h.document.id: labels.marked(h.snippet, [(m.start, m.end) for m in h.matches]) for h in found.data
            }
        elif q:
            # the search ranks; the filters (and a sort asked for) apply to its best SEARCH_POOL hits
            found = search(session, q, Paging(SEARCH_POOL))
            keep = matching_ids(session, v, [h.document.id for h in found.data])
            hits = [h for h in found.data if h.document.id in keep]
            if sort_key:  # the summary's field of that name; documents without it last either way
                name = sort_key.removeprefix("-")
                hits.sort(key=lambda h: str(getattr(h.document, name, "") or "").lower(), reverse=sort_key[0] == "-")
                hits.sort(key=lambda h: not getattr(h.document, name, None))
            total = len(hits)
            page_hits = hits[offset : offset + limit]
            rows = [h.document for h in page_hits]
            snippets = {
                h.document.id: labels.marked(h.snippet, [(m.start, m.end) for m in h.matches]) for h in page_hits
            }
        else:
            listed = list_documents_view(session, v, Paging(limit, offset), sort=f"{sort_key},-id")
            rows, total = listed.data, listed.count
    except VanbanError as e:
        error = labels.sentence(message_vi(e))
    return page(
        request,
        "documents.html",
        who,
        rows=rows,
        total=total,
        q=q,
        chosen=chosen,
        params=params,
        sort=sort_key,
        columns=DOC_COLUMNS,
        statuses=DOC_STATUS,
        sizes=PAGE_SIZES,
        facets=facets(session),
        offset=offset,
        limit=limit,
        snippets=snippets,
        filtered=filtered,
        error=error,
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request, doc_id: Annotated[int, PathParam(ge=1, le=2**31 - 1)], who: UiUser, session: SessionDep
) -> HTMLResponse:
    if not who.can("read"):
        return forbidden(request, who, "xem văn bản")
    try:
        doc = view(session, doc_id)
    except VanbanError as e:
        return refused(request, who, e, "Không tìm thấy")
    record = ExtractionRecord(
        source=doc.source, document=doc.document, references=doc.references, tasks=doc.tasks, targets=doc.targets
    )
    result = ExtractionResult(
        record=record, text=doc.text, spans=doc.spans, intake=doc.intake, extractor_version=doc.extractor_version
    )
    can_fix = who.can("correct") and who.covers(doc.document.province, doc.document.district)
    return page(
        request,
        "document.html",
        who,
        doc=doc,
        record=record,
        text_html=highlight(result),
        fields=labels.fields(record),
        corrections=doc.corrections,
        can_fix=can_fix,
        # the agencies this document names to start with; more as the person types (/ui/agencies)
        agencies=sorted(_named_agencies(record)) if can_fix else [],
        colors=COLORS,
    )


def _named_agencies(record: ExtractionRecord) -> set[str]:
    names = {record.document.issuer or "", *record.document.recipients}
    for task in record.tasks:
        names.update(task.lead)
        names.update(task.support)
    return {n for n in names if n}


AGENCY_CACHE_SECONDS = 300.0
# (when read, [(folded name, name)]) per database: the distinct agencies, read once in a while rather
# than on every keystroke (at national scale they are tens of thousands)
_agency_cache: dict[str, tuple[float, list[tuple[str, str]]]] = {}


def _agencies(session: Session) -> list[tuple[str, str]]:
    db = str(session.get_bind().engine.url)
    now = time.monotonic()
    cached = _agency_cache.get(db)
    if cached is None or now - cached[0] > AGENCY_CACHE_SECONDS:
        cached = (now, [(ascii_fold(name), name) for name in known_agencies(session)])
        _agency_cache[db] = cached
    return cached[1]


@router.get("/ui/agencies")
def agency_suggestions(who: UiUser, session: SessionDep, q: Annotated[str, Query(max_length=200)] = "") -> list[str]:
    """Known agencies whose names hold every word typed, in any case, with or without diacritics ("tai
    chinh ho" → "Sở Tài chính thành phố Hồ Chí Minh"): the correction form's suggestions. At most 30."""
    if not who.can("correct"):
        return []
    words = ascii_fold(q).split()
    if not words:
        return []
    found = [name for folded, name in _agencies(session) if all(w in folded for w in words)]
    return sorted(found, key=lambda n: (len(n), n))[:30]


def _iso_day(value: str | None) -> str | None:
    """A day from the filter form, typed dd/mm/yyyy (or ISO from a link); anything else: no bound."""
    return labels.parse_day(value)


@dataclass(frozen=True)
class _Board:
    """The duty board's filters as typed in the URL, cleaned: the page and its export read them the same way."""

    agency: str | None
    jurisdiction: str | None
    role: str | None
    due_from: str | None
    due_to: str | None
    overdue: bool

    @classmethod
    def read(
        cls,
        agency: str | None,
        jurisdiction: str | None,
        role: str | None,
        due_from: str | None,
        due_to: str | None,
        overdue: str | None,
    ) -> _Board:
        return cls(
            (agency or "").strip() or None,
            (jurisdiction or "").strip() or None,
            _choice(role, labels.DUTY_ROLE),
            _iso_day(due_from),
            _iso_day(due_to),
            bool(overdue),
        )

    def filter(self, today: str, limit: int, offset: int) -> DutyFilter:
        # the range's end is inclusive for people ("đến 31/12/2026"); the filter's bound is strict
        before = (dt.date.fromisoformat(self.due_to) + dt.timedelta(days=1)).isoformat() if self.due_to else None
        if self.overdue:
            before = min(before, today) if before else today
        return DutyFilter(
            self.agency,
            self.jurisdiction,
            due_before=before,
            due_after=self.due_from,
            role=self.role,
            limit=limit,
            offset=offset,
            order="deadline",
        )


DUTY_PAGE = 200


@router.get("/duties", response_class=HTMLResponse)
def duties_page(
    request: Request,
    who: UiUser,
    session: SessionDep,
    agency: Annotated[str | None, Query(max_length=256)] = None,
    jurisdiction: Annotated[str | None, Query(max_length=100)] = None,
    role: Annotated[str | None, Query(max_length=16)] = None,
    due_from: Annotated[str | None, Query(max_length=10)] = None,
    due_to: Annotated[str | None, Query(max_length=10)] = None,
    overdue: Annotated[str | None, Query(max_length=4)] = None,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> HTMLResponse:
    if not who.can("query"):
        return forbidden(request, who, "tra cứu nhiệm vụ")
    board = _Board.read(agency, jurisdiction, role, due_from, due_to, overdue)
    today = dt.date.today().isoformat()
    params = {
        "agency": board.agency,
        "jurisdiction": board.jurisdiction,
        "role": board.role,
        "due_from": board.due_from,
        "due_to": board.due_to,
        "overdue": "1" if board.overdue else None,
    }
    answer = Page[Duty](data=[], count=0)
    error = None
    if board.agency or board.jurisdiction:
        try:
            answer = graph_queries.duties(session, board.filter(today, DUTY_PAGE, offset))
        except VanbanError as e:
            error = labels.sentence(message_vi(e))
    rows = [(r, labels.due_state(r.task.due_date, today)) for r in answer.data]
    return page(
        request,
        "duties.html",
        who,
        agency=board.agency or "",
        jurisdiction=board.jurisdiction or "",
        role=board.role or "",
        due_from=labels.vndate(board.due_from) if board.due_from else "",
        due_to=labels.vndate(board.due_to) if board.due_to else "",
        overdue=board.overdue,
        params=params,
        # the board's own export route: its filters are the board's (a range of days typed by people, overdue)
        export_base="/duties/export",
        rows=rows,
        count=answer.count,
        offset=offset,
        limit=DUTY_PAGE,
        error=error,
        today=today,
    )


EXPORT_MAX = 20_000  # rows in one spreadsheet; a board that large is filtered first


@router.get("/duties/export")
def duties_export_route(
    request: Request,
    who: UiUser,
    session: SessionDep,
    format: Literal["csv", "xlsx"] = "csv",
    agency: Annotated[str | None, Query(max_length=256)] = None,
    jurisdiction: Annotated[str | None, Query(max_length=100)] = None,
    role: Annotated[str | None, Query(max_length=16)] = None,
    due_from: Annotated[str | None, Query(max_length=10)] = None,
    due_to: Annotated[str | None, Query(max_length=10)] = None,
    overdue: Annotated[str | None, Query(max_length=4)] = None,
) -> Response:
    """The duty board as shown (same filters, same order) in a spreadsheet with Vietnamese headers."""
    if not who.can("query"):
        return forbidden(request, who, "tra cứu nhiệm vụ")
    board = _Board.read(agency, jurisdiction, role, due_from, due_to, overdue)
    if not (board.agency or board.jurisdiction):
        return page(
            request, "error.html", who, 422, title="Chưa chọn cơ quan", message="Hãy nhập cơ quan hoặc địa bàn."
        )
    try:
        duties = graph_queries.duties(session, board.filter(dt.date.today().isoformat(), EXPORT_MAX, 0)).data
    except VanbanError as e:
        return refused(request, who, e, "Không xuất được bảng nhiệm vụ")
    # the same spreadsheet as the API's /api/duties/export (service/duties_table.py): only the filters are the board's
    if format == "xlsx":
        media, body = spreadsheet.XLSX_TYPE, duties_table.to_xlsx(duties)
    else:
        media, body = spreadsheet.CSV_TYPE, duties_table.to_csv(duties)
    stem = "nhiem-vu-" + "".join(c if c.isalnum() else "-" for c in (board.agency or board.jurisdiction or ""))
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(stem)}.{format}"},
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
    reports: ReportsDep,
    number: Annotated[str | None, Query(max_length=128)] = None,
    jurisdiction: Annotated[str | None, Query(max_length=100)] = None,
) -> HTMLResponse:
    if not who.can("query"):
        return forbidden(request, who, "xem báo cáo khoảng trống")
    number, jurisdiction = (number or "").strip() or None, (jurisdiction or "").strip() or None
    report: GapReport | None = None
    error = None
    if number:
        try:
            report = graph_queries.gaps(session, number, jurisdiction, cache=reports)
        except VanbanError as e:
            error = labels.sentence(message_vi(e))
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
    keys = list_keys(session)
    log = list_audit(session, paging=Paging(50))
    return page(request, "admin.html", who, keys=keys.data, log=log.data)


def install(app: Any) -> None:
    """Send browsers without a session to the login page (the API answers 401 instead)."""

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(f"/login?next={quote(_safe_next(exc.next_url))}", status_code=303)
