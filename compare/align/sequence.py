"""Pairwise alignment of two ordered sequences of texts, with moves, splits and merges.

``align_sequences(a, b, same_number)`` returns ``Link`` values: which items of ``a`` and of
``b`` belong together. Used for provisions (条 against 条) and for paragraphs (款) inside
an aligned row.

1. Similarity matrix: rapidfuzz ``ratio`` (normalised Indel similarity, 0..1) of every
   pair, plus ``NUMBER_BONUS`` where the caller says the numbers agree.
2. Order-preserving pairing: Needleman–Wunsch with free gaps maximising
   Σ (similarity − ``MATCH_THRESHOLD``) over pairs, so dissimilar items are never paired.
3. Moves: items left unpaired on both sides whose similarity reaches ``MOVE_THRESHOLD``
   are paired out of order, best first, and flagged ``moved``.
4. Splits and merges: an unpaired item next to a paired one joins its link when it is
   mostly contained in the partner (rapidfuzz ``partial_ratio`` ≥ ``CONTAIN_THRESHOLD``)
   and joining makes the link more similar (one provision split into two, or two merged).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

MATCH_THRESHOLD = 0.45  # below this similarity two items are never paired in order
MOVE_THRESHOLD = 0.70  # an out-of-order pair needs this much similarity to count as a move
NUMBER_BONUS = 0.15  # added to the similarity of items with the same number …
NUMBER_FLOOR = 0.25  # … when they are at least this similar already (unrelated texts stay apart)
CONTAIN_THRESHOLD = 0.65  # partial_ratio an unpaired neighbour needs to join a split/merge
MIN_PART = 4  # characters: shorter fragments never count as parts of a split or merge


@dataclass(frozen=True)
class Link:
    """Items of ``a`` and of ``b`` that correspond (1–1, 1–n split, n–1 merge)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    moved: bool = False
    similarity: float = 0.0


def similarity_matrix(a: list[str], b: list[str], same_number: list[list[bool]] | None = None) -> list[list[float]]:
    """Similarity in [0, 1] of every item of ``a`` with every item of ``b``."""
    if not a or not b:
        return [[0.0] * len(b) for _ in a]
    out = (cdist(a, b, scorer=fuzz.ratio, workers=1) / 100.0).tolist()
    if same_number is not None:
        for i, row in enumerate(same_number):
            for j, same in enumerate(row):
                if same and out[i][j] >= NUMBER_FLOOR:
                    out[i][j] = min(1.0, out[i][j] + NUMBER_BONUS)
    return out


def align_sequences(a: list[str], b: list[str], same_number: list[list[bool]] | None = None) -> list[Link]:
    """Links between ``a`` and ``b``, ordered by their first ``a`` item (moves included)."""
    sim = similarity_matrix(a, b, same_number)
    pairs = needleman_wunsch(sim)
    moved = _moves(sim, pairs)
    links = {i: ([i], [j]) for i, j in pairs.items()}
    _join_neighbours(a, b, links, pairs)
    out = []
    for i in sorted(links):
        ai, bj = links[i]
        score = fuzz.ratio("".join(a[x] for x in ai), "".join(b[y] for y in bj)) / 100.0
        out.append(Link(tuple(sorted(ai)), tuple(sorted(bj)), pairs[i] in moved, score))
    return out


def needleman_wunsch(sim: list[list[float]]) -> dict[int, int]:
    """Order-preserving pairs maximising Σ (similarity − MATCH_THRESHOLD), gaps free."""
    n, m = len(sim), len(sim[0]) if sim else 0
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev, srow = score[i], score[i - 1], sim[i - 1]
        for j in range(1, m + 1):
            gain = srow[j - 1] - MATCH_THRESHOLD
            best = prev[j] if prev[j] >= row[j - 1] else row[j - 1]
            if gain > 0 and prev[j - 1] + gain > best:
                best = prev[j - 1] + gain
            row[j] = best
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


def _moves(sim: list[list[float]], pairs: dict[int, int]) -> set[int]:
    """Pair leftovers out of order when similar enough; returns the moved ``b`` indices."""
    used_b = set(pairs.values())
    free_a = [i for i in range(len(sim)) if i not in pairs]
    free_b = [j for j in range(len(sim[0]) if sim else 0) if j not in used_b]
    candidates = sorted(((sim[i][j], -i, -j) for i in free_a for j in free_b), reverse=True)
    moved: set[int] = set()
    for score, neg_i, neg_j in candidates:
        i, j = -neg_i, -neg_j
        if score < MOVE_THRESHOLD:
            break
        if i not in pairs and j not in used_b:
            pairs[i] = j
            used_b.add(j)
            moved.add(j)
    return moved


def _join_neighbours(a: list[str], b: list[str], links: dict[int, tuple[list[int], list[int]]],
                     pairs: dict[int, int]) -> None:
    """Attach unpaired neighbours that are parts of a split (in ``b``) or a merge (in ``a``)."""
    paired_b = {j: i for i, j in pairs.items()}
    for j in range(len(b)):
        if j in paired_b:
            continue
        for neighbour in (j - 1, j + 1):
            i = paired_b.get(neighbour)
            if i is not None and _is_part(b[j], a[i], b[neighbour]):
                links[i][1].append(j)
                paired_b[j] = i
                break
    for i in range(len(a)):
        if i in pairs or any(i in ai for ai, _ in links.values()):
            continue
        for neighbour in (i - 1, i + 1):
            if neighbour in links and len(links[neighbour][1]) == 1:
                j = links[neighbour][1][0]
                if _is_part(a[i], b[j], a[neighbour]):
                    links[neighbour][0].append(i)
                    break


def _is_part(fragment: str, whole: str, sibling: str) -> bool:
    """``fragment`` is mostly inside ``whole``, and with ``sibling`` it covers ``whole`` better."""
    if len(fragment) < MIN_PART or fuzz.partial_ratio(fragment, whole) / 100.0 < CONTAIN_THRESHOLD:
        return False
    return fuzz.ratio(sibling + fragment, whole) > fuzz.ratio(sibling, whole) or \
        fuzz.ratio(fragment + sibling, whole) > fuzz.ratio(sibling, whole)
