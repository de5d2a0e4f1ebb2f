"""The differences as CSV, for spreadsheet work: one line per difference.

Public API:

- ``to_csv(comparison, lang="zh", decisions=None, formatting=False) -> str``: the CSV text
  (``\r\n`` line ends, minimal quoting): a header in ``lang``, then the differences in row
  order. Formatting-only differences (punctuation, width, whitespace, paragraph breaks,
  numerals, references that follow renumbering) are summarised in one line per row and
  document (class 格式差异（共 N 处）, counts by class as the rule, no fingerprint) unless
  ``formatting`` is true, when each has its own line. Category, class and decision status
  are written as names in ``lang`` (the JSON export keeps the codes).
- ``csv_bytes(...)`` / ``write_csv(comparison, path, ...)``: ``to_csv`` with a UTF-8 BOM, so
  Excel detects the encoding.
- ``decisions_of(row, decisions, comparison)``: the review decision of each difference of a row.
- ``table_rows(comparison, lang, decisions, formatting)``: the header and the lines as lists of
  cells, paragraph breaks written ¶ but formula leads not yet quoted: what the CSV and the
  spreadsheet (``compare.report.xlsx_export``) both write.

Columns: row id, row label, document, its provision ids, compared with, its provision ids,
enacting jurisdiction of the document, category, class, old, new, context (the text around
the change, the change in ［］), rule, fingerprint (give it to ``legiscompare review set``),
decision, decision note, reviewer.

Spreadsheet safety: a paragraph break inside a cell is written ¶ (no cell starts or ends
with a line break), and every text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return gets a leading apostrophe, so a spreadsheet shows it as text instead of
running it as a formula (OWASP's advice on CSV injection).

>>> from compare.model import AlignmentRow, Comparison, Difference
>>> row = AlignmentRow("item1", "一", {}, "substantive",
...                    [Difference("b", "a", "substantive", "normative", "应当", "=可以")])
>>> print(to_csv(Comparison((), "a", [row]), "en").splitlines()[1][:55])
item1,一,b,,a,,,substantive,normative,应当,'=可以,［应当→=可以］,,
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..fileio import replace_file
from ..model import AlignmentRow, Comparison
from ..visible import visible
from ..vocabulary import NAMES
from .labels import LABELS

__all__ = ["to_csv", "csv_bytes", "write_csv", "decisions_of", "table_rows", "FORMULA_LEADS"]

HEADER_KEYS = ("row_id", "provision", "document", "document_provisions", "against", "against_provisions",
               "jurisdiction", "category", "class", "old", "new", "context", "rule", "fingerprint", "decision",
               "decision_note", "reviewer")
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would evaluate such a cell
PARAGRAPH_MARK = "¶"


def decisions_of(row: AlignmentRow, decisions: Mapping[str, Any] | None,
                 comparison: Comparison | None = None) -> list[Any | None]:
    """The decision recorded for each of ``row.differences`` (None where there is none)."""
    if not decisions:
        return [None] * len(row.differences)
    from ..store.records import document_identities, row_fingerprints  # only needed with decisions

    identities = document_identities(comparison.documents, comparison.base) if comparison is not None else None
    return [decisions.get(fp) for fp in row_fingerprints(row, identities)]


def decision_fields(decision: Any | None, names: Mapping[str, str]) -> tuple[str, str]:
    """(status name, note) of a decision, the note's invisible characters shown (``compare.visible``);
    empty strings when absent."""
    if decision is None:
        return "", ""
    status = getattr(decision, "status", None) or ""
    return names.get(status, status), visible(getattr(decision, "note", None) or "", lines=True)


def table_rows(comparison: Comparison, lang: str = "zh", decisions: Mapping[str, Any] | None = None,
               formatting: bool = False) -> list[list[str]]:
    """The header (in ``lang``) and one list of cells per difference (or formatting summary), in
    row order: the cells of ``to_csv`` before formula leads are quoted."""
    from ..store.records import difference_fingerprints, document_identities, row_anchors

    t, names = LABELS[lang], NAMES[lang]
    jurisdiction = {d.id: d.jurisdiction.name if d.jurisdiction else "" for d in comparison.documents}
    identities = document_identities(comparison.documents, comparison.base)
    out = [[t[k] for k in HEADER_KEYS]]
    for row, fingerprints in zip(comparison.rows, difference_fingerprints(comparison)):
        ids = {doc: "+".join(p.id for p in cell.provisions) for doc, cell in row.cells.items() if cell}
        summarised: dict[tuple[str, str], Counter[str]] = {}
        for diff, anchor, fp in zip(row.differences, row_anchors(row, identities), fingerprints):
            if diff.category == "formatting" and not formatting:
                summarised.setdefault((diff.document, diff.against), Counter())[diff.cls] += 1
                continue
            decision = (decisions or {}).get(fp)
            out.append(_flat([
                row.id, row.label, diff.document, ids.get(diff.document, ""), diff.against, ids.get(diff.against, ""),
                jurisdiction.get(diff.document, ""), names.get(diff.category, diff.category),
                names.get(diff.cls, diff.cls), diff.old, diff.new, _context(anchor.context, diff), diff.rule or "",
                fp, *decision_fields(decision, names), visible(getattr(decision, "reviewer", "") or ""),
            ]))
        for (doc, against), classes in summarised.items():
            counts = t["semicolon"].join(f"{names.get(c, c)} {n}" for c, n in sorted(classes.items()))
            out.append(_flat([
                row.id, row.label, doc, ids.get(doc, ""), against, ids.get(against, ""), jurisdiction.get(doc, ""),
                names["formatting"], t["formatting_summary"].format(n=sum(classes.values())), "", "", "", counts,
                "", "", "", "",
            ]))
    return out


def to_csv(comparison: Comparison, lang: str = "zh", decisions: Mapping[str, Any] | None = None,
           formatting: bool = False) -> str:
    """The differences as CSV text (no BOM; see ``write_csv``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header, *lines = table_rows(comparison, lang, decisions, formatting)
    writer.writerow(header)
    writer.writerows([_quoted(cells) for cells in lines])
    return out.getvalue()


def _context(context: str, diff: Any) -> str:
    """The text around a change with the change in ［］: 第十条［应当→可以］依法…"""
    before, _, after = context.partition("|")
    if diff.old and diff.new:
        change = f"{diff.old}→{diff.new}"
    else:
        change = diff.new or diff.old
    return f"{before}［{change}］{after}" if "|" in context else f"［{change}］"


def _flat(cells: list[str]) -> list[str]:
    """Cells without line breaks: paragraph breaks written ¶."""
    return [PARAGRAPH_MARK.join(part.strip() for part in cell.split("\n")) if "\n" in cell else cell
            for cell in cells]


def _quoted(cells: list[str]) -> list[str]:
    """Cells a spreadsheet shows as text: formula leads quoted with an apostrophe."""
    return ["'" + cell if cell.startswith(FORMULA_LEADS) else cell for cell in cells]


def csv_bytes(comparison: Comparison, lang: str = "zh", decisions: Mapping[str, Any] | None = None,
              formatting: bool = False) -> bytes:
    """``to_csv`` encoded with a UTF-8 BOM, so Excel opens the Chinese text correctly."""
    return ("\ufeff" + to_csv(comparison, lang, decisions, formatting)).encode("utf-8")


def write_csv(comparison: Comparison, path: str | os.PathLike[str], lang: str = "zh",
              decisions: Mapping[str, Any] | None = None, formatting: bool = False) -> None:
    """Write ``csv_bytes`` (the csv module already wrote the line ends)."""
    replace_file(path, csv_bytes(comparison, lang, decisions, formatting))
