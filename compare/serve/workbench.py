"""Comparing and downloading without a command line: new comparisons from uploaded files,
run as background jobs, and every output of a stored comparison as a download.

- ``GET /new``: the form: two or more files (the formats ``compare`` reads; the first is the
  base unless another is chosen), optional jurisdictions.
- ``POST /new`` (multipart, CSRF): the files are checked (count, size, format), kept in a
  folder of their own and compared in a background thread (``compare_files``, the same
  limits and one-line errors as the command line); the comparison is stored like one made
  with ``compare`` (a re-run on new versions supersedes the old one); 303 to its job.
- ``GET /jobs/{id}``: while it runs, a page that reloads itself every second; then 303 to
  the comparison, or the error in one line.
- ``GET /comparisons/{id}/download/{fmt}``: the report (html), Word 对照表 (docx), CSV or
  JSON of the stored comparison, with the review decisions recorded on it.
"""

from __future__ import annotations

import re
import secrets
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..errors import InputError
from ..ingest.folder import INPUT_SUFFIXES
from ..report.outputs import render_output
from ..store import Store
from ..visible import has_controls
from .site import Refusal, Site, path_id, store_of

MAX_FILES = 20
MAX_FILE_BYTES = 20 * 1024 * 1024  # as ``compare.ingest.MAX_BYTES``
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
JOB = re.compile(r"[A-Za-z0-9_-]{16,64}")
DOWNLOADS = {"html": "text/html", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "csv": "text/csv", "json": "application/json"}


@dataclass
class Job:
    """A comparison running in the background."""

    state: str = "running"  # running | done | failed
    comparison_id: int | None = None
    error: str = ""


def safe_name(name: str) -> str:
    """An uploaded file's name without folders, control or bidirectional characters."""
    base = Path(name.replace("\\", "/")).name
    kept = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C" and not has_controls(ch))  # Zl, Zp too
    return kept.strip().lstrip(".")[:120]


class Workbench:
    """The upload, job and download pages of one application."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.jobs: dict[str, Job] = {}
        self.folder = Path(tempfile.mkdtemp(prefix="legiscompare-uploads-"))

    def routes(self) -> list[Route]:
        protect = self.site.protect
        return [
            Route("/new", protect(self.new_page)),
            Route("/new", protect(self.start, MAX_FILES + 20, MAX_FILES), methods=["POST"],
                  max_body_size=MAX_UPLOAD_BYTES),
            Route("/jobs/{job}", protect(self.job)),
            Route("/comparisons/{cid}/download/{fmt}", protect(self.download)),
        ]

    async def new_page(self, request: Request) -> Response:
        return self.site.page("new.html", suffixes=" ".join(INPUT_SUFFIXES), max_files=MAX_FILES,
                              **self.site.auth_of(request))

    async def start(self, request: Request) -> Response:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FILES + 20)
        uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        if len(uploads) < 2 or len(uploads) > MAX_FILES:
            raise Refusal(400, "upload_count", "/new", limit=MAX_FILES)
        folder = self.folder / secrets.token_hex(8)
        folder.mkdir()
        paths = []
        for n, upload in enumerate(uploads, 1):
            name = safe_name(upload.filename or "")
            if not name.lower().endswith(INPUT_SUFFIXES):
                raise Refusal(400, "upload_format", "/new", name=name or "?", suffixes=" ".join(INPUT_SUFFIXES))
            data = await upload.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise Refusal(400, "upload_size", "/new", name=name, limit=MAX_FILE_BYTES // (1024 * 1024))
            target = folder / f"{n:02d}" / name
            target.parent.mkdir()
            target.write_bytes(data)
            paths.append(str(target))
        base = str(form.get("base", "1"))
        index = int(base) - 1 if base.isdigit() and 1 <= int(base) <= len(paths) else 0
        job_id = secrets.token_urlsafe(16)
        self.jobs[job_id] = Job()
        thread = threading.Thread(target=self._run, args=(job_id, store_of(request), paths, paths[index]),
                                  daemon=True)
        thread.start()
        return RedirectResponse(f"/jobs/{job_id}", status_code=303)

    def _run(self, job_id: str, store: Store, paths: list[str], base: str) -> None:
        from ..pipeline import Options, compare_files

        job = self.jobs[job_id]
        try:
            comparison = compare_files(paths, Options(base=base))
            job.comparison_id = store.save_comparison(comparison).id
            job.state = "done"
        except InputError as exc:  # the file as the reader named it, not where the server keeps it
            folder = str(Path(paths[0]).parent.parent)
            job.error = re.sub(rf"{re.escape(folder)}/\d+/", "", exc.message(self.site.lang))
            job.state = "failed"
        except Exception:  # noqa: BLE001 - said on the job page; the traceback stays in the log
            job.error, job.state = self.site.ui["internal"], "failed"
            raise

    async def job(self, request: Request) -> Response:
        job_id = request.path_params["job"]
        job = self.jobs.get(job_id) if JOB.fullmatch(job_id) else None
        if job is None:
            raise Refusal(404, "no_job")
        if job.state == "done":
            return RedirectResponse(f"/comparisons/{job.comparison_id}", status_code=303)
        if job.state == "failed":
            raise Refusal(400, "job_failed", "/new", value=job.error)
        return self.site.page("job.html", **self.site.auth_of(request))

    async def download(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in DOWNLOADS:
            raise Refusal(404, "not_found")
        cid = path_id(request)
        data = await run_in_threadpool(self._render, store_of(request), cid, fmt)
        return Response(data, media_type=f"{DOWNLOADS[fmt]}; charset=utf-8" if fmt != "docx" else DOWNLOADS[fmt],
                        headers={"Content-Disposition": f'attachment; filename="comparison-{cid}.{fmt}"'})

    def _render(self, store: Store, cid: int, fmt: str) -> bytes:
        return render_output(fmt, self.site.load(store, cid), self.site.lang, store.decisions_for(cid))
