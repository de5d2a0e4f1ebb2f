"""One CSV line per difference, for spreadsheets.

Public API:

- ``to_csv(comparison, lang="zh", decisions=None) -> str``: the CSV text (``\\r\\n`` line ends,
  minimal quoting), a header in ``lang`` then one line per difference in row order, then in
  the order of ``row.differences``. Category, class and decision status are written as their
  names in ``lang`` (the JSON export keeps the codes).
- ``write_csv(comparison, path, lang="zh", decisions=None)``: writes ``to_csv`` with a UTF-8
  BOM, so Excel detects the encoding and shows Chinese correctly.
- ``decisions_of(row, decisions, comparison)``: the review decision of each difference of a row, or None.

Columns: row id, row label, document, against, jurisdiction of the document, category,
class, old, new, rule, decision status, decision note (the last two empty without
``decisions``). ``decisions`` maps a difference fingerprint
(``compare.store.records.row_fingerprints``) to an object with ``.status`` and ``.note``.

>>> from compare.model import AlignmentRow, Comparison, Difference
>>> row = AlignmentRow("item1", "一", {}, "substantive",
...                    [Difference("b", "a", "substantive", "normative", "应当", "可以")])
>>> for line in to_csv(Comparison((), "a", [row]), "en").splitlines(): print(line)
Row ID,Provision,Document,Compared with,Enacting jurisdiction,Category,Class,Old,New,Rule,Decision,Decision note
item1,一,b,a,,substantive,normative,应当,可以,,,
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from typing import Any

from ..fileio import replace_file
from ..model import AlignmentRow, Comparison
from .labels import LABELS, NAMES

__all__ = ["to_csv", "csv_bytes", "write_csv", "decisions_of"]

HEADER_KEYS = ("row_id", "provision", "document", "against", "jurisdiction", "category", "class",
               "old", "new", "rule", "decision", "decision_note")


def decisions_of(row: AlignmentRow, decisions: Mapping[str, Any] | None,
                 comparison: Comparison | None = None) -> list[Any | None]:
    """The decision recorded for each of ``row.differences`` (None where there is none)."""
    if not decisions:
        return [None] * len(row.differences)
    from ..store.records import document_identities, row_fingerprints  # only needed with decisions

    identities = document_identities(comparison.documents, comparison.base) if comparison is not None else None
    return [decisions.get(fp) for fp in row_fingerprints(row, identities)]


def decision_fields(decision: Any | None, names: Mapping[str, str]) -> tuple[str, str]:
    """(status name, note) of a decision; empty strings when absent."""
    if decision is None:
        return "", ""
    status = getattr(decision, "status", None) or ""
    return names.get(status, status), getattr(decision, "note", None) or ""


def to_csv(comparison: Comparison, lang: str = "zh", decisions: Mapping[str, Any] | None = None) -> str:
    """The differences as CSV text (no BOM; see ``write_csv``)."""
    t, names = LABELS[lang], NAMES[lang]
    jurisdiction = {d.id: d.jurisdiction.name if d.jurisdiction else "" for d in comparison.documents}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t[k] for k in HEADER_KEYS])
    for row in comparison.rows:
        for diff, decision in zip(row.differences, decisions_of(row, decisions, comparison)):
            writer.writerow([
                row.id, row.label, diff.document, diff.against, jurisdiction.get(diff.document, ""),
                names.get(diff.category, diff.category), names.get(diff.cls, diff.cls),
                diff.old, diff.new, diff.rule or "", *decision_fields(decision, names),
            ])
    return out.getvalue()


def csv_bytes(comparison: Comparison, lang: str = "zh", decisions: Mapping[str, Any] | None = None) -> bytes:
    """``to_csv`` encoded with a UTF-8 BOM, so Excel opens the Chinese text correctly."""
    return ("\ufeff" + to_csv(comparison, lang, decisions)).encode("utf-8")


def write_csv(comparison: Comparison, path: str | os.PathLike[str], lang: str = "zh",
              decisions: Mapping[str, Any] | None = None) -> None:
    """Write ``csv_bytes`` (the csv module already wrote the line ends)."""
    replace_file(path, csv_bytes(comparison, lang, decisions))
