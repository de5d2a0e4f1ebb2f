"""How a reader finds their way in a long report: chapters, row labels, heat-map groups.

Public API:

- ``chapters(comparison) -> (starts, toc)``: the chapter bands and table of contents, taken
  from the base document's structure (one band per base chapter, in base order); a row the
  base lacks stays in the base chapter it sits in. ``toc`` entries carry the other
  documents' chapter names where they differ (doc id → their headings within that base
  chapter, joined by "、").
- ``row_labels(comparison, names) -> {row id: (base number, [(doc id, number), ...])}``: the
  base number first (where the base lacks the provision, the first text's, named:
  "天津市第五条"), then each other document's
  number where it differs, so two rows are never both labelled just 第四条.
- ``heat_groups(comparison, starts) -> [(heading, [row, ...]), ...]``: rows grouped by base
  chapter for the heat map (a single group without a heading when there are no chapters).
- ``document_labels(comparison)``: column names (the jurisdiction, dated where two share
  it); ``common_title(comparison)``: the title the documents share.
- ``ordinal_label(row, base) -> str``: a short heat-map label (the base ordinal, "序" for a
  preamble, "+" for a row the base lacks).
"""

from __future__ import annotations

import re

from typing import Any

from ..errors import shown_path
from ..model import AlignmentRow, Comparison
from .comparative import content_documents

__all__ = ["chapters", "row_labels", "heat_groups", "ordinal_label", "differing_names", "chosen_reasons"]


def _chapter(row: AlignmentRow, doc_id: str) -> str | None:
    cell = row.cells.get(doc_id)
    return cell.provisions[0].chapter if cell is not None and cell.provisions else None


def _source_doc(comparison: Comparison) -> str | None:
    """The document whose chapters structure the report: the base, else the first with any
    among texts sharing its draft (their chapters follow its order; a text drafted
    independently orders its chapters its own way, so its headings would fall among the
    base's rows out of place and repeat)."""
    independent = set(content_documents(comparison))
    for doc_id in [comparison.base] + [d.id for d in comparison.documents if d.id not in independent]:
        if any(_chapter(r, doc_id) for r in comparison.rows):
            return doc_id
    return None


def chapters(comparison: Comparison) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Row id → chapter heading where a band begins, and the table of contents."""
    source = _source_doc(comparison)
    starts: dict[str, str] = {}
    toc: list[dict[str, Any]] = []
    if source is None:
        return starts, toc
    last = None
    for row in comparison.rows:
        heading = _chapter(row, source)
        if heading and heading != last:
            starts[row.id] = heading
            toc.append({"row": row.id, "heading": heading, "others": {}})
            last = heading
        if toc and row.cells.get(source) is not None:  # rows the base lacks name no base chapter's counterpart
            _note_other_names(toc[-1], row, comparison, source)
    return starts, differing_names(toc)


def _note_other_names(entry: dict[str, Any], row: AlignmentRow, comparison: Comparison, source: str) -> None:
    """Record, once per document, another document's chapter name for this base chapter."""
    for doc in comparison.documents:
        heading = _chapter(row, doc.id)
        if doc.id != source and heading is not None and heading not in entry["others"].setdefault(doc.id, []):
            entry["others"][doc.id].append(heading)


def differing_names(toc: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The toc with, per entry, only the other names that differ from the heading."""
    def squash(text: str) -> str:
        return "".join(text.split())

    out = []
    for e in toc:
        others = {k: "、".join(v) for k, v in e["others"].items()
                  if [squash(x) for x in v] != [squash(e["heading"])]}
        out.append({**e, "others": others})
    return out


def row_labels(comparison: Comparison, names: dict[str, str] | None = None) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Row id → (base number, [(doc id, number) of others where it differs]); a row the
    base lacks is labelled by the first text that has it, named ("天津市第五条", ``names``:
    doc id → jurisdiction label), never by a dash that reads as 一."""
    out = {}
    for row in comparison.rows:
        base = row.cells.get(comparison.base)
        owner = comparison.base
        if base is not None:
            base_number = base.number
        else:
            owner = next(d.id for d in comparison.documents if row.cells.get(d.id) is not None)
            base_number = (names or {}).get(owner, "") + row.cells[owner].number  # type: ignore[union-attr]
        others = [(d.id, cell.number) for d in comparison.documents
                  if d.id not in (comparison.base, owner) and (cell := row.cells.get(d.id)) is not None
                  and cell.number != base_number]
        out[row.id] = (base_number, others)
    return out


def heat_groups(comparison: Comparison, starts: dict[str, str]) -> list[tuple[str, list[AlignmentRow]]]:
    """Rows grouped by the chapter band they sit under."""
    groups: list[tuple[str, list[AlignmentRow]]] = []
    for row in comparison.rows:
        if row.id in starts or not groups:
            groups.append((starts.get(row.id, ""), []))
        groups[-1][1].append(row)
    return groups


def ordinal_label(row: AlignmentRow, base: str) -> str:
    """A label of at most four characters for a heat-map column."""
    cell = row.cells.get(base)
    if cell is None:
        return "+"
    first = cell.provisions[0]
    if first.ordinal is None:
        return "序" if first.kind == "preamble" else first.number[:2]
    return str(first.ordinal)


def document_labels(comparison: Comparison) -> dict[str, str]:
    """Column names: the jurisdiction, with the version date (or id) where two share it."""
    names = {d.id: d.jurisdiction.name if d.jurisdiction else d.id for d in comparison.documents}
    repeated = {n for n in names.values() if list(names.values()).count(n) > 1}
    return {d.id: f"{names[d.id]}（{d.version_date or _dated(d.id)}）" if names[d.id] in repeated else names[d.id]
            for d in comparison.documents}


def _dated(doc_id: str) -> str:
    """The date a document id carries (保障中小企业款项支付条例-2020-07-05 → 2020-07-05), else the id."""
    found = re.search(r"\d{4}-\d{2}-\d{2}", doc_id)
    return found.group(0) if found else doc_id


def common_title(comparison: Comparison) -> str:
    """The title shared by the documents once the enacting body is removed."""
    titles = []
    for doc in comparison.documents:
        title = doc.title
        if doc.jurisdiction and title.startswith(doc.jurisdiction.name):
            title = title[len(doc.jurisdiction.name):]
            for organ in ("人民代表大会常务委员会", "人民政府", "人民代表大会"):
                title = title.removeprefix(organ)
        titles.append(title)
    return titles[0] if len(set(titles)) == 1 else " / ".join(dict.fromkeys(titles))


def chosen_reasons(comparison: Comparison) -> dict[str, str]:
    """Why ``--similar-in`` chose each text it chose, by the text's path as its document
    gives it (``shown_path``: the same form, whatever the file's name)."""
    return {shown_path(k.removeprefix("chosen:")): v for k, v in comparison.options.items() if k.startswith("chosen:")}
