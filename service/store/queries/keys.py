"""API keys as an admin sees them: never the keys themselves, only their first characters."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from graph.shapes import Page
from models.service_tables import ApiKey
from service.store.queries.lists import Paging, count, page_of
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
    return page_of(session, select(ApiKey).where(*conds), KeyOut, paging, "id", SORTS, ApiKey.id)


def live_count(session: Session) -> int:
    """How many keys are not revoked."""
    return count(session, select(ApiKey.id).where(ApiKey.revoked_at.is_(None)))
