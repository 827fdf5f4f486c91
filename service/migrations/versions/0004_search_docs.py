"""search for Vietnamese: search_docs (number, trích yếu, body without the fixed lines; as written and
folded), an FTS5 table over it on SQLite, a weighted tsvector on PostgreSQL; every held document indexed

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = "number_f, title_f, body_f, title_w, body_w"


def upgrade() -> None:
    op.create_table(
        "search_docs",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number_f", sa.Text(), nullable=False),
        sa.Column("title_w", sa.Text(), nullable=False),
        sa.Column("title_f", sa.Text(), nullable=False),
        sa.Column("body_w", sa.Text(), nullable=False),
        sa.Column("body_f", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_search_docs_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_search_docs")),
    )
    if op.get_bind().dialect.name == "sqlite":
        # diacritics kept by the tokenizer: the *_f columns are folded already, the *_w ones rank exact
        # spellings first ("bán" is not "bạn")
        op.execute(
            f"CREATE VIRTUAL TABLE search_fts USING fts5({COLUMNS}, content='search_docs', "
            "content_rowid='document_id', tokenize='unicode61 remove_diacritics 0')"
        )
        new = "new.number_f, new.title_f, new.body_f, new.title_w, new.body_w"
        old = "old.number_f, old.title_f, old.body_f, old.title_w, old.body_w"
        op.execute(
            "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_docs BEGIN "
            f"INSERT INTO search_fts(rowid, {COLUMNS}) VALUES (new.document_id, {new}); END"
        )
        op.execute(
            "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_docs BEGIN "
            f"INSERT INTO search_fts(search_fts, rowid, {COLUMNS}) VALUES ('delete', old.document_id, {old}); END"
        )
        op.execute(
            "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_docs BEGIN "
            f"INSERT INTO search_fts(search_fts, rowid, {COLUMNS}) VALUES ('delete', old.document_id, {old}); "
            f"INSERT INTO search_fts(rowid, {COLUMNS}) VALUES (new.document_id, {new}); END"
        )
        for trig in ("extractions_fts_ai", "extractions_fts_ad", "extractions_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trig}")
        op.execute("DROP TABLE IF EXISTS extractions_fts")
    else:
        # ts_rank weights: A (1.0) number and folded trích yếu, B (0.4) trích yếu as written, C (0.2)
        # body as written, D (0.1) folded body
        op.execute(
            "ALTER TABLE search_docs ADD COLUMN search tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('simple', number_f), 'A') || setweight(to_tsvector('simple', title_f), 'A') "
            "|| setweight(to_tsvector('simple', title_w), 'B') || setweight(to_tsvector('simple', body_w), 'C') "
            "|| setweight(to_tsvector('simple', body_f), 'D')) STORED"
        )
        op.execute("CREATE INDEX ix_search_docs_search ON search_docs USING gin (search)")
        op.execute("DROP INDEX IF EXISTS ix_extractions_search")
        op.execute("ALTER TABLE extractions DROP COLUMN IF EXISTS search")
    _index_held_documents()


def _index_held_documents(batch_size: int = 500) -> None:
    """Index the documents already held, as service/store/search.py indexes each one it stores; in
    batches, so a national store's texts are never all in memory at once."""
    from service.store.search_text import index_row

    bind = op.get_bind()
    table = sa.table(
        "search_docs",
        *(sa.column(c) for c in ("document_id", "number_f", "title_w", "title_f", "body_w", "body_f")),
    )
    ids = list(bind.execute(sa.text("SELECT document_id FROM extractions ORDER BY document_id")).scalars())
    for i in range(0, len(ids), batch_size):
        rows = bind.execute(
            sa.text(
                "SELECT d.id, d.number, d.title, e.text FROM documents d JOIN extractions e ON e.document_id = d.id "
                "WHERE d.id IN :ids"
            ).bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": ids[i : i + batch_size]},
        ).all()
        batch = [{"document_id": doc_id, **index_row(number, title, text)} for doc_id, number, title, text in rows]
        if batch:
            op.bulk_insert(table, batch)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trig in ("search_fts_ai", "search_fts_ad", "search_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trig}")
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute(
            "CREATE VIRTUAL TABLE extractions_fts USING fts5(text, content='extractions', "
            "content_rowid='document_id', tokenize='unicode61')"
        )
        op.execute(
            "CREATE TRIGGER extractions_fts_ai AFTER INSERT ON extractions BEGIN "
            "INSERT INTO extractions_fts(rowid, text) VALUES (new.document_id, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER extractions_fts_ad AFTER DELETE ON extractions BEGIN "
            "INSERT INTO extractions_fts(extractions_fts, rowid, text) "
            "VALUES ('delete', old.document_id, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER extractions_fts_au AFTER UPDATE OF text ON extractions BEGIN "
            "INSERT INTO extractions_fts(extractions_fts, rowid, text) "
            "VALUES ('delete', old.document_id, old.text); "
            "INSERT INTO extractions_fts(rowid, text) VALUES (new.document_id, new.text); END"
        )
        op.execute("INSERT INTO extractions_fts(extractions_fts) VALUES ('rebuild')")
    else:
        op.execute(
            "ALTER TABLE extractions ADD COLUMN search tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(text, ''))) STORED"
        )
        op.execute("CREATE INDEX ix_extractions_search ON extractions USING gin (search)")
    op.drop_table("search_docs")
