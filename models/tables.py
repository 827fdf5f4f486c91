"""Database tables of the corpus store (SQLAlchemy 2, declarative).

One row per document node in `documents`: a document we hold (in_corpus) or one known only because
another cites it (a placeholder). What the extractor produced for a held document sits in
`extractions` (record, spans, normalised text, extractor version), its original bytes in `files`
(content-addressed by sha256; the bytes live on disk, see service/store/blobs.py). Clerks'
corrections live apart in `corrections` and are applied on read, so re-extraction never loses them.

`citations`, `tasks`, `task_agencies` and `targets` are derived from the effective record (machine
output with corrections applied) and rebuilt whenever it changes: they exist so that lineage, duties
and gaps are SQL queries over indexes rather than scans of JSON.

Nothing here imports our code except models.record (layering: models/ is the bottom).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so Alembic migrations are identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Lineage runs along these relations; a plain "cites" is a mention, not a line of descent.
LINEAGE_RELATIONS = ("implements", "based_on", "promulgated_by")


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Document(Base):
    """A node of the citation graph: a held document or a placeholder known from citations."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "n:98/2013/tt-btc|bộ tài chính|2013" (number, issuer, year), "t:luật|2003-11-26|tổ chức ..." (type,
    # date, title) or "f:<sha256>" for a held document with neither (a draft without number or date).
    identity: Mapped[str] = mapped_column(String(512), unique=True)
    in_corpus: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    number: Mapped[str | None] = mapped_column(String(128))
    number_key: Mapped[str | None] = mapped_column(String(128), index=True)  # extractor.symbols.key
    loose_key: Mapped[str | None] = mapped_column(String(64), index=True)  # "98/2013/tt": typo-tolerant
    doc_type: Mapped[str | None] = mapped_column(String(64))
    type_key: Mapped[str | None] = mapped_column(String(64))
    issuer: Mapped[str | None] = mapped_column(String(256))
    issuer_key: Mapped[str | None] = mapped_column(String(256))
    level: Mapped[str | None] = mapped_column(String(16))
    province: Mapped[str | None] = mapped_column(String(64), index=True)
    district: Mapped[str | None] = mapped_column(String(64))
    successor: Mapped[str | None] = mapped_column(String(64), index=True)  # province since 1 July 2025
    issued_date: Mapped[str | None] = mapped_column(String(10))
    year: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    title_key: Mapped[str | None] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)

    __table_args__ = (
        Index("ix_documents_type_date", "type_key", "issued_date"),
        Index("ix_documents_number_issuer", "number_key", "issuer_key"),
    )


class File(Base):
    """An original file, by the sha256 of its bytes. The same bytes twice are one row."""

    __tablename__ = "files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str | None] = mapped_column(String(128))
    source: Mapped[str] = mapped_column(String(1024))  # the name it first arrived under
    path: Mapped[str] = mapped_column(String(256))  # relative to the data directory: blobs/ab/cdef...
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Extraction(Base):
    """The machine's latest reading of a held document. Replaced on re-extraction; never edited by people."""

    __tablename__ = "extractions"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("files.sha256"))
    source: Mapped[str] = mapped_column(String(1024))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    spans: Mapped[list[Any]] = mapped_column(JSON)
    intake: Mapped[dict[str, Any]] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(32))
    extracted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class SearchDoc(Base):
    """What full-text search reads of a held document, as words (service/store/search.py fills it):
    the number, the trích yếu and the body without the lines every document carries, each as written
    (lower case) and folded (no diacritics). The engines' indexes over it are made by migration 0004."""

    __tablename__ = "search_docs"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    number_f: Mapped[str] = mapped_column(Text)
    title_w: Mapped[str] = mapped_column(Text)
    title_f: Mapped[str] = mapped_column(Text)
    body_w: Mapped[str] = mapped_column(Text)
    body_f: Mapped[str] = mapped_column(Text)


class Correction(Base):
    """A person's value for one field of a record ("document.issuer", "tasks[3].lead"). Latest wins."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(256))
    value: Mapped[Any] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Citation(Base):
    """An edge: document `src` cites `dst`. Keeps the citation as printed, so it can be re-resolved."""

    __tablename__ = "citations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    src_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    dst_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    relation: Mapped[str] = mapped_column(String(16))  # for lineage; may be inferred from a plain "cites"
    printed_relation: Mapped[str] = mapped_column(String(16))  # what the record says
    position: Mapped[int] = mapped_column(Integer)  # index in record.references
    number: Mapped[str | None] = mapped_column(String(128))
    doc_type: Mapped[str | None] = mapped_column(String(64))
    issuer: Mapped[str | None] = mapped_column(String(256))
    issued_date: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    # "name": resolved by a programme's name, not a number (a citation "Đề án “X”", or a trích yếu
    # "V/v thực hiện Đề án “X”", position -1); matched_name is the name as the target is known by it
    resolved_by: Mapped[str | None] = mapped_column(String(16))
    matched_name: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_citations_src_relation", "src_id", "relation", "dst_id"),
        Index("ix_citations_dst_relation", "dst_id", "relation", "src_id"),
    )


class ProgrammeName(Base):
    """A name a document is known by: "Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020”" for the
    decision that approved it. From its own trích yếu (source "subject"), from another document's
    citation giving number and title together (source "citation", `citing_id` that document: rebuilt
    with it), or the name a placeholder was created for (source "placeholder")."""

    __tablename__ = "programme_names"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # folded: "đề án", "kế hoạch"
    name_key: Mapped[str] = mapped_column(String(512))  # graph.programmes.name_key
    name: Mapped[str] = mapped_column(Text)  # as printed
    province: Mapped[str | None] = mapped_column(String(64))  # a local programme's province; None: national
    source: Mapped[str] = mapped_column(String(16))  # subject | citation | placeholder
    citing_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)

    __table_args__ = (Index("ix_programme_names_key", "kind", "name_key"),)


class TaskRow(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # index in record.tasks
    label: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    deadline: Mapped[str | None] = mapped_column(String(128))  # as in the record
    due_date: Mapped[str | None] = mapped_column(String(10), index=True)  # ISO, last day the deadline allows


class TaskAgency(Base):
    """One agency named by a task, as lead or support, located in its jurisdiction."""

    __tablename__ = "task_agencies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(8))  # lead | support
    name: Mapped[str] = mapped_column(String(256))  # as in the record
    canonical: Mapped[str] = mapped_column(String(256))  # localised: "Sở Tài chính tỉnh Bắc Giang"
    body_key: Mapped[str] = mapped_column(String(256))  # the body without its place: "sở tài chính"
    level: Mapped[str | None] = mapped_column(String(16))
    province: Mapped[str | None] = mapped_column(String(64))
    district: Mapped[str | None] = mapped_column(String(64))
    successor: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_task_agencies_body", "body_key", "province", "role"),
        Index("ix_task_agencies_province", "province", "body_key"),
        Index("ix_task_agencies_successor", "successor", "body_key"),
        Index("ix_task_agencies_district", "district"),
    )


class TargetRow(Base):
    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(64))
    subject: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
