"""The ``amend``, ``apply`` and ``harmonise`` commands (library: ``compare.amend``)."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

import click

from ..errors import InputError, language
from ..fileio import (
    StagedOutputs,
    refuse_clobbering,
    refuse_wrong_extensions,
    shown_path,
)
from ..i18n import N_, by_language
from ..instrument.render import numbered_items
from ..numerals import cn
from .common import (
    chosen_database,
    handles_input_errors,
    jurisdiction_option,
    parse_jurisdictions,
)

HELP_IDS = {
    "amend": N_("Draft the amendment decision turning {OLD} into {NEW} (instructions against {OLD}'s numbering), "
                "with a before/after table (--docx).\n\nExample: legiscompare amend old.md new.md -o "
                "decision.txt --docx decision.docx"),
    "apply": N_("Apply an amendment decision to {OLD}: carry out its instructions, renumber the articles and "
                "the cross-references, and write the amended text in {OLD}'s format.\n\nExample: legiscompare "
                "apply old.md decision.txt -o amended.md"),
    "harmonise": N_("Coordinated legislation: for each {OTHER} text, draft the decision bringing it in line with "
                    "{BASE}, keeping its self-references (本市/本省), enacting body, partner-list order and "
                    "equivalent institution names.\n\nExample: legiscompare harmonise --base "
                    "texts/jjj-innovation-2023/beijing.txt texts/jjj-innovation-2023/tianjin-constructed.txt -o "
                    "drafts/"),
    "output": N_("Path of the decision text (default: standard output)."),
    "docx": N_("Path of the Word file (decision + before/after table)."),
    "apply_output": N_("Path of the amended text (default: standard output)."),
    "style": N_("decision: a decision amending the text (words of terms changed, articles renumbered); "
                "amendment: an amendment in the style of the Criminal Law's (articles replaced whole or by "
                "paragraph; added articles numbered like Article 10-1, or, for a text amended by amendments and "
                "not so numbered, the renumbering stated); revision: the revised text in full with the outline of "
                "its explanation. Default: amendment for a text numbered like Article 10-1 or whose history records "
                "amendments, else decision."),
    "apply_report": N_("Also write a table of the decision's items, each with the provisions of the amended "
                        "text it changed (Markdown)."),
    "suggest_revision": N_("The draft changes {share} % of the articles: a revision may be the instrument. "
                           "legiscompare amend {old} {new} --style revision writes the revised text in full with "
                           "the outline of its explanation."),
    "only": N_("Of a decision amending several texts (one part per text), apply the part for this title "
               "(default: the part whose title is {OLD}'s)."),
    "harmonise_output": N_("Output directory: <name>.decision.txt per text (and .docx with --docx)."),
    "harmonise_docx": N_("Also write Word files (needs -o DIR)."),
    "base": N_("The base text the others are brought in line with."),
    "db": N_("Read review decisions from this database: provisions whose differences were all accepted "
             "as local differences get no instruction."),
    "written": N_("Written to"),
    "instructions": N_("instructions"),
    "applied": N_("{n} instructions applied"),
    "html": N_("Path of an HTML comparison report with a section of the draft decision, each instruction "
               "linked to its row."),
    "harmonise_html": N_("Also write an HTML comparison report <name>.report.html per text (needs -o DIR)."),
    "store_db": N_("Database URL (default sqlite:///legiscompare.db, or LEGISCOMPARE_DB): the comparison and "
                   "the draft are stored there; instructions a reviewer dropped are left out of the decision "
                   "text."),
    "harmonise_db": N_("Database URL (default as for compare): the drafts are stored there; provisions whose "
                       "differences were all accepted as local differences get no instruction; instructions a "
                       "reviewer dropped are left out of the decision text."),
    "no_db": N_("Neither read nor write the database."),
    "stored": N_("Stored in the database"),
    "dropped": N_("instructions dropped by a reviewer, left out of the decision text"),
    "needs_dir": N_("--docx and --html need an output directory -o"),
    "check_wording": N_("Check {path}, Article {article}: “{base}” is drafted by role as “{drafted}”; if it "
                        "names that jurisdiction itself, write “{absolute}”"),
}
HELP = by_language(HELP_IDS)


def h(key: str) -> str:
    """Help or message text in the user's language."""
    return HELP[language()][key]


def _docx(decision, document, options) -> bytes:  # type: ignore[no-untyped-def]
    from ..amend.api import decision_word

    return decision_word(decision, document, options, language())


