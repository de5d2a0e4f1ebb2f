"""The jurisdiction stage's result: every paragraph of a comparison as tokens, lexed once per
text and enacting jurisdiction (versions of one law share them), handed to every later stage."""

from __future__ import annotations

from ..model import Cell, Document, Jurisdiction, Provision, Token
from .lexer import JurisdictionLexer


class TokenCache:
    """Each paragraph is lexed once per comparison and enacting jurisdiction, however many
    rows, pairs and versions use it."""

    def __init__(self, lexer: JurisdictionLexer) -> None:
        self.lexer = lexer
        self._done: dict[tuple[Jurisdiction | None, str], list[Token]] = {}

    def paragraph(self, text: str, doc: Document) -> list[Token]:
        key = (doc.jurisdiction, text)  # tokens depend on the text and who wrote it: versions share them
        if key not in self._done:
            self._done[key] = self.lexer.tokens(text, doc.jurisdiction)
        return self._done[key]

    def provision(self, prov: Provision, doc: Document) -> list[list[Token]]:
        return [self.paragraph(p, doc) for p in prov.paragraphs]

    def cell(self, cell: Cell, doc: Document) -> list[list[Token]]:
        return [para for prov in cell.provisions for para in self.provision(prov, doc)]
