"""Tables of the review team's work in ``serve`` (0013), on the store's ``Base``.

- ``assignments``: a chapter (of the base text) or a row of a review given to a reviewer.
  Keyed by the comparison's ``subject``, so an assignment follows the re-runs of the same
  review (row ids are provision ids, chapters headings: both survive a re-run); the
  comparison it was made on is kept beside it.
- ``audit_runs``: the outcome of each audit run in the browser (its level, whether it
  passed, the failing checks, how many findings), so the list of reviews shows the last.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import HASH, Base, utcnow


class Assignment(Base):
    """A chapter or row of a review assigned to a reviewer (``scope``: "chapter" or "row")."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("subject", "scope", "key", "reviewer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(HASH, index=True)
    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparisons.id"))
    scope: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(255))  # the chapter heading or the row id
    reviewer: Mapped[str] = mapped_column(String(200), index=True)
    assigned_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditRun(Base):
    """One audit of a stored comparison in the browser; the newest is what the list shows."""

    __tablename__ = "audit_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparisons.id"), index=True)
    fail_on: Mapped[str] = mapped_column(String(32))
    passed: Mapped[bool] = mapped_column(Boolean)
    failed_checks: Mapped[list[str]] = mapped_column(JSON)  # check names, in the audit's order
    findings: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

