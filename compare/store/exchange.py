"""Decisions out and in: export a comparison's current decisions, re-apply them elsewhere.

Public API:

- ``export_records(store, comparison_id) -> list[dict]``: one record per current decision
  on a difference of the comparison, in report order: ``fingerprint``, ``status``, ``note``,
  ``reviewer``, ``recorded_at`` (ISO 8601, UTC) and, to read it by, ``row_id``,
  ``provision``, ``document``, ``against``, ``category``, ``class``, ``old``, ``new``.
- ``to_json(records) -> str`` / ``to_csv(records) -> str``: the export formats (JSON:
  ``{"format": "legiscompare-decisions", "version": 1, "decisions": [...]}``; CSV: a header
  of the record keys, cells starting with ``= + - @``, tab or CR prefixed with an apostrophe
  against spreadsheet formula injection, as OWASP advises; invisible and control characters
  of the note, reviewer and comments columns written ``<U+XXXX>``, ``compare.visible``).
- ``read_records(text) -> list[dict]``: either format back (the apostrophe removed again).
- ``import_records(store, records, comparison_id=None) -> ImportReport``: records each
  decision on the stored difference with the same fingerprint (in ``comparison_id`` if
  given), as a new decision by the original reviewer; a decision equal to the current one
  is left alone; records whose fingerprint is not stored are reported, never guessed. A
  reviewer or note with an invisible or control character refuses the whole import
  (``InputError``) before anything is recorded.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..i18n import L_
from ..visible import visible
from .records import DECISION_STATUSES, HIDDEN_NOTE, HIDDEN_REVIEWER, check_visible

FIELDS = ("fingerprint", "status", "note", "reviewer", "recorded_at", "row_id", "provision", "document",
          "against", "category", "class", "old", "new", "comments")  # comments: the thread, read, not imported
FORMAT = "legiscompare-decisions"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHOWN = ("note", "reviewer", "comments")  # written by people: shown with compare.visible (never old/new)


@dataclass
class ImportReport:
    """What an import did: decisions recorded, already current, and records not matched."""

    applied: int = 0
    unchanged: int = 0
    unmatched: list[dict[str, str]] = field(default_factory=list)


def export_records(store: Any, comparison_id: int) -> list[dict[str, str]]:
    """The current decisions of a comparison's differences, as flat records."""
    from .comments import comments_for

    decisions, threads = store.decisions_for(comparison_id), comments_for(store, comparison_id)
    out = []
    for d in store.differences(comparison_id):
        decision = decisions.get(d.fingerprint)
        if decision is None:
            continue
        thread = " | ".join(f"{c.author} {c.created_at.isoformat()}: {c.text}" for c in threads.get(d.fingerprint, []))
        out.append({"fingerprint": d.fingerprint, "status": decision.status, "note": decision.note,
                    "reviewer": decision.reviewer, "recorded_at": decision.created_at.isoformat(),
                    "row_id": d.row_id, "provision": d.row_label, "document": d.document, "against": d.against,
                    "category": d.category, "class": d.cls, "old": d.old, "new": d.new, "comments": thread})
    return out


def to_json(records: list[dict[str, str]]) -> str:
    """The records as a JSON document."""
    return json.dumps({"format": FORMAT, "version": 1, "decisions": records}, ensure_ascii=False, indent=1) + "\n"


def _safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) or value.startswith("'") else value


def _shown(key: str, value: str) -> str:
    """A cell as a spreadsheet shows it: names and notes with their invisible characters visible."""
    return visible(value, lines=key != "reviewer") if key in SHOWN else value


def to_csv(records: list[dict[str, str]]) -> str:
    """The records as CSV (a header line, then one line per decision)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for record in records:
        writer.writerow([_safe(_shown(k, str(record.get(k, "")))) for k in FIELDS])
    return buffer.getvalue()


def read_records(text: str) -> list[dict[str, str]]:
    """Records from an export in either format; ``InputError("invalid")`` if it is neither."""
    text = text.lstrip("\ufeff")
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InputError(None, "invalid", detail=L_("not a decisions export: {error}", error=str(exc))) from exc
        except RecursionError:  # json's parser recurses once per level of nesting
            raise InputError(None, "too_deep", limit=sys.getrecursionlimit()) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("decisions"), list):
            raise InputError(None, "invalid", detail=L_("not a {format} JSON document", format=FORMAT))
        return [{k: str(v) for k, v in r.items()} for r in data["decisions"] if isinstance(r, dict)]
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows and not text.startswith("fingerprint,") or rows and "fingerprint" not in rows[0]:
        raise InputError(None, "invalid", detail=L_("not a decisions export (CSV without a fingerprint column)"))
    return [{k: (v[1:] if v.startswith("'") else v) for k, v in r.items() if k} for r in rows]


def import_records(store: Any, records: list[dict[str, str]], comparison_id: int | None = None) -> ImportReport:
    """Re-apply ``records`` to the differences of ``store`` with the same fingerprints."""
    _refuse_hidden(records)
    report = ImportReport()
    present = None if comparison_id is None else {d.fingerprint for d in store.differences(comparison_id)}
    for record in records:
        fingerprint, status = record.get("fingerprint", ""), record.get("status", "")
        reviewer = record.get("reviewer", "").strip()
        if status not in DECISION_STATUSES or not reviewer or present is not None and fingerprint not in present:
            report.unmatched.append(record)  # a decision current elsewhere is no match for this comparison
            continue
        current = store.current_decisions([fingerprint]).get(fingerprint)
        if current is not None and (current.status, current.note, current.reviewer) == (
                status, record.get("note", ""), reviewer):
            report.unchanged += 1
            continue
        try:
            store.record_decision(fingerprint, status, record.get("note", ""), reviewer, comparison_id=comparison_id)
        except InputError:
            report.unmatched.append(record)
            continue
        report.applied += 1
    return report


def _refuse_hidden(records: list[dict[str, str]]) -> None:
    """``InputError`` naming the first record whose reviewer or note holds an invisible or control
    character (``records.check_visible``)."""
    for number, record in enumerate(records, 1):
        try:
            check_visible(record.get("reviewer", "").strip(), HIDDEN_REVIEWER)
            check_visible(record.get("note", ""), HIDDEN_NOTE, lines=True)
        except InputError as exc:
            raise InputError(None, "invalid", detail=L_("decision {number} of the file: {problem}", number=number,
                                                        problem=exc.params["detail"])) from None
