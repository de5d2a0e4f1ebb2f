"""The decision as a Word file, with its 修改前后对照表 (before/after table) as part two.

``decision_docx(decision, amended, lang) -> bytes``: part one is the decision (title,
numbered instructions, closing), part two a two-column table 修改前 / 修改后 of every
provision an instruction touches (added and deleted ones with an empty side) and of every
renamed heading, in the order of the text (``table_rows``), the words changed marked by
``compare.diff.word_diff``: deleted struck through in red on the left, inserted bold and
underlined in blue on the right. Fonts, fixed core-property dates and zip entry times
come from ``compare.report.docx_export``, so the same input gives a byte-identical file.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from ..diff import word_diff
from ..report.word import FIXED_TIME, heading as _heading, reproducible_zip, run as _run, set_fonts
from .apply import Amended
from ..instrument.headings import LEVELS, Key, heading_key, old_headings, split_heading
from ..instrument.model import PREAMBLE, ArticleKey, Decision
from ..instrument.numbering import provision_key
from ..numerals import cn
from ..instrument.render import closing_text, numbered_items, title_text
from ..i18n import N_, by_language

RED = RGBColor(0xC0, 0x1C, 0x28)
BLUE = RGBColor(0x1A, 0x5F, 0xB4)
LABELS = by_language({
    "table": N_("Before / after table"),
    "before": N_("Before"),
    "after": N_("After"),
})


def decision_docx(decision: Decision, amended: Amended, lang: str = "zh") -> bytes:
    """The .docx bytes of the decision and its before/after table."""
    doc = WordDocument()
    _setup(doc, title_text(decision, lang), lang)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER  # as decisions are printed
    _run(title, title_text(decision, lang), bold=True, size=16)
    for item in numbered_items(decision, lang):
        for line in item.split("\n"):
            _run(doc.add_paragraph(), line)
    for line in closing_text(decision, lang):
        _run(doc.add_paragraph(), line)
    heading = _heading(doc, LABELS[lang]["table"], 2)
    heading.paragraph_format.page_break_before = True
    _table(doc, decision, amended, lang)
    buffer = io.BytesIO()
    doc.save(buffer)
    return reproducible_zip(buffer.getvalue())


def _setup(doc: Any, title: str, lang: str) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(defaults)
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "legiscompare", "legiscompare"
    props.comments, props.language, props.revision = "legiscompare", "zh-CN" if lang == "zh" else "en", 1
    props.created = props.modified = FIXED_TIME


def touched(decision: Decision) -> set[ArticleKey]:
    """Old provision keys an instruction changes, deletes or merges."""
    return {t.key for ins in decision.instructions if ins.kind != "add_article" for t in ins.targets}


def table_rows(decision: Decision, amended: Amended) -> list[tuple[str, str]]:
    """(before, after) texts of the table, in the order of the text: touched and added
    provisions where they stand in the amended text, each deleted (or merged-away) one
    right after the row of the old provision before it; a heading deleted, added, renamed,
    moved or renumbered is a row of its own before the first row under it."""
    old = {provision_key(p): p for p in amended.document.provisions
           if p.kind == "preamble" or (p.kind in ("article", "item") and p.ordinal is not None)}
    numbering = "第{}条{}" if any(p.kind == "article" for p in amended.document.provisions) else "{}{}、"
    numbers = amended.numbers()
    changed = touched(decision)
    kept = {origin for origin in amended.origins if origin is not None}
    gone = sorted(n for n in changed - kept if n in old)
    rows: list[tuple[str, str]] = []
    headings = _Headings(amended)
    for kind, key in reading_order(amended.origins, gone, _continuing(amended, gone)):
        if kind == "old":
            rows += headings.opened_by(old[key])
            rows.append((_labelled(numbering, key, old[key].text), ""))
            continue
        (_, lines, _), origin = amended.provisions[key], amended.origins[key]
        rows += headings.before(key)
        after = _labelled(numbering, numbers[key], "\n".join(lines))
        if origin is None:
            rows.append(("", after))
        elif origin in changed:
            rows.append((_labelled(numbering, origin, old[origin].text), after))
    return rows


def reading_order(origins: list[ArticleKey | None], gone: list[ArticleKey],
                  continuing: frozenset[int] = frozenset()) -> list[tuple[str, Any]]:
    """The table's entries in the order of the text: ("new", index into the amended
    provisions) and ("old", key of a deleted old provision). A deleted provision comes
    right after the kept one before it in the old text, before what was added there, except
    the added provisions in ``continuing`` (indices), which come first: they go on under
    the kept one's heading while the deleted ones open another.

    >>> reading_order([(1, 0), None, (4, 0)], [(2, 0), (2, 1), (5, 0)])
    [('new', 0), ('old', (2, 0)), ('old', (2, 1)), ('new', 1), ('new', 2), ('old', (5, 0))]
    >>> reading_order([None, (2, 0)], [(1, 0)])
    [('old', (1, 0)), ('new', 0), ('new', 1)]
    >>> reading_order([(1, 0), None, (4, 0)], [(2, 0), (3, 0)], frozenset({1}))
    [('new', 0), ('new', 1), ('old', (2, 0)), ('old', (3, 0)), ('new', 2)]
    """
    pending = sorted(gone)
    following = _next_kept(origins)
    out: list[tuple[str, Any]] = []
    shown: set[int] = set()

    def flush(limit: ArticleKey | None) -> None:  # the deleted ones before old provision ``limit``
        while pending and (limit is None or pending[0] < limit):
            out.append(("old", pending.pop(0)))

    flush(following[0])
    for index, origin in enumerate(origins):
        if index in shown:
            continue
        out.append(("new", index))
        if origin is not None:
            after = index + 1
            while after < len(origins) and origins[after] is None and after in continuing:
                out.append(("new", after))
                shown.add(after)
                after += 1
            flush(following[index + 1])
    return out


def _continuing(amended: Amended, gone: list[ArticleKey]) -> frozenset[int]:
    """Added provisions right after a kept one, under its headings (no heading line before
    them), where the next deleted old provision opened a heading of its own."""
    first_of = {h.first for h in old_headings(amended.document)}
    pending = set(gone)
    out: set[int] = set()  # indices
    for index, origin in enumerate(amended.origins):
        if origin is None or not any(n in first_of for n in _deleted_after(origin, pending, amended.origins, index)):
            continue
        after = index + 1
        while after < len(amended.origins) and amended.origins[after] is None and not amended.outline[after]:
            out.add(after)
            after += 1
    return frozenset(out)


def _deleted_after(origin: ArticleKey, pending: set[ArticleKey], origins: list[ArticleKey | None],
                   index: int) -> list[ArticleKey]:
    """The deleted old provisions between kept ``origin`` and the next kept one."""
    later = next((o for o in origins[index + 1:] if o is not None), None)
    return sorted(n for n in pending if n > origin and (later is None or n < later))


def _next_kept(origins: list[ArticleKey | None]) -> list[ArticleKey | None]:
    """For the start and after each amended provision: the old key of the next kept one."""
    out: list[ArticleKey | None] = [None]
    for origin in reversed(origins):
        out.append(origin if origin is not None else out[-1])
    return out[::-1]


class _Headings:
    """The table's heading rows: (old, "") for a heading deleted, ("", new) for one added,
    (old, new) for one renamed, moved or renumbered; each heading once, before the first row
    under it."""

    def __init__(self, amended: Amended) -> None:
        self.amended = amended
        self.new_text = {line.key: line.text for lines in amended.outline for line in lines if line.key}
        self.old_at = {line.key: i for i, lines in enumerate(amended.old_outline) for line in lines if line.key}
        self.old_text: dict[Key, str] = {}  # each old heading as it first stands
        for line in (x for lines in amended.old_outline for x in lines if x.key):
            self.old_text.setdefault(line.key, line.text)
        self.new_at = {line.key: i for i, lines in enumerate(amended.outline) for line in lines if line.key}
        self.first = {h.key: h.first for h in old_headings(amended.document)}
        self.shown: set[Key] = set()

    def _row(self, key: Key, old: str) -> list[tuple[str, str]]:
        if key in self.shown:
            return []
        self.shown.add(key)
        new = self.new_text.get(key)
        if new is None:
            return [(old, "")]
        if _title(old) != _title(new) or self.old_at.get(key) != self.new_at.get(key) or _number(old) != _number(new):
            return [(old, new)]
        return []

    def opened_by(self, prov: Any) -> list[tuple[str, str]]:
        """Rows of the old headings a deleted provision was the first under."""
        rows: list[tuple[str, str]] = []
        for level in LEVELS:
            key = heading_key(prov, level)
            if key is not None and self.first.get(key) == provision_key(prov):
                rows += self._row(key, getattr(prov, level))
        return rows

    def before(self, index: int) -> list[tuple[str, str]]:
        """Rows of the headings standing, before or after amendment, before provision ``index``."""
        rows: list[tuple[str, str]] = []
        for line in self.amended.old_outline[index]:
            rows += self._row(line.key, line.text) if line.key not in self.new_at else []
        for line in self.amended.outline[index]:
            rows += [("", line.text)] if line.key is None else self._row(line.key, self.old_text[line.key])
        return rows



def _number(text: str) -> int | None:
    return split_heading(text)[0]


def _title(text: str) -> str:
    return "".join(split_heading(text)[2].split())


def _labelled(numbering: str, number: ArticleKey | None, text: str) -> str:
    """``text`` under its number (第十条之一　…); the preamble (None or (0, 0)) without one."""
    if number is None or number == PREAMBLE:
        return text
    return numbering.format(cn(number[0]), f"之{cn(number[1])}" if number[1] else "") + "　" + text


def _table(doc: Any, decision: Decision, amended: Amended, lang: str) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, (LABELS[lang]["before"], LABELS[lang]["after"])):
        _run(cell.paragraphs[0], text, bold=True)
    for before, after in table_rows(decision, amended):
        left, right = table.add_row().cells
        spans = word_diff(before, after)
        heading = is_heading_row(before, after)
        _fill(left, [(s.old, s.op == "delete") for s in spans if s.op != "insert"], RED, strike=True, heading=heading)
        _fill(right, [(s.new, s.op == "insert") for s in spans if s.op != "delete"], BLUE, strike=False,
              heading=heading)


def is_heading_row(before: str, after: str) -> bool:
    """Whether a table row is a heading's (第X章 …, 第X节 …) rather than a provision's."""
    return all(not side or (split_heading(side)[0] is not None and "\n" not in side) for side in (before, after))


def _fill(cell: Any, parts: list[tuple[str, bool]], color: RGBColor, strike: bool, heading: bool = False) -> None:
    """Write runs into a cell, starting a paragraph at each line break (a heading's row
    centred, in 黑体)."""
    paragraph = cell.paragraphs[0]
    for text, marked in parts:
        for n, piece in enumerate(text.split("\n")):
            if n:
                paragraph = cell.add_paragraph()
            if heading:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if piece:
                _run(paragraph, piece, color=color if marked else None, strike=strike and marked,
                     bold=marked and not strike, underline=marked and not strike, heading=heading)
