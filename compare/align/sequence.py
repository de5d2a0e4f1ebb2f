"""Pairwise alignment of two ordered sequences of texts, with moves, splits and merges.

``align_sequences(a, b, same_number)`` returns ``Link`` values: which items of ``a`` and of
``b`` belong together. Used for provisions (条 against 条) and for paragraphs (款) inside
an aligned row.

0. Anchors: identical items in the same order (difflib's matching blocks) pair at once;
   the steps below run on the gaps between them.
1. Similarity matrix: rapidfuzz ``ratio`` (normalised Indel similarity, 0..1) of every
   pair, plus ``NUMBER_BONUS`` where the caller says the numbers agree.
2. Order-preserving pairing: Needleman–Wunsch with free gaps maximising
   Σ (similarity − ``MATCH_THRESHOLD``) over pairs, so dissimilar items are never paired.
3. Moves: items left unpaired on both sides whose similarity reaches ``MOVE_THRESHOLD``
   are paired out of order, best first. Which pairs are flagged ``moved`` is decided once
   all pairs are known (``out_of_order``): the fewest that break the order, so the article
   that moved is the one called moved whichever text is the base.
   Then containment: leftovers where one text lies (≥ ``INSIDE_THRESHOLD``) inside the
   other pair too — an article kept word for word that gained or lost a 款 (an LCS-length
   prefilter keeps this cheap); they are flagged ``moved`` only when out of order.
4. Splits and merges: an unpaired item next to a paired one joins its link when it is
   mostly contained in the partner (rapidfuzz ``partial_ratio`` ≥ ``CONTAIN_THRESHOLD``)
   and joining makes the link more similar to everything it already holds (one provision
   split into two, or two merged); a third part of a split needs ``STRONG_PART``, and a
   merge partner up to ``MERGE_REACH`` places away (第八条、第十条合并) must lie wholly inside
   the merged text.
"""

from __future__ import annotations

from dataclasses import dataclass

from difflib import SequenceMatcher

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq
from rapidfuzz.process import cdist

from ..longtext import LONG_CHARS, ratio

MATCH_THRESHOLD = 0.45  # below this similarity two items are never paired in order
MOVE_THRESHOLD = 0.60  # an out-of-order pair needs this much similarity to count as a move
NUMBER_BONUS = 0.15  # added to the similarity of items with the same number …
NUMBER_FLOOR = 0.25  # … when they are at least this similar already (unrelated texts stay apart)
CONTAIN_THRESHOLD = 0.65  # partial_ratio an unpaired neighbour needs to join a split/merge
INSIDE_THRESHOLD = 0.90  # partial_ratio of a leftover wholly inside another (a 款 added or dropped)
INSIDE_MIN = 15  # characters the shorter text needs for containment to count …
EXACT_MIN = 8  # … unless it is word for word inside the other (its comparison key, 8 units at least)
INSIDE_CELLS = 250_000  # leftover pairs compared by containment at most
STRONG_PART = 0.80  # partial_ratio a third (or later) part of a split needs against its source
MERGE_REACH = 3  # a merged article's sources may be this many places apart (then wholly inside it)
MIN_PART = 4  # characters: shorter fragments never count as parts of a split or merge
MAX_CELLS = 4_000_000  # item pairs compared at once at most (a 2,000 × 2,000 gap, ~16 MB)


