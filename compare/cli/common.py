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
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from ..errors import InputError, language
from ..fileio import shown_path

INTERNAL_ERROR = 70  # exit status of an unexpected failure (EX_SOFTWARE in sysexits.h)
DEBUG_VAR = "LEGISCOMPARE_DEBUG"  # set to 1 to see the traceback of an internal error

HELP = {
    "zh": {
        "lang": "界面语言：zh（默认）或 en。",
        "db": "数据库 URL（默认 sqlite:///legiscompare.db，或环境变量 LEGISCOMPARE_DB）。",
        "jurisdiction": "指定某文件的制定机关所属行政区，格式 文件=名称（可重复；* 表示全部）。",
        "divisions": "补充或覆盖行政区划的 TOML 文件。",
        "institutions": "补充机构名称等同关系的 TOML 文件。",
        "written": "已写入",
    },
    "en": {
        "lang": "Interface language: zh (default) or en.",
        "db": "Database URL (default sqlite:///legiscompare.db, or LEGISCOMPARE_DB).",
        "jurisdiction": "Enacting jurisdiction of a file, as FILE=NAME (repeatable; * for all).",
        "divisions": "TOML file adding or overriding administrative divisions.",
        "institutions": "TOML file adding institution-name equivalences.",
        "written": "Written to",
    },
}


def h(key: str) -> str:
    """A shared help or message text in the user's language."""
    return HELP[language()][key]


# --- errors and exit codes ----------------------------------------------------------------

def fail(message: str) -> None:
    """Print one error line and exit with status 2."""
    prefix = "错误" if language() == "zh" else "error"
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")
    click.echo(f"legiscompare: {prefix}: {one_line}", err=True)
    sys.exit(2)


def internal_error(exc: BaseException) -> None:
    """Report a bug as one labelled line with a hint, and exit with ``INTERNAL_ERROR``."""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    if language() == "zh":
        line = f"legiscompare: 内部错误（程序缺陷，并非输入问题）：{detail}。请附上所用命令报告此问题；设置 {DEBUG_VAR}=1 可显示详细信息"
    else:
        line = (f"legiscompare: internal error (a bug, not a problem with the input): {detail}. Please report it "
                f"with the command used; set {DEBUG_VAR}=1 for details")
    click.echo(line, err=True)
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
            fail(f"{shown_path(exc.filename)}: {exc.strerror or exc}" if exc.filename else str(exc.strerror or exc))

    return wrapper


def run_group(build: Callable[[], click.Group], args: list[str]) -> None:
    """Build the command group and run it on ``args`` with the exit-code contract: usage mistakes
    are one line and exit 2, a bare command prints its help, anything unexpected is ``internal_error``."""
    try:
        code = build().main(args=args, prog_name="legiscompare", standalone_mode=False)
    except click.exceptions.Abort:
        fail("aborted" if language() == "en" else "已中止")
    except click.ClickException as exc:  # usage mistakes: one line, like every other error
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `legiscompare`: just the help
            click.echo(exc.ctx.get_help() if getattr(exc, "ctx", None) else exc.format_message())
            sys.exit(0)
        hint = "see --help" if language() == "en" else "参见 --help"
        fail(f"{exc.format_message()} ({hint})")
    except Exception as exc:  # noqa: BLE001 - anything else is a bug: one line, never a traceback
        if os.environ.get(DEBUG_VAR):
            raise
        internal_error(exc)
    sys.exit(code if isinstance(code, int) else 0)


# --- arguments and shared options ---------------------------------------------------------

def lang_from_argv(argv: list[str]) -> list[str]:
    """Honour ``--lang`` wherever it stands (before click builds help texts); the other args."""
    rest: list[str] = []
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg.startswith("--lang="):
            os.environ["LEGISCOMPARE_LANG"] = arg.split("=", 1)[1]
        elif arg == "--lang" and i + 1 < len(argv):
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
    return click.option("--db", help=h("db"))(func)


def jurisdiction_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--jurisdiction FILE=NAME`` (repeatable)."""
    return click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="FILE=NAME",
                        help=h("jurisdiction"))(func)


def examples_last(command: click.Command) -> None:
    """Move the example paragraph of every help text after the options (click's epilog)."""
    for marker in ("\n\n示例：", "\n\nExample:"):
        if command.help and marker in command.help and not command.epilog:
            command.help, example = command.help.split(marker, 1)
            command.epilog = marker.strip() + example
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            examples_last(sub)


def corpus_group(group: click.Group, help_text: str) -> click.Group:
    """The ``corpus`` subgroup of ``group``, created on first use (several modules add to it)."""
    corpus = group.commands.get("corpus")
    if corpus is None:
        corpus = click.Group("corpus", help=help_text)
        group.add_command(corpus)
    if not isinstance(corpus, click.Group):
        raise TypeError("'corpus' is already a command, not a group")
    return corpus


# --- the database, imported when a command runs (not to print help) -------------------------

def database_url(given: str | None) -> str:
    """``compare.store.database_url``: ``given``, else LEGISCOMPARE_DB, else the default."""
    from ..store import database_url as url_of

    return url_of(given)


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
