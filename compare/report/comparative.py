"""What a 立法比较 report adds when texts were matched by content (drafted independently).

Public API:

- ``content_documents(comparison) -> list[str]``: ids of the documents matched to the base
  by content (``Comparison.options["method:DOC"] == "content"``), in document order.
- ``unmatched_rows(comparison) -> set[str]``: rows the base lacks whose every provision
  belongs to a content-matched document: they are listed per jurisdiction under their own
  chapters (``unmatched``), not as one-sided rows of the 对照表.
- ``unmatched(comparison) -> [UnmatchedGroup]``: per content-matched document and chapter,
  its provisions with no counterpart in the base (无对应条款), each with the provisions of
  other texts that read like it (a row they share).
- ``coverage(comparison) -> Coverage``: who regulates what, how closely: the base's chapters
  (and its provisions outside chapters) × the content-matched documents, each cell the
  number of the chapter's base provisions with a counterpart there and their mean
  similarity; then each document's chapters with provisions the base lacks.
- ``notable_differences(row, doc_id)``: the classified differences of a content-matched cell
  worth naming beside it (normative, quantity, list item, …: not wording or formatting).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import AlignmentRow, Comparison, Difference

__all__ = ["content_documents", "unmatched_rows", "anchors", "provision_anchor", "unmatched", "coverage", "notable_differences",
           "substantive_row",
           "Coverage", "CoverageRow", "CoverageCell", "UnmatchedGroup", "UnmatchedItem"]

QUIET_CLASSES = frozenset({"wording", "unmatched"})  # named by the row itself, not listed per cell
NOTABLE_SHOWN = 6  # notable differences listed per cell at most


@dataclass(frozen=True)
class CoverageCell:
    """One document's coverage of one chapter."""

    matched: int  # provisions of the chapter with a counterpart in the document
    total: int  # provisions of the chapter
    similarity: float | None  # mean similarity of the matched ones (None when none)

    @property
    def share(self) -> float:
        return self.matched / self.total if self.total else 0.0


@dataclass(frozen=True)
class CoverageRow:
    """A chapter: the base's (``owner`` the base id) or one another text alone has."""

    owner: str  # document whose chapter this is
    heading: str  # chapter heading, "" for provisions outside any chapter
    anchor: str  # fragment id of the chapter's first row or provision (a link target)
    cells: dict[str, CoverageCell] = field(default_factory=dict)  # doc id → its coverage


@dataclass(frozen=True)
class Coverage:
    """The coverage matrix of a comparison with content-matched documents."""

    columns: tuple[str, ...]  # the content-matched documents
    base_rows: tuple[CoverageRow, ...]  # the base's chapters, in order
    own_rows: tuple[CoverageRow, ...]  # other texts' chapters with provisions the base lacks


@dataclass(frozen=True)
class UnmatchedItem:
    """A provision with no counterpart in the base."""

    row: str  # the row that holds it
    provision: str  # provision id
    number: str
    text: str
    also: tuple[tuple[str, str], ...] = ()  # (doc id, number) of other texts' provisions in its row


@dataclass(frozen=True)
class UnmatchedGroup:
    """One document's provisions without counterpart under one of its chapters."""

    document: str
    heading: str
    items: tuple[UnmatchedItem, ...]


def provision_anchor(doc_id: str, provision_id: str) -> str:
    """Fragment id of a provision listed in the 无对应条款 section."""
    return f"prov-{doc_id}-{provision_id.replace('/', '-')}"


def anchors(comparison: Comparison) -> dict[tuple[str, str], str]:
    """(doc id, provision id) → where the report shows it: its row, or its place among the
    provisions without counterpart."""
    hidden = unmatched_rows(comparison)
    return {(doc_id, p.id): provision_anchor(doc_id, p.id) if row.id in hidden else f"row-{row.id}"
            for row in comparison.rows for doc_id, cell in row.cells.items() if cell is not None
            for p in cell.provisions}


def content_documents(comparison: Comparison) -> list[str]:
    """Documents matched to the base by content, in document order."""
    return [d.id for d in comparison.documents if comparison.options.get(f"method:{d.id}") == "content"]


def unmatched_rows(comparison: Comparison) -> set[str]:
    """Rows without a base provision whose provisions all belong to content-matched texts."""
    by_content = set(content_documents(comparison))
    if not by_content:
        return set()
    return {row.id for row in comparison.rows
            if row.cells.get(comparison.base) is None
            and all(doc_id in by_content for doc_id, cell in row.cells.items() if cell is not None)}


