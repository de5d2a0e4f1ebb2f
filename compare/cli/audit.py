"""``legiscompare audit``: one verdict on coordinated texts, for scripts and CI, and the audit
as a document (``--html``, ``--docx``, ``--pdf``) to attach to a memo.

Exit status 0 when the texts pass, 1 when a check fails, 2 on bad input. Every output is
rendered before any is written, and written all or none.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any
from urllib.parse import quote

import click

from ..errors import InputError, language
from ..fileio import StagedOutputs, read_text_file, refuse_clobbering, shown_path
from ..i18n import N_, _, by_language, ngettext, translate
from ..terminal import Console, Table, escape
from ..visible import visible
from .common import chosen_database, fail, h, handles_input_errors, input_files, parse_jurisdictions

TEXT_IDS = {
    "help": N_("Audit coordinated texts: do they agree on all but jurisdictional wording? Exit 0 pass, 1 "
               "fail, 2 bad input.\n\nExample: legiscompare audit texts/jjj-innovation-2023/*.txt --fail-on "
               "substantive"),
    "fail_on": N_("Lowest level that fails: substantive (default), institution, any (jurisdictional too)."),
    "json": N_("Path of the audit result as JSON."),
    "html": N_("Path of the audit as an HTML document: the summary, then every finding grouped by check and text."),
    "docx": N_("Path of the audit as a Word document (.docx), for a memo."),
    "pdf": N_("Path of the audit as a PDF (the HTML document printed by headless Chromium)."),
    "report": N_("Path of the comparison report of the same texts (compare -o): each finding of --html links to "
                 "its row there."),
    "report_needs_html": N_("--report needs --html, the audit document whose findings link to it"),
    "report_missing": N_("note: {file} does not exist yet: the links of the audit lead to it once the comparison "
                         "report is written there (legiscompare compare … -o {file})"),
    "report_other": N_("note: {file} does not look like the comparison report of these texts: some links would "
                       "lead nowhere; write it again with legiscompare compare … -o {file}"),
    "db": N_("Database URL with review decisions (default legiscompare.db or LEGISCOMPARE_DB; accepted "
             "differences pass)."),
    "no_db": N_("Use no database (review decisions are not considered)."),
    "base": N_("Base text."),
    "jurisdiction": N_("Enacting jurisdiction of a file, as FILE=NAME."),
    "check": N_("Check"),
    "result": N_("Result"),
    "findings": N_("Findings"),
    "by_text": N_("By text"),
    "pass": N_("pass"),
    "fail": N_("FAIL"),
    "verdict_pass": N_("Audit passed"),
    "verdict_fail": N_("Audit failed"),
    "rows": N_("rows"),
    "more": N_("… and {n} more: --html, --docx, --pdf or --json writes them all"),
    "more_in": N_("… and {n} more, all in {files}"),
    "whole_set": N_("all texts"),
}
TEXT = by_language(TEXT_IDS)
DOCUMENTS = ("html", "docx", "pdf")  # the audit as a document; --json is the machine's output
OPTIONS = {"json": ("--json", (".json",)), "html": ("--html", (".html", ".htm")), "docx": ("--docx", (".docx",)),
           "pdf": ("--pdf", (".pdf",))}
REPORT_BYTES = 512 * 2**20  # a comparison report read to check its rows (larger: not checked)


def t(key: str) -> str:
    """A text of this command in the user's language."""
    return TEXT[language()][key]


@click.command("audit", help=TEXT_IDS["help"])
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--base", type=click.Path(dir_okay=False), help=TEXT_IDS["base"])
@click.option("--fail-on", type=click.Choice(["substantive", "institution", "any"]), default="substantive",
              show_default=True, help=TEXT_IDS["fail_on"])
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help=TEXT_IDS["html"])
@click.option("--docx", "docx_path", type=click.Path(dir_okay=False), help=TEXT_IDS["docx"])
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False), help=TEXT_IDS["pdf"])
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help=TEXT_IDS["report"])
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help=TEXT_IDS["json"])
@click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="FILE=NAME", help=TEXT_IDS["jurisdiction"])
@click.option("--db", help=TEXT_IDS["db"])
@click.option("--no-db", is_flag=True, help=TEXT_IDS["no_db"])
@handles_input_errors
def audit_cmd(files: tuple[str, ...], base: str | None, fail_on: str, html_path: str | None, docx_path: str | None,
              pdf_path: str | None, report_path: str | None, json_path: str | None, jurisdictions: tuple[str, ...],
              db: str | None, no_db: bool) -> None:
    from ..audit import audit, audit_document
    from ..pipeline import Options, compare_files

    if report_path and not html_path:
        fail(t("report_needs_html"))
    files = input_files(files)  # a folder: its texts, without the reports written there
    targets = {"json": json_path, "html": html_path, "docx": docx_path, "pdf": pdf_path}
    refuse_clobbering([*files, base, report_path], list(targets.values()), "" if no_db else db)
    _refuse_wrong_extensions(targets)
    url = chosen_database(db, no_db)
    comparison = compare_files(list(files), Options(base=base, jurisdictions=parse_jurisdictions(jurisdictions)))
    accepted, fingerprints = _accepted(comparison, url)
    report = audit(comparison, fail_on, accepted, fingerprints)
    outputs: dict[str, bytes] = {}
    if json_path:
        outputs[json_path] = (json.dumps(_as_dict(report), ensure_ascii=False, indent=1, sort_keys=True)
                              + "\n").encode("utf-8")
    if any(targets[kind] for kind in DOCUMENTS):
        document = audit_document(report, comparison, len(accepted) if url else None)
        href = _href(report_path, html_path) if report_path and html_path else None
        outputs.update({targets[kind]: _render(kind, document, href) for kind in DOCUMENTS if targets[kind]})
        if report_path:
            _check_report(report_path, document)
    with StagedOutputs() as staged:  # every output rendered before any is written; all or none
        for path, data in outputs.items():
            staged.stage(path, data)
        written = staged.commit()
    _print(report, [targets[k] for k in (*DOCUMENTS, "json") if targets[k]])
    for path in written:
        click.echo(f"{h('written')} {shown_path(path)}")
    sys.exit(0 if report.passed else 1)


