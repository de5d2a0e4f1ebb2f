"""Team review: chapters or rows of a review assigned to reviewers, and each reviewer's queue.

- ``POST /comparisons/{id}/assignments`` (form: ``assignee``, ``target`` = ``chapter:HEADING``,
  ``page`` (the rows of the page shown) or ``shown`` (every row the view shows), ``view``,
  CSRF): the rows or the chapter are assigned (``compare.store.team``; with accounts only to
  an account), then 303 back to the view's assignments;
- ``POST /comparisons/{id}/assignments/remove`` (form: ``assignee``, ``scope``, ``key`` (none:
  all of that scope), ``view``, CSRF): taken back;
- ``GET /queue[?reviewer=NAME]``: the undecided differences in what the signed-in reviewer
  (without accounts: the name given or remembered) was assigned, in the latest comparison
  of each review, each linked to its row.

Assignments belong to a review (its subject): a re-run keeps them, as chapters and row ids
(provision ids) survive it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError
from ..model import Comparison
from ..report import common_title, document_labels
from ..store import ComparisonSummary, Store
from ..store.records import MAX_REVIEWER
from ..store.team import Assignment, assign, assignments_for, assignments_of, unassign
from ..visible import hidden_char
from .site import MAX_FORM_BYTES, Refusal, Site, back_to, path_id, reviewer_of, store_of, view_of
from .views import Item, RowView, View, build_rows, paged, row_chapter, row_pages

MAX_QUEUE = 500  # differences listed per review in a queue


@dataclass(frozen=True)
class Entry:
    """An undecided difference in a reviewer's queue."""

    url: str
    row_label: str
    document: str  # the document's label (jurisdiction)
    item: Item


@dataclass(frozen=True)
class Queue:
    """What a reviewer has left in one review."""

    summary: ComparisonSummary
    title: str
    entries: list[Entry]
    total: int  # all of them (``entries`` stops at ``MAX_QUEUE``)


def assigned_rows(comparison: Comparison, assignments: list[Assignment]) -> dict[str, list[str]]:
    """Row id → the reviewers its row or chapter is assigned to, in assignment order."""
    chapters: dict[str, list[str]] = {}
    rows: dict[str, list[str]] = {}
    for a in assignments:
        (chapters if a.scope == "chapter" else rows).setdefault(a.key, []).append(a.reviewer)
    out: dict[str, list[str]] = {}
    for row in comparison.rows:
        names = rows.get(row.id, []) + chapters.get(row_chapter(row, comparison.base), [])
        if names:
            out[row.id] = list(dict.fromkeys(names))
    return out


def _open(view: RowView) -> list[Item]:
    return [i for items in view.items.values() for i in items if i.reviewable and i.decision is None]


def team_context(store: Store, comparison: Comparison, cid: int, accounts: bool) -> dict[str, Any]:
    """The comparison page's team section: the assignments by reviewer (chapters, rows, how
    many undecided differences), each row's reviewers, the names to assign to."""
    assignments = assignments_for(store, cid)
    names = store.account_names() if accounts else sorted({a.reviewer for a in assignments})
    if not assignments:
        return {"team": {}, "assigned": {}, "assignable": names}
    by_row = assigned_rows(comparison, assignments)
    everything, _ = build_rows(comparison, store.difference_keys(cid), store.decisions_for(cid), View())
    left: Counter[str] = Counter()
    for view in everything:
        for name in by_row.get(view.row.id, []):
            left[name] += len(_open(view))
    team: dict[str, dict[str, Any]] = {}
    for a in assignments:
        entry = team.setdefault(a.reviewer, {"chapters": [], "rows": 0, "open": left[a.reviewer]})
        if a.scope == "chapter":
            entry["chapters"].append(a.key)
        else:
            entry["rows"] += 1
    return {"team": team, "assigned": by_row, "assignable": names}


