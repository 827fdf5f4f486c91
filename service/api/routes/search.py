"""/api/search: full-text search over the documents held (service.store.search: SQLite FTS5 or
PostgreSQL full text), each hit with the passage where the words occur."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from models.tables import Document, Extraction
from service.api.deps import Reader, SessionDep
from service.api.routes.documents import ERRORS, summaries, summarised
from service.api.schemas import Page, SearchHit

router = APIRouter(prefix="/api", tags=["search"])
_WORD = re.compile(r"\w+")


def snippet(text: str, query: str, width: int = 160) -> str:
    """The passage around the first query word found (as a whole word), query words in [brackets].
    The index may match more loosely (SQLite's tokenizer folds diacritics), then the passage is the start."""
    words = sorted({w.lower() for w in _WORD.findall(query)}, key=len, reverse=True)
    if not words:
        return ""
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - width // 3) if first else 0
    passage = " ".join(text[start : start + width].split())
    marked = pattern.sub(r"[\1]", passage)
    return ("…" if start else "") + marked + ("…" if start + width < len(text) else "")


def hits(session: SessionDep, q: str, limit: int, offset: int) -> tuple[list[SearchHit], int]:
    from service.store.search import search

    found = search(session, q, limit, offset)
    ids = [row["id"] for row in found["data"]]
    if not ids:
        return [], int(found["count"])
    by_id = {s.id: s for s in summaries(session, summarised(Document.id.in_(ids)))}
    texts = dict(
        session.execute(select(Extraction.document_id, Extraction.text).where(Extraction.document_id.in_(ids))).all()
    )
    out = [
        SearchHit(document=by_id[i], snippet=snippet(texts.get(i, ""), q), rank=float(len(ids) - n))
        for n, i in enumerate(ids)
        if i in by_id
    ]
    return out, int(found["count"])


@router.get("/search", response_model=Page[SearchHit], summary="Full-text search", responses=ERRORS)
def search_documents(
    q: Annotated[str, Query(min_length=1, max_length=500, description="words that must all occur")],
    who: Reader,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10**6)] = 0,
) -> Page[SearchHit]:
    """Documents whose text holds every word of `q`, best first, each with the passage where they occur."""
    data, count = hits(session, q, limit, offset)
    return Page[SearchHit](data=data, count=count)
