"""What every command module shares: error handling, exit codes, shared options and output helpers.

Exit codes: 0 success, 1 a check failed (``audit``), 2 bad input or usage, ``INTERNAL_ERROR``
(70) an unexpected failure (a bug). Errors are one line on stderr, in Chinese by default
(``--lang en`` or LEGISCOMPARE_LANG=en for English); ``LEGISCOMPARE_DEBUG=1`` shows the
traceback of an internal error instead.

Command modules import from here only (never from ``compare.cli`` itself, which imports them);
heavy libraries (SQLAlchemy, the web and Office stacks) are imported inside the functions that
need them, so that printing help stays fast.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import Any

import click
import click.formatting

from ..errors import InputError, language, os_error
from ..fileio import shown_path
from ..i18n import N_, P_, _, by_language, translate

INTERNAL_ERROR = 70  # exit status of an unexpected failure (EX_SOFTWARE in sysexits.h)
DEBUG_VAR = "LEGISCOMPARE_DEBUG"  # set to 1 to see the traceback of an internal error

HELP_IDS = {
    "lang": N_("Interface language: zh (default) or en."),
    "db": N_("Database URL (default sqlite:///legiscompare.db, or LEGISCOMPARE_DB)."),
    "jurisdiction": N_("Enacting jurisdiction of a file, as FILE=NAME (repeatable; * for all)."),
    "divisions": N_("TOML file adding or overriding administrative divisions."),
    "institutions": N_("TOML file adding institution-name equivalences."),
    "written": N_("Written to"),
    "in_memory": N_("{value}: an in-memory SQLite database keeps nothing once the command ends; give a database "
                    "file, e.g. --db sqlite:///legiscompare.db"),
    "db_and_no_db": N_("--db and --no-db cannot be given together: give one of them"),
    "skipped_own": N_("note: left out {file}: legiscompare wrote it (a report, not a text to compare)"),
}
HELP = by_language(HELP_IDS)  # help texts of options are given as the msgids (translated by ``localise``)
METAVARS = {  # the placeholders of help and usage lines (click's names of arguments and value types)
    "FILE": P_("metavar", "FILE"), "FILES": P_("metavar", "FILES"), "DIRECTORY": P_("metavar", "DIRECTORY"),
    "OLD": P_("metavar", "OLD"), "NEW": P_("metavar", "NEW"), "DECISION": P_("metavar", "DECISION"),
    "BASE": P_("metavar", "BASE"), "OTHER": P_("metavar", "OTHER"), "TARGET": P_("metavar", "TARGET"),
    "NAME": P_("metavar", "NAME"), "FILE=NAME": P_("metavar", "FILE=NAME"), "TITLE": P_("metavar", "TITLE"),
    "STYLE": P_("metavar", "STYLE"), "CORPUS": P_("metavar", "CORPUS"), "ADDRESS": P_("metavar", "ADDRESS"),
    "FINGERPRINT": P_("metavar", "FINGERPRINT"), "COMPARISON": P_("metavar", "COMPARISON"),
    "ID": P_("metavar", "ID"), "TEXT": P_("metavar", "TEXT"), "INTEGER RANGE": P_("metavar", "INTEGER RANGE"),
    "FLOAT RANGE": P_("metavar", "FLOAT RANGE"), "[OPTIONS]": P_("metavar", "[OPTIONS]"),
    "COMMAND [ARGS]...": P_("metavar", "COMMAND [ARGS]..."),
}
PLACEHOLDER = re.compile(r"\{([A-Z][A-Z=_-]*)\}")  # {OLD} in a help text: the metavar as the usage line shows it
DECORATED = re.compile(r"(\[?)([^\[\]{}|]+?)(\]?)(\.\.\.)?")  # [NAME]... around a metavar


def h(key: str) -> str:
    """A shared help or message text in the user's language."""
    return HELP[language()][key]


def input_files(files: tuple[str, ...]) -> tuple[str, ...]:
    """The files given, each folder replaced by its texts; the files legiscompare wrote there are
    left out, each with a note on stderr."""
    from ..ingest.folder import expand_folders

    skipped: list[str] = []
    found = tuple(expand_folders(list(files), skipped))
    for path in skipped:
        click.echo(h("skipped_own").format(file=shown_path(path)), err=True)
    return found


# --- errors and exit codes ----------------------------------------------------------------

def fail(message: str) -> None:
    """Print one error line and exit with status 2."""
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")
    click.echo(_("legiscompare: error: {message}").format(message=one_line), err=True)
    sys.exit(2)


