"""``legiscompare corpus stats | index | similar | families``: a whole corpus, shared and copied provisions.

``register_corpus(group)`` adds the commands to the ``corpus`` group of ``group``, creating
the group when no other module did. The libraries are ``compare.structure.corpus`` (stats)
and ``compare.corpus``; this module only parses options and prints.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import InputError, language
from ..fileio import refuse_clobbering, shown_path, write_text
from ..i18n import N_, P_, by_language
from ..ids import parse_id
from ..limits import max_workers
from ..terminal import Console, Table, escape, stages
from ..terminal import progress as progress_bar
from ..visible import visible
from .common import database_url, db_option, handles_input_errors

TEXT_IDS = {
    "corpus": N_("Legislation corpus: statistics, index, similar provisions and families.\n\nExample: "
                 "legiscompare corpus families ../shared/corpus/lawrefbook -o reports/families.html"),
    "stats": N_("Parse every text under a folder and report files read and failed, provisions and "
                "anomalies.\n\nExample: legiscompare corpus stats ../shared/corpus/lawrefbook"),
    "index": N_("Parse and store every text under a directory (re-runs read only new or changed "
                "files).\n\nExample: legiscompare corpus index ../shared/corpus/lawrefbook --db corpus.db"),
    "similar": N_("For each provision, the most similar provisions in other texts and jurisdictions, with the "
                  "similarity and a compare command (legiscompare compare A B: both texts side by side, "
                  "provision by provision). The argument is a file or an indexed provision id (the number "
                  "after #).\n\nExample: legiscompare corpus similar beijing.md --top 3"),
    "families": N_("Find families of near-identical provisions across jurisdictions (text reuse), with "
                   "members, jurisdictions, dates and differences from the most common reading. Indexes the "
                   "directory first (incrementally).\n\nExample: legiscompare corpus families "
                   "../shared/corpus/lawrefbook -o reports/families.html"),
    "scheduler": N_("Dask scheduler address (e.g. tcp://10.0.0.5:8786); default: local processes."),
    "workers": N_("Number of local Dask worker processes."),
    "top": N_("Similar provisions listed per provision."),
    "min_similarity": N_("Lowest similarity (0–1, of the texts without punctuation, self-references made equal)."),
    "other_jurisdictions": N_("Only list provisions of other jurisdictions."),
    "json": N_("Path of the JSON output."),
    "output": N_("Path of the HTML report."),
    "min_jurisdictions": N_("Jurisdictions a family spans at least (default 2; 1 with --versions)."),
    "versions": N_("Versions of one regulation may form a family (a single jurisdiction is then allowed)."),
    "limit": N_("Only output the first N families."),
    "no_index": N_("Use the existing index; do not index DIR first."),
    "divisions": N_("TOML file adding or overriding administrative divisions."),
    "institutions": N_("TOML file adding institution-name equivalences."),
    "indexing": N_("Indexing"),
    "parsing": N_("Parsing and shingling files"),
    "explaining": N_("Comparing"),
    "reading": N_("Reading and parsing"),
    "stage_provisions": N_("Loading provisions"),
    "stage_pairs": N_("Verifying candidate pairs"),
    "stage_families": N_("Forming families"),
    "stage_explain": N_("Comparing family members"),
    "cols": [N_("files"), P_("files", "new"), N_("changed"), N_("unchanged"), N_("removed"), N_("indexed"),
             N_("skipped (no jurisdiction)"), N_("failed"), N_("provisions added"), N_("provisions indexed"),
             N_("time (s)")],
    "problems": N_("Files not indexed"),
    "more": N_("{n} more"),
    "matches_for": N_("{n}/{m} provisions have similar provisions elsewhere"),
    "no_match": N_("(none)"),
    "found": N_("{families} text-reuse families, {members} member provisions ({provisions} provisions compared)"),
    "written": N_("Written to"),
    "fcols": [N_("family"), N_("members"), N_("jurisdictions"), N_("most common reading")],
}
TEXT = by_language(TEXT_IDS)


def _t(key: str) -> Any:
    return TEXT[language()][key]


def _bounded_workers(_ctx: click.Context, _param: click.Parameter, value: int) -> int:
    """Refuse more local workers than ``limits.max_workers()`` (each is a process with open files)."""
    if value > max_workers():
        raise click.BadParameter(InputError(None, "too_many_workers", count=value, limit=max_workers()).message())
    return value


def _dask_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--scheduler`` and ``--workers``."""
    func = click.option("--workers", type=click.IntRange(1), default=2, show_default=True, help=TEXT_IDS["workers"],
                        callback=_bounded_workers)(func)
    return click.option("--scheduler", metavar="ADDRESS", help=TEXT_IDS["scheduler"])(func)


