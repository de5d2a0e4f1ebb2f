"""Background jobs of the review app: a comparison of uploaded or stored texts, an amendment
or harmonisation draft. Each runs in a thread of its own; ``GET /jobs/{id}`` follows it.

- ``Jobs.start(work, back) -> URL``: run ``work(job)`` in the background; the URL of its page.
  ``work`` sets ``job.location`` (where a finished job leads) or ``job.results`` (several
  results, listed on the job's page); an ``InputError`` becomes the job's error in one line,
  without the folders where the server keeps the files.
- ``GET /jobs/{id}``: while it runs, a page that reloads itself every second; then 303 to its
  ``location``, the list of its results, or its error with a way ``back``.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError
from .site import Refusal, Site

JOB = re.compile(r"[A-Za-z0-9_-]{16,64}")
KEPT_JOBS = 200  # finished jobs remembered (the oldest are forgotten first)


@dataclass
class Result:
    """One outcome of a job with several: a stored comparison holding a draft."""

    comparison_id: int
    target: str  # the text the draft amends (its jurisdiction or id)
    source: str  # the text it is drafted towards
    instructions: int
    index: int = 1  # the draft's number among the comparison's drafts (its downloads)


@dataclass
class Job:
    """A comparison or a draft running in the background."""

    back: str = "/"  # where its error page leads back to
    title: str = "new_comparison"  # UI keys of its page's heading and waiting message
    wait: str = "running"
    state: str = "running"  # running | done | failed
    location: str = ""  # where the finished job leads (one result)
    results: list[Result] = field(default_factory=list)  # several results: listed on its page
    error: str = ""


class Jobs:
    """The jobs of one application and the folder where their files are kept."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.jobs: dict[str, Job] = {}
        self.lock = threading.RLock()
        self._folder: Path | None = None

    @property
    def folder(self) -> Path:
        """The folder of this application's uploaded and written-back texts, made on first use."""
        with self.lock:
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="legiscompare-uploads-"))
            return self._folder

    def close(self) -> None:
        """Remove the folder of uploaded texts (the server is stopping; stored texts are in the database)."""
        with self.lock:
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None

    def routes(self) -> list[Route]:
        """The job page, behind the login."""
        return [Route("/jobs/{job}", self.site.protect(self.page))]

    def start(self, work: Callable[[Job], None], back: str, title: str = "new_comparison", wait: str = "running") -> str:
        """Run ``work`` in a thread; the URL of the job's page (``title``, ``wait``: UI keys of
        its heading and waiting message)."""
        job_id, job = secrets.token_urlsafe(16), Job(back=back, title=title, wait=wait)
        with self.lock:
            finished = [k for k, j in self.jobs.items() if j.state != "running"]
            for old in finished[:max(0, len(self.jobs) - KEPT_JOBS)]:
                del self.jobs[old]
            self.jobs[job_id] = job
        threading.Thread(target=self._run, args=(job, work), name=f"job-{job_id[:6]}", daemon=True).start()
        return f"/jobs/{job_id}"

    def hide(self, message: str) -> str:
        """``message`` without the server's folders: a file is named as the reader named it."""
        return re.sub(rf"{re.escape(str(self.folder))}/(?:[^/\s：:]+/)*", "", message)

    def _run(self, job: Job, work: Callable[[Job], None]) -> None:
        try:
            work(job)
            job.state = "done"
        except InputError as exc:
            job.error, job.state = self.hide(exc.message(self.site.lang)), "failed"
        except Exception:  # noqa: BLE001 - said on the job page; the traceback stays in the log
            job.error, job.state = self.site.ui["internal"], "failed"
            raise

    async def page(self, request: Request) -> Response:
        job_id = request.path_params["job"]
        job = self.jobs.get(job_id) if JOB.fullmatch(job_id) else None
        if job is None:
            raise Refusal(404, "no_job")
        if job.state == "failed":
            raise Refusal(400, "job_failed", job.back, value=job.error)
        if job.state == "done" and job.location:
            return RedirectResponse(job.location, status_code=303)
        if job.state == "done":
            return self.site.page("job_done.html", job=job, **self.site.auth_of(request))
        return self.site.page("job.html", job=job, **self.site.auth_of(request))
