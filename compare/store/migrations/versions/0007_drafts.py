"""Amendment drafts stored with their comparison: ``drafts``, ``draft_instructions`` and
``instruction_decisions`` (see compare/store/draft_models.py). Only new tables: existing
rows are untouched.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comparison_id", sa.Integer(), nullable=False),
        sa.Column("target_document_id", sa.Integer(), nullable=False),
        sa.Column("source_document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("effective", sa.String(32), nullable=True),
        sa.Column("unit", sa.String(8), nullable=False),
        sa.Column("redrafted", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["comparison_id"], ["comparisons.id"], name=op.f("fk_drafts_comparison_id_comparisons")),
        sa.ForeignKeyConstraint(["target_document_id"], ["documents.id"],
                                name=op.f("fk_drafts_target_document_id_documents")),
        sa.ForeignKeyConstraint(["source_document_id"], ["documents.id"],
                                name=op.f("fk_drafts_source_document_id_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("comparison_id", "target_document_id", name=op.f("uq_drafts_comparison_id_target_document_id")),
    )
    op.create_table(
        "draft_instructions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("instructions", sa.JSON(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"], name=op.f("fk_draft_instructions_draft_id_drafts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_instructions")),
        sa.UniqueConstraint("draft_id", "position", name=op.f("uq_draft_instructions_draft_id_position")),
    )
    op.create_index(op.f("ix_draft_instructions_fingerprint"), "draft_instructions", ["fingerprint"])
    op.create_table(
        "instruction_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instruction_fingerprint", sa.String(64), nullable=False),
        sa.Column("comparison_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["comparison_id"], ["comparisons.id"],
                                name=op.f("fk_instruction_decisions_comparison_id_comparisons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instruction_decisions")),
    )
    with op.batch_alter_table("instruction_decisions") as batch:  # batch: SQLite-safe like the others
        batch.create_index("ix_instruction_decisions_fingerprint_id", ["instruction_fingerprint", "id"])


def downgrade() -> None:
    op.drop_index("ix_instruction_decisions_fingerprint_id", table_name="instruction_decisions")
    op.drop_table("instruction_decisions")
    op.drop_index(op.f("ix_draft_instructions_fingerprint"), table_name="draft_instructions")
    op.drop_table("draft_instructions")
    op.drop_table("drafts")
