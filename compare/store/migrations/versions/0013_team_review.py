"""The review team's work in ``serve``: a table ``assignments`` (a chapter or row of a review
given to a reviewer, keyed by the review's subject so it follows re-runs) and
``audit_runs`` (each audit run in the browser: level, verdict, failing checks, findings).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("comparison_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("assigned_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["comparison_id"], ["comparisons.id"],
                                name=op.f("fk_assignments_comparison_id_comparisons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
        sa.UniqueConstraint("subject", "scope", "key", "reviewer", name=op.f("uq_assignments_subject_scope_key_reviewer")),
    )
    op.create_index(op.f("ix_assignments_subject"), "assignments", ["subject"])
    op.create_index(op.f("ix_assignments_reviewer"), "assignments", ["reviewer"])
    op.create_table(
        "audit_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comparison_id", sa.Integer(), nullable=False),
        sa.Column("fail_on", sa.String(32), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("failed_checks", sa.JSON(), nullable=False),
        sa.Column("findings", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["comparison_id"], ["comparisons.id"],
                                name=op.f("fk_audit_runs_comparison_id_comparisons")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_runs")),
    )
    op.create_index(op.f("ix_audit_runs_comparison_id"), "audit_runs", ["comparison_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_runs_comparison_id"), table_name="audit_runs")
    op.drop_table("audit_runs")
    op.drop_index(op.f("ix_assignments_reviewer"), table_name="assignments")
    op.drop_index(op.f("ix_assignments_subject"), table_name="assignments")
    op.drop_table("assignments")
