"""``legiscompare db`` and ``legiscompare review``: the database and scripted review.

``review list`` shows the undecided differences of a stored comparison (the latest by
default); ``review set FINGERPRINT STATUS`` records a decision; ``review obsolete`` lists
decisions whose difference disappeared after a re-run; ``review export`` / ``review import``
carry decisions to another database (``store.exchange``). ``db upgrade`` brings any older
database to the current schema.
"""

from __future__ import annotations

import click

from ..errors import InputError, language
from ..fileio import read_text_file, replace_file
from ..i18n import N_, P_, _, by_language, local_time, translate
from ..ids import MAX_ID, parse_id
from ..model import CATEGORIES
from ..terminal import Console, Table, escape
from ..visible import visible
from ..vocabulary import DECISIONS, NAMES, decision_status
from .common import (
    database_url,
    db_option,
    existing,
    fail,
    handles_input_errors,
    new_table,
    open_store,
)

UNMATCHED_SHOWN = 50  # rows of the table of decisions that did not match; the rest are counted

TEXT_IDS = {
    "db": N_("Database maintenance.\n\nExample: legiscompare db upgrade"),
    "upgrade": N_("Upgrade the database to the current schema (keeps all rows).\n\nExample: legiscompare db "
                  "upgrade --db sqlite:///legiscompare.db"),
    "upgraded": N_("Database schema is at revision"),
    "review": N_("Review differences and record decisions.\n\nExample: legiscompare review list --category "
                 "substantive"),
    "list": N_("List the undecided differences (of the latest comparison by default).\n\nExample: "
               "legiscompare review list --comparison 1"),
    "set": N_("Record a decision on a difference (a fingerprint prefix of 8+ characters will do) and say which "
              "comparison it is recorded on. Decision: accepted, needs_harmonisation, fixed or rejected, or its "
              "Chinese name.\n\nExample: legiscompare review set 3f2a9c1b accepted --note local --reviewer Zhang"),
    "obsolete": N_("List decisions whose difference disappeared (never deleted).\n\nExample: legiscompare review "
                   "obsolete"),
    "comparisons": N_("List the stored comparisons (by default the latest of each review).\n\nExample: legiscompare "
                      "comparisons --all"),
    "comparison": N_("Comparison id (default: the latest)."),
    "all": N_("Include decided and formatting differences."),
    "category": N_("Only these categories (repeatable; formatting is left out by default)."),
    "note": N_("Note."),
    "reviewer": N_("Reviewer."),
    "none": N_("No comparison is stored."),
    "recorded": N_("Recorded on comparison #{id}: {fingerprint} {decision}"),
    "bad_status": N_("{value}: not a decision; give one of {names} (or {codes})"),
    "ambiguous": N_("fingerprint prefix matches several differences: {prefix}"),
    "unknown": N_("comparison #{id} has no difference with fingerprint {prefix}, nor has any other stored "
                  "comparison"),
    "elsewhere": N_("comparison #{id} has no difference with fingerprint {prefix}; it belongs to comparison "
                    "{others} ({documents}): give --comparison {other}"),
    "short": N_("fingerprint prefix {prefix} is too short: give at least 8 characters"),
    "cols": [N_("fingerprint"), N_("row"), N_("document"), N_("category"), N_("class"), N_("old"), N_("new"),
             N_("decision")],
    "ocols": [N_("fingerprint"), N_("row · document"), N_("difference"), N_("decision"), N_("reviewer"), N_("note"),
              N_("recorded on")],
    "no_obsolete": N_("Comparison #{id} has no obsolete decision."),
    "no_undecided": N_("Comparison #{id} has no undecided difference of these categories."),
    "no_differences": N_("Comparison #{id} has no difference of these categories."),
    "history": N_("List the whole history: comparisons superseded by a re-run and archived ones too."),
    "state": N_("state"),
    "latest": N_("latest"),
    "superseded": N_("superseded by #{id}"),
    "is_archived": N_("archived"),
    "delete": N_("Archive a comparison: it is no longer listed. Nothing is deleted: its rows, differences "
                 "and every decision stay; comparisons --all still lists it and --restore brings it "
                 "back.\n\nExample: legiscompare comparisons delete 3 --yes"),
    "yes": N_("Confirm the archiving."),
    "restore": N_("Show an archived comparison again."),
    "confirm": N_("comparison #{id} would be archived (no longer listed); its rows, differences and decisions "
                  "({decided} differences decided) are kept. Add --yes to confirm"),
    "archived": N_("Archived comparison #{id}. Kept: {rows} rows, {differences} differences, {decisions} "
                   "decisions recorded on it (nothing was deleted; comparisons --all lists it, delete {id} "
                   "--restore brings it back)"),
    "restored": N_("Comparison #{id} is listed again"),
    "export": N_("Export a comparison's decisions (the latest comparison by default) as CSV in the reader's "
                 "language (--lang en: English headers and codes) or as JSON for programs.\n\nExample: "
                 "legiscompare review export --format json -o decisions.json"),
    "import": N_("Re-apply exported decisions (CSV in either language, or JSON) to this database, matched by "
                 "difference fingerprint; says which comparison each went to and lists the ones that did not "
                 "match.\n\nExample: legiscompare review import decisions.json --db sqlite:///other.db"),
    "format": N_("Export format."),
    "output": N_("Output file."),
    "import_comparison": N_("Only match differences of this comparison."),
    "exported": N_("Exported {count} decisions (comparison #{id}): {path}"),
    "imported": N_("Recorded {applied}, {unchanged} already current, {unmatched} not matched"),
    "more_unmatched": N_("… and {n} more that did not match (review export lists what is recorded)"),
    "ucols": [N_("fingerprint"), N_("row"), N_("document"), N_("decision"), N_("reviewer"),
              N_("stored in comparison")],
    "import_into": N_("Importing into comparison #{id}: {documents}"),
    "import_any": N_("no --comparison given: each decision goes to the latest comparison holding its difference"),
    "recorded_on": N_("{count} recorded on comparison #{id}: {documents}"),
    "no_such": N_("no comparison has id {id}"),
    "defaulted": N_("no --comparison given: using the latest comparison #{id}: {documents}"),
    "ccols": [N_("id"), N_("documents"), P_("column", "rows"), N_("differences"), N_("decided"), N_("updated")],
}
TEXT = by_language(TEXT_IDS)


