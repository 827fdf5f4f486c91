"""Putting extraction results into the store and reading records back.

    store_reading(session, result, kept)  -> Outcome   the one way a record enters (service/ingest.py, the
                                                       upload worker), of a file the blob store keeps
    already_read(session, sha, version)   -> Outcome?  the one "nothing to do" rule
    store_result(session, result, data)   -> Outcome   the same for holders of bytes (tests, benchmarks)
    effective_record(session, doc_id)     -> ExtractionRecord   the machine's, clerks' corrections applied
    add_correction(session, doc_id, path, value, author)

Identity: a held document is found by its identity key (number + issuer + year, see extractor.identity);
a placeholder with that identity is promoted in place, so every citation already pointing at it now
points at the real document, and citations to other compatible placeholders are re-resolved.

Derived rows (citations, tasks, task_agencies, targets) are rebuilt from the effective record each
time it changes, so corrections show in every query and re-extraction never loses them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, exists, insert, or_, select
from sqlalchemy.orm import Session

from extractor.bodies import Where, describe
from extractor.identity import ident, issuer_key, number_key, title_key
from graph.deadlines import due_date
from graph.programmes import carried, cited_by_name
from graph.units import successor
from models.record import RELATION_STRENGTH, ExtractionRecord, ExtractionResult, Reference, Task
from models.tables import Citation, Correction, Document, Extraction, File, TargetRow, TaskAgency, TaskRow
from service.errors import Conflict, Invalid
from service.fields import label_of
from service.store import blobs, corrections, names, resolve, search
from service.store.blobs import FileBlobs

# A document promised to an upload that is not read yet: identity "pending:<sha256>", not in the corpus,
# cited by nothing (so no query sees it); store_result fills it in place (see service/ingest.py).
PENDING = "pending:"
LEVEL_RANK = {"national": 5, "ministry": 4, "province": 3, "district": 2, "commune": 1}


class IdentityClash(Conflict):
    """A correction would give a document the identity of another held document."""

    def __init__(self, number: str | None, identity: str) -> None:
        message = f"{number}: another document already has identity {identity}"
        super().__init__(message, f"trùng định danh với một văn bản khác đã có: {message}")


class BadValue(Invalid):
    """A correction whose value does not fit the record (a level that is not one, a list for a text)."""

    def __init__(self, path: str, error: ValidationError) -> None:
        super().__init__(
            f"{path}: the value does not fit the record ({error.error_count()} error(s))",
            f"{label_of(path)}: giá trị không phù hợp với cấu trúc bản ghi",
            errors=[{"loc": list(x["loc"]), "msg": x["msg"]} for x in error.errors()],
        )


@dataclass(frozen=True)
class Outcome:
    status: str  # added | unchanged | reextracted | merged (a placeholder became this) | updated (new file)
    document_id: int
    number: str | None
    sha256: str


def is_pending(doc: Document) -> bool:
    return doc.identity.startswith(PENDING)


@dataclass(frozen=True)
class Kept:
    """A file the blob store keeps, as the source of a record."""

    sha256: str
    size: int
    path: str  # the blob's key (relative path)
    source: str  # the name it came with: a path given to the CLI, an upload's file name
    media_type: str | None = None  # None: the one the intake found


def already_read(session: Session, sha: str, version: str) -> Outcome | None:
    """The one rule for "nothing to do": these bytes are held and their document was read by this
    extractor version. Its outcome ("unchanged"), else None."""
    file = session.get(File, sha)
    if file is None or file.document_id is None:
        return None
    doc = session.get(Document, file.document_id)
    extraction = session.get(Extraction, file.document_id)
    if doc is not None and extraction is not None and extraction.extractor_version == version:
        return Outcome("unchanged", doc.id, doc.number, sha)
    return None


def store_result(
    session: Session,
    result: ExtractionResult,
    data: bytes,
    *,
    data_dir: Path | None = None,
    source: str | None = None,
    sha256: str | None = None,
) -> Outcome:
    """store_reading for a caller holding the bytes of a record made without a file going through
    service/ingest.py (tests, the graph benchmark's generated documents): hashes them, keeps them under
    `data_dir` when given."""
    sha = sha256 or blobs.sha256(data)
    done = already_read(session, sha, result.extractor_version)
    if done is not None:
        return done
    rel = FileBlobs(data_dir).put(data, sha) if data_dir is not None else blobs.relpath(sha)
    return store_reading(session, result, Kept(sha, len(data), rel, source or result.record.source))


def store_reading(session: Session, result: ExtractionResult, kept: Kept) -> Outcome:
    """Store one extraction of a file the blob store keeps: the one way a record enters (`vanban
    ingest`, the upload worker). The same bytes with the same extractor version are a no-op; with
    another version, the machine findings are replaced."""
    sha, source = kept.sha256, kept.source
    done = already_read(session, sha, result.extractor_version)
    if done is not None:
        return done
    file = session.get(File, sha)
    doc = session.get(Document, file.document_id) if file is not None and file.document_id is not None else None
    rel = kept.path
    status = "reextracted" if doc is not None else "added"
    if doc is None:
        hdr = result.record.document
        identity = (
            ident(hdr.number, hdr.issuer, hdr.issued_date, hdr.doc_type, hdr.subject, hdr.province).identity()
            or f"f:{sha}"
        )
        doc = session.scalar(select(Document).where(Document.identity == identity))
        if doc is not None:
            status = "updated" if doc.in_corpus else "merged"
        else:
            doc = Document(identity=identity, in_corpus=True)
            session.add(doc)
            session.flush()
    if file is None:
        media_type = kept.media_type or result.intake.media_type
        file = File(sha256=sha, size=kept.size, media_type=media_type, source=source, path=rel)
        session.add(file)
    file.document_id = doc.id
    session.flush()  # the file row before its extraction (no ORM relationship orders them)
    fresh = status == "added"
    extraction = None if fresh else session.get(Extraction, doc.id)
    values = dict(
        sha256=sha,
        source=source,
        record=result.record.model_dump(mode="json"),
        spans=[s.model_dump(mode="json") for s in result.spans],
        intake=result.intake.model_dump(mode="json"),
        text=result.text,
        extractor_version=result.extractor_version,
    )
    if extraction is None:
        session.add(Extraction(document_id=doc.id, **values))
    else:
        for k, v in values.items():
            setattr(extraction, k, v)
    session.flush()
    # a new document has no corrections yet: its record is the machine's
    record = result.record if fresh else effective_record(session, doc.id)
    reindex(session, doc, record or result.record, sha, fresh=fresh)
    return Outcome(status, doc.id, doc.number, sha)


def _corrections(session: Session, doc_id: int) -> list[tuple[str, Any]]:
    q = (
        select(Correction.path, Correction.value)
        .where(Correction.document_id == doc_id)
        .order_by(Correction.created_at, Correction.id)
    )
    return [(p, v) for p, v in session.execute(q)]


def _effective_json(session: Session, extraction: Extraction) -> dict[str, Any]:
    # corrections name JSON paths ("tasks[3].lead"), so they apply to the record as JSON
    return corrections.apply(extraction.record, _corrections(session, extraction.document_id))


def effective_record(session: Session, doc_id: int) -> ExtractionRecord | None:
    """The record as people should see it: the machine's, with corrections applied in order."""
    extraction = session.get(Extraction, doc_id)
    if extraction is None:
        return None
    return ExtractionRecord.model_validate(_effective_json(session, extraction))


def add_correction(session: Session, doc_id: int, path: str, value: Any, author: str) -> Correction:
    """Record a person's value for one field and rebuild what depends on it. Raises BadPath for a path
    that names no field, WrongType for a value not of the field's type (the value is stored as its type:
    "15/5/2017" as "2017-05-15"), BadValue for a value that does not fit the record, IdentityClash for a header that
    would make the document another held one."""
    extraction = session.get(Extraction, doc_id)
    doc = session.get(Document, doc_id)
    if extraction is None or doc is None:
        raise LookupError(f"document {doc_id} is not in the corpus")
    value = corrections.coerce(path, value)  # WrongType for a value not of the field's type
    current = _effective_json(session, extraction)
    try:
        corrected = ExtractionRecord.model_validate(corrections.apply(current, [(path, value)], strict=True))
    except ValidationError as e:
        raise BadValue(path, e) from None
    row = Correction(document_id=doc_id, path=path, value=value, author=author)
    session.add(row)
    session.flush()
    reindex(session, doc, effective_record(session, doc_id) or corrected, extraction.sha256)
    return row


# --- derived rows -----------------------------------------------------------------------------------


def _set_header(session: Session, doc: Document, record: ExtractionRecord, sha: str) -> None:
    hdr = record.document
    c = ident(hdr.number, hdr.issuer, hdr.issued_date, hdr.doc_type, hdr.subject, hdr.province)
    identity = c.identity() or f"f:{sha}"
    if identity != doc.identity:
        clash = session.scalar(select(Document).where(Document.identity == identity))
        if clash is not None and clash.id != doc.id:
            if clash.in_corpus:
                raise IdentityClash(hdr.number, identity)
            _merge_into(session, clash, doc)
        doc.identity = identity
    doc.in_corpus = True
    doc.number = hdr.number
    doc.number_key, doc.loose_key, doc.issuer_key = c.number_key, c.loose_key, c.issuer_key
    doc.doc_type, doc.type_key = hdr.doc_type, c.type_key
    doc.issuer = hdr.issuer
    doc.level, doc.province, doc.district = hdr.level, hdr.province, hdr.district
    doc.successor = successor(doc.province)
    doc.issued_date, doc.year = hdr.issued_date, c.year
    doc.title, doc.title_key = hdr.subject, c.title_key


def _merge_into(session: Session, placeholder: Document, doc: Document) -> None:
    """Every citation of `placeholder` now points at `doc`; the placeholder goes."""
    for cit in session.scalars(select(Citation).where(Citation.dst_id == placeholder.id)):
        cit.dst_id = doc.id
    session.flush()
    session.execute(delete(Citation).where(Citation.src_id == doc.id, Citation.dst_id == doc.id))
    session.delete(placeholder)
    session.flush()


def _titles_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 20 and short in long_


def lineage_relation(printed: str, citing: Document, cited: Document, cite_title: str | None) -> str:
    """The relation the lineage follows. A plain "cites" from a lower body whose subject is the cited
    document's title ("V/v Hỗ trợ người có công ... về nhà ở" citing QĐ 22/2013 "về hỗ trợ người có công
    ... về nhà ở") is carrying it out, so it counts as "implements"."""
    if printed != "cites":
        return printed
    if LEVEL_RANK.get(cited.level or "", 0) <= LEVEL_RANK.get(citing.level or "", 0):
        return printed
    subject = title_key(citing.title)
    if _titles_match(subject, title_key(cite_title)) or _titles_match(subject, title_key(cited.title)):
        return "implements"
    return printed


def reindex(session: Session, doc: Document, record: ExtractionRecord, sha: str, *, fresh: bool = False) -> None:
    """Rebuild the document's header columns, citations, tasks, agencies and targets from `record`.
    `fresh`: the document row was just created, so it has no derived rows to delete yet."""
    _set_header(session, doc, record, sha)
    session.flush()
    extraction = session.get(Extraction, doc.id)
    if extraction is not None:  # search reads the corrected number and trích yếu
        search.index(session, doc.id, doc.number, doc.title, extraction.text)
    names.register_own(session, doc)
    where = Where(doc.level, doc.province, doc.district)
    old_dsts: set[int] = set()
    if not fresh:
        old_dsts = set(session.scalars(select(Citation.dst_id).where(Citation.src_id == doc.id)))
        session.execute(delete(Citation).where(Citation.src_id == doc.id))
        names.forget_learned(session, doc)
        session.execute(delete(TaskAgency).where(TaskAgency.document_id == doc.id))
        session.execute(delete(TaskRow).where(TaskRow.document_id == doc.id))
        session.execute(delete(TargetRow).where(TargetRow.document_id == doc.id))
    _insert_tasks(session, doc, record.tasks, where)
    targets = [
        dict(
            document_id=doc.id,
            position=i,
            label=t.label,
            text=t.text,
            value=float(t.value),
            value_max=t.value_max,
            unit=t.unit,
            subject=t.subject,
            year=t.year,
        )
        for i, t in enumerate(record.targets)
    ]
    if targets:
        session.execute(insert(TargetRow), targets)
    seen: set[int] = set()
    learned: list[Document] = []
    for i, ref in enumerate(record.references):
        if _cite_by_name(session, doc, i, ref, seen):
            continue
        c = ident(
            ref.number,
            ref.issuer,
            ref.issued_date,
            ref.doc_type,
            ref.title,
            doc.province,  # a local issuer named without its province is in the citing document's
        )
        if not c.identity():
            continue
        dst = resolve.find(session, c, doc)
        if dst is None:
            if c.identity() == doc.identity:
                continue  # the document citing itself
            dst = resolve.placeholder(
                session,
                c,
                number=ref.number,
                doc_type=ref.doc_type,
                issuer=ref.issuer,
                issued_date=ref.issued_date,
                title=ref.title,
            )
        resolve.enrich(dst, doc_type=ref.doc_type, issued_date=ref.issued_date, title=ref.title)
        if dst.id == doc.id:
            continue
        if names.learn(session, dst, ref.doc_type, ref.title, doc):
            learned.append(dst)
        printed: str = ref.relation
        if dst.id in seen:
            # two spellings of one document ("98/2013/TT-BXD" mistyped, "98/2013/TT-BTC"): strongest wins
            _strengthen(session, doc.id, dst.id, printed)
            continue
        seen.add(dst.id)
        session.add(
            Citation(
                src_id=doc.id,
                dst_id=dst.id,
                relation=lineage_relation(printed, doc, dst, ref.title),
                printed_relation=printed,
                position=i,
                number=ref.number,
                doc_type=ref.doc_type,
                issuer=ref.issuer,
                issued_date=ref.issued_date,
                title=ref.title,
            )
        )
    _carry_by_subject(session, doc, seen)
    session.flush()
    promote_placeholders(session, doc)
    stand_ins: set[int] = set()
    for named in [doc, *learned]:
        stand_ins |= names.promote(session, named)
    drop_orphans(session, (old_dsts - seen) | stand_ins)


def _name_citation(
    doc: Document, dst: Document, position: int, relation: str, ref: Reference, matched: str
) -> Citation:
    return Citation(
        src_id=doc.id,
        dst_id=dst.id,
        relation=relation,
        printed_relation=relation,
        position=position,
        number=None,
        doc_type=ref.doc_type,
        issuer=ref.issuer,
        issued_date=ref.issued_date,
        title=ref.title,
        resolved_by="name",
        matched_name=matched,
    )


def _cite_by_name(session: Session, doc: Document, position: int, ref: Reference, seen: set[int]) -> bool:
    """An unnumbered reference naming a programme ("Đề án “X”") goes to the document known by that name,
    or to a placeholder standing for the name. False: not such a reference (resolved by identity)."""
    if ref.number:
        return False
    mention = cited_by_name(ref.doc_type, ref.title)
    if mention is None:
        return False
    found = names.find(session, mention, doc)
    dst, known_as = found if found else (names.placeholder_for(session, mention), mention.name)
    if dst.id == doc.id:
        return True
    printed: str = ref.relation
    if dst.id in seen:
        _strengthen(session, doc.id, dst.id, printed)
        return True
    seen.add(dst.id)
    session.add(_name_citation(doc, dst, position, printed, ref, names.label(mention.kind, known_as)))
    return True


def _carry_by_subject(session: Session, doc: Document, seen: set[int]) -> None:
    """A trích yếu "V/v thực hiện Đề án “X”" links the document to the programme it carries out (position
    -1: the link comes from the subject, not from a reference)."""
    for mention in carried(doc.title):
        found = names.find(session, mention, doc)
        dst, known_as = found if found else (names.placeholder_for(session, mention), mention.name)
        if dst.id == doc.id:
            continue
        if dst.id in seen:  # cited by number too: the trích yếu says it is carried out, not just cited
            session.flush()
            cit = session.scalar(select(Citation).where(Citation.src_id == doc.id, Citation.dst_id == dst.id))
            if cit is not None and RELATION_STRENGTH.get(cit.relation, 0) < RELATION_STRENGTH["implements"]:
                cit.relation = "implements"
                cit.matched_name = names.label(mention.kind, known_as)
            continue
        seen.add(dst.id)
        ref = Reference(doc_type=mention.kind[:1].upper() + mention.kind[1:], title=doc.title)
        session.add(_name_citation(doc, dst, -1, "implements", ref, names.label(mention.kind, known_as)))


def _strengthen(session: Session, src_id: int, dst_id: int, printed: str) -> None:
    session.flush()
    cit = session.scalar(select(Citation).where(Citation.src_id == src_id, Citation.dst_id == dst_id))
    if cit is not None and RELATION_STRENGTH[printed] > RELATION_STRENGTH[cit.printed_relation]:
        cit.printed_relation = printed
        if RELATION_STRENGTH[printed] > RELATION_STRENGTH.get(cit.relation, 0):
            cit.relation = printed


def _insert_tasks(session: Session, doc: Document, tasks: list[Task], where: Where) -> None:
    if not tasks:
        return
    rows = [
        dict(
            document_id=doc.id,
            position=i,
            label=t.label,
            text=t.text,
            deadline=t.deadline,
            due_date=due_date(t.deadline),
        )
        for i, t in enumerate(tasks)
    ]
    ids = session.scalars(insert(TaskRow).returning(TaskRow.id, sort_by_parameter_order=True), rows).all()
    agencies = []
    for task_id, t in zip(ids, tasks, strict=True):
        for role in ("lead", "support"):
            for name in getattr(t, role):
                body = describe(name, where)
                agencies.append(
                    dict(
                        task_id=task_id,
                        document_id=doc.id,
                        role=role,
                        name=name,
                        canonical=body.canonical,
                        body_key=body.key,
                        level=body.level,
                        province=body.province,
                        district=body.district,
                        successor=successor(body.province),
                    )
                )
    if agencies:
        session.execute(insert(TaskAgency), agencies)


def promote_placeholders(session: Session, doc: Document) -> None:
    """Citations that went to a placeholder because `doc` was not here yet now go to `doc`."""
    if doc.number_key:
        # placeholders of the same issuer or of none: "1/KH-UBND" of another district is not this one
        same_issuer = or_(Document.issuer_key == doc.issuer_key, Document.issuer_key.is_(None))
        cond = or_(
            (Document.number_key == doc.number_key) & same_issuer,
            (Document.loose_key == doc.loose_key) & (Document.issuer_key == doc.issuer_key)
            if doc.loose_key
            else Document.id == -1,
        )
    elif doc.type_key and doc.issued_date:
        cond = (Document.type_key == doc.type_key) & (Document.issued_date == doc.issued_date)
    else:
        return
    placeholders = session.scalars(select(Document).where(cond, Document.in_corpus.is_(False))).all()
    touched: set[int] = set()
    for ph in placeholders:
        for cit in session.scalars(select(Citation).where(Citation.dst_id == ph.id)).all():
            src = session.get(Document, cit.src_id)
            c = ident(cit.number, cit.issuer, cit.issued_date, cit.doc_type, cit.title, src.province if src else None)
            new = resolve.find(session, c, src)
            if new is not None and new.id != ph.id:
                duplicate = session.scalar(
                    select(Citation.id).where(Citation.src_id == cit.src_id, Citation.dst_id == new.id)
                )
                if duplicate or new.id == cit.src_id:
                    session.delete(cit)
                else:
                    cit.dst_id = new.id
                    if src is not None:
                        cit.relation = lineage_relation(cit.printed_relation, src, new, cit.title)
                touched.add(ph.id)
    session.flush()
    drop_orphans(session, touched)


def drop_orphans(session: Session, ids: set[int]) -> None:
    """Placeholders no document cites any more are not part of the graph."""
    if not ids:
        return
    cited = exists().where(Citation.dst_id == Document.id)
    session.execute(
        delete(Document)
        .where(Document.id.in_(ids), Document.in_corpus.is_(False), ~cited)
        .execution_options(synchronize_session=False)
    )


# --- reading ----------------------------------------------------------------------------------------


def find_documents(session: Session, number: str, issuer: str | None = None) -> list[Document]:
    """Documents (held first) whose number is `number` in any spelling; of `issuer` when given."""
    key = number_key(number)
    if key is None:
        return []
    q = select(Document).where(Document.number_key == key)
    if issuer:
        key = issuer_key(issuer) or ""
        q = q.where(or_(Document.issuer_key == key, Document.issuer_key.like(key + "|%")))
    docs = session.scalars(q).all()
    return sorted(docs, key=lambda d: (not d.in_corpus, d.id))
