"""Diff two cells paragraph by paragraph (款 against 款), given how their paragraphs align.

A whole-cell diff of two provisions whose paragraphs were reordered, dropped or rewritten
produces a tangle; diffing aligned paragraphs gives what a reviewer expects: a dropped
paragraph is one deletion, a rewritten one is diffed against its counterpart, and a
paragraph split in two is one paragraph break. Line breaks between paragraphs are emitted
so that the chunks still rebuild both cell texts exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..jurisdiction.lexer import NEWLINE
from ..model import Token
from . import diff_tokens
from .chunks import Chunk, merge_runs

def diff_paragraphs(old: Sequence[list[Token]], new: Sequence[list[Token]],
                    links: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
                    refine: Callable[[list[Chunk]], list[Chunk]] = lambda c: c) -> list[Chunk]:
    """Chunks for two cells given as token lists per paragraph and ordered paragraph links.

    ``links`` pairs consecutive old paragraph indices with consecutive new ones, in order;
    paragraphs in no link are deleted or inserted whole. ``refine`` post-processes each
    paired diff (e.g. the relative self-reference pass).
    """
    units: list[tuple[list[int], list[int]]] = []
    i = j = 0
    for a, b in links:
        units.extend(([x], []) for x in range(i, a[0]))
        units.extend(([], [y]) for y in range(j, b[0]))
        units.append((list(a), list(b)))
        i, j = a[-1] + 1, b[-1] + 1
    units.extend(([x], []) for x in range(i, len(old)))
    units.extend(([], [y]) for y in range(j, len(new)))
    chunks: list[Chunk] = []
    started_old = started_new = False
    for a_idx, b_idx in units:
        a_tokens = _joined(old, a_idx, started_old)
        b_tokens = _joined(new, b_idx, started_new)
        started_old |= bool(a_idx)
        started_new |= bool(b_idx)
        if a_idx and b_idx:
            chunks.extend(refine(diff_tokens(a_tokens, b_tokens)))
        elif a_tokens or b_tokens:
            chunks.append(Chunk("change", tuple(a_tokens), tuple(b_tokens)))
    return merge_runs(chunks)


def _joined(paragraphs: Sequence[list[Token]], indices: list[int], after_first: bool) -> list[Token]:
    out: list[Token] = []
    for n, index in enumerate(indices):
        if n or after_first:
            out.append(NEWLINE)
        out.extend(paragraphs[index])
    return out
