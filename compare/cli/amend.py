"""The ``amend``, ``apply`` and ``harmonise`` commands (library: ``compare.amend``)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import language
from ..fileio import replace_file
from .common import handles_input_errors, jurisdiction_option, parse_jurisdictions
from ..i18n import N_, by_language

HELP = by_language({
    "amend": N_("Draft the amendment decision turning OLD into NEW (instructions against OLD's numbering), "
                "with a before/after table (--docx).\n\nExample: legiscompare amend old.md new.md -o "
                "decision.txt --docx decision.docx"),
    "apply": N_("Apply an amendment decision to OLD: carry out its instructions, renumber the articles and "
                "the cross-references, and write the amended text in OLD's format.\n\nExample: legiscompare "
                "apply old.md decision.txt -o amended.md"),
    "harmonise": N_("Coordinated legislation: for each OTHER text, draft the decision bringing it in line with "
                    "BASE, keeping its self-references (本市/本省), enacting body, partner-list order and "
                    "equivalent institution names.\n\nExample: legiscompare harmonise --base "
                    "texts/jjj-innovation-2023/beijing.txt texts/jjj-innovation-2023/tianjin-constructed.txt -o "
                    "drafts/"),
    "output": N_("Path of the decision text (default: standard output)."),
    "docx": N_("Path of the Word file (decision + before/after table)."),
    "apply_output": N_("Path of the amended text (default: standard output)."),
    "harmonise_output": N_("Output directory: <name>.decision.txt per text (and .docx with --docx)."),
    "harmonise_docx": N_("Also write Word files (needs -o DIR)."),
    "base": N_("The base text the others are brought in line with."),
    "db": N_("Read review decisions from this database: provisions whose differences were all accepted "
             "as local differences get no instruction."),
    "written": N_("Written to"),
    "instructions": N_("instructions"),
})


def h(key: str) -> str:
    """Help or message text in the user's language."""
    return HELP[language()][key]


def _docx(decision, document, options) -> bytes:  # type: ignore[no-untyped-def]
    from ..amend.api import lexer_for
    from ..amend.apply import apply_decision
    from ..amend.docx import decision_docx

    amended = apply_decision(document, decision, lexer_for([document], options))
    return decision_docx(decision, amended, language())


def _emit(outputs: dict[str, bytes], stdout: str | None) -> None:
    """Write every output (all rendered first, so a failure writes nothing); else print."""
    for path, data in outputs.items():
        replace_file(path, data)
        click.echo(f"{h('written')} {path}", err=stdout is not None)
    if stdout is not None:
        click.echo(stdout, nl=False)


def register_amend(group: click.Group) -> None:
    """Register ``amend``, ``apply`` and ``harmonise`` on ``group``."""

    @group.command("amend", help=h("amend"))
    @click.argument("old", type=click.Path(dir_okay=False))
    @click.argument("new", type=click.Path(dir_okay=False))
    @click.option("-o", "--output", type=click.Path(dir_okay=False), help=h("output"))
    @click.option("--docx", "docx_path", type=click.Path(dir_okay=False), help=h("docx"))
    @jurisdiction_option
    @handles_input_errors
    def amend_cmd(old: str, new: str, output: str | None, docx_path: str | None,
                  jurisdictions: tuple[str, ...]) -> None:
        from ..amend import amend_files, decision_text
        from ..pipeline import Options

        options = Options(jurisdictions=parse_jurisdictions(jurisdictions))
        decision, comparison = amend_files(old, new, options)
        text = decision_text(decision, language())
        outputs = {output: text.encode("utf-8")} if output else {}
        if docx_path:
            base = next(d for d in comparison.documents if d.id == comparison.base)
            outputs[docx_path] = _docx(decision, base, options)
        _emit(outputs, None if output else text)
        if output:
            from ..amend.render import numbered_items

            click.echo(f"{len(numbered_items(decision))} {h('instructions')}")

    @group.command("apply", help=h("apply"))
    @click.argument("old", type=click.Path(dir_okay=False))
    @click.argument("decision", type=click.Path(dir_okay=False))
    @click.option("-o", "--output", type=click.Path(dir_okay=False), help=h("apply_output"))
    @jurisdiction_option
    @handles_input_errors
    def apply_cmd(old: str, decision: str, output: str | None, jurisdictions: tuple[str, ...]) -> None:
        from ..amend import apply_file
        from ..pipeline import Options

        text = apply_file(old, decision, Options(jurisdictions=parse_jurisdictions(jurisdictions)))
        _emit({output: text.encode("utf-8")} if output else {}, None if output else text)

    @group.command("harmonise", help=h("harmonise"))
    @click.argument("others", nargs=-1, required=True, type=click.Path(dir_okay=False))
    @click.option("--base", required=True, type=click.Path(dir_okay=False), help=h("base"))
    @click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), help=h("harmonise_output"))
    @click.option("--docx", "with_docx", is_flag=True, help=h("harmonise_docx"))
    @jurisdiction_option
    @click.option("--db", help=h("db"))
    @handles_input_errors
    def harmonise_cmd(others: tuple[str, ...], base: str, out_dir: str | None, with_docx: bool,
                      jurisdictions: tuple[str, ...], db: str | None) -> None:
        from ..amend import decision_text, harmonise_files
        from ..amend.api import load_document
        from ..pipeline import Options
        from ..store import database_url

        options = Options(jurisdictions=parse_jurisdictions(jurisdictions))
        drafts = harmonise_files(base, list(others), options, database_url(db) if db else None)
        outputs: dict[str, bytes] = {}
        shown = []
        for path, decision in drafts:
            text = decision_text(decision, language())
            shown.append(f"# {path}\n\n{text}")
            if out_dir:
                stem = Path(out_dir) / Path(path).stem
                outputs[f"{stem}.decision.txt"] = text.encode("utf-8")
                if with_docx:
                    outputs[f"{stem}.decision.docx"] = _docx(decision, load_document(path, options), options)
        if out_dir:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
        _emit(outputs, None if out_dir else "\n".join(shown))