@dataclass(frozen=True)
class Link:
    """Items of ``a`` and of ``b`` that correspond (1–1, 1–n split, n–1 merge)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    moved: bool = False
    similarity: float = 0.0


def similarity_matrix(a: list[str], b: list[str], numbers: tuple[list, list] | None = None) -> list[list[float]]:
    """Similarity in [0, 1] of every item of ``a`` with every item of ``b``.

    ``numbers`` gives each item's number (or None); equal numbers add ``NUMBER_BONUS``.
    """
    if not a or not b:
        return [[0.0] * len(b) for _ in a]
    matrix = _ratios(a, b) / np.float32(100.0)
    if numbers is not None:
        num_a, num_b = (np.array([hash(n) if n is not None else -1 for n in side]) for side in numbers)
        same = (num_a[:, None] == num_b[None, :]) & (num_a[:, None] != -1)
        bonus = same & (matrix >= NUMBER_FLOOR)
        matrix = np.where(bonus, np.minimum(1.0, matrix + NUMBER_BONUS), matrix)
    return matrix.tolist()


def align_sequences(a: list[str], b: list[str], numbers: tuple[list, list] | None = None) -> list[Link]:
    """Links between ``a`` and ``b``, ordered by their first ``a`` item (moves included).

    Identical items that keep their order anchor the alignment (the longest matching
    blocks, as difflib finds them); only the gaps between anchors are compared item by
    item, so long texts that share most provisions cost little. A gap larger than
    ``MAX_CELLS`` pairs is left unpaired rather than exhausting memory.
    """
    if a == b:  # the same items in the same order (an unchanged provision's paragraphs): each with itself
        return [Link((i,), (i,), False, ratio(item, item) / 100.0) for i, item in enumerate(a)]
    pairs: dict[int, int] = {}
    for (a0, a1), (b0, b1), anchored in _segments(a, b):
        if anchored:
            pairs.update({a0 + k: b0 + k for k in range(a1 - a0)})
        elif a1 > a0 and b1 > b0 and (a1 - a0) * (b1 - b0) <= MAX_CELLS:
            sub = (numbers[0][a0:a1], numbers[1][b0:b1]) if numbers else None
            found = needleman_wunsch(similarity_matrix(a[a0:a1], b[b0:b1], sub))
            pairs.update({a0 + i: b0 + j for i, j in found.items()})
    _moves(a, b, pairs)
    _contained(a, b, pairs)
    moved = out_of_order(pairs)
    links = {i: ([i], [j]) for i, j in pairs.items()}
    _join_neighbours(a, b, links, pairs)
    out = []
    for i in sorted(links):
        ai, bj = links[i]
        score = ratio("".join(a[x] for x in ai), "".join(b[y] for y in bj)) / 100.0
        out.append(Link(tuple(sorted(ai)), tuple(sorted(bj)), pairs[i] in moved, score))
    return out


def _ratios(a: list[str], b: list[str], cutoff: float | None = None) -> np.ndarray:
    """``fuzz.ratio`` of every pair (0–100, below ``cutoff`` as 0); pairs with a very long
    text by ``longtext.ratio``."""
    long_a = [i for i, x in enumerate(a) if len(x) > LONG_CHARS // 2]
    long_b = [j for j, y in enumerate(b) if len(y) > LONG_CHARS // 2]
    if not long_a and not long_b:
        return cdist(a, b, scorer=fuzz.ratio, workers=1, dtype=np.float32, score_cutoff=cutoff)
    short_a = [x if i not in long_a else "" for i, x in enumerate(a)]
    short_b = [y if j not in long_b else "" for j, y in enumerate(b)]
    matrix = cdist(short_a, short_b, scorer=fuzz.ratio, workers=1, dtype=np.float32, score_cutoff=cutoff)
    for i in long_a:
        matrix[i, :] = [ratio(a[i], y) for y in b]
    for j in long_b:
        matrix[:, j] = [ratio(x, b[j]) for x in a]
    return matrix


def _segments(a: list[str], b: list[str]):  # type: ignore[no-untyped-def]
    """Alternating (a range, b range, anchored) pieces: identical blocks and the gaps between."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    i = j = 0
    for block in matcher.get_matching_blocks():
        if block.a > i or block.b > j:
            yield (i, block.a), (j, block.b), False
        if block.size:
            yield (block.a, block.a + block.size), (block.b, block.b + block.size), True
        i, j = block.a + block.size, block.b + block.size


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


