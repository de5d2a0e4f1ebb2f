"""``legiscompare check OLD DECISION NEW``: the consolidation check (``compare.amend.check``)."""

from __future__ import annotations

import sys

import click

from ..errors import language, shown_path
from ..i18n import N_, by_language
from .common import handles_input_errors, jurisdiction_option, parse_jurisdictions

HELP_IDS = {
    "check": N_("Consolidation check: apply {DECISION} to {OLD} and compare the result with {NEW}, a published "
                "consolidated text; list every provision where {NEW} departs from what the decision says. Exit 0 "
                "when they agree, 1 when {NEW} departs, 2 on bad input.\n\nExample: legiscompare check "
                "old.md decision.txt published.md"),
    "only": N_("Of a decision amending several texts, check the part for this title (default: the part whose "
               "title is {OLD}'s)."),
    "changed": N_("{path}: {unit} departs from the decision: the decision gives “{expected}”, the published "
                  "text “{published}”"),
    "missing": N_("{path}: {unit} results from the decision but is not in the published text"),
    "extra": N_("{path}: {unit} is in the published text but does not result from the decision"),
    "agree": N_("{path} says what the decision says ({count} provisions compared)"),
    "departs": N_("{count} provisions of {path} depart from the decision"),
}
TEXTS = by_language(HELP_IDS)


def _t(key: str) -> str:
    return TEXTS[language()][key]


@click.command("check", help=HELP_IDS["check"])
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("decision", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--only", metavar="TITLE", help=HELP_IDS["only"])
@jurisdiction_option
@handles_input_errors
def check_cmd(old: str, decision: str, new: str, only: str | None, jurisdictions: tuple[str, ...]) -> None:
    from ..amend.api import checked_files
    from ..pipeline import Options

    departures, compared = checked_files(old, decision, new, Options(jurisdictions=parse_jurisdictions(jurisdictions)),
                                         only)
    for d in departures:
        if d.kind == "changed":
            for expected, published in d.changes or (("", ""),):
                click.echo(_t("changed").format(path=shown_path(new), unit=d.address(language()), expected=expected,
                                                published=published))
        else:
            click.echo(_t(d.kind).format(path=shown_path(new), unit=d.address(language())))
    summary = _t("departs").format(count=len(departures), path=shown_path(new)) if departures else \
        _t("agree").format(path=shown_path(new), count=compared)
    click.echo(summary, err=True)
    sys.exit(1 if departures else 0)


def register_check(group: click.Group) -> None:
    """Register ``check`` on ``group``."""
    group.add_command(check_cmd)
