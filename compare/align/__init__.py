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
2. Base provisions that one document merged into a single provision share a row (also
   when not adjacent), so a row may hold several provisions of one document (its cell
   lists them as parts).
3. With three or more documents, a provision the base did not match joins a base row when
   it resembles (≥ ``EXTRA_THRESHOLD``) another document's cell there and the row lacks its
   document: the base may word a shared article differently from two other texts.
4. Rows follow the base order. Provisions still unmatched are clustered across documents
   (similarity ≥ ``EXTRA_THRESHOLD`` to a member), and each cluster becomes a row after the
   row of the provision that precedes its first member in that member's document.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ..model import AlignmentRow, Cell, Document, Provision
from .sequence import MAX_CELLS, Link, align_sequences

__all__ = ["align", "align_sequences", "Link"]

_Slot = dict[str, list[tuple[Provision, bool]]]  # doc id → its provisions in the row (moved?)
EXTRA_THRESHOLD = 0.60  # similarity for provisions the base lacks to share a row


def align(documents: list[Document], base_id: str, keys: dict[tuple[str, str], str]) -> list[AlignmentRow]:
    """Align all documents against the base and merge into N-way rows."""
    base = next(d for d in documents if d.id == base_id)
    others = [d for d in documents if d.id != base_id]
    links = {d.id: pair_with_base(base, d, keys) for d in others}
    groups = _base_groups(len(base.provisions), links)
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    slots = [{base.id: [(base.provisions[i], False) for i in members]} for members in groups]
    extras: list[tuple[int, str, Provision]] = []  # (anchor group, doc id, provision) of unpaired ones
    for doc in others:
        owner = {j: link for link in links[doc.id] for j in link.b}
        anchor = -1
        for j, prov in enumerate(doc.provisions):
            link = owner.get(j)
            if link is None:
                extras.append((anchor, doc.id, prov))
                continue
            g = group_of[link.a[0]]
            slots[g].setdefault(doc.id, []).append((prov, link.moved))
            if not link.moved:
                anchor = g
    if len(others) > 1:
        extras = _join_rows(extras, slots, keys)
    placed: dict[int, list[_Slot]] = {}
    for anchor, slot in _cluster_extras(extras, keys):
        placed.setdefault(anchor, []).append(slot)
    ordered: list[_Slot] = list(placed.get(-1, []))
    for g, slot in enumerate(slots):
        ordered.append(slot)
        ordered.extend(placed.get(g, []))
    return [_row(slot, documents) for slot in ordered]


def pair_with_base(base: Document, other: Document, keys: dict[tuple[str, str], str]) -> list[Link]:
    """Pairwise links between the base's provisions and another document's."""
    a = [keys[(base.id, p.id)] for p in base.provisions]
    b = [keys[(other.id, p.id)] for p in other.provisions]
    numbers = ([(p.kind, p.ordinal) for p in base.provisions], [(p.kind, p.ordinal) for p in other.provisions])
    return align_sequences(a, b, numbers)


def _base_groups(n: int, links: dict[str, list[Link]]) -> list[list[int]]:
    """Base indices that must share a row (merged in some document), in base order.

    Members of one link are joined even when not adjacent (第八条、第十条合并): the article
    between them keeps its own row, after the merged one.
    """
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for doc_links in links.values():
        for link in doc_links:
            for left, right in zip(link.a, link.a[1:]):
                parent[max(root(left), root(right))] = min(root(left), root(right))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return [groups[r] for r in sorted(groups)]


def _join_rows(extras: list[tuple[int, str, Provision]], slots: list[_Slot],
               keys: dict[tuple[str, str], str]) -> list[tuple[int, str, Provision]]:
    """Put a provision the base did not match into a base row whose other documents' cells
    are similar to it (≥ ``EXTRA_THRESHOLD`` to one of them), when the row lacks its
    document: two regulations may share an article the base words differently. Best
    pairs first; out of its document's order it is marked moved. Returns the rest."""
    members = [(g, d, keys[(d, p.id)]) for g, slot in enumerate(slots) for d, cell in slot.items() for p, _ in cell]
    if not extras or not members or len(extras) * len(members) > MAX_CELLS:
        return extras
    texts = [keys[(d, p.id)] for _, d, p in extras]
    sim = cdist(texts, [m[2] for m in members], scorer=fuzz.ratio, workers=1, dtype=np.float32,
                score_cutoff=EXTRA_THRESHOLD * 100)
    rows, cols = np.nonzero(sim >= EXTRA_THRESHOLD * 100)
    candidates = sorted(((float(sim[r, c]), -int(r), -members[c][0]) for r, c in zip(rows, cols)), reverse=True)
    taken: set[int] = set()
    for _score, neg_r, neg_g in candidates:
        r, g = -neg_r, -neg_g
        anchor, doc_id, prov = extras[r]
        if r in taken or doc_id in slots[g]:
            continue
        slots[g][doc_id] = [(prov, g < anchor)]
        taken.add(r)
    return [x for r, x in enumerate(extras) if r not in taken]


def _cluster_extras(extras: list[tuple[int, str, Provision]],
                    keys: dict[tuple[str, str], str]) -> list[tuple[int, _Slot]]:
    """Group provisions no base provision matched: similar ones of different documents share
    a row (a provision the base lacks but several others have). Each row sits after the
    anchor of its first member; its members keep their documents' order."""
    clusters: list[tuple[int, _Slot, list[str]]] = []  # anchor, slot, member keys
    for anchor, doc_id, prov in extras:
        text = keys[(doc_id, prov.id)]
        best, best_score = None, EXTRA_THRESHOLD
        for cluster in clusters:
            if doc_id in cluster[1]:
                continue
            score = max(fuzz.ratio(text, member) for member in cluster[2]) / 100.0
            if score >= best_score:
                best, best_score = cluster, score
        if best is None:
            clusters.append((anchor, {doc_id: [(prov, False)]}, [text]))
        else:
            best[1][doc_id] = [(prov, False)]
            best[2].append(text)
    return [(anchor, slot) for anchor, slot, _ in clusters]


def _row(slot: _Slot, documents: list[Document]) -> AlignmentRow:
    cells = {d.id: (Cell(tuple(p for p, _ in slot[d.id]), moved=any(m for _, m in slot[d.id]))
                    if d.id in slot else None) for d in documents}
    owner = next(d.id for d in documents if d.id in slot)
    first = slot[owner][0][0]
    label = "、".join(p.number for p, _ in slot[owner])
    row_id = first.id if owner == documents[0].id else f"{first.id}@{owner}"
    return AlignmentRow(id=row_id, label=label, cells=cells)
