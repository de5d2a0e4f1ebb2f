"""Bounded work on very long provisions: sentences first, words only where sentences differ.

A word diff (Myers / diff-match-patch) costs up to O(N·D): on a 1 MB single-article text it
takes minutes. A long token pair is therefore cut into pieces (``compare.longtext``), the
pieces are aligned, and only the pieces that differ are diffed word by word. Work grows
with the text's length plus the size of what changed.

- ``LONG_TOKENS``: the size (tokens of a provision pair) above which this module takes
  over; below it callers keep the exact whole-text diff, so normal provisions give
  byte-identical results.
- ``diff_long(old, new, small, key) -> list[Chunk]``: the chunks of a long token pair,
  ``small(a, b)`` diffing each differing run of pieces.
"""

from __future__ import annotations

from collections.abc import Callable

from ..longtext import MAX_GAP_CELLS, cut_items, piece_runs
from ..model import Token
from .chunks import Chunk, merge_runs

LONG_TOKENS = 6_000  # tokens in a provision pair (old + new) above which it is diffed piece by piece



def diff_long(old: list[Token], new: list[Token], small: Callable[[list[Token], list[Token]], list[Chunk]],
              key: Callable[[Token], str]) -> list[Chunk]:
    """Chunks of a long token pair: equal pieces kept whole, differing runs diffed by ``small``."""

    cut_a = cut_items(old, lambda t: t.surface)  # type: ignore[attr-defined]
    cut_b = cut_items(new, lambda t: t.surface)  # type: ignore[attr-defined]
    keys_a = ["\x00".join(key(t) for t in p) for p in cut_a]
    keys_b = ["\x00".join(key(t) for t in p) for p in cut_b]
    chunks: list[Chunk] = []
    for equal, a0, a1, b0, b1 in piece_runs(keys_a, keys_b):
        tokens_a = [t for p in cut_a[a0:a1] for t in p]
        tokens_b = [t for p in cut_b[b0:b1] for t in p]
        if equal:
            chunks.append(Chunk("equal", tuple(tokens_a), tuple(tokens_b)))
        elif not tokens_a or not tokens_b:
            chunks.append(Chunk("change", tuple(tokens_a), tuple(tokens_b)))
        elif len(tokens_a) * len(tokens_b) <= MAX_GAP_CELLS:
            chunks.extend(small(tokens_a, tokens_b))
        else:  # a long rewritten run: piece against piece, in order
            chunks.extend(_pairwise(cut_a[a0:a1], cut_b[b0:b1], small))

    return merge_runs(chunks)


def _pairwise(a: list[list[Token]], b: list[list[Token]],
              small: Callable[[list[Token], list[Token]], list[Chunk]]) -> list[Chunk]:

    out: list[Chunk] = []
    for x, y in zip(a, b):
        out.extend(small(x, y))
    extra_a = [t for p in a[len(b):] for t in p]
    extra_b = [t for p in b[len(a):] for t in p]
    if extra_a or extra_b:
        out.append(Chunk("change", tuple(extra_a), tuple(extra_b)))
    return out


