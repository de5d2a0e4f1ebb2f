"""``legiscompare serve``: the local review web application (``compare.serve``) under uvicorn.

It listens on 127.0.0.1 by default. A host that is not a loopback address is refused
(exit status 2) unless ``--allow-remote`` is given, and then only when the database has
reviewer accounts (``legiscompare accounts add NAME``): every page then needs a login and
decisions take the account's name. Loopback use without accounts needs no login.
"""

from __future__ import annotations

import click

from ..errors import language
from .common import database_url, db_option, existing, fail, handles_input_errors, open_store

TEXT = {
    "zh": {
        "serve": "启动本地审查网页：列出比较、逐条查看差异、筛选未审查差异并记录审查结论。"
                 "默认只在本机地址 127.0.0.1 上监听。\n\n示例：legiscompare serve --db sqlite:///legiscompare.db",
        "host": "监听地址（默认 127.0.0.1，仅本机可访问）。",
        "port": "监听端口。",
        "allow_remote": "允许在非本机地址上监听（需要已建立审查人账号：每个页面都要求登录）。",
        "refused": "拒绝在非本机地址 {host} 上监听：确需如此请加 --allow-remote（并先用 legiscompare accounts add 建立账号）",
        "no_accounts": "拒绝 --allow-remote：数据库中没有审查人账号，任何人都可以查看并记录结论。先运行：legiscompare accounts add 姓名 --db …",
        "warning": "提示：正在非本机地址 {host} 上监听，需要登录（{count} 个账号）。没有 HTTPS 时密码以明文传输：请在前面加 HTTPS 反向代理。",
        "accounts": "管理可登录审查网页的审查人账号（密码只以 Argon2 散列保存）。\n\n示例：legiscompare accounts add 张三 --db sqlite:///legiscompare.db",
        "add": "新建账号或更改其密码（从终端输入两次，或用 --password-stdin 从标准输入读取）。\n\n示例：legiscompare accounts add 张三",
        "list_accounts": "列出账号。\n\n示例：legiscompare accounts list",
        "stdin": "从标准输入读取密码（一行）。", "password_prompt": "密码",
        "short_password": "密码太短：至少 {min} 个字符", "created": "已建立账号 {name}", "changed": "已更改 {name} 的密码",
        "no_account": "（没有账号）",
        "listening": "审查网页：{url} （按 Ctrl+C 停止）",
        "create": "数据库不存在时新建一个空数据库（默认拒绝，以免拼错的文件名悄悄变成空数据库）。",
    },
    "en": {
        "serve": "Start the local review web application: list comparisons, read them row by row, filter to "
                 "undecided differences and record decisions. Listens on 127.0.0.1 only by default.\n\n"
                 "Example: legiscompare serve --db sqlite:///legiscompare.db",
        "host": "Address to listen on (default 127.0.0.1: this machine only).",
        "port": "Port to listen on.",
        "allow_remote": "Allow listening on a non-loopback address (needs reviewer accounts: every page asks for a login).",
        "refused": "refusing to listen on non-loopback address {host}: add --allow-remote if you mean it "
                   "(after creating accounts with legiscompare accounts add)",
        "no_accounts": "refusing --allow-remote: the database has no reviewer account, anyone could read and record "
                       "decisions. First run: legiscompare accounts add NAME --db …",
        "warning": "note: listening on non-loopback address {host} with logins ({count} accounts). Without HTTPS "
                   "passwords travel in clear text: put an HTTPS reverse proxy in front.",
        "accounts": "Manage the reviewer accounts that may log in to the review pages (passwords are kept as "
                    "Argon2 hashes only).\n\nExample: legiscompare accounts add Zhang --db sqlite:///legiscompare.db",
        "add": "Create an account or change its password (typed twice at the terminal, or one line on "
               "standard input with --password-stdin).\n\nExample: legiscompare accounts add Zhang",
        "list_accounts": "List the accounts.\n\nExample: legiscompare accounts list",
        "stdin": "Read the password from standard input (one line).", "password_prompt": "Password",
        "short_password": "password too short: at least {min} characters", "created": "Created account {name}",
        "changed": "Changed the password of {name}", "no_account": "(no account)",
        "listening": "Review pages: {url} (Ctrl+C to stop)",
        "create": "Create an empty database if there is none (refused by default, so a mistyped name does not "
                  "silently become an empty database).",
    },
}

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def _t(key: str) -> str:
    return TEXT[language()][key]


def register_serve(group: click.Group) -> None:
    """Add ``serve`` and ``accounts`` to ``group``."""

    @group.command("serve", help=_t("serve"))
    @db_option
    @click.option("--host", default=DEFAULT_HOST, show_default=True, help=_t("host"))
    @click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535), help=_t("port"))
    @click.option("--allow-remote", is_flag=True, help=_t("allow_remote"))
    @click.option("--create", is_flag=True, help=_t("create"))
    @handles_input_errors
    def serve_cmd(db: str | None, host: str, port: int, allow_remote: bool, create: bool) -> None:
        import uvicorn

        from ..serve import create_app
        from ..serve.guard import LOOPBACK_NAMES, is_loopback

        local = is_loopback(host)
        if not local and not allow_remote:
            fail(_t("refused").format(host=host))
        url = database_url(db) if create else existing(database_url(db))
        with open_store(url) as store:  # create or upgrade the schema now: a bad URL is one line, exit 2
            accounts = len(store.account_names())
        if not local and not accounts:
            fail(_t("no_accounts"))
        if not local:
            click.echo(_t("warning").format(host=host, count=accounts), err=True)
        hosts = (*LOOPBACK_NAMES, host.strip("[]")) if local else None
        _check_port(host.strip("[]"), port)
        shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
        click.echo(_t("listening").format(url=f"http://{shown}:{port}/"))
        app = create_app(url, language(), allowed_hosts=hosts, accounts=bool(accounts))
        uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning", proxy_headers=not local)

    register_accounts(group)


def register_accounts(group: click.Group) -> None:
    """Add ``accounts add`` and ``accounts list`` to ``group``."""

    @group.group("accounts", help=_t("accounts"))
    def accounts_group() -> None:
        pass

    @accounts_group.command("add", help=_t("add"))
    @click.argument("name")
    @db_option
    @click.option("--password-stdin", is_flag=True, help=_t("stdin"))
    @handles_input_errors
    def add_cmd(name: str, db: str | None, password_stdin: bool) -> None:
        import sys

        from ..serve.auth import MIN_PASSWORD, hash_password

        password = (sys.stdin.readline().rstrip("\r\n") if password_stdin else
                    click.prompt(_t("password_prompt"), hide_input=True, confirmation_prompt=True))
        if len(password) < MIN_PASSWORD:
            fail(_t("short_password").format(min=MIN_PASSWORD))
        with open_store(database_url(db)) as store:
            created = store.set_account(name, hash_password(password))
        click.echo(_t("created" if created else "changed").format(name=name.strip()))

    @accounts_group.command("list", help=_t("list_accounts"))
    @db_option
    @handles_input_errors
    def list_cmd(db: str | None) -> None:

        with open_store(existing(database_url(db))) as store:
            click.echo("\n".join(store.account_names()) or _t("no_account"))


def _check_port(host: str, port: int) -> None:
    """Fail with one line, before anything starts, when the port cannot be bound.

    ``SO_REUSEADDR`` as uvicorn sets it: connections of a previous run left in TIME_WAIT
    must not make a restart fail (only a live listener does).
    """
    import socket

    from ..errors import InputError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise InputError(f"{host}:{port}", "cannot_listen", detail=exc.strerror or str(exc)) from None

