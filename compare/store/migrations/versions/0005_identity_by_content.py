"""Identity by content: fingerprints and subjects no longer depend on file names or order.

Every stored difference gets its fingerprint recomputed from the documents' identities
(jurisdiction and title, see ``records.document_identities``), the cells' provision ids and
the text around it (instead of an occurrence number); every decision follows its
difference's new fingerprint; every comparison's subject is recomputed from the
identities. Decisions whose difference is stored nowhere keep their fingerprint and stay
listed by ``review obsolete``. No table changes shape.

The computation is ``compare.store.records`` at fingerprint version 2: a later version
must add its own migration rather than change what this one computes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from compare.model import Difference
from compare.store.records import (Anchor, comparison_subject, difference_context, flat_form,
                                   identities_of, unique_fingerprint, work_key)

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_t = sa.table
_c = sa.column
comparisons = _t("comparisons", _c("id", sa.Integer), _c("options", sa.JSON), _c("subject", sa.String),
                 _c("base_document_id", sa.Integer))
documents = _t("documents", _c("id", sa.Integer), _c("title", sa.Text), _c("jurisdiction_id", sa.Integer),
               _c("version_date", sa.String), _c("sha256", sa.String))
jurisdictions = _t("jurisdictions", _c("id", sa.Integer), _c("code", sa.String), _c("name", sa.String))
members = _t("comparison_documents", _c("comparison_id", sa.Integer), _c("document_id", sa.Integer),
             _c("key", sa.String))
rows = _t("alignment_rows", _c("id", sa.Integer), _c("comparison_id", sa.Integer), _c("position", sa.Integer))
cells = _t("cells", _c("row_id", sa.Integer), _c("document_id", sa.Integer), _c("provision_ids", sa.JSON))
provisions = _t("provisions", _c("document_id", sa.Integer), _c("provision_id", sa.String), _c("text", sa.Text))
differences = _t("differences", _c("id", sa.Integer), _c("comparison_id", sa.Integer), _c("row_id", sa.Integer),
                 _c("position", sa.Integer), _c("document_id", sa.Integer), _c("against_id", sa.Integer),
                 _c("category", sa.String), _c("cls", sa.String), _c("old", sa.Text), _c("new", sa.Text),
                 _c("fingerprint", sa.String))
decisions = _t("decisions", _c("id", sa.Integer), _c("difference_fingerprint", sa.String),
               _c("comparison_id", sa.Integer))


def _identities(bind: sa.Connection, comparison_id: int) -> dict[int, str]:
    """Stored document id → identity, for the documents of one comparison."""
    query = (sa.select(documents.c.id, documents.c.title, documents.c.version_date, documents.c.sha256,
                       jurisdictions.c.code, jurisdictions.c.name)
             .select_from(members.join(documents, members.c.document_id == documents.c.id)
                          .outerjoin(jurisdictions, documents.c.jurisdiction_id == jurisdictions.c.id))
             .where(members.c.comparison_id == comparison_id))
    items = [(str(i), work_key(code or name, title or ""), date, sha) for i, title, date, sha, code, name
             in bind.execute(query)]
    base = bind.execute(sa.select(comparisons.c.base_document_id).where(comparisons.c.id == comparison_id)).scalar()
    return {int(k): v for k, v in identities_of(items, str(base)).items()}


def _cell_texts(bind: sa.Connection, comparison_id: int) -> dict[tuple[int, int], tuple[str, str]]:
    """(row id, document id) → (provision ids joined with "+", cell text)."""
    texts = {(d, p): t or "" for d, p, t in bind.execute(sa.select(provisions.c.document_id, provisions.c.provision_id,
                                                                   provisions.c.text))}
    query = (sa.select(cells.c.row_id, cells.c.document_id, cells.c.provision_ids)
             .select_from(cells.join(rows, cells.c.row_id == rows.c.id)).where(rows.c.comparison_id == comparison_id))
    return {(r, d): ("+".join(ids or []), "\n".join(texts.get((d, p), "") for p in ids or []))
            for r, d, ids in bind.execute(query)}


def _refingerprint(bind: sa.Connection, comparison_id: int) -> dict[str, str]:
    """Recompute one comparison's difference fingerprints; old → new."""
    identity = _identities(bind, comparison_id)
    cell = _cell_texts(bind, comparison_id)
    query = (sa.select(differences).select_from(differences.join(rows, differences.c.row_id == rows.c.id))
             .where(differences.c.comparison_id == comparison_id).order_by(rows.c.position, differences.c.position))
    mapping: dict[str, str] = {}
    seen: dict[tuple, int] = {}
    used: Counter[str] = Counter()
    for d in bind.execute(query).all():
        key = (d.row_id, d.document_id, d.against_id, flat_form(d.old), flat_form(d.new))
        k = seen.get(key, 0)
        seen[key] = k + 1
        doc_ids, doc_text = cell.get((d.row_id, d.document_id), ("", ""))
        against_ids, against_text = cell.get((d.row_id, d.against_id), ("", ""))
        anchor = Anchor(identity.get(d.document_id, ""), identity.get(d.against_id, ""), doc_ids, against_ids,
                        difference_context(against_text, doc_text, d.old, d.new, k))
        diff = Difference(str(d.document_id), str(d.against_id), d.category, d.cls, d.old, d.new)
        mapping[d.fingerprint] = unique_fingerprint(diff, anchor, used)
    # two passes: new values may equal other rows' old values (unique per comparison)
    for old, new in mapping.items():
        bind.execute(differences.update().where(differences.c.comparison_id == comparison_id,
                                                differences.c.fingerprint == old).values(fingerprint="~" + old[1:]))
    for old, new in mapping.items():
        bind.execute(differences.update().where(differences.c.comparison_id == comparison_id,
                                                differences.c.fingerprint == "~" + old[1:]).values(fingerprint=new))
    subject = comparison_subject(list(identity.values()), bind.execute(
        sa.select(comparisons.c.options).where(comparisons.c.id == comparison_id)).scalar() or {})
    bind.execute(comparisons.update().where(comparisons.c.id == comparison_id).values(subject=subject))
    return mapping


def upgrade() -> None:
    bind = op.get_bind()
    by_comparison = {cid: _refingerprint(bind, cid) for cid in bind.execute(sa.select(comparisons.c.id)).scalars()}
    anywhere: dict[str, str] = {}
    for mapping in by_comparison.values():
        for old, new in mapping.items():
            anywhere.setdefault(old, new)
    for did, fp, cid in bind.execute(sa.select(decisions.c.id, decisions.c.difference_fingerprint,
                                                decisions.c.comparison_id)).all():
        new = by_comparison.get(cid, {}).get(fp) or anywhere.get(fp)
        if new and new != fp:
            bind.execute(decisions.update().where(decisions.c.id == did).values(difference_fingerprint=new))


def downgrade() -> None:
    """Fingerprints are not converted back: an older version sees the decisions as obsolete."""
