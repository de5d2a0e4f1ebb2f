"""Audit coordinated legislation: do the versions agree on all but jurisdictional wording?

``audit(comparison, fail_on, accepted) -> AuditReport`` runs each check on a finished
``Comparison`` and says pass or fail with the offending rows; ``audit_document(report,
comparison)`` makes of it the document ``compare.report.audit_document`` renders (HTML, PDF,
Word). The checks:

- ``provisions``: every provision exists in every version at the same place: each
  structural difference that adds, deletes, lacks, moves, splits or merges a provision is a
  finding (naming the documents, or the version dates of one law) unless a review decision
  accepts it;
- ``numbering``: aligned provisions carry the same number (the finding lists each
  document's number in document order; accepted structural differences of the row waive
  it), and each version numbers its own provisions without gaps or repeats;
- ``differences``: no difference at or above the ``fail_on`` level (but rewording in a text
  drafted independently, matched by content), unless a recorded review decision accepts it (``accepted`` holds the accepted difference fingerprints). Structural
  differences count at ``institution`` and ``any``; at ``substantive`` only those that say
  a provision is present in one text and not in another (added, deleted, absent);
- ``cross_references``: every 第X条 a text cites in itself (本条例第X条, 本决定第X条, 前条 …)
  exists in that text;
- ``effective_date``: the effective-date clauses (自…起施行) of the texts sharing a draft agree;
- ``jurisdiction``: each title and enacting body names the file's jurisdiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .classify.structural import PRESENCE_CLASSES, is_substantive
from .errors import language
from .i18n import N_, P_, _, by_language, ngettext
from .jurisdiction import load_divisions
from .model import AlignmentRow, Comparison, Difference, Document
from .numerals import chinese_to_int
from .report.audit_document import AuditDocument, AuditGroup, AuditItem, AuditSection, AuditText
from .report.comparative import anchors, content_documents, unmatched_rows
from .report.navigation import common_title, row_labels
from .structure.describe import describe_warning
from .vocabulary import NAMES

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
    "semicolon": N_("; "),
    "open": N_(" ("),
    "close": N_(")"),
    "no_name": N_("title and enacting body do not name {name}"),
    "sep": P_("list", ", "),
    "other_name": N_("the title names {title} but the enacting jurisdiction is {name}"),
})
_SELF_CITATION = re.compile(r"本(?:条例|法|决定|规定|办法|细则)第([零〇一二三四五六七八九十百千两\d]+)条")


CHECK_NAMES = by_language({
    "provisions": N_("every provision present"),
    "numbering": N_("numbering consistent"),
    "differences": N_("no difference above the level"),
    "cross_references": N_("cited provisions exist"),
    "effective_date": N_("effective dates agree"),
    "jurisdiction": N_("enacting body matches jurisdiction"),
})
CHECK_DESCRIPTIONS = by_language({
    "provisions": N_("Every provision of each text has a counterpart in every other text, or a reviewer accepted "
                     "its absence."),
    "numbering": N_("Aligned provisions carry the same number, and each text numbers its provisions without gaps or "
                    "repeats (texts drafted independently keep their own numbers)."),
    "differences": N_("No difference reaches the level that fails, unless a reviewer accepted it."),
    "cross_references": N_("Every provision a text cites in itself (this regulation's article N) exists in that "
                           "text."),
    "effective_date": N_("The texts take effect on the same date (texts drafted independently take effect on "
                         "their own)."),
    "jurisdiction": N_("Each title and enacting body names the text's own jurisdiction."),
})

@dataclass(frozen=True)
class Finding:
    """One thing that breaks a check: where (the document and its own number: "河南省第十一条",
    or a document or topic) and what is wrong."""

    where: str  # the document's name and its own provision number, or a document or topic
    detail: str
    row_id: str | None = None
    document: str | None = None  # id of the document the finding is about
    row_label: str | None = None  # the row's label (the base number), for failing_rows
    position: int = 0  # index of the provision in its document (findings read in its order)


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
    documents: list[str] = field(default_factory=list)  # document ids in comparison order
    labels: dict[str, str] = field(default_factory=dict)  # document id → its name as readers know it

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def by_document(self, check: CheckResult) -> dict[str | None, list[Finding]]:
        """A check's findings grouped by the document they are about (None: the whole set),
        documents in comparison order."""
        groups: dict[str | None, list[Finding]] = {d: [] for d in self.documents}
        for finding in check.findings:
            groups.setdefault(finding.document, []).append(finding)
        return {d: sorted(found, key=lambda f: f.position) for d, found in groups.items() if found}

    def first_findings(self, check: CheckResult, count: int) -> list[Finding]:
        """Up to ``count`` findings of ``check``, taken one text after another (each text's
        first, then each one's second…) and listed by text, so a short sample shows every text."""
        groups = list(self.by_document(check).values())
        taken = [0] * len(groups)
        for depth in range(max(map(len, groups), default=0)):
            for n, found in enumerate(groups):
                if depth < len(found) and sum(taken) < count:
                    taken[n] += 1
        return [f for found, n in zip(groups, taken) for f in found[:n]]

    def failing_rows(self) -> list[str]:
        """Labels of the rows named by any failing check, in row order, once per row."""
        rows = dict.fromkeys((f.row_id, f.row_label or f.where) for c in self.checks for f in c.findings if f.row_id)
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
    return AuditReport(checks, fail_on, [row.id for row in comparison.rows], [d.id for d in comparison.documents],
                       {d.id: _label(comparison, d.id) for d in comparison.documents})


def audit_document(report: AuditReport, comparison: Comparison, accepted: int | None = None) -> AuditDocument:
    """The audit as a document (``compare.report.audit_document`` renders it): the texts,
    each check's findings in all and per text, and the findings grouped by check and text,
    each with its row in the comparison report. ``accepted``: how many differences a stored
    decision accepted (None: no database was read)."""
    lang = language()
    names, descriptions = CHECK_NAMES[lang], CHECK_DESCRIPTIONS[lang]
    where = _report_places(comparison, report.labels)
    grouped = {c.name: report.by_document(c) for c in report.checks}
    whole_set = any(None in groups for groups in grouped.values())
    columns: list[str | None] = [*report.documents, *([None] if whole_set else [])]
    sections = tuple(AuditSection(
        c.name, names[c.name], descriptions[c.name], c.passed,
        tuple(len(grouped[c.name].get(col, ())) for col in columns),
        tuple(AuditGroup(report.labels.get(doc) if doc else None, tuple(_item(f, where) for f in found),
                         columns.index(doc)) for doc, found in grouped[c.name].items()))
        for c in report.checks)
    texts = tuple(AuditText(report.labels[d.id], d.title, d.version_date or d.adopted or "", d.source.name,
                            d.id == comparison.base) for d in comparison.documents)
    dates = sorted(d.version_date or d.adopted or "" for d in comparison.documents)
    return AuditDocument(common_title(comparison), report.passed, report.fail_on, accepted, texts,
                         tuple(report.labels.get(c) if c else None for c in columns), sections, dates[-1] or None)


def _report_places(comparison: Comparison, labels: dict[str, str]) -> dict[tuple[str, str], tuple[str, str, bool]]:
    """(row id, document id) → where the comparison report shows that provision: the row's
    label, its fragment id, and whether it is listed among the provisions without counterpart."""
    hidden, anchor_of, label_of = unmatched_rows(comparison), anchors(comparison), row_labels(comparison, labels)
    return {(row.id, doc_id): (label_of[row.id][0], anchor_of[(doc_id, cell.provisions[0].id)], row.id in hidden)
            for row in comparison.rows for doc_id, cell in row.cells.items() if cell is not None and cell.provisions}


def _item(finding: Finding, where: dict[tuple[str, str], tuple[str, str, bool]]) -> AuditItem:
    place = where.get((finding.row_id or "", finding.document or ""))
    if place is None:
        return AuditItem(finding.where, finding.detail, finding.row_label or "",
                         f"row-{finding.row_id}" if finding.row_id else None)
    label, anchor, unmatched = place
    return AuditItem(finding.where, finding.detail, label, anchor, unmatched)


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
    """Each provision one text has and others lack (or hold elsewhere): one finding per
    provision and kind, named by the text that has it and its own number."""
    result = CheckResult("provisions")
    for row, diffs in zip(comparison.rows, open_):
        grouped: dict[tuple[str, str], list[Difference]] = {}
        for diff in diffs:
            if diff.category == "structural" and diff.cls in _PLACEMENT | {"unmatched"}:
                owner = diff.document if row.cells.get(diff.document) is not None else diff.against
                grouped.setdefault((owner, diff.cls), []).append(diff)
        for (owner, cls), found in grouped.items():
            result.findings.append(_at(comparison, row, owner, _placement(comparison, owner, cls, found)))
    return result


def _placement(comparison: Comparison, owner: str, cls: str, diffs: list[Difference]) -> str:
    """What a provision's structural differences say: the texts without counterpart named
    once ("河南省、广东省无对应条款"), else each rule once."""
    if cls == "unmatched":
        lacking = [d.document if d.against == owner else d.against for d in diffs]
        names = _w("sep").join(_label(comparison, d) for d in dict.fromkeys(lacking))
        return _("no counterpart in {name}", language()).format(name=names)
    rules = dict.fromkeys(str(d.rule or d.document) for d in diffs)
    return f"{NAMES[language()][cls]}{_w('colon')}" + "; ".join(rules)


def _at(comparison: Comparison, row: AlignmentRow, doc_id: str, detail: str) -> Finding:
    """A finding on ``doc_id``'s provision in ``row``: "河南省第十一条"."""
    cell = row.cells.get(doc_id)
    number = cell.number if cell is not None else row.label
    base = row.cells.get(comparison.base)
    position = _position(comparison, doc_id, cell.provisions[0].id) if cell is not None else 0
    return Finding(f"{_label(comparison, doc_id)}{number}", detail, row.id, doc_id,
                   base.number if base is not None else row.label, position)


def _position(comparison: Comparison, doc_id: str, provision_id: str) -> int:
    doc = next(d for d in comparison.documents if d.id == doc_id)
    return next((k for k, p in enumerate(doc.provisions) if p.id == provision_id), 0)


def _numbering(comparison: Comparison, open_: list[list[Difference]]) -> CheckResult:
    """Aligned provisions of texts that share a draft carry one number (texts matched by
    content number their own way), and each text numbers without gaps."""
    result = CheckResult("numbering")
    by_content = set(content_documents(comparison))
    for row, diffs in zip(comparison.rows, open_):
        numbers = [(d, c.number) for d, c in row.cells.items() if c is not None and d not in by_content]
        structural = [d for d in row.differences if d.category == "structural"]
        waived = structural and not any(d.category == "structural" for d in diffs)
        if len({n for _, n in numbers}) > 1 and not waived:
            listed = " / ".join(f"{_label(comparison, d)} {n}" for d, n in numbers)
            for doc_id, _number in numbers[1:]:
                if _number != numbers[0][1]:
                    result.findings.append(_at(comparison, row, doc_id, _w("numbers") + listed))
    for doc in comparison.documents:
        for warning in doc.warnings:
            kind = warning.split(":", 1)[0]
            if kind in ("skipped_number", "repeated_number", "out_of_order"):
                result.findings.append(Finding(_label(comparison, doc.id), describe_warning(warning, language()),
                                               document=doc.id))
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
    """Per row and per text that departs from the base: how (classes) and how often. A text
    drafted independently words every provision its own way: its rewording is not listed."""
    result = CheckResult("differences")
    by_content = set(content_documents(comparison))
    for row, diffs in zip(comparison.rows, open_):
        by_doc: dict[str, list[Difference]] = {}
        for diff in diffs:
            independent = diff.document in by_content or diff.against in by_content  # no shared draft
            if fails(diff, fail_on) and not (independent and diff.cls == "wording"):
                owner = diff.document if row.cells.get(diff.document) is not None else diff.against
                by_doc.setdefault(owner, []).append(diff)
        for doc_id in (d.id for d in comparison.documents if d.id in by_doc):
            result.findings.append(_at(comparison, row, doc_id, _summary(by_doc[doc_id])))
    return result


def _summary(diffs: list[Difference]) -> str:
    """How a text differs: "列举项、措辞（8 处）"."""
    classes = sorted({NAMES[language()][d.cls] for d in diffs})
    places = ngettext("{count} place", "{count} places", len(diffs), language()).format(count=len(diffs))
    return f"{_w('sep').join(classes)}{_w('open')}{places}{_w('close')}"


def _cross_references(comparison: Comparison) -> CheckResult:
    """Each self-citation (本条例第九条) whose article the citing text lacks, at the citing
    provision and its row."""
    result = CheckResult("cross_references")
    row_of = {(doc_id, p.id): row for row in comparison.rows for doc_id, cell in row.cells.items()
              if cell is not None for p in cell.provisions}
    for doc in comparison.documents:
        articles = {p.ordinal for p in doc.provisions if p.kind == "article"}
        if not articles:
            continue
        for position, prov in enumerate(doc.provisions):
            for match in _SELF_CITATION.finditer(prov.text):
                number = chinese_to_int(match.group(1))
                if number not in articles:
                    detail = _w("cites").format(number=prov.number, ref=match.group(0))
                    row = row_of.get((doc.id, prov.id))
                    base = row.cells.get(comparison.base) if row is not None else None
                    result.findings.append(Finding(
                        f"{_label(comparison, doc.id)}{prov.number}", detail, row.id if row else None, doc.id,
                        base.number if base is not None else (row.label if row else None), position))
    return result


def effective_date(doc: Document) -> str | None:
    """What the text says about when it takes effect: a date, "公布之日", or None (the
    structure stage reads it; 施行, 实施 and 生效 clauses alike)."""
    return doc.effective


def _effective_dates(comparison: Comparison) -> CheckResult:
    """The base and the texts sharing its draft take effect together; a text drafted
    independently takes effect when its own legislature decides."""
    result = CheckResult("effective_date")
    by_content = set(content_documents(comparison))
    dates = {doc.id: effective_date(doc) for doc in comparison.documents if doc.id not in by_content}
    if len(set(dates.values())) > 1:
        detail = _w("semicolon").join(f"{_label(comparison, d)}{_w('colon')}{v or _w('unset')}"
                                      for d, v in dates.items())
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
            result.findings.append(Finding(_label(comparison, doc.id), _w("no_name").format(name=jur.name),
                                           document=doc.id))
        titled = title_division(doc.title)
        if titled is not None and titled.name != jur.name and not _related(titled.code, jur.code):
            detail = _w("other_name").format(title=titled.name, name=jur.name)
            result.findings.append(Finding(_label(comparison, doc.id), detail, document=doc.id))
    return result


def title_division(title: str):  # type: ignore[no-untyped-def]
    """The division a title starts with (河北省测试条例 → 河北省), if any."""
    from .jurisdiction.infer import pick, start_pattern

    table = load_divisions()
    match = start_pattern(table).match(title)
    return pick(table.find(match.group(1)), table) if match else None


def _related(a: str, b: str | None) -> bool:
    """One division contains the other (a city's regulation titled with its province…)."""
    table = load_divisions()

    def lineage(code: str | None) -> set[str]:
        node = table.get(code) if code else None
        return {d.code for d in table.lineage(node)} if node else set()

    return a in lineage(b) or (b is not None and b in lineage(a))
