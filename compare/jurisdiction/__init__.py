"""Who enacted each text, and which wording only says "this is our jurisdiction".

Public API:

- ``load_divisions(extra)``: the table of China's administrative divisions (``divisions``).
- ``infer_jurisdiction(doc, table, given)``: the enacting jurisdiction of a parsed text,
  from its title, adoption note or preamble, or as given by ``--jurisdiction``.
- ``with_jurisdictions(docs, table, given)``: the documents with their jurisdictions set.
- ``JurisdictionLexer``: tokens whose keys resolve self-references (本市, 市人民政府),
  partner lists and institution names, so equivalent readings compare equal.
- ``load_institutions(extra)``: the table of equivalent institution names.
- ``lexer_for(documents, divisions_file, institutions_file)``: the one way a lexer is built
  (the pipeline, the amendment engine and the corpus all use it).
"""

from __future__ import annotations

import dataclasses

from ..model import Document
from .divisions import Division, DivisionTable, load_divisions
from .infer import NATIONAL, infer_jurisdiction, to_jurisdiction
from .institutions import InstitutionTable, load_institutions
from .lexer import JurisdictionLexer

__all__ = [
    "Division", "DivisionTable", "load_divisions", "NATIONAL", "infer_jurisdiction",
    "to_jurisdiction", "InstitutionTable", "load_institutions", "JurisdictionLexer",
    "lexer_for", "with_jurisdictions",
]


def lexer_for(documents: list[Document] | tuple[Document, ...] = (), divisions_file: str | None = None,
              institutions_file: str | None = None) -> JurisdictionLexer:
    """The jurisdiction-aware lexer for ``documents`` (their jurisdictions are the partners
    it recognises), with the user's extra divisions and institutions."""
    return JurisdictionLexer(load_divisions(divisions_file), tuple(d.jurisdiction for d in documents if d.jurisdiction),
                             load_institutions(institutions_file))


def with_jurisdictions(docs: list[Document], table: DivisionTable,
                       given: dict[str, str] | None = None) -> list[Document]:
    """Each document with its enacting jurisdiction; ``given`` maps file paths to names."""
    given = given or {}
    return [dataclasses.replace(d, jurisdiction=infer_jurisdiction(d, table, given.get(d.source.path)))
            for d in docs]
