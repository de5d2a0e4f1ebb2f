"""A ``JurisdictionLexer`` that finds the same tokens several times faster, for corpus work.

``FastLexer`` changes two things and nothing else it returns:

- its regular expression is the lexer's own, with the alternation of ~3,000 division
  names compiled as a trie (``北(?:京市|海市)``: at each position the engine follows one
  branch instead of trying every name) and prefixed by a look-ahead for the characters a
  match can start with (``first_chars``, computed from the parsed pattern). Both rewrites
  keep the language and the preference (the longest name wins, as in the sorted
  original), so ``finditer`` yields the same matches (``tests/test_corpus_sketch.py``
  checks it on real texts). When the lexer's pattern no longer has the expected shape the
  original pattern is used unchanged;
- text between protected phrases is one ``word`` token (no jieba), and matches are not
  checked against word boundaries: the corpus compares character shingles, so word
  boundaries are not needed.

On lawrefbook text the regex pass is about five times faster. ``FastLexer`` overrides the
lexer's private ``_build_pattern`` and ``_words``; the equivalence test above is what
keeps the two in step when the lexer changes.
"""

from __future__ import annotations

import re
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

from ..jurisdiction import JurisdictionLexer
from ..jurisdiction.lexer import plain_token, recognised_names
from ..model import Token

_MAX_RANGE = 4096  # a character class wider than this disables the look-ahead
_SHORT = 4  # chunks up to this long get the lexer's own keys (partner-list joiners are short)


class FastLexer(JurisdictionLexer):
    """Same matches as ``JurisdictionLexer``; unsegmented text between them."""

    def _build_pattern(self) -> re.Pattern[str]:
        original = super()._build_pattern()
        names = sorted(recognised_names(self.table), key=lambda n: (-len(n), n))
        return faster_pattern(original, names)

    def _boundaries(self, text: str) -> set[int] | None:
        """No segmentation, so no word-boundary check: shingle similarity barely notices the
        rare name read inside a word (资本市场), and jieba would triple the indexing time."""
        return None

    def _words(self, chunk: str) -> list[Token]:
        if len(chunk) <= _SHORT:  # may be a list joiner (、 与 和): keyed exactly as the lexer does
            return [plain_token(chunk)] if chunk else []
        return [Token(chunk, chunk, "word")]


def faster_pattern(original: re.Pattern[str], names: list[str]) -> re.Pattern[str]:
    """``original`` with the ``names`` alternation as a trie and a first-character look-ahead."""
    joined = "|".join(map(re.escape, names))
    source = original.pattern
    if joined and joined in source:
        source = source.replace(joined, trie_regex(names), 1)
    firsts = None if original.flags & re.IGNORECASE else first_chars(original.pattern)
    if firsts:
        source = "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])(?:" + source + ")"
    return re.compile(source, original.flags)


def trie_regex(words: list[str]) -> str:
    """A regex matching exactly ``words``, preferring the longest word at a position.

    >>> trie_regex(["北京市", "北海市", "北京"])
    '北(?:京(?:市)?|海市)'
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def first_chars(pattern: str) -> set[str] | None:
    """Every character a match of ``pattern`` can start with, or None if unknown/unbounded."""
    try:
        found = _first(sre_parse.parse(pattern))
    except (RecursionError, TypeError, ValueError, AttributeError):
        return None
    if found is None or found[1]:  # None, or the pattern can match the empty string
        return None
    return found[0]


def _first(items: Any) -> tuple[set[str], bool] | None:
    """(first characters, can be empty) of a parsed sequence."""
    chars: set[str] = set()
    for op, av in items:
        got = _first_op(op, av)
        if got is None:
            return None
        chars |= got[0]
        if not got[1]:
            return chars, False
    return chars, True


def _first_op(op: Any, av: Any) -> tuple[set[str], bool] | None:
    if op is sre_c.LITERAL:
        return {chr(av)}, False
    if op is sre_c.IN:
        return _class_chars(av)
    if op is sre_c.BRANCH:
        out: set[str] = set()
        empty = False
        for alt in av[1]:
            got = _first(alt)
            if got is None:
                return None
            out |= got[0]
            empty = empty or got[1]
        return out, empty
    if op is sre_c.SUBPATTERN:
        return _first(av[-1])
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
        got = _first(av[2])
        return None if got is None else (got[0], got[1] or av[0] == 0)
    if op in (sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.AT):
        return set(), True  # consumes nothing; ignoring a restriction keeps a superset
    return None


def _class_chars(items: Any) -> tuple[set[str], bool] | None:
    out: set[str] = set()
    for op, av in items:
        if op is sre_c.LITERAL:
            out.add(chr(av))
        elif op is sre_c.RANGE and av[1] - av[0] <= _MAX_RANGE:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return out, False
