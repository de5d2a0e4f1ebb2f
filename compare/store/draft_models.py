"""Tables of stored amendment drafts (``amend`` / ``harmonise``), on the store's ``Base``.

Layout::

    comparisons ◄── drafts ◄── draft_instructions        (replaced when drafted again)
    instruction_decisions (instruction_fingerprint, no foreign key to draft_instructions)

A draft is the decision amending one document of a comparison (``target_document_id``)
towards another (``source_document_id``); saving a draft for the same comparison and
target replaces the earlier one. Its instructions are the numbered items with the
alignment row keys they come from and a content fingerprint
(``compare.amend.items.item_fingerprint``). A reviewer's decision to drop an instruction
(or restore it) is a row of ``instruction_decisions`` keyed by that fingerprint, never
updated (the newest row is current), exactly as ``decisions`` are for differences, so it
survives re-runs that draft the same instruction again. Revision 0007 creates these tables;
0008 adds ``drafts.checks`` (``Decision.checks``), 0010 ``drafts.style`` (``Decision.style``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import HASH, Base, utcnow


class Draft(Base):
    """One drafted decision amending ``target_document_id`` in a comparison."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("comparison_id", "target_document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparisons.id"))
    target_document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    source_document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    kind: Mapped[str] = mapped_column(String(16))  # "amend" | "harmonise"
    title: Mapped[str] = mapped_column(Text)  # the amended law's title, without 《》
    effective: Mapped[str | None] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(8))
    redrafted: Mapped[list[int]] = mapped_column(JSON)
    checks: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)  # ``WordingCheck`` fields
    style: Mapped[str | None] = mapped_column(String(16), nullable=True)  # decision | amendment (None: decision)
    ordinal: Mapped[int | None] = mapped_column(Integer, nullable=True)  # an amendment's number (修正案（十二）)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DraftInstruction(Base):
    """One numbered instruction of a draft (``position``: 0-based order as drafted)."""

    __tablename__ = "draft_instructions"
    __table_args__ = (UniqueConstraint("draft_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id"))
    position: Mapped[int] = mapped_column(Integer)
    instructions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # ``Instruction`` fields
    rows: Mapped[list[str]] = mapped_column(JSON)  # AlignmentRow keys it comes from
    text: Mapped[str] = mapped_column(Text)  # its Chinese wording without the number
    fingerprint: Mapped[str] = mapped_column(HASH, index=True)


class InstructionDecision(Base):
    """A reviewer dropped (``dropped``) or restored (``kept``) an instruction; never updated."""

    __tablename__ = "instruction_decisions"
    __table_args__ = (Index("ix_instruction_decisions_fingerprint_id", "instruction_fingerprint", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instruction_fingerprint: Mapped[str] = mapped_column(HASH)
    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparisons.id"))
    status: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