class DatabaseId(click.ParamType):
    """A stored id typed by the user: ASCII digits within the database's integer range."""

    name = "id"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]

        if isinstance(value, int):
            return value
        parsed = parse_id(str(value).strip())
        if parsed is None:
            reason = _("{value}: not an id (a number from 1 to {max})")
            self.fail(reason.format(value=repr(str(value)[:40]), max=MAX_ID), param, ctx)
        return parsed


DB_ID = DatabaseId()


class DecisionWord(click.Choice):
    """A review decision as typed: its code (``accepted``) or its name in either language (接受,
    驳回: ``vocabulary.decision_status``); the code is what the command gets."""

    name = "decision"

    def __init__(self) -> None:
        super().__init__(DECISIONS)

    def get_metavar(self, param, ctx):  # type: ignore[no-untyped-def]
        lang = language()
        return "{" + "|".join(c if lang == "en" else NAMES[lang][c] for c in DECISIONS) + "}"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        code = decision_status(str(value))
        if code is None:
            names = translate(P_("list", ", ")).join(NAMES[language()][c] for c in DECISIONS)
            self.fail(_t("bad_status").format(value=repr(str(value)[:40]), names=names, codes=", ".join(DECISIONS)),
                      param, ctx)
        return code


def name(code: str) -> str:
    """A category, class or decision status as the reader's language names it (``compare.vocabulary``)."""
    return NAMES[language()].get(code, code)


def _t(key: str):  # type: ignore[no-untyped-def]
    return TEXT[language()][key]


SHORT = 40  # characters of old/new text shown in a listing (a whole added provision is long)


def _short(text: str) -> str:
    """A listing's view of a structural difference's text (a whole provision): its first
    ``SHORT`` characters on one line."""
    flat = text.replace("\n", " ")
    return flat if len(flat) <= SHORT else flat[:SHORT] + "…"


