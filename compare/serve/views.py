"""What the comparison page shows: rows, the differences listed per cell, their decisions.

Pure functions over store results, so the filters can be tested without a server.
Filters (``?show=``):

- ``review`` (default): rows with a non-formatting difference, listing all of those;
- ``undecided``: only the non-formatting differences without a decision;
- ``substantive``: only substantive differences (with the structural ones that say a
  provision is present in one text and absent in another: added, deleted, absent);
- ``structural``: only structural differences (added, deleted, absent, moved, split,
  merged, renumbered provisions);
- ``all``: every row; formatting differences are summed up per cell by class (no form).

Further filters combine with ``show`` (``View``): ``doc`` (a document id), ``category``,
``cls`` (a class), ``decision`` (``undecided``, ``decided`` or a decision status), ``by``
(the reviewer of the current decision) and ``chapter`` (the base text's chapter the row
stands in: with "decide all shown", a decision on a whole chapter). ``View.query()`` is the query string that
brings the same view back, so a save returns to it.

The rows a view shows are served ``PAGE_ROWS`` at a time (``page``, from 1): a comparison
of 2,000 rows opens at once on its first page, never as thousands of forms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from urllib.parse import urlencode

from ..classify.structural import is_substantive
from ..vocabulary import CLASS_CATEGORY
from ..model import CATEGORIES, AlignmentRow, Comparison, Difference
from ..store import DECISION_STATUSES, ReviewDecision, StoredDifference

SHOWS = ("review", "undecided", "substantive", "structural", "all")
DECISION_FILTERS = ("undecided", "decided", *DECISION_STATUSES)
MAX_FILTER = 200  # characters of a document id or reviewer name in a filter
PAGE_ROWS = 50  # rows on one page of the comparison
MAX_PAGE = 100_000


class BadView(ValueError):
    """A filter value that is not allowed; ``args``: (parameter, value)."""


@dataclass(frozen=True)
class View:
    """The filters of the comparison page (empty string: no filter)."""

    show: str = "review"
    doc: str = ""
    category: str = ""
    cls: str = ""
    decision: str = ""
    by: str = ""
    chapter: str = ""  # the base text's chapter heading (row_chapter)
    page: str = ""  # "" or "1": the first page

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> View:
        """The view named by query parameters, or ``BadView`` for a value out of range."""
        values = {f.name: str(params.get(f.name, "") or "").strip() for f in fields(cls)}
        values["show"] = values["show"] or "review"
        allowed = {"show": SHOWS, "category": CATEGORIES, "cls": tuple(CLASS_CATEGORY), "decision": DECISION_FILTERS}
        for name, choices in allowed.items():
            if values[name] and values[name] not in choices:
                raise BadView(name, values[name][:80])
        for name in ("doc", "by", "chapter"):
            if len(values[name]) > MAX_FILTER:
                raise BadView(name, values[name][:80])
        if values["page"] and not (values["page"].isdigit() and 1 <= int(values["page"]) <= MAX_PAGE):
            raise BadView("page", values["page"][:80])
        values["page"] = "" if values["page"] in ("", "1") else str(int(values["page"]))
        return cls(**values)

    @property
    def number(self) -> int:
        """The page shown (1 for the first)."""
        return int(self.page or 1)

    def query(self, **changes: str) -> str:
        """The query string of this view (with ``changes``), defaults left out."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        return urlencode({k: v for k, v in values.items() if v and not (k == "show" and v == "review")})

    @property
    def narrowed(self) -> bool:
        """Whether any filter besides ``show`` is on."""
        return self.filtered or bool(self.chapter)

    @property
    def filtered(self) -> bool:
        """Whether a filter on the differences themselves is on (all but ``show`` and ``chapter``)."""
        return any((self.doc, self.category, self.cls, self.decision, self.by))

    def at_page(self, number: int) -> View:
        """This view on page ``number`` (the first page is the default: no ``page``)."""
        return replace(self, page="" if number == 1 else str(number))


@dataclass(frozen=True)
class Item:
    """One listed difference of a cell."""

    diff: Difference
    fingerprint: str | None  # None if the store no longer has it (re-saved meanwhile)
    decision: ReviewDecision | None

    @property
    def reviewable(self) -> bool:
        """Whether the page offers a decision form (formatting differences need none)."""
        return self.fingerprint is not None and self.diff.category != "formatting"


@dataclass(frozen=True)
class RowView:
    row: AlignmentRow
    items: dict[str, list[Item]]  # document id → its listed differences
    formatting: dict[str, Counter[str]] = field(default_factory=dict)  # document id → class counts (``all``)


@dataclass(frozen=True)
class Counts:
    total: int  # non-formatting differences
    decided: int

    @property
    def undecided(self) -> int:
        return self.total - self.decided


