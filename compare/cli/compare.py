"""The ``compare`` command: compare texts and write the report, tables and machine outputs."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Any

import click

from ..errors import language
from ..ingest.folder import OWN_TEXT_MARK
from ..fileio import (
    StagedOutputs,
    refuse_clobbering,
    refuse_wrong_extensions,
    shown_path,
)
from ..i18n import N_, _, by_language, ngettext
from ..visible import visible
from ..vocabulary import NAMES
from .common import HELP_IDS as SHARED_IDS
from .common import (
    input_files,
    chosen_database,
    db_option,
    fail,
    handles_input_errors,
    jurisdiction_option,
    parse_jurisdictions,
)

HELP_IDS = {
    "compare": N_("Compare two or more texts (or all texts in a folder) and write a comparison report.\n\n"
                  "Example: legiscompare compare texts/jjj-innovation-2023/*.txt -o reports/jjj.html --json "
                  "reports/jjj.json"),
    "output": N_("Path of the HTML report."),
    "json": N_("Path of the JSON result."),
    "docx": N_("Path of the Word comparison table (.docx)."),
    "csv": N_("Path of the CSV list of differences (UTF-8 with BOM for Excel)."),
    "xlsx": N_("Path of the same list of differences as an Excel workbook (.xlsx: header row frozen, filters)."),
    "csv_formatting": N_("List formatting-only differences one by one in the CSV and the XLSX (default: one summary "
                         "line per row and document)."),
    "pdf": N_("Path of a PDF of the report (printed by headless Chromium with the report's print stylesheet)."),
    "redline": N_("Folder of the redlines: one .docx per text compared with the base, named ID.redline.docx (ID: "
                  "the text's file name without extension), its changes against the base as Word tracked changes "
                  "(accepting all gives the text, rejecting all the base). A path ending in .docx names the one "
                  "file when two texts are compared."),
    "docx_notes": N_("Working copy of the Word comparison table: each text's differences with their rules under "
                     "it, and the statistics after the table (default: the texts with their marks only)."),
    "docx_notes_needs_docx": N_("--docx-notes needs --docx, the path of the Word comparison table"),
    "redline_one_file": N_("--redline-docx {path} names one file, but {count} texts are compared with the base: "
                           "give a folder, which gets one redline per text"),
    "base": N_("Base text (the lead drafter's), first column and diff reference."),
    "no_db": N_("Do not write to the database."),
    "traditional": N_("Convert traditional-script texts to simplified before comparing (OpenCC)."),
    "open": N_("Open the HTML report in the default browser once it is written (needs -o)."),
    "docx_view": N_("Which text of a Word file with tracked changes is compared: accepted (as if every change "
                    "were accepted) or original (as before them); the report says which."),
    "ocr_note": N_("note: {file} is a scan; its text was recognised by OCR and must be checked against the "
                   "original"),
    "traditional_hint": N_("hint: {file} looks like traditional script; add --traditional to convert it to simplified before comparing"),
    "assumed_national": N_("note: {file} names no enacting body and never refers to itself as a local text: read "
                           "as a national text (give --jurisdiction FILE=NAME otherwise)"),
    "not_opened": N_("could not open the report in a browser (no default application); it is at {path}"),
    "open_needs_output": N_("--open needs -o, the path of the HTML report"),
    "match": N_("How provisions are paired: auto (by order for texts that share a draft or are versions of one "
                 "law, by content for texts drafted independently; decided per text), content, or sequence."),
    "similar_in": N_("Compare {FILE} with the closest texts of other jurisdictions in this corpus: a folder (indexed "
                     "into the database first, again only what changed) or a corpus database URL."),
    "top": N_("How many texts --similar-in picks (one per jurisdiction)."),
    "no_corpus": N_("{corpus}: neither a folder nor an existing corpus database"),
    "similar_one_file": N_("--similar-in takes one file: the draft to compare with the corpus"),
    "chosen_head": N_("Texts chosen from the corpus (score: title, share of provisions with a counterpart):"),
    "chosen_reason": N_("title similarity {title:.2f}; {shared} of {total} provisions have a counterpart"),
    "chosen_fewer": N_("only {found} of the {top} texts asked for score {floor:.1f} or more among the {checked} "
                       "matched with the draft (the closest by title and shared wording)"),
    "written": N_("Report written to"),
    "stored": N_("Stored in the database"),
}
HELP = by_language(HELP_IDS)


def h(key: str) -> str:
    """Help or message text of this command in the user's language."""
    return HELP[language()][key]


