"""Plain values the store returns, and the fingerprints that identify what it stores.

Nothing here touches the database: the fingerprints are pure functions of the pipeline's
data, so the CLI and the reports can compute them without a store.

- ``comparison_fingerprint(comparison)``: identifies a run's *inputs* (document contents and
  options). Saving a comparison with the same fingerprint updates the stored one in place.
- ``comparison_subject(comparison)``: identifies *what is being compared* (document ids and
  options, not contents). Comparisons with the same subject are successive versions of the
  same review: a decision made on one is checked for obsolescence against the others.
- ``difference_fingerprint(row_id, cell_ids, diff)``: identifies one difference across
  re-runs; review decisions are keyed by it. ``difference_fingerprints(comparison)`` gives
  the fingerprints the store uses for every difference of a comparison.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from ..ingest import comparison_form
from ..model import AlignmentRow, Comparison, Difference

DECISION_STATUSES = ("accepted", "needs_harmonisation", "fixed", "rejected")
MAX_NOTE = 2000  # characters of a decision note
MAX_REVIEWER = 200  # characters of a reviewer name
FINGERPRINT_VERSION = "1"  # bump only together with a migration that recomputes stored fingerprints


@dataclass(frozen=True)
class SavedComparison:
    """What ``Store.save_comparison`` did."""

    id: int  # database id of the comparison
    fingerprint: str  # comparison_fingerprint(); the same inputs give the same value
    created: bool  # True for a new comparison, False when an existing one was updated in place
    documents_added: int  # documents stored for the first time (the others were already known)
    rows: int
    differences: int
    decisions_reattached: int  # current decisions whose difference is still present
    decisions_obsolete: int  # decisions of this review whose difference disappeared


@dataclass(frozen=True)
class Decision:
    """One review decision on a difference (decisions are never edited: a new one supersedes)."""

    id: int
    difference_fingerprint: str
    comparison_id: int  # the comparison the decision was recorded on
    status: str  # one of DECISION_STATUSES
    note: str
    reviewer: str
    created_at: datetime  # timezone-aware, UTC
    obsolete: bool = False  # its difference is absent from the comparison it was read for


@dataclass(frozen=True)
class StoredDifference:
    """A stored difference, with where it sits in the comparison."""

    id: int
    comparison_id: int
    fingerprint: str
    row_id: str  # AlignmentRow.id
    row_label: str
    row_position: int  # 0-based order of the row in the comparison
    position: int  # 0-based order of the difference within its row
    document: str  # id of the document that reads ``new``
    against: str  # id of the document that reads ``old``
    document_provisions: str  # provision ids of the ``document`` cell, joined with "+"
    against_provisions: str  # provision ids of the ``against`` cell, joined with "+"
    category: str
    cls: str
    old: str
    new: str
    rule: str | None


@dataclass(frozen=True)
class ComparisonSummary:
    """One stored comparison, for listings."""

    id: int
    fingerprint: str
    subject: str
    documents: tuple[str, ...]  # document ids in column order, base first
    base: str
    rows: int
    differences: int
    decided: int  # differences with a current decision
    created_at: datetime
    updated_at: datetime


def _sha256(parts: object) -> str:
    data = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def comparison_fingerprint(comparison: Comparison) -> str:
    """sha256 over the sorted document sha256s and the sorted options."""
    hashes = sorted(d.source.sha256 for d in comparison.documents)
    return _sha256(["comparison", hashes, sorted(comparison.options.items())])


def comparison_subject(document_ids: list[str] | tuple[str, ...], options: dict[str, str]) -> str:
    """sha256 over the sorted document ids and the sorted options (contents left out)."""
    return _sha256(["subject", sorted(document_ids), sorted(options.items())])


def cell_ids(row: AlignmentRow) -> dict[str, str]:
    """Document id → the stable provision ids of its cell joined with "+" (absent cells left out)."""
    return {doc: "+".join(p.id for p in cell.provisions) for doc, cell in row.cells.items() if cell}


def difference_fingerprint(row_id: str, cell_ids: dict[str, str], diff: Difference,
                           occurrence: int = 0) -> str:
    """sha256 hex identifying ``diff`` across re-runs.

    Hashed: both documents' ids and the provision ids of their cells, the category and
    class, and ``comparison_form`` of the old and new text, so a re-run that only moves
    the difference to another row, or changes its surface but not its normalised form,
    keeps the fingerprint. ``row_id`` is accepted for the call site but deliberately not
    hashed: row ids change when another document gains or loses a provision.
    ``occurrence`` numbers identical differences within one row (0 for the first), so
    every difference of a comparison has its own fingerprint.

    >>> d = Difference("b", "a", "formatting", "punctuation", ",", "，")
    >>> fp = difference_fingerprint("item3", {"a": "item3", "b": "item3"}, d)
    >>> fp == difference_fingerprint("item3@a", {"a": "item3", "b": "item3"}, d)
    True
    >>> len(fp)
    64
    """
    del row_id  # see the docstring
    return _sha256([
        "difference", FINGERPRINT_VERSION,
        diff.against, cell_ids.get(diff.against, ""), diff.document, cell_ids.get(diff.document, ""),
        diff.category, diff.cls, comparison_form(diff.old), comparison_form(diff.new), occurrence,
    ])


def row_fingerprints(row: AlignmentRow, seen: Counter[str] | None = None) -> list[str]:
    """The fingerprint of each of ``row.differences``, in order, identical ones numbered.

    ``seen`` carries the numbering across rows (see ``difference_fingerprints``).
    """
    ids = cell_ids(row)
    seen = Counter() if seen is None else seen
    out = []
    for diff in row.differences:
        first = difference_fingerprint(row.id, ids, diff)
        out.append(first if not seen[first] else difference_fingerprint(row.id, ids, diff, seen[first]))
        seen[first] += 1
    return out


def difference_fingerprints(comparison: Comparison) -> list[list[str]]:
    """``row_fingerprints`` of every row, numbered across the comparison: unique within it."""
    seen: Counter[str] = Counter()
    return [row_fingerprints(row, seen) for row in comparison.rows]
