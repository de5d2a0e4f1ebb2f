"""Store and read amendment drafts and reviewers' decisions on their instructions.

Used by ``Store`` (its ``save_comparison(…, drafts=…)``, ``drafts_for``,
``record_instruction_decision``, ``current_instruction_decisions`` and
``instruction_history``), inside the store's transactions. Drafts come back as
``compare.amend.items.Draft`` with ``dropped`` filled from the current decisions, which
are found by instruction fingerprint whatever comparison they were recorded on (the newest
row wins, as for difference decisions), so a drop survives re-runs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from ..instrument.drafts import DROP_STATUSES, Draft, DraftItem
from ..instrument.model import Decision, Instruction, Target, WordingCheck
from ..errors import InputError
from . import draft_models as dm
from . import models as db
from .records import HIDDEN_NOTE, MAX_NOTE, check_reviewer, check_visible


@dataclass(frozen=True)
class InstructionDecision:
    """A reviewer dropped (``dropped``) or restored (``kept``) an instruction."""

    id: int
    fingerprint: str  # the instruction's ``item_fingerprint``
    comparison_id: int  # the comparison it was recorded on
    status: str  # one of DROP_STATUSES
    note: str
    reviewer: str
    created_at: datetime  # timezone-aware, UTC


def _record(row: dm.InstructionDecision) -> InstructionDecision:
    when = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=timezone.utc)
    return InstructionDecision(row.id, row.instruction_fingerprint, row.comparison_id, row.status, row.note,
                               row.reviewer, when)


def _instruction_json(ins: Instruction) -> dict[str, Any]:
    data = asdict(ins)
    data["targets"] = [asdict(t) for t in ins.targets]
    return data


def _instruction(data: dict[str, Any]) -> Instruction:
    fields = dict(data)
    fields["targets"] = tuple(Target(**t) for t in data.get("targets", ()))
    fields["headings"] = tuple(data.get("headings", ()))
    return Instruction(**fields)


def save_drafts(session: Session, comparison_id: int, drafts: list[Draft], doc_ids: dict[str, int]) -> int:
    """Replace the drafts of ``comparison_id`` for the same target documents; items saved."""
    now = db.utcnow()
    count = 0
    for draft in drafts:
        target, source = doc_ids[draft.target], doc_ids[draft.source]
        old = list(session.scalars(select(dm.Draft.id).where(dm.Draft.comparison_id == comparison_id,
                                                             dm.Draft.target_document_id == target)))
        created = session.scalar(select(dm.Draft.created_at).where(dm.Draft.id.in_(old))) if old else None
        if old:
            session.execute(delete(dm.DraftInstruction).where(dm.DraftInstruction.draft_id.in_(old)))
            session.execute(delete(dm.Draft).where(dm.Draft.id.in_(old)))
        decision = draft.decision
        row = dm.Draft(comparison_id=comparison_id, target_document_id=target, source_document_id=source,
                       kind=draft.kind, title=decision.title, effective=decision.effective, unit=decision.unit,
                       redrafted=list(decision.redrafted), checks=[asdict(c) for c in decision.checks],
                       style=decision.style, ordinal=decision.ordinal,
                       created_at=created or now, updated_at=now)
        session.add(row)
        session.flush()
        session.add_all(dm.DraftInstruction(draft_id=row.id, position=i, text=item.text, rows=list(item.rows),
                                            fingerprint=item.fingerprint,
                                            instructions=[_instruction_json(x) for x in item.instructions])
                        for i, item in enumerate(draft.items))
        count += len(draft.items)
    session.flush()
    return count


def _current(session: Session, fingerprints: Select[Any] | list[str]) -> dict[str, InstructionDecision]:
    newest = (select(func.max(dm.InstructionDecision.id))
              .where(dm.InstructionDecision.instruction_fingerprint.in_(fingerprints))
              .group_by(dm.InstructionDecision.instruction_fingerprint))
    rows = session.scalars(select(dm.InstructionDecision).where(dm.InstructionDecision.id.in_(newest)))
    return {r.instruction_fingerprint: _record(r) for r in rows}


def current_decisions(session: Session, fingerprints: list[str]) -> dict[str, InstructionDecision]:
    """Fingerprint → the current decision on that instruction (drafts not stored yet too)."""
    found: dict[str, InstructionDecision] = {}
    for start in range(0, len(fingerprints), 500):  # bounded IN lists
        found.update(_current(session, fingerprints[start:start + 500]))
    return found


def drafts_for(session: Session, comparison_id: int) -> list[Draft]:
    """The stored drafts of a comparison in column order of their targets, with decisions."""
    keys = dict(session.execute(select(db.ComparisonDocument.document_id, db.ComparisonDocument.key)
                                .where(db.ComparisonDocument.comparison_id == comparison_id)).all())
    order = dict(session.execute(select(db.ComparisonDocument.document_id, db.ComparisonDocument.position)
                                 .where(db.ComparisonDocument.comparison_id == comparison_id)).all())
    stored = [d for d in session.scalars(select(dm.Draft).where(dm.Draft.comparison_id == comparison_id))
              if d.target_document_id in keys and d.source_document_id in keys]
    stored.sort(key=lambda d: (order[d.target_document_id], d.id))
    items: dict[int, list[dm.DraftInstruction]] = {}
    for ins in session.scalars(select(dm.DraftInstruction).where(dm.DraftInstruction.draft_id.in_([d.id for d in stored]))
                               .order_by(dm.DraftInstruction.draft_id, dm.DraftInstruction.position)):
        items.setdefault(ins.draft_id, []).append(ins)
    fps = select(dm.DraftInstruction.fingerprint).where(dm.DraftInstruction.draft_id.in_([d.id for d in stored]))
    current = _current(session, fps)
    out = []
    for d in stored:
        parts = [DraftItem(tuple(_instruction(x) for x in i.instructions), tuple(i.rows), i.text, i.fingerprint)
                 for i in items.get(d.id, [])]
        decision = Decision(d.title, [x for item in parts for x in item.instructions], effective=d.effective,
                            unit=d.unit, redrafted=tuple(tuple(k) if isinstance(k, list) else (k, 0) for k in d.redrafted),
                            checks=tuple(WordingCheck(**c) for c in d.checks or ()), style=d.style or "decision",
                            ordinal=d.ordinal or 0)
        out.append(Draft(d.kind, keys[d.target_document_id], keys[d.source_document_id], decision, parts,
                         {p.fingerprint: current[p.fingerprint] for p in parts if p.fingerprint in current}))
    return out


def record(session: Session, fingerprint: str, status: str, note: str, reviewer: str,
           comparison_id: int | None) -> InstructionDecision:
    """Record a new decision on a stored instruction (``InputError`` "invalid" if it does not fit)."""
    reviewer = reviewer.strip()
    if status not in DROP_STATUSES:
        raise InputError(None, "invalid", detail=f"unknown instruction decision {status!r} "
                                                 f"(one of {', '.join(DROP_STATUSES)})")
    if len(note) > MAX_NOTE:
        raise InputError(None, "invalid", detail=f"note too long ({len(note)} characters, limit {MAX_NOTE})")
    check_visible(note, HIDDEN_NOTE, lines=True)
    check_reviewer(reviewer)
    holders = session.scalars(
        select(dm.Draft.comparison_id).join(dm.DraftInstruction, dm.DraftInstruction.draft_id == dm.Draft.id)
        .where(dm.DraftInstruction.fingerprint == fingerprint).order_by(dm.Draft.updated_at.desc(), dm.Draft.id.desc())
    ).all()
    if not holders:
        raise InputError(None, "invalid", detail=f"no stored instruction has fingerprint {fingerprint!r}")
    if comparison_id is not None and comparison_id not in holders:
        raise InputError(None, "invalid", detail=f"comparison {comparison_id} has no instruction {fingerprint!r}")
    row = dm.InstructionDecision(instruction_fingerprint=fingerprint, comparison_id=comparison_id or holders[0],
                                 status=status, note=note, reviewer=reviewer, created_at=db.utcnow())
    session.add(row)
    session.flush()
    return _record(row)


def history(session: Session, fingerprint: str) -> list[InstructionDecision]:
    """Every decision on an instruction, oldest first."""
    rows = session.scalars(select(dm.InstructionDecision).where(dm.InstructionDecision.instruction_fingerprint
                                                                == fingerprint).order_by(dm.InstructionDecision.id))
    return [_record(r) for r in rows]