def listed(item: Item, view: View | str) -> bool:
    """Whether ``item`` is listed under ``view`` (or a bare ``show`` filter name)."""
    view = View(show=view) if isinstance(view, str) else view
    category = item.diff.category
    if category == "formatting" or not _matches(item, view):
        return False
    show = view.show
    if show == "undecided":
        return item.decision is None
    if show == "substantive":
        return is_substantive(item.diff)
    if show == "structural":
        return category == "structural"
    return True


def _matches(item: Item, view: View) -> bool:
    """Whether ``item`` passes the document, category, class, decision and reviewer filters."""
    diff, decision = item.diff, item.decision
    if (view.doc and diff.document != view.doc) or (view.category and diff.category != view.category):
        return False
    if view.cls and diff.cls != view.cls:
        return False
    if view.decision == "undecided" and decision is not None:
        return False
    if view.decision and view.decision != "undecided" and (
            decision is None or view.decision not in ("decided", decision.status)):
        return False
    return not view.by or (decision is not None and decision.reviewer == view.by)


def row_chapter(row: AlignmentRow, base: str) -> str:
    """The chapter heading a row stands in: its base provision's, else its first provision's."""
    cells = [row.cells.get(base)] + [c for d, c in row.cells.items() if d != base]
    prov = next((c.provisions[0] for c in cells if c and c.provisions), None)
    return (prov.chapter or "") if prov else ""


def chapters(comparison: Comparison) -> list[str]:
    """The chapter headings of a comparison's rows, in order, each once."""
    return [c for c in dict.fromkeys(row_chapter(r, comparison.base) for r in comparison.rows) if c]


def build_rows(comparison: Comparison, stored: list[StoredDifference] | Mapping[tuple[str, int], str],
               decisions: dict[str, ReviewDecision], view: View | str) -> tuple[list[RowView], Counts]:
    """The rows shown under ``view`` and the review counts of the whole comparison;
    ``stored``: the stored differences, or their fingerprints by (row id, position)
    (``Store.difference_keys``)."""
    view = View(show=view) if isinstance(view, str) else view
    show = view.show
    fingerprints = stored if isinstance(stored, Mapping) else {(d.row_id, d.position): d.fingerprint for d in stored}
    total = decided = 0
    views = []
    for row in comparison.rows:
        items: dict[str, list[Item]] = {doc.id: [] for doc in comparison.documents}
        formatting: dict[str, Counter[str]] = {doc.id: Counter() for doc in comparison.documents}
        shown = False
        in_chapter = not view.chapter or row_chapter(row, comparison.base) == view.chapter
        for position, diff in enumerate(row.differences):
            fp = fingerprints.get((row.id, position))
            item = Item(diff, fp, decisions.get(fp) if fp else None)
            if diff.category != "formatting":
                total += 1
                decided += item.decision is not None
            elif show == "all":
                formatting[diff.document][diff.cls] += 1
            if listed(item, view) and in_chapter:
                items[diff.document].append(item)
                shown = True
        if shown or (show == "all" and in_chapter and not view.filtered):
            views.append(RowView(row, items, formatting if show == "all" else {}))
    return views, Counts(total, decided)




@dataclass(frozen=True)
class Page:
    """One page of the rows a view shows: its number, its rows and every page's span."""

    number: int
    rows: list[RowView]
    spans: list[tuple[str, str]]  # per page: labels of its first and last rows

    @property
    def count(self) -> int:
        return len(self.spans)


def paged(rows: list[RowView], view: View) -> Page:
    """The page of ``rows`` that ``view`` asks for (the last one if it asks past the end)."""
    spans = [(rows[i].row.label, rows[min(i + PAGE_ROWS, len(rows)) - 1].row.label)
             for i in range(0, len(rows), PAGE_ROWS)]
    number = min(view.number, max(len(spans), 1))
    return Page(number, rows[(number - 1) * PAGE_ROWS:number * PAGE_ROWS], spans)


def row_pages(rows: list[RowView]) -> dict[str, int]:
    """Row id → the page on which it stands."""
    return {v.row.id: i // PAGE_ROWS + 1 for i, v in enumerate(rows)}


def page_of_row(rows: list[RowView], row_id: str) -> int:
    """The page on which row ``row_id`` stands (1 if the view does not show it)."""
    return row_pages(rows).get(row_id, 1)


def listed_fingerprints(rows: list[RowView]) -> list[str]:
    """The fingerprints of the reviewable differences the rows list (a bulk decision's scope)."""
    return [item.fingerprint for view in rows for items in view.items.values() for item in items
            if item.reviewable and item.fingerprint]


def reviewers(decisions: Mapping[str, ReviewDecision]) -> list[str]:
    """The names of the reviewers with a current decision, sorted (the reviewer filter)."""
    return sorted({d.reviewer for d in decisions.values()})