def upgrade(url: str) -> str | None:
    """``compare.store.migrate.upgrade``, imported when a command runs."""
    from ..store.migrate import upgrade as upgraded

    return upgraded(url)


@click.group("db", help=TEXT_IDS["db"])
def db_group() -> None:
    pass


@db_group.command("upgrade", help=TEXT_IDS["upgrade"])
@db_option
@handles_input_errors
def upgrade_cmd(db: str | None) -> None:
    click.echo(f"{_t('upgraded')} {upgrade(database_url(db))}")


@click.group("comparisons", help=TEXT_IDS["comparisons"], invoke_without_command=True)
@db_option
@click.option("--all", "show_all", is_flag=True, help=TEXT_IDS["history"])
@click.pass_context
@handles_input_errors
def comparisons_cmd(ctx: click.Context, db: str | None, show_all: bool) -> None:
    if ctx.invoked_subcommand is not None:
        return
    with open_store(existing(database_url(db))) as store:
        table = new_table(_t("ccols") + ([_t("state")] if show_all else []))
        for c in store.list_comparisons():
            if not show_all and (c.archived or c.superseded_by is not None):
                continue
            cells = [str(c.id), escape("、".join(c.documents)), str(c.rows), str(c.differences),
                     str(c.decided), local_time(c.updated_at)]
            table.add_row(*cells, *([_state(c)] if show_all else []))
        Console(width=140).print(table)


@comparisons_cmd.command("delete", help=TEXT_IDS["delete"])
@click.argument("comparison", type=DB_ID)
@db_option
@click.option("--yes", is_flag=True, help=TEXT_IDS["yes"])
@click.option("--restore", is_flag=True, help=TEXT_IDS["restore"])
@handles_input_errors
def delete_cmd(comparison: int, db: str | None, yes: bool, restore: bool) -> None:
    with open_store(existing(database_url(db))) as store:
        found = next((c for c in store.list_comparisons() if c.id == comparison), None)
        if found is None:
            raise InputError(None, "invalid", detail=_t("no_such").format(id=comparison))
        if restore:
            store.archive_comparison(comparison, archived=False)
            click.echo(_t("restored").format(id=comparison))
            return
        if not yes:
            fail(_t("confirm").format(id=comparison, decided=found.decided))
        kept = store.archive_comparison(comparison)
    click.echo(_t("archived").format(id=comparison, decisions=kept, rows=found.rows, differences=found.differences))


@click.group("review", help=TEXT_IDS["review"])
def review_group() -> None:
    pass


@review_group.command("list", help=TEXT_IDS["list"])
@db_option
@click.option("--comparison", type=DB_ID, help=TEXT_IDS["comparison"])
@click.option("--all", "show_all", is_flag=True, help=TEXT_IDS["all"])
@click.option("--category", "categories", multiple=True,
              type=click.Choice(list(CATEGORIES)), help=TEXT_IDS["category"])
@handles_input_errors
def list_cmd(db: str | None, comparison: int | None, show_all: bool, categories: tuple[str, ...]) -> None:
    wanted = set(categories) or (set(CATEGORIES) if show_all else set(CATEGORIES) - {"formatting"})
    with open_store(existing(database_url(db))) as store:
        cid = _comparison_id(store, comparison)
        if comparison is None:
            click.echo(_defaulted(store, cid), err=True)
        diffs = [d for d in (store.differences(cid) if show_all else store.undecided(cid)) if d.category in wanted]
        if not diffs:
            click.echo(_t("no_differences" if show_all else "no_undecided").format(id=cid))
            return
        decisions = store.decisions_for(cid)
        table = new_table(_t("cols"))
        for d in diffs:
            decision = decisions.get(d.fingerprint)
            old, new = (_short(d.old), _short(d.new)) if d.category == "structural" else (d.old, d.new)
            cells = (d.fingerprint[:12], d.row_label, d.document, name(d.category), name(d.cls), old, new,
                     name(decision.status) if decision else "")
            table.add_row(*(escape(c) for c in cells))
        Console(width=160).print(table)


