"""Corpus index: ``corpus_files`` and ``corpus_provisions`` (see compare/store/corpus_models.py).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "corpus_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("mtime_ns", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("settings", sa.String(64), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("jurisdiction_id", sa.Integer(), nullable=True),
        sa.Column("jurisdiction_source", sa.String(16), nullable=True),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("provisions", sa.Integer(), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_corpus_files_document_id_documents")),
        sa.ForeignKeyConstraint(["jurisdiction_id"], ["jurisdictions.id"],
                                name=op.f("fk_corpus_files_jurisdiction_id_jurisdictions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_files")),
        sa.UniqueConstraint("path", name=op.f("uq_corpus_files_path")),
    )
    op.create_table(
        "corpus_provisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("provision_row_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("provision_id", sa.String(255), nullable=False),
        sa.Column("number", sa.String(255), nullable=False),
        sa.Column("norm", sa.Text(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["file_id"], ["corpus_files.id"], name=op.f("fk_corpus_provisions_file_id_corpus_files")),
        sa.ForeignKeyConstraint(["provision_row_id"], ["provisions.id"],
                                name=op.f("fk_corpus_provisions_provision_row_id_provisions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corpus_provisions")),
    )
    op.create_index(op.f("ix_corpus_provisions_file_id"), "corpus_provisions", ["file_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_corpus_provisions_file_id"), table_name="corpus_provisions")
    op.drop_table("corpus_provisions")
    op.drop_table("corpus_files")
