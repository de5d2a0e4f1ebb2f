"""The 立法比较 parts of the Word 对照表, for texts matched by content (``comparative``).

Public API (called by ``docx_export``):

- ``coverage_table(doc, comparison, t)``: the coverage matrix (who regulates what, how
  closely) under its own heading.
- ``counterpart_cell(cell, row, doc_id, labels, t, names, notes)``: a content-matched
  document's cell: each counterpart's number and the text; with ``notes`` also each
  counterpart's similarity, shared terms and the other texts' provisions that placed it
  (经其他文本对应), the differences worth naming (normative, quantity, list item…), then "另见".
- ``unmatched_section(doc, comparison, labels, t, notes)``: the provisions without
  counterpart, per jurisdiction under their own chapter headings (with ``notes``, which
  provisions elsewhere each reads like).
- ``difference_note(paragraph, diff, decision, t, names)``: one difference under a text
  (class, old → new or its rule, the decision's status and note), as every 对照表 cell lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import AlignmentRow, Comparison
from .comparative import coverage, notable_differences, unmatched
from .word import DEL, GREY, INS, MOVED, NOTE_PT, TEXT_PT, heading, run, set_widths, table, usable_mm

__all__ = ["coverage_table", "counterpart_cell", "unmatched_section", "difference_note"]

COVERAGE_CHAPTER_MM, COVERAGE_CELL_MM = 60, 40  # the chapter column, and each text's at most


def coverage_table(doc: Any, comparison: Comparison, labels: Mapping[str, str], t: Mapping[str, str]) -> None:
    """The coverage matrix: base chapters, then other texts' chapters the base lacks."""
    cov = coverage(comparison)
    heading(doc, t["coverage"], 2)
    hint = doc.add_paragraph()
    hint.paragraph_format.keep_with_next = True
    run(hint, t["coverage_hint"], size=NOTE_PT, color=GREY)
    rows = [[r.heading or t["chapter_none"]] + [_share(r.cells[d]) for d in cov.columns] for r in cov.base_rows]
    band = [[t["coverage_own"]] + [""] * len(cov.columns)] if cov.own_rows else []  # names the part, as in HTML
    rows += band + [[f"{labels[r.owner]}{t['colon']}{r.heading or t['chapter_none']}"]
                    + [t["coverage_only"].format(n=r.cells[d].total) if d == r.owner else _share(r.cells[d])
                       for d in cov.columns] for r in cov.own_rows]
    grid = table(doc, [t["coverage_chapter"]] + [labels[d] for d in cov.columns], rows)
    share = (usable_mm() - COVERAGE_CHAPTER_MM) / max(1, len(cov.columns))
    set_widths(grid, [COVERAGE_CHAPTER_MM] + [min(share, COVERAGE_CELL_MM)] * len(cov.columns))
    if band:
        cells = grid.rows[1 + len(cov.base_rows)].cells
        merged = cells[0].merge(cells[-1])
        for extra in merged.paragraphs[1:]:  # merging keeps each cell's (empty) paragraph
            extra._element.getparent().remove(extra._element)
        for piece in merged.paragraphs[0].runs:
            piece.bold = True


def _share(cell: Any) -> str:
    return f"{cell.matched}/{cell.total}" + (f"（{cell.similarity:.2f}）" if cell.similarity is not None else "")


