"""Command-line interface: a thin layer over the library (``compare.pipeline`` and friends).

This module only assembles the command groups; each lives in its own module (``compare``,
``audit``, ``review`` for ``db`` / ``review`` / ``comparisons``, ``serve`` for ``serve`` /
``accounts``, ``parse``, ``corpus``, ``amend``), and what they share (error handling, exit
codes, shared options, output helpers) is in ``compare.cli.common``. No command module imports
this one.

Exit codes: 0 success, 1 a check failed (audit), 2 bad input or usage, 70 an internal error.
Errors are one line on stderr naming the file and the problem, in Chinese by default
(``--lang en`` or LEGISCOMPARE_LANG=en for English).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable

import click

from .amend import register_amend
from .audit import register_audit
from .check import register_check
from .common import DEBUG_VAR, INTERNAL_ERROR, localise, fail, h, handles_input_errors, lang_from_argv, run_group
from .compare import register_compare
from .corpus import register_corpus
from .parse import register_parse
from .review import register_review
from .serve import register_serve
from ..i18n import N_, _, activate

__all__ = ["COMMANDS", "DEBUG_VAR", "INTERNAL_ERROR", "build_cli", "fail", "handles_input_errors", "main"]

MAIN_HELP = N_("legiscompare: compare legislation across jurisdictions: parse, align provision by "
               "provision, classify differences, report.\n\nExample: legiscompare compare "
               "texts/jjj-innovation-2023/*.txt -o reports/jjj.html")

COMMANDS: list[Callable[[click.Group], None]] = [register_compare, register_audit, register_review, register_serve,
                                                 register_parse, register_corpus, register_amend,
                                                 register_check]


def build_cli() -> click.Group:
    """The command group, with help texts (and click's own strings) in the current language."""
    activate()

    @click.group(help=_(MAIN_HELP))
    @click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help=h("lang"))
    @click.version_option(package_name="legiscompare")
    def cli(lang: str | None) -> None:
        if lang:
            os.environ["LEGISCOMPARE_LANG"] = lang

    for register in COMMANDS:
        register(cli)
    localise(cli)
    return cli


def main(argv: list[str] | None = None) -> None:
    """Console entry point (``legiscompare``)."""
    for stream in (sys.stdout, sys.stderr):  # names that are not UTF-8 are printed escaped, not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if threading.current_thread() is threading.main_thread():  # signals are only the main thread's
        for signum in (signal.SIGTERM, signal.SIGHUP):  # unwind: staged outputs and open transactions undone
            signal.signal(signum, _unwind)
    args = lang_from_argv(list(sys.argv[1:] if argv is None else argv))
    run_group(build_cli, args)


def _unwind(signum: int, _frame: object) -> None:
    """A termination signal ends the command like an exception would, with the shell's status 128 + N."""
    raise SystemExit(128 + signum)
