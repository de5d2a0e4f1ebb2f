"""The Starlette application behind ``legiscompare serve``.

Routes:

- ``GET /``: the stored comparisons, with their review progress;
- ``GET /comparisons/{id}[?show=review|undecided|substantive|structural|all]``: the comparison as a
  table (a column per document, a row per aligned provision) with a decision form on
  every non-formatting difference;
- ``POST /differences/{fingerprint}/decision`` (form: ``comparison_id``, ``status``,
  ``note``, ``reviewer``): records a decision, then 303 back to ``#row-{row_id}``; bad
  input gets 400 (unknown difference or comparison: 404) and a page saying why;
- ``GET /comparisons/{id}/obsolete``: decisions whose difference disappeared;
- ``GET /healthz``: ``ok`` when the database answers.

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
from urllib.parse import quote

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
from ..report.cells import absent_note
from ..report.labels import LABELS, NAMES
from ..store import DECISION_STATUSES, MAX_NOTE, Store, open_store
from ..store.records import MAX_REVIEWER
from .guard import LOOPBACK_NAMES, LocalGuard
from .text import UI
from .views import SHOWS, build_rows, common_title

MAX_FORM_BYTES = 64 * 1024  # a decision form is a few KB at most
FINGERPRINT = re.compile(r"[0-9a-f]{64}")


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
    return env


class Refusal(Exception):
    """Bad input from a form or URL: rendered as a message page with ``status``."""

    def __init__(self, status: int, key: str, back: str = "/", **params: object) -> None:
        super().__init__(key)
        self.status, self.key, self.back, self.params = status, key, back, params


def create_app(db_url: str, lang: str = "zh", *, allowed_hosts: Iterable[str] | None = LOOPBACK_NAMES) -> Starlette:
    """The review application on the database ``db_url``, its pages in ``lang`` ("zh" or "en").

    ``allowed_hosts`` are the host names the server answers to (``None``: any, for
    ``--allow-remote``); the default only accepts loopback names.
    """
    lang = "en" if lang == "en" else "zh"
    ui, env = UI[lang], environment()
    common = dict(lang=lang, t=LABELS[lang], names=NAMES[lang], ui=ui, statuses=STATUSES, categories=CATEGORIES,
                  decision_statuses=DECISION_STATUSES, max_note=MAX_NOTE, max_reviewer=MAX_REVIEWER)

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**common, **context), status_code=status)

    def message(status: int, key: str, back: str = "/", **params: object) -> HTMLResponse:
        return page("message.html", status, message=ui[key].format(**params), back=back)

    def store_of(request: Request) -> Store:
        return request.app.state.store

    async def index(request: Request) -> Response:
        comparisons = await run_in_threadpool(store_of(request).list_comparisons)
        return page("index.html", comparisons=comparisons)

    def _comparison_page(store: Store, cid: int, show: str) -> HTMLResponse:
        try:
            comparison = store.load_comparison(cid)
        except InputError as exc:
            if not any(c.id == cid for c in store.list_comparisons()):
                raise Refusal(404, "no_comparison", value=cid) from exc
            raise
        stored, decisions = store.differences(cid), store.decisions_for(cid)
        rows, counts = build_rows(comparison, stored, decisions, show)
        return page("comparison.html", cid=cid, c=comparison, docs=comparison.documents, rows=rows, counts=counts,
                    show=show, shows=SHOWS, title=common_title(comparison))

    async def comparison(request: Request) -> Response:
        cid = request.path_params["cid"]
        show = request.query_params.get("show", "review")
        if show not in SHOWS:
            raise Refusal(400, "bad_show", f"/comparisons/{cid}", value=show)
        return await run_in_threadpool(_comparison_page, store_of(request), cid, show)

    def _obsolete_page(store: Store, cid: int) -> HTMLResponse:
        if not any(c.id == cid for c in store.list_comparisons()):
            raise Refusal(404, "no_comparison", value=cid)
        return page("obsolete.html", cid=cid, decisions=store.obsolete_decisions(cid))

    async def obsolete(request: Request) -> Response:
        return await run_in_threadpool(_obsolete_page, store_of(request), request.path_params["cid"])

    async def decide(request: Request) -> Response:
        fingerprint = request.path_params["fingerprint"]
        form = await request.form(max_files=0, max_fields=20)
        fields = {name: str(form.get(name, "")) for name in ("comparison_id", "status", "note", "reviewer")}
        return await run_in_threadpool(_decide, store_of(request), fingerprint, fields)

    def _decide(store: Store, fingerprint: str, form: dict[str, str]) -> Response:
        if not FINGERPRINT.fullmatch(fingerprint):
            raise Refusal(404, "no_difference", value=fingerprint[:80])
        raw_id = form["comparison_id"].strip()
        if not raw_id.isdigit() or len(raw_id) > 18:
            raise Refusal(400, "bad_comparison", value=raw_id[:80])
        cid, back = int(raw_id), f"/comparisons/{int(raw_id)}"
        found = [d for d in store.differences(cid) if d.fingerprint == fingerprint]
        if not found:
            raise Refusal(404, "no_difference", back, value=fingerprint)
        status, reviewer = form["status"], form["reviewer"].strip()
        note = form["note"].replace("\r\n", "\n")  # browsers send CRLF; maxlength counts one
        if status not in DECISION_STATUSES:
            raise Refusal(400, "bad_status", back, value=status[:80])
        if len(note) > MAX_NOTE:
            raise Refusal(400, "note_too_long", back, count=len(note), limit=MAX_NOTE)
        if not reviewer or len(reviewer) > MAX_REVIEWER:
            raise Refusal(400, "bad_reviewer", back, limit=MAX_REVIEWER)
        try:
            store.record_decision(fingerprint, status, note, reviewer, comparison_id=cid)
        except InputError as exc:  # e.g. the comparison was re-saved meanwhile
            raise Refusal(400, "store_error", back, value=exc.message(lang)) from exc
        return RedirectResponse(f"{back}#row-{quote(found[0].row_id, safe='/')}", status_code=303)

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
        Route("/", index),
        Route("/comparisons/{cid:int}", comparison),
        Route("/comparisons/{cid:int}/obsolete", obsolete),
        Route("/differences/{fingerprint}/decision", decide, methods=["POST"], max_body_size=MAX_FORM_BYTES),
        Route("/healthz", healthz),
    ]
    guard = Middleware(LocalGuard, refuse=lambda status, key, value: message(status, key, value=value),
                       hosts=allowed_hosts)
    return Starlette(routes=routes, middleware=[guard], lifespan=lifespan,
                     exception_handlers={Refusal: refused, HTTPException: http_error})