def _emit(outputs: dict[str, bytes], stdout: str | None, url: str | None = None,
          store: Callable[[], list[int]] | None = None) -> None:
    """Render-then-store-then-write: every output is staged beside its target first (a
    failure writes and stores nothing), then ``store()`` saves to ``url``, then the files
    are moved into place; else the text is printed."""
    with StagedOutputs() as staged:
        for path, data in outputs.items():
            staged.stage(path, data)
        if url and store:
            click.echo(f"{h('stored')}: " + ", ".join(f"#{n}" for n in store()), err=stdout is not None)
        for path in staged.commit():
            click.echo(f"{h('written')} {shown_path(path)}", err=stdout is not None)
    if stdout is not None:
        click.echo(stdout, nl=False)


def _report_checks(runs: list) -> None:  # type: ignore[type-arg]
    """One line on stderr per jurisdiction word drafted by role with nothing to confirm it."""
    for path, _, draft in runs:
        for check in draft.decision.checks:
            article = str(check.article) if language() == "en" else cn(check.article)
            click.echo(h("check_wording").format(path=shown_path(path), article=article, base=check.base,
                                                 drafted=check.drafted, absolute=check.absolute), err=True)


def _save(comparison, drafts, url) -> int:  # type: ignore[no-untyped-def]
    from ..amend.api import save_drafts

    return save_drafts(comparison, drafts, url)


def _html(comparison, drafts) -> bytes:  # type: ignore[no-untyped-def]
    from ..report import render_html

    return render_html(comparison, language(), None, drafts).encode("utf-8")


def _kept(draft, comparison):  # type: ignore[no-untyped-def]
    from ..amend.api import kept_decision

    return kept_decision(draft, comparison)


def _text(draft, comparison) -> str:  # type: ignore[no-untyped-def]
    """The decision text without the items a reviewer dropped (saying how many, on stderr)."""
    from ..amend import decision_text

    dropped = sum(draft.is_dropped(item) for item in draft.items)
    if dropped:
        click.echo(f"{dropped} {h('dropped')}", err=True)
    return decision_text(_kept(draft, comparison), language())


@click.command("amend", help=HELP_IDS["amend"])
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help=HELP_IDS["output"])
@click.option("--docx", "docx_path", type=click.Path(dir_okay=False), help=HELP_IDS["docx"])
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help=HELP_IDS["html"])
@click.option("--style", metavar="STYLE", help=HELP_IDS["style"])
@jurisdiction_option
@click.option("--db", metavar="URL", help=HELP_IDS["store_db"])
@click.option("--no-db", is_flag=True, help=HELP_IDS["no_db"])
@handles_input_errors
def amend_cmd(old: str, new: str, output: str | None, docx_path: str | None, html_path: str | None,
              style: str | None, jurisdictions: tuple[str, ...], db: str | None, no_db: bool) -> None:
    from ..amend.api import amend_draft, reviewed_drafts
    from ..pipeline import Options

    refuse_clobbering([old, new], [output, docx_path, html_path], "" if no_db else db)
    if html_path:
        refuse_wrong_extensions({"html": html_path})
    options = Options(jurisdictions=parse_jurisdictions(jurisdictions))
    style = _style(style)
    if style == "revision":
        _revision(old, new, output, docx_path, html_path, options)
        return
    url = chosen_database(db, no_db)
    draft, comparison = amend_draft(old, new, options, style)
    drafts = [draft]
    if url:
        reviewed_drafts(drafts, url)
    text = _text(drafts[0], comparison)
    outputs = {output: text.encode("utf-8")} if output else {}
    if docx_path:
        base = next(d for d in comparison.documents if d.id == comparison.base)
        outputs[docx_path] = _docx(_kept(drafts[0], comparison), base, options)
    if html_path:
        outputs[html_path] = _html(comparison, drafts)
    _emit(outputs, None if output else text, url, lambda: [_save(comparison, drafts, url)])
    if output:
        click.echo(f"{len(numbered_items(_kept(drafts[0], comparison)))} {h('instructions')}")
    _suggest_revision(comparison, old, new)


STYLES = {"decision": "decision", "决定": "decision", "amendment": "amendment", "修正案": "amendment",
          "revision": "revision", "修订": "revision"}


def _style(value: str | None) -> str | None:
    """``--style`` in either language (decision / 决定, amendment / 修正案, revision / 修订)."""
    if value is None or value in STYLES:
        return STYLES.get(value) if value else None
    raise InputError(None, "bad_style", value=value)


