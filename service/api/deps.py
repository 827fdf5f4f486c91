"""Dependencies shared by the routes: settings, a database session, the caller and their permission.

The caller is found by `Authorization: Bearer KEY` (programs) or by the web UI's session cookie
(browsers). A request with neither, or with a key that is unknown or revoked, is 401; a caller whose
role lacks the permission is 403. A cookie-authenticated write must come from our own pages (Origin
or Sec-Fetch-Site), on top of the cookie being SameSite=Strict: a forged cross-site form gets 403.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Iterator
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from service import labels_vi
from service.access import Principal, authenticate, principal
from service.errors import Forbidden, NotAuthenticated
from service.jobs.transport import Transport
from service.sessions import key_of_session, touch
from service.settings import Settings
from service.store.blobs import BlobStore
from service.store.queries.cache import ReportCache

SESSION_COOKIE = "vanban_session"
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

bearer = HTTPBearer(auto_error=False, description="An API key from `vanban keys create`: `Bearer vb_…`")


# Dependencies that do no I/O are async: FastAPI runs sync ones in its thread pool, a hop each.
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_worker(request: Request) -> Transport:
    return request.app.state.worker


def get_db(request: Request) -> Iterator[Session]:
    factory: sessionmaker[Session] = request.app.state.factory
    session = factory()
    try:
        yield session
    finally:
        session.close()  # anything not committed by the route is rolled back


async def get_reports(request: Request) -> ReportCache:
    return request.app.state.reports


async def get_blobs(request: Request) -> BlobStore:
    return request.app.state.blobs


SettingsDep = Annotated[Settings, Depends(get_settings)]
ReportsDep = Annotated[ReportCache, Depends(get_reports)]
SessionDep = Annotated[Session, Depends(get_db)]
BlobsDep = Annotated[BlobStore, Depends(get_blobs)]
WorkerDep = Annotated[Transport, Depends(get_worker)]


def client_of(request: Request) -> str | None:
    return request.client.host if request.client else None


def came_by_https(request: Request, settings: Settings) -> bool:
    """Whether the browser reached us over HTTPS: directly, or through a trusted proxy that says so in
    X-Forwarded-Proto (a proxy terminating TLS talks plain HTTP to us)."""
    if request.url.scheme == "https":
        return True
    proto = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return proto == "https" and trusted_proxy(request.client.host if request.client else None, settings.trusted_proxies)


def trusted_proxy(host: str | None, trusted: str) -> bool:
    if host is None:
        return False
    for entry in (e.strip() for e in trusted.split(",")):
        if not entry:
            continue
        if entry in ("*", host):
            return True
        try:
            if ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a name, or a host that is not an address
    return False


def same_origin(request: Request) -> bool:
    """Whether a browser request comes from a page of this site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return False
    return urlsplit(origin).netloc == request.headers.get("host", request.url.netloc)


def current_principal(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    if credentials is not None:
        key = authenticate(session, credentials.credentials)
        if key is None:
            raise NotAuthenticated("the API key is unknown or revoked", "khóa API không hợp lệ hoặc đã bị thu hồi")
    else:
        token = request.cookies.get(SESSION_COOKIE)
        key = key_of_session(session, token) if token else None
        if key is None:
            raise NotAuthenticated(
                "an API key is required: send 'Authorization: Bearer KEY' (or log in to the web UI)",
                "cần khóa API: gửi 'Authorization: Bearer KEY' (hoặc đăng nhập giao diện web)",
            )
        if request.method not in _SAFE_METHODS and not same_origin(request):
            raise Forbidden(
                "a cross-site request cannot use the web session",
                "yêu cầu từ trang khác không được dùng phiên web",
            )
    touch(request.app.state.factory, key)
    who = principal(key)
    request.state.principal = who
    return who


CurrentDep = Annotated[Principal, Depends(current_principal)]

_WHAT = {
    "upload": ("upload documents", "tải văn bản lên"),
    "correct": ("correct documents", "sửa kết quả trích xuất"),
    "read": ("read documents", "xem văn bản"),
    "query": ("query lineage, duties and gaps", "tra cứu nguồn gốc, nhiệm vụ và khoảng trống"),
    "admin": ("manage keys and read the audit log", "quản lý khóa và xem nhật ký"),
}


def require(permission: str) -> Callable[[Principal], Awaitable[Principal]]:
    async def check(who: CurrentDep) -> Principal:
        if not who.can(permission):
            en, vi = _WHAT[permission]
            raise Forbidden(
                f"the role {who.role!r} may not {en}",
                f"vai trò {labels_vi.ROLE.get(who.role, who.role)} không được phép {vi}",
            )
        return who

    return check


Reader = Annotated[Principal, Depends(require("read"))]
Querier = Annotated[Principal, Depends(require("query"))]
Uploader = Annotated[Principal, Depends(require("upload"))]
Corrector = Annotated[Principal, Depends(require("correct"))]
Admin = Annotated[Principal, Depends(require("admin"))]
