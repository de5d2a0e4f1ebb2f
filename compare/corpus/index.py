"""``index_directory``: parse and sketch every text under a directory into the store.

Steps: list the files (``SUFFIXES``, sorted); compare each with its ``corpus_files`` row:
same size, mtime and settings → unchanged, not read; otherwise it is sent to the workers
with the sha256 it had, and a worker that finds the same bytes only reports it
(``unchanged``: the new mtime is recorded). Rows of files that disappeared are removed.
The files to read are cut into batches (``BATCH_FILES`` files or ``BATCH_BYTES`` bytes),
each a Dask task (``compare.corpus.worker.process_batch``); the client writes each
batch's results in one transaction as it completes, so an interrupted run keeps what it
finished and the next run does the rest.
"""

from __future__ import annotations

import os

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from ..errors import InputError
from ..fileio import is_printable_name, shown_path, walk_files
from ..store import Store
from ..store.corpus_models import CorpusFile
from .cluster import run_batches
from .records import delete_files, existing_files, write_results
from .settings import SUFFIXES, IndexSettings
from .worker import FileResult, process_batch

BATCH_FILES = 16  # files per Dask task at most
BATCH_BYTES = 1 << 20  # bytes of input per Dask task at most (1 MiB)
Progress = Callable[[int, int], None]  # (files done, files to read)


@dataclass
class IndexSummary:
    """What a run did. Counts are files unless named otherwise."""

    root: str
    files: int = 0  # files found under root
    new: int = 0  # not indexed before
    changed: int = 0  # indexed before with other contents or other settings
    unchanged: int = 0  # same size and mtime, or same bytes
    removed: int = 0  # indexed before, gone now
    indexed: int = 0  # read and indexed in this run
    skipped: int = 0  # read in this run, not indexed (no jurisdiction)
    failed: int = 0  # read in this run, unreadable or without provisions
    provisions: int = 0  # provisions added in this run
    total_provisions: int = 0  # provisions in the index under root after the run
    elapsed: float = 0.0  # seconds
    problems: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # (path, reason, params)

    def message(self, path: str, reason: str, params: dict[str, str], lang: str | None = None,
                typed_root: str | None = None) -> str:
        """A problem in the user's language; ``typed_root``: the folder as the user typed it,
        so that the path is shown under it rather than resolved."""
        path = self.as_typed(path, typed_root)
        try:
            return InputError(path, reason, **params).message(lang)
        except (KeyError, IndexError):
            return f"{path}: {reason}"


    def as_typed(self, path: str, typed_root: str | None) -> str:
        """``path`` under ``typed_root`` instead of the resolved ``root`` (unchanged when outside it)."""
        if not typed_root:
            return path
        try:
            rel = os.path.relpath(path, self.root)
        except ValueError:
            return path
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return path
        return typed_root if rel == os.curdir else os.path.join(typed_root, rel)


def corpus_files(root: Path) -> list[Path]:
    """The files ``index_directory`` reads under ``root``, sorted; hidden ones are left out."""
    return walk_files(root, SUFFIXES, hidden=False)[0]


def _listed(root: Path, summary: IndexSummary) -> list[Path]:
    """``corpus_files``, with unreadable folders and names that are not UTF-8 as problems."""
    files, unreadable = walk_files(root, SUFFIXES, hidden=False)
    for folder, reason in unreadable:
        summary.problems.append((folder, "unreadable", {"detail": reason}))
        summary.failed += 1
    for path in files:
        if not is_printable_name(path):
            summary.problems.append((shown_path(path), "bad_file_name", {}))
            summary.failed += 1
    return [p for p in files if is_printable_name(p)]


def index_directory(root: str | Path, store: Store, settings: IndexSettings | None = None, client: Any = None,
                    progress: Progress | None = None) -> IndexSummary:
    """Index every text under ``root`` into ``store`` (see the module docs)."""
    started = time.perf_counter()
    settings = settings or IndexSettings()
    base = Path(root).resolve()
    if not base.is_dir():
        raise InputError(str(root), "not_found")
    fingerprint = settings.fingerprint()
    summary = IndexSummary(root=str(base))
    files = _listed(base, summary)
    summary.files = len(files)
    with store.session() as session:
        known = {path: (row.size, row.mtime_ns, row.sha256, row.settings, row.id)
                 for path, row in existing_files(session, base).items()}
    todo: list[tuple[str, str | None]] = []
    present = set()
    for path in files:
        key = path.as_posix()
        present.add(key)
        stat = path.stat()
        old = known.get(key)
        if old is None:
            summary.new += 1
            todo.append((key, None))
        elif old[3] != fingerprint:
            summary.changed += 1
            todo.append((key, None))
        elif (old[0], old[1]) != (stat.st_size, stat.st_mtime_ns):
            todo.append((key, old[2]))  # the worker tells changed from touched
        else:
            summary.unchanged += 1
    gone = [old[4] for path, old in known.items() if path not in present]
    if gone:
        with store.session(write=True) as session:
            delete_files(session, gone)
        summary.removed = len(gone)
    _read(todo, store, settings, fingerprint, client, progress, summary)
    with store.session() as session:
        summary.total_provisions = session.scalar(
            select(func.coalesce(func.sum(CorpusFile.provisions), 0))
            .where(CorpusFile.path.startswith(base.as_posix().rstrip("/") + "/", autoescape=True))) or 0
    summary.elapsed = time.perf_counter() - started
    return summary


def _read(todo: list[tuple[str, str | None]], store: Store, settings: IndexSettings, fingerprint: str,
          client: Any, progress: Progress | None, summary: IndexSummary) -> None:
    batches = batch_files(todo)
    done = 0
    jurisdictions: dict[str, int] = {}
    if progress:
        progress(0, len(todo))
    for batch, results in run_batches(client, process_batch, batches, settings=settings):
        with store.session(write=True) as session:
            summary.provisions += write_results(session, results, fingerprint, jurisdictions)
        for (_, known), result in zip(batch, results):
            _count(summary, result, known)
        done += len(batch)
        if progress:
            progress(done, len(todo))


def _count(summary: IndexSummary, result: FileResult, known: str | None) -> None:
    if result.status == "unchanged":
        summary.unchanged += 1
        return
    if known is not None:
        summary.changed += 1
    setattr(summary, result.status, getattr(summary, result.status) + 1)
    if result.reason:
        summary.problems.append((result.path, result.reason, result.params))


def batch_files(todo: list[tuple[str, str | None]]) -> list[list[tuple[str, str | None]]]:
    """Consecutive files grouped up to ``BATCH_FILES`` files or ``BATCH_BYTES`` bytes."""
    batches: list[list[tuple[str, str | None]]] = []
    current: list[tuple[str, str | None]] = []
    size = 0
    for item in todo:
        try:
            item_size = Path(item[0]).stat().st_size
        except OSError:
            item_size = 0
        if current and (len(current) >= BATCH_FILES or size + item_size > BATCH_BYTES):
            batches.append(current)
            current, size = [], 0
        current.append(item)
        size += item_size
    if current:
        batches.append(current)
    return batches
