"""Which document node a citation points at: a held document, an existing placeholder, or a new one.

Rules, in order (extractor.identity defines the keys and when two are compatible):
1. A numbered citation with an issuer goes to the document with that number key and issuer (held
   documents before placeholders, same year before unknown year). "674/UBND-VX" of Quảng Bình and of
   Gia Lai are different documents: the extractor localises the issuer with the citing document's
   jurisdiction, so "UBND tỉnh" in a Gia Lai letter is Gia Lai's.
2. If none has that issuer: a held document with that number whose issuer is unknown, if exactly one;
   then a held document with the same number, year and type code and the same issuer, if exactly one
   ("Thông tư số 98/2013/TT-BXD ... của Bộ Tài chính" is 98/2013/TT-BTC mistyped).
3. A numbered citation without an issuer goes to the held document with that number if exactly one
   (or exactly one in the citing document's province); otherwise to a placeholder keyed by the number
   alone: guessing a province would merge documents that are not the same.
4. An unnumbered citation (a Luật by name and date) goes to the document of that type and date.
Anything else becomes a new placeholder, merged later when the real document arrives
(see repository.promote_placeholders).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractor.bodies import describe
from extractor.identity import Ident, compatible
from graph.units import successor
from models.tables import Document


def ident_of(doc: Document) -> Ident:
    return Ident(
        number_key=doc.number_key,
        loose_key=doc.loose_key,
        issuer_key=doc.issuer_key,
        year=doc.year,
        type_key=doc.type_key,
        issued_date=doc.issued_date,
        title_key=doc.title_key,
    )


def _rank(doc: Document, c: Ident) -> tuple[int, int, int]:
    return (0 if doc.in_corpus else 1, 0 if c.year and doc.year == c.year else 1, doc.id)


def _candidates(session: Session, c: Ident, *conds: Any, limit: int | None = None) -> list[Document]:
    """Documents compatible with the citation, narrowed in SQL first: a number like "1/KH-UBND" is
    shared by thousands of issuers, so the issuer (or in_corpus, province) goes into the query."""
    if c.number_key:
        q = select(Document).where(Document.number_key == c.number_key, *conds)
    else:
        q = select(Document).where(Document.type_key == c.type_key, *conds)
        if c.issued_date:
            q = q.where(Document.issued_date == c.issued_date)
    if limit:
        q = q.order_by(Document.id).limit(limit)
    return [d for d in session.scalars(q) if compatible(ident_of(d), c)]


def find(session: Session, c: Ident, citing: Document | None) -> Document | None:
    """The existing node a citation refers to, or None (a new placeholder is needed)."""
    if not c.identity():
        return None

    def cands(*conds: Any, limit: int | None = None) -> list[Document]:
        return [d for d in _candidates(session, c, *conds, limit=limit) if citing is None or d.id != citing.id]

    if not c.number_key:
        found = cands()
        return min(found, key=lambda d: _rank(d, c)) if found else None
    if c.issuer_key:
        same = cands(Document.issuer_key == c.issuer_key)
        if same:
            return min(same, key=lambda d: _rank(d, c))
        unknown = cands(Document.issuer_key.is_(None), Document.in_corpus.is_(True), limit=3)
        if len(unknown) == 1:
            return unknown[0]
        if c.loose_key and c.year:
            q = select(Document).where(
                Document.loose_key == c.loose_key,
                Document.issuer_key == c.issuer_key,
                Document.in_corpus.is_(True),
                Document.year == c.year,
            )
            loose = [d for d in session.scalars(q) if citing is None or d.id != citing.id]
            if len(loose) == 1:
                return loose[0]
        return None
    held = cands(Document.in_corpus.is_(True), limit=3)
    if len(held) > 1 and citing is not None and citing.province:
        held = cands(Document.in_corpus.is_(True), Document.province == citing.province, limit=3)
    if len(held) == 1:
        return held[0]
    if len(held) > 1:
        return None  # ambiguous: a placeholder keyed by the number alone
    anonymous = cands(Document.issuer_key.is_(None))
    return min(anonymous, key=lambda d: _rank(d, c)) if anonymous else None


def placeholder(
    session: Session,
    c: Ident,
    *,
    number: str | None,
    doc_type: str | None,
    issuer: str | None,
    issued_date: str | None,
    title: str | None,
) -> Document:
    """The placeholder node for a citation (created if new)."""
    identity = c.identity()
    assert identity is not None
    existing = session.scalar(select(Document).where(Document.identity == identity))
    if existing is not None:
        return existing
    body = describe(issuer) if issuer else None
    doc = Document(
        identity=identity,
        in_corpus=False,
        number=number,
        number_key=c.number_key,
        loose_key=c.loose_key,
        doc_type=doc_type,
        type_key=c.type_key,
        issuer=body.canonical if body else None,
        issuer_key=c.issuer_key,
        level=body.level if body and body.level != "local" else None,
        province=body.province if body else None,
        district=body.district if body else None,
        issued_date=issued_date,
        year=c.year,
        title=title,
        title_key=c.title_key,
    )
    doc.successor = successor(doc.province)
    session.add(doc)
    session.flush()
    return doc


def enrich(doc: Document, *, doc_type: str | None, issued_date: str | None, title: str | None) -> None:
    """Fill what a placeholder lacks from a later, fuller citation (never its identity fields)."""
    if doc.in_corpus:
        return
    if not doc.doc_type and doc_type:
        doc.doc_type = doc_type
    if not doc.issued_date and issued_date and (not doc.year or issued_date.startswith(str(doc.year))):
        doc.issued_date = issued_date
    if not doc.title and title:
        doc.title = title
