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
no reading is shared by more documents than any other. Documents matched to the base by
content (drafted independently, ``compare.align.content``) add: ``"alignment": "content"``
on the document (``"sequence"`` for the others, ``"base"`` for the base); the structural
class and row status ``unmatched`` (无对应条款); on rows the base has, ``counterparts``:
doc id → ``[{"provision", "id", "similarity", "terms", "in_row", "via"}]`` (``in_row`` false
for a provision that stands in another row, "另见"; ``via``: the other texts' provisions that
placed it in the row, ``compare.align.partners``); and at the top level ``coverage`` (the
matrix of ``compare.report.comparative``: per base chapter and per other text's chapter of
provisions the base lacks, each document's matched/total and mean similarity; in the latter,
the owner's own cell has ``"own": true`` and ``matched`` 0; ``"chapter": ""`` outside any
chapter) and
``unmatched`` (per document and chapter, the provisions without counterpart). Keys are
written sorted and without timestamps, so the same inputs give byte-identical output.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any

from ..model import STATUSES, AlignmentRow, Cell, Comparison, Difference, Document
from .comparative import Coverage, CoverageRow, content_documents, coverage, unmatched
from .navigation import chosen_reasons

JSON_BATCH = 8192  # pieces of JSON text encoded at once (json_bytes)
SCHEMA_VERSION = 2  # 2: structural differences and statuses (README "JSON format")


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data."""
    reasons = chosen_reasons(comparison)
    out = {
        "schema_version": SCHEMA_VERSION,
        "base": comparison.base,
        "documents": [_document(d, _alignment(comparison, d.id)) | _chosen(reasons, d) for d in comparison.documents],
        "rows": [_row(r) for r in comparison.rows],
        "summary": summary(comparison),
    }
    if content_documents(comparison):
        out["coverage"] = _coverage(coverage(comparison))
        out["unmatched"] = [{"document": g.document, "chapter": g.heading,
                             "provisions": [{"provision": i.number, "id": i.provision, "row": i.row,
                                             "reads_like": [{"document": d, "provision": n} for d, n in i.also]}
                                            for i in g.items]}
                            for g in unmatched(comparison)]
    return out


def _alignment(comparison: Comparison, doc_id: str) -> str:
    if doc_id == comparison.base:
        return "base"
    return comparison.options.get(f"method:{doc_id}", "sequence")


def _coverage(cov: Coverage) -> dict[str, Any]:
    def cells(row: CoverageRow, own: str | None = None) -> dict[str, Any]:
        return {d: {"matched": c.matched, "total": c.total, "similarity": c.similarity} | ({"own": True} if d == own else {})
                for d, c in row.cells.items()}

    return {"documents": list(cov.columns),
            "base_chapters": [{"chapter": r.heading, "cells": cells(r)} for r in cov.base_rows],
            "unmatched_chapters": [{"document": r.owner, "chapter": r.heading, "cells": cells(r, r.owner)}
                                   for r in cov.own_rows]}


def to_json(comparison: Comparison) -> str:
    """Deterministic JSON text (sorted keys, UTF-8 characters kept, trailing newline)."""
    return json_bytes(comparison).decode("utf-8")


def json_bytes(comparison: Comparison) -> bytes:
    """``to_json`` as UTF-8 bytes, encoded a batch of pieces at a time: the whole text as one
    list of pieces (what ``json.dumps`` builds when indenting) costs several times its size."""
    out = io.BytesIO()
    batch: list[str] = []
    encoder = json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=True)
    for piece in encoder.iterencode(comparison_to_dict(comparison)):
        batch.append(piece)
        if len(batch) >= JSON_BATCH:
            out.write("".join(batch).encode("utf-8"))
            batch.clear()
    batch.append("\n")
    out.write("".join(batch).encode("utf-8"))
    return out.getvalue()


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


def _chosen(reasons: dict[str, str], doc: Document) -> dict[str, str]:
    """Why ``--similar-in`` chose the document (``{"chosen": reason}``, from ``chosen_reasons``), when it did."""
    reason = reasons.get(doc.source.path)
    return {"chosen": reason} if reason else {}


def _document(doc: Document, alignment: str) -> dict[str, Any]:
    jur = doc.jurisdiction
    return {
        "id": doc.id,
        "alignment": alignment,
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
    out = {
        "id": row.id,
        "label": row.label,
        "cells": {doc_id: _cell(cell) for doc_id, cell in row.cells.items()},
        "status": row.status,
        "differences": [_difference(d) for d in row.differences],
        "majority": {"documents": list(row.majority), "agree": len(row.majority),
                     "of": sum(1 for c in row.cells.values() if c is not None),
                     "departing": [d for d, c in row.cells.items() if c is not None and d not in row.majority]},
    }
    if row.counterparts:
        out["counterparts"] = {d: [{"provision": c.number, "id": c.provision, "similarity": c.similarity,
                                    "terms": list(c.terms), "in_row": c.placed,
                                    "via": [{"document": d, "provision": n} for d, n in c.via]} for c in cps]
                               for d, cps in row.counterparts.items()}
    return out


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
