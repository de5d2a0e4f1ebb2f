"""The audit as a document to attach to a memo: HTML, PDF (the HTML printed) and Word.

Public API:

- ``AuditDocument`` and its parts (``AuditText``, ``AuditSection``, ``AuditGroup``,
  ``AuditItem``): plain values, built by ``compare.audit.audit_document`` (this layer never
  imports the audit), rendered here as they are.
- ``audit_html(document, lang, report_href=None) -> str``: one self-contained page on the
  comparison report's base template (same CSP, nothing fetched): a one-line title, the
  verdict, the texts compared, a summary table (each check: result, findings in all and per
  text), then the findings of each failing check grouped by text. With ``report_href`` (the
  comparison report, relative to this page) each finding links to its row there.
- ``audit_pdf(document, lang) -> bytes``: the page printed by headless Chromium (A4
  portrait; no links: a PDF travels without the report).
- The Word document: ``audit_docx.audit_docx(document, lang) -> bytes``.

Deterministic: the same document gives the same bytes in every format.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..i18n import N_, by_language, ngettext

__all__ = ["AuditDocument", "AuditGroup", "AuditItem", "AuditSection", "AuditText", "AUDIT_LABELS",
           "audit_html", "audit_pdf", "fragment", "verdict_line"]


@dataclass(frozen=True)
class AuditText:
    """One text compared, as the document lists it."""

    label: str  # the jurisdiction (dated where two share it), as findings name the text
    title: str
    version: str
    file: str
    base: bool = False


@dataclass(frozen=True)
class AuditItem:
    """One finding: the text's own provision ("河南省第五条") and what is wrong."""

    where: str
    detail: str
    row: str = ""  # the row as the comparison report labels it ("" when it has none)
    anchor: str | None = None  # the row's fragment id in the comparison report
    unmatched: bool = False  # listed among the provisions without counterpart, not in the table


@dataclass(frozen=True)
class AuditGroup:
    """The findings of one check on one text (``label`` None: on the whole set)."""

    label: str | None
    items: tuple[AuditItem, ...]
    column: int = 0  # its column in the summary (``AuditDocument.columns``)


@dataclass(frozen=True)
class AuditSection:
    """One check: its result, its findings in all and per summary column, and the findings."""

    key: str
    name: str
    description: str
    passed: bool
    counts: tuple[int, ...]  # per column of ``AuditDocument.columns``
    groups: tuple[AuditGroup, ...]

    @property
    def count(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class AuditDocument:
    """Everything the audit document shows, already in the reader's words."""

    subject: str  # the title the texts share (优化营商环境条例)
    passed: bool
    fail_on: str  # substantive, institution or any
    accepted: int | None  # differences a reviewer accepted (None: no database was read)
    texts: tuple[AuditText, ...]
    columns: tuple[str | None, ...]  # the summary's per-text columns (None: the whole set)
    sections: tuple[AuditSection, ...]
    date: str | None = None  # the latest version date of the texts (the Word file's date)


AUDIT_LABELS = by_language({
    "title": N_("Audit report"),
    "colon": N_(": "),
    "open": N_(" ("),
    "close": N_(")"),
    "passed": N_("Audit passed"),
    "failed": N_("Audit failed"),
    "all_passed": N_("all {total} checks passed"),
    "some_failed": N_("{failed} of {total} checks failed, {count} in all"),
    "level": N_("Lowest level that fails"),
    "substantive": N_("substantive differences"),
    "institution": N_("institution names too"),
    "any": N_("any difference, jurisdictional wording too"),
    "decisions": N_("Differences a reviewer accepted in the database do not fail: {n} accepted."),
    "no_decisions": N_("No review decisions were read (--no-db): every difference counts."),
    "links": N_("Each finding links to its row in the comparison report {file}."),
    "texts": N_("Documents compared"),
    "document": N_("Document"),
    "doc_title": N_("Title"),
    "version": N_("Version (latest adoption or revision)"),
    "file": N_("File"),
    "base": N_("Base text"),
    "summary": N_("Summary"),
    "summary_hint": N_("Each check's result and its findings, in all and per text."),
    "check": N_("Check"),
    "result": N_("Result"),
    "findings": N_("Findings"),
    "pass": N_("pass"),
    "fail": N_("FAIL"),
    "whole_set": N_("all texts"),
    "provision": N_("Provision"),
    "finding": N_("What is wrong"),
    "row": N_("Row in the comparison report"),
    "unmatched": N_("Provisions without counterpart"),
})


def verdict_line(document: AuditDocument, lang: str) -> str:
    """The verdict in one line: "审核不通过：6 项检查中 3 项不通过，共 301 项"."""
    t = AUDIT_LABELS[lang]
    total, failed = len(document.sections), sum(not s.passed for s in document.sections)
    if document.passed:
        return f"{t['passed']}{t['colon']}" + t["all_passed"].format(total=total)
    count = ngettext("{n} finding", "{n} findings", sum(s.count for s in document.sections), lang)
    count = count.format(n=sum(s.count for s in document.sections))
    return f"{t['failed']}{t['colon']}" + t["some_failed"].format(failed=failed, total=total, count=count)


def basis_lines(document: AuditDocument, lang: str) -> list[str]:
    """What the verdict rests on: the level that fails and whether review decisions counted."""
    t = AUDIT_LABELS[lang]
    level = f"{t['level']}{t['colon']}{t[document.fail_on]}{t['open']}--fail-on {document.fail_on}{t['close']}"
    decisions = t["no_decisions"] if document.accepted is None else t["decisions"].format(n=document.accepted)
    return [level, decisions]


def heading_of(section: AuditSection, lang: str) -> str:
    """A check's heading: "条款齐全：不通过（257 处）"."""
    t = AUDIT_LABELS[lang]
    count = ngettext("{n} finding", "{n} findings", section.count, lang).format(n=section.count)
    return f"{section.name}{t['colon']}{t['pass' if section.passed else 'fail']}{t['open']}{count}{t['close']}"


def group_heading(group: AuditGroup, lang: str) -> str:
    """A text's heading within a check: "山东省（51 处）"."""
    t = AUDIT_LABELS[lang]
    count = ngettext("{n} finding", "{n} findings", len(group.items), lang).format(n=len(group.items))
    return f"{group.label or t['whole_set']}{t['open']}{count}{t['close']}"


def fragment(anchor: str) -> str:
    """``anchor`` as a URL fragment: characters that would end or break it escaped, the rest
    (Chinese included) kept, as browsers match it against the row's id."""
    return "".join(quote(c, safe="") if c in ' "#%<>`\\^{|}' or ord(c) < 0x20 or ord(c) == 0x7F else c
                   for c in anchor)


def audit_html(document: AuditDocument, lang: str = "zh", report_href: str | None = None) -> str:
    """The audit as one self-contained HTML page (see the module docstring)."""
    from . import _environment

    t = AUDIT_LABELS[lang]
    title = f"{t['title']}{t['colon']}{document.subject}"
    return _environment().get_template("audit.html").render(
        lang=lang, d=document, t=t, title=title, verdict=verdict_line(document, lang),
        basis=basis_lines(document, lang), report_href=report_href, fragment=fragment,
        heading_of=lambda s: heading_of(s, lang), group_heading=lambda g: group_heading(g, lang),
        links_note=t["links"].format(file=report_href) if report_href else "")


def audit_pdf(document: AuditDocument, lang: str = "zh") -> bytes:
    """The audit page printed to PDF by headless Chromium (``pdf.pdf_bytes``), without links."""
    from .pdf import pdf_bytes

    return pdf_bytes(audit_html(document, lang))
