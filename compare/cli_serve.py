"""``legiscompare serve``: the local review web application (``compare.serve``) under uvicorn.

It listens on 127.0.0.1 by default. A host that is not a loopback address is refused
(exit status 2) unless ``--allow-remote`` is given, which prints a warning: the pages and
forms have no login, anyone who reaches the port can read and record decisions.
"""

from __future__ import annotations

import click

from .errors import language

TEXT = {
    "zh": {
        "serve": "启动本地审查网页：列出比较、逐条查看差异、筛选未审查差异并记录审查结论。"
                 "默认只在本机地址 127.0.0.1 上监听。\n\n示例：legiscompare serve --db sqlite:///legiscompare.db",
        "host": "监听地址（默认 127.0.0.1，仅本机可访问）。",
        "port": "监听端口。",
        "allow_remote": "允许在非本机地址上监听（无登录保护，慎用）。",
        "refused": "拒绝在非本机地址 {host} 上监听：审查网页没有登录保护。确需如此请加 --allow-remote",
        "warning": "警告：正在非本机地址 {host} 上监听，能访问该端口的任何人都可以查看并记录审查结论。",
        "listening": "审查网页：{url} （按 Ctrl+C 停止）",
        "create": "数据库不存在时新建一个空数据库（默认拒绝，以免拼错的文件名悄悄变成空数据库）。",
    },
    "en": {
        "serve": "Start the local review web application: list comparisons, read them row by row, filter to "
                 "undecided differences and record decisions. Listens on 127.0.0.1 only by default.\n\n"
                 "Example: legiscompare serve --db sqlite:///legiscompare.db",
        "host": "Address to listen on (default 127.0.0.1: this machine only).",
        "port": "Port to listen on.",
        "allow_remote": "Allow listening on a non-loopback address (there is no login: use with care).",
        "refused": "refusing to listen on non-loopback address {host}: the review pages have no login. "
                   "Add --allow-remote if you really mean it",
        "warning": "warning: listening on non-loopback address {host}; anyone who reaches this port can read "
                   "and record decisions.",
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
    """Add ``serve`` to ``group``."""
    from .cli import fail, h, handles_input_errors

    @group.command("serve", help=_t("serve"))
    @click.option("--db", help=h("db"))
    @click.option("--host", default=DEFAULT_HOST, show_default=True, help=_t("host"))
    @click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535), help=_t("port"))
    @click.option("--allow-remote", is_flag=True, help=_t("allow_remote"))
    @click.option("--create", is_flag=True, help=_t("create"))
    @handles_input_errors
    def serve_cmd(db: str | None, host: str, port: int, allow_remote: bool, create: bool) -> None:
        import uvicorn

        from .serve import create_app
        from .serve.guard import LOOPBACK_NAMES, is_loopback
        from .store import database_url, open_store

        local = is_loopback(host)
        if not local and not allow_remote:
            fail(_t("refused").format(host=host))
        if not local:
            click.echo(_t("warning").format(host=host), err=True)
        from .cli_db import _existing

        url = database_url(db) if create else _existing(database_url(db))
        open_store(url).close()  # create or upgrade the schema now: a bad URL is one line, exit 2
        hosts = (*LOOPBACK_NAMES, host.strip("[]")) if local else None
        _check_port(host.strip("[]"), port)
        shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
        click.echo(_t("listening").format(url=f"http://{shown}:{port}/"))
        uvicorn.run(create_app(url, language(), allowed_hosts=hosts), host=host.strip("[]"), port=port,
                    log_level="warning")


def _check_port(host: str, port: int) -> None:
    """Fail with one line, before anything starts, when the port cannot be bound.

    ``SO_REUSEADDR`` as uvicorn sets it: connections of a previous run left in TIME_WAIT
    must not make a restart fail (only a live listener does).
    """
    import socket

    from .errors import InputError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise InputError(f"{host}:{port}", "cannot_listen", detail=exc.strerror or str(exc)) from None

