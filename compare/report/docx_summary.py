"""The working notes after the Word 对照表's table (``--docx-notes``): the texts in full with
their parser notes, rows by status, differences by category and by class per text.

Public API: ``summary_section(doc, comparison, t, names, lang)``, called by ``docx_export``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import CATEGORIES, STATUSES, Comparison
from ..structure.describe import describe_warnings
from ..visible import visible
from ..vocabulary import CLASS_CATEGORY
from .json_export import summary
from .word import heading, run, table

__all__ = ["summary_section", "column_name"]


def column_name(doc: Any) -> str:
    """Jurisdiction and version date: "中华人民共和国（2023-09-01）"."""
    name = doc.jurisdiction.name if doc.jurisdiction else doc.id
    date = doc.version_date or doc.adopted
    return f"{name}（{date}）" if date else name


def summary_section(doc: Any, comparison: Comparison, t: Mapping[str, str], names: Mapping[str, str],
                    lang: str) -> None:
    """The documents, rows by status and the differences counted, on a page of their own."""
    stats = summary(comparison)
    others = [d for d in comparison.documents if d.id != comparison.base]
    head = heading(doc, t["summary"], 2)
    head.paragraph_format.page_break_before = True

    heading(doc, t["documents"], 3)
    table(doc, [t["doc_id"], t["jurisdiction"], t["adopted"], t["version"], t["file"], t["title"]], [
        [d.id + (f"（{t['base']}）" if d.id == comparison.base else ""),
         d.jurisdiction.name if d.jurisdiction else "", d.adopted or "", d.version_date or "", visible(d.source.name),
         visible(d.title) + (f"\n{t['warnings']}{t['colon']}" + t["semicolon"].join(describe_warnings(d.warnings, lang))
                             if d.warnings else "")]
        for d in comparison.documents])

    count = doc.add_paragraph()
    count.paragraph_format.keep_with_next = True  # with the table it introduces
    run(count, f"{t['rows']}{t['colon']}{stats['rows']}")
    shown = [s for s in STATUSES if stats["statuses"][s] or s == "identical"]
    table(doc, [t["status"]] + [names[s] for s in shown], [[t["rows"]] + [str(stats["statuses"][s]) for s in shown]])

    per_doc = stats["differences"]
    heading(doc, t["category_by_document"], 3)
    rows = [[names[cat]] + [str(per_doc.get(d.id, {}).get("categories", {}).get(cat, 0)) for d in others]
            for cat in CATEGORIES]
    rows.append([t["total"]] + [str(sum(per_doc.get(d.id, {}).get("categories", {}).values())) for d in others])
    table(doc, [t["category"]] + [column_name(d) for d in others], rows)

    present = {x.cls for r in comparison.rows for x in r.differences}
    heading(doc, t["category_total"], 3)
    table(doc, [t["class"]] + [column_name(d) for d in others], [
        [f"{names[cat]}{t['colon']}{names[cls]}"]
        + [str(per_doc.get(d.id, {}).get("classes", {}).get(cls, 0)) for d in others]
        for cls, cat in CLASS_CATEGORY.items() if cls in present])
