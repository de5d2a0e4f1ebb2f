"""What the report shows in one cell besides its text: where each part of a split or merged
cell begins and which provision it came from, and the status of each cell in the heat map.

Public API:

- ``paragraphs(spans) -> list[list[Span]]``: a cell's diff spans cut into the paragraphs of
  the text it displays (the ``new`` side), so part headings can go between them.
- ``part_starts(row, doc_id, base_id, base_name, t) -> dict[int, str]``: paragraph index → the
  heading of the part that begins there ("六（拆分自北京市五）"), for cells of several
  provisions (``t``: the report labels of the user's language).
- ``merged_note(row, doc_id, base_id, base_name, t) -> str | None``: "由北京市五、六合并" for a
  single provision that stands for several base provisions.
- ``absent_note(row, doc_id) -> str | None``: what an empty cell says instead of a bare
  "absent": the rule of its document's structural difference (2023-09-01版删除此条…), else
  of one that another document has against it (2023-09-01版新增此条, 仅河北省有…).
- ``cell_status(comparison) -> {row id: {doc id: status}}``: for the heat map, the
  weightiest status of each document's own differences; "no_provision" where a document
  lacks the provision and so does the base (nothing to review there).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..classify.structural import status_key, weightiest
from ..model import AlignmentRow, Comparison, Span


def paragraphs(spans: tuple[Span, ...]) -> list[list[Span]]:
    """Spans grouped by the displayed text's paragraphs (split at "\\n" of plain runs)."""
    out: list[list[Span]] = [[]]
    for span in spans:
        if span.op == "delete" or span.cls or span.mark or "\n" not in span.new:
            out[-1].append(span)
            continue
        pieces = span.new.split("\n")
        for n, piece in enumerate(pieces):
            if n:
                out.append([])
            if piece:
                out[-1].append(Span(span.op, piece if span.op == "equal" else "", piece))
    return out


def part_starts(row: AlignmentRow, doc_id: str, base_id: str, base_name: str, t: Mapping[str, str]) -> dict[int, str]:
    """Paragraph index → heading, for each part of a cell of several provisions."""
    cell, base = row.cells.get(doc_id), row.cells.get(base_id)
    if cell is None or len(cell.provisions) < 2:
        return {}
    split = base is not None and len(base.provisions) < len(cell.provisions) and doc_id != base_id
    out, index = {}, 0
    for prov in cell.provisions:
        out[index] = (t["part_from"].format(number=prov.number, base=base_name, origin=base.number)
                      if split and base is not None else prov.number)
        index += len(prov.paragraphs)
    return out


def merged_note(row: AlignmentRow, doc_id: str, base_id: str, base_name: str, t: Mapping[str, str]) -> str | None:
    """"由北京市五、六合并" when one provision of ``doc_id`` stands for several of the base."""
    cell, base = row.cells.get(doc_id), row.cells.get(base_id)
    if doc_id == base_id or cell is None or base is None or len(cell.provisions) >= len(base.provisions):
        return None
    return t["merged_from"].format(base=base_name, origins=base.number)


def absent_note(row: AlignmentRow, doc_id: str) -> str | None:
    """The wording that says why ``doc_id`` has no provision in ``row`` (None if none)."""
    structural = [d for d in row.differences if d.category == "structural" and d.rule]
    own = [d for d in structural if d.document == doc_id]
    against = [d for d in structural if d.against == doc_id and row.cells.get(d.document) is not None]
    found = own or against
    return found[0].rule if found else None


def cell_status(comparison: Comparison) -> dict[str, dict[str, str]]:
    """For the heat map: each row's status as seen from each document."""
    out: dict[str, dict[str, str]] = {}
    for row in comparison.rows:
        per_doc: dict[str, str] = {}
        for doc in comparison.documents:
            keys = [status_key(d) for d in row.differences if d.document == doc.id]
            if row.cells.get(doc.id) is None and not keys:
                per_doc[doc.id] = "no_provision"
            else:
                per_doc[doc.id] = weightiest(keys)
        out[row.id] = per_doc
    return out
