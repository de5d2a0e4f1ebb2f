"""Audit coordinated legislation: do the versions agree on all but jurisdictional wording?

``audit(comparison, fail_on, accepted) -> AuditReport`` runs each check on a finished
``Comparison`` and says pass or fail with the offending rows:

- ``provisions``: every provision exists in every version at the same place: each
  structural difference that adds, deletes, lacks, moves, splits or merges a provision is a
  finding (naming the documents, or the version dates of one law) unless a review decision
  accepts it;
- ``numbering``: aligned provisions carry the same number (the finding lists each
  document's number in document order; accepted structural differences of the row waive
  it), and each version numbers its own provisions without gaps or repeats;
- ``differences``: no difference at or above the ``fail_on`` level, unless a recorded review
  decision accepts it (``accepted`` holds the accepted difference fingerprints). Structural
  differences count at ``institution`` and ``any``; at ``substantive`` only those that say
  a provision is present in one text and not in another (added, deleted, absent);
- ``cross_references``: every 第X条 a text cites in itself (本条例第X条, 本决定第X条, 前条 …)
  exists in that text;
- ``effective_date``: the effective-date clauses (自…起施行) agree;
- ``jurisdiction``: each title and enacting body names the file's jurisdiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .classify.structural import PRESENCE_CLASSES, is_substantive
from .errors import language
from .model import Comparison, Difference, Document
from .report.labels import NAMES
from .structure.describe import describe_warning
from .structure.numbers import chinese_to_int
from .i18n import N_, P_, by_language, ngettext

FAIL_LEVELS = {
    "substantive": ("substantive",),
    "institution": ("institution", "structural", "substantive"),
    "any": ("jurisdictional", "institution", "structural", "substantive"),
}
_PLACEMENT = PRESENCE_CLASSES | {"moved", "split", "merged"}  # the provisions check reports these
WORDS = by_language({
    "numbers": N_("numbers differ: "),
    "cites": N_("{number} cites {ref}, which does not exist"),
    "effective": N_("effective date"),
    "unset": N_("not stated"),
    "colon": N_(": "),
    "no_name": N_("title and enacting body do not name {name}"),
    "sep": P_("list", ", "),
    "other_name": N_("the title names {title} but the enacting jurisdiction is {name}"),
})
_SELF_CITATION = re.compile(r"本(?:条例|法|决定|规定|办法|细则)第([零〇一二三四五六七八九十百千两\d]+)条")


@dataclass(frozen=True)
class Finding:
    """One thing that breaks a check: the row (or document) and what is wrong."""

    where: str  # row label or document id
    detail: str
    row_id: str | None = None


@dataclass
class CheckResult:
    """The outcome of one check."""

    name: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.findings


@dataclass
class AuditReport:
    """All checks; the audit passes when every check passes."""

    checks: list[CheckResult]
    fail_on: str
    row_order: list[str] = field(default_factory=list)  # row ids in comparison order

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def failing_rows(self) -> list[str]:
        """Labels of the rows named by any failing check, in row order, once per row."""
        rows = dict.fromkeys((f.row_id, f.where) for c in self.checks for f in c.findings if f.row_id)
        position = {row_id: n for n, row_id in enumerate(self.row_order)}
        return [label for _, label in sorted(rows, key=lambda r: position.get(r[0], len(position)))]


def audit(comparison: Comparison, fail_on: str = "substantive", accepted: set[str] | None = None,
          fingerprints: list[list[str]] | None = None) -> AuditReport:
    """Run every check on ``comparison``.

    ``fingerprints`` gives, row by row, the stored identity of each difference (as
    ``store.difference_fingerprints`` computes it), and ``accepted`` the identities a review
    decision accepted: those do not fail the audit.
    """
    open_ = _open_differences(comparison, accepted or set(), fingerprints)
    checks = [
        _provisions(comparison, open_),
        _numbering(comparison, open_),
        _differences(comparison, fail_on, open_),
        _cross_references(comparison),
        _effective_dates(comparison),
        _jurisdiction(comparison),
    ]
    return AuditReport(checks, fail_on, [row.id for row in comparison.rows])


def _w(key: str) -> str:
    return WORDS[language()][key]


def _name(comparison: Comparison, doc_id: str) -> str:
    doc = next(d for d in comparison.documents if d.id == doc_id)
    return doc.jurisdiction.name if doc.jurisdiction else doc.id


def _open_differences(comparison: Comparison, accepted: set[str],
                      fingerprints: list[list[str]] | None) -> list[list[Difference]]:
    """Row by row, the differences no review decision accepted."""
    out = []
    for n, row in enumerate(comparison.rows):
        ids = fingerprints[n] if fingerprints else [""] * len(row.differences)
        out.append([d for d, fp in zip(row.differences, ids) if fp not in accepted])
    return out


def _provisions(comparison: Comparison, open_: list[list[Difference]]) -> CheckResult:
    result = CheckResult("provisions")
    for row, diffs in zip(comparison.rows, open_):
        for diff in diffs:
            if diff.category == "structural" and diff.cls in _PLACEMENT:
                detail = f"{NAMES[language()][diff.cls]}{_w('colon')}{diff.rule or diff.document}"
                result.findings.append(Finding(row.label, detail, row.id))
    return result


def _numbering(comparison: Comparison, open_: list[list[Difference]]) -> CheckResult:
    result = CheckResult("numbering")
    for row, diffs in zip(comparison.rows, open_):
        numbers = [(d, c.number) for d, c in row.cells.items() if c is not None]
        structural = [d for d in row.differences if d.category == "structural"]
        waived = structural and not any(d.category == "structural" for d in diffs)
        if len({n for _, n in numbers}) > 1 and not waived:
            listed = " / ".join(f"{_label(comparison, d)} {n}" for d, n in numbers)
            result.findings.append(Finding(row.label, _w("numbers") + listed, row.id))
    for doc in comparison.documents:
        for warning in doc.warnings:
            kind = warning.split(":", 1)[0]
            if kind in ("skipped_number", "repeated_number", "out_of_order"):
                result.findings.append(Finding(_name(comparison, doc.id), describe_warning(warning, language())))
    return result


def _label(comparison: Comparison, doc_id: str) -> str:
    """A document as a reader knows it: its jurisdiction, with its version date when two share it."""
    names = [_name(comparison, d.id) for d in comparison.documents]
    doc = next(d for d in comparison.documents if d.id == doc_id)
    name = _name(comparison, doc_id)
    return f"{name}（{doc.version_date or doc.id}）" if names.count(name) > 1 else name


def fails(diff: Difference, fail_on: str) -> bool:
    """Whether ``diff`` is at or above the ``fail_on`` level (see the module docstring)."""
    if fail_on == "substantive":
        return is_substantive(diff)
    return diff.category in FAIL_LEVELS[fail_on]


def _differences(comparison: Comparison, fail_on: str, open_: list[list[Difference]]) -> CheckResult:
    result = CheckResult("differences")
    for row, diffs in zip(comparison.rows, open_):
        failing = [d for d in diffs if fails(d, fail_on)]
        if failing:
            result.findings.append(Finding(row.label, _summary(comparison, failing), row.id))
    return result


def _summary(comparison: Comparison, diffs: list[Difference]) -> str:
    """Who differs and how: "天津市、河北省: 列举项、措辞 (8 处)"."""
    who = sorted({_label(comparison, d.document) for d in diffs})
    classes = sorted({NAMES[language()][d.cls] for d in diffs})
    places = ngettext("{count} place", "{count} places", len(diffs), language()).format(count=len(diffs))
    return f"{_w('sep').join(who)}: {_w('sep').join(classes)} ({places})"


def _cross_references(comparison: Comparison) -> CheckResult:
    result = CheckResult("cross_references")
    for doc in comparison.documents:
        articles = {p.ordinal for p in doc.provisions if p.kind == "article"}
        if not articles:
            continue
        for prov in doc.provisions:
            for match in _SELF_CITATION.finditer(prov.text):
                number = chinese_to_int(match.group(1))
                if number not in articles:
                    detail = _w("cites").format(number=prov.number, ref=match.group(0))
                    result.findings.append(Finding(_name(comparison, doc.id), detail))
    return result


def effective_date(doc: Document) -> str | None:
    """What the text says about when it takes effect: a date, "公布之日", or None (the
    structure stage reads it; 施行, 实施 and 生效 clauses alike)."""
    return doc.effective


def _effective_dates(comparison: Comparison) -> CheckResult:
    result = CheckResult("effective_date")
    dates = {doc.id: effective_date(doc) for doc in comparison.documents}
    if len(set(dates.values())) > 1:
        detail = "; ".join(f"{_label(comparison, d)}: {v or _w('unset')}" for d, v in dates.items())
        result.findings.append(Finding(_w("effective"), detail))
    return result


def _jurisdiction(comparison: Comparison) -> CheckResult:
    result = CheckResult("jurisdiction")
    for doc in comparison.documents:
        jur = doc.jurisdiction
        if jur is None or jur.level == "national":
            continue
        named = [text for text in (doc.title, doc.adoption_note or "") if text]
        if not any(jur.name in text or (jur.name[:-1] and text.startswith(jur.name[:-1])) for text in named):
            result.findings.append(Finding(_name(comparison, doc.id), _w("no_name").format(name=jur.name)))
        titled = title_division(doc.title)
        if titled is not None and titled.name != jur.name and not _related(titled.code, jur.code):
            detail = _w("other_name").format(title=titled.name, name=jur.name)
            result.findings.append(Finding(_name(comparison, doc.id), detail))
    return result


def title_division(title: str):  # type: ignore[no-untyped-def]
    """The division a title starts with (河北省测试条例 → 河北省), if any."""
    from .jurisdiction import load_divisions
    from .jurisdiction.infer import pick, start_pattern

    table = load_divisions()
    match = start_pattern(table).match(title)
    return pick(table.find(match.group(1)), table) if match else None


def _related(a: str, b: str | None) -> bool:
    """One division contains the other (a city's regulation titled with its province…)."""
    from .jurisdiction import load_divisions

    table = load_divisions()

    def lineage(code: str | None) -> set[str]:
        node = table.get(code) if code else None
        return {d.code for d in table.lineage(node)} if node else set()

    return a in lineage(b) or (b is not None and b in lineage(a))
