"""Full-text search over the documents held (service/store/search.py: SQLite FTS5 or PostgreSQL full
text), each hit with its summary and the passage where the words occur."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from graph.shapes import Page
from models.tables import Extraction
from service.store import search as full_text
from service.store.queries.documents import summaries
from service.store.queries.lists import Paging
from service.store.shapes import SearchHit

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


def search(session: Session, q: str, paging: Paging = Paging(20)) -> Page[SearchHit]:
    """Documents whose text holds every word of `q`, best first."""
    found = full_text.search(session, q, paging.limit or 20, paging.offset)
    ids = [m.id for m in found.data]
    if not ids:
        return Page[SearchHit](data=[], count=found.count)
    by_id = summaries(session, ids)
    texts = {
        doc_id: text
        for doc_id, text in session.execute(
            select(Extraction.document_id, Extraction.text).where(Extraction.document_id.in_(ids))
        )
    }
    hits = [
        SearchHit(document=by_id[i], snippet=snippet(texts.get(i, ""), q), rank=float(len(ids) - n))
        for n, i in enumerate(ids)
        if i in by_id
    ]
    return Page[SearchHit](data=hits, count=found.count)
