"""Families as a self-contained HTML report and as JSON.

``render_families_html(families, summary, lang)``: one HTML file (the comparison report's
``base.html`` and macros, through a ``ChoiceLoader``; autoescaping on, ``StrictUndefined``),
families in report order, each with its reading and a row per member: jurisdiction,
title, provision number, date, similarity, the weightiest kind of difference, the text
with its differences from the reading marked (``<del>``/``<ins>``, jurisdiction wording
highlighted) and the ``legiscompare compare`` line that opens both texts side by side.

``families_to_json(families, summary)``: keys sorted, no timestamps::

    {"schema_version": 1, "summary": {...},
     "families": [{"id", "jurisdictions", "documents", "works", "reading": member id,
                   "members": [{"id", "file", "title", "jurisdiction", "jurisdiction_code",
                                "date", "number", "provision", "text", "similarity",
                                "reading", "status", "differences": [{"category", "class",
                                "old", "new", "rule"}]}]}]}
"""

from __future__ import annotations

import json
import shlex
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

from ..model import CATEGORIES
from ..vocabulary import NAMES
from .families import Family
from ..i18n import N_, P_, by_language

SCHEMA_VERSION = 1

LABELS = by_language({
    "title": N_("Text-reuse families"),
    "summary": N_("Summary"),
    "families": N_("Families"),
    "members": N_("Member provisions"),
    "provisions": N_("Provisions compared"),
    "family": N_("Family"),
    "reading": N_("Most common reading"),
    "jurisdiction": N_("Jurisdiction"),
    "document": N_("Text"),
    "number": N_("Provision"),
    "date": N_("Date"),
    "similarity": N_("Similarity"),
    "differences": N_("Differences from the most common reading"),
    "compare": N_("Compare command"),
    "jurisdictions": P_("count", "jurisdictions"),
    "documents": N_("texts"),
    "search": N_("Filter (title, jurisdiction or words)"),
    "hint": N_("Similarity is of the texts without punctuation and with each jurisdiction's "
               "self-references made equal (0–1). Jurisdictional differences only name each text's own "
               "jurisdiction."),
    "top": N_("Back to top"),
    "none": N_("No text-reuse family was found."),
})


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=ChoiceLoader([PackageLoader("compare.corpus", "templates"), PackageLoader("compare.report", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def compare_command(family: Family, member_file: str) -> str:
    """The command that opens the reading's text and a member's text side by side."""
    return f"legiscompare compare {shlex.quote(family.reading.file)} {shlex.quote(member_file)}"


def render_families_html(families: list[Family], summary: dict[str, Any], lang: str = "zh") -> str:
    """The families as one self-contained HTML document."""
    return _environment().get_template("families.html").render(
        families=families, summary=summary, t=LABELS[lang], names=NAMES[lang], lang=lang,
        categories=CATEGORIES, command=compare_command)


def families_to_dict(families: list[Family], summary: dict[str, Any]) -> dict[str, Any]:
    """The JSON document as Python data."""
    out = []
    for f in families:
        members = []
        for m in f.members:
            data = asdict(m)
            data.pop("spans")
            members.append(data)
        out.append({"id": f.id, "jurisdictions": f.jurisdictions, "documents": f.documents, "works": f.works,
                    "reading": f.reading.id, "members": members})
    return {"schema_version": SCHEMA_VERSION, "summary": summary, "families": out}


def families_to_json(families: list[Family], summary: dict[str, Any]) -> str:
    return json.dumps(families_to_dict(families, summary), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