def register_audit(group: click.Group) -> None:
    """Add the ``audit`` command to ``group``."""
    group.add_command(audit_cmd)


def _render(kind: str, document: Any, report_href: str | None) -> bytes:
    """The audit document as ``kind`` (html, docx or pdf); only the HTML links to the report."""
    if kind == "docx":
        from ..report.audit_docx import audit_docx

        return audit_docx(document, language())
    from ..report.audit_document import audit_html, audit_pdf

    return audit_html(document, language(), report_href).encode("utf-8") if kind == "html" else \
        audit_pdf(document, language())


def _refuse_wrong_extensions(paths: dict[str, str | None]) -> None:
    """InputError for an output whose ending does not match its option (``--docx a.pdf``)."""
    for kind, path in paths.items():
        option, endings = OPTIONS[kind]
        if path and not path.lower().endswith(endings):
            raise InputError(path, "wrong_extension", option=option, expected=" / ".join(endings))


def _href(report_path: str, html_path: str) -> str:
    """The comparison report as a link from the audit page: relative to its folder, URL-quoted."""
    folder = os.path.dirname(os.path.abspath(html_path))
    relative = os.path.relpath(os.path.abspath(report_path), folder)
    return quote(relative.replace(os.sep, "/"))


def _check_report(report_path: str, document: Any) -> None:
    """A note on stderr when the comparison report the links lead to is missing, or lacks one
    of the texts or a row the findings name (it was written from other texts or options)."""
    from markupsafe import escape as html_escape

    if not os.path.exists(report_path):
        click.echo(t("report_missing").format(file=shown_path(report_path)), err=True)
        return
    try:
        page = read_text_file(report_path, REPORT_BYTES)
    except InputError:
        return
    anchors = {i.anchor for s in document.sections for g in s.groups for i in g.items if i.anchor}
    if any(f"<td>{html_escape(visible(text.file))}</td>" not in page for text in document.texts) or \
            any(f'id="{html_escape(anchor)}"' not in page for anchor in anchors):
        click.echo(t("report_other").format(file=shown_path(report_path)), err=True)


def _accepted(comparison: Any, db: str | None) -> tuple[set[str], Any]:
    """Fingerprints of differences a stored review decision accepted (none without --db).

    Reads only: the audit never stores the comparison, nor creates a database.
    """
    if not db:
        return set(), None
    from ..store import database_exists, difference_fingerprints, open_store

    fingerprints = difference_fingerprints(comparison)
    if not database_exists(db):
        return set(), fingerprints
    store = open_store(db)
    try:
        decisions = store.current_decisions([fp for row in fingerprints for fp in row])
    finally:
        store.close()
    return {fp for fp, d in decisions.items() if d.status == "accepted"}, fingerprints


SHOWN = 5  # findings printed per check; the documents and --json hold them all


def _print(report: Any, written: list[str]) -> None:
    """A summary table (each check: result, findings in all and per text), then each failing
    check's first findings and how many more, then the verdict."""
    lang = language()
    from ..audit import CHECK_NAMES  # heavy (the pipeline's stages): not at --help

    names, sep = CHECK_NAMES[lang], translate(("list", ", "))
    table = Table(show_lines=False)
    for column in (t("check"), t("result"), t("findings"), t("by_text")):
        table.add_column(column)
    for check in report.checks:
        counts = [f"{_who(report, d)} {len(found)}" for d, found in report.by_document(check).items()]
        table.add_row(names[check.name], t("pass") if check.passed else t("fail"), str(len(check.findings)),
                      escape(sep.join(counts)))
    console = Console(soft_wrap=True, width=120)
    console.print(table)
    for check in report.checks:
        if check.passed:
            continue
        count = ngettext("{n} finding", "{n} findings", len(check.findings), lang).format(n=len(check.findings))
        console.print(escape(f"\n{names[check.name]}{_(': ')}{count}"))
        for finding in report.first_findings(check, SHOWN):
            console.print(escape(f"  {finding.where}{_(': ')}{finding.detail}"))
        more = len(check.findings) - SHOWN
        if more > 0:
            line = t("more_in").format(n=more, files=sep.join(map(shown_path, written))) if written else \
                t("more").format(n=more)
            console.print(escape("  " + line))
    verdict = t("verdict_pass") if report.passed else t("verdict_fail")
    rows = report.failing_rows()
    listed = _(" ({label}: {rows})").format(label=t("rows"), rows=sep.join(rows))
    console.print(escape("\n" + verdict + (listed if rows and len(rows) <= SHOWN * 4 else "")))


def _who(report: Any, doc_id: str | None) -> str:
    return report.labels.get(doc_id, doc_id) if doc_id else t("whole_set")


def _as_dict(report: Any) -> dict[str, Any]:
    return {
        "passed": report.passed,
        "fail_on": report.fail_on,
        "failing_rows": report.failing_rows(),
        "checks": [{"name": c.name, "passed": c.passed,
                    "findings": [{"where": f.where, "detail": f.detail, "row": f.row_id, "document": f.document}
                                 for f in c.findings],
                    "by_document": {d or "": len(found) for d, found in report.by_document(c).items()}}
                   for c in report.checks],
    }
