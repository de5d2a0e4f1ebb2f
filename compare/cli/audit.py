"""``legiscompare audit``: one verdict on coordinated texts, for scripts and CI.

Exit status 0 when the texts pass, 1 when a check fails, 2 on bad input.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..errors import language
from ..fileio import write_text
from ..i18n import N_, _, by_language, ngettext, translate
from ..terminal import Console, Table, escape
from .common import chosen_database, handles_input_errors, input_files, parse_jurisdictions

TEXT_IDS = {
    "help": N_("Audit coordinated texts: do they agree on all but jurisdictional wording? Exit 0 pass, 1 "
               "fail, 2 bad input.\n\nExample: legiscompare audit texts/jjj-innovation-2023/*.txt --fail-on "
               "substantive"),
    "fail_on": N_("Lowest level that fails: substantive (default), institution, any (jurisdictional too)."),
    "json": N_("Path of the audit result as JSON."),
    "db": N_("Database URL with review decisions (default legiscompare.db or LEGISCOMPARE_DB; accepted "
             "differences pass)."),
    "no_db": N_("Use no database (review decisions are not considered)."),
    "base": N_("Base text."),
    "jurisdiction": N_("Enacting jurisdiction of a file, as FILE=NAME."),
    "check": N_("Check"),
    "result": N_("Result"),
    "findings": N_("Findings"),
    "pass": N_("pass"),
    "fail": N_("FAIL"),
    "verdict_pass": N_("Audit passed"),
    "verdict_fail": N_("Audit failed"),
    "rows": N_("rows"),
    "more": N_("… and {n} more (--json lists them all)"),
    "whole_set": N_("all texts"),
}
TEXT = by_language(TEXT_IDS)


@click.command("audit", help=TEXT_IDS["help"])
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--base", type=click.Path(dir_okay=False), help=TEXT_IDS["base"])
@click.option("--fail-on", type=click.Choice(["substantive", "institution", "any"]), default="substantive",
              show_default=True, help=TEXT_IDS["fail_on"])
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help=TEXT_IDS["json"])
@click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="FILE=NAME", help=TEXT_IDS["jurisdiction"])
@click.option("--db", help=TEXT_IDS["db"])
@click.option("--no-db", is_flag=True, help=TEXT_IDS["no_db"])
@handles_input_errors
def audit_cmd(files: tuple[str, ...], base: str | None, fail_on: str, json_path: str | None,
              jurisdictions: tuple[str, ...], db: str | None, no_db: bool) -> None:
    from ..audit import audit
    from ..pipeline import Options, compare_files

    files = input_files(files)  # a folder: its texts, without the reports written there
    url = chosen_database(db, no_db)
    comparison = compare_files(list(files), Options(base=base, jurisdictions=parse_jurisdictions(jurisdictions)))
    accepted, fingerprints = _accepted(comparison, url)
    report = audit(comparison, fail_on, accepted, fingerprints)
    _print(report)
    if json_path:
        write_text(json_path, json.dumps(_as_dict(report), ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    sys.exit(0 if report.passed else 1)


def register_audit(group: click.Group) -> None:
    """Add the ``audit`` command to ``group``."""
    group.add_command(audit_cmd)


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


SHOWN = 5  # findings printed per check and document; --json holds them all


def _print(report: Any) -> None:
    """A summary table (each check: result, findings per document), then each failing
    check's first findings per document, then the verdict."""
    lang = language()
    from ..audit import CHECK_NAMES  # heavy (the pipeline's stages): not at --help

    t, names = TEXT[lang], CHECK_NAMES[lang]
    table = Table(show_lines=False)
    for column in (t["check"], t["result"], t["findings"]):
        table.add_column(column)
    for check in report.checks:
        counts = [f"{_who(report, d, t)} {len(found)}" for d, found in report.by_document(check).items()]
        table.add_row(names[check.name], t["pass"] if check.passed else t["fail"],
                      escape(translate(("list", ", ")).join(counts)))
    console = Console(soft_wrap=True, width=120)
    console.print(table)
    for check in report.checks:
        if check.passed:
            continue
        console.print(escape(f"\n{names[check.name]}"))
        for doc_id, found in report.by_document(check).items():
            count = ngettext("{n} finding", "{n} findings", len(found), lang).format(n=len(found))
            console.print(escape(f"  {_who(report, doc_id, t)}{_(': ')}{count}"))
            for finding in found[:SHOWN]:
                console.print(escape(f"    {finding.where}{_(': ')}{finding.detail}"))
            if len(found) > SHOWN:
                console.print(escape("    " + t["more"].format(n=len(found) - SHOWN)))
    verdict = t["verdict_pass"] if report.passed else t["verdict_fail"]
    rows = report.failing_rows()
    listed = _(" ({label}: {rows})").format(label=t["rows"], rows=translate(("list", ", ")).join(rows))
    console.print(escape("\n" + verdict + (listed if rows and len(rows) <= SHOWN * 4 else "")))


def _who(report: Any, doc_id: str | None, t: Any) -> str:
    return report.labels.get(doc_id, doc_id) if doc_id else t["whole_set"]


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
