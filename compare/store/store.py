"""The ``Store``: save comparisons, record and read review decisions.

Every public method runs in its own transaction (SQLite: ``BEGIN IMMEDIATE`` for writes),
so a ``Store`` may be shared by threads. Database failures surface as
``InputError(None, "database", detail=...)``; invalid input (bad status, unknown
fingerprint) as ``InputError(None, "invalid", detail=...)``.

Decision semantics: the *current* decision on a difference is the newest decision row with
its fingerprint, whichever comparison it was recorded on (a fingerprint names the same two
documents, provisions and normalised text, so the same difference). A decision is
*obsolete* for a comparison when it was recorded on a comparison of the same subject
(``records.comparison_subject``: same documents by jurisdiction and title, and options,
possibly changed contents or file names) and its difference is not in that comparison any more.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, delete, func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .. import model
from ..errors import InputError
from ..i18n import L_
from ..rules import Rule
from . import models as db
from .drafts import current_decisions, drafts_for, history, record, save_drafts
from .engine import translated, writer
from .read import load_comparison
from .records import (
    DECISION_STATUSES,
    MAX_NOTE,
    MAX_REVIEWER,
    ComparisonSummary,
    ReviewDecision,
    SavedComparison,
    StoredDifference,
    HIDDEN_ACCOUNT,
    HIDDEN_NOTE,
    check_reviewer,
    check_visible,
    comparison_fingerprint,
    comparison_subject,
    difference_fingerprints,
    document_identities,
)

SAVE_ATTEMPTS = 5  # tries of one save under concurrency (PostgreSQL deadlocks, racing inserts)
_RETRY_CODES = {"40001", "40P01", "23505", "23503"}  # serialisation, deadlock, unique and FK violations


def _retryable(exc: BaseException | None) -> bool:
    """Whether a failed save may succeed when tried again (a race with a concurrent writer)."""
    if isinstance(exc, IntegrityError):
        return True
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return isinstance(exc, DBAPIError) and code in _RETRY_CODES


def _lock_subject(session: Session, comparison: model.Comparison) -> None:
    """PostgreSQL: transaction-scoped advisory locks on the subject and the documents' hashes."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite writers are serialised by BEGIN IMMEDIATE already
    identities = list(document_identities(comparison.documents, comparison.base).values())
    names = [comparison_subject(identities, comparison.options)] + [d.source.sha256 for d in comparison.documents]
    for key in sorted({int.from_bytes(hashlib.sha256(n.encode()).digest()[:8], "big", signed=True) for n in names}):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


