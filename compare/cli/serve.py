"""``legiscompare serve``: the local review web application (``compare.serve``) under uvicorn.

It listens on 127.0.0.1 by default. A host that is not a loopback address is refused
(exit status 2) unless ``--allow-remote`` is given, and then only when the database has
reviewer accounts (``legiscompare accounts add NAME``): every page then needs a login and
decisions take the account's name. Loopback use without accounts needs no login.
"""

from __future__ import annotations

import socket
import sys

import click

from ..errors import InputError, language
from ..i18n import N_, by_language
from .common import (
    database_url,
    db_option,
    existing,
    fail,
    handles_input_errors,
    open_store,
)

TEXT_IDS = {
    "serve": N_("Start the local review web application: list comparisons, read them row by row, filter to "
                "undecided differences and record decisions. Listens on 127.0.0.1 only by "
                "default.\n\nExample: legiscompare serve --db sqlite:///legiscompare.db"),
    "host": N_("Address to listen on (default 127.0.0.1: this machine only)."),
    "port": N_("Port to listen on."),
    "no_database": N_("{path}: no database here yet; start a new one with legiscompare serve --create (or give "
                      "--db the database of your comparisons)"),
    "trusted_proxy": N_("The address of the reverse proxy in front of the server: only its X-Forwarded-For "
                        "header names the reader's address (login limits are per address); without it the "
                        "header is ignored."),
    "allow_remote": N_("Allow listening on a non-loopback address (needs reviewer accounts: every page asks for a "
                       "login)."),
    "refused": N_("refusing to listen on non-loopback address {host}: add --allow-remote if you mean it "
                  "(after creating accounts with legiscompare accounts add)"),
    "no_accounts": N_("refusing --allow-remote: the database has no reviewer account, anyone could read and "
                      "record decisions. First run: legiscompare accounts add NAME --db …"),
    "warning": N_("note: listening on non-loopback address {host} with logins ({count} accounts). Without "
                  "HTTPS passwords travel in clear text: put an HTTPS reverse proxy in front."),
    "accounts": N_("Manage the reviewer accounts that may log in to the review pages (passwords are kept as "
                   "Argon2 hashes only).\n\nExample: legiscompare accounts add Zhang --db "
                   "sqlite:///legiscompare.db"),
    "add": N_("Create an account or change its password (typed twice at the terminal, or one line on "
              "standard input with --password-stdin).\n\nExample: legiscompare accounts add Zhang"),
    "list_accounts": N_("List the accounts.\n\nExample: legiscompare accounts list"),
    "stdin": N_("Read the password from standard input (one line)."),
    "password_prompt": N_("Password"),
    "short_password": N_("password too short: at least {min} characters"),
    "created": N_("Created account {name}"),
    "changed": N_("Changed the password of {name}"),
    "no_account": N_("(no account)"),
    "listening": N_("Review pages: {url} (Ctrl+C to stop)"),
    "create": N_("Create an empty database if there is none (refused by default, so a mistyped name does not "
                 "silently become an empty database)."),
}
TEXT = by_language(TEXT_IDS)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def _t(key: str) -> str:
    return TEXT[language()][key]


@click.command("serve", help=TEXT_IDS["serve"])
@db_option
@click.option("--host", default=DEFAULT_HOST, show_default=True, help=TEXT_IDS["host"])
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535), help=TEXT_IDS["port"])
@click.option("--allow-remote", is_flag=True, help=TEXT_IDS["allow_remote"])
@click.option("--create", is_flag=True, help=TEXT_IDS["create"])
@click.option("--trusted-proxy", metavar="ADDRESS", help=TEXT_IDS["trusted_proxy"])
@handles_input_errors
def serve_cmd(db: str | None, host: str, port: int, allow_remote: bool, create: bool,
              trusted_proxy: str | None) -> None:
    import uvicorn

    from ..serve import create_app
    from ..serve.guard import LOOPBACK_NAMES, is_loopback

    local = is_loopback(host)
    if not local and not allow_remote:
        fail(_t("refused").format(host=host))
    try:
        url = database_url(db) if create else existing(database_url(db))
    except InputError as exc:  # a new folder: say how to start
        if exc.key != "not_found":
            raise
        fail(_t("no_database").format(path=exc.file))
    with open_store(url) as store:  # create or upgrade the schema now: a bad URL is one line, exit 2
        accounts = len(store.account_names())
    if (allow_remote or not local) and not accounts:  # --allow-remote means logins, whatever the host
        fail(_t("no_accounts"))
    if not local:
        click.echo(_t("warning").format(host=host, count=accounts), err=True)
    hosts = (*LOOPBACK_NAMES, host.strip("[]")) if local else None
    _check_port(host.strip("[]"), port)
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    click.echo(_t("listening").format(url=f"http://{shown}:{port}/"))
    app = create_app(url, language(), allowed_hosts=hosts, accounts=bool(accounts))
    # the client address (the login limits) comes from X-Forwarded-For only when the proxy
    # sending it is the one named (uvicorn's forwarded_allow_ips); else it is the peer's
    uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning", proxy_headers=bool(trusted_proxy),
                forwarded_allow_ips=trusted_proxy or "")


def register_serve(group: click.Group) -> None:
    """Add ``serve`` and ``accounts`` to ``group``."""
    group.add_command(serve_cmd)
    register_accounts(group)


@click.group("accounts", help=TEXT_IDS["accounts"])
def accounts_group() -> None:
    pass


@accounts_group.command("add", help=TEXT_IDS["add"])
@click.argument("name")
@db_option
@click.option("--password-stdin", is_flag=True, help=TEXT_IDS["stdin"])
@handles_input_errors
def add_cmd(name: str, db: str | None, password_stdin: bool) -> None:
    from ..serve.auth import MIN_PASSWORD, hash_password

    password = (sys.stdin.readline().rstrip("\r\n") if password_stdin else
                click.prompt(_t("password_prompt"), hide_input=True, confirmation_prompt=True))
    if len(password) < MIN_PASSWORD:
        fail(_t("short_password").format(min=MIN_PASSWORD))
    with open_store(database_url(db)) as store:
        created = store.set_account(name, hash_password(password))
    click.echo(_t("created" if created else "changed").format(name=name.strip()))


@accounts_group.command("list", help=TEXT_IDS["list_accounts"])
@db_option
@handles_input_errors
def list_cmd(db: str | None) -> None:

    with open_store(existing(database_url(db))) as store:
        click.echo("\n".join(store.account_names()) or _t("no_account"))


def register_accounts(group: click.Group) -> None:
    """Add ``accounts add`` and ``accounts list`` to ``group``."""
    group.add_command(accounts_group)


def _check_port(host: str, port: int) -> None:
    """Fail with one line, before anything starts, when the port cannot be bound.

    ``SO_REUSEADDR`` as uvicorn sets it: connections of a previous run left in TIME_WAIT
    must not make a restart fail (only a live listener does).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise InputError(f"{host}:{port}", "cannot_listen", detail=exc.strerror or str(exc)) from None

