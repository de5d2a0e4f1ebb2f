"""Amendment instruments (修改决定): draft one from two versions, apply one, harmonise.

Public API (``compare.amend.api``; the CLI calls nothing else):

- ``amend_files(old, new, options) -> (Decision, Comparison)``: the decision turning OLD
  into NEW, drafted from the pipeline's comparison; ``amend_draft`` the same as a ``Draft``
  of reviewable items.
- ``apply_file(old, decision_path) -> str``: OLD amended by the decision, in OLD's format.
- ``harmonise_files(base, others, options) -> list[(path, Decision)]``: for each other
  text, the decision bringing it in line with BASE in its own jurisdictional wording
  (``harmonise_drafts``: with the comparisons and drafts).
- ``decision_text`` (``compare.instrument.render``), ``decision_word``: the decision as
  text or Word; ``kept_decision``: without the items a reviewer dropped;
  ``reviewed_drafts`` / ``save_drafts``: drafts and the database.

The decision as data and text lives below, in ``compare.instrument`` (``model``,
``numbering``, ``headings``, ``render``, ``drafts``), which the store and the reports share.
Modules here, one job each: ``sequence`` (kept provisions), ``lines`` (line diffs),
``choose`` (the economy rule), ``draft`` (Comparison → Decision), ``restructure`` and
``outline`` (headings), ``wording`` (harmonised jurisdiction words), ``docx`` (Word),
``parse`` (text → Decision), ``apply`` (Decision × text → provisions), ``write``
(provisions → text), ``items`` (a decision as reviewable items linked to alignment rows,
with content fingerprints), ``stored`` (drafts and the database), ``roundtrip`` (the
benchmark's check), ``accepted`` (provisions whose differences a reviewer accepted).
"""

from __future__ import annotations

from ..instrument.model import Decision, Instruction, Target
from ..instrument.render import decision_text
from .api import (amend_draft, amend_files, apply_file, apply_text, decision_word, harmonise_drafts, harmonise_files,
                  kept_decision, lexer_for, reviewed_drafts, save_drafts)

__all__ = [
    "Decision",
    "Instruction",
    "Target",
    "amend_draft",
    "amend_files",
    "apply_file",
    "apply_text",
    "decision_text",
    "decision_word",
    "harmonise_drafts",
    "harmonise_files",
    "kept_decision",
    "lexer_for",
    "reviewed_drafts",
    "save_drafts",
]