def internal_error(exc: BaseException) -> None:
    """Report a bug as one labelled line with a hint, and exit with ``INTERNAL_ERROR``."""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    click.echo(_("legiscompare: internal error (a bug, not a problem with the input): {detail}. Please report "
                 "it with the command used; set {variable}=1 for details").format(detail=detail, variable=DEBUG_VAR),
               err=True)
    sys.exit(INTERNAL_ERROR)


def handles_input_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn InputError and file-system errors into one line and exit status 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            fail(exc.message())
        except BrokenPipeError:  # the reader went away (… | head): nothing left to say
            sys.exit(0)
        except OSError as exc:
            reason = str(os_error(exc))
            fail(f"{shown_path(exc.filename)}: {reason}" if exc.filename else reason)

    return wrapper


N_("required")  # click translates this one dynamically (``_(extra["required"])``): listed to be extracted


def run_group(build: Callable[[], click.Group], args: list[str]) -> None:
    """Build the command group and run it on ``args`` with the exit-code contract: usage mistakes
    are one line and exit 2, a bare command prints its help, anything unexpected is ``internal_error``."""
    try:
        code = build().main(args=args, prog_name="legiscompare", standalone_mode=False)
    except click.exceptions.Abort:
        fail(_("aborted"))
    except click.ClickException as exc:  # usage mistakes: one line, like every other error
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `legiscompare`: just the help
            click.echo(exc.ctx.get_help() if getattr(exc, "ctx", None) else exc.format_message())
            sys.exit(0)
        fail(_("{message} (see --help)").format(message=_sentence(exc.format_message())))
    except Exception as exc:  # noqa: BLE001 - anything else is a bug: one line, never a traceback
        if os.environ.get(DEBUG_VAR):
            raise
        internal_error(exc)
    sys.exit(code if isinstance(code, int) else 0)


# --- arguments and shared options ---------------------------------------------------------

LANGUAGES = ("zh", "en")


def lang_from_argv(argv: list[str]) -> list[str]:
    """Honour ``--lang`` wherever it stands (before click builds help texts); the other args.

    An unknown language is left in place, so that click refuses it with one line.
    """
    rest: list[str] = []
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            os.environ["LEGISCOMPARE_LANG"] = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            os.environ["LEGISCOMPARE_LANG"] = argv[i + 1]
            skip = True
        else:
            rest.append(arg)
    return rest


def parse_jurisdictions(values: tuple[str, ...]) -> dict[str, str]:
    """``--jurisdiction FILE=NAME`` values as a mapping (``InputError`` on a value without ``=``)."""
    out = {}
    for value in values:
        if "=" not in value:
            raise InputError(None, "bad_option", detail=f"--jurisdiction {value} (FILE=NAME)")
        key, name = value.split("=", 1)
        out[key.strip()] = name.strip()
    return out


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--db URL``."""
    return click.option("--db", metavar="URL", help=HELP_IDS["db"])(func)


def jurisdiction_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--jurisdiction FILE=NAME`` (repeatable)."""
    return click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="FILE=NAME",
                        help=HELP_IDS["jurisdiction"])(func)


def localise(command: click.Command) -> None:
    """Every help text of ``command``, its options and its subcommands in the user's language,
    the example paragraph moved after the options (click's epilog), the summary in the list of
    commands the whole first sentence, the metavars (FILE, OLD, [OPTIONS]) in that language too,
    and a help text's ``{OLD}`` the metavar as the usage line shows it.

    Commands are defined once, at module level, with English msgids (``N_``) as help; each
    build of the CLI translates them again from the msgid kept aside (``msgid_help``), so a
    process may build the CLI in either language, any number of times."""
    click.formatting.term_len = _columns  # click counts characters: help columns aligned for Chinese metavars too
    msgid = command.__dict__.setdefault("msgid_help", command.help)
    command.help, command.epilog = (_placeholders(_(msgid)) if msgid else msgid), None
    command._help_option = None  # click keeps its --help option (worded when made): made again, in this language
    for marker in ("\n\n示例：", "\n\nExample:"):
        if command.help and marker in command.help:
            command.help, example = command.help.split(marker, 1)
            command.epilog = marker.strip() + example
    command.short_help = _summary(command.help or "")
    for param in command.params:
        if isinstance(param, click.Option):
            text = param.__dict__.setdefault("msgid_help", param.help)
            param.help = _placeholders(_(text)) if text else text
    _metavars(command)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localise(sub)


def _columns(text: str) -> int:
    """Columns a terminal gives ``text`` (ANSI codes aside): wide (Chinese) characters take two."""
    from click._compat import strip_ansi

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in strip_ansi(text))


