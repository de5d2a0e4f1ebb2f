"""N-way provision alignment: one row per provision, one column per document.

Public API:

- ``align(documents, base_id, keys) -> list[AlignmentRow]``: ``keys`` maps
  ``(doc_id, provision_id)`` to the provision's jurisdiction-normalised comparison string,
  so 本市 / 本省 never lowers a similarity.
- ``align_sequences`` / ``Link`` (from ``sequence``): the pairwise step, also used for
  paragraphs inside a row.

Method (centre-star multiple alignment):

1. Each other document is aligned to the base pairwise (``sequence.align_sequences``:
   Needleman–Wunsch over a similarity matrix, then moves, splits and merges).
2. Base provisions that one document merged into a single provision share a row, so a row
   may hold several provisions of one document (its cell lists them as parts).
3. Rows follow the base order. Provisions no base provision matched become new rows after
   the row of the provision that precedes them in their own document; unmatched provisions
   of different documents at the same place share a row when they are similar enough.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from ..model import AlignmentRow, Cell, Document, Provision
from .sequence import MOVE_THRESHOLD, Link, align_sequences

__all__ = ["align", "align_sequences", "Link"]

_Slot = dict[str, list[tuple[Provision, bool]]]  # doc id → its provisions in the row (moved?)


def align(documents: list[Document], base_id: str, keys: dict[tuple[str, str], str]) -> list[AlignmentRow]:
    """Align all documents against the base and merge into N-way rows."""
    base = next(d for d in documents if d.id == base_id)
    others = [d for d in documents if d.id != base_id]
    links = {d.id: pair_with_base(base, d, keys) for d in others}
    groups = _base_groups(len(base.provisions), links)
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    slots: list[_Slot] = [{base.id: [(base.provisions[i], False) for i in members]} for members in groups]
    extras: dict[int, list[_Slot]] = {}
    for doc in others:
        owner = {j: link for link in links[doc.id] for j in link.b}
        anchor = -1
        for j, prov in enumerate(doc.provisions):
            link = owner.get(j)
            if link is None:
                _place_extra(extras.setdefault(anchor, []), doc.id, prov, keys)
                continue
            g = group_of[link.a[0]]
            slots[g].setdefault(doc.id, []).append((prov, link.moved))
            if not link.moved:
                anchor = g
    ordered: list[_Slot] = list(extras.get(-1, []))
    for g, slot in enumerate(slots):
        ordered.append(slot)
        ordered.extend(extras.get(g, []))
    return [_row(slot, documents) for slot in ordered]


def pair_with_base(base: Document, other: Document, keys: dict[tuple[str, str], str]) -> list[Link]:
    """Pairwise links between the base's provisions and another document's."""
    a = [keys[(base.id, p.id)] for p in base.provisions]
    b = [keys[(other.id, p.id)] for p in other.provisions]
    same = [[pa.kind == pb.kind and pa.ordinal == pb.ordinal for pb in other.provisions] for pa in base.provisions]
    return align_sequences(a, b, same)


def _base_groups(n: int, links: dict[str, list[Link]]) -> list[list[int]]:
    """Consecutive runs of base indices that must share a row (merged in some document)."""
    joined = set()
    for doc_links in links.values():
        for link in doc_links:
            for left, right in zip(link.a, link.a[1:]):
                joined.update(range(left, right))
    groups: list[list[int]] = []
    for i in range(n):
        if groups and (i - 1) in joined:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _place_extra(group: list[_Slot], doc_id: str, prov: Provision, keys: dict[tuple[str, str], str]) -> None:
    """Join an unmatched provision to a similar extra row of another document, or start one."""
    text = keys[(doc_id, prov.id)]
    for slot in group:
        if doc_id in slot:
            continue
        other_id, parts = next(iter(slot.items()))
        if fuzz.ratio(text, keys[(other_id, parts[0][0].id)]) / 100 >= MOVE_THRESHOLD:
            slot[doc_id] = [(prov, False)]
            return
    group.append({doc_id: [(prov, False)]})


def _row(slot: _Slot, documents: list[Document]) -> AlignmentRow:
    cells = {d.id: (Cell(tuple(p for p, _ in slot[d.id]), moved=any(m for _, m in slot[d.id]))
                    if d.id in slot else None) for d in documents}
    owner = next(d.id for d in documents if d.id in slot)
    first = slot[owner][0][0]
    label = "、".join(p.number for p, _ in slot[owner])
    row_id = first.id if owner == documents[0].id else f"{first.id}@{owner}"
    return AlignmentRow(id=row_id, label=label, cells=cells)
