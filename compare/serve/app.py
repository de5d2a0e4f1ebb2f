"""The Starlette application behind ``legiscompare serve``.

Routes:

- ``GET /[?all=1]``: the latest comparison of each review with its progress (``all=1``: the
  whole history, superseded and archived comparisons marked);
- ``GET /comparisons/{id}[?show=…&doc=…&category=…&cls=…&decision=…&by=…]``: the comparison
  as a table (a column per document, a row per aligned provision) rendered with the HTML
  report's macros (redline, jurisdiction marks, class badges, structural notes), with a
  decision form on every non-formatting difference (filters: ``views.View``);
- ``POST /differences/{fingerprint}/decision`` (form: ``comparison_id``, ``status``,
  ``note``, ``reviewer``, ``view``): records a decision, then 303 back to the same view
  (``view``: its query string) at ``#row-{row_id}``; bad input gets 400 (unknown
  difference or comparison: 404) and a page saying why;
- ``POST /comparisons/{id}/decisions`` (form: ``status``, ``note``, ``reviewer``, ``view``,
  ``scope`` = ``shown`` or ``selected`` with ``fingerprint`` fields): one decision on each
  difference the view lists (or on the selected ones), recorded individually in one
  transaction, then 303 back to the view;
- ``POST /instructions/{fingerprint}/decision`` (form: ``comparison_id``, ``status`` =
  ``dropped`` or ``kept``, ``note``, ``reviewer``, ``view``, ``anchor``): drops or restores an
  instruction of a stored amendment draft (``compare.store.drafts``; history kept), then 303
  back to the instruction;
- ``GET /comparisons/{id}/drafts/{n}.txt``: the n-th draft decision as text, without the
  dropped instructions;
- ``GET /comparisons/{id}/obsolete``: decisions whose difference disappeared;
- ``GET /comparisons/{id}/decisions.csv`` / ``.json``: the current decisions (``store.exchange``);
- ``GET /login``, ``POST /login`` (``name``, ``password``, ``csrf``, ``next``), ``POST /logout``:
  with accounts (``auth``), every other page needs a login and decisions take its name;
- ``GET /healthz``: ``ok`` when the database answers.

Every form carries a CSRF token (``auth.Sessions.csrf``); a POST without the right one is 403.

One ``Store`` per application, opened by the lifespan; each request runs its store calls
in the thread pool, each call in its own transaction, so concurrent reviewers queue on
the database (SQLite: ``BEGIN IMMEDIATE`` with a busy timeout) and no decision is lost.
``LocalGuard`` (see ``guard``) checks the Host and the origin of forms and sets the CSP.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError
from ..model import CATEGORIES, STATUSES
from ..vocabulary import CLASS_CATEGORY, NAMES
from ..model import Comparison
from ..pipeline import fill_spans
from ..report import document_labels, navigation_context
from ..report.cells import absent_note, merged_note, paragraphs, part_starts
from ..report.drafts import DRAFT_LABELS, drafts_view
from ..report.labels import LABELS
from ..store import DECISION_STATUSES, MAX_NOTE, Store, open_store
from ..ids import parse_id
from ..store.records import MAX_REVIEWER
from .drafts import DROP_STATUSES, draft_text
from .auth import SESSION_COOKIE, SESSION_HOURS, LoginLimiter, Sessions, verify_password
from .guard import LOOPBACK_NAMES, LocalGuard
from .text import UI
from ..report import common_title
from .views import DECISION_FILTERS, SHOWS, BadView, View, build_rows, listed_fingerprints, reviewers

REVIEWER_COOKIE = "legiscompare_reviewer"
COOKIE_AGE = 365 * 24 * 3600

MAX_FORM_BYTES = 64 * 1024  # a decision form is a few KB at most
MAX_BULK = 5000  # selected fingerprints in one bulk form (each 64 hex digits: ~380 KB)
MAX_BULK_BYTES = 512 * 1024
FINGERPRINT = re.compile(r"[0-9a-f]{64}")
ANCHOR = re.compile(r"ins-[0-9]{1,6}-[0-9]{1,6}")


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
    env.filters["when"] = lambda value: value.strftime("%Y-%m-%d %H:%M UTC") if isinstance(value, datetime) else ""
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


def create_app(db_url: str, lang: str = "zh", *, allowed_hosts: Iterable[str] | None = LOOPBACK_NAMES,
               accounts: bool = False, secure_cookies: bool = False) -> Starlette:
    """The review application on the database ``db_url``, its pages in ``lang`` ("zh" or "en").

    ``allowed_hosts`` are the host names the server answers to (``None``: any, for
    ``--allow-remote``); the default only accepts loopback names. ``accounts``: every page
    needs a login (``auth``) and decisions are recorded under the account's name;
    ``secure_cookies``: the session cookie is ``Secure`` (also whenever the request is HTTPS).
    """
    lang = "en" if lang == "en" else "zh"
    ui, env = UI[lang], environment()
    spans_cache: dict[tuple[int, datetime], Comparison] = {}
    common = dict(lang=lang, t=LABELS[lang], names=NAMES[lang], ui=ui, statuses=STATUSES, categories=CATEGORIES,
                  decision_statuses=DECISION_STATUSES, max_note=MAX_NOTE, max_reviewer=MAX_REVIEWER)

    sessions, limiter = Sessions(), LoginLimiter()
    common.update(csrf="", account=None, accounts=accounts, dl=DRAFT_LABELS[lang])

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**{**common, **context}), status_code=status)

    def session_of(request: Request) -> str | None:
        return request.cookies.get(SESSION_COOKIE) if accounts else None

    def auth_of(request: Request) -> dict[str, Any]:
        """The page context of the login: the account name and the forms' CSRF token."""
        sid = session_of(request)
        return {"account": sessions.name(sid) if accounts else None, "csrf": sessions.csrf(sid)}

    def protect(handler: Any, max_fields: int = 0) -> Any:
        """``handler`` behind the login (with accounts) and, for a form (``max_fields``), the CSRF check."""
        async def wrapper(request: Request) -> Response:
            who = sessions.name(session_of(request)) if accounts else None
            if accounts and who is None:
                if request.method == "GET":
                    return RedirectResponse(f"/login?{urlencode({'next': request.url.path})}", status_code=303)
                raise Refusal(403, "login_required", "/login")
            request.state.account = who
            if max_fields:
                form = await request.form(max_files=0, max_fields=max_fields)
                if not sessions.csrf_ok(session_of(request), str(form.get("csrf", ""))):
                    raise Refusal(403, "bad_csrf")
            return await handler(request)
        return wrapper

    def message(status: int, key: str, back: str = "/", **params: object) -> HTMLResponse:
        return page("message.html", status, message=ui[key].format(**params), back=back)

    def store_of(request: Request) -> Store:
        return request.app.state.store

    async def index(request: Request) -> Response:
        history = request.query_params.get("all") == "1"
        comparisons = await run_in_threadpool(store_of(request).list_comparisons)
        shown = [c for c in comparisons if history or not (c.archived or c.superseded_by is not None)]
        return page("index.html", comparisons=shown, history=history, hidden=len(comparisons) - len(shown),
                    **auth_of(request))

    def _load(store: Store, cid: int) -> Comparison:
        """The stored comparison with its display spans (cached while it is unchanged)."""
        summary = next((c for c in store.list_comparisons() if c.id == cid), None)
        if summary is None:
            raise Refusal(404, "no_comparison", value=cid)
        key = (cid, summary.updated_at)
        cache: dict[tuple[int, datetime], Comparison] = spans_cache
        if key not in cache:
            comparison = store.load_comparison(cid, lang)  # explanations in the page's language
            comparison = fill_spans(comparison)
            if len(cache) >= 4:
                cache.pop(next(iter(cache)))
            cache[key] = comparison
        return cache[key]

    def _comparison_page(store: Store, cid: int, view: View, reviewer: str, auth: dict[str, Any]) -> HTMLResponse:
        comparison = _load(store, cid)
        stored, decisions = store.differences(cid), store.decisions_for(cid)
        rows, counts = build_rows(comparison, stored, decisions, view)
        base_name = document_labels(comparison)[comparison.base]
        drafts = store.drafts_for(cid)
        sections, links = drafts_view(drafts, comparison, lang) if drafts else ([], {})
        histories = {fp: store.instruction_history(fp) for d in drafts for fp in d.dropped}
        present = {d.cls for r in comparison.rows for d in r.differences if d.category != "formatting"}
        return page("comparison.html", cid=cid, c=comparison, docs=comparison.documents, rows=rows, counts=counts,
                    view=view, show=view.show, shows=SHOWS, title=common_title(comparison), reviewer=reviewer,
                    bulk=listed_fingerprints(rows), doc_label=document_labels(comparison),
                    classes=[c for c in CLASS_CATEGORY if c in present], decision_filters=DECISION_FILTERS,
                    reviewers=reviewers(decisions), moved_after=navigation_context(comparison)["moved_after"],
                    part_starts=lambda r, d: part_starts(r, d, comparison.base, base_name, common["t"]),
                    merged_note=lambda r, d: merged_note(r, d, comparison.base, base_name, common["t"]),
                    draft_sections=sections, draft_links=links, histories=histories, **auth)

    def path_id(request: Request) -> int:
        cid = parse_id(request.path_params["cid"])
        if cid is None:
            raise Refusal(404, "no_comparison", value=request.path_params["cid"][:80])
        return cid

    async def comparison(request: Request) -> Response:
        cid = path_id(request)
        try:
            view = View.parse(request.query_params)
        except BadView as exc:
            raise Refusal(400, "bad_filter" if exc.args[0] != "show" else "bad_show", f"/comparisons/{cid}",
                          name=exc.args[0], value=exc.args[1]) from exc
        if request.url.query and request.url.query != view.query():  # e.g. the filter form's empty fields
            return RedirectResponse(back_to(cid, view), status_code=303)
        return await run_in_threadpool(_comparison_page, store_of(request), cid, view, reviewer_of(request),
                                       auth_of(request))

    def _obsolete_page(store: Store, cid: int, auth: dict[str, Any]) -> HTMLResponse:
        if not any(c.id == cid for c in store.list_comparisons()):
            raise Refusal(404, "no_comparison", value=cid)
        return page("obsolete.html", cid=cid, decisions=store.obsolete_decisions(cid), **auth)

    async def obsolete(request: Request) -> Response:
        return await run_in_threadpool(_obsolete_page, store_of(request), path_id(request), auth_of(request))

    async def decide(request: Request) -> Response:
        fingerprint = request.path_params["fingerprint"]
        form = await request.form(max_files=0, max_fields=20)
        fields = {name: str(form.get(name, "")) for name in ("comparison_id", "status", "note", "reviewer", "view")}
        fields["reviewer"] = request.state.account or fields["reviewer"]  # with accounts: the login's name
        return await run_in_threadpool(_decide, store_of(request), fingerprint, fields)

    def _decision_fields(form: dict[str, str], back: str) -> tuple[str, str, str]:
        """The status, note and reviewer of a form, or ``Refusal`` 400 saying what is wrong."""
        status, reviewer = form["status"], form["reviewer"].strip()
        note = form["note"].replace("\r\n", "\n")  # browsers send CRLF; maxlength counts one
        if status not in DECISION_STATUSES:
            raise Refusal(400, "bad_status", back, value=status[:80])
        if len(note) > MAX_NOTE:
            raise Refusal(400, "note_too_long", back, count=len(note), limit=MAX_NOTE)
        if not reviewer or len(reviewer) > MAX_REVIEWER:
            raise Refusal(400, "bad_reviewer", back, limit=MAX_REVIEWER)
        return status, note, reviewer

    def _decide(store: Store, fingerprint: str, form: dict[str, str]) -> Response:
        if not FINGERPRINT.fullmatch(fingerprint):
            raise Refusal(404, "no_difference", value=fingerprint[:80])
        raw_id = form["comparison_id"].strip()
        cid = parse_id(raw_id)
        if cid is None:
            raise Refusal(400, "bad_comparison", value=raw_id[:80])
        view = view_of(form["view"])
        back = back_to(cid, view)
        found = [d for d in store.differences(cid) if d.fingerprint == fingerprint]
        if not found:
            raise Refusal(404, "no_difference", back, value=fingerprint)
        status, note, reviewer = _decision_fields(form, back)
        try:
            store.record_decision(fingerprint, status, note, reviewer, comparison_id=cid)
        except InputError as exc:  # e.g. the comparison was re-saved meanwhile
            raise Refusal(400, "store_error", back, value=exc.message(lang)) from exc
        return remember_reviewer(RedirectResponse(back_to(cid, view, found[0].row_id), status_code=303), reviewer)

    async def drop(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=20)
        fields = {name: str(form.get(name, "")) for name in ("comparison_id", "status", "note", "reviewer", "view",
                                                             "anchor")}
        fields["reviewer"] = request.state.account or fields["reviewer"]
        return await run_in_threadpool(_drop, store_of(request), request.path_params["fingerprint"], fields)

    def _drop(store: Store, fingerprint: str, form: dict[str, str]) -> Response:
        cid = parse_id(form["comparison_id"].strip())
        if cid is None:
            raise Refusal(400, "bad_comparison", value=form["comparison_id"][:80])
        view = view_of(form["view"])
        back = back_to(cid, view)
        if not FINGERPRINT.fullmatch(fingerprint) or not any(
                i.fingerprint == fingerprint for d in store.drafts_for(cid) for i in d.items):
            raise Refusal(404, "no_instruction", back, value=fingerprint[:80])
        if form["status"] not in DROP_STATUSES:
            raise Refusal(400, "bad_drop", back, value=form["status"][:80])
        _, note, reviewer = _decision_fields({**form, "status": DECISION_STATUSES[0]}, back)  # note, reviewer checks
        try:
            store.record_instruction_decision(fingerprint, form["status"], note, reviewer, comparison_id=cid)
        except InputError as exc:
            raise Refusal(400, "store_error", back, value=exc.message(lang)) from exc
        anchor = form["anchor"] if ANCHOR.fullmatch(form["anchor"]) else ""
        return remember_reviewer(RedirectResponse(back + (f"#{anchor}" if anchor else ""), status_code=303), reviewer)

    def _draft_text(store: Store, cid: int, number: str) -> Response:
        n = parse_id(number)
        drafts = store.drafts_for(cid)
        if n is None or not 1 <= n <= len(drafts):
            raise Refusal(404, "no_draft", f"/comparisons/{cid}", value=number[:20])
        body = draft_text(drafts[n - 1], _load(store, cid), lang)
        return Response(body.encode("utf-8"), media_type="text/plain; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="decision-{cid}-{n}.txt"'})

    async def draft_export(request: Request) -> Response:
        return await run_in_threadpool(_draft_text, store_of(request), path_id(request), request.path_params["n"])

    async def decide_many(request: Request) -> Response:
        cid = path_id(request)
        form = await request.form(max_files=0, max_fields=MAX_BULK + 20)
        fields = {name: str(form.get(name, "")) for name in ("status", "note", "reviewer", "view", "scope")}
        fields["reviewer"] = request.state.account or fields["reviewer"]
        chosen = [str(v) for v in form.getlist("fingerprint")]
        return await run_in_threadpool(_decide_many, store_of(request), cid, fields, chosen)

    def _decide_many(store: Store, cid: int, form: dict[str, str], chosen: list[str]) -> Response:
        view = view_of(form["view"])
        back = back_to(cid, view)
        status, note, reviewer = _decision_fields(form, back)
        if form["scope"] == "shown":
            comparison = _load(store, cid)
            rows, _ = build_rows(comparison, store.differences(cid), store.decisions_for(cid), view)
            chosen = listed_fingerprints(rows)
        elif form["scope"] != "selected" or not all(FINGERPRINT.fullmatch(fp) for fp in chosen):
            raise Refusal(400, "bad_scope", back)
        if not chosen:
            raise Refusal(400, "nothing_chosen", back)
        try:
            store.record_decisions(chosen, status, note, reviewer, comparison_id=cid)
        except InputError as exc:
            raise Refusal(400, "store_error", back, value=exc.message(lang)) from exc
        return remember_reviewer(RedirectResponse(back, status_code=303), reviewer)

    def _export(store: Store, cid: int, fmt: str) -> Response:
        from ..store import exchange

        if not any(c.id == cid for c in store.list_comparisons()):
            raise Refusal(404, "no_comparison", value=cid)
        records = exchange.export_records(store, cid)
        body = exchange.to_json(records) if fmt == "json" else "\ufeff" + exchange.to_csv(records)
        media = "application/json" if fmt == "json" else "text/csv"
        return Response(body.encode("utf-8"), media_type=f"{media}; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="decisions-{cid}.{fmt}"'})

    async def export(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "json"):
            raise Refusal(404, "not_found")
        return await run_in_threadpool(_export, store_of(request), path_id(request), fmt)

    async def login_page(request: Request) -> Response:
        return page("login.html", next=safe_next(request.query_params.get("next", "/")), error="",
                    csrf=sessions.csrf(None))

    async def login(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        name, password = str(form.get("name", "")).strip()[:MAX_REVIEWER], str(form.get("password", ""))[:1000]
        target = safe_next(str(form.get("next", "/")))
        if not sessions.csrf_ok(None, str(form.get("csrf", ""))):
            raise Refusal(403, "bad_csrf", "/login")
        keys = (f"ip:{request.client.host if request.client else ''}", f"name:{name}")
        if limiter.blocked(*keys):
            return page("login.html", 429, next=target, error=ui["too_many_logins"], csrf=sessions.csrf(None))
        stored = await run_in_threadpool(store_of(request).account_hash, name)
        if not await run_in_threadpool(verify_password, stored, password):
            limiter.failed(*keys)
            return page("login.html", 401, next=target, error=ui["bad_login"], csrf=sessions.csrf(None))
        limiter.succeeded(*keys)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(SESSION_COOKIE, sessions.open(name), max_age=SESSION_HOURS * 3600, httponly=True,
                            samesite="strict", secure=secure_cookies or request.url.scheme == "https", path="/")
        return response

    async def logout(request: Request) -> Response:
        sessions.close(session_of(request))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    def _ping(store: Store) -> None:
        with store.session() as session:
            session.execute(text("SELECT 1"))

    async def healthz(request: Request) -> Response:
        try:
            await run_in_threadpool(_ping, store_of(request))
        except InputError as exc:
            return PlainTextResponse(exc.message(lang), status_code=503)
        return PlainTextResponse("ok")

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refusal)
        return message(exc.status, exc.key, exc.back, **exc.params)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        key = {404: "not_found", 405: "method", 413: "too_large"}.get(exc.status_code)
        if key is None:
            return PlainTextResponse(str(exc.detail), status_code=exc.status_code)
        return message(exc.status_code, key)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.store = await run_in_threadpool(open_store, db_url)
        try:
            yield
        finally:
            app.state.store.close()

    routes = [
        Route("/", protect(index)),
        Route("/comparisons/{cid}", protect(comparison)),
        Route("/comparisons/{cid}/obsolete", protect(obsolete)),
        Route("/comparisons/{cid}/decisions.{fmt}", protect(export)),
        Route("/differences/{fingerprint}/decision", protect(decide, 20), methods=["POST"],
              max_body_size=MAX_FORM_BYTES),
        Route("/comparisons/{cid}/drafts/{n}.txt", protect(draft_export)),
        Route("/instructions/{fingerprint}/decision", protect(drop, 20), methods=["POST"],
              max_body_size=MAX_FORM_BYTES),
        Route("/comparisons/{cid}/decisions", protect(decide_many, MAX_BULK + 20), methods=["POST"],
              max_body_size=MAX_BULK_BYTES),
        Route("/login", login_page),
        Route("/login", login, methods=["POST"], max_body_size=MAX_FORM_BYTES),
        Route("/logout", protect(logout, 5), methods=["POST"], max_body_size=MAX_FORM_BYTES),
        Route("/healthz", healthz),
    ]
    guard = Middleware(LocalGuard, refuse=lambda status, key, value: message(status, key, value=value),
                       hosts=allowed_hosts)
    app = Starlette(routes=routes, middleware=[guard], lifespan=lifespan,
                    exception_handlers={Refusal: refused, HTTPException: http_error})
    app.state.sessions = sessions  # the CSRF tokens and sessions (tests read tokens from here)
    return app
