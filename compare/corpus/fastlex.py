"""A ``JurisdictionLexer`` that skips word segmentation, for corpus work.

``FastLexer`` finds the same protected phrases as the lexer (the same ``PhraseScanner``) and
changes only what lies between them: that text is one ``word`` token (no segmentation), and
matches are not checked against word boundaries. The corpus compares character shingles, so
word boundaries are not needed. ``FastLexer`` overrides the lexer's private ``_boundaries``
and ``_words``; ``tests/test_corpus_sketch.py`` checks that the keyed tokens stay the same.
"""

from __future__ import annotations

from ..jurisdiction import JurisdictionLexer
from ..jurisdiction.lexer import plain_token
from ..model import Token

_SHORT = 4  # chunks up to this long get the lexer's own keys (partner-list joiners are short)


class FastLexer(JurisdictionLexer):
    """Same matches as ``JurisdictionLexer``; unsegmented text between them."""

    def _boundaries(self, text: str) -> set[int] | None:
        """No segmentation, so no word-boundary check: shingle similarity barely notices the
        rare name read inside a word (资本市场), and jieba would triple the indexing time."""
        return None

    def _words(self, chunk: str) -> list[Token]:
        if len(chunk) <= _SHORT:  # may be a list joiner (、 与 和): keyed exactly as the lexer does
            return [plain_token(chunk)] if chunk else []
        return [Token(chunk, chunk, "word")]