def _placeholders(text: str) -> str:
    """``text`` with each ``{OLD}`` of ``METAVARS`` written as the reader's metavar (原文本, OLD)."""
    return PLACEHOLDER.sub(lambda m: translate(METAVARS[m[1]]) if m[1] in METAVARS else m[0], text)


def _summary(text: str) -> str:
    """A command's line in the list of commands: the first sentence of its help, whole (click would
    cut it at 45 columns, in the middle of a Chinese sentence)."""
    first = " ".join(text.split("\n\n", 1)[0].split())
    ends = [i + 1 for i in (first.find(end) for end in ("。", "？", "！", ". ", "? ", "! ")) if i >= 0]
    return first[:min(ends)] if ends else first


def _metavars(command: click.Command) -> None:
    """The metavars of ``command``'s usage line and options in the reader's language: each one
    ``METAVARS`` names (kept decorated: ``[FILE]``, ``FILES...``), and ``[OPTIONS]``."""
    ctx = click.Context(command, info_name=command.name)
    for param in command.params:
        english = param.__dict__.setdefault("msgid_metavar", param.metavar)  # None: click's own default
        param.metavar = english
        if isinstance(param, click.Option) and (param.is_flag or param.count):
            continue
        try:
            shown = param.make_metavar(ctx)
        except TypeError:  # click before 8.2: make_metavar()
            shown = param.make_metavar()  # type: ignore[call-arg]
        parts = DECORATED.fullmatch(shown)
        if parts and parts[2] in METAVARS:
            param.metavar = parts[1] + translate(METAVARS[parts[2]]) + parts[3] + (parts[4] or "")
    command.options_metavar = translate(METAVARS["[OPTIONS]"])
    if isinstance(command, click.Group):
        command.subcommand_metavar = translate(METAVARS["COMMAND [ARGS]..."])


# --- the database, imported when a command runs (not to print help) -------------------------

def _sentence(message: str) -> str:
    """Click's message with its closing full stop as the language writes it (Chinese: 。)."""
    if language() != "en" and message.endswith("."):
        return message[:-1] + "。"
    return message


def chosen_database(given: str | None, no_db: bool) -> str | None:
    """The database a command with ``--db`` and ``--no-db`` uses: None with ``--no-db``, else
    ``database_url(given)``; both at once are refused in one line (which was meant?)."""
    if no_db and given:
        fail(h("db_and_no_db"))
    return None if no_db else database_url(given)


def database_url(given: str | None) -> str:
    """``compare.store.database_url``: ``given``, else LEGISCOMPARE_DB, else the default.

    An in-memory SQLite database (``sqlite://``, ``sqlite:///``, ``sqlite:///:memory:``) is
    refused with one line and exit status 2: it would vanish with the command, silently keeping
    nothing. (The library accepts it: tests and embedders open one on purpose.)
    """
    from ..store import database_url as url_of

    url = url_of(given)
    if is_in_memory(url):
        shown = given if given else f"LEGISCOMPARE_DB={os.environ.get('LEGISCOMPARE_DB', '')}"
        fail(h("in_memory").format(value=shown))
    return url


def is_in_memory(url: str) -> bool:
    """Whether ``url`` names an in-memory SQLite database (gone when its connection closes)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return False  # not a URL at all: open_store says so
    if parsed.get_backend_name() != "sqlite":
        return False
    database = parsed.database or ""
    return database in ("", ":memory:") or database.startswith("file::memory:") or parsed.query.get("mode") == "memory"


def open_store(url: str):  # type: ignore[no-untyped-def]
    """``compare.store.open_store``."""
    from ..store import open_store as opened

    return opened(url)


def existing(url: str) -> str:
    """``url`` when its database exists: reading commands never create an empty one."""
    from sqlalchemy.engine import make_url

    from ..store.engine import database_exists

    if not database_exists(url):
        raise InputError(make_url(url).database, "not_found")
    return url


# --- output -------------------------------------------------------------------------------

def new_table(columns: list[str]):  # type: ignore[no-untyped-def]
    """A rich table with these (escaped) column headings, long cells folded."""
    from rich.markup import escape
    from rich.table import Table

    out = Table()
    for column in columns:
        out.add_column(escape(column), overflow="fold")
    return out


def print_table(rows: Any, width: int = 160) -> None:
    """Print a rich table (or any renderable) on stdout, ``width`` columns wide."""
    from rich.console import Console

    Console(width=width).print(rows)


def echo_written(path: str, err: bool = False) -> None:
    """Say that ``path`` was written (the path as the user typed it, shown escaped)."""
    click.echo(f"{h('written')} {shown_path(path)}", err=err)
