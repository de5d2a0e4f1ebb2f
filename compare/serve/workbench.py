"""Comparing and downloading without a command line: new comparisons from uploaded files or
texts stored by earlier comparisons, run as background jobs (``jobs``), and every output
of a stored comparison as a download.

- ``GET /new``: the form: files to upload (the formats ``compare`` reads) and stored texts
  to tick (the newest ``store.texts.MAX_LISTED``), two to ``MAX_FILES`` in all; the base
  (an uploaded file by its place, ``1``…, or a stored text, ``s`` + its id: chosen, it is
  compared too); the enacting jurisdictions, optional, one ``FILE=NAME`` line each as
  ``--jurisdiction`` takes them (``FILE``: a chosen file's name or stem).
- ``POST /new`` (multipart, CSRF): the files are checked (count, size, format, the
  jurisdiction lines), kept in a folder of their own (stored texts written back as UTF-8)
  and compared in the background (``compare_files``, the same limits and one-line errors
  as the command line); the comparison is stored like one made with ``compare`` (a re-run
  on new versions supersedes the old one); 303 to its job, which opens the comparison.
- ``GET /comparisons/{id}/download/{fmt}``: the report (html), Word 对照表 (docx), CSV, the
  same as an Excel workbook (xlsx) or JSON of the stored comparison, with the review decisions
  recorded on it.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..ids import parse_id
from ..ingest.folder import INPUT_SUFFIXES
from ..pipeline import Options
from ..report.outputs import redline_outputs, render_output
from ..store import Store
from ..store.texts import stored_text, stored_texts
from .jobs import Job, Jobs
from .site import Refusal, Site, path_id, store_of
from .sources import jurisdiction_lines, safe_name, text_file

MAX_FILES = 20
MAX_FILE_BYTES = 20 * 1024 * 1024  # as ``compare.ingest.MAX_BYTES``
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
FORM_FIELDS = 2 * MAX_FILES + 20  # stored texts ticked, base, jurisdictions, CSRF token
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOWNLOADS = {"html": "text/html", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "json": "application/json", "pdf": "application/pdf", "redline": DOCX_TYPE}
TEXT_DOWNLOADS = ("html", "csv", "json")  # sent with their charset


class Workbench:
    """The upload and download pages of one application (its jobs: ``jobs.Jobs``)."""

    def __init__(self, site: Site, jobs: Jobs) -> None:
        self.site, self.jobs = site, jobs

    def routes(self) -> list[Route]:
        protect = self.site.protect
        return [
            Route("/new", protect(self.new_page)),
            Route("/new", protect(self.start, FORM_FIELDS, MAX_FILES), methods=["POST"],
                  max_body_size=MAX_UPLOAD_BYTES),
            Route("/comparisons/{cid}/download/{fmt}", protect(self.download)),
        ]

    async def new_page(self, request: Request) -> Response:
        texts = await run_in_threadpool(stored_texts, store_of(request))
        return self.site.page("new.html", suffixes=" ".join(INPUT_SUFFIXES), max_files=MAX_FILES, texts=texts,
                              **self.site.auth_of(request))

    async def start(self, request: Request) -> Response:
        form = await request.form(max_files=MAX_FILES, max_fields=FORM_FIELDS)
        uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        base = str(form.get("base", "auto"))
        wanted = [str(v) for v in form.getlist("stored")] + ([base[1:]] if base.startswith("s") else [])
        ids = list(dict.fromkeys(parse_id(v) for v in wanted))
        if None in ids:
            raise Refusal(400, "no_stored_text", "/new", value=next(v for v in wanted if parse_id(v) is None)[:40])
        if not 2 <= len(uploads) + len(ids) <= MAX_FILES:
            raise Refusal(400, "upload_count", "/new", limit=MAX_FILES)
        store = store_of(request)
        folder = self.jobs.folder / secrets.token_hex(8)
        folder.mkdir()
        paths: list[str] = []
        names: dict[str, list[str]] = {}  # a file's name and stem → its paths (the jurisdiction lines)
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
        stored: dict[int, str] = {}
        for doc_id in ids:
            found = await run_in_threadpool(stored_text, store, doc_id)
            if found is None:
                raise Refusal(404, "no_stored_text", "/new", value=doc_id)
            stored[doc_id] = text_file(self.jobs.folder, found[0].name, found[1], found[0].format)
            paths.append(stored[doc_id])
            names.setdefault(found[0].name, []).append(stored[doc_id])  # as listed (law.docx: law.txt now)
        for path in paths:
            for key in dict.fromkeys((Path(path).name, Path(path).stem)):
                if path not in names.get(key, []):
                    names.setdefault(key, []).append(path)
        given = jurisdiction_lines(str(form.get("jurisdictions", "")), names)
        uploaded = paths[:len(uploads)]
        chosen = (stored.get(parse_id(base[1:]) or 0) if base.startswith("s") else
                  uploaded[int(base) - 1] if base.isdigit() and 1 <= int(base) <= len(uploaded) else None)
        options = Options(base=chosen, jurisdictions=given)  # no choice: the pipeline's, as on the command line
        location = self.jobs.start(lambda job: self._run(job, store, paths, options), "/new")
        return RedirectResponse(location, status_code=303)

    @staticmethod
    def _run(job: Job, store: Store, paths: list[str], options: Options) -> None:
        from ..pipeline import compare_files

        job.location = f"/comparisons/{store.save_comparison(compare_files(paths, options)).id}"

    async def download(self, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in DOWNLOADS:
            raise Refusal(404, "not_found")
        cid = path_id(request)
        text = request.query_params.get("text", "") if fmt == "redline" else ""
        data = await run_in_threadpool(self._render, store_of(request), cid, fmt, text)
        media = f"{DOWNLOADS[fmt]}; charset=utf-8" if fmt in TEXT_DOWNLOADS else DOWNLOADS[fmt]
        name = f"{text}.redline.docx" if text else f"comparison-{cid}.{fmt}"
        disposition = f'attachment; filename="{name}"' if name.isascii() and '"' not in name else \
            f"attachment; filename*=UTF-8''{quote(name)}"  # a Chinese file name, encoded as RFC 6266 says
        return Response(data, media_type=media, headers={"Content-Disposition": disposition})

    def _render(self, store: Store, cid: int, fmt: str, text: str = "") -> bytes:
        comparison = self.site.load(store, cid)
        if fmt == "redline":  # one text's changes against the base as Word tracked changes
            redlines = redline_outputs(comparison, self.site.lang)
            if f"{text}.redline.docx" not in redlines:
                raise Refusal(404, "not_found")
            return redlines[f"{text}.redline.docx"]
        return render_output(fmt, comparison, self.site.lang, store.decisions_for(cid))
