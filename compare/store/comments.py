"""Comment threads on differences (0012): what reviewers say to each other about one
difference, with author and time. Comments are never edited or deleted.

``add_comment(store, comparison_id, fingerprint, author, text)`` checks and records one;
``comments_for(store, comparison_id)``: fingerprint → its thread, oldest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from . import models as db
from .records import HIDDEN_COMMENT, MAX_NOTE, check_reviewer, check_visible
from .store import Store, _aware, _invalid
from ..i18n import L_


@dataclass(frozen=True)
class StoredComment:
    """One comment of a thread."""

    fingerprint: str
    author: str
    text: str
    created_at: datetime


def add_comment(store: Store, comparison_id: int, fingerprint: str, author: str, text: str) -> StoredComment:
    """Record a comment on difference ``fingerprint`` of ``comparison_id`` (``InputError`` for
    an unknown difference, an empty or too long text, an invisible or control character in it
    (line breaks and tabs aside), or a bad author name: ``records.check_reviewer``)."""
    author, text = author.strip(), text.replace("\r\n", "\n").strip()
    if not text or len(text) > MAX_NOTE:
        raise _invalid(L_("a comment has 1 to {limit} characters", limit=MAX_NOTE))
    check_visible(text, HIDDEN_COMMENT, lines=True)
    check_reviewer(author)
    if store.difference_row(comparison_id, fingerprint) is None:
        raise _invalid(L_("comparison {id} has no difference {fingerprint}", id=comparison_id,
                          fingerprint=repr(fingerprint)))
    with store.session(write=True) as session:
        row = db.Comment(difference_fingerprint=fingerprint, comparison_id=comparison_id, author=author, text=text,
                         created_at=db.utcnow())
        session.add(row)
        session.flush()
        return StoredComment(fingerprint, author, text, _aware(row.created_at))


def comments_for(store: Store, comparison_id: int) -> dict[str, list[StoredComment]]:
    """The threads on the differences of a comparison (written in any comparison of the
    review: a thread follows its difference), oldest first."""
    with store.session() as session:
        fps = select(db.Difference.fingerprint).where(db.Difference.comparison_id == comparison_id)
        out: dict[str, list[StoredComment]] = {}
        for row in session.scalars(select(db.Comment).where(db.Comment.difference_fingerprint.in_(fps))
                                   .order_by(db.Comment.id)):
            out.setdefault(row.difference_fingerprint, []).append(
                StoredComment(row.difference_fingerprint, row.author, row.text, _aware(row.created_at)))
        return out
