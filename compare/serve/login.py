"""Logging in and out (with ``--allow-remote`` accounts) and the health check."""

from __future__ import annotations

from sqlalchemy import text
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError
from ..store import Store
from ..store.records import MAX_REVIEWER
from ..visible import hidden_char
from .auth import SESSION_COOKIE, SESSION_HOURS, verify_password
from .site import MAX_FORM_BYTES, Refusal, Site, safe_next, store_of


class LoginPages:
    """The login form, logging in (rate limited) and out, and ``/healthz``."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        """The routes of these pages (the login form itself needs no login)."""
        return [
            Route("/login", self.login_page),
            Route("/login", self.login, methods=["POST"], max_body_size=MAX_FORM_BYTES),
            Route("/logout", self.site.protect(self.logout, 5), methods=["POST"], max_body_size=MAX_FORM_BYTES),
            Route("/healthz", self.healthz),
        ]

    async def login_page(self, request: Request) -> Response:
        sessions = self.site.sessions
        return self.site.page("login.html", next=safe_next(request.query_params.get("next", "/")), error="",
                              csrf=sessions.csrf(None))

    async def login(self, request: Request) -> Response:
        site, sessions = self.site, self.site.sessions
        form = await request.form(max_files=0, max_fields=10)
        name, password = str(form.get("name", "")).strip()[:MAX_REVIEWER], str(form.get("password", ""))[:1000]
        target = safe_next(str(form.get("next", "/")))
        if not sessions.csrf_ok(None, str(form.get("csrf", ""))):
            raise Refusal(403, "bad_csrf", "/login")
        if code := hidden_char(name):  # no account has such a name (``Store.set_account`` refuses it)
            return site.page("login.html", 400, next=target, error=site.ui["hidden_account"].format(code=code),
                             csrf=sessions.csrf(None))
        address = request.client.host if request.client else ""
        stamp = site.limiter.attempt(name, address)  # counted before the slow check: a burst gets the limit
        if stamp is None:
            return site.page("login.html", 429, next=target, error=site.ui["too_many_logins"], csrf=sessions.csrf(None))
        stored = await run_in_threadpool(store_of(request).account_hash, name)
        if not await run_in_threadpool(verify_password, stored, password):
            return site.page("login.html", 401, next=target, error=site.ui["bad_login"], csrf=sessions.csrf(None))
        site.limiter.succeeded(name, address, stamp)
        response = RedirectResponse(target, status_code=303)
        sid = await run_in_threadpool(sessions.open, name)
        response.set_cookie(SESSION_COOKIE, sid, max_age=SESSION_HOURS * 3600, httponly=True,
                            samesite="strict", secure=site.secure_cookies or request.url.scheme == "https", path="/")
        return response

    async def logout(self, request: Request) -> Response:
        await run_in_threadpool(self.site.sessions.close, self.site.session_of(request))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    async def healthz(self, request: Request) -> Response:
        try:
            await run_in_threadpool(_ping, store_of(request))
        except InputError as exc:
            return PlainTextResponse(exc.message(self.site.lang), status_code=503)
        return PlainTextResponse("ok")


def _ping(store: Store) -> None:
    with store.session() as session:
        session.execute(text("SELECT 1"))
