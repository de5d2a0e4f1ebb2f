"""The per-file work of indexing, run on Dask workers: read, parse, place, normalise, sign.

``process_batch(items, settings) -> list[FileResult]`` takes ``(path, known_sha256)`` pairs
and returns plain picklable data (dataclasses of strings, numbers and ``compare.model``
values; no ORM objects, no open handles). The normaliser (divisions table and lexer) is
built once per worker process and cached.

Jurisdiction: inferred as ``compare compare`` does; a text that names none but reads as a
national one (no 本省 / 本市 / 本自治区 … self-reference anywhere in it) is placed in the
national jurisdiction with ``jurisdiction_source == "assumed"``; any other is skipped
with the reason ``local_no_jurisdiction``.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError, os_error
from ..ingest import read_source
from ..jurisdiction import NATIONAL, infer_jurisdiction
from ..model import Document, Jurisdiction
from ..structure import parse
from ..numerals import parse_date
from .settings import IndexSettings
from .shingle import Normaliser, signatures

_FILE_DATE = re.compile(r"[(（](\d{4}-\d{2}-\d{2})[)）]")


@dataclass(frozen=True)
class ProvisionSketch:
    """One provision of an indexed file: its place, normalised string and signature."""

    position: int  # index into ``Document.provisions``
    norm: str
    signature: bytes  # num_perm little-endian uint32 values


@dataclass(frozen=True)
class FileResult:
    """What became of one file. ``status``: indexed, skipped, failed or unchanged."""

    path: str
    size: int
    mtime_ns: int
    status: str
    sha256: str | None = None
    reason: str | None = None  # InputError key for skipped / failed files
    params: dict[str, str] = field(default_factory=dict)  # the reason's message parameters
    document: Document | None = None  # the parsed text, jurisdiction set (indexed files)
    jurisdiction_source: str | None = None  # "inferred" | "assumed"
    date: str | None = None
    sketches: tuple[ProvisionSketch, ...] = ()


@lru_cache(maxsize=2)
def normaliser(divisions_file: str | None, institutions_file: str | None) -> Normaliser:
    """The worker process's normaliser (built on first use)."""
    return Normaliser(divisions_file, institutions_file)


def process_batch(items: list[tuple[str, str | None]], settings: IndexSettings) -> list[FileResult]:
    """Index each ``(path, sha256 already indexed or None)``; never raises for bad input."""
    return [process_file(path, known, settings) for path, known in items]


def process_file(path: str, known_sha256: str | None, settings: IndexSettings) -> FileResult:
    """Index one file (see the module docs)."""
    try:
        stat = os.stat(path)
    except OSError as exc:
        return FileResult(path, 0, 0, "failed", reason="unreadable", params={"detail": str(os_error(exc))})
    base = FileResult(path, stat.st_size, stat.st_mtime_ns, "failed")
    try:
        source = read_source(path)
        if source.sha256 == known_sha256:
            return dataclasses.replace(base, status="unchanged", sha256=source.sha256)
        doc = parse(source, source.sha256[:12])
    except InputError as exc:
        return dataclasses.replace(base, reason=exc.key, params={k: str(v) for k, v in exc.params.items()})
    base = dataclasses.replace(base, sha256=source.sha256)
    norm = normaliser(settings.divisions_file, settings.institutions_file)
    own, how = _jurisdiction(doc, norm)
    if own is None:
        return dataclasses.replace(base, status="skipped", reason="local_no_jurisdiction")
    doc = dataclasses.replace(doc, jurisdiction=own)
    strings = [norm.normalise(p.text, own) for p in doc.provisions]
    keep = [i for i, s in enumerate(strings) if len(s) >= settings.min_chars]
    sigs = signatures([strings[i] for i in keep], settings.shingle, settings.num_perm, settings.seed)
    sketches = tuple(ProvisionSketch(i, strings[i], row.tobytes()) for i, row in zip(keep, sigs))
    return dataclasses.replace(base, status="indexed", document=doc, jurisdiction_source=how,
                               date=file_date(path) or version_date(doc), sketches=sketches)


def _jurisdiction(doc: Document, norm: Normaliser) -> tuple[Jurisdiction | None, str | None]:
    try:
        found = infer_jurisdiction(doc, norm.table)
    except InputError:
        return None, None  # a local text (本市…) without a placeable enacting body
    return (NATIONAL, "assumed") if found.source == "assumed" else (found, "inferred")


def version_date(doc: Document) -> str | None:
    """The date of the text's latest version: its last revision note, else its adoption."""
    for note in reversed(doc.revisions):
        found = parse_date(note)
        if found:
            return found
    return doc.adopted


def file_date(path: str) -> str | None:
    """The version date a file name carries: ``行政复议法(2023-09-01).md`` → 2023-09-01."""
    match = _FILE_DATE.search(Path(path).name)
    return match.group(1) if match else None
