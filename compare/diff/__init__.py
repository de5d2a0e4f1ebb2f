"""Word-level Chinese diff over jurisdiction-aware tokens.

Public API:

- ``diff_tokens(old, new) -> list[Chunk]``: the token sequences compared by *key* with
  diff-match-patch. Each distinct key is mapped to one private-use character (the library's
  lines-to-chars trick, at word rather than line level), so the diff can never cut a word
  in half and semantic decisions work on whole words. ``Diff_Timeout`` is 0: inputs are
  single provisions, so the diff is exact and the same on every machine. The library's
  semantic cleanup then folds equalities shorter than the edits around them into one
  readable change (in words, not characters). The C++ build of the same library
  (fast-diff-match-patch) is used when installed; a test proves both give identical diffs.
- ``Chunk``: an ``equal`` run pairs tokens with equal keys (their surfaces may still
  differ, e.g. 本市 / 北京市); a ``change`` run holds the old and new tokens that differ.
- ``to_spans(chunks) -> tuple[Span, ...]``: display spans whose ``old`` parts rebuild the
  old text and whose ``new`` parts rebuild the new text exactly.
- ``word_diff(old_text, new_text)``: the same on plain text, without jurisdictions.
- Provision pairs longer than ``chunked.LONG_TOKENS`` tokens are diffed sentence by
  sentence first (``chunked.diff_long``), so work stays near-linear on huge provisions.
"""

from __future__ import annotations

from collections.abc import Callable
from ..jurisdiction.lexer import plain_token
from ..model import Span, Token
from ..segment import default_segmenter
from . import chunked
from .chunks import Chunk
from .exact import diff_exact, token_key

JURISDICTION_KINDS = {"jurisdiction", "partner_list"}


def diff_tokens(old: list[Token], new: list[Token], key: Callable[[Token], str] = token_key) -> list[Chunk]:
    """Compare two token sequences by ``key``; exact (no timeout), deterministic."""
    if len(old) == len(new) and all(key(a) == key(b) for a, b in zip(old, new)):
        return [Chunk("equal", tuple(old), tuple(new))] if old else []  # what the diff gives, without it
    if len(old) + len(new) > chunked.LONG_TOKENS:  # looked up at call time (tests lower it)
        return chunked.diff_long(old, new, lambda a, b: diff_exact(a, b, key), key)
    return diff_exact(old, new, key)


def refine_relative(chunks: list[Chunk], old_self: str | None, new_self: str | None) -> list[Chunk]:
    """Cleanup pass: inside changed runs, pair words that each text says of itself.

    The first pass compares absolute meanings (本市 in Beijing's text = 北京市). Coordinated
    texts also say the *same relative thing*: each names its own enacting body (北京市人民代表
    大会常务委员会 / 天津市人民代表大会常务委员会) or the counterpart (加强与天津市的沟通 /
    加强与北京市的沟通). Re-diffing each changed run with the enacting jurisdiction as SELF
    and the other text's as PARTNER turns those into equal pairs.
    """
    if not old_self or not new_self or old_self == new_self:
        return chunks
    roles_old = {old_self: "SELF", new_self: "PARTNER"}
    roles_new = {new_self: "SELF", old_self: "PARTNER"}
    out: list[Chunk] = []
    for chunk in chunks:
        if chunk.op != "change" or not chunk.old or not chunk.new:
            out.append(chunk)
            continue
        old_rel = [_relative(t, roles_old) for t in chunk.old]
        new_rel = [_relative(t, roles_new) for t in chunk.new]
        i = j = 0
        for sub in diff_tokens(old_rel, new_rel):
            n, m = len(sub.old), len(sub.new)
            out.append(Chunk(sub.op, chunk.old[i:i + n], chunk.new[j:j + m]))
            i, j = i + n, j + m
    return out


def _relative(token: Token, roles: dict[str, str]) -> Token:
    """The token keyed by role (SELF / PARTNER) instead of by division code."""
    if token.kind != "jurisdiction":
        return token
    parts = token.key.split(":", 2)
    if len(parts) < 2 or parts[1] not in roles:
        return token
    parts[1] = roles[parts[1]]
    return Token(token.surface, ":".join(parts), token.kind, token.note)


def to_spans(chunks: list[Chunk]) -> tuple[Span, ...]:
    """Display spans: equal text, equivalent readings (with their class), deletions, insertions.

    Runs of plain equal tokens become one span, joined once (linear in the text's length)."""
    spans: list[Span] = []
    plain: list[str] = []  # surfaces of the plain equal run being collected
    for chunk in chunks:
        if chunk.op == "change":
            _flush_equal(spans, plain)
            if chunk.old:
                spans.append(Span("delete", chunk.old_text, ""))
            if chunk.new:
                spans.append(Span("insert", "", chunk.new_text))
            continue
        for a, b in zip(chunk.old, chunk.new):
            mark = "jurisdiction" if b.kind in JURISDICTION_KINDS else None
            if a.surface == b.surface and mark is None:
                plain.append(a.surface)
            else:
                _flush_equal(spans, plain)
                cls = equivalence_class(a, b) if a.surface != b.surface else None
                spans.append(Span("equal", a.surface, b.surface, cls, mark))
    _flush_equal(spans, plain)
    return tuple(spans)


def marked_spans(tokens: list[Token]) -> tuple[Span, ...]:
    """A text against itself: all equal, with its jurisdiction wording marked."""
    return to_spans([Chunk("equal", tuple(tokens), tuple(tokens))])


def _flush_equal(spans: list[Span], plain: list[str]) -> None:
    if plain:
        text = "".join(plain)
        spans.append(Span("equal", text, text))
        plain.clear()


def equivalence_class(a: Token, b: Token) -> str:
    """Why two tokens with equal keys but different surfaces are equivalent."""
    kinds = {a.kind, b.kind}
    if "partner_list" in kinds:
        return "partner_list"
    if "jurisdiction" in kinds:
        return "self_reference"
    if "institution" in kinds:
        return "institution_name"
    if "number" in kinds:
        return "renumbering" if _written(a) != _written(b) else "numerals"
    if kinds <= {"space"}:
        return "whitespace"
    return "punctuation" if "punct" in kinds else "width"


def _written(token: Token) -> str:
    """A grouped reference's targets as written (``compare.references`` notes), else its key."""
    note = token.note or ""
    return note.split("|")[1] if note.startswith("REF|") else token.key


def word_diff(old_text: str, new_text: str) -> tuple[Span, ...]:
    """Word-level diff of two plain texts (no jurisdiction resolution)."""
    seg = default_segmenter()
    old = [plain_token(w) for w in seg.cut(old_text)]
    new = [plain_token(w) for w in seg.cut(new_text)]
    return to_spans(diff_tokens(old, new))
