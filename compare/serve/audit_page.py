"""The audit of a stored comparison in the browser: ``GET /comparisons/{id}/audit``.

The same checks as ``legiscompare audit`` (``compare.audit``) on the stored comparison,
differences a reviewer accepted passing; each finding links to its row in the review (the
page of the full view where the row stands). ``fail_on`` (substantive, institution, any)
as on the command line. Each run's outcome is kept (``compare.store.team.record_audit``):
the list of comparisons shows the last one.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..audit import CHECK_NAMES, audit
from ..store import Store
from ..store.team import record_audit
from .site import Refusal, Site, path_id, store_of
from .views import View, build_rows, row_pages

FAIL_ON = ("substantive", "institution", "any")


class AuditPage:
    """The audit page of one application."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def routes(self) -> list[Route]:
        return [Route("/comparisons/{cid}/audit", self.site.protect(self.page))]

    async def page(self, request: Request) -> Response:
        fail_on = request.query_params.get("fail_on", "substantive")
        if fail_on not in FAIL_ON:
            raise Refusal(400, "bad_filter", name="fail_on", value=fail_on[:40])
        cid = path_id(request)
        context = await run_in_threadpool(self._context, store_of(request), cid, fail_on)
        return self.site.page("audit.html", cid=cid, fail_on=fail_on, fail_ons=FAIL_ON, **context,
                              **self.site.auth_of(request))

    def _context(self, store: Store, cid: int, fail_on: str) -> dict[str, Any]:
        comparison = self.site.load(store, cid)
        keys, decisions = store.difference_keys(cid), store.decisions_for(cid)
        fingerprints = [[keys.get((row.id, n), "") for n in range(len(row.differences))] for row in comparison.rows]
        accepted = {fp for fp, d in decisions.items() if d.status == "accepted"}
        report = audit(comparison, fail_on, accepted, fingerprints)
        record_audit(store, cid, fail_on, report.passed, [c.name for c in report.checks if not c.passed],
                     sum(len(c.findings) for c in report.checks))
        rows, _ = build_rows(comparison, keys, decisions, View(show="all"))
        pages = row_pages(rows)
        return {"report": report, "check_names": CHECK_NAMES[self.site.lang], "pages": pages}
