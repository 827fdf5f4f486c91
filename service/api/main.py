"""The web application: the JSON API under /api, the web UI, the API docs at /docs, the worker.

    create_app(settings) -> FastAPI     (`vanban serve` runs it with uvicorn)

One app, one database: the routes and the background worker share the engine; the worker's threads
start and stop with the app (its lifespan). Errors leave in one shape, `{"code", "message",
"message_vi"}`, with the status service/errors.py assigns.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from underthesea import word_tokenize

from extractor.errors import VanbanError
from extractor.pipeline import EXTRACTOR_VERSION
from service.api.limits import BodyLimit
from service.api.routes import admin, documents, graph, jobs, search, system
from service.errors import http_status, problem
from service.jobs.transport import make_transport
from service.settings import Settings
from service.store.blobs import open_blobs
from service.store.db import init_db, make_engine, session_factory
from service.store.queries.cache import ReportCache
from service.ui import routes as ui

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent.parent / "ui" / "static"
DESCRIPTION = """
Reads Vietnamese official documents (văn bản) and tells who owes what to whom.

Send an API key (`vanban keys create --role clerk|analyst|admin`) as `Authorization: Bearer KEY`.
**clerk**: upload and correct documents, read them. **analyst**: read documents; lineage, duties,
gaps, search. **admin**: everything, and keys and the audit log. Every refusal is
`{"code", "message", "message_vi"}`.
"""

_VI = {
    400: "yêu cầu không hợp lệ",
    401: "cần xác thực",
    403: "không có quyền",
    404: "không tìm thấy",
    405: "phương thức không được hỗ trợ",
    406: "định dạng không được hỗ trợ",
    413: "dữ liệu gửi lên quá lớn",
    415: "loại nội dung không được hỗ trợ",
    422: "yêu cầu không hợp lệ",
}


# pydantic's error types (what FastAPI finds wrong with a request) in Vietnamese; {x} from the error's ctx.
_VALIDATION_VI = {
    "missing": "thiếu, cần có",
    "int_parsing": "cần một số nguyên",
    "int_type": "cần một số nguyên",
    "int_from_float": "cần một số nguyên",
    "float_parsing": "cần một số",
    "float_type": "cần một số",
    "bool_parsing": "cần true hoặc false",
    "bool_type": "cần true hoặc false",
    "string_type": "cần một chuỗi ký tự",
    "string_too_short": "cần ít nhất {min_length} ký tự",
    "string_too_long": "dài quá {max_length} ký tự",
    "too_short": "cần ít nhất {min_length} mục",
    "too_long": "nhiều quá {max_length} mục",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "literal_error": "chỉ nhận một trong: {expected}",
    "enum": "chỉ nhận một trong: {expected}",
    "date_parsing": "cần một ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "cần một ngày dạng YYYY-MM-DD",
    "date_type": "cần một ngày dạng YYYY-MM-DD",
    "datetime_parsing": "cần thời điểm dạng ISO 8601",
    "json_invalid": "JSON không hợp lệ",
    "json_type": "cần JSON",
    "dict_type": "cần một đối tượng JSON",
    "model_attributes_type": "cần một đối tượng JSON",
    "list_type": "cần một danh sách",
    "extra_forbidden": "trường không được phép",
    "value_error": "giá trị không hợp lệ",
    "url_parsing": "địa chỉ không hợp lệ",
    "uuid_parsing": "cần một UUID",
}
_WHERE_VI = {
    "query": "tham số",
    "body": "nội dung gửi lên",
    "path": "đường dẫn",
    "header": "tiêu đề",
    "cookie": "cookie",
}


def _validation_vi(error: Any) -> str:
    """One of FastAPI's validation errors in Vietnamese (an unknown type: "giá trị không hợp lệ")."""
    template = _VALIDATION_VI.get(str(error.get("type", "")), "giá trị không hợp lệ")
    ctx = {k: str(v).replace(" or ", " hoặc ") for k, v in (error.get("ctx") or {}).items()}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template.split(" {", 1)[0]


def _where_vi(loc: Sequence[str]) -> str:
    """Where the error is: "tham số limit", "nội dung gửi lên value"."""
    return " ".join(_WHERE_VI.get(x, x) for x in loc)