class Store:
    """Access to one database; make it with ``open_store(url)``, finish with ``close()``."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(writer(engine), expire_on_commit=False)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A session inside one transaction, committed at the end of the block."""
        with translated(self.url), (self._writer if write else self._reader)() as session, session.begin():
            yield session

    # --- saving -----------------------------------------------------------------------

    def save_comparison(self, comparison: model.Comparison, drafts: list[Any] | None = None) -> SavedComparison:
        """Store ``comparison`` atomically; the same inputs and options update the same row.

        ``drafts`` (``compare.amend.items.Draft`` on this comparison) are stored with it in
        the same transaction, each replacing the earlier draft for the same target document.

        On PostgreSQL the transaction first takes advisory locks on the comparison's subject
        and on each document's content hash (in sorted order), so concurrent runs of the same
        inputs queue instead of deadlocking; a deadlock or serialisation failure that still
        happens (or a concurrent insert of the same document) is retried, ``SAVE_ATTEMPTS``
        times at most.
        """
        for attempt in range(SAVE_ATTEMPTS):
            try:
                with self.session(write=True) as session:
                    _lock_subject(session, comparison)
                    return _save(session, comparison, drafts or [])
            except InputError as exc:
                if attempt == SAVE_ATTEMPTS - 1 or not _retryable(exc.__cause__):
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    # --- decisions ---------------------------------------------------------------------

    def record_decision(self, difference_fingerprint: str, status: str, note: str, reviewer: str,
                        *, comparison_id: int | None = None) -> ReviewDecision:
        """Record a new decision (the previous ones are kept as history).

        ``comparison_id`` defaults to the most recently saved comparison holding the
        difference. Raises ``InputError`` for an unknown fingerprint, a status not in
        ``DECISION_STATUSES``, a note over ``MAX_NOTE`` characters or an empty reviewer, or an
        invisible or control character in either (``records.check_visible``, ``check_reviewer``).
        """
        reviewer = reviewer.strip()
        _check_decision(status, note, reviewer)
        with self.session(write=True) as session:
            holders = session.scalars(
                select(db.Comparison.id).join(db.Difference, db.Difference.comparison_id == db.Comparison.id)
                .where(db.Difference.fingerprint == difference_fingerprint)
                .order_by(db.Comparison.updated_at.desc(), db.Comparison.id.desc())).all()
            if not holders:
                raise _invalid(L_("no stored difference has fingerprint {fingerprint}",
                                     fingerprint=repr(difference_fingerprint)))
            if comparison_id is not None and comparison_id not in holders:
                raise _invalid(L_("comparison {id} has no difference {fingerprint}", id=comparison_id,
                                     fingerprint=repr(difference_fingerprint)))
            row = db.ReviewDecisionRow(difference_fingerprint=difference_fingerprint, status=status, note=note,
                              reviewer=reviewer, comparison_id=comparison_id or holders[0], created_at=db.utcnow())
            session.add(row)
            session.flush()
            return _decision(row)

    def record_decisions(self, fingerprints: list[str], status: str, note: str, reviewer: str,
                         *, comparison_id: int) -> list[ReviewDecision]:
        """Record the same decision on each of ``fingerprints`` (all differences of
        ``comparison_id``) in one transaction: one individual decision per difference, each
        of which can be changed later. All or nothing: ``InputError`` if one is unknown."""
        reviewer = reviewer.strip()
        _check_decision(status, note, reviewer)
        wanted = list(dict.fromkeys(fingerprints))
        with self.session(write=True) as session:
            known = set(session.scalars(select(db.Difference.fingerprint).where(
                db.Difference.comparison_id == comparison_id)))
            missing = [fp for fp in wanted if fp not in known]
            if missing:
                raise _invalid(L_("comparison {id} has no difference {fingerprint}", id=comparison_id,
                                     fingerprint=repr(missing[0])))
            now = db.utcnow()
            rows = [db.ReviewDecisionRow(difference_fingerprint=fp, status=status, note=note, reviewer=reviewer,
                                comparison_id=comparison_id, created_at=now) for fp in wanted]
            session.add_all(rows)
            session.flush()
            return [_decision(row) for row in rows]

    def decisions_for(self, comparison_id: int) -> dict[str, ReviewDecision]:
        """Difference fingerprint → current decision, for the differences of a comparison."""
        with self.session() as session:
            fps = select(db.Difference.fingerprint).where(db.Difference.comparison_id == comparison_id)
            return {d.difference_fingerprint: _decision(d) for d in _current(session, fps)}

    def current_decisions(self, fingerprints: list[str]) -> dict[str, ReviewDecision]:
        """Difference fingerprint → current decision, for differences not stored yet.

        Lets a caller render outputs with their decisions before it saves anything.
        """
        found: dict[str, ReviewDecision] = {}
        with self.session() as session:
            for start in range(0, len(fingerprints), 500):  # bounded IN lists
                chunk = select(db.ReviewDecisionRow.difference_fingerprint).where(
                    db.ReviewDecisionRow.difference_fingerprint.in_(fingerprints[start:start + 500]))
                found.update({d.difference_fingerprint: _decision(d) for d in _current(session, chunk)})
        return found

    def undecided(self, comparison_id: int) -> list[StoredDifference]:
        """The differences of a comparison without any decision, in report order."""
        with self.session() as session:
            decided = select(db.ReviewDecisionRow.difference_fingerprint)
            return _differences(session, comparison_id, db.Difference.fingerprint.not_in(decided))

    def difference_row(self, comparison_id: int, fingerprint: str) -> str | None:
        """The row (``AlignmentRow.id``) of difference ``fingerprint`` in a comparison, None
        if it has no such difference (one indexed lookup: what a decision needs)."""
        with self.session() as session:
            return session.scalars(
                select(db.AlignmentRow.key).join(db.Difference, db.Difference.row_id == db.AlignmentRow.id)
                .where(db.Difference.comparison_id == comparison_id, db.Difference.fingerprint == fingerprint)
                .limit(1)).first()

    def difference_keys(self, comparison_id: int) -> dict[tuple[str, int], str]:
        """(row id, position in the row) → fingerprint of every difference of a comparison:
        all a page of the review needs of them (far cheaper than ``differences``)."""
        with self.session() as session:
            query = (select(db.AlignmentRow.key, db.Difference.position, db.Difference.fingerprint)
                     .join(db.AlignmentRow, db.Difference.row_id == db.AlignmentRow.id)
                     .where(db.Difference.comparison_id == comparison_id))
            return {(row, position): fp for row, position, fp in session.execute(query)}

    def decision_history(self, comparison_id: int) -> dict[str, list[ReviewDecision]]:
        """Fingerprint → every decision recorded on it, oldest first, for the differences of a
        comparison decided more than once (who decided what and when)."""
        with self.session() as session:
            fps = select(db.Difference.fingerprint).where(db.Difference.comparison_id == comparison_id)
            again = (select(db.ReviewDecisionRow.difference_fingerprint)
                     .where(db.ReviewDecisionRow.difference_fingerprint.in_(fps))
                     .group_by(db.ReviewDecisionRow.difference_fingerprint).having(func.count() > 1))
            out: dict[str, list[ReviewDecision]] = {}
            for row in session.scalars(select(db.ReviewDecisionRow).where(
                    db.ReviewDecisionRow.difference_fingerprint.in_(again)).order_by(db.ReviewDecisionRow.id)):
                out.setdefault(row.difference_fingerprint, []).append(_decision(row))
            return out

    def reviewer_counts(self, comparison_id: int) -> dict[str, int]:
        """Reviewer → how many differences of a comparison their decision is the current one on."""
        with self.session() as session:
            fps = select(db.Difference.fingerprint).where(db.Difference.comparison_id == comparison_id)
            out: dict[str, int] = {}
            for row in _current(session, fps):
                out[row.reviewer] = out.get(row.reviewer, 0) + 1
            return dict(sorted(out.items()))

    def review_counts(self, comparison_id: int) -> tuple[int, int]:
        """(decided, total) of a comparison's differences that need a decision (all but
        formatting), counted in the database."""
        with self.session() as session:
            reviewable = select(db.Difference.fingerprint).where(db.Difference.comparison_id == comparison_id,
                                                                 db.Difference.category != "formatting")
            total = session.scalar(select(func.count()).select_from(reviewable.subquery())) or 0
            decided = session.scalar(select(func.count(func.distinct(db.ReviewDecisionRow.difference_fingerprint)))
                                     .where(db.ReviewDecisionRow.difference_fingerprint.in_(reviewable))) or 0
            return decided, total

    def differences(self, comparison_id: int) -> list[StoredDifference]:
        """All differences of a comparison, in report order."""
        with self.session() as session:
            return _differences(session, comparison_id)

    def obsolete_decisions(self, comparison_id: int) -> list[ReviewDecision]:
        """Current decisions of this review whose difference is absent from the comparison."""
        with self.session() as session:
            return _obsolete(session, comparison_id)

    # --- reading -----------------------------------------------------------------------

    def list_comparisons(self) -> list[ComparisonSummary]:
        """Every stored comparison, oldest first, archived and superseded ones too (see their
        ``superseded_by`` and ``archived``)."""
        with self.session() as session:
            return _summaries(session)

    def archive_comparison(self, comparison_id: int, archived: bool = True) -> int:
        """Hide a comparison from the default listings (``archived=False``: show it again).

        Nothing is deleted: its rows, differences and every decision stay in the database.
        Returns how many decisions were recorded on it; ``InputError`` for an unknown id.
        """
        with self.session(write=True) as session:
            row = session.get(db.Comparison, comparison_id)
            if row is None:
                raise _invalid(L_("no comparison has id {id}", id=comparison_id))
            row.archived_at = db.utcnow() if archived else None
            return session.scalar(select(func.count()).select_from(db.ReviewDecisionRow)
                                  .where(db.ReviewDecisionRow.comparison_id == comparison_id)) or 0

    # --- accounts ----------------------------------------------------------------------

    def set_account(self, name: str, password_hash: str) -> bool:
        """Create the account ``name`` or change its password hash; True if it was created."""
        name = name.strip()
        if not name or len(name) > MAX_REVIEWER:
            raise _invalid(L_("account name must have 1 to {limit} characters", limit=MAX_REVIEWER))
        check_visible(name, HIDDEN_ACCOUNT)  # an account's name is the reviewer of its decisions
        with self.session(write=True) as session:
            row = session.scalar(select(db.Account).where(db.Account.name == name))
            if row is None:
                session.add(db.Account(name=name, password_hash=password_hash, created_at=db.utcnow()))
                return True
            row.password_hash = password_hash
            return False

    def account_hash(self, name: str) -> str | None:
        """The stored password hash of ``name`` (None: no such account)."""
        with self.session() as session:
            return session.scalar(select(db.Account.password_hash).where(db.Account.name == name))

    def account_names(self) -> list[str]:
        """The account names, sorted."""
        with self.session() as session:
            return list(session.scalars(select(db.Account.name).order_by(db.Account.name)))

    # --- amendment drafts (see ``drafts``) ---------------------------------------------

    def drafts_for(self, comparison_id: int) -> list[Any]:
        """The stored drafts of a comparison (``compare.instrument.drafts.Draft``) with their current
        instruction decisions."""
        with self.session() as session:
            return drafts_for(session, comparison_id)

    def record_instruction_decision(self, fingerprint: str, status: str, note: str, reviewer: str,
                                    *, comparison_id: int | None = None) -> Any:
        """Drop (``dropped``) or restore (``kept``) a stored instruction; earlier decisions stay
        as history. ``InputError`` for an unknown instruction, status, long note or no reviewer."""
        with self.session(write=True) as session:
            return record(session, fingerprint, status, note, reviewer, comparison_id)

    def current_instruction_decisions(self, fingerprints: list[str]) -> dict[str, Any]:
        """Instruction fingerprint → current decision, for drafts stored or not."""
        with self.session() as session:
            return current_decisions(session, fingerprints)

    def instruction_history(self, fingerprint: str) -> list[Any]:
        """Every decision recorded on an instruction, oldest first."""
        with self.session() as session:
            return history(session, fingerprint)

    def load_comparison(self, comparison_id: int, lang: str | None = None) -> model.Comparison:
        """The stored comparison as pipeline data (without diff spans), for re-rendering;
        explanations in ``lang`` (default: the user's language)."""
        with self.session() as session:
            return load_comparison(session, comparison_id, lang)