def _revision(old: str, new: str, output: str | None, docx_path: str | None, html_path: str | None,
              options) -> None:  # type: ignore[no-untyped-def]
    """``--style 修订``: the revised draft with its explanation's outline (and the comparison report)."""
    from ..amend.api import revision_files

    if docx_path:
        raise InputError(docx_path, "revision_no_docx")
    text, comparison = revision_files(old, new, options, language())
    outputs = {output: text.encode("utf-8")} if output else {}
    if html_path:
        outputs[html_path] = _html(comparison, [])
    _emit(outputs, None if output else text)


def _suggest_revision(comparison, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    """A hint on stderr when the draft touches most of the text: a 修订 is the instrument."""
    from ..amend.revision import SUGGEST, revision_summary

    other = next(d.id for d in comparison.documents if d.id != comparison.base)
    share = revision_summary(comparison, comparison.base, other).share
    if share >= SUGGEST:
        click.echo(h("suggest_revision").format(share=round(share * 100), old=shlex.quote(old), new=shlex.quote(new)),
                   err=True)


@click.command("apply", help=HELP_IDS["apply"])
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("decision", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help=HELP_IDS["apply_output"])
@click.option("--only", metavar="TITLE", help=HELP_IDS["only"])
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help=HELP_IDS["apply_report"])
@jurisdiction_option
@handles_input_errors
def apply_cmd(old: str, decision: str, output: str | None, only: str | None, report_path: str | None,
              jurisdictions: tuple[str, ...]) -> None:
    from ..amend.account import applied_report
    from ..amend.api import applied_file
    from ..pipeline import Options

    refuse_clobbering([old, decision], [output, report_path], "")
    text, applied, amended = applied_file(old, decision, Options(jurisdictions=parse_jurisdictions(jurisdictions)),
                                          only)
    outputs = {output: text.encode("utf-8")} if output else {}
    if report_path:
        outputs[report_path] = applied_report(applied, amended, language()).encode("utf-8")
    _emit(outputs, None if output else text)
    click.echo(h("applied").format(n=len(numbered_items(applied))), err=True)  # as amend counts them


@click.command("harmonise", help=HELP_IDS["harmonise"])
@click.argument("others", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="OTHER...")
@click.option("--base", required=True, type=click.Path(dir_okay=False), metavar="BASE", help=HELP_IDS["base"])
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), help=HELP_IDS["harmonise_output"])
@click.option("--docx", "with_docx", is_flag=True, help=HELP_IDS["harmonise_docx"])
@click.option("--html", "with_html", is_flag=True, help=HELP_IDS["harmonise_html"])
@jurisdiction_option
@click.option("--db", metavar="URL", help=HELP_IDS["harmonise_db"])
@click.option("--no-db", is_flag=True, help=HELP_IDS["no_db"])
@handles_input_errors
def harmonise_cmd(others: tuple[str, ...], base: str, out_dir: str | None, with_docx: bool, with_html: bool,
                  jurisdictions: tuple[str, ...], db: str | None, no_db: bool) -> None:
    from ..amend.api import harmonise_drafts, reviewed_drafts
    from ..pipeline import Options

    if (with_docx or with_html) and not out_dir:
        raise InputError(None, "bad_option", detail=h("needs_dir"))
    stems = [str(Path(out_dir) / Path(p).stem) for p in others] if out_dir else []
    kinds = ["decision.txt"] + ["decision.docx"] * with_docx + ["report.html"] * with_html
    planned = [f"{s}.{ext}" for s in stems for ext in kinds]
    refuse_clobbering([base, *others], planned, "" if no_db else db)
    url = chosen_database(db, no_db)
    options = Options(jurisdictions=parse_jurisdictions(jurisdictions))
    runs = harmonise_drafts(base, list(others), options, url)
    if url:
        reviewed_drafts([draft for _, _, draft in runs], url)
    _report_checks(runs)
    outputs: dict[str, bytes] = {}
    shown = []
    for (path, comparison, draft), stem in zip(runs, stems or [None] * len(runs)):
        text = _text(draft, comparison)
        shown.append(f"# {path}\n\n{text}")
        if stem:
            outputs[f"{stem}.decision.txt"] = text.encode("utf-8")
            if with_docx:
                target = next(d for d in comparison.documents if d.id == draft.target)
                outputs[f"{stem}.decision.docx"] = _docx(_kept(draft, comparison), target, options)
            if with_html:
                outputs[f"{stem}.report.html"] = _html(comparison, [draft])
    _emit(outputs, None if out_dir else "\n".join(shown), url,
          lambda: [_save(comparison, [draft], url) for _, comparison, draft in runs])


def register_amend(group: click.Group) -> None:
    """Register ``amend``, ``apply`` and ``harmonise`` on ``group``."""
    group.add_command(amend_cmd)
    group.add_command(apply_cmd)
    group.add_command(harmonise_cmd)