@click.group("corpus", help=TEXT_IDS["corpus"])
def corpus() -> None:
    pass


@corpus.command("stats", help=TEXT_IDS["stats"])
@click.argument("directory", type=click.Path(file_okay=False, exists=True))
@handles_input_errors
def stats_cmd(directory: str) -> None:
    from ..structure.corpus import corpus_stats, format_stats

    with progress_bar(_t("reading")) as update:
        stats = corpus_stats(Path(directory), lambda done, total, _path: update(done, total))
    click.echo(format_stats(stats, language()))


@corpus.command("index", help=TEXT_IDS["index"])
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
@_dask_options
@click.option("--divisions", type=click.Path(dir_okay=False), help=TEXT_IDS["divisions"])
@click.option("--institutions", type=click.Path(dir_okay=False), help=TEXT_IDS["institutions"])
@handles_input_errors
def index_cmd(directory: str, db: str | None, scheduler: str | None, workers: int, divisions: str | None,
              institutions: str | None) -> None:
    from ..corpus import IndexSettings, dask_client
    from ..store import open_store

    settings = IndexSettings(divisions_file=divisions, institutions_file=institutions)
    with open_store(database_url(db)) as store, dask_client(scheduler, workers) as client:
        _index(directory, store, settings, client)


@corpus.command("similar", help=TEXT_IDS["similar"])
@click.argument("target")
@click.option("--top", type=click.IntRange(1), default=5, show_default=True, help=TEXT_IDS["top"])
@click.option("--min-similarity", type=click.FloatRange(0, 1), default=0.6, show_default=True,
              help=TEXT_IDS["min_similarity"])
@click.option("--other-jurisdictions", is_flag=True, help=TEXT_IDS["other_jurisdictions"])
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help=TEXT_IDS["json"])
@db_option
@handles_input_errors
def similar_cmd(target: str, top: int, min_similarity: float, other_jurisdictions: bool,
                json_path: str | None, db: str | None) -> None:
    from ..corpus import similar_to_file, similar_to_provision
    from ..corpus.similar import SIMILAR
    from ..store import open_store, require_database

    refuse_clobbering([target], [json_path], db)

    search = dataclasses.replace(SIMILAR, min_similarity=min_similarity)
    with open_store(require_database(database_url(db))) as store:
        ident = parse_id(target.lstrip("#"))  # ASCII digits within the id range, else a file name
        if ident is not None and not _is_file(target):
            result = similar_to_provision(store, ident, top, search, other_jurisdictions)
        else:
            result = similar_to_file(store, target, top, search, other_jurisdictions=other_jurisdictions)
    _print_similar(result)
    if json_path:
        _write_json(json_path, result)


@corpus.command("families", help=TEXT_IDS["families"])
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help=TEXT_IDS["output"])
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help=TEXT_IDS["json"])
@click.option("--min-similarity", type=click.FloatRange(0, 1), default=0.8, show_default=True,
              help=TEXT_IDS["min_similarity"])