def unmatched(comparison: Comparison) -> list[UnmatchedGroup]:
    """Per content-matched document, its provisions without counterpart, by its chapters."""
    hidden = unmatched_rows(comparison)
    row_of = {(doc_id, p.id): row for row in comparison.rows if row.id in hidden
              for doc_id, cell in row.cells.items() if cell is not None for p in cell.provisions}
    groups: list[UnmatchedGroup] = []
    for doc in comparison.documents:
        current: list[UnmatchedItem] = []
        heading = None
        for prov in doc.provisions:
            row = row_of.get((doc.id, prov.id))
            if row is None:
                continue
            chapter = prov.chapter or ""
            if current and chapter != heading:
                groups.append(UnmatchedGroup(doc.id, heading or "", tuple(current)))
                current = []
            heading = chapter
            also = tuple((d, c.number) for d, c in row.cells.items() if c is not None and d != doc.id)
            current.append(UnmatchedItem(row.id, prov.id, prov.number, prov.text, also))
        if current:
            groups.append(UnmatchedGroup(doc.id, heading or "", tuple(current)))
    return groups


def coverage(comparison: Comparison) -> Coverage:
    """The coverage matrix (see the module docstring)."""
    columns = tuple(content_documents(comparison))
    base_rows: list[CoverageRow] = []
    chapter_rows: dict[str, list[AlignmentRow]] = {}
    first_row: dict[str, str] = {}
    for row in comparison.rows:
        base = row.cells.get(comparison.base)
        if base is None:
            continue
        heading = base.provisions[0].chapter or ""
        chapter_rows.setdefault(heading, []).append(row)
        first_row.setdefault(heading, row.id)
    for heading, rows in chapter_rows.items():
        cells = {doc_id: _cell(rows, doc_id) for doc_id in columns}
        base_rows.append(CoverageRow(comparison.base, heading, f"row-{first_row[heading]}", cells))
    return Coverage(columns, tuple(base_rows), tuple(_own_rows(comparison, columns)))


def _cell(rows: list[AlignmentRow], doc_id: str) -> CoverageCell:
    scores = [max(c.similarity for c in row.counterparts[doc_id] if c.placed)
              for row in rows if any(c.placed for c in row.counterparts.get(doc_id, ()))]
    return CoverageCell(len(scores), len(rows), round(sum(scores) / len(scores), 2) if scores else None)


def _own_rows(comparison: Comparison, columns: tuple[str, ...]) -> list[CoverageRow]:
    """Each content-matched document's chapters holding provisions the base lacks: the
    document's own cell counts them (``total``; ``matched`` 0: none has a counterpart in the
    base), the others count those of them that share a row with one of theirs."""
    out = []
    for group in _by_chapter(unmatched(comparison)):
        cells = {}
        for doc_id in columns:
            if doc_id == group.document:
                cells[doc_id] = CoverageCell(0, len(group.items), None)
            else:
                shared = sum(any(d == doc_id for d, _ in item.also) for item in group.items)
                cells[doc_id] = CoverageCell(shared, len(group.items), None)
        out.append(CoverageRow(group.document, group.heading, provision_anchor(group.document, group.items[0].provision),
                               cells))
    return out


def _by_chapter(groups: list[UnmatchedGroup]) -> list[UnmatchedGroup]:
    """Groups of one document and chapter joined (a chapter may be interrupted by matched ones)."""
    merged: dict[tuple[str, str], list] = {}
    for group in groups:
        merged.setdefault((group.document, group.heading), []).extend(group.items)
    return [UnmatchedGroup(doc, heading, tuple(items)) for (doc, heading), items in merged.items()]


def notable_differences(row: AlignmentRow, doc_id: str) -> list[Difference]:
    """The differences of a content-matched cell a reader should see named: not formatting,
    jurisdictional wording or plain rewording; each (class, old, new) once."""
    seen = set()
    out = []
    for diff in row.differences:
        key = (diff.cls, diff.old, diff.new)
        if diff.document != doc_id or diff.cls in QUIET_CLASSES or key in seen:
            continue
        if diff.category in ("formatting", "jurisdictional"):
            continue
        seen.add(key)
        out.append(diff)
    return out[:NOTABLE_SHOWN]


SUBSTANTIVE_STATUSES = frozenset({"substantive", "added", "deleted", "absent", "unmatched", "missing"})
PRESENCE = frozenset({"added", "deleted", "absent"})


def substantive_row(row: AlignmentRow, content_docs: list[str]) -> bool:
    """Whether the "substantive only" filter shows a row. Without texts matched by content:
    its status is of substance. With them, where every counterpart is worded differently
    and coverage has its own matrix: a named difference inside matched provisions
    (``notable_differences``: a duty, a quantity, a list item, a reference, an institution),
    or a difference of substance of a text matched in sequence."""
    if not content_docs:
        return row.status in SUBSTANTIVE_STATUSES
    return (any(notable_differences(row, d) for d in content_docs)
            or any(d.document not in content_docs and (d.category == "substantive" or d.cls in PRESENCE)
                   for d in row.differences))
