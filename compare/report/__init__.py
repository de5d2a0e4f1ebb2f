"""Render a ``Comparison``: a self-contained HTML report and the JSON contract.

Public API:

- ``render_html(comparison, lang="zh") -> str``: one HTML file with inline CSS and one
  inline script (``templates/_report.js``), nothing fetched: a column per document (base
  first), a row per aligned provision, ``<del>``/``<ins>`` for changes, ``<mark>`` for
  jurisdiction wording, a summary, a heat map wrapped by chapter, a table of contents and
  chapter bands from the base structure (``navigation``), filters with counts kept in the
  URL hash, a search, next/previous difference, a print stylesheet. Templates are files
  under ``templates/`` rendered by Jinja2 with autoescaping on, so legislation text
  containing markup is shown as text.
- ``to_json(comparison) -> str`` and ``comparison_to_dict`` (``json_export``); the PDF
  (``pdf``), Word 对照表 (``docx_export``), redline (``redline``), CSV (``csv_export``) and
  the same as an Excel workbook (``xlsx_export``) elsewhere.

Output is deterministic: the same comparison gives byte-identical files.
"""

from __future__ import annotations

import os
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..model import CATEGORIES, STATUSES, Comparison
from ..structure.describe import describe_warnings
from ..visible import visible
from ..vocabulary import CLASS_CATEGORY, NAMES
from .cells import absent_note, cell_status, merged_note, paragraphs, part_starts
from .comparative import (
    anchors,
    content_documents,
    coverage,
    notable_differences,
    substantive_row,
    unmatched,
    unmatched_rows,
)
from .drafts import DRAFT_LABELS, drafts_view
from .json_export import comparison_to_dict, summary, to_json
from .labels import LABELS
from .navigation import (
    chapters,
    chosen_reasons,
    common_title,
    document_labels,
    heat_groups,
    ordinal_label,
    row_labels,
)

if TYPE_CHECKING:
    from jinja2 import BytecodeCache, Environment

__all__ = ["comparison_to_dict", "common_title", "document_labels", "navigation_context", "render_html", "summary", "to_json"]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Jinja2 over the report's templates (imported here: a comparison without an HTML
    output never loads Jinja2)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("compare.report", "templates"),
        bytecode_cache=template_cache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["visible"] = visible  # names, titles and notes (compare.visible); never the legal text
    return env


def template_cache() -> BytecodeCache | None:
    """Compiled templates kept in ``cache.cache_dir()/jinja`` (keyed by Jinja on each
    template's source, so an edited template is compiled again): parsing and compiling the
    report's templates took as long as rendering them. None when the folder cannot be made."""
    from jinja2 import FileSystemBytecodeCache

    from ..cache import cache_dir

    folder = os.path.join(cache_dir(), "jinja")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(folder)


def render_html(comparison: Comparison, lang: str = "zh", decisions: dict[str, Any] | None = None,
                drafts: list[Any] | None = None) -> str:
    """The comparison as one self-contained HTML document; ``drafts``
    (``compare.amend.items.Draft``) add a section of draft amendment decisions."""
    template = _environment().get_template("report.html")
    base_name = document_labels(comparison)[comparison.base]
    draft_sections, draft_links = drafts_view(drafts, comparison, lang) if drafts else ([], {})
    return template.render(
        draft_sections=draft_sections, draft_links=draft_links, dl=DRAFT_LABELS["en" if lang == "en" else "zh"],
        c=comparison,
        docs=comparison.documents,
        rows=comparison.rows,
        summary=summary(comparison),
        class_counts=_class_counts(comparison),
        present_classes={d.cls for r in comparison.rows for d in r.differences},
        t=LABELS[lang],
        names=NAMES[lang],
        lang=lang,
        statuses=STATUSES,
        categories=CATEGORIES,
        class_category=CLASS_CATEGORY,
        decisions=decisions or {},
        title=common_title(comparison),
        cell_status=cell_status(comparison),
        paragraphs=paragraphs,
        absent_note=absent_note,
        part_starts=lambda r, d: part_starts(r, d, comparison.base, base_name, LABELS[lang]),
        merged_note=lambda r, d: merged_note(r, d, comparison.base, base_name, LABELS[lang]),
        structural_classes=[cls for cls, cat in CLASS_CATEGORY.items() if cat == "structural"],
        row_fps=_fingerprints(comparison) if decisions else {},
        **navigation_context(comparison),
        doc_label=document_labels(comparison),
        **_comparative(comparison),
        chosen=chosen_reasons(comparison),
        warning_sentences={d.id: describe_warnings(d.warnings, lang) for d in comparison.documents},
    )


