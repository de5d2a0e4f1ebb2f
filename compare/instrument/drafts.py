"""A drafted decision as reviewable items (``Draft``, ``DraftItem``): the plain values the
store keeps and the reports show; ``compare.amend.items`` makes them from a comparison."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Decision, Instruction
from .render import run_text

DRAFT_KINDS = ("amend", "harmonise")
DROP_STATUSES = ("dropped", "kept")  # a reviewer's decision on an instruction (kept = restored)
ITEM_VERSION = "1"  # part of every item fingerprint: bump only with a migration that recomputes them


@dataclass(frozen=True)
class DraftItem:
    """One numbered instruction of a draft.

    ``instructions``: what it does (several for a run of added articles); ``rows``: ids of
    the alignment rows it comes from, in order; ``text``: its Chinese wording without the
    number; ``fingerprint``: ``item_fingerprint``.
    """

    instructions: tuple[Instruction, ...]
    rows: tuple[str, ...]
    text: str
    fingerprint: str


@dataclass
class Draft:
    """A drafted decision with its items; ``dropped``: fingerprint → the current review
    decision on that item (only items with one; status ``dropped`` or ``kept``)."""

    kind: str  # one of DRAFT_KINDS
    target: str  # id of the document the decision amends
    source: str  # id of the document it brings the target in line with
    decision: Decision
    items: list[DraftItem]
    dropped: dict[str, Any] = field(default_factory=dict)

    def is_dropped(self, item: DraftItem) -> bool:
        """Whether a reviewer's current decision drops ``item``."""
        found = self.dropped.get(item.fingerprint)
        return found is not None and found.status == "dropped"


def item_text(run: list[Instruction], lang: str = "zh", unit: str = "条") -> str:
    """One item's wording without its number (``render.numbered_items`` without 一、)."""
    return run_text(run, lang, unit)
