"""Provisions a reviewer accepted as local differences: ``harmonise`` leaves them alone.

``accepted_provisions(comparison, other_id, url) -> set[ArticleKey]``: the keys of ``other_id``'s
provisions in rows where every substantive or institution difference of ``other_id`` has
a current review decision "accepted" in the database at ``url``. Decisions are found by
difference fingerprint (``compare.store.difference_fingerprints``), so those recorded on
a comparison of the same texts (the usual three-way one) apply to the pairwise
comparison ``harmonise`` makes.
"""

from __future__ import annotations

from sqlalchemy import func, select

from ..instrument.model import ArticleKey
from ..instrument.numbering import provision_key
from ..model import Comparison
from ..store import difference_fingerprints, open_store
from ..store import models as db

WEIGHTY = ("substantive", "institution")


def current_statuses(url: str, fingerprints: list[str]) -> dict[str, str]:
    """Fingerprint → status of its newest decision (decisions are never edited)."""
    store = open_store(url)
    try:
        with store.session() as session:
            newest = (select(func.max(db.ReviewDecisionRow.id)).where(db.ReviewDecisionRow.difference_fingerprint.in_(fingerprints))
                      .group_by(db.ReviewDecisionRow.difference_fingerprint))
            rows = session.scalars(select(db.ReviewDecisionRow).where(db.ReviewDecisionRow.id.in_(newest)))
            return {d.difference_fingerprint: d.status for d in rows}
    finally:
        store.close()


def accepted_provisions(comparison: Comparison, other_id: str, url: str) -> set[ArticleKey]:
    """Numbers of ``other_id``'s provisions whose weighty differences were all accepted."""
    fingerprints = difference_fingerprints(comparison)
    statuses = current_statuses(url, [fp for row in fingerprints for fp in row])
    out: set[ArticleKey] = set()
    for row, row_fps in zip(comparison.rows, fingerprints):
        weighty = [fp for diff, fp in zip(row.differences, row_fps)
                   if other_id in (diff.document, diff.against) and diff.category in WEIGHTY]
        cell = row.cells.get(other_id)
        if weighty and cell and all(statuses.get(fp) == "accepted" for fp in weighty):
            out.update(provision_key(p) for p in cell.provisions if p.ordinal or p.kind == "preamble")
    return out
