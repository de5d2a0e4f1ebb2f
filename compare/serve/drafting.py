"""Amendment drafts made from the comparison page, and a draft's decision as a Word file.

- ``POST /comparisons/{id}/draft`` (form: ``kind`` = ``amend`` or ``harmonise``, ``new``: a
  document id for ``amend``, ``style``: ``decision``, ``amendment`` or empty, CSRF): the
  stored texts are written back as files and drafted in the background (``jobs``) as
  ``legiscompare amend BASE NEW`` or ``legiscompare harmonise --base BASE OTHERS…`` do it
  (jurisdictions given by the user are given again; provisions whose differences a reviewer
  accepted get no harmonising instruction); each pairwise comparison is stored with its
  draft as those commands store it, and the job leads to where its drafts are reviewed (the
  comparison's ``#drafts``; several harmonised texts: a list of them).
- ``GET /comparisons/{id}/drafts/{n}.docx``: the n-th draft decision (without the dropped
  instructions) as a Word file with its 修改前后对照表 (``amend.api.decision_word``).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError
from ..ids import parse_id
from ..model import Comparison, Document
from ..pipeline import Options
from ..store import Store
from .jobs import Job, Jobs, Result
from .site import MAX_FORM_BYTES, Refusal, Site, path_id, store_of
from .sources import jurisdiction_choice, source_file

KINDS = ("amend", "harmonise")
STYLES = ("", "decision", "amendment")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _name(document: Document) -> str:
    return document.jurisdiction.name if document.jurisdiction else document.id


class Drafting:
    """Drafting from a stored comparison, and the Word file of a stored draft."""

    def __init__(self, site: Site, jobs: Jobs) -> None:
        self.site, self.jobs = site, jobs

    def routes(self) -> list[Route]:
        """The routes of drafting, behind the login and CSRF checks."""
        protect = self.site.protect
        return [
            Route("/comparisons/{cid}/draft", protect(self.start, 10), methods=["POST"], max_body_size=MAX_FORM_BYTES),
            Route("/comparisons/{cid}/drafts/{n}.docx", protect(self.word)),
        ]

    async def start(self, request: Request) -> Response:
        cid = path_id(request)
        form = await request.form(max_files=0, max_fields=10)
        kind, new, style = (str(form.get(k, "")) for k in ("kind", "new", "style"))
        back = f"/comparisons/{cid}"
        if kind not in KINDS or style not in STYLES:
            raise Refusal(400, "bad_draft", back, value=(kind if kind not in KINDS else style)[:40])
        store = store_of(request)
        comparison = await run_in_threadpool(self.site.load, store, cid)
        others = [d.id for d in comparison.documents if d.id != comparison.base]
        if kind == "amend" and new not in others:
            raise Refusal(400, "bad_draft_text", back, value=new[:80])
        location = self.jobs.start(lambda job: self._draft(job, store, comparison, kind, new, style), back,
                                   title="draft_title", wait="drafting")
        return RedirectResponse(location, status_code=303)

    def _draft(self, job: Job, store: Store, comparison: Comparison, kind: str, new: str, style: str) -> None:
        from ..amend.api import amend_draft, harmonise_drafts

        paths = {d.id: source_file(self.jobs.folder, d) for d in comparison.documents}
        given = {paths[d.id]: jurisdiction_choice(d.jurisdiction) for d in comparison.documents
                 if d.jurisdiction and d.jurisdiction.source == "given"}
        base = paths[comparison.base]

        def options(other: str) -> Options:  # only the pair's: a path not compared is refused
            return Options(jurisdictions={p: given[p] for p in (base, other) if p in given})

        if kind == "amend":
            draft, pair = amend_draft(base, paths[new], options(paths[new]), style or None)
            runs = [(pair, draft)]
        else:
            others = [paths[d.id] for d in comparison.documents if d.id != comparison.base]
            runs = [(pair, draft) for other in others
                    for _, pair, draft in harmonise_drafts(base, [other], options(other), store.url)]
        for pair, draft in runs:
            saved = store.save_comparison(pair, [draft])
            named = {d.id: _name(d) for d in pair.documents}
            index = next(n for n, d in enumerate(store.drafts_for(saved.id), 1) if d.target == draft.target)
            job.results.append(Result(saved.id, named[draft.target], named[draft.source], len(draft.items), index))
        if len(job.results) == 1:
            job.location = f"/comparisons/{job.results[0].comparison_id}#draft-{job.results[0].index}"

    async def word(self, request: Request) -> Response:
        cid = path_id(request)
        n = parse_id(request.path_params["n"])
        data = await run_in_threadpool(self._word, store_of(request), cid, n, request.path_params["n"])
        return Response(data, media_type=DOCX,
                        headers={"Content-Disposition": f'attachment; filename="decision-{cid}-{n}.docx"'})

    def _word(self, store: Store, cid: int, n: int | None, raw: str) -> bytes:
        from ..amend.api import decision_word, kept_decision, load_document

        drafts = store.drafts_for(cid)
        if n is None or not 1 <= n <= len(drafts):
            raise Refusal(404, "no_draft", f"/comparisons/{cid}", value=raw[:20])
        draft, comparison = drafts[n - 1], self.site.load(store, cid)
        stored = next(d for d in comparison.documents if d.id == draft.target)
        path = source_file(self.jobs.folder, stored)  # read again: the store keeps no 款 tree
        given = {path: jurisdiction_choice(stored.jurisdiction)} if stored.jurisdiction else {}
        try:
            document = load_document(path, Options(jurisdictions=given))
            return decision_word(kept_decision(draft, comparison), document, None, self.site.lang)
        except InputError as exc:  # e.g. a division of the user's own table, unknown here
            raise Refusal(400, "word_failed", f"/comparisons/{cid}", value=self.jobs.hide(exc.message(self.site.lang)))
