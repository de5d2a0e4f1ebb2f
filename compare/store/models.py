"""SQLAlchemy 2 ORM tables of the store (the schema the Alembic migrations build).

Layout::

    jurisdictions ◄── documents ◄── provisions          (content: stored once, by sha256)
                          ▲
    comparisons ◄── comparison_documents                 (a run: which documents, which options)
        ▲   ◄── alignment_rows ◄── cells
        │                      ◄── differences           (fingerprint: see records.py)
    decisions (difference_fingerprint, no foreign key to differences)

A comparison's rows, cells and differences are replaced when it is saved again; decisions
are keyed by difference fingerprint, not by row, so they survive re-runs. Every child table
has a ``position`` column: reading back ``ORDER BY position`` gives the pipeline's order.
No ``ON DELETE CASCADE``: the store deletes children explicitly, and a cascade would make
SQLite table rebuilds during migrations delete rows. The corpus index's tables are in
``corpus_models``, the drafts' in ``draft_models``, the review team's (assignments, audit
runs) in ``team_models``; ``schema`` gathers all of them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import HASH, KEY, NAMING, Base, utcnow  # noqa: F401  (HASH, KEY, NAMING, utcnow: used by the other table modules)


class Jurisdiction(Base):
    """An enacting jurisdiction; ``key`` is its division code, or ``name:`` + name without one."""

    __tablename__ = "jurisdictions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(KEY, unique=True)
    name: Mapped[str] = mapped_column(KEY)
    level: Mapped[str] = mapped_column(String(32))
    code: Mapped[str | None] = mapped_column(String(32))
    government_prefix: Mapped[str] = mapped_column(String(64))
    self_words: Mapped[list[str]] = mapped_column(JSON)


class Document(Base):
    """An input text, identified by the sha256 of its bytes, as first imported."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(HASH, unique=True)
    file: Mapped[str] = mapped_column(Text)  # path as given at first import
    name: Mapped[str] = mapped_column(Text)  # file name without directories
    title: Mapped[str] = mapped_column(Text)
    encoding: Mapped[str] = mapped_column(String(64))
    format: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)  # decoded source text, kept for display
    adoption_note: Mapped[str | None] = mapped_column(Text)
    adopted: Mapped[str | None] = mapped_column(String(10))  # "YYYY-MM-DD"
    version_date: Mapped[str | None] = mapped_column(String(10))  # latest adoption or revision date
    jurisdiction_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"))
    source_warnings: Mapped[list[str]] = mapped_column(JSON)
    warnings: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Provision(Base):
    """One provision of a document; ``provision_id`` is the pipeline's stable id."""

    __tablename__ = "provisions"
    __table_args__ = (UniqueConstraint("document_id", "provision_id"),
                      Index("ix_provisions_document_id_position", "document_id", "position"))

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    provision_id: Mapped[str] = mapped_column(KEY)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    number: Mapped[str] = mapped_column(KEY)
    ordinal: Mapped[int | None] = mapped_column(Integer)
    chapter: Mapped[str | None] = mapped_column(Text)
    paragraphs: Mapped[list[str]] = mapped_column(JSON)
    text: Mapped[str] = mapped_column(Text)  # paragraphs joined with newlines


class Comparison(Base):
    """A stored run. ``fingerprint`` identifies its inputs, ``subject`` the review it belongs to."""

    __tablename__ = "comparisons"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(HASH, unique=True)
    subject: Mapped[str] = mapped_column(HASH, index=True)  # added by revision 0002
    options: Mapped[dict[str, str]] = mapped_column(JSON)
    base_document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # 0006: the comparison of the same subject this re-run replaced, and when it was archived
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("comparisons.id", name="fk_comparisons_supersedes_id"))
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Account(Base):
    """A reviewer who may log in to ``serve`` (0006); only an Argon2 hash of the password."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LoginSession(Base):
    """An open login of ``serve`` (0011): the SHA-256 of its id, the account, the expiry."""

    __tablename__ = "login_sessions"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    account: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Comment(Base):
    """A comment on a difference (0012); never edited or deleted: a thread only grows."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    difference_fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparisons.id"))
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ServerSetting(Base):
    """A value ``serve`` keeps across restarts (0011), such as the key of its CSRF tokens."""

    __tablename__ = "server_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ComparisonDocument(Base):
    """A document as one column of a comparison: its id there and its jurisdiction."""

    __tablename__ = "comparison_documents"
    __table_args__ = (UniqueConstraint("comparison_id", "position"),
                      UniqueConstraint("comparison_id", "key"),
                      UniqueConstraint("comparison_id", "document_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparisons.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    position: Mapped[int] = mapped_column(Integer)  # column order, base first
    key: Mapped[str] = mapped_column(KEY)  # Document.id in the pipeline, e.g. "beijing"
    file: Mapped[str] = mapped_column(Text)  # path as given in this run
    jurisdiction_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"))
    jurisdiction_source: Mapped[str | None] = mapped_column(String(16))  # "inferred" | "given"


class AlignmentRow(Base):
    """One row of the alignment table; ``key`` is AlignmentRow.id."""

    __tablename__ = "alignment_rows"
    __table_args__ = (UniqueConstraint("comparison_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparisons.id"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(KEY)
    label: Mapped[str] = mapped_column(KEY)
    status: Mapped[str] = mapped_column(String(32))
    majority: Mapped[list[str]] = mapped_column(JSON)  # document ids sharing the most common reading
    # doc key → [[provision id, number, similarity, [terms], in row], ...] (texts matched by content; 0009)
    counterparts: Mapped[dict[str, list[list[object]]] | None] = mapped_column(JSON, nullable=True)


class Cell(Base):
    """The provision(s) one document contributes to a row (absent cells are not stored)."""

    __tablename__ = "cells"
    __table_args__ = (UniqueConstraint("row_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    row_id: Mapped[int] = mapped_column(ForeignKey("alignment_rows.id"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    provision_ids: Mapped[list[str]] = mapped_column(JSON)  # Provision.provision_id values, in order
    moved: Mapped[bool] = mapped_column(Boolean, default=False)


class Difference(Base):
    """One classified difference; ``comparison_id`` is denormalised for direct lookups."""

    __tablename__ = "differences"
    __table_args__ = (UniqueConstraint("comparison_id", "fingerprint"),
                      UniqueConstraint("row_id", "position"))

    id: Mapped[int] = mapped_column(primary_key=True)
    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparisons.id"))
    row_id: Mapped[int] = mapped_column(ForeignKey("alignment_rows.id"))
    position: Mapped[int] = mapped_column(Integer)  # order within the row
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))  # reads ``new``
    against_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))  # reads ``old``
    category: Mapped[str] = mapped_column(String(32))
    cls: Mapped[str] = mapped_column(String(64))
    old: Mapped[str] = mapped_column(Text)
    new: Mapped[str] = mapped_column(Text)
    rule: Mapped[str | None] = mapped_column(Text)  # in the language of the run that saved it
    rule_code: Mapped[dict | None] = mapped_column(JSON)  # 0006: ``compare.rules`` code, rendered per reader
    fingerprint: Mapped[str] = mapped_column(HASH, index=True)


class ReviewDecisionRow(Base):
    """A review decision. Never updated: the row with the highest id per fingerprint is current."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_fingerprint_id", "difference_fingerprint", "id"),)  # 0002

    id: Mapped[int] = mapped_column(primary_key=True)
    difference_fingerprint: Mapped[str] = mapped_column(HASH)
    comparison_id: Mapped[int] = mapped_column(ForeignKey("comparisons.id"))
    status: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

