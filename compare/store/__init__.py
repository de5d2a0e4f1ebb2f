"""Storage stage: comparisons and review decisions in SQLite (default) or PostgreSQL.

Public API:

- ``DEFAULT_URL``; ``database_url(given=None) -> str``: ``given``, else $LEGISCOMPARE_DB,
  else ``DEFAULT_URL``; a bare file path becomes ``sqlite:///path``.
- ``open_store(url) -> Store``: connect, bring the schema to the current Alembic revision
  (creating it in an empty database), or raise ``InputError(None, "database", ...)`` with
  a one-line reason.
- ``Store``: ``save_comparison`` (atomic; the same inputs and options update the same
  comparison, documents are stored once per content hash), ``record_decision``,
  ``decisions_for``, ``undecided``, ``differences``, ``obsolete_decisions``,
  ``list_comparisons``, ``load_comparison``, ``close``; amendment drafts
  (``save_comparison(comparison, drafts)``, ``drafts_for``, ``record_instruction_decision``,
  ``current_instruction_decisions``, ``instruction_history``; see ``drafts``).
- ``difference_fingerprint(diff, anchor)``, ``difference_fingerprints(comparison)`` (per row,
  as stored), ``document_identities(documents)``, ``comparison_fingerprint(comparison)``:
  how stored things are identified (by content, never by file name).
- Results are frozen dataclasses of plain values: ``SavedComparison``, ``ReviewDecision``,
  ``StoredDifference``, ``ComparisonSummary`` (see ``records``).
- ``migrate.upgrade(url)`` / ``migrate.current_revision(url)``: ``legiscompare db upgrade``.

Example::

    store = open_store(database_url(None))
    saved = store.save_comparison(compare_files(paths))
    for diff in store.undecided(saved.id):
        store.record_decision(diff.fingerprint, "accepted", "", "reviewer")
    store.close()
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store

# Names and the submodule defining each, imported on first use: ``compare.store.records``
# (fingerprints, needed by the CSV export) must not load SQLAlchemy and Alembic.
_LAZY = {
    **dict.fromkeys(["DEFAULT_URL", "database_exists", "database_url", "make_engine", "require_database"], "engine"),
    **dict.fromkeys(["engine_revision", "head_revision", "upgrade_engine"], "migrate"),
    **dict.fromkeys(["DECISION_STATUSES", "MAX_NOTE", "Anchor", "ComparisonSummary", "ReviewDecision", "SavedComparison",
                     "StoredDifference", "cell_ids", "comparison_fingerprint", "comparison_subject",
                     "difference_fingerprint", "difference_fingerprints", "document_identities",
                     "row_fingerprints"], "records"),
    "Store": "store",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_URL", "DECISION_STATUSES", "MAX_NOTE", "Anchor", "ComparisonSummary", "ReviewDecision", "SavedComparison",
    "Store", "StoredDifference", "cell_ids", "comparison_fingerprint", "comparison_subject", "database_exists",
    "database_url", "difference_fingerprint", "difference_fingerprints", "document_identities", "open_store",
    "row_fingerprints",
]


def open_store(url: str) -> Store:
    """A ``Store`` on ``url``, its schema created or upgraded to the current revision."""
    from .engine import database_url, make_engine, translated
    from .revision import packaged_head, stored_revision
    from .store import Store

    url = database_url(url)
    engine = make_engine(url)
    try:
        with translated(url):
            current = stored_revision(engine)
        if current != packaged_head():  # Alembic is imported only to migrate
            from .migrate import upgrade_engine

            upgrade_engine(engine, url)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, url)
