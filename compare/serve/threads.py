"""Comment threads on differences: ``POST /differences/{fingerprint}/comments``.

Form: ``comparison_id``, ``text``, ``reviewer`` (with accounts: the login's name), ``view``,
``csrf``. The comment is recorded (``compare.store.comments``: author, time, never edited);
the page's script gets it back as JSON, a form without script returns to the row.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError
from ..ids import parse_id
from ..store import Store
from ..store.comments import add_comment
from .site import (FINGERPRINT, MAX_FORM_BYTES, Refusal, Site, back_to, local_time, remember_reviewer, store_of,
                   view_of)


class CommentPages:
    """Adding to a difference's comment thread."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        return [Route("/differences/{fingerprint}/comments", self.site.protect(self.comment, 20), methods=["POST"],
                      max_body_size=MAX_FORM_BYTES)]

    async def comment(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=20)
        fields: dict[str, Any] = {name: str(form.get(name, "")) for name in ("comparison_id", "text", "reviewer", "view")}
        fields["reviewer"] = request.state.account or fields["reviewer"]
        fields["json"] = "application/json" in request.headers.get("accept", "")
        return await run_in_threadpool(self._comment, store_of(request), request.path_params["fingerprint"], fields)

    def _comment(self, store: Store, fingerprint: str, form: dict[str, Any]) -> Response:
        cid = parse_id(form["comparison_id"].strip())
        if cid is None or not FINGERPRINT.fullmatch(fingerprint):
            raise Refusal(404, "no_difference", value=fingerprint[:80])
        view = view_of(form["view"])
        back = back_to(cid, view)
        try:
            saved = add_comment(store, cid, fingerprint, form["reviewer"], form["text"])
        except InputError as exc:
            raise Refusal(400, "store_error", back, value=exc.message(self.site.lang)) from exc
        if form["json"]:
            body = {"author": saved.author, "text": saved.text, "when": local_time(saved.created_at)}
            return remember_reviewer(JSONResponse(body), saved.author)
        row_url = self.site.row_url(store, cid, view, store.difference_row(cid, fingerprint) or "")
        return remember_reviewer(RedirectResponse(row_url, status_code=303), saved.author)
