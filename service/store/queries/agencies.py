"""Agencies the store knows by name: what a correction form offers for an agency field (free entry
stays possible). The names are those tasks assign (as canonical: "Sở Tài chính tỉnh Bắc Giang") and
documents' issuers."""

from __future__ import annotations

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from extractor.agencies import expand_abbreviations
from graph.shapes import Page
from models.tables import Document, TaskAgency
from service.store.search_text import folded


def known_agencies(session: Session, q: str | None = None, limit: int = 50) -> Page[str]:
    """Known agency names, those holding every word of `q` (with or without diacritics), shortest first."""
    names = union(
        select(TaskAgency.canonical.label("name")),
        select(Document.issuer.label("name")).where(Document.issuer.is_not(None)),
    ).subquery()
    rows = [n for n in session.scalars(select(names.c.name)) if n]
    words = folded(expand_abbreviations(q or "")).split()  # "Sở GD&ĐT" is "Sở Giáo dục và Đào tạo"
    found = sorted({n for n in rows if all(w in folded(n) for w in words)}, key=lambda n: (len(n), folded(n)))
    return Page[str](data=found[:limit], count=len(found))