@click.command("compare", help=HELP_IDS["compare"])
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), help=HELP_IDS["output"])
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help=HELP_IDS["json"])
@click.option("--docx", "docx_path", type=click.Path(dir_okay=False), help=HELP_IDS["docx"])
@click.option("--docx-notes", is_flag=True, help=HELP_IDS["docx_notes"])
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help=HELP_IDS["csv"])
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help=HELP_IDS["xlsx"])
@click.option("--csv-formatting", is_flag=True, help=HELP_IDS["csv_formatting"])
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False), help=HELP_IDS["pdf"])
@click.option("--redline-docx", "redline_path", type=click.Path(), metavar="DIRECTORY", help=HELP_IDS["redline"])
@click.option("--base", type=click.Path(dir_okay=False), help=HELP_IDS["base"])
@jurisdiction_option
@click.option("--divisions", type=click.Path(dir_okay=False), help=SHARED_IDS["divisions"])
@click.option("--institutions", type=click.Path(dir_okay=False), help=SHARED_IDS["institutions"])
@click.option("--traditional", is_flag=True, help=HELP_IDS["traditional"])
@click.option("--docx-view", type=click.Choice(["accepted", "original"]), default="accepted", show_default=True,
              help=HELP_IDS["docx_view"])
@db_option
@click.option("--no-db", is_flag=True, help=HELP_IDS["no_db"])
@click.option("--open", "open_report", is_flag=True, help=HELP_IDS["open"])
@click.option("--match", type=click.Choice(["auto", "content", "sequence"]), default="auto", show_default=True,
              help=HELP_IDS["match"])
@click.option("--similar-in", "similar_in", metavar="CORPUS", help=HELP_IDS["similar_in"])
@click.option("--top", type=click.IntRange(1, 50), default=5, show_default=True, help=HELP_IDS["top"])
@handles_input_errors
def compare_cmd(files: tuple[str, ...], output: str | None, json_path: str | None, docx_path: str | None,
                docx_notes: bool,
                csv_path: str | None, xlsx_path: str | None, csv_formatting: bool, pdf_path: str | None,
                redline_path: str | None, base: str | None,
                jurisdictions: tuple[str, ...], divisions: str | None, institutions: str | None,
                traditional: bool, docx_view: str, db: str | None, no_db: bool, open_report: bool, match: str,
                similar_in: str | None, top: int) -> None:
    from ..pipeline import Options, compare_files

    if open_report and not output:
        fail(h("open_needs_output"))
    if docx_notes and not docx_path:
        fail(h("docx_notes_needs_docx"))
    files = input_files(files)  # a folder: its texts, without the reports written there
    targets = {"html": output, "json": json_path, "docx": docx_path, "csv": csv_path, "xlsx": xlsx_path,
               "pdf": pdf_path, "redline": redline_path}
    refuse_clobbering([*files, base, divisions, institutions], _file_targets(targets, files), "" if no_db else db)
    refuse_wrong_extensions(targets)
    url = chosen_database(db, no_db)
    chosen: dict[str, str] = {}
    if similar_in:
        if len(files) != 1:
            fail(h("similar_one_file"))
        chosen = _chosen_texts(files[0], similar_in, top, url)
        files, base = (*files, *chosen), base or files[0]
        refuse_clobbering([*files, base, divisions, institutions], _file_targets(targets, files), "" if no_db else db)
    options = Options(base=base, jurisdictions=parse_jurisdictions(jurisdictions),
                      divisions_file=divisions, institutions_file=institutions, traditional=traditional,
                      match=match, chosen=chosen, docx_view=docx_view)
    comparison = compare_files(list(files), options, notice=lambda path: click.echo(
        h("traditional_hint").format(file=shown_path(path)), err=True))
    for doc in comparison.documents:
        if doc.jurisdiction and doc.jurisdiction.source == "assumed":
            click.echo(h("assumed_national").format(file=shown_path(doc.source.path)), err=True)
    decisions = _known_decisions(comparison, url) if url else None
    outputs = _render(comparison, decisions, targets, csv_formatting, docx_notes)
    outputs.update(_recognised_texts(comparison, output))
    with StagedOutputs() as staged:  # every output rendered and staged before anything is stored
        for path, data in outputs.items():
            staged.stage(path, data)
        if url:
            _store(comparison, url)
        for path in staged.commit():
            click.echo(f"{h('written')} {shown_path(path)}")
    _print_summary(comparison)
    if open_report and output:
        from ..report.opening import open_report as launch

        if not launch(output):
            click.echo(h("not_opened").format(path=shown_path(output)), err=True)


def _recognised_texts(comparison: Any, output: str | None) -> dict[str, bytes]:
    """The text OCR recognised in each scanned input, kept beside the HTML report as
    ``REPORT.NAME.ocr.txt`` for checking against the original (each such input is noted)."""
    texts = {}
    for doc in comparison.documents:
        if any(w.startswith("ocr:") for w in doc.source.warnings):
            click.echo(h("ocr_note").format(file=shown_path(doc.source.path)), err=True)
            if output:
                name = f"{os.path.splitext(output)[0]}.{os.path.splitext(doc.source.name)[0]}.ocr.txt"
                texts[name] = (f"{OWN_TEXT_MARK} ocr: {doc.source.name} -->\n{doc.source.text}").encode("utf-8")
    return texts