@review_group.command("set", help=TEXT_IDS["set"])
@click.argument("fingerprint")
@click.argument("status", type=DecisionWord())
@click.option("--note", default="", help=TEXT_IDS["note"])
@click.option("--reviewer", required=True, help=TEXT_IDS["reviewer"])
@db_option
@click.option("--comparison", type=DB_ID, help=TEXT_IDS["comparison"])
@handles_input_errors
def set_cmd(fingerprint: str, status: str, note: str, reviewer: str, db: str | None, comparison: int | None) -> None:
    with open_store(existing(database_url(db))) as store:
        cid = _comparison_id(store, comparison)
        full = _resolve_fingerprint(store, cid, fingerprint)
        decision = store.record_decision(full, status, note, reviewer, comparison_id=cid)
        if comparison is None:  # said once recorded, so that an error stays one line
            click.echo(_defaulted(store, cid), err=True)
        click.echo(_t("recorded").format(id=decision.comparison_id, fingerprint=decision.difference_fingerprint[:12],
                                         decision=name(decision.status)))


@review_group.command("obsolete", help=TEXT_IDS["obsolete"])
@db_option
@click.option("--comparison", type=DB_ID, help=TEXT_IDS["comparison"])
@handles_input_errors
def obsolete_cmd(db: str | None, comparison: int | None) -> None:
    with open_store(existing(database_url(db))) as store:
        cid = _comparison_id(store, comparison)
        if comparison is None:
            click.echo(_defaulted(store, cid), err=True)
        found = store.obsolete_decisions(cid)
        if not found:
            click.echo(_t("no_obsolete").format(id=cid))
            return
        Console(width=160).print(_obsolete_table(store, found))


@review_group.command("export", help=TEXT_IDS["export"])
@db_option
@click.option("--comparison", type=DB_ID, help=TEXT_IDS["comparison"])
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help=TEXT_IDS["format"])
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help=TEXT_IDS["output"])
@handles_input_errors
def export_cmd(db: str | None, comparison: int | None, fmt: str, output: str) -> None:
    from ..store import exchange

    with open_store(existing(database_url(db))) as store:
        cid = _comparison_id(store, comparison)
        if comparison is None:
            click.echo(_defaulted(store, cid), err=True)
        records = exchange.export_records(store, cid)
    text = exchange.to_json(records) if fmt == "json" else exchange.to_csv(records)
    replace_file(output, (("\ufeff" if fmt == "csv" else "") + text).encode("utf-8"))
    click.echo(_t("exported").format(count=len(records), id=cid, path=output))


@review_group.command("import", help=TEXT_IDS["import"])
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--comparison", type=DB_ID, help=TEXT_IDS["import_comparison"])
@handles_input_errors
def import_cmd(file: str, db: str | None, comparison: int | None) -> None:
    from ..store import exchange

    try:
        records = exchange.read_records(read_text_file(file))
    except InputError as exc:
        raise InputError(exc.file or file, exc.key, **exc.params) from None
    with open_store(existing(database_url(db))) as store:
        if comparison is not None:
            _comparison_id(store, comparison)
        report = exchange.import_records(store, records, comparison)
        if comparison is not None:  # said once imported, so that an error stays one line
            click.echo(_t("import_into").format(id=comparison, documents=_documents(store, comparison)))
        else:
            click.echo(_t("import_any"), err=True)
        click.echo(_t("imported").format(applied=report.applied, unchanged=report.unchanged,
                                         unmatched=len(report.unmatched)))
        for cid, count in sorted(report.recorded_on.items()):
            click.echo(_t("recorded_on").format(count=count, id=cid, documents=_documents(store, cid)))
    if report.unmatched:
        table = new_table(_t("ucols"))
        for r in report.unmatched[:UNMATCHED_SHOWN]:
            cells = [visible(str(r.get(k, ""))[:40]) for k in ("fingerprint", "provision", "document", "status",
                                                               "reviewer")]
            cells[3] = name(cells[3])
            held = report.elsewhere.get(r.get("fingerprint", ""), [])
            table.add_row(*(escape(c) for c in cells), _numbers(held))
        Console(width=160).print(table)
        if len(report.unmatched) > UNMATCHED_SHOWN:
            click.echo(_t("more_unmatched").format(n=len(report.unmatched) - UNMATCHED_SHOWN))


