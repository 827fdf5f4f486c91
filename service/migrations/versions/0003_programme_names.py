"""programme names: documents known by the name of the programme they approve; citations resolved by name

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programme_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name_key", sa.String(length=512), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("province", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("citing_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["citing_id"], ["documents.id"], name=op.f("fk_programme_names_citing_id_documents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_programme_names_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_names")),
    )
    op.create_index(op.f("ix_programme_names_citing_id"), "programme_names", ["citing_id"], unique=False)
    op.create_index(op.f("ix_programme_names_document_id"), "programme_names", ["document_id"], unique=False)
    op.create_index("ix_programme_names_key", "programme_names", ["kind", "name_key"], unique=False)
    with op.batch_alter_table("citations") as batch:
        batch.add_column(sa.Column("resolved_by", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("matched_name", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("citations") as batch:
        batch.drop_column("matched_name")
        batch.drop_column("resolved_by")
    op.drop_index("ix_programme_names_key", table_name="programme_names")
    op.drop_index(op.f("ix_programme_names_document_id"), table_name="programme_names")
    op.drop_index(op.f("ix_programme_names_citing_id"), table_name="programme_names")
    op.drop_table("programme_names")
