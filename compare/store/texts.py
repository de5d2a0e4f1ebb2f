"""The texts of earlier comparisons, to compare again without uploading them again.

A document is stored once per content (``documents``, by sha256) with its decoded text, so
every text any comparison read can be read back:

- ``stored_texts(store, limit) -> [StoredText]``: the newest ``limit`` texts, newest first;
- ``stored_text(store, document_id) -> (StoredText, text) | None``: one of them with its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from . import models as db
from .store import Store, _aware

MAX_LISTED = 200  # texts offered on the form


@dataclass(frozen=True)
class StoredText:
    """A stored document as the form lists it."""

    id: int
    name: str  # its file name when first read
    title: str
    format: str  # as read ("txt", "md", "docx", …); the stored text is its plain text
    jurisdiction: str  # the enacting jurisdiction's name ("" when none was stored)
    version_date: str | None
    created_at: datetime


def _query():  # type: ignore[no-untyped-def]
    return (select(db.Document.id, db.Document.name, db.Document.title, db.Document.format, db.Jurisdiction.name,
                   db.Document.version_date, db.Document.created_at)
            .outerjoin(db.Jurisdiction, db.Document.jurisdiction_id == db.Jurisdiction.id))


def _text(row: tuple) -> StoredText:  # type: ignore[type-arg]
    doc_id, name, title, fmt, jurisdiction, version, created = row
    return StoredText(doc_id, name, title, fmt, jurisdiction or "", version, _aware(created))


def stored_texts(store: Store, limit: int = MAX_LISTED) -> list[StoredText]:
    """The newest ``limit`` stored texts, newest first."""
    with store.session() as session:
        return [_text(r) for r in session.execute(_query().order_by(db.Document.id.desc()).limit(limit))]


def stored_text(store: Store, document_id: int) -> tuple[StoredText, str] | None:
    """The stored text ``document_id`` and its decoded text, or None if there is none."""
    with store.session() as session:
        found = session.execute(_query().add_columns(db.Document.text).where(db.Document.id == document_id)).first()
        return (_text(tuple(found)[:7]), found[7]) if found else None