def counterpart_cell(cell: Any, row: AlignmentRow, doc_id: str, labels: Mapping[str, str], t: Mapping[str, str],
                     names: Mapping[str, str], notes: bool = True) -> None:
    """A content-matched document's cell (see the module docstring; ``labels``: doc id → name)."""
    label = labels[doc_id]
    own = row.cells.get(doc_id)
    paragraph = cell.paragraphs[0]
    if own is None:
        run(paragraph, t["no_counterpart"], italic=True, color=GREY, size=TEXT_PT)
    else:  # each provision under its own head, so two matched provisions never run together
        placed = {c.provision: c for c in row.counterparts.get(doc_id, ()) if c.placed}
        for k, provision in enumerate(own.provisions):
            if k:
                paragraph = cell.add_paragraph()
            cp = placed.get(provision.id)
            run(paragraph, f"{label}{cp.number if cp else provision.number}", bold=True, size=TEXT_PT)
            if notes and cp is not None:
                terms = f"　{t['shared_terms']}{t['colon']}{'、'.join(cp.terms)}" if cp.terms else ""
                via = t["list_sep"].join(f"{labels.get(d, '')}{n}" for d, n in cp.via)
                via = f"　{t['via']}{t['colon']}{via}" if via else ""
                run(paragraph, f"　{t['similarity'].format(value=f'{cp.similarity:.2f}')}{terms}{via}", size=NOTE_PT,
                    color=GREY)
            for text in provision.paragraphs:
                run(cell.add_paragraph(), text, size=TEXT_PT)
        for diff in notable_differences(row, doc_id) if notes else ():
            difference_note(cell.add_paragraph(), diff, ("", ""), t, names)
    others = [c for c in row.counterparts.get(doc_id, ()) if not c.placed] if notes else []
    if others:
        also = t["list_sep"].join(f"{c.number}（{t['similarity'].format(value=f'{c.similarity:.2f}')}）" for c in others)
        run(cell.add_paragraph(), f"{t['see_also']}{t['colon']}{also}", size=NOTE_PT, color=MOVED)


def unmatched_section(doc: Any, comparison: Comparison, labels: Mapping[str, str], t: Mapping[str, str],
                      notes: bool = True) -> None:
    """Provisions without counterpart, per jurisdiction and chapter."""
    head = heading(doc, t["unmatched_title"], 2)
    head.paragraph_format.page_break_before = True
    run(doc.add_paragraph(), t["unmatched_hint"], size=NOTE_PT, color=GREY)
    groups = unmatched(comparison)
    if not groups:
        run(doc.add_paragraph(), t["unmatched_none"], size=TEXT_PT)
    current = None
    for group in groups:
        if group.document != current:
            current = group.document
            heading(doc, labels[current], 3)
        chapter = doc.add_paragraph()
        chapter.paragraph_format.keep_with_next = True
        run(chapter, group.heading or t["chapter_none"], bold=True, size=TEXT_PT)
        for item in group.items:
            for k, text in enumerate(item.text.split("\n")):
                paragraph = doc.add_paragraph()
                if not k:
                    run(paragraph, f"{labels[group.document]}{item.number}　", bold=True, size=TEXT_PT)
                run(paragraph, text, size=TEXT_PT)
            if item.also and notes:
                like = t["list_sep"].join(f"{labels[d]}{n}" for d, n in item.also)
                run(doc.add_paragraph(), f"{t['reads_like']}{t['colon']}{like}", size=NOTE_PT, color=MOVED)


def difference_note(note: Any, diff: Any, decision: tuple[str, str], t: Mapping[str, str], names: Mapping[str, str]) -> None:
    """One difference under a text: class, old → new (a structural one: its rule), decision."""
    run(note, f"［{names[diff.cls]}］", size=NOTE_PT, bold=True)
    if diff.category == "structural":
        run(note, diff.rule or "", size=NOTE_PT)
    else:
        if diff.old:
            run(note, diff.old, size=NOTE_PT, color=DEL, strike=True)
        if diff.old and diff.new:
            run(note, " → ", size=NOTE_PT)
        if diff.new:
            run(note, diff.new, size=NOTE_PT, color=INS, underline=True)
        if diff.rule:
            run(note, f"　{diff.rule}", size=NOTE_PT, color=GREY)
    status, text = decision
    if status or text:
        run(note, f"　{t['decision']}：{'；'.join(x for x in (status, text) if x)}", size=NOTE_PT, bold=True)