def _comparative(comparison: Comparison) -> dict[str, Any]:
    """What the 立法比较 parts of the report need (``comparative``); empty when no text
    was matched by content."""
    content_docs = content_documents(comparison)
    if not content_docs:
        return {"content_docs": [], "hidden_rows": set(), "anchor_of": {}, "notable": notable_differences}
    return {"content_docs": content_docs, "hidden_rows": unmatched_rows(comparison),
            "coverage": coverage(comparison), "unmatched_groups": unmatched(comparison),
            "anchor_of": anchors(comparison), "notable": notable_differences}


def navigation_context(comparison: Comparison) -> dict[str, Any]:
    """Chapter bands and table of contents (base structure), row labels, heat-map groups,
    filter counts, and where moved cells sit."""
    starts, toc = chapters(comparison)
    labels = row_labels(comparison, document_labels(comparison))
    content_docs = content_documents(comparison)
    substantive = {r.id for r in comparison.rows if substantive_row(r, content_docs)}
    return {"chapter_starts": starts, "toc": toc, "moved_after": _moved_after(comparison),
            "row_labels": labels, "row_tip": {k: " / ".join([b, *(n for _, n in o)]) for k, (b, o) in labels.items()},
            "heat_groups": heat_groups(comparison, starts),
            "heat_label": {r.id: ordinal_label(r, comparison.base) for r in comparison.rows},
            "filter_counts": _filter_counts(comparison, substantive),
            "substantive_rows": substantive}


def _filter_counts(comparison: Comparison, substantive: set[str]) -> dict[str, int]:
    """How many rows each filter button shows (the same rules as the report's script, the
    rows the substantive filter shows given); rows listed among the provisions without
    counterpart are not in the table."""
    hidden = unmatched_rows(comparison)
    rows = [r for r in comparison.rows if r.id not in hidden]
    return {"all": len(rows),
            "substantive": sum(r.id in substantive for r in rows),
            "hide-jurisdictional": sum(r.status != "jurisdictional" for r in rows),
            "structural": sum(any(d.category == "structural" for d in r.differences) for r in rows)}


def _moved_after(comparison: Comparison) -> dict[tuple[str, str], tuple[str, str]]:
    """(row id, doc id) of a moved cell → (row id, number) of the provision it follows there."""
    row_of = {(doc_id, p.id): row for row in comparison.rows
              for doc_id, cell in row.cells.items() if cell is not None for p in cell.provisions}
    moved_after: dict[tuple[str, str], tuple[str, str]] = {}
    for doc in comparison.documents:
        for previous, prov in zip(doc.provisions, doc.provisions[1:]):
            row = row_of.get((doc.id, prov.id))
            cell = row.cells[doc.id] if row else None
            if row is not None and cell is not None and cell.moved and (doc.id, previous.id) in row_of:
                before = row_of[(doc.id, previous.id)]
                moved_after[(row.id, doc.id)] = (before.id, previous.number)
    return moved_after


def _fingerprints(comparison: Comparison) -> dict[str, list[str]]:
    """Row id → the stored fingerprint of each of its differences, to look up decisions."""
    from ..store import difference_fingerprints

    return {row.id: fps for row, fps in zip(comparison.rows, difference_fingerprints(comparison))}


def _class_counts(comparison: Comparison) -> dict[str, Counter[str]]:
    """Per document, how many differences of each class (in a stable order)."""
    counts: dict[str, Counter[str]] = {d.id: Counter() for d in comparison.documents}
    for row in comparison.rows:
        for diff in row.differences:
            counts[diff.document][diff.cls] += 1
    return counts
