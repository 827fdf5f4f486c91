"""Full-text search over the documents held (service/store/search.py: SQLite FTS5 or PostgreSQL full
text), filtered as document lists are, each hit with its summary and the passage where the words occur:
as plain text with the offsets of the matches (for the API), and as HTML with <mark> (for the UI)."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from graph.shapes import Page
from models.tables import Extraction
from service.store import search as full_text
from service.store.queries.documents import DocumentFilter, _conditions, summaries
from service.store.queries.lists import Paging
from service.store.search_text import content, loose, terms
from service.store.shapes import SearchHit, Snippet, TextRange


def _group_pattern(group: list[str]) -> re.Pattern[str]:
    # the words of a group in a row, with any diacritics and case, anything but letters and digits
    # between them ("QĐ-TTg", "qđ ttg"), whole words only
    return re.compile(r"(?<![^\W_])" + r"[\W_]+".join(loose(w) for w in group) + r"(?![^\W_])")


# A passage is looked for in the first 200,000 characters of a document (a 5 MB one would cost ~0.2 s a
# hit); the same documents come back page after page, query after query: the last 64 are kept (at most
# ~50 MB of text, typically well under 5 MB).
SNIPPET_SOURCE_CHARS = 200_000


@lru_cache(maxsize=64)
def _content(text: str) -> str:
    return content(text)


def _cut(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) moved out to whitespace, so no syllable is cut ("giai đ…")."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def snippet(text: str, query: str, width: int = 200) -> Snippet:
    """The passage of `text` (the document without its fixed lines) where the query's words occur, whole
    words only, with and without diacritics: plain text, the offsets of the matches in it, and HTML
    with <mark> around them (the text escaped)."""
    body = _content(text[:SNIPPET_SOURCE_CHARS])
    groups = terms(query)
    if not groups:
        return Snippet(text="", matches=[], html="")
    patterns = [_group_pattern(g) for g in groups]
    # the whole query as one phrase first, else the first place of the longest word group found (long
    # words are rare ones: where the passage says most)
    whole = _group_pattern([w for g in groups for w in g]).search(body) if len(groups) > 1 else None
    found = [(-sum(map(len, g)), m.start(), m) for g, p in zip(groups, patterns, strict=True) if (m := p.search(body))]
    first = whole or (min(found, key=lambda x: x[:2])[2] if found else None)
    at = first.start() if first else 0
    start, end = _cut(body, max(0, at - width // 3), min(len(body), max(0, at - width // 3) + width))
    passage = " ".join(body[start:end].split())
    plain = ("…" if start > 0 else "") + passage + ("…" if end < len(body) else "")
    spans = sorted({(m.start(), m.end()) for p in patterns for m in p.finditer(plain)})
    matches: list[TextRange] = []
    for s, e in spans:  # overlapping ones, and ones only spaces apart, as one ("xã hội học tập")
        if matches and (s <= matches[-1].end or plain[matches[-1].end : s].isspace()):
            matches[-1] = TextRange(start=matches[-1].start, end=max(e, matches[-1].end))
        else:
            matches.append(TextRange(start=s, end=e))
    html, pos = [], 0
    for r in matches:
        html.append(escape(plain[pos : r.start]) + "<mark>" + escape(plain[r.start : r.end]) + "</mark>")
        pos = r.end
    html.append(escape(plain[pos:]))
    return Snippet(text=plain, matches=matches, html="".join(html))


def search(session: Session, q: str, paging: Paging = Paging(20), f: DocumentFilter | None = None) -> Page[SearchHit]:
    """Documents whose text holds every word of `q` (and pass the filter), best first."""
    conditions = _conditions(f or DocumentFilter())
    found = full_text.search(session, q, paging.limit or 20, paging.offset, conditions)
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
    hits = []
    for m in found.data:
        if m.id not in by_id:
            continue
        s = snippet(texts.get(m.id, ""), q)
        hits.append(
            SearchHit(document=by_id[m.id], snippet=s.text, matches=s.matches, snippet_html=s.html, rank=m.score)
        )
    return Page[SearchHit](data=hits, count=found.count)
