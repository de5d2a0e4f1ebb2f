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
- ``GET /healthz``: ``ok`` when the database answers;
- ``GET /new``, ``POST /new``, ``GET /comparisons/{id}/download/{fmt}``: a new comparison from
  uploaded or stored texts (base and jurisdictions chosen) as a background job, and
  downloads (``workbench``); ``GET /jobs/{id}``: a job followed until it is done (``jobs``);
- ``POST /comparisons/{id}/draft``, ``GET /comparisons/{id}/drafts/{n}.docx``: an amendment or
  harmonisation draft made as a background job, and a draft as a Word file (``drafting``);
- ``GET /comparisons/{id}/audit[?fail_on=…]``: the audit, findings linked to rows, its outcome
  kept for the list of comparisons (``audit_page``);
- ``POST /differences/{fingerprint}/comments``: a comment added to a difference's thread (``threads``);
- ``POST /comparisons/{id}/assignments`` (``/remove``), ``GET /queue``: chapters or rows assigned
  to reviewers, and each reviewer's undecided differences (``team``).

Every form carries a CSRF token (``auth.Sessions.csrf``); a POST without the right one is 403.

One ``Store`` per application, opened by the lifespan; each request runs its store calls
in the thread pool, each call in its own transaction, so concurrent reviewers queue on
the database (SQLite: ``BEGIN IMMEDIATE`` with a busy timeout) and no decision is lost.
``LocalGuard`` (see ``guard``) checks the Host and the origin of forms and sets the CSP.

The pages come in groups, one module each: ``review`` (comparisons, decisions, exports),
``draft_pages`` (amendment drafts), ``login`` (accounts, health check), ``workbench``,
``jobs``, ``drafting``, ``audit_page``, ``threads`` and ``team``; ``site`` holds what they
share (templates, sessions, the comparison cache, refusals).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..store import open_store
from .draft_pages import DraftPages
from .guard import LOOPBACK_NAMES, LocalGuard
from .login import LoginPages
from .review import ReviewPages
from .site import Refusal, Site
from .workbench import Workbench
from .audit_page import AuditPage
from .drafting import Drafting
from .jobs import Jobs
from .team import TeamPages
from .threads import CommentPages

ERROR_PAGES = {404: "not_found", 405: "method", 413: "too_large"}  # HTTP errors shown as message pages


def create_app(db_url: str, lang: str = "zh", *, allowed_hosts: Iterable[str] | None = LOOPBACK_NAMES,
               accounts: bool = False, secure_cookies: bool = False) -> Starlette:
    """The review application on the database ``db_url``, its pages in ``lang`` ("zh" or "en").

    ``allowed_hosts`` are the host names the server answers to (``None``: any, for
    ``--allow-remote``); the default only accepts loopback names. ``accounts``: every page
    needs a login (``auth``) and decisions are recorded under the account's name;
    ``secure_cookies``: the session cookie is ``Secure`` (also whenever the request is HTTPS).
    """
    site = Site(lang, accounts, secure_cookies)

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refusal)
        return site.message(exc.status, exc.key, exc.back, **exc.params)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        key = ERROR_PAGES.get(exc.status_code)
        if key is None:
            return PlainTextResponse(str(exc.detail), status_code=exc.status_code)
        return site.message(exc.status_code, key)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.store = await run_in_threadpool(open_store, db_url)
        if accounts:  # sessions and the CSRF key survive a restart
            await run_in_threadpool(site.sessions.attach, app.state.store)
        site.preload(app.state.store)
        try:
            yield
        finally:
            app.state.store.close()
            jobs.close()

    jobs = Jobs(site)
    routes = [*ReviewPages(site).routes(), *DraftPages(site).routes(), *LoginPages(site).routes(),
              *Workbench(site, jobs).routes(), *jobs.routes(), *Drafting(site, jobs).routes(),
              *AuditPage(site).routes(), *CommentPages(site).routes(), *TeamPages(site).routes()]
    guard = Middleware(LocalGuard, refuse=lambda status, key, value: site.message(status, key, value=value),
                       hosts=allowed_hosts)
    app = Starlette(routes=routes, middleware=[guard], lifespan=lifespan,
                    exception_handlers={Refusal: refused, HTTPException: http_error})
    app.state.sessions = site.sessions  # the CSRF tokens and sessions (tests read tokens from here)
    return app
