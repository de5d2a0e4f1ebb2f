"""N-way provision alignment: one row per provision, one column per document.

Public API:

- ``align(documents, base_id, keys) -> list[AlignmentRow]``: ``keys`` maps
  ``(doc_id, provision_id)`` to the provision's jurisdiction-normalised comparison string,
  so 本市 / 本省 never lowers a similarity.

Method (centre-star multiple alignment):

1. Each other document is aligned to the base by global sequence alignment over the
   similarity matrix (rapidfuzz ``ratio`` on the normalised strings, plus a small bonus
   when the numbers agree). A match scores ``similarity − MATCH_THRESHOLD``; gaps score 0,
   so only similar provisions are paired and order is preserved.
2. Provisions left unpaired on both sides but similar enough (``MOVE_THRESHOLD``) are
   paired as *moves*: the cell is marked ``moved``.
3. Rows follow the base order. Provisions no base provision matched become new rows after
   the row of the provision that precedes them in their own document; unmatched provisions
   of different documents at the same place share a row when they are similar to each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ..model import AlignmentRow, Cell, Document, Provision

MATCH_THRESHOLD = 0.45  # below this similarity two provisions are never paired in order
MOVE_THRESHOLD = 0.70  # an out-of-order pair needs this much similarity to count as a move
NUMBER_BONUS = 0.15  # added to the similarity of provisions with the same number


@dataclass
class _Pairing:
    """Base index → other index, with the indices paired out of order."""

    pairs: dict[int, int]
    moved: set[int]


def align(documents: list[Document], base_id: str, keys: dict[tuple[str, str], str]) -> list[AlignmentRow]:
    """Align all documents against the base and merge into N-way rows."""
    base = next(d for d in documents if d.id == base_id)
    others = [d for d in documents if d.id != base_id]
    pairings = {d.id: pair_documents(base, d, keys) for d in others}
    slots: list[dict[str, tuple[Provision, bool]]] = [{base.id: (p, False)} for p in base.provisions]
    extras: dict[int, list[dict[str, tuple[Provision, bool]]]] = {}
    for doc in others:
        pairing = pairings[doc.id]
        by_other = {j: i for i, j in pairing.pairs.items()}
        anchor = -1
        for j, prov in enumerate(doc.provisions):
            if j in by_other:
                i = by_other[j]
                slots[i][doc.id] = (prov, j in pairing.moved)
                if j not in pairing.moved:
                    anchor = i
            else:
                _place_extra(extras.setdefault(anchor, []), doc.id, prov, keys)
    ordered: list[dict[str, tuple[Provision, bool]]] = list(extras.get(-1, []))
    for i, slot in enumerate(slots):
        ordered.append(slot)
        ordered.extend(extras.get(i, []))
    return [_row(slot, documents) for slot in ordered]


def _place_extra(group: list[dict[str, tuple[Provision, bool]]], doc_id: str, prov: Provision,
                 keys: dict[tuple[str, str], str]) -> None:
    """Join an unmatched provision to a similar extra row of another document, or start one."""
    text = keys[(doc_id, prov.id)]
    for slot in group:
        if doc_id in slot:
            continue
        other_id, (other, _) = next(iter(slot.items()))
        if fuzz.ratio(text, keys[(other_id, other.id)]) / 100 >= MOVE_THRESHOLD:
            slot[doc_id] = (prov, False)
            return
    group.append({doc_id: (prov, False)})


def _row(slot: dict[str, tuple[Provision, bool]], documents: list[Document]) -> AlignmentRow:
    cells = {d.id: (Cell((slot[d.id][0],), moved=slot[d.id][1]) if d.id in slot else None) for d in documents}
    first = next(slot[d.id][0] for d in documents if d.id in slot)
    return AlignmentRow(id=first.id if len(slot) == len(documents) else _extra_id(slot, documents),
                        label=first.number, cells=cells)


def _extra_id(slot: dict[str, tuple[Provision, bool]], documents: list[Document]) -> str:
    """A row id that says which documents hold the row: ``item5@hebei``."""
    owner = next(d.id for d in documents if d.id in slot)
    return f"{slot[owner][0].id}@{owner}"


def pair_documents(base: Document, other: Document, keys: dict[tuple[str, str], str]) -> _Pairing:
    """Order-preserving pairing by global alignment, then out-of-order moves."""
    sim = similarity_matrix(base, other, keys)
    pairs = _global_alignment(sim)
    moved: set[int] = set()
    free_i = [i for i in range(len(base.provisions)) if i not in pairs]
    free_j = sorted(set(range(len(other.provisions))) - set(pairs.values()))
    candidates = sorted(((sim[i][j], i, j) for i in free_i for j in free_j), reverse=True)
    for score, i, j in candidates:
        if score >= MOVE_THRESHOLD and i not in pairs and j not in pairs.values():
            pairs[i] = j
            moved.add(j)
    return _Pairing(pairs, moved)


def similarity_matrix(base: Document, other: Document, keys: dict[tuple[str, str], str]) -> list[list[float]]:
    """Similarity in [0, 1] of every base provision with every other provision."""
    a = [keys[(base.id, p.id)] for p in base.provisions]
    b = [keys[(other.id, p.id)] for p in other.provisions]
    matrix = cdist(a, b, scorer=fuzz.ratio, workers=1) / 100.0
    out = matrix.tolist()
    for i, pa in enumerate(base.provisions):
        for j, pb in enumerate(other.provisions):
            if pa.kind == pb.kind and pa.ordinal == pb.ordinal:
                out[i][j] = min(1.0, out[i][j] + NUMBER_BONUS)
    return out


def _global_alignment(sim: list[list[float]]) -> dict[int, int]:
    """Needleman–Wunsch with free gaps: maximise Σ (similarity − threshold) over pairs."""
    n, m = len(sim), len(sim[0]) if sim else 0
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev = score[i], score[i - 1]
        for j in range(1, m + 1):
            gain = sim[i - 1][j - 1] - MATCH_THRESHOLD
            row[j] = max(prev[j], row[j - 1], prev[j - 1] + gain if gain > 0 else float("-inf"))
    pairs: dict[int, int] = {}
    i, j = n, m
    while i > 0 and j > 0:
        gain = sim[i - 1][j - 1] - MATCH_THRESHOLD
        if gain > 0 and score[i][j] == score[i - 1][j - 1] + gain:
            pairs[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs
