"""The review team's work (0013): chapters and rows assigned to reviewers, and the outcome of
each audit run in the browser.

- ``assign(store, comparison_id, scope, keys, reviewer, assigned_by) -> int``: give the
  chapters (``scope`` "chapter") or rows ("row") ``keys`` of a comparison's review to
  ``reviewer``; how many were new. ``unassign(store, comparison_id, reviewer, scope, key)``
  takes them back (``key`` None: every one of that scope).
- ``assignments_for(store, comparison_id)``: the assignments of its review (any comparison
  of the same subject, so they follow re-runs); ``assignments_of(store, reviewer)``: a
  reviewer's, over all reviews.
- ``record_audit(store, comparison_id, fail_on, passed, failed_checks, findings)`` and
  ``latest_audits(store) -> {comparison id: AuditSummary}`` (with ``outdated`` when a
  decision or a re-save came after it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..i18n import L_
from . import models as db
from . import team_models as tm
from .records import check_reviewer
from .store import Store, _aware, _invalid

SCOPES = ("chapter", "row")
MAX_KEY = 255  # characters of a chapter heading or row id
MAX_KEYS = 5000  # rows assigned in one go


@dataclass(frozen=True)
class Assignment:
    """A chapter or row of a review given to a reviewer."""

    id: int
    comparison_id: int  # the comparison it was made on
    scope: str  # "chapter" | "row"
    key: str  # the chapter heading (of the base text) or the row id
    reviewer: str
    assigned_by: str
    created_at: datetime


@dataclass(frozen=True)
class AuditSummary:
    """The last audit of a comparison run in the browser."""

    comparison_id: int
    fail_on: str
    passed: bool
    failed_checks: tuple[str, ...]
    findings: int
    created_at: datetime
    outdated: bool = False  # a decision was recorded, or the comparison saved again, since


def _subject(session: Session, comparison_id: int) -> str:
    subject = session.scalar(select(db.Comparison.subject).where(db.Comparison.id == comparison_id))
    if subject is None:
        raise _invalid(L_("no comparison has id {id}", id=comparison_id))
    return subject


def _record(row: tm.Assignment) -> Assignment:
    return Assignment(row.id, row.comparison_id, row.scope, row.key, row.reviewer, row.assigned_by,
                      _aware(row.created_at))


def assign(store: Store, comparison_id: int, scope: str, keys: list[str], reviewer: str, assigned_by: str) -> int:
    """Assign ``keys`` (chapters or rows) of the comparison's review to ``reviewer``; how many
    were not assigned to them already (``InputError`` for a bad scope, key or name)."""
    reviewer, assigned_by = reviewer.strip(), assigned_by.strip()
    wanted = list(dict.fromkeys(k for k in keys if k))
    if scope not in SCOPES or not wanted or len(wanted) > MAX_KEYS or any(len(k) > MAX_KEY for k in wanted):
        raise _invalid(L_("nothing to assign: choose a chapter or rows"))
    check_reviewer(reviewer)
    if assigned_by:  # without accounts the one assigning may have given no name
        check_reviewer(assigned_by)
    with store.session(write=True) as session:
        subject = _subject(session, comparison_id)
        known = set(session.scalars(select(tm.Assignment.key).where(
            tm.Assignment.subject == subject, tm.Assignment.scope == scope, tm.Assignment.reviewer == reviewer)))
        now = db.utcnow()
        new = [tm.Assignment(subject=subject, comparison_id=comparison_id, scope=scope, key=k, reviewer=reviewer,
                             assigned_by=assigned_by, created_at=now) for k in wanted if k not in known]
        session.add_all(new)
        return len(new)


def unassign(store: Store, comparison_id: int, reviewer: str, scope: str, key: str | None = None) -> int:
    """Take back from ``reviewer`` the ``scope`` assignment ``key`` of the comparison's review
    (every one of that scope when ``key`` is None); how many were removed."""
    with store.session(write=True) as session:
        subject = _subject(session, comparison_id)
        where = [tm.Assignment.subject == subject, tm.Assignment.reviewer == reviewer, tm.Assignment.scope == scope]
        if key is not None:
            where.append(tm.Assignment.key == key)
        return session.execute(delete(tm.Assignment).where(*where)).rowcount or 0


def assignments_for(store: Store, comparison_id: int) -> list[Assignment]:
    """The assignments of the comparison's review, oldest first."""
    with store.session() as session:
        subject = _subject(session, comparison_id)
        return [_record(r) for r in session.scalars(select(tm.Assignment).where(tm.Assignment.subject == subject)
                                                    .order_by(tm.Assignment.id))]


def assignments_of(store: Store, reviewer: str) -> dict[str, list[Assignment]]:
    """Review subject → what ``reviewer`` was assigned there, oldest first."""
    out: dict[str, list[Assignment]] = {}
    with store.session() as session:
        for row in session.scalars(select(tm.Assignment).where(tm.Assignment.reviewer == reviewer)
                                   .order_by(tm.Assignment.id)):
            out.setdefault(row.subject, []).append(_record(row))
    return out


def record_audit(store: Store, comparison_id: int, fail_on: str, passed: bool, failed_checks: list[str],
                 findings: int) -> None:
    """Keep the outcome of an audit of ``comparison_id`` at level ``fail_on``."""
    with store.session(write=True) as session:
        session.add(tm.AuditRun(comparison_id=comparison_id, fail_on=fail_on, passed=passed,
                                failed_checks=list(failed_checks), findings=findings, created_at=db.utcnow()))


def latest_audits(store: Store) -> dict[int, AuditSummary]:
    """Comparison id → its newest audit run, ``outdated`` when a decision on one of its
    differences or a re-save of it is newer."""
    with store.session() as session:
        newest = select(func.max(tm.AuditRun.id)).group_by(tm.AuditRun.comparison_id)
        runs = list(session.scalars(select(tm.AuditRun).where(tm.AuditRun.id.in_(newest))))
        if not runs:
            return {}
        ids = [r.comparison_id for r in runs]
        decided = dict(session.execute(
            select(db.Difference.comparison_id, func.max(db.ReviewDecisionRow.created_at))
            .join(db.ReviewDecisionRow, db.ReviewDecisionRow.difference_fingerprint == db.Difference.fingerprint)
            .where(db.Difference.comparison_id.in_(ids)).group_by(db.Difference.comparison_id)).all())
        saved = dict(session.execute(select(db.Comparison.id, db.Comparison.updated_at)
                                     .where(db.Comparison.id.in_(ids))).all())
        out = {}
        for run in runs:
            when = _aware(run.created_at)
            later = [_aware(t) for t in (decided.get(run.comparison_id), saved.get(run.comparison_id)) if t]
            out[run.comparison_id] = AuditSummary(run.comparison_id, run.fail_on, run.passed, tuple(run.failed_checks),
                                                  run.findings, when, any(t > when for t in later))
        return out
