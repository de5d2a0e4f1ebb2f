"""One provision against its counterpart, line by line: the items edits are made of.

A line pair is diffed with ``compare.diff.diff_tokens`` over tokens whose keys say what
counts as the same: in ``amend`` mode the normalised surface (NFKC: full/half width and
whitespace do not count), in ``harmonise`` mode the jurisdiction-aware key of the lexer
(本市 = 本省 relatively, rotated partner lists, equivalent institution names). In both, a
citation of an article of the old text is keyed by the number that article will have
after the decision, so a reference that follows its renumbered article is no change.

The result is a list of ``Item``: an equal token pair, or a change (old tokens, new
tokens). ``Item.new`` is the wording the amended text should have there: the new
surface, or in harmonise mode the old text's own surface where both are equivalent and
the new wording translated into the old text's jurisdiction where they differ.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..diff import diff_tokens, refine_relative
from ..model import Token
from ..instrument.model import ArticleKey
from ..instrument.numbering import internal_refs, key_text


@dataclass(frozen=True)
class Item:
    """An equal pair (``change`` False) or a changed run of a line diff."""

    old: str
    new: str
    change: bool


def normalise(text: str) -> str:
    """The comparison form of a text: NFKC, no whitespace or zero-width characters."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\u200b\u200c\u200d\ufeff")


def first_mismatch(got: Sequence[object], want: Sequence[object]) -> int | None:
    """Index of the first entry where two lists of provisions (key, normalised paragraphs)
    differ — at the shorter one's end when one only runs longer — or None when they agree."""
    index = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), None)
    if index is None and len(got) != len(want):
        index = min(len(got), len(want))
    return index


def keyed(tokens: list[Token], mapping: dict[ArticleKey, ArticleKey] | None, harmonise: bool) -> list[Token]:
    """Tokens re-keyed for the line diff (see the module docstring)."""
    out = []
    for token, cited in zip(tokens, internal_refs(tokens)):
        if cited is not None:
            key = "R:" + key_text((mapping or {}).get(cited, cited))
        elif harmonise:
            key = token.key
        else:
            key = normalise(token.surface) or " "
        out.append(Token(token.surface, key, token.kind, token.note))
    return out


Render = Callable[[list[Token], int, int], str]  # new tokens [start:end) as the amended text says them
Vote = Callable[[Token, Token], None]  # an equal (old, new) token pair seen


def surfaces(tokens: list[Token], start: int, end: int) -> str:
    """The ``Render`` of ``amend``: the new wording as it stands."""
    return "".join(t.surface for t in tokens[start:end])


def line_items(old: list[Token], new: list[Token], mapping: dict[ArticleKey, ArticleKey], harmonise: bool,
               codes: tuple[str | None, str | None], render: Render = surfaces,
               vote: Vote | None = None) -> list[Item]:
    """The items of one old line against its new counterpart."""
    chunks = diff_tokens(keyed(old, mapping, harmonise), keyed(new, None, harmonise))
    if harmonise:
        chunks = refine_relative(chunks, codes[0], codes[1])
    items: list[Item] = []
    j = 0  # index of the chunk's first token in ``new``
    for chunk in chunks:
        if chunk.op == "equal":
            for a, b in zip(chunk.old, chunk.new):
                items.append(Item(a.surface, a.surface if harmonise else b.surface, False))
                if vote is not None:
                    vote(a, b)
            j += len(chunk.new)
            continue
        old_text = chunk.old_text
        new_text = render(new, j, j + len(chunk.new))
        j += len(chunk.new)
        formatting = normalise(old_text) == normalise(new_text) or (
            harmonise and all(t.kind in ("punct", "space") for t in chunk.old + chunk.new))
        items.append(Item(old_text, old_text if formatting else new_text, not formatting))
    return items