def _moves(a: list[str], b: list[str], pairs: dict[int, int]) -> set[int]:
    """Pair leftovers out of order when similar enough; returns the moved ``b`` indices."""
    used_b = set(pairs.values())
    free_a = [i for i in range(len(a)) if i not in pairs]
    free_b = [j for j in range(len(b)) if j not in used_b]
    if not free_a or not free_b or len(free_a) * len(free_b) > MAX_CELLS:
        return set()
    sim = _ratios([a[i] for i in free_a], [b[j] for j in free_b], cutoff=MOVE_THRESHOLD * 100)
    rows, cols = np.nonzero(sim >= MOVE_THRESHOLD * 100)
    candidates = sorted(((float(sim[r, c]), -free_a[r], -free_b[c]) for r, c in zip(rows, cols)), reverse=True)
    moved: set[int] = set()
    for _score, neg_i, neg_j in candidates:
        i, j = -neg_i, -neg_j
        if i not in pairs and j not in used_b:
            pairs[i] = j
            used_b.add(j)
            moved.add(j)
    return moved


def _contained(a: list[str], b: list[str], pairs: dict[int, int]) -> set[int]:
    """Pair leftovers where one text is (≥ ``INSIDE_THRESHOLD``) inside the other: an article
    kept word for word that gained or lost a 款. Returns the ``b`` indices that are out of order."""
    used_b = set(pairs.values())
    free_a = [i for i in range(len(a)) if i not in pairs and len(a[i]) >= EXACT_MIN]
    free_b = [j for j in range(len(b)) if j not in used_b and len(b[j]) >= EXACT_MIN]
    if not free_a or not free_b or len(free_a) * len(free_b) > INSIDE_CELLS:
        return set()
    texts_a, texts_b = [a[i] for i in free_a], [b[j] for j in free_b]
    common = cdist(texts_a, texts_b, scorer=LCSseq.similarity, workers=1, dtype=np.int32)  # fast prefilter
    len_a, len_b = np.array([len(t) for t in texts_a]), np.array([len(t) for t in texts_b])
    shorter = np.minimum(len_a[:, None], len_b[None, :])
    longer = np.maximum(len_a[:, None], len_b[None, :])
    near = (common >= INSIDE_THRESHOLD * shorter) & (shorter * 5 >= longer) & (shorter >= INSIDE_MIN)
    exact = (common == shorter) & (shorter >= EXACT_MIN)  # a short text word for word inside a long one
    rows, cols = np.nonzero(near | exact)
    candidates = []
    for r, c in zip(rows, cols):
        x, y = texts_a[r], texts_b[c]
        if exact[r, c] and (x in y or y in x):
            candidates.append((1.0, -free_a[r], -free_b[c]))
        elif near[r, c] and fuzz.partial_ratio(x, y) / 100.0 >= INSIDE_THRESHOLD:
            candidates.append((fuzz.partial_ratio(x, y) / 100.0, -free_a[r], -free_b[c]))
    candidates.sort(reverse=True)
    found: dict[int, int] = {}
    for _score, neg_i, neg_j in candidates:
        i, j = -neg_i, -neg_j
        if i not in pairs and i not in found and j not in used_b:
            found[i] = j
            used_b.add(j)
    pairs.update(found)
    return {j for i, j in found.items() if not _in_order(i, j, pairs)}


def out_of_order(pairs: dict[int, int]) -> set[int]:
    """The ``b`` indices of the fewest pairs whose removal leaves the rest in order: what
    moved is the provision that moved, whichever text is the base (one article moved two
    places down is one move, not two articles moved up). The complement of a longest
    increasing subsequence of the pairs sorted by ``a``; among longest ones, the one that
    keeps the earliest ``b`` indices (patience sorting, deterministic)."""
    order = [pairs[i] for i in sorted(pairs)]
    tails: list[int] = []  # tails[k]: index in ``order`` of the smallest tail of an increasing run of length k+1
    previous = [-1] * len(order)
    for k, j in enumerate(order):
        pos = _bisect_tails(order, tails, j)
        if pos > 0:
            previous[k] = tails[pos - 1]
        if pos == len(tails):
            tails.append(k)
        else:
            tails[pos] = k
    kept: set[int] = set()
    k = tails[-1] if tails else -1
    while k >= 0:
        kept.add(order[k])
        k = previous[k]
    return set(order) - kept


