"""Full-text search over held documents' normalised text (for the API's /api/search).

SQLite: the FTS5 table `extractions_fts` (bm25 rank); PostgreSQL: the `extractions.search` tsvector
(ts_rank). Both made by migration 0001. Words are matched as written (tones kept), all must occur.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.orm import Session

from graph.shapes import Page


def _fts5_query(q: str) -> str:
    # every word quoted: FTS5 syntax characters in user input ("-", ":", "/") must not be operators
    return " ".join(f'"{w}"' for w in re.findall(r"\w+", q))


class Match(BaseModel):
    id: int
    number: str | None
    issuer: str | None
    issued_date: str | None
    title: str | None


def search(session: Session, q: str, limit: int = 20, offset: int = 0) -> Page[Match]:
    """The documents whose text holds every word of `q`, best first (a page of them, and how many)."""
    if not re.search(r"\w", q):
        return Page[Match](data=[], count=0)
    if session.get_bind().dialect.name == "sqlite":
        match = (
            "FROM extractions_fts f JOIN documents d ON d.id = f.rowid WHERE extractions_fts MATCH :q",
            "bm25(extractions_fts)",
        )
        params: dict[str, Any] = {"q": _fts5_query(q)}
    else:
        match = (
            "FROM extractions e JOIN documents d ON d.id = e.document_id "
            "WHERE e.search @@ plainto_tsquery('simple', :q)",
            "-ts_rank(e.search, plainto_tsquery('simple', :q))",
        )
        params = {"q": q}
    count = session.scalar(text(f"SELECT count(*) {match[0]}"), params) or 0
    rows = session.execute(
        text(
            f"SELECT d.id, d.number, d.issuer, d.issued_date, d.title {match[0]} "
            f"ORDER BY {match[1]}, d.id LIMIT :limit OFFSET :offset"
        ),
        {**params, "limit": limit, "offset": offset},
    ).all()
    return Page[Match](data=[Match.model_validate(r._mapping) for r in rows], count=count)
