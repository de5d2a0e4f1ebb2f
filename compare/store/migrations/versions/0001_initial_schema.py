"""Initial schema: documents, provisions, comparisons, rows, cells, differences, decisions.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = sa.String(255)
HASH = sa.String(64)
STAMP = sa.DateTime(timezone=True)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def _uq(table: str, *columns: str) -> sa.UniqueConstraint:
    return sa.UniqueConstraint(*columns, name=op.f(f"uq_{table}_{'_'.join(columns)}"))


def upgrade() -> None:
    op.create_table(
        "jurisdictions", _id(),
        sa.Column("key", KEY, nullable=False),
        sa.Column("name", KEY, nullable=False),
        sa.Column("level", sa.String(32), nullable=False),
        sa.Column("code", sa.String(32), nullable=True),
        sa.Column("government_prefix", sa.String(64), nullable=False),
        sa.Column("self_words", sa.JSON(), nullable=False),
        _pk("jurisdictions"), _uq("jurisdictions", "key"),
    )
    op.create_table(
        "documents", _id(),
        sa.Column("sha256", HASH, nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("encoding", sa.String(64), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("adoption_note", sa.Text(), nullable=True),
        sa.Column("adopted", sa.String(10), nullable=True),
        sa.Column("jurisdiction_id", sa.Integer(), nullable=True),
        sa.Column("source_warnings", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        _fk("documents", "jurisdiction_id", "jurisdictions"), _pk("documents"), _uq("documents", "sha256"),
    )
    op.create_table(
        "comparisons", _id(),
        sa.Column("fingerprint", HASH, nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("base_document_id", sa.Integer(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        _fk("comparisons", "base_document_id", "documents"), _pk("comparisons"),
        _uq("comparisons", "fingerprint"),
    )
    op.create_table(
        "provisions", _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("provision_id", KEY, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("number", KEY, nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=True),
        sa.Column("chapter", sa.Text(), nullable=True),
        sa.Column("paragraphs", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _fk("provisions", "document_id", "documents"), _pk("provisions"),
        _uq("provisions", "document_id", "provision_id"),
    )
    op.create_index("ix_provisions_document_id_position", "provisions", ["document_id", "position"])
    op.create_table(
        "alignment_rows", _id(),
        sa.Column("comparison_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", KEY, nullable=False),
        sa.Column("label", KEY, nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("majority", sa.JSON(), nullable=False),
        _fk("alignment_rows", "comparison_id", "comparisons"), _pk("alignment_rows"),
        _uq("alignment_rows", "comparison_id", "position"),
    )
    op.create_table(
        "comparison_documents", _id(),
        sa.Column("comparison_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", KEY, nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("jurisdiction_id", sa.Integer(), nullable=True),
        sa.Column("jurisdiction_source", sa.String(16), nullable=True),
        _fk("comparison_documents", "comparison_id", "comparisons"),
        _fk("comparison_documents", "document_id", "documents"),
        _fk("comparison_documents", "jurisdiction_id", "jurisdictions"),
        _pk("comparison_documents"),
        _uq("comparison_documents", "comparison_id", "document_id"),
        _uq("comparison_documents", "comparison_id", "key"),
        _uq("comparison_documents", "comparison_id", "position"),
    )
    op.create_table(
        "decisions", _id(),
        sa.Column("difference_fingerprint", HASH, nullable=False),
        sa.Column("comparison_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        _fk("decisions", "comparison_id", "comparisons"), _pk("decisions"),
    )
    op.create_table(
        "cells", _id(),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("provision_ids", sa.JSON(), nullable=False),
        sa.Column("moved", sa.Boolean(), nullable=False),
        _fk("cells", "document_id", "documents"), _fk("cells", "row_id", "alignment_rows"), _pk("cells"),
        _uq("cells", "row_id", "document_id"),
    )
    op.create_table(
        "differences", _id(),
        sa.Column("comparison_id", sa.Integer(), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("against_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("cls", sa.String(64), nullable=False),
        sa.Column("old", sa.Text(), nullable=False),
        sa.Column("new", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.Column("fingerprint", HASH, nullable=False),
        _fk("differences", "against_id", "documents"), _fk("differences", "comparison_id", "comparisons"),
        _fk("differences", "document_id", "documents"), _fk("differences", "row_id", "alignment_rows"),
        _pk("differences"),
        _uq("differences", "comparison_id", "fingerprint"), _uq("differences", "row_id", "position"),
    )
    op.create_index(op.f("ix_differences_fingerprint"), "differences", ["fingerprint"])


def downgrade() -> None:
    for table in ("differences", "cells", "decisions", "comparison_documents", "alignment_rows",
                  "provisions", "comparisons", "documents", "jurisdictions"):
        op.drop_table(table)
