"""Amendment instruments (修改决定): draft one from two versions, apply one, harmonise.

Public API:

- ``amend_files(old, new, options) -> (Decision, Comparison)``: the decision turning OLD
  into NEW (``draft``), drafted from the pipeline's comparison.
- ``apply_file(old, decision_text) -> str``: OLD amended by the decision, in OLD's format
  (``parse`` reads the decision, ``apply`` applies it, ``write`` formats the result).
- ``harmonise_files(base, others, options) -> list[(path, Decision)]``: for each other
  text, the decision bringing it in line with BASE in its own jurisdictional wording.
- ``decision_text`` (``render``), ``decision_docx`` (``docx``): the decision as text or Word.

Modules, one job each: ``model`` (data), ``numbering`` (numbers, addresses, citations),
``sequence`` (kept provisions), ``headings`` (编/章/节 addresses and renames), ``lines``
(line diffs), ``choose`` (the economy rule),
``draft`` (Comparison → Decision), ``render`` / ``docx`` (output), ``parse`` (text →
Decision), ``apply`` (Decision × text → provisions), ``write`` (provisions → text),
``harmonise`` (coordinated texts), ``messages`` (errors), ``items`` (a decision as
reviewable items linked to alignment rows, with content fingerprints; ``make_draft``,
``kept_decision`` without the items a reviewer dropped), ``stored`` (drafts and the database).
"""

from __future__ import annotations

from .api import amend_files, apply_file, apply_text, harmonise_files, lexer_for
from ..instrument.model import Decision, Instruction, Target
from ..instrument.render import decision_text

__all__ = [
           "Decision",
           "Instruction",
           "Target",
           "amend_files",
           "apply_file",
           "apply_text",
           "decision_text",
           "harmonise_files",
           "lexer_for",
]
