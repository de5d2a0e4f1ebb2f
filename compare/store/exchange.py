"""Decisions out and in: export a comparison's current decisions, re-apply them elsewhere.

Public API:

- ``export_records(store, comparison_id) -> list[dict]``: one record per current decision
  on a difference of the comparison, in report order: ``fingerprint``, ``status``, ``note``,
  ``reviewer``, ``recorded_at`` (in the reader's time zone with its offset,
  ``compare.i18n.local_time``) and, to read it by, ``row_id``, ``provision``, ``document``,
  ``against``, ``category``, ``class``, ``old``, ``new``, ``comments``; statuses, categories
  and classes as codes.
- ``to_json(records) -> str`` / ``to_csv(records, lang=None) -> str``: the export formats.
  JSON, for programs: ``{"format": "legiscompare-decisions", "version": 1, "decisions":
  [...]}`` with the record keys and codes. CSV, for people, in the reader's language: in
  Chinese the headers of ``compare --csv`` (差异指纹, 审查结论, …) and the names of statuses,
  categories and classes (接受, 行政区表述, …); in English the record keys and codes, as
  exports always were. Cells starting with ``= + - @``, tab or CR are prefixed with an
  apostrophe against spreadsheet formula injection, as OWASP advises; invisible and control
  characters of the note, reviewer and comments columns are written ``<U+XXXX>``
  (``compare.visible``).
- ``read_records(text) -> list[dict]``: either format in either language back as records
  (Chinese or English headers; a status as its code or its name in either language, or 驳回:
  ``vocabulary.decision_status``; the apostrophe removed again).
- ``import_records(store, records, comparison_id=None) -> ImportReport``: records each
  decision on the stored difference with the same fingerprint (in ``comparison_id`` if
  given), as a new decision by the original reviewer; a decision equal to the current one
  is left alone; records whose fingerprint is not stored are reported, never guessed, each
  with the other comparisons that hold it; records without a decision are passed over (so a
  ``compare --csv`` file with decisions filled in imports too: its headers are the export's). A reviewer or note with an invisible or control
  character refuses the whole import (``InputError``) before anything is recorded.
- ``holders(store, fingerprints=(), prefix=None) -> dict[str, list[int]]``: the stored
  comparisons holding each difference (what a command names when a fingerprint is not in
  the comparison it acts on).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from . import models as db
from ..errors import InputError
from ..i18n import L_, N_, P_, language, local_time, translate
from ..visible import visible
from ..vocabulary import NAMES, decision_status
from .records import DECISION_STATUSES, HIDDEN_NOTE, HIDDEN_REVIEWER, check_visible

FIELDS = ("fingerprint", "status", "note", "reviewer", "recorded_at", "row_id", "provision", "document",
          "against", "category", "class", "old", "new", "comments")  # comments: the thread, read, not imported
HEADERS = {  # a field's CSV header for a Chinese reader: the words of ``compare --csv`` where it has the column
    "fingerprint": N_("Fingerprint"), "status": P_("report", "Decision"), "note": N_("Decision note"),
    "reviewer": N_("Reviewer"), "recorded_at": P_("time", "Recorded"), "row_id": N_("Row ID"),
    "provision": N_("Provision"), "document": N_("Document"), "against": N_("Compared with"),
    "category": P_("report", "Category"), "class": P_("report", "Class"), "old": N_("Old"), "new": N_("New"),
    "comments": N_("Discussion"),
}
NAMED = ("status", "category", "class")  # codes written as names in a Chinese export
FORMAT = "legiscompare-decisions"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHOWN = ("note", "reviewer", "comments")  # written by people: shown with compare.visible (never old/new)


@dataclass
class ImportReport:
    """What an import did: decisions recorded (and on which comparisons), already current, and
    records not matched, each unmatched fingerprint with the stored comparisons holding it."""

    applied: int = 0
    unchanged: int = 0
    unmatched: list[dict[str, str]] = field(default_factory=list)
    recorded_on: Counter[int] = field(default_factory=Counter)
    elsewhere: dict[str, list[int]] = field(default_factory=dict)


def export_records(store: Any, comparison_id: int) -> list[dict[str, str]]:
    """The current decisions of a comparison's differences, as flat records."""
    from .comments import comments_for

    decisions, threads = store.decisions_for(comparison_id), comments_for(store, comparison_id)
    out = []
    for d in store.differences(comparison_id):
        decision = decisions.get(d.fingerprint)
        if decision is None:
            continue
        thread = " | ".join(f"{c.author} {local_time(c.created_at, precise=True)}: {c.text}"
                            for c in threads.get(d.fingerprint, []))
        out.append({"fingerprint": d.fingerprint, "status": decision.status, "note": decision.note,
                    "reviewer": decision.reviewer, "recorded_at": local_time(decision.created_at, precise=True),
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


def to_csv(records: list[dict[str, str]], lang: str | None = None) -> str:
    """The records as CSV in ``lang`` (default: the reader's language): a header line, then one
    line per decision."""
    lang = lang or language()
    names = NAMES[lang]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS if lang == "en" else [translate(HEADERS[k], lang) for k in FIELDS])
    for record in records:
        cells = []
        for key in FIELDS:
            value = _shown(key, str(record.get(key, "")))
            cells.append(_safe(names.get(value, value) if lang != "en" and key in NAMED else value))
        writer.writerow(cells)
    return buffer.getvalue()


def _field_of(header: str) -> str | None:
    """The record key a CSV header names: the key itself (English exports) or its header in
    either language."""
    header = header.strip()
    if header in FIELDS:
        return header
    return next((k for k, h in HEADERS.items() if header in (translate(h, "zh"), translate(h, "en"))), None)


def _record(raw: dict[str, str]) -> dict[str, str]:
    """A record read back: its status as a code when it names one (else as written)."""
    status = raw.get("status")
    if status is not None:
        raw["status"] = decision_status(status) or status
    return raw


def read_records(text: str) -> list[dict[str, str]]:
    """Records from an export in either format and language; ``InputError("invalid")`` if it is neither."""
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
        return [_record({k: str(v) for k, v in r.items()}) for r in data["decisions"] if isinstance(r, dict)]
    try:
        lines = csv.reader(io.StringIO(text))
        keys = [_field_of(h) for h in next(lines, [])]
        if "fingerprint" not in keys:
            raise InputError(None, "invalid", detail=L_("not a decisions export (CSV without a fingerprint column)"))
        return [_record({k: (v[1:] if v.startswith("'") else v) for k, v in zip(keys, line) if k})
                for line in lines if line]
    except csv.Error as exc:  # a cell past the csv module's field limit (128 KB), a NUL byte…
        raise InputError(None, "invalid", detail=L_("not a decisions export: {error}", error=str(exc))) from None


def holders(store: Any, fingerprints: Iterable[str] = (), prefix: str | None = None) -> dict[str, list[int]]:
    """Fingerprint → ids of the stored comparisons holding a difference with it, newest first:
    for each of ``fingerprints``, or for every fingerprint starting with ``prefix``."""
    wanted = list(dict.fromkeys(fingerprints))
    found: dict[str, list[int]] = {}
    with store.session() as session:
        query = select(db.Difference.fingerprint, db.Difference.comparison_id).distinct()
        if prefix is not None:
            queries = [query.where(db.Difference.fingerprint.startswith(prefix, autoescape=True))]
        else:
            queries = [query.where(db.Difference.fingerprint.in_(wanted[i:i + 500]))  # bounded IN lists
                       for i in range(0, len(wanted), 500)]
        for chunk in queries:
            for fingerprint, comparison_id in session.execute(chunk):
                found.setdefault(fingerprint, []).append(comparison_id)
    return {fp: sorted(ids, reverse=True) for fp, ids in found.items()}


def import_records(store: Any, records: list[dict[str, str]], comparison_id: int | None = None) -> ImportReport:
    """Re-apply ``records`` to the differences of ``store`` with the same fingerprints."""
    _refuse_hidden(records)
    report = ImportReport()
    wanted = [r.get("fingerprint", "") for r in records if r.get("status", "").strip()]
    present = set(holders(store, wanted)) if comparison_id is None else \
        {d.fingerprint for d in store.differences(comparison_id)}
    known = [fp for fp in dict.fromkeys(wanted) if fp in present]
    decided = {}  # the current decisions, fetched in bounded batches rather than one query per record
    for i in range(0, len(known), 500):
        decided.update(store.current_decisions(known[i:i + 500]))
    for record in records:
        fingerprint, status = record.get("fingerprint", ""), record.get("status", "")
        reviewer = record.get("reviewer", "").strip()
        if not status.strip():
            continue  # a line without a decision (``compare --csv`` with some filled in): nothing to import
        if status not in DECISION_STATUSES or not reviewer or fingerprint not in present:
            report.unmatched.append(record)  # unknown here, or a decision current elsewhere than this comparison
            continue
        current = decided.get(fingerprint)
        if current is not None and (current.status, current.note, current.reviewer) == (
                status, record.get("note", ""), reviewer):
            report.unchanged += 1
            continue
        try:
            decision = store.record_decision(fingerprint, status, record.get("note", ""), reviewer,
                                             comparison_id=comparison_id)
        except InputError:
            report.unmatched.append(record)
            continue
        report.applied += 1
        report.recorded_on[decision.comparison_id] += 1
    report.elsewhere = holders(store, [r.get("fingerprint", "") for r in report.unmatched])
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
