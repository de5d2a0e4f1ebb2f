"""What every page of the review app shares: templates, login sessions, the reviewer cookie,
views in URLs, refusals, and the cache of stored comparisons with their display spans.

``Site`` is made once per application (``create_app``) and handed to each page group
(``compare.serve.review``, ``compare.serve.draft_pages``, ``compare.serve.login``).
"""

from __future__ import annotations

import re
import threading
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ..i18n import local_time
from ..ids import parse_id
from ..model import CATEGORIES, STATUSES, Comparison
from ..pipeline import fill_spans
from ..report.cells import absent_note, paragraphs
from ..report.drafts import DRAFT_LABELS
from ..report.labels import LABELS
from ..store import DECISION_STATUSES, MAX_NOTE, Store
from ..store.records import MAX_REVIEWER
from ..visible import hidden_char, visible
from ..vocabulary import NAMES
from .auth import SESSION_COOKIE, LoginLimiter, Sessions
from .text import UI
from .views import BadView, View, build_rows, page_of_row

REVIEWER_COOKIE = "legiscompare_reviewer"
COOKIE_AGE = 365 * 24 * 3600
MAX_FORM_BYTES = 64 * 1024  # a decision form is a few KB at most
MAX_BULK = 5000  # selected fingerprints in one bulk form (each 64 hex digits: ~380 KB)
MAX_BULK_BYTES = 512 * 1024
FINGERPRINT = re.compile(r"[0-9a-f]{64}")
ANCHOR = re.compile(r"ins-[0-9]{1,6}-[0-9]{1,6}")
CACHED_COMPARISONS = 4  # stored comparisons kept with their spans


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja2 over this package's templates, then the report's (``base.html``, ``_macros.html``)."""
    env = Environment(
        loader=ChoiceLoader([PackageLoader("compare.serve", "templates"), PackageLoader("compare.report", "templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["when"] = local_time
    env.filters["visible"] = visible  # names, titles, notes and comments (compare.visible)
    env.globals["absent_note"] = absent_note
    env.globals["paragraphs"] = paragraphs
    return env


def reviewer_of(request: Request) -> str:
    """The reviewer name remembered in this browser's cookie ("" if none)."""
    return unquote(request.cookies.get(REVIEWER_COOKIE, ""))[:MAX_REVIEWER]


def remember_reviewer(response: Response, reviewer: str, secure: bool = False) -> Response:
    """``response`` with the reviewer's name kept in a cookie for the next forms."""
    response.set_cookie(REVIEWER_COOKIE, quote(reviewer), max_age=COOKIE_AGE, httponly=True,
                        samesite="strict", secure=secure)
    return response


def safe_next(target: str) -> str:
    """Where a login may return: a path on this server ("/" for anything else)."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) and len(target) < 500 else "/"


def view_of(query: str) -> View:
    """The view a form came from (its query string); the default view if it is not valid."""
    try:
        return View.parse(dict(parse_qsl(query[:2000])))
    except BadView:
        return View()


def back_to(cid: int, view: View, row_id: str | None = None) -> str:
    """The URL of ``view`` of comparison ``cid``, at row ``row_id``."""
    query = view.query()
    anchor = f"#row-{quote(row_id, safe='/')}" if row_id else ""
    return f"/comparisons/{cid}{'?' + query if query else ''}{anchor}"


class Refusal(Exception):
    """Bad input from a form or URL: rendered as a message page with ``status``."""

    def __init__(self, status: int, key: str, back: str = "/", **params: object) -> None:
        super().__init__(key)
        self.status, self.key, self.back, self.params = status, key, back, params


def store_of(request: Request) -> Store:
    """The application's store (opened by the lifespan)."""
    return request.app.state.store


def path_id(request: Request) -> int:
    """The comparison id of the URL, or ``Refusal`` 404."""
    cid = parse_id(request.path_params["cid"])
    if cid is None:
        raise Refusal(404, "no_comparison", value=request.path_params["cid"][:80])
    return cid


def decision_fields(form: dict[str, str], back: str) -> tuple[str, str, str]:
    """The status, note and reviewer of a form, or ``Refusal`` 400 saying what is wrong (a
    reviewer or note with an invisible or control character too: ``compare.visible``)."""
    status, reviewer = form["status"], form["reviewer"].strip()
    note = form["note"].replace("\r\n", "\n")  # browsers send CRLF; maxlength counts one
    if status not in DECISION_STATUSES:
        raise Refusal(400, "bad_status", back, value=status[:80])
    if len(note) > MAX_NOTE:
        raise Refusal(400, "note_too_long", back, count=len(note), limit=MAX_NOTE)
    if not reviewer or len(reviewer) > MAX_REVIEWER:
        raise Refusal(400, "bad_reviewer", back, limit=MAX_REVIEWER)
    for key, text, lines in (("hidden_note", note, True), ("hidden_reviewer", reviewer, False)):
        if code := hidden_char(text, lines):  # the store refuses them too (store.records.check_visible)
            raise Refusal(400, key, back, code=code)
    return status, note, reviewer


