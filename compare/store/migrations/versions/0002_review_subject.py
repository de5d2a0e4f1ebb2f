"""Review lineage and decision lookups: ``comparisons.subject``, index on decisions.

``subject`` groups successive runs of the same review (same document ids and options,
changed contents). Existing comparisons get it computed from their stored documents and
options, then the column becomes NOT NULL (a table rebuild on SQLite, via batch mode).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import hashlib
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

comparisons = sa.table("comparisons", sa.column("id", sa.Integer), sa.column("options", sa.JSON),
                       sa.column("subject", sa.String))
comparison_documents = sa.table("comparison_documents", sa.column("comparison_id", sa.Integer),
                                sa.column("key", sa.String))


def _subject(keys: list[str], options: dict[str, str]) -> str:
    """Frozen copy of compare.store.records.comparison_subject as of this revision."""
    data = json.dumps(["subject", sorted(keys), sorted(options.items())],
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table("comparisons") as batch:
        batch.add_column(sa.Column("subject", sa.String(64), nullable=True))
    bind = op.get_bind()
    keys: dict[int, list[str]] = {}
    for cid, key in bind.execute(sa.select(comparison_documents.c.comparison_id, comparison_documents.c.key)):
        keys.setdefault(cid, []).append(key)
    for cid, options in bind.execute(sa.select(comparisons.c.id, comparisons.c.options)).all():
        bind.execute(comparisons.update().where(comparisons.c.id == cid)
                     .values(subject=_subject(keys.get(cid, []), options or {})))
    with op.batch_alter_table("comparisons") as batch:
        batch.alter_column("subject", existing_type=sa.String(64), nullable=False)
        batch.create_index(batch.f("ix_comparisons_subject"), ["subject"])
    op.create_index("ix_decisions_fingerprint_id", "decisions", ["difference_fingerprint", "id"])


def downgrade() -> None:
    op.drop_index("ix_decisions_fingerprint_id", table_name="decisions")
    with op.batch_alter_table("comparisons") as batch:
        batch.drop_index(batch.f("ix_comparisons_subject"))
        batch.drop_column("subject")
