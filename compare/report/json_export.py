"""The JSON contract other tools read (extend it, never break it).

``comparison_to_dict(comparison)`` builds::

    {"documents": [{"id", "file", "title", "jurisdiction", "adopted"}],
     "rows": [{"id", "label", "cells": {doc_id: {"provision", "id", "text"} | null},
               "status", "differences": [{"document", "against", "category", "class",
                                          "old", "new"}]}]}

Additions beyond the first contract: documents carry ``jurisdiction_code``,
``adoption_note`` and ``warnings``; a cell of several provisions (split or merge) carries
``parts``; a moved provision carries ``"moved": true``; differences carry ``rule`` when an
equivalence explains them; each row carries ``majority`` (which documents share the most
common reading, "2 of 3 agree", and which depart from it); the top level carries ``base``
and ``summary``. Schema version 2 adds the ``structural`` category (classes ``added``,
``deleted``, ``absent``, ``moved``, ``split``, ``merged``, ``renumbered``: see
``compare.classify.structural``), row statuses named after them, and an empty majority when
no reading is shared by more documents than any other. Keys are
written sorted and without timestamps, so the same inputs give byte-identical output.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..model import STATUSES, AlignmentRow, Cell, Comparison, Difference, Document

SCHEMA_VERSION = 2  # 2: structural differences and statuses (README "JSON format")


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data."""
    return {
        "schema_version": SCHEMA_VERSION,
        "base": comparison.base,
        "documents": [_document(d) for d in comparison.documents],
        "rows": [_row(r) for r in comparison.rows],
        "summary": summary(comparison),
    }


def to_json(comparison: Comparison) -> str:
    """Deterministic JSON text (sorted keys, UTF-8 characters kept, trailing newline)."""
    return json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def summary(comparison: Comparison) -> dict[str, Any]:
    """Counts of rows by status, and of differences by category and class per document."""
    statuses = Counter(r.status for r in comparison.rows)
    per_doc: dict[str, dict[str, Counter[str]]] = {}
    for row in comparison.rows:
        for diff in row.differences:
            entry = per_doc.setdefault(diff.document, {"categories": Counter(), "classes": Counter()})
            entry["categories"][diff.category] += 1
            entry["classes"][diff.cls] += 1
    return {
        "rows": len(comparison.rows),
        "statuses": {s: statuses.get(s, 0) for s in STATUSES},
        "differences": {doc: {k: dict(sorted(v.items())) for k, v in entry.items()}
                        for doc, entry in sorted(per_doc.items())},
    }


def _document(doc: Document) -> dict[str, Any]:
    jur = doc.jurisdiction
    return {
        "id": doc.id,
        "file": doc.source.path,
        "title": doc.title,
        "jurisdiction": jur.name if jur else None,
        "jurisdiction_code": jur.code if jur else None,
        "adopted": doc.adopted,
        "version_date": doc.version_date,
        "adoption_note": doc.adoption_note,
        "sha256": doc.source.sha256,
        "warnings": list(doc.warnings),
    }


def _row(row: AlignmentRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "label": row.label,
        "cells": {doc_id: _cell(cell) for doc_id, cell in row.cells.items()},
        "status": row.status,
        "differences": [_difference(d) for d in row.differences],
        "majority": {"documents": list(row.majority), "agree": len(row.majority),
                     "of": sum(1 for c in row.cells.values() if c is not None),
                     "departing": [d for d, c in row.cells.items() if c is not None and d not in row.majority]},
    }


def _cell(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    first = cell.provisions[0]
    out: dict[str, Any] = {"provision": cell.number, "id": first.id, "text": cell.text}
    if len(cell.provisions) > 1:
        out["parts"] = [{"provision": p.number, "id": p.id, "text": p.text} for p in cell.provisions]
    if cell.moved:
        out["moved"] = True
    return out


def _difference(diff: Difference) -> dict[str, Any]:
    out = {"document": diff.document, "against": diff.against, "category": diff.category,
           "class": diff.cls, "old": diff.old, "new": diff.new}
    if diff.rule:
        out["rule"] = diff.rule
    return out
