"""/api/keys and /api/audit: the admin's view of who may do what, and of what was done."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from graph.shapes import Page
from service import audit
from service.access import create_key, revoke
from service.api.deps import Admin, SessionDep, client_of
from service.api.routes.documents import ERRORS
from service.api.schemas import SORT_HELP, KeyCreated, KeyIn, Problem
from service.errors import NotFound
from service.store.queries import audit as audit_log
from service.store.queries import keys
from service.store.queries.audit import AuditFilter
from service.store.queries.keys import KeyFilter
from service.store.queries.lists import Paging
from service.store.shapes import AuditOut, KeyOut

router = APIRouter(prefix="/api", tags=["admin"])
KeyId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get("/keys", response_model=Page[KeyOut], summary="List keys", responses=ERRORS)
def list_keys(
    who: Admin,
    session: SessionDep,
    role: Annotated[str | None, Query(pattern="^(clerk|analyst|admin)$")] = None,
    revoked: bool | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> Page[KeyOut]:
    """Keys by id (never the keys themselves: only their first characters)."""
    return keys.list_keys(session, KeyFilter(role, revoked), Paging(limit, offset))


@router.post(
    "/keys",
    status_code=201,
    response_model=KeyCreated,
    summary="Make a key",
    responses={422: {"model": Problem}, **ERRORS},
)
def make_key(body: KeyIn, request: Request, who: Admin, session: SessionDep) -> KeyCreated:
    """A new key for a person or system. The answer holds the key itself, this once."""
    row, secret = create_key(session, role=body.role, name=body.name, province=body.province, district=body.district)
    audit.record(
        session,
        who,
        "key.create",
        f"key:{row.id}",
        client_of(request),
        name=row.name,
        role=row.role,
        province=row.province,
        district=row.district,
    )
    session.commit()
    return KeyCreated(**KeyOut.model_validate(row, from_attributes=True).model_dump(), key=secret)


@router.delete(
    "/keys/{key_id}",
    response_model=KeyOut,
    summary="Revoke a key",
    responses={404: {"model": Problem}, **ERRORS},
)
def revoke_key(key_id: KeyId, request: Request, who: Admin, session: SessionDep) -> KeyOut:
    """The key stops working at once, and so do the web sessions opened with it."""
    row = revoke(session, key_id)
    if row is None:
        raise NotFound(f"no key {key_id}", f"không có khóa {key_id}")
    audit.record(session, who, "key.revoke", f"key:{key_id}", client_of(request), name=row.name, role=row.role)
    session.commit()
    return KeyOut.model_validate(row, from_attributes=True)


@router.get("/audit", response_model=Page[AuditOut], summary="The audit log", responses=ERRORS)
def list_audit(
    who: Admin,
    session: SessionDep,
    action: Annotated[str | None, Query(max_length=64, examples=["document.correct"])] = None,
    key_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    target: Annotated[str | None, Query(max_length=128, examples=["document:12"])] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    sort: Annotated[str, Query(pattern="^-?id$", description=SORT_HELP)] = "-id",
) -> Page[AuditOut]:
    """Every write: who, what, to what, when, from where."""
    return audit_log.list_audit(session, AuditFilter(action, key_id, target), Paging(limit, offset), sort)
