"""Amendment drafts in the review app: the decision text a reviewer exports.

``draft_text(draft, comparison, lang)``: the draft decision without the instructions a
reviewer dropped (added and merged articles renumbered accordingly), as ``amend`` would
write it on a re-run.
"""

from __future__ import annotations

from typing import Any

from ..amend.items import reviewed_decision
from ..instrument.drafts import DROP_STATUSES
from ..instrument.render import decision_text
from ..model import Comparison

__all__ = ["DROP_STATUSES", "draft_text"]


def draft_text(draft: Any, comparison: Comparison, lang: str = "zh") -> str:
    """The decision text of ``draft`` without its dropped items."""
    return decision_text(reviewed_decision(draft, comparison), lang)
