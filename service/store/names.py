"""Links by name: a document known by the programme it approves, and citations that name it.

graph.programmes reads the names; this module keeps them in `programme_names` and resolves by them:

- a document is known by the names its trích yếu approves ("phê duyệt Đề án “X”", "ban hành Kế hoạch
  …"), rebuilt with the document (`register_own`);
- a placeholder learns a name from a citation that gives number and title together ("Quyết định số
  89/QĐ-TTg … phê duyệt Đề án “X”"), rebuilt with the citing document (`learn`);
- a citation by name ("Đề án “X”" without a number) and a trích yếu that carries a programme out ("V/v
  thực hiện Đề án “X”") resolve to the document known by that name (`find`), held or placeholder; when
  none is known yet, a placeholder stands for the name (`placeholder_for`) until a document that owns
  it arrives or is learned about (`promote`), and its citations move there.

A local programme (approved by a province's or district's body) answers only to citations from its
own province: "Kế hoạch “Xây dựng xã hội học tập …”" in Vĩnh Long is Vĩnh Long's plan, not Quảng Bình's.
"""

from __future__ import annotations

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from extractor.identity import ident
from graph.programmes import Mention, own_names
from models.tables import Citation, Document, ProgrammeName
from service.store import resolve

_LOCAL = ("province", "district", "commune")


def _scope(doc: Document) -> str | None:
    """The province a programme of `doc` is scoped to; None for a national or ministry programme."""
    return doc.province if (doc.level in _LOCAL and doc.province) else None


def _add(session: Session, doc: Document, m: Mention, source: str, citing: Document | None = None) -> None:
    exists = session.scalar(
        select(ProgrammeName.id).where(
            ProgrammeName.document_id == doc.id,
            ProgrammeName.kind == m.kind,
            ProgrammeName.name_key == m.key,
            ProgrammeName.source == source,
            ProgrammeName.citing_id.is_(None) if citing is None else ProgrammeName.citing_id == citing.id,
        )
    )
    if exists is None:
        session.add(
            ProgrammeName(
                document_id=doc.id,
                kind=m.kind,
                name_key=m.key[:512],
                name=m.name,
                province=_scope(doc),
                source=source,
                citing_id=citing.id if citing is not None else None,
            )
        )


def register_own(session: Session, doc: Document) -> list[Mention]:
    """The names `doc` is known by from its own type and trích yếu (replacing the old ones)."""
    session.execute(delete(ProgrammeName).where(ProgrammeName.document_id == doc.id, ProgrammeName.source == "subject"))
    names = own_names(doc.doc_type, doc.title)
    for m in names:
        _add(session, doc, m, "subject")
    return names


def forget_learned(session: Session, citing: Document) -> None:
    """Names `citing`'s citations taught other documents (rebuilt when its citations are)."""
    session.execute(delete(ProgrammeName).where(ProgrammeName.citing_id == citing.id))


def learn(session: Session, dst: Document, doc_type: str | None, title: str | None, citing: Document) -> bool:
    """A cited document not held learns the names a citation's title gives it ("… phê duyệt Đề án “X”")."""
    if dst.in_corpus or not title:
        return False
    names = own_names(doc_type, title)
    for m in names:
        _add(session, dst, m, "citation", citing)
    return bool(names)


def find(session: Session, m: Mention, citing: Document) -> tuple[Document, str] | None:
    """The document known by the programme `m` names, as seen from `citing`, and the name it is known by.
    Held documents before placeholders; the citing province's own programme before a national one; a
    placeholder made for the bare name last."""
    rows = session.execute(
        select(ProgrammeName, Document)
        .join(Document, Document.id == ProgrammeName.document_id)
        .where(
            ProgrammeName.kind == m.kind,
            ProgrammeName.name_key == m.key[:512],
            or_(ProgrammeName.province.is_(None), ProgrammeName.province == citing.province),
            Document.id != citing.id,
        )
    ).all()
    if not rows:
        return None

    def rank(row: tuple[ProgrammeName, Document]) -> tuple[int, int, int, int]:
        name, doc = row
        return (
            1 if name.source == "placeholder" else 0,
            0 if doc.in_corpus else 1,
            0 if name.province and name.province == citing.province else 1,
            doc.id,
        )

    name, doc = min(rows, key=rank)
    return doc, name.name


def placeholder_for(session: Session, m: Mention) -> Document:
    """The placeholder that stands for a name nobody is known by yet (made once per kind and name)."""
    c = ident(None, None, None, m.kind.capitalize(), m.name)
    doc = resolve.placeholder(
        session, c, number=None, doc_type=m.kind[:1].upper() + m.kind[1:], issuer=None, issued_date=None, title=m.name
    )
    _add(session, doc, m, "placeholder")
    return doc


def promote(session: Session, doc: Document) -> set[int]:
    """Citations that went to a placeholder standing for one of `doc`'s names now go to `doc`, marked as
    resolved by that name. Returns the placeholders left behind (for drop_orphans)."""
    names = session.scalars(
        select(ProgrammeName).where(ProgrammeName.document_id == doc.id, ProgrammeName.source != "placeholder")
    ).all()
    touched: set[int] = set()
    for n in names:
        stand_ins = session.execute(
            select(ProgrammeName.document_id)
            .join(Document, Document.id == ProgrammeName.document_id)
            .where(
                ProgrammeName.kind == n.kind,
                ProgrammeName.name_key == n.name_key,
                ProgrammeName.source == "placeholder",
                Document.in_corpus.is_(False),
                Document.number_key.is_(None),
                Document.id != doc.id,
            )
        ).all()
        for (ph_id,) in stand_ins:
            for cit in session.scalars(select(Citation).where(Citation.dst_id == ph_id)).all():
                src = session.get(Document, cit.src_id)
                if n.province and (src is None or src.province != n.province):
                    continue  # a local programme answers only to its own province
                duplicate = session.scalar(
                    select(Citation.id).where(Citation.src_id == cit.src_id, Citation.dst_id == doc.id)
                )
                if duplicate or cit.src_id == doc.id:
                    session.delete(cit)
                else:
                    cit.dst_id = doc.id
                    cit.resolved_by = "name"
                    cit.matched_name = f"{n.kind[:1].upper()}{n.kind[1:]} “{n.name}”"
            touched.add(ph_id)
    session.flush()
    return touched


def label(kind: str, name: str) -> str:
    """Đề án “Xây dựng xã hội học tập giai đoạn 2012 - 2020”."""
    return f"{kind[:1].upper()}{kind[1:]} “{name}”"