def _invalid(detail: object) -> InputError:
    return InputError(None, "invalid", detail=detail)


def _check_decision(status: str, note: str, reviewer: str) -> None:
    """``InputError`` unless the status, note and (stripped) reviewer make a valid decision."""
    if status not in DECISION_STATUSES:
        raise _invalid(L_("unknown decision status {status} (one of {statuses})", status=repr(status),
                           statuses=", ".join(DECISION_STATUSES)))
    if len(note) > MAX_NOTE:
        raise _invalid(L_("note too long ({length} characters, limit {limit})", length=len(note), limit=MAX_NOTE))
    check_visible(note, HIDDEN_NOTE, lines=True)
    check_reviewer(reviewer)


def _aware(when: datetime) -> datetime:
    """SQLite returns naive datetimes: they were stored as UTC."""
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _decision(row: db.ReviewDecisionRow, obsolete: bool = False) -> ReviewDecision:
    return ReviewDecision(id=row.id, difference_fingerprint=row.difference_fingerprint, comparison_id=row.comparison_id,
                    status=row.status, note=row.note, reviewer=row.reviewer, created_at=_aware(row.created_at),
                    obsolete=obsolete)


def _current(session: Session, fingerprints: Select[Any]) -> list[db.ReviewDecisionRow]:
    """The newest decision of each fingerprint selected by ``fingerprints``, by id."""
    newest = (select(func.max(db.ReviewDecisionRow.id)).where(db.ReviewDecisionRow.difference_fingerprint.in_(fingerprints))
              .group_by(db.ReviewDecisionRow.difference_fingerprint))
    return list(session.scalars(select(db.ReviewDecisionRow).where(db.ReviewDecisionRow.id.in_(newest)).order_by(db.ReviewDecisionRow.id)))


def _obsolete(session: Session, comparison_id: int) -> list[ReviewDecision]:
    subject = session.scalar(select(db.Comparison.subject).where(db.Comparison.id == comparison_id))
    lineage = select(db.Comparison.id).where(db.Comparison.subject == subject)
    present = select(db.Difference.fingerprint).where(db.Difference.comparison_id == comparison_id)
    gone = (select(db.ReviewDecisionRow.difference_fingerprint).where(db.ReviewDecisionRow.comparison_id.in_(lineage))
            .where(db.ReviewDecisionRow.difference_fingerprint.not_in(present)))
    return [_decision(d, obsolete=True) for d in _current(session, gone)]


def jurisdiction_row(session: Session, jur: model.Jurisdiction | None) -> db.Jurisdiction | None:
    if jur is None:
        return None
    key = jur.code or f"name:{jur.name}"
    row = session.scalar(select(db.Jurisdiction).where(db.Jurisdiction.key == key)) or db.Jurisdiction(key=key)
    row.name, row.level, row.code = jur.name, jur.level, jur.code
    row.government_prefix, row.self_words = jur.government_prefix, list(jur.self_words)
    session.add(row)
    session.flush()
    return row


def document_row(session: Session, doc: model.Document) -> tuple[db.Document, bool]:
    """The stored document for ``doc`` (by sha256), created or refreshed; True if created."""
    src = doc.source
    jur = jurisdiction_row(session, doc.jurisdiction)
    row = session.scalar(select(db.Document).where(db.Document.sha256 == src.sha256))
    added = row is None
    if row is None:
        row = db.Document(sha256=src.sha256, file=src.path, name=src.name, text=src.text,
                          encoding=src.encoding, format=src.format, created_at=db.utcnow())
    # Parsed fields follow the latest import (a newer parser may read the same bytes better).
    row.title, row.adoption_note, row.adopted = doc.title, doc.adoption_note, doc.adopted
    row.version_date = doc.version_date
    row.jurisdiction_id = jur.id if jur else None
    row.source_warnings, row.warnings = list(src.warnings), list(doc.warnings)
    session.add(row)
    session.flush()
    existing = {} if added else {p.provision_id: p for p in session.scalars(
        select(db.Provision).where(db.Provision.document_id == row.id))}
    for position, prov in enumerate(doc.provisions):
        stored = existing.get(prov.id)
        if stored is None:
            stored = db.Provision(document_id=row.id, provision_id=prov.id)
            session.add(stored)
        values = dict(position=position, kind=prov.kind, number=prov.number, ordinal=prov.ordinal,
                      chapter=prov.chapter, paragraphs=list(prov.paragraphs), text=prov.text)
        for name, value in values.items():
            if getattr(stored, name) != value:
                setattr(stored, name, value)
    return row, added


def _save(session: Session, comparison: model.Comparison, drafts: list[Any]) -> SavedComparison:
    fingerprint = comparison_fingerprint(comparison)
    docs: dict[str, db.Document] = {}
    added = 0
    for doc in comparison.documents:
        docs[doc.id], new = document_row(session, doc)
        added += new
    session.flush()
    row = session.scalar(select(db.Comparison).where(db.Comparison.fingerprint == fingerprint))
    created = row is None
    now = db.utcnow()
    if row is None:
        row = db.Comparison(fingerprint=fingerprint, created_at=now)
    else:
        _clear(session, row.id)
    row.subject = comparison_subject(list(document_identities(comparison.documents, comparison.base).values()), comparison.options)
    if created:
        row.supersedes_id = session.scalar(
            select(db.Comparison.id).where(db.Comparison.subject == row.subject, db.Comparison.archived_at.is_(None))
            .order_by(db.Comparison.updated_at.desc(), db.Comparison.id.desc()).limit(1))
    row.archived_at = None  # a re-run of an archived comparison brings it back
    row.options = dict(comparison.options)
    row.base_document_id = docs[comparison.base].id
    row.updated_at = now
    session.add(row)
    session.flush()
    for position, doc in enumerate(comparison.documents):
        jur = jurisdiction_row(session, doc.jurisdiction)
        session.add(db.ComparisonDocument(
            comparison_id=row.id, document_id=docs[doc.id].id, position=position, key=doc.id, file=doc.source.path,
            jurisdiction_id=jur.id if jur else None,
            jurisdiction_source=doc.jurisdiction.source if doc.jurisdiction else None))
    differences = _save_rows(session, row.id, comparison, {k: d.id for k, d in docs.items()})
    instructions = 0
    if drafts:
        instructions = save_drafts(session, row.id, drafts, {k: d.id for k, d in docs.items()})
    present = select(db.Difference.fingerprint).where(db.Difference.comparison_id == row.id)
    return SavedComparison(instructions=instructions, id=row.id, fingerprint=fingerprint, created=created, documents_added=added,
                           rows=len(comparison.rows), differences=differences,
                           decisions_reattached=len(_current(session, present)),
                           decisions_obsolete=len(_obsolete(session, row.id)))


