"""The amendment-draft forms of the review app: an instruction dropped or restored, and a
draft's decision text exported without the dropped instructions."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError
from ..ids import parse_id
from ..instrument.drafts import DROP_STATUSES
from ..store import DECISION_STATUSES, Store
from .drafts import draft_text
from .site import (ANCHOR, FINGERPRINT, MAX_FORM_BYTES, Refusal, Site, back_to, decision_fields, path_id,
                   remember_reviewer, store_of, view_of)


class DraftPages:
    """Review of stored amendment drafts (``compare.store.drafts``)."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        """The routes of these pages, behind the login and CSRF checks."""
        protect = self.site.protect
        return [
            Route("/comparisons/{cid}/drafts/{n}.txt", protect(self.draft_export)),
            Route("/instructions/{fingerprint}/decision", protect(self.drop, 20), methods=["POST"],
                  max_body_size=MAX_FORM_BYTES),
        ]

    async def drop(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=20)
        fields = {name: str(form.get(name, "")) for name in ("comparison_id", "status", "note", "reviewer", "view",
                                                             "anchor")}
        fields["reviewer"] = request.state.account or fields["reviewer"]
        return await run_in_threadpool(self._drop, store_of(request), request.path_params["fingerprint"], fields)

    def _drop(self, store: Store, fingerprint: str, form: dict[str, str]) -> Response:
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
        _, note, reviewer = decision_fields({**form, "status": DECISION_STATUSES[0]}, back)  # note, reviewer checks
        try:
            store.record_instruction_decision(fingerprint, form["status"], note, reviewer, comparison_id=cid)
        except InputError as exc:
            raise Refusal(400, "store_error", back, value=exc.message(self.site.lang)) from exc
        anchor = form["anchor"] if ANCHOR.fullmatch(form["anchor"]) else ""
        return remember_reviewer(RedirectResponse(back + (f"#{anchor}" if anchor else ""), status_code=303), reviewer)

    async def draft_export(self, request: Request) -> Response:
        return await run_in_threadpool(self._draft_text, store_of(request), path_id(request), request.path_params["n"])

    def _draft_text(self, store: Store, cid: int, number: str) -> Response:
        n = parse_id(number)
        drafts = store.drafts_for(cid)
        if n is None or not 1 <= n <= len(drafts):
            raise Refusal(404, "no_draft", f"/comparisons/{cid}", value=number[:20])
        body = draft_text(drafts[n - 1], self.site.load(store, cid), self.site.lang)
        return Response(body.encode("utf-8"), media_type="text/plain; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="decision-{cid}-{n}.txt"'})
