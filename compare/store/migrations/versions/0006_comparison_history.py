"""Comparison history and archive flag, explanations as codes, reviewer accounts.

``supersedes_id``: the comparison of the same subject that was the latest when this one was
first saved (older databases: each comparison supersedes the previous one of its subject,
in the order they were created). ``archived_at``: when ``comparisons delete`` hid it (its
rows, differences and decisions are kept). ``differences.rule_code``: the explanation as a
language-neutral code (``compare.rules``); older rows have none and show their stored text.
``accounts``: reviewers who may log in to ``serve`` (name, Argon2 password hash).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("comparisons") as batch:
        batch.add_column(sa.Column("supersedes_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key("fk_comparisons_supersedes_id", "comparisons", ["supersedes_id"], ["id"])
    with op.batch_alter_table("differences") as batch:
        batch.add_column(sa.Column("rule_code", sa.JSON(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, subject FROM comparisons ORDER BY created_at, id")).all()
    previous: dict[str, int] = {}
    for cid, subject in rows:
        if subject in previous:
            connection.execute(sa.text("UPDATE comparisons SET supersedes_id = :p WHERE id = :i"),
                               {"p": previous[subject], "i": cid})
        previous[subject] = cid


def downgrade() -> None:
    op.drop_table("accounts")
    with op.batch_alter_table("differences") as batch:
        batch.drop_column("rule_code")
    with op.batch_alter_table("comparisons") as batch:
        batch.drop_constraint("fk_comparisons_supersedes_id", type_="foreignkey")
        batch.drop_column("archived_at")
        batch.drop_column("supersedes_id")