def _bisect_tails(order: list[int], tails: list[int], j: int) -> int:
    """The first run length whose tail is not below ``j`` (bisect over the tails' values)."""
    lo, hi = 0, len(tails)
    while lo < hi:
        mid = (lo + hi) // 2
        if order[tails[mid]] < j:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _in_order(i: int, j: int, pairs: dict[int, int]) -> bool:
    """Whether pairing ``i`` with ``j`` keeps the order of the other pairs around it."""
    before = [pairs[k] for k in pairs if k < i]
    after = [pairs[k] for k in pairs if k > i]
    return (not before or max(before) < j) and (not after or min(after) > j)


def _join_neighbours(a: list[str], b: list[str], links: dict[int, tuple[list[int], list[int]]],
                     pairs: dict[int, int]) -> None:
    """Attach unpaired items that are parts of a split (in ``b``) or a merge (in ``a``).

    A part must be next to its link's items and improve the link's similarity with the
    whole of what the link holds so far (so a third, unrelated article is not absorbed);
    a third part of a split needs ``STRONG_PART`` containment. A merge partner up to
    ``MERGE_REACH`` places away (第八条、第十条合并) must lie wholly inside the merged text.
    """
    paired_b = {j: i for i, j in pairs.items()}
    for j in range(len(b)):
        if j in paired_b:
            continue
        for neighbour in (j - 1, j + 1):
            i = paired_b.get(neighbour)
            if i is None:
                continue
            parts = links[i][1]
            strong = len(parts) < 2 or fuzz.partial_ratio(b[j], a[i]) / 100.0 >= STRONG_PART
            if strong and _is_part(b[j], a[i], "".join(b[y] for y in sorted(parts))):
                parts.append(j)
                paired_b[j] = i
                break
    joined_a: set[int] = set()
    for i in range(len(a)):
        if i in pairs or i in joined_a:
            continue
        for neighbour in _reach(i):
            if neighbour in links and len(links[neighbour][1]) == 1:
                j = links[neighbour][1][0]
                near = abs(neighbour - i) == 1
                if (near or _inside(a[i], b[j])) and _is_part(a[i], b[j], "".join(a[x] for x in sorted(links[neighbour][0]))):
                    links[neighbour][0].append(i)
                    joined_a.add(i)
                    break


def _reach(i: int) -> list[int]:
    """Places a merge partner of item ``i`` may be at, nearest first."""
    return [i + sign * step for step in range(1, MERGE_REACH + 1) for sign in (-1, 1)]


def _inside(fragment: str, whole: str) -> bool:
    """``fragment`` (long enough to tell) lies wholly inside ``whole``."""
    return len(fragment) >= INSIDE_MIN and fuzz.partial_ratio(fragment, whole) / 100.0 >= INSIDE_THRESHOLD


def _is_part(fragment: str, whole: str, sibling: str) -> bool:
    """``fragment`` is mostly inside ``whole``, and with ``sibling`` it covers ``whole`` better."""
    if len(fragment) < MIN_PART or len(fragment) + len(whole) > LONG_CHARS:  # partial_ratio is quadratic
        return False
    if fuzz.partial_ratio(fragment, whole) / 100.0 < CONTAIN_THRESHOLD:
        return False
    return ratio(sibling + fragment, whole) > ratio(sibling, whole) or \
        ratio(fragment + sibling, whole) > ratio(sibling, whole)
