"""What the comparison page shows: rows, the differences listed per cell, their decisions.

Pure functions over store results, so the filters can be tested without a server.
Filters (``?show=``):

- ``review`` (default): rows with a non-formatting difference, listing all of those;
- ``undecided``: only the non-formatting differences without a decision;
- ``substantive``: only substantive differences (with the structural ones that say a
  provision is present in one text and absent in another: added, deleted, absent);
- ``structural``: only structural differences (added, deleted, absent, moved, split,
  merged, renumbered provisions);
- ``all``: every row; formatting differences are summed up per cell by class (no form).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..classify.structural import is_substantive
from ..model import AlignmentRow, Comparison, Difference
from ..store import Decision, StoredDifference

SHOWS = ("review", "undecided", "substantive", "structural", "all")


@dataclass(frozen=True)
class Item:
    """One listed difference of a cell."""

    diff: Difference
    fingerprint: str | None  # None if the store no longer has it (re-saved meanwhile)
    decision: Decision | None

    @property
    def reviewable(self) -> bool:
        """Whether the page offers a decision form (formatting differences need none)."""
        return self.fingerprint is not None and self.diff.category != "formatting"


@dataclass(frozen=True)
class RowView:
    row: AlignmentRow
    items: dict[str, list[Item]]  # document id → its listed differences
    formatting: dict[str, Counter[str]] = field(default_factory=dict)  # document id → class counts (``all``)


@dataclass(frozen=True)
class Counts:
    total: int  # non-formatting differences
    decided: int

    @property
    def undecided(self) -> int:
        return self.total - self.decided


def listed(item: Item, show: str) -> bool:
    """Whether ``item`` is listed under the filter ``show``."""
    category = item.diff.category
    if category == "formatting":
        return False
    if show == "undecided":
        return item.decision is None
    if show == "substantive":
        return is_substantive(item.diff)
    if show == "structural":
        return category == "structural"
    return True


def build_rows(comparison: Comparison, stored: list[StoredDifference], decisions: dict[str, Decision],
               show: str) -> tuple[list[RowView], Counts]:
    """The rows shown under ``show`` and the review counts of the whole comparison."""
    fingerprints = {(d.row_id, d.position): d.fingerprint for d in stored}
    total = decided = 0
    views = []
    for row in comparison.rows:
        items: dict[str, list[Item]] = {doc.id: [] for doc in comparison.documents}
        formatting: dict[str, Counter[str]] = {doc.id: Counter() for doc in comparison.documents}
        shown = False
        for position, diff in enumerate(row.differences):
            fp = fingerprints.get((row.id, position))
            item = Item(diff, fp, decisions.get(fp) if fp else None)
            if diff.category != "formatting":
                total += 1
                decided += item.decision is not None
            elif show == "all":
                formatting[diff.document][diff.cls] += 1
            if listed(item, show):
                items[diff.document].append(item)
                shown = True
        if shown or show == "all":
            views.append(RowView(row, items, formatting if show == "all" else {}))
    return views, Counts(total, decided)


def common_title(comparison: Comparison) -> str:
    """The report's shared title (the enacting bodies removed)."""
    from ..report import common_title

    return common_title(comparison)
