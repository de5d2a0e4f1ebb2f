"""``legiscompare parse``: the structure stage on its own (a text's tree, metadata and parser notes)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import language
from .common import handles_input_errors
from ..i18n import N_, _, by_language
from ..visible import visible

if TYPE_CHECKING:
    from ..model import Document

TEXT_IDS = {
    "parse": N_("Parse one text and show its structure (chapters, sections, articles, paragraphs, items) "
                "and metadata.\n\nExample: legiscompare parse texts/jjj-innovation-2023/beijing.txt --json"),
    "json": N_("Print JSON."),
    "traditional": N_("Convert a traditional-script text to simplified first (OpenCC)."),
    "docx_view": N_("Which text of a Word file with tracked changes is read: accepted or original."),
    "title": N_("Title"),
    "body": N_("Enacting body"),
    "session": N_("Session"),
    "adopted": N_("Adopted"),
    "effective": N_("Effective"),
    "revisions": N_("Revisions"),
    "warnings": N_("Parser notes"),
    "provisions": N_("provisions"),
}
TEXT = by_language(TEXT_IDS)


def _t(key: str) -> str:
    return TEXT[language()][key]


def _colon() -> str:
    return _(": ")


@click.command("parse", help=TEXT_IDS["parse"])
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help=TEXT_IDS["json"])
@click.option("--traditional", is_flag=True, help=TEXT_IDS["traditional"])
@click.option("--docx-view", type=click.Choice(["accepted", "original"]), default="accepted", show_default=True,
              help=TEXT_IDS["docx_view"])
@handles_input_errors
def parse_cmd(file: str, as_json: bool, traditional: bool, docx_view: str) -> None:
    from ..ingest import read_source
    from ..structure import parse

    doc = parse(read_source(file, traditional_to_simplified=traditional, docx_view=docx_view), Path(file).stem)
    if as_json:
        click.echo(json.dumps(document_dict(doc), ensure_ascii=False, indent=1, sort_keys=True))
    else:
        click.echo(document_tree(doc))


def register_parse(group: click.Group) -> None:
    """Add ``parse`` to ``group``."""
    group.add_command(parse_cmd)


def document_dict(doc: Document) -> dict[str, Any]:
    """The parsed document as JSON-ready data."""
    return {
        "title": doc.title, "enacting_body": doc.enacting_body, "session": doc.session,
        "adopted": doc.adopted, "effective": doc.effective, "revisions": list(doc.revisions),
        "adoption_note": doc.adoption_note, "warnings": list(doc.warnings),
        "provisions": [{"id": p.id, "kind": p.kind, "number": p.number, "ordinal": p.ordinal,
                        "part": p.part, "subpart": p.subpart, "chapter": p.chapter, "section": p.section,
                        "paragraphs": list(p.paragraphs),
                        "clauses": [{"id": c.id, "kind": c.kind, "number": c.number, "text": c.text}
                                    for c in p.clauses]} for p in doc.provisions],
    }


def document_tree(doc: Document) -> str:
    """A readable outline: metadata, then headings, provisions and their clauses, indented."""
    from ..structure.describe import describe_warning

    lines = [f"{_t('title')}{_colon()}{visible(doc.title)}"]
    for key, value in (("body", doc.enacting_body), ("session", doc.session), ("adopted", doc.adopted),
                       ("effective", doc.effective)):
        if value:
            lines.append(f"{_t(key)}{_colon()}{value}")
    lines.extend(f"{_t('revisions')}{_colon()}{r}" for r in doc.revisions)
    counts = Counter(doc.warnings)
    lines.extend(f"{_t('warnings')}{_colon()}{describe_warning(w, language())}" + (f" ×{n}" if n > 1 else "")
                 for w, n in counts.items())
    lines.append(f"{len(doc.provisions)} {_t('provisions')}")
    headings: tuple[str | None, ...] = ()
    for prov in doc.provisions:
        current = (prov.part, prov.subpart, prov.chapter, prov.section)
        for depth, heading in enumerate(current):
            if heading and (len(headings) <= depth or headings[depth] != heading):
                lines.append("  " * depth + heading)
        headings = current
        indent = "  " * sum(1 for h in current if h)
        lines.append(f"{indent}[{prov.id}] {prov.number} {_first(prov.paragraphs)}")
        for clause in prov.clauses if len(prov.clauses) > 1 else ():
            depth = clause.id.count("/") - prov.id.count("/")
            lines.append(f"{indent}{'  ' * depth}[{clause.id}] {clause.number} {_first((clause.text,))}")
    return "\n".join(lines)


def _first(texts: tuple[str, ...], width: int = 40) -> str:
    text = texts[0] if texts else ""
    return text if len(text) <= width else text[:width] + "…"