def _problem_response(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse(body, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(VanbanError)
    async def vanban_error(request: Request, exc: VanbanError) -> JSONResponse:
        return _problem_response(http_status(exc), problem(exc).body())

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "loc": [str(x) for x in e.get("loc", ())],
                "msg": str(e.get("msg", "")),
                "type": str(e.get("type", "")),
            }
            for e in exc.errors()
        ]
        for e, raw in zip(errors, exc.errors(), strict=True):
            e["msg_vi"] = _validation_vi(raw)
        where = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5])
        where_vi = "; ".join(f"{_where_vi(e['loc'])}: {e['msg_vi']}" for e in errors[:5])
        body = {
            "code": "E422",
            "message": f"invalid request: {where}",
            "message_vi": f"yêu cầu không hợp lệ: {where_vi}",
            "errors": errors,
        }
        return _problem_response(422, body)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        body = getattr(exc, "problem", None) or {
            "code": f"E{exc.status_code}",
            "message": str(exc.detail),
            "message_vi": _VI.get(exc.status_code, str(exc.detail)),
        }
        return _problem_response(exc.status_code, body, dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        body = {
            "code": "E500",
            "message": "internal error (logged)",
            "message_vi": "lỗi hệ thống (đã ghi nhật ký)",
        }
        return JSONResponse(body, status_code=500)


class SecurityHeaders:
    """nosniff, no framing, no referrer to other sites, and Server-Timing (time to the answer's first
    byte, for benchmarks and browsers' developer tools) on every answer. Pure ASGI (not
    BaseHTTPMiddleware, whose task group would wrap errors raised while the body is read)."""

    HEADERS = [
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    ]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        start = time.perf_counter()

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                timing = (b"server-timing", f"app;dur={(time.perf_counter() - start) * 1000:.1f}".encode())
                extra = [h for h in self.HEADERS if h[0] not in names]
                message["headers"] = [*message.get("headers", []), *extra, timing]
            await send(message)

        await self.app(scope, receive, with_headers)


def _load_models() -> None:
    """Load the word segmenter the gap report uses before any request does: underthesea loads its model
    lazily and not thread-safely (two first requests at once saw a half-loaded model: 500)."""
    word_tokenize("Ủy ban nhân dân tỉnh")


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The app over `settings` (default: from the environment). `engine` replaces the one the settings
    describe (tests pass theirs). The schema is migrated here, before any request."""
    settings = settings or Settings()
    _load_models()
    engine = engine or make_engine(settings.database_url, schema=settings.database_schema)
    init_db(engine)
    factory = session_factory(engine)
    reports = ReportCache(settings.report_cache_seconds)
    blobs = open_blobs(settings, factory)
    # the server's own reading threads, or (VANBAN_BROKER_URL) the broker that `vanban worker`s serve
    worker = make_transport(settings, factory, blobs, on_change=reports.clear)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        worker.start()
        try:
            yield
        finally:
            worker.stop()

    app = FastAPI(
        title="vanban",
        version=EXTRACTOR_VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings, app.state.engine, app.state.factory = settings, engine, factory
    app.state.worker, app.state.reports, app.state.blobs = worker, reports, blobs
    _install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        BodyLimit,
        upload_paths=("/api/documents", "/upload"),
        max_upload=settings.max_upload_bytes,
        max_other=settings.max_json_bytes,
    )
    for module in (documents, jobs, graph, search, admin, system):
        app.include_router(module.router)
    app.include_router(ui.router)
    ui.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # FastAPI's default page loads Swagger UI from a CDN and starts it with an inline script; this
        # one is served from here and started by a file, so a strict Content-Security-Policy holds.
        return HTMLResponse(DOCS_PAGE, headers={"Content-Security-Policy": DOCS_CSP})

    return app


# Swagger UI sets style attributes (hence 'unsafe-inline' for styles only) and draws icons as data: URLs.
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
DOCS_PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>vanban API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
<link rel="icon" href="/static/vendor/swagger-ui/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/swagger-init.js"></script>
</body>
</html>
"""
