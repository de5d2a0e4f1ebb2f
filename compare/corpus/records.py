"""Writing indexing results to the store, one transaction per batch of files.

A parsed text is stored as ``compare compare`` stores it: one ``documents`` row per content
hash (reused when a comparison or another file already stored the same bytes) with its
``provisions``; new documents are inserted in bulk (one executemany per table), existing
ones are refreshed through the store's own ``document_row``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from .. import model
from ..store import models as db
from ..store.corpus_models import CorpusFile, CorpusProvision
from ..store.store import document_row, jurisdiction_row
from .worker import FileResult


def existing_files(session: Session, root: Path) -> dict[str, CorpusFile]:
    """Indexed files under ``root`` (absolute path → row)."""
    prefix = root.as_posix().rstrip("/") + "/"
    rows = session.scalars(select(CorpusFile).where(CorpusFile.path.startswith(prefix, autoescape=True)))
    return {row.path: row for row in rows}


def delete_files(session: Session, ids: Iterable[int]) -> None:
    """Remove files (and their provisions) from the index; stored documents are kept."""
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        session.execute(delete(CorpusProvision).where(CorpusProvision.file_id.in_(chunk)))
        session.execute(delete(CorpusFile).where(CorpusFile.id.in_(chunk)))


def write_results(session: Session, results: list[FileResult], settings: str,
                  jurisdictions: dict[str, int]) -> int:
    """Store a batch; the number of provisions added. ``jurisdictions`` caches row ids."""
    added = 0
    paths = [r.path for r in results]
    rows = {row.path: row for row in session.scalars(select(CorpusFile).where(CorpusFile.path.in_(paths)))}
    for result in results:
        row = rows.get(result.path)
        if result.status == "unchanged":  # same bytes as indexed: only the file's stat changed
            if row is not None:
                row.size, row.mtime_ns = result.size, result.mtime_ns
            continue
        if row is None:
            row = CorpusFile(path=result.path)
            session.add(row)
        else:
            session.execute(delete(CorpusProvision).where(CorpusProvision.file_id == row.id))
        row.size, row.mtime_ns, row.sha256, row.status = result.size, result.mtime_ns, result.sha256, result.status
        row.reason, row.detail = result.reason, json.dumps(result.params, ensure_ascii=False) if result.params else None
        row.settings, row.date, row.jurisdiction_source = settings, result.date, result.jurisdiction_source
        row.document_id = row.jurisdiction_id = None
        row.provisions, row.indexed_at = len(result.sketches), db.utcnow()
        session.flush()
        if result.document is None:
            continue
        doc = result.document
        row.jurisdiction_id = _jurisdiction_id(session, doc.jurisdiction, jurisdictions)
        row.document_id, provision_rows = store_document(session, doc, row.jurisdiction_id)
        if result.sketches:
            session.execute(insert(CorpusProvision.__table__), [
                dict(file_id=row.id, provision_row_id=provision_rows[doc.provisions[s.position].id],
                     position=s.position, provision_id=doc.provisions[s.position].id,
                     number=doc.provisions[s.position].number, norm=s.norm, signature=s.signature)
                for s in result.sketches])
            added += len(result.sketches)
    session.flush()
    return added


def _jurisdiction_id(session: Session, jur: model.Jurisdiction | None, cache: dict[str, int]) -> int | None:
    if jur is None:
        return None
    key = jur.code or f"name:{jur.name}"
    if key not in cache:
        stored = jurisdiction_row(session, jur)
        assert stored is not None
        cache[key] = stored.id
    return cache[key]


def store_document(session: Session, doc: model.Document, jurisdiction_id: int | None) -> tuple[int, dict[str, int]]:
    """The ``documents`` row id of ``doc`` (created or refreshed) and its provision row ids by id."""
    src = doc.source
    existing = session.scalar(select(db.Document.id).where(db.Document.sha256 == src.sha256))
    if existing is not None:
        stored, _ = document_row(session, doc)
        session.flush()
        ids = session.execute(select(db.Provision.provision_id, db.Provision.id)
                              .where(db.Provision.document_id == stored.id)).all()
        return stored.id, dict(ids)
    row = db.Document(sha256=src.sha256, file=src.path, name=src.name, text=src.text, encoding=src.encoding,
                      format=src.format, title=doc.title, adoption_note=doc.adoption_note, adopted=doc.adopted,
                      jurisdiction_id=jurisdiction_id, source_warnings=list(src.warnings),
                      warnings=list(doc.warnings), created_at=db.utcnow())
    session.add(row)
    session.flush()
    values = [dict(document_id=row.id, provision_id=p.id, position=i, kind=p.kind, number=p.number,
                   ordinal=p.ordinal, chapter=p.chapter, paragraphs=list(p.paragraphs), text=p.text)
              for i, p in enumerate(doc.provisions)]
    if values:
        session.execute(insert(db.Provision.__table__), values)  # Core executemany: no ORM bookkeeping
    ids = session.execute(select(db.Provision.provision_id, db.Provision.id).where(db.Provision.document_id == row.id))
    return row.id, dict(ids.all())
