"""API keys as an admin sees them: never the keys themselves, only their first characters."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from graph.shapes import Page
from models.service_tables import ApiKey
from service.store.queries.lists import Paging, count, ordered, paged
from service.store.shapes import KeyOut

SORTS = {"id": ApiKey.id}


@dataclass(frozen=True)
class KeyFilter:
    role: str | None = None
    revoked: bool | None = None  # None: both


def list_keys(session: Session, f: KeyFilter = KeyFilter(), paging: Paging = Paging(None)) -> Page[KeyOut]:
    conds = []
    if f.role:
        conds.append(ApiKey.role == f.role)
    if f.revoked is not None:
        conds.append(ApiKey.revoked_at.is_not(None) if f.revoked else ApiKey.revoked_at.is_(None))
    query = select(ApiKey).where(*conds)
    rows = session.scalars(paged(ordered(query, "id", SORTS, ApiKey.id), paging))
    return Page[KeyOut](
        data=[KeyOut.model_validate(k, from_attributes=True) for k in rows], count=count(session, query)
    )


def live_count(session: Session) -> int:
    """How many keys are not revoked."""
    return count(session, select(ApiKey.id).where(ApiKey.revoked_at.is_(None)))
