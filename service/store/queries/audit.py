"""The audit log: every write, who, what, to what, when, from where."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from graph.shapes import Page
from models.service_tables import AuditEntry
from service.store.queries.lists import Paging, page_of
from service.store.shapes import AuditOut

SORTS = {"id": AuditEntry.id}


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None  # document.upload, document.correct, key.create, session.login …
    key_id: int | None = None
    target: str | None = None  # "document:12", "key:3"


def list_audit(
    session: Session, f: AuditFilter = AuditFilter(), paging: Paging = Paging(), sort: str = "-id"
) -> Page[AuditOut]:
    conds = []
    if f.action:
        conds.append(AuditEntry.action == f.action)
    if f.key_id:
        conds.append(AuditEntry.key_id == f.key_id)
    if f.target:
        conds.append(AuditEntry.target == f.target)
    return page_of(session, select(AuditEntry).where(*conds), AuditOut, paging, sort, SORTS, AuditEntry.id)