def _clear(session: Session, comparison_id: int) -> None:
    """Delete a comparison's documents, rows, cells and differences (not its decisions)."""
    rows = select(db.AlignmentRow.id).where(db.AlignmentRow.comparison_id == comparison_id)
    session.execute(delete(db.Difference).where(db.Difference.comparison_id == comparison_id))
    session.execute(delete(db.Cell).where(db.Cell.row_id.in_(rows)))
    session.execute(delete(db.AlignmentRow).where(db.AlignmentRow.comparison_id == comparison_id))
    session.execute(delete(db.ComparisonDocument).where(db.ComparisonDocument.comparison_id == comparison_id))


def _counterparts(row: model.AlignmentRow) -> dict[str, list[list[object]]] | None:
    """A row's counterparts as stored (None when it has none)."""
    if not row.counterparts:
        return None
    return {doc: [[c.provision, c.number, c.similarity, list(c.terms), c.placed] + ([[list(v) for v in c.via]] if c.via else [])
                  for c in found]
            for doc, found in row.counterparts.items()}


def _save_rows(session: Session, comparison_id: int, comparison: model.Comparison, doc_ids: dict[str, int]) -> int:
    """Insert the rows with their cells and differences; the number of differences."""
    rows = comparison.rows
    stored = [db.AlignmentRow(comparison_id=comparison_id, position=i, key=r.id, label=r.label, status=r.status,
                              majority=list(r.majority), counterparts=_counterparts(r)) for i, r in enumerate(rows)]
    session.add_all(stored)
    session.flush()
    count = 0
    for row, srow, fps in zip(rows, stored, difference_fingerprints(comparison)):
        session.add_all(db.Cell(row_id=srow.id, document_id=doc_ids[doc], moved=cell.moved,
                                provision_ids=[p.id for p in cell.provisions])
                        for doc, cell in row.cells.items() if cell)
        for position, (diff, fp) in enumerate(zip(row.differences, fps)):
            session.add(db.Difference(
                comparison_id=comparison_id, row_id=srow.id, position=position, document_id=doc_ids[diff.document],
                against_id=doc_ids[diff.against], category=diff.category, cls=diff.cls, old=diff.old,
                new=diff.new, rule=diff.rule, rule_code=diff.rule.code if isinstance(diff.rule, Rule) else None,
                fingerprint=fp))
            count += 1
    session.flush()
    return count


