"""Rebuild a stored comparison as pipeline data (``compare.model``), for re-rendering reports.

Everything the JSON and HTML reports read comes back: documents with their source text and
jurisdiction, rows in order with their cells and classified differences. Diff spans are
not stored (they are recomputed cheaply from the provisions when a renderer needs them),
so ``AlignmentRow.spans`` is empty.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import model
from ..errors import InputError, language
from ..i18n import L_
from ..rules import Rule, render
from . import models as db


def load_comparison(session: Session, comparison_id: int, lang: str | None = None) -> model.Comparison:
    """The comparison stored under ``comparison_id``, or ``InputError`` if there is none.

    Explanations stored as codes are rendered in ``lang`` (default: the user's language)."""
    lang = lang or language()
    stored = session.get(db.Comparison, comparison_id)
    if stored is None:
        raise InputError(None, "invalid", detail=L_("no comparison has id {id}", id=comparison_id))
    members = session.execute(
        select(db.ComparisonDocument, db.Document).join(db.Document, db.ComparisonDocument.document_id == db.Document.id)
        .where(db.ComparisonDocument.comparison_id == comparison_id).order_by(db.ComparisonDocument.position)).all()
    jurisdictions = {j.id: j for j in session.scalars(select(db.Jurisdiction).where(
        db.Jurisdiction.id.in_([m.jurisdiction_id for m, _ in members if m.jurisdiction_id])))}
    keys: dict[int, str] = {}
    provisions: dict[tuple[int, str], model.Provision] = {}
    documents = []
    for member, doc in members:
        keys[doc.id] = member.key
        provs = tuple(_provision(p) for p in session.scalars(
            select(db.Provision).where(db.Provision.document_id == doc.id).order_by(db.Provision.position)))
        provisions.update(((doc.id, p.id), p) for p in provs)
        jur = jurisdictions.get(member.jurisdiction_id) if member.jurisdiction_id else None
        documents.append(model.Document(
            id=member.key,
            source=model.SourceText(path=member.file, name=doc.name, text=doc.text, encoding=doc.encoding,
                                    format=doc.format, sha256=doc.sha256, warnings=tuple(doc.source_warnings)),
            title=doc.title, adoption_note=doc.adoption_note, adopted=doc.adopted, provisions=provs,
            version_date=doc.version_date,
            jurisdiction=_jurisdiction(jur, member.jurisdiction_source), warnings=tuple(doc.warnings)))
    rows = list(session.scalars(select(db.AlignmentRow).where(db.AlignmentRow.comparison_id == comparison_id)
                                .order_by(db.AlignmentRow.position)))
    ids = [r.id for r in rows]
    cells: dict[int, dict[int, db.Cell]] = {}
    for cell in session.scalars(select(db.Cell).where(db.Cell.row_id.in_(ids))):
        cells.setdefault(cell.row_id, {})[cell.document_id] = cell
    differences: dict[int, list[db.Difference]] = {}
    for diff in session.scalars(select(db.Difference).where(db.Difference.comparison_id == comparison_id)
                                .order_by(db.Difference.row_id, db.Difference.position)):
        differences.setdefault(diff.row_id, []).append(diff)
    out_rows = []
    for row in rows:
        row_cells: dict[str, model.Cell | None] = {}
        for member, doc in members:
            cell = cells.get(row.id, {}).get(doc.id)
            parts = tuple(provisions[doc.id, pid] for pid in cell.provision_ids if (doc.id, pid) in provisions) if cell else ()
            row_cells[member.key] = model.Cell(parts, moved=cell.moved) if cell and parts else None
        out_rows.append(model.AlignmentRow(
            id=row.key, label=row.label, cells=row_cells, status=row.status, majority=tuple(row.majority),
            counterparts={doc: tuple(_counterpart(entry) for entry in found)
                          for doc, found in (row.counterparts or {}).items()},
            differences=[model.Difference(document=keys[d.document_id], against=keys[d.against_id], category=d.category,
                                          cls=d.cls, old=d.old, new=d.new,
                                          rule=_rule(d, lang))
                         for d in differences.get(row.id, [])]))
    return model.Comparison(documents=tuple(documents), base=keys[stored.base_document_id], rows=out_rows,
                            options=dict(stored.options))


def _rule(diff: db.Difference, lang: str) -> str | None:
    """The explanation in ``lang`` when it is stored as a code, else the stored text."""
    if diff.rule_code:
        try:
            return Rule(render(diff.rule_code, lang), diff.rule_code)
        except (KeyError, IndexError, TypeError, ValueError):  # a code from a newer version: keep the text
            return diff.rule
    return diff.rule


def _provision(p: db.Provision) -> model.Provision:
    return model.Provision(id=p.provision_id, kind=p.kind, number=p.number, ordinal=p.ordinal,
                           paragraphs=tuple(p.paragraphs), chapter=p.chapter)


def _jurisdiction(row: db.Jurisdiction | None, source: str | None) -> model.Jurisdiction | None:
    if row is None:
        return None
    return model.Jurisdiction(name=row.name, level=row.level, self_words=tuple(row.self_words),
                              government_prefix=row.government_prefix, code=row.code, source=source or "inferred")


def _counterpart(entry: list[Any]) -> model.Counterpart:
    """A stored counterpart: [provision, number, similarity, terms, placed(, via)]."""
    provision, number, similarity, terms, placed = entry[:5]
    via = tuple((str(d), str(n)) for d, n in entry[5]) if len(entry) > 5 else ()
    return model.Counterpart(str(provision), str(number), float(similarity), tuple(terms), bool(placed), via)