class Site:
    """The language, templates, login sessions and comparison cache of one application."""

    def __init__(self, lang: str, accounts: bool, secure_cookies: bool) -> None:
        self.lang = "en" if lang == "en" else "zh"
        self.ui, self.env = UI[self.lang], environment()
        self.accounts, self.secure_cookies = accounts, secure_cookies
        self.sessions, self.limiter = Sessions(), LoginLimiter()
        self.comparisons: dict[tuple[int, datetime], Comparison] = {}
        self.loading: dict[tuple[int, datetime], threading.Lock] = {}
        self.common = dict(lang=self.lang, t=LABELS[self.lang], names=NAMES[self.lang], ui=self.ui,
                           statuses=STATUSES, categories=CATEGORIES, decision_statuses=DECISION_STATUSES,
                           max_note=MAX_NOTE, max_reviewer=MAX_REVIEWER, csrf="", account=None, accounts=accounts,
                           dl=DRAFT_LABELS[self.lang])

    def page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        """The template ``name`` rendered with the shared context and ``context``."""
        return HTMLResponse(self.env.get_template(name).render(**{**self.common, **context}), status_code=status)

    def message(self, status: int, key: str, back: str = "/", **params: object) -> HTMLResponse:
        """A message page (an error said in the page's language, with a way back)."""
        return self.page("message.html", status, message=visible(self.ui[key].format(**params)), back=back)

    def session_of(self, request: Request) -> str | None:
        """The login session id of the request (None without accounts)."""
        return request.cookies.get(SESSION_COOKIE) if self.accounts else None

    def auth_of(self, request: Request) -> dict[str, Any]:
        """The page context of the login: the account name and the forms' CSRF token."""
        sid = self.session_of(request)
        return {"account": self.sessions.name(sid) if self.accounts else None, "csrf": self.sessions.csrf(sid)}

    def protect(self, handler: Any, max_fields: int = 0, max_files: int = 0) -> Any:
        """``handler`` behind the login (with accounts) and, for a form (``max_fields``, with
        up to ``max_files`` uploaded files), the CSRF check."""
        async def endpoint(request: Request) -> Response:
            who = self.sessions.name(self.session_of(request)) if self.accounts else None
            if self.accounts and who is None:
                if request.method == "GET":
                    return RedirectResponse(f"/login?{urlencode({'next': request.url.path})}", status_code=303)
                raise Refusal(403, "login_required", "/login")
            request.state.account = who
            if max_fields:
                form = await request.form(max_files=max_files, max_fields=max_fields)
                if not self.sessions.csrf_ok(self.session_of(request), str(form.get("csrf", ""))):
                    raise Refusal(403, "bad_csrf")
            return await handler(request)
        return endpoint

    def load(self, store: Store, cid: int) -> Comparison:
        """The stored comparison with its display spans (cached while it is unchanged; one
        request computes them while others asking for the same comparison wait)."""
        summary = next((c for c in store.list_comparisons() if c.id == cid), None)
        if summary is None:
            raise Refusal(404, "no_comparison", value=cid)
        key = (cid, summary.updated_at)
        with self.loading.setdefault(key, threading.Lock()):
            if key not in self.comparisons:
                comparison = fill_spans(store.load_comparison(cid, self.lang))  # explanations in the page's language
                if len(self.comparisons) >= CACHED_COMPARISONS:
                    self.comparisons.pop(next(iter(self.comparisons)))
                self.comparisons[key] = comparison
            return self.comparisons[key]

    def row_url(self, store: Store, cid: int, view: View, row_id: str) -> str:
        """The URL of ``view`` at row ``row_id``, on the page where the row stands (where a
        form posted without script comes back to)."""
        rows, _ = build_rows(self.load(store, cid), store.difference_keys(cid), store.decisions_for(cid), view)
        return back_to(cid, view.at_page(page_of_row(rows, row_id)), row_id)

    def preload(self, store: Store) -> threading.Thread:
        """Load the latest comparisons of the reviews into the cache in the background (the
        server starts at once; the first reader of a large comparison finds it ready)."""
        def run() -> None:
            try:
                current = [c for c in store.list_comparisons() if not (c.archived or c.superseded_by is not None)]
                for summary in sorted(current, key=lambda c: c.updated_at, reverse=True)[:CACHED_COMPARISONS]:
                    self.load(store, summary.id)
            except Exception:  # noqa: BLE001 - best effort: what cannot load is reported when it is opened
                return
        thread = threading.Thread(target=run, name="preload", daemon=True)
        thread.start()
        return thread