@click.option("--min-jurisdictions", type=click.IntRange(1), default=None, help=TEXT_IDS["min_jurisdictions"])
@click.option("--versions", is_flag=True, help=TEXT_IDS["versions"])
@click.option("--limit", type=click.IntRange(1), help=TEXT_IDS["limit"])
@click.option("--no-index", is_flag=True, help=TEXT_IDS["no_index"])
@db_option
@_dask_options
@handles_input_errors
def families_cmd(directory: str, output: str | None, json_path: str | None, min_similarity: float,
                 min_jurisdictions: int | None, versions: bool, limit: int | None, no_index: bool,
                 db: str | None, scheduler: str | None, workers: int) -> None:
    from ..corpus import (
        FamilyOptions,
        IndexSettings,
        SearchSettings,
        dask_client,
        families_to_json,
        find_families,
        render_families_html,
    )
    from ..store import open_store, require_database

    refuse_clobbering([], [output, json_path], db)
    url = require_database(database_url(db)) if no_index else database_url(db)

    options = FamilyOptions(search=SearchSettings(min_similarity=min_similarity), limit=limit,
                            min_jurisdictions=min_jurisdictions or (1 if versions else 2),
                            min_works=1 if versions else 2)
    with open_store(url) as store, dask_client(scheduler, workers) as client:
        if not no_index:
            _index(directory, store, IndexSettings(), client)
        with stages({k: _t("stage_" + k) for k in ("provisions", "pairs", "families", "explain")}) as progress:
            families, timings = find_families(store, directory, options, client, progress)
    summary = {"families": len(families), "members": sum(len(f.members) for f in families),
               "provisions": int(timings["provisions"])}
    click.echo(_t("found").format(**summary))
    _print_families(families)
    if output:
        write_text(output, render_families_html(families, summary, language()))
        click.echo(f"{_t('written')} {shown_path(output)}")
    if json_path:
        write_text(json_path, families_to_json(families, summary))
        click.echo(f"{_t('written')} {shown_path(json_path)}")


def register_corpus(group: click.Group) -> None:
    """Add the ``corpus`` group (``stats``, ``index``, ``similar``, ``families``) to ``group``."""
    group.add_command(corpus)


def _is_file(target: str) -> bool:
    return Path(target).is_file()


def _index(directory: str, store: Any, settings: Any, client: Any) -> None:
    from ..corpus import index_directory

    with progress_bar(_t("parsing")) as update:
        summary = index_directory(directory, store, settings, client, progress=update)
    table = Table()
    for column in _t("cols"):
        table.add_column(column, justify="right")
    table.add_row(*map(str, (summary.files, summary.new, summary.changed, summary.unchanged, summary.removed,
                             summary.indexed, summary.skipped, summary.failed, summary.provisions,
                             summary.total_provisions)), f"{summary.elapsed:.1f}")
    Console(width=160).print(table)
    if summary.problems:
        click.echo(f"{_t('problems')}:")
        for path, reason, params in summary.problems[:20]:
            click.echo(f"  {summary.message(path, reason, params, typed_root=directory)}")
        if len(summary.problems) > 20:
            click.echo("  " + _t("more").format(n=len(summary.problems) - 20))


def _print_similar(result: Any) -> None:
    matched = 0
    for q in result.queries:
        if not q.matches:
            continue
        matched += 1
        click.echo(f"{visible(result.title)} {q.number}" + (f" [#{q.id}]" if q.id else "") + f"  {_snippet(q.text)}")
        for m in q.matches:
            click.echo(f"  {m.similarity:.2f}  {m.jurisdiction}  {visible(m.title)}  {m.number}  {m.date or ''}  #{m.id}")
            click.echo(f"        {_snippet(m.text)}")
            click.echo(f"        {m.compare_command}")
    click.echo(_t("matches_for").format(n=matched, m=len(result.queries)))


def _print_families(families: list[Any], shown: int = 10) -> None:
    table = Table()
    for column in _t("fcols"):
        table.add_column(column, overflow="fold")
    for f in families[:shown]:
        table.add_row(escape(f.id), str(len(f.members)), str(len(f.jurisdictions)), escape(_snippet(f.reading.text, 60)))
    if families:
        Console(width=140).print(table)


def _snippet(text: str, width: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width] + "…"


def _write_json(path: str, result: Any) -> None:
    write_text(path, json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    click.echo(f"{_t('written')} {shown_path(path)}")

