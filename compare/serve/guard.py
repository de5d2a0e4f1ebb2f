"""What keeps a local review server local: host check, same-origin forms, strict headers.

``LocalGuard`` is plain ASGI middleware. For every HTTP request it

- refuses (400) a ``Host`` header naming another host than the allowed ones (loopback
  names by default), which defeats DNS-rebinding pages;
- refuses (403) any non-GET/HEAD/OPTIONS request whose ``Origin`` (else ``Referer``) is
  not this server's own ``scheme://host[:port]``: a page on another site cannot post
  decisions through the reviewer's browser;
- adds a strict Content-Security-Policy (nothing fetched from elsewhere, forms post only
  here) and the usual hardening headers to every response;
- turns an unexpected exception into a plain 500 page, with those headers, the traceback
  going to the server log only (Starlette's own 500 would bypass this middleware).
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback IP addresses (127.0.0.0/8, ::1).

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(host_header: str) -> str:
    """The host of a ``Host`` header without its port.

    >>> host_name("[::1]:8765"), host_name("LocalHost:80"), host_name("127.0.0.1")
    ('::1', 'localhost', '127.0.0.1')
    """
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class LocalGuard:
    """ASGI middleware; ``refuse(status, key, value)`` renders the refusal page."""

    def __init__(self, app: ASGIApp, refuse: Callable[[int, str, str], Response],
                 hosts: Iterable[str] | None = LOOPBACK_NAMES) -> None:
        self.app = app
        self.refuse = refuse
        self.hosts = None if hosts is None else {h.lower().strip("[]") for h in hosts}  # None: any host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_hardened(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if self.hosts is not None and host_name(host) not in self.hosts:
            response = self.refuse(400, "bad_host", host)
        elif scope["method"] not in SAFE_METHODS and not same_origin(scope["scheme"], host, headers):
            response = self.refuse(403, "cross_origin", "")
        else:
            try:
                await self.app(scope, receive, send_hardened)
            except Exception:
                if started:
                    raise
                logging.getLogger("legiscompare.serve").exception("error in %s %s", scope["method"], scope["path"])
                await self.refuse(500, "internal", "")(scope, receive, send_hardened)
            return
        await response(scope, receive, send_hardened)


def same_origin(scheme: str, host: str, headers: Headers) -> bool:
    """True when the request's Origin (or, without one, its Referer) is ``scheme://host``."""
    source = headers.get("origin")
    if not source or source == "null":
        source = headers.get("referer")
    if not source or not host:
        return False
    parts = urlsplit(source)
    return parts.scheme == scheme and parts.netloc.lower() == host.lower()
