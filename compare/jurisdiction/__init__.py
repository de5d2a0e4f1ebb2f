"""Who enacted each text, and which wording only says "this is our jurisdiction".

Public API:

- ``load_divisions(extra)``: the table of China's administrative divisions (``divisions``).
- ``infer_jurisdiction(doc, table, given)``: the enacting jurisdiction of a parsed text,
  from its title, adoption note or preamble, or as given by ``--jurisdiction``.
- ``with_jurisdictions(docs, table, given)``: the documents with their jurisdictions set.
- ``JurisdictionLexer``: tokens whose keys resolve self-references (本市, 市人民政府),
  partner lists and institution names, so equivalent readings compare equal.
- ``load_institutions(extra)``: the table of equivalent institution names.
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
    "with_jurisdictions",
]


def with_jurisdictions(docs: list[Document], table: DivisionTable,
                       given: dict[str, str] | None = None) -> list[Document]:
    """Each document with its enacting jurisdiction; ``given`` maps file paths to names."""
    given = given or {}
    return [dataclasses.replace(d, jurisdiction=infer_jurisdiction(d, table, given.get(d.source.path)))
            for d in docs]