def register_compare(group: click.Group) -> None:
    """The ``compare`` command."""
    group.add_command(compare_cmd)


def _chosen_texts(draft: str, corpus: str, top: int, url: str | None) -> dict[str, str]:
    """The corpus texts closest to ``draft`` (``compare.corpus.related``), path → why, printed."""
    from ..corpus.related import MIN_SCORE, related_texts

    with _corpus_store(corpus, url) as store:
        found, checked = related_texts(store, draft, top)
    click.echo(h("chosen_head"))
    chosen = {}
    for text in found:
        reason = h("chosen_reason").format(title=text.title_similarity, shared=text.shared, total=text.provisions)
        chosen[text.path] = reason
        click.echo(f"  {text.score:.2f}  {text.jurisdiction}  {visible(text.title)}  {text.date or ''}  {reason}")
    if len(found) < top:
        click.echo(h("chosen_fewer").format(found=len(found), top=top, floor=MIN_SCORE, checked=checked))
    return chosen


def _corpus_store(corpus: str, url: str | None) -> Any:
    """The corpus index to search: a folder is indexed first (into ``url``, or with --no-db a
    temporary database), anything else names an existing index database."""
    from ..corpus import IndexSettings, dask_client, index_directory
    from ..store import database_exists, open_store

    @contextlib.contextmanager
    def opened() -> Any:
        if not os.path.isdir(corpus):
            target = corpus if "://" in corpus else f"sqlite:///{os.path.abspath(corpus)}"
            if not database_exists(target):
                fail(h("no_corpus").format(corpus=corpus))
            with open_store(target) as store:
                yield store
            return
        with contextlib.ExitStack() as stack:
            target = url or "sqlite:///" + os.path.join(stack.enter_context(tempfile.TemporaryDirectory()), "corpus.db")
            store = stack.enter_context(open_store(target))
            with dask_client(None, 2) as client:
                index_directory(corpus, store, IndexSettings(), client)
            yield store

    return opened()


def _render(comparison: Any, decisions: dict[str, Any] | None, paths: dict[str, str | None],
            csv_formatting: bool = False, docx_notes: bool = False) -> dict[str, bytes]:
    """The bytes of every requested output, keyed by path (a redline folder: a file per text)."""
    from ..report.outputs import redline_outputs, render_output

    folder = paths.get("redline")
    rendered = {path: render_output(kind, comparison, language(), decisions, csv_formatting, docx_notes=docx_notes)
                for kind, path in paths.items() if path and not (kind == "redline" and _is_folder(path))}
    if folder and _is_folder(folder):
        rendered.update({os.path.join(folder, name): data
                         for name, data in redline_outputs(comparison, language()).items()})
    return rendered


def _is_folder(redline: str) -> bool:
    """Whether --redline-docx names a folder (anything but a path ending in .docx)."""
    return not redline.lower().endswith(".docx")


def _file_targets(targets: dict[str, str | None], files: tuple[str, ...] | list[str]) -> list[str | None]:
    """The files the outputs will be, a redline folder standing for a file per text (any text
    may turn out not to be the base); one redline file is refused for more than two texts."""
    from ..pipeline import document_ids
    from ..report.redline import redline_name

    redline = targets.get("redline")
    out = [path for kind, path in targets.items() if kind != "redline"]
    if redline and not _is_folder(redline) and len(files) > 2:
        fail(h("redline_one_file").format(path=redline, count=len(files) - 1))
    if redline and _is_folder(redline):
        return out + [os.path.join(redline, redline_name(i)) for i in document_ids(list(files)).values()]
    return out + [redline]


def _known_decisions(comparison: Any, url: str) -> dict[str, Any]:
    """Review decisions already recorded on this comparison's differences (none for a new database)."""
    from ..store import database_exists, difference_fingerprints, open_store

    if not database_exists(url):
        return {}
    store = open_store(url)
    try:
        return store.current_decisions([fp for row in difference_fingerprints(comparison) for fp in row])
    finally:
        store.close()


def _store(comparison: Any, url: str) -> None:
    from ..store import open_store

    store = open_store(url)
    try:
        saved = store.save_comparison(comparison)
        click.echo(f"{h('stored')}: #{saved.id}")
    finally:
        store.close()


def _print_summary(comparison: Any) -> None:
    from ..report import summary

    names = NAMES[language()]
    stats = summary(comparison)
    parts = [f"{names[s]} {n}" for s, n in stats["statuses"].items() if n]
    rows = ngettext("{n} aligned row", "{n} aligned rows", stats["rows"], language()).format(n=stats["rows"])
    click.echo(f"{rows}: " + _(", ").join(parts))