def register_review(group: click.Group) -> None:
    """Add ``db``, ``review`` and ``comparisons`` to ``group``."""
    group.add_command(db_group)
    group.add_command(comparisons_cmd)
    group.add_command(review_group)


def _obsolete_table(store, decisions) -> Table:  # type: ignore[no-untyped-def]
    """Obsolete decisions with the provision and text of the difference they were about
    (read from the comparison each was recorded on)."""
    table = new_table(_t("ocols"))
    recorded: dict[int, dict[str, object]] = {}
    for d in decisions:
        if d.comparison_id not in recorded:
            recorded[d.comparison_id] = {x.fingerprint: x for x in store.differences(d.comparison_id)}
        x = recorded[d.comparison_id].get(d.difference_fingerprint)
        where = f"{x.row_label} · {x.document}" if x else ""
        text = " → ".join(p for p in (_short(x.old), _short(x.new)) if p) if x else ""
        cells = (d.difference_fingerprint[:12], where, text, name(d.status), visible(d.reviewer),
                 visible(d.note, lines=True), f"#{d.comparison_id}")
        table.add_row(*(escape(c) for c in cells))
    return table


def _state(c) -> str:  # type: ignore[no-untyped-def]
    """A comparison's place in its history: latest, superseded (by #N) or archived."""
    if c.archived:
        return _t("is_archived")
    if c.superseded_by is not None:
        return _t("superseded").format(id=c.superseded_by)
    return _t("latest")


def _comparison_id(store, given: int | None) -> int:  # type: ignore[no-untyped-def]
    """``given`` if a comparison has that id (else ``InputError``), or the latest one."""
    comparisons = store.list_comparisons()
    if given is not None:
        if not any(c.id == given for c in comparisons):
            raise InputError(None, "invalid", detail=_t("no_such").format(id=given))
        return given
    comparisons = [c for c in comparisons if not c.archived] or comparisons
    if not comparisons:
        raise InputError(None, "invalid", detail=_t("none"))
    return max(comparisons, key=lambda c: (c.updated_at, c.id)).id


def _documents(store, comparison_id: int) -> str:  # type: ignore[no-untyped-def]
    """The documents of a stored comparison, as a listing names them (beijing、tianjin)."""
    found = next(c for c in store.list_comparisons() if c.id == comparison_id)
    return translate(P_("list", ", ")).join(found.documents)


def _numbers(ids: list[int]) -> str:
    """Comparison ids as a message names them: #3, #1."""
    return translate(P_("list", ", ")).join(f"#{i}" for i in ids)


def _defaulted(store, comparison_id: int) -> str:  # type: ignore[no-untyped-def]
    """The line saying that no --comparison was given and which one was taken (its documents):
    a command that records something does not silently pick what it records on."""
    return _t("defaulted").format(id=comparison_id, documents=_documents(store, comparison_id))


def _resolve_fingerprint(store, comparison_id: int, prefix: str) -> str:  # type: ignore[no-untyped-def]
    """The full fingerprint of the one difference of the comparison that ``prefix`` starts; else
    ``InputError`` naming the comparisons that do hold it, if any."""
    from ..store.exchange import holders

    if len(prefix) < 8:
        raise InputError(None, "invalid", detail=_t("short").format(prefix=prefix))
    matches = {d.fingerprint for d in store.differences(comparison_id) if d.fingerprint.startswith(prefix)}
    if len(matches) == 1:
        return matches.pop()
    if matches:
        raise InputError(None, "invalid", detail=_t("ambiguous").format(prefix=prefix))
    others = sorted({cid for ids in holders(store, prefix=prefix).values() for cid in ids}, reverse=True)
    if not others:
        raise InputError(None, "invalid", detail=_t("unknown").format(id=comparison_id, prefix=prefix))
    raise InputError(None, "invalid", detail=_t("elsewhere").format(
        id=comparison_id, prefix=prefix, others=_numbers(others), documents=_documents(store, others[0]),
        other=others[0]))