def _differences(session: Session, comparison_id: int, *where: ColumnElement[bool]) -> list[StoredDifference]:
    keys = dict(session.execute(select(db.ComparisonDocument.document_id, db.ComparisonDocument.key)
                                .where(db.ComparisonDocument.comparison_id == comparison_id)).all())
    cells = {(c.row_id, c.document_id): "+".join(c.provision_ids) for c in session.scalars(
        select(db.Cell).join(db.AlignmentRow, db.Cell.row_id == db.AlignmentRow.id)
        .where(db.AlignmentRow.comparison_id == comparison_id))}
    query = (select(db.Difference, db.AlignmentRow).join(db.AlignmentRow, db.Difference.row_id == db.AlignmentRow.id)
             .where(db.Difference.comparison_id == comparison_id, *where)
             .order_by(db.AlignmentRow.position, db.Difference.position))
    return [StoredDifference(
        id=d.id, comparison_id=comparison_id, fingerprint=d.fingerprint, row_id=r.key, row_label=r.label,
        row_position=r.position, position=d.position, document=keys[d.document_id], against=keys[d.against_id],
        document_provisions=cells.get((r.id, d.document_id), ""), against_provisions=cells.get((r.id, d.against_id), ""),
        category=d.category, cls=d.cls, old=d.old, new=d.new, rule=d.rule)
        for d, r in session.execute(query).all()]


def _summaries(session: Session) -> list[ComparisonSummary]:
    def counts(query: Select[Any]) -> dict[int, int]:
        return dict(session.execute(query).all())

    rows = counts(select(db.AlignmentRow.comparison_id, func.count()).group_by(db.AlignmentRow.comparison_id))
    diffs = counts(select(db.Difference.comparison_id, func.count()).group_by(db.Difference.comparison_id))
    decided = counts(select(db.Difference.comparison_id, func.count())
                     .where(db.Difference.fingerprint.in_(select(db.ReviewDecisionRow.difference_fingerprint)))
                     .group_by(db.Difference.comparison_id))
    documents: dict[int, list[str]] = {}
    keys: dict[tuple[int, int], str] = {}
    for cd in session.scalars(select(db.ComparisonDocument).order_by(db.ComparisonDocument.comparison_id,
                                                                     db.ComparisonDocument.position)):
        documents.setdefault(cd.comparison_id, []).append(cd.key)
        keys[cd.comparison_id, cd.document_id] = cd.key
    stored = list(session.scalars(select(db.Comparison).order_by(db.Comparison.id)))
    replaced_by = _replacements(stored)
    return [ComparisonSummary(id=c.id, fingerprint=c.fingerprint, subject=c.subject,
                              documents=tuple(documents.get(c.id, ())), base=keys.get((c.id, c.base_document_id), ""),
                              rows=rows.get(c.id, 0), differences=diffs.get(c.id, 0), decided=decided.get(c.id, 0),
                              created_at=_aware(c.created_at), updated_at=_aware(c.updated_at),
                              supersedes=c.supersedes_id, superseded_by=replaced_by.get(c.id),
                              archived=c.archived_at is not None)
            for c in stored]


def _replacements(stored: list[db.Comparison]) -> dict[int, int]:
    """Comparison id → the re-run that replaced it, for every comparison that is not the
    latest (non-archived) one of its subject: its recorded successor, else that latest one."""
    latest: dict[str, db.Comparison] = {}
    for c in stored:
        if c.archived_at is None and (c.subject not in latest or (_aware(c.updated_at), c.id) > (
                _aware(latest[c.subject].updated_at), latest[c.subject].id)):
            latest[c.subject] = c
    successor = {c.supersedes_id: c.id for c in stored if c.supersedes_id is not None}
    return {c.id: successor.get(c.id, latest[c.subject].id) for c in stored
            if c.subject in latest and latest[c.subject].id != c.id}
