"""Drafts and the database: reviewers' drop decisions read back, drafts saved with their comparison.

``reviewed(drafts, url)``: the drafts with ``dropped`` filled from the database at ``url``
(nothing when it does not exist yet); ``save(comparison, drafts, url) -> id``: the
comparison and its drafts stored in one transaction (a re-run replaces the drafts of the
same documents). Imported only when a command uses a database (SQLAlchemy costs start-up time).
"""

from __future__ import annotations

from ..model import Comparison
from ..store import database_exists, open_store
from .items import Draft


def reviewed(drafts: list[Draft], url: str) -> list[Draft]:
    """``drafts`` with the current review decisions on their items."""
    if not database_exists(url):
        return drafts
    store = open_store(url)
    try:
        found = store.current_instruction_decisions([i.fingerprint for d in drafts for i in d.items])
    finally:
        store.close()
    for draft in drafts:
        draft.dropped = {i.fingerprint: found[i.fingerprint] for i in draft.items if i.fingerprint in found}
    return drafts


def save(comparison: Comparison, drafts: list[Draft], url: str) -> int:
    """Store ``comparison`` with ``drafts``; the comparison's id."""
    store = open_store(url)
    try:
        return store.save_comparison(comparison, drafts).id
    finally:
        store.close()