class TeamPages:
    """Assigning parts of a review, and each reviewer's queue."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        """The routes of team review, behind the login and CSRF checks."""
        protect = self.site.protect
        return [
            Route("/comparisons/{cid}/assignments", protect(self.assign, 10), methods=["POST"],
                  max_body_size=MAX_FORM_BYTES),
            Route("/comparisons/{cid}/assignments/remove", protect(self.remove, 10), methods=["POST"],
                  max_body_size=MAX_FORM_BYTES),
            Route("/queue", protect(self.queue)),
        ]

    def _reviewer(self, store: Store, name: str, back: str) -> str:
        """``name`` checked as a reviewer to assign to (with accounts: an account's name)."""
        name = name.strip()
        if not name or len(name) > MAX_REVIEWER:
            raise Refusal(400, "bad_reviewer", back, limit=MAX_REVIEWER)
        if code := hidden_char(name):
            raise Refusal(400, "hidden_reviewer", back, code=code)
        if self.site.accounts and name not in store.account_names():
            raise Refusal(400, "unknown_account", back, value=name)
        return name

    async def assign(self, request: Request) -> Response:
        cid = path_id(request)
        form = await request.form(max_files=0, max_fields=10)
        fields = {k: str(form.get(k, "")) for k in ("assignee", "target", "view")}
        by = request.state.account or reviewer_of(request)
        return await run_in_threadpool(self._assign, store_of(request), cid, fields, by)

    def _assign(self, store: Store, cid: int, form: dict[str, str], by: str) -> Response:
        view = view_of(form["view"])
        back = back_to(cid, view) + "#team"
        reviewer = self._reviewer(store, form["assignee"], back)
        comparison = self.site.load(store, cid)
        target = form["target"]
        if target.startswith("chapter:"):
            scope, keys = "chapter", [target[len("chapter:"):]]
            if keys[0] not in {row_chapter(r, comparison.base) for r in comparison.rows} - {""}:
                raise Refusal(400, "bad_assignment", back)
        elif target in ("page", "shown"):
            rows, _ = build_rows(comparison, store.difference_keys(cid), store.decisions_for(cid), view)
            scope, keys = "row", [v.row.id for v in (paged(rows, view).rows if target == "page" else rows)]
        else:
            raise Refusal(400, "bad_assignment", back)
        if not keys:
            raise Refusal(400, "bad_assignment", back)
        try:
            assign(store, cid, scope, keys, reviewer, by)
        except InputError as exc:
            raise Refusal(400, "store_error", back, value=exc.message(self.site.lang)) from exc
        return RedirectResponse(back, status_code=303)

    async def remove(self, request: Request) -> Response:
        cid = path_id(request)
        form = await request.form(max_files=0, max_fields=10)
        fields = {k: str(form.get(k, "")) for k in ("assignee", "scope", "key", "view")}
        return await run_in_threadpool(self._remove, store_of(request), cid, fields)

    def _remove(self, store: Store, cid: int, form: dict[str, str]) -> Response:
        back = back_to(cid, view_of(form["view"])) + "#team"
        if form["scope"] not in ("chapter", "row"):
            raise Refusal(400, "bad_assignment", back)
        try:
            unassign(store, cid, form["assignee"], form["scope"], form["key"] or None)
        except InputError as exc:
            raise Refusal(400, "store_error", back, value=exc.message(self.site.lang)) from exc
        return RedirectResponse(back, status_code=303)

    async def queue(self, request: Request) -> Response:
        given = request.query_params.get("reviewer", "").strip()[:MAX_REVIEWER]
        reviewer = request.state.account or given or reviewer_of(request)
        if hidden_char(reviewer):
            raise Refusal(400, "hidden_reviewer", "/queue", code=hidden_char(reviewer))
        queues = await run_in_threadpool(self._queues, store_of(request), reviewer) if reviewer else []
        return self.site.page("queue.html", reviewer=reviewer, queues=queues, **self.site.auth_of(request))

    def _queues(self, store: Store, reviewer: str) -> list[Queue]:
        mine = assignments_of(store, reviewer)
        latest = {c.subject: c for c in store.list_comparisons() if not c.archived and c.superseded_by is None}
        out = []
        for subject, assignments in mine.items():
            summary = latest.get(subject)
            if summary is None:
                continue
            comparison = self.site.load(store, summary.id)
            rows, _ = build_rows(comparison, store.difference_keys(summary.id), store.decisions_for(summary.id), View())
            pages, mine_rows = row_pages(rows), assigned_rows(comparison, assignments)
            labels = document_labels(comparison)
            entries = [Entry(back_to(summary.id, View().at_page(pages[v.row.id]), v.row.id), v.row.label,
                             labels[item.diff.document], item)
                       for v in rows if v.row.id in mine_rows for item in _open(v)]
            out.append(Queue(summary, common_title(comparison), entries[:MAX_QUEUE], len(entries)))
        return out
