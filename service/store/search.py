"""Full-text search over held documents (for /api/search, the web UI's search and `vanban search`).

Each held document has a `search_docs` row (index(), called whenever its record is stored or
corrected): its number, trích yếu and body without quốc hiệu, tiêu ngữ, "Nơi nhận" and signature
(service/store/search_text.py), as written and folded. SQLite searches it with FTS5 (`search_fts`,
bm25), PostgreSQL with a weighted tsvector (ts_rank); both made by migration 0004.

Every word group of the query must occur in the folded columns (so "xa hoi hoc tap" finds "xã hội học
tập", and "QD-TTg" finds "QĐ-TTg"); a group written with joiners ("89/QĐ-TTg") must occur as a phrase.
Ranking: the number and the trích yếu above the body, spellings as typed (with their diacritics) above
folded ones.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import Float, Integer, delete, insert, select, text
from sqlalchemy.orm import Session

from graph.shapes import Page
from models.tables import Document, SearchDoc
from service.store.search_text import index_row, terms

# bm25 weights of search_fts's columns in order: number_f, title_f, body_f, title_w, body_w
_BM25 = "bm25(search_fts, 10.0, 5.0, 1.0, 2.0, 0.5)"
# Documents whose own number holds the query ("QD-TTg", "89/QĐ-TTg") come first, whatever the text says.
_OWN_NUMBER = 1000


class Match(BaseModel):
    id: int
    number: str | None
    issuer: str | None
    issued_date: str | None
    title: str | None
    score: float  # higher is better


def index(session: Session, doc_id: int, number: str | None, title: str | None, body: str | None) -> None:
    """(Re)write the document's search row from its number, trích yếu and normalised text."""
    session.execute(delete(SearchDoc).where(SearchDoc.document_id == doc_id))
    session.execute(insert(SearchDoc).values(document_id=doc_id, **index_row(number, title, body)))


def _fts5(groups: list[list[str]], columns: str) -> str:
    # every word quoted: FTS5 syntax characters in user input ("-", ":", "/") must not be operators
    phrase = " AND ".join('"' + " ".join(g) + '"' for g in groups)
    return f"{{{columns}}} : ({phrase})"


def _tsquery(groups: list[list[str]]) -> str:
    # words are \w+ only (no quote, no operator), quoted anyway; a group is a phrase (<->)
    return " & ".join("(" + " <-> ".join(f"'{w}'" for w in g) + ")" for g in groups)


def hits(session: Session, q: str) -> Any | None:
    """A subquery of (id, score) for the documents matching `q` (lower score is better), or None when
    the query has no word.

    What must match: every word group, folded. What ranks higher (each only narrows that match, so the
    documents found stay the same): the groups as typed (with diacritics), and all the words as one
    phrase (as typed, and folded). bm25's idf alone cannot rank on a small corpus, where "xa" and
    "hoi" are in most documents: the phrase is what tells "xã hội học tập" apart."""
    groups = terms(q)
    if not groups:
        return None
    exact = terms(q, fold=False)
    phrases = [[[w for g in groups for w in g]], [[w for g in exact for w in g]]] if len(groups) > 1 else []
    if session.get_bind().dialect.name == "sqlite":
        ranked = [_fts5(groups, "number_f title_f body_f")]
        if exact != groups:
            ranked.append(_fts5(exact, "title_w body_w"))
        if phrases:
            ranked += [_fts5(phrases[0], "title_f body_f"), _fts5(phrases[1], "title_w body_w")]
        match = " OR ".join(f"({m})" for m in dict.fromkeys(ranked))
        own = "SELECT rowid FROM search_fts WHERE search_fts MATCH :n"
        sql = text(
            f"SELECT rowid AS id, {_BM25} - CASE WHEN rowid IN ({own}) THEN {_OWN_NUMBER} ELSE 0 END AS score "
            "FROM search_fts WHERE search_fts MATCH :q"
        )
        return sql.bindparams(q=match, n=_fts5(groups, "number_f")).columns(id=Integer, score=Float).subquery("hits")
    rank = " || ".join(f"to_tsquery('simple', :q{i})" for i in range(2 + len(phrases)))
    sql = text(
        f"SELECT document_id AS id, -ts_rank(search, {rank}, 1) - CASE WHEN to_tsvector('simple', number_f) "
        f"@@ to_tsquery('simple', :q0) THEN {_OWN_NUMBER} ELSE 0 END AS score "
        "FROM search_docs WHERE search @@ to_tsquery('simple', :q0)"
    )
    params = {f"q{i}": _tsquery(g) for i, g in enumerate([groups, exact, *phrases])}
    return sql.bindparams(**params).columns(id=Integer, score=Float).subquery("hits")


def search(
    session: Session, q: str, limit: int = 20, offset: int = 0, conditions: list[Any] | None = None
) -> Page[Match]:
    """The documents whose text holds every word of `q` (and meet `conditions` on Document), best first."""
    found = hits(session, q)
    if found is None:
        return Page[Match](data=[], count=0)
    query = (
        select(Document.id, Document.number, Document.issuer, Document.issued_date, Document.title, found.c.score)
        .join(found, found.c.id == Document.id)
        .where(*(conditions or []))
    )
    count = session.scalar(select(text("count(*)")).select_from(query.subquery())) or 0
    rows = session.execute(query.order_by(found.c.score, Document.id).limit(limit).offset(offset)).all()
    return Page[Match](data=[Match.model_validate({**r._mapping, "score": -float(r.score)}) for r in rows], count=count)
