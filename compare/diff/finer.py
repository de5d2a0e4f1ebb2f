"""Finer marks inside a changed word: 向行政机关 → 向行政复议机关 marks only +复议.

The word diff never cuts a word in half, which is right when a word is replaced by an
unrelated one (鼓励 → 支持). But legislative amendments often insert characters into a
word (行政机关 → 行政复议机关) or swap part of one (主管部门 → 管理部门); marking the whole
word then hides what changed. ``finer_spans`` revisits each replacement of the display
spans and marks characters instead.

Rule (applied to display spans only; differences, classes and fingerprints keep whole
words, so earlier review decisions still attach):

1. A replacement is a ``delete`` span directly followed by an ``insert`` span (or the
   reverse), neither containing a line break, each at most ``MAX_CHARS`` characters.
2. Its two texts are matched character by character (difflib, ``autojunk=False``); only
   shared runs of at least ``MIN_SHARED`` characters count (a single shared character, as
   in 应当 → 应该, is a coincidence more often than an edit).
3. When the shared runs cover at least half of the shorter text, the replacement becomes
   equal / delete / insert pieces; otherwise it stays a whole-word replacement.

>>> from compare.model import Span
>>> [(s.op, s.new or s.old) for s in finer_spans((Span("delete", "行政机关", ""), Span("insert", "", "行政复议机关")))]
[('equal', '行政'), ('insert', '复议'), ('equal', '机关')]
>>> [(s.op, s.new or s.old) for s in finer_spans((Span("delete", "鼓励", ""), Span("insert", "", "支持")))]
[('delete', '鼓励'), ('insert', '支持')]
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..model import Span

MAX_CHARS = 16  # characters: longer replacements are rewritten phrases, marked whole
MIN_SHARED = 2  # characters: the shortest shared run that counts
MIN_COVER = 0.5  # share of the shorter text the shared runs must cover


def finer_spans(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """``spans`` with each replacement of related words marked character by character."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        pair = spans[i:i + 2]
        if len(pair) == 2 and _replacement(*pair):
            old, new = (pair[0].old, pair[1].new) if pair[0].op == "delete" else (pair[1].old, pair[0].new)
            pieces = refine_replacement(old, new)
            if pieces is not None:
                out.extend(pieces)
                i += 2
                continue
        out.append(spans[i])
        i += 1
    return tuple(out)


def _replacement(a: Span, b: Span) -> bool:
    if {a.op, b.op} != {"delete", "insert"}:
        return False
    texts = (a.old or a.new, b.old or b.new)
    return all(t and "\n" not in t and len(t) <= MAX_CHARS for t in texts)


def refine_replacement(old: str, new: str) -> list[Span] | None:
    """Character-level pieces of ``old`` → ``new``, or None when the rule says keep it whole."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= MIN_SHARED]
    shared = sum(b.size for b in blocks)
    if not blocks or shared < MIN_COVER * min(len(old), len(new)):
        return None
    pieces: list[Span] = []
    i = j = 0
    for block in blocks:
        _changed(pieces, old[i:block.a], new[j:block.b])
        pieces.append(Span("equal", old[block.a:block.a + block.size], new[block.b:block.b + block.size]))
        i, j = block.a + block.size, block.b + block.size
    _changed(pieces, old[i:], new[j:])
    return pieces


def _changed(pieces: list[Span], old: str, new: str) -> None:
    if old:
        pieces.append(Span("delete", old, ""))
    if new:
        pieces.append(Span("insert", "", new))
