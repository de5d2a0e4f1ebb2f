"""The review pages: the list of comparisons, one comparison row by row with its filters,
decisions on one difference or on many, obsolete decisions, and the decisions exported."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..audit import CHECK_NAMES
from ..errors import InputError
from ..ids import parse_id
from ..report import common_title, document_labels, navigation_context
from ..report.cells import merged_note, part_starts
from ..report.drafts import drafts_view
from ..store import Store
from ..store.comments import comments_for
from ..store.team import latest_audits
from ..vocabulary import CLASS_CATEGORY
from .site import (FINGERPRINT, MAX_BULK, MAX_BULK_BYTES, MAX_FORM_BYTES, Refusal, Site, back_to, decision_fields,
                   local_time, path_id, remember_reviewer, reviewer_of, store_of, view_of)
from .team import team_context
from .views import DECISION_FILTERS, SHOWS, BadView, View, build_rows, chapters, listed_fingerprints, paged, reviewers


class ReviewPages:
    """The pages a reviewer reads and the forms that record decisions."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        """The routes of these pages, behind the login and CSRF checks."""
        protect = self.site.protect
        return [
            Route("/", protect(self.index)),
            Route("/comparisons/{cid}", protect(self.comparison)),
            Route("/comparisons/{cid}/obsolete", protect(self.obsolete)),
            Route("/comparisons/{cid}/decisions.{fmt}", protect(self.export)),
            Route("/differences/{fingerprint}/decision", protect(self.decide, 20), methods=["POST"],
                  max_body_size=MAX_FORM_BYTES),
            Route("/comparisons/{cid}/decisions", protect(self.decide_many, MAX_BULK + 20), methods=["POST"],
                  max_body_size=MAX_BULK_BYTES),
        ]

    async def index(self, request: Request) -> Response:
        history = request.query_params.get("all") == "1"
        store = store_of(request)
        comparisons = await run_in_threadpool(store.list_comparisons)
        shown = [c for c in comparisons if history or not (c.archived or c.superseded_by is not None)]
        by_reviewer = {c.id: await run_in_threadpool(store.reviewer_counts, c.id) for c in shown}
        audits = await run_in_threadpool(latest_audits, store)
        return self.site.page("index.html", comparisons=shown, history=history, hidden=len(comparisons) - len(shown),
                              by_reviewer=by_reviewer, audits=audits, check_names=CHECK_NAMES[self.site.lang],
                              **self.site.auth_of(request))

    async def comparison(self, request: Request) -> Response:
        cid = path_id(request)
        try:
            view = View.parse(request.query_params)
        except BadView as exc:
            raise Refusal(400, "bad_filter" if exc.args[0] != "show" else "bad_show", f"/comparisons/{cid}",
                          name=exc.args[0], value=exc.args[1]) from exc
        if request.url.query and request.url.query != view.query():  # e.g. the filter form's empty fields
            return RedirectResponse(back_to(cid, view), status_code=303)
        return await run_in_threadpool(self._comparison_page, store_of(request), cid, view, reviewer_of(request),
                                       self.site.auth_of(request))

    def _comparison_page(self, store: Store, cid: int, view: View, reviewer: str, auth: dict[str, Any]) -> HTMLResponse:
        site = self.site
        comparison = site.load(store, cid)
        stored, decisions = store.difference_keys(cid), store.decisions_for(cid)
        shown, counts = build_rows(comparison, stored, decisions, view)
        page = paged(shown, view)
        rows = page.rows
        labels = document_labels(comparison)
        base_name, t = labels[comparison.base], site.common["t"]
        drafts = store.drafts_for(cid)
        sections, links = drafts_view(drafts, comparison, site.lang) if drafts else ([], {})
        histories = {fp: store.instruction_history(fp) for d in drafts for fp in d.dropped}
        comments, decided_before = comments_for(store, cid), store.decision_history(cid)
        present = {d.cls for r in comparison.rows for d in r.differences if d.category != "formatting"}
        return site.page("comparison.html", cid=cid, c=comparison, docs=comparison.documents, rows=rows,
                         counts=counts, view=view, show=view.show, shows=SHOWS, title=common_title(comparison),
                         reviewer=reviewer, bulk=listed_fingerprints(shown), doc_label=labels, page=page,
                         shown_rows=len(shown), view_fields=[(f.name, getattr(view, f.name)) for f in fields(view)],
                         classes=[c for c in CLASS_CATEGORY if c in present], decision_filters=DECISION_FILTERS,
                         reviewers=reviewers(decisions), moved_after=navigation_context(comparison)["moved_after"],
                         part_starts=lambda r, d: part_starts(r, d, comparison.base, base_name, t),
                         merged_note=lambda r, d: merged_note(r, d, comparison.base, base_name, t),
                         draft_sections=sections, draft_links=links, histories=histories, comments=comments,
                         decided_before=decided_before, chapters=chapters(comparison),
                         **team_context(store, comparison, cid, site.accounts), **auth)

    async def obsolete(self, request: Request) -> Response:
        return await run_in_threadpool(self._obsolete_page, store_of(request), path_id(request),
                                       self.site.auth_of(request))

    def _obsolete_page(self, store: Store, cid: int, auth: dict[str, Any]) -> HTMLResponse:
        if not any(c.id == cid for c in store.list_comparisons()):
            raise Refusal(404, "no_comparison", value=cid)
        return self.site.page("obsolete.html", cid=cid, decisions=store.obsolete_decisions(cid), **auth)

    async def decide(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=20)
        fields = {name: str(form.get(name, "")) for name in ("comparison_id", "status", "note", "reviewer", "view")}
        fields["reviewer"] = request.state.account or fields["reviewer"]  # with accounts: the login's name
        fields["json"] = "application/json" in request.headers.get("accept", "")  # the page's script: no reload
        return await run_in_threadpool(self._decide, store_of(request), request.path_params["fingerprint"], fields)

    def _decide(self, store: Store, fingerprint: str, form: dict[str, Any]) -> Response:
        if not FINGERPRINT.fullmatch(fingerprint):
            raise Refusal(404, "no_difference", value=fingerprint[:80])
        raw_id = form["comparison_id"].strip()
        cid = parse_id(raw_id)
        if cid is None:
            raise Refusal(400, "bad_comparison", value=raw_id[:80])
        view = view_of(form["view"])
        back = back_to(cid, view)
        row_id = store.difference_row(cid, fingerprint)
        if row_id is None:
            raise Refusal(404, "no_difference", back, value=fingerprint)
        status, note, reviewer = decision_fields(form, back)
        try:
            decision = store.record_decision(fingerprint, status, note, reviewer, comparison_id=cid)
        except InputError as exc:  # e.g. the comparison was re-saved meanwhile
            raise Refusal(400, "store_error", back, value=exc.message(self.site.lang)) from exc
        if form.get("json"):
            return remember_reviewer(JSONResponse(self._saved(store, cid, decision)), reviewer)
        return remember_reviewer(RedirectResponse(self.site.row_url(store, cid, view, row_id), status_code=303),
                                 reviewer)

    def _saved(self, store: Store, cid: int, decision: Any) -> dict[str, Any]:
        """What the page's script shows of a decision just saved, with the review's progress."""
        decided, total = store.review_counts(cid)
        return {"status": decision.status, "name": self.site.common["names"][decision.status],
                "reviewer": decision.reviewer, "when": local_time(decision.created_at), "note": decision.note, "decided": decided,
                "total": total, "progress": self.site.ui["progress"].format(decided=decided, total=total)}

    async def decide_many(self, request: Request) -> Response:
        cid = path_id(request)
        form = await request.form(max_files=0, max_fields=MAX_BULK + 20)
        fields = {name: str(form.get(name, "")) for name in ("status", "note", "reviewer", "view", "scope")}
        fields["reviewer"] = request.state.account or fields["reviewer"]
        chosen = [str(v) for v in form.getlist("fingerprint")]
        return await run_in_threadpool(self._decide_many, store_of(request), cid, fields, chosen)

    def _decide_many(self, store: Store, cid: int, form: dict[str, str], chosen: list[str]) -> Response:
        view = view_of(form["view"])
        back = back_to(cid, view)
        status, note, reviewer = decision_fields(form, back)
        if form["scope"] == "shown":
            comparison = self.site.load(store, cid)
            rows, _ = build_rows(comparison, store.difference_keys(cid), store.decisions_for(cid), view)
            chosen = listed_fingerprints(rows)
        elif form["scope"] != "selected" or not all(FINGERPRINT.fullmatch(fp) for fp in chosen):
            raise Refusal(400, "bad_scope", back)
        if not chosen:
            raise Refusal(400, "nothing_chosen", back)
        try:
            store.record_decisions(chosen, status, note, reviewer, comparison_id=cid)
        except InputError as exc:
            raise Refusal(400, "store_error", back, value=exc.message(self.site.lang)) from exc
        return remember_reviewer(RedirectResponse(back, status_code=303), reviewer)

    async def export(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in ("csv", "json"):
            raise Refusal(404, "not_found")
        return await run_in_threadpool(self._export, store_of(request), path_id(request), fmt, self.site.lang)

    @staticmethod
    def _export(store: Store, cid: int, fmt: str, lang: str) -> Response:
        from ..store import exchange

        if not any(c.id == cid for c in store.list_comparisons()):
            raise Refusal(404, "no_comparison", value=cid)
        records = exchange.export_records(store, cid)
        body = exchange.to_json(records) if fmt == "json" else "\ufeff" + exchange.to_csv(records, lang)
        media = "application/json" if fmt == "json" else "text/csv"
        return Response(body.encode("utf-8"), media_type=f"{media}; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="decisions-{cid}.{fmt}"'})
