"""Structural differences: provisions added, deleted, absent, moved, split, merged or renumbered.

The alignment already knows these (a cell that is ``None``, a cell flagged ``moved``, a
cell of several ``parts``); this module turns them into ``Difference`` values of category
``structural`` so that they are stored, fingerprinted, listed, counted and decided like any
wording difference.

Public API:

- ``structural_differences(row, docs, base_id, context) -> list[Difference]``: the
  structural differences of one row, each document against the base (centre star).
- ``StructureContext(docs)``: what the wording of a difference needs across rows (the
  provision before each provision, in each document), built once per comparison.
- ``PRESENCE_CLASSES`` (from ``compare.vocabulary``): the classes that say a provision exists in one text and not in
  another (``added``, ``deleted``, ``absent``); they count as substantive for
  ``audit --fail-on substantive``. The others (``moved``, ``split``, ``merged``,
  ``renumbered``) rearrange text without changing it: any changed words inside a moved,
  split or merged provision are classified separately by the wording diff.
- ``status_key(diff)``: the row status a difference stands for (its class for structural
  differences, its category otherwise); ``weightiest(keys)``: the heaviest of them.

Classes (``document`` reads ``new``, ``against`` reads ``old``; ``against`` is the base):

- ``added`` / ``deleted``: the two texts are dated versions of one law (the same
  jurisdiction, different ``version_date``): the later version added the provision, or
  deleted it. ``old``/``new`` hold the provision's text in the earlier/later text.
- ``absent``: the texts are not versions of one law (e.g. different jurisdictions): one of
  them has the provision, the other has no such provision ("仅河北省有", "天津市无此条").
- ``unmatched``: the texts were drafted independently and matched by content
  (``compare.align.content``): no provision of the other text regulates this matter
  (无对应条款). Not a presence class: independent texts are not expected to hold the same
  provisions, so it informs without failing ``audit --fail-on substantive``; matched
  provisions are never ``moved`` or ``renumbered`` (their numbers and order are their own).
- ``moved``: the document has the provision at another place (``old``/``new`` are the
  numbers in the base and in the document).
- ``split``: one base provision is several in the document; ``merged``: several base
  provisions are one in the document (``old``/``new`` are the numbers).
- ``renumbered``: the same provision at the same place carries another number.
"""

from __future__ import annotations

from ..rules import Rule, join, make
from ..model import STATUSES, AlignmentRow, Cell, Difference, Document
from ..vocabulary import PRESENCE_CLASSES, STRUCTURAL, STRUCTURAL_CLASSES

CATEGORY = STRUCTURAL
CLASSES = STRUCTURAL_CLASSES



def _w(key: str, **params: str) -> Rule:
    """Structural wording in the user's language, with its code (``compare.rules``)."""
    return make("structural", key, **params)


class StructureContext:
    """Per comparison: the provision before each provision of each document, names, and how
    each document was aligned with the base (``methods``: doc id → "sequence" | "content")."""

    def __init__(self, docs: dict[str, Document], methods: dict[str, str] | None = None) -> None:
        self.docs = docs
        self.methods = methods or {}
        self.previous: dict[tuple[str, str], str | None] = {}
        for doc in docs.values():
            before = None
            for prov in doc.provisions:
                self.previous[(doc.id, prov.id)] = before
                before = prov.number

    def by_content(self, doc_id: str) -> bool:
        """Whether a document was matched to the base by content (drafted independently)."""
        return self.methods.get(doc_id) == "content"

    def name(self, doc_id: str) -> str:
        """The jurisdiction name of a document, or its id."""
        doc = self.docs[doc_id]
        return doc.jurisdiction.name if doc.jurisdiction else doc.id

    def versions(self, a: str, b: str) -> bool:
        """Whether two documents are dated versions of one law (same jurisdiction, other date)."""
        x, y = self.docs[a], self.docs[b]
        same_place = (x.jurisdiction.name if x.jurisdiction else None) == (y.jurisdiction.name if y.jurisdiction else None)
        return bool(same_place and x.version_date and y.version_date and x.version_date != y.version_date)

    def version(self, doc_id: str) -> str:
        """A version as words: "2023-09-01版"."""
        return _w("version", date=self.docs[doc_id].version_date or doc_id)

    def after(self, doc_id: str, cell: Cell) -> str:
        """Where a cell's first provision sits in its document: "十四之后" or "开头"."""
        before = self.previous.get((doc_id, cell.provisions[0].id))
        return _w("after", number=before) if before else _w("start")


def structural_differences(row: AlignmentRow, docs: dict[str, Document], base_id: str,
                           context: StructureContext) -> list[Difference]:
    """The structural differences of ``row``: each other document against the base."""
    out: list[Difference] = []
    base = row.cells.get(base_id)
    for doc_id, cell in row.cells.items():
        if doc_id == base_id or (cell is None and base is None):
            continue
        if context.by_content(doc_id):
            if cell is None or base is None:
                lacking = doc_id if cell is None else base_id
                out.append(Difference(doc_id, base_id, CATEGORY, "unmatched", base.text if base else "",
                                      cell.text if cell else "", _w("unmatched", name=context.name(lacking))))
        elif cell is None or base is None:
            out.append(_presence(row, doc_id, base_id, context))
        else:
            out.extend(_arrangement(base, cell, doc_id, base_id, context))
    return out


def _presence(row: AlignmentRow, doc_id: str, base_id: str, context: StructureContext) -> Difference:
    """``added``/``deleted`` between versions of one law, ``absent`` otherwise."""
    base, cell = row.cells.get(base_id), row.cells.get(doc_id)
    old, new = (base.text if base else ""), (cell.text if cell else "")
    if context.versions(doc_id, base_id):
        doc_later = (context.docs[doc_id].version_date or "") > (context.docs[base_id].version_date or "")
        later, earlier = (doc_id, base_id) if doc_later else (base_id, doc_id)
        has_later = row.cells.get(later) is not None
        cls = "added" if has_later else "deleted"
        if cls == "added":
            rule = _w("added", later=context.version(later))
        else:
            rule = _w("deleted", later=context.version(later), earlier=context.version(earlier),
                      number=row.cells[earlier].number)  # type: ignore[union-attr]
        return Difference(doc_id, base_id, CATEGORY, cls, old, new, rule)
    return Difference(doc_id, base_id, CATEGORY, "absent", old, new, _absence_rule(row, doc_id, base_id, context))


def _absence_rule(row: AlignmentRow, doc_id: str, base_id: str, context: StructureContext) -> str:
    """Which documents have the provision and which lack it, as the pair and the row show."""
    have = [d for d, c in row.cells.items() if c is not None]
    if row.cells.get(base_id) is None:  # the document has it: name every text that lacks it
        lacking = [d for d, c in row.cells.items() if c is None]
    else:
        lacking = [doc_id]
    parts: list[object] = [_w("lacks", name=join("structural", "sep", [context.name(d) for d in lacking]))]
    if len(have) == 1:
        parts.insert(0, _w("only", have=context.name(have[0])))
    return join("structural", "join", parts)


def _arrangement(base: Cell, cell: Cell, doc_id: str, base_id: str, context: StructureContext) -> list[Difference]:
    """``moved``, ``split``, ``merged`` or ``renumbered`` for two present cells."""
    base_name = context.name(base_id) if not context.versions(doc_id, base_id) else context.version(base_id)
    params = {"old": base.number, "new": cell.number, "base": base_name}
    out = []
    if cell.moved:
        rule = _w("moved", after=context.after(doc_id, cell), base=base_name, base_after=context.after(base_id, base))
        out.append(Difference(doc_id, base_id, CATEGORY, "moved", base.number, cell.number, rule))
    if len(cell.provisions) > len(base.provisions):
        out.append(Difference(doc_id, base_id, CATEGORY, "split", base.number, cell.number, _w("split", **params)))
    elif len(cell.provisions) < len(base.provisions):
        out.append(Difference(doc_id, base_id, CATEGORY, "merged", base.number, cell.number, _w("merged", **params)))
    elif not cell.moved and cell.number != base.number:
        out.append(Difference(doc_id, base_id, CATEGORY, "renumbered", base.number, cell.number,
                              _w("renumbered", **params)))
    return out


def status_key(diff: Difference) -> str:
    """The row status a difference stands for: its class if structural, else its category."""
    return diff.cls if diff.category == CATEGORY else diff.category


def weightiest(keys: list[str]) -> str:
    """The heaviest of some status keys (``model.STATUSES`` order), "identical" for none."""
    return max(keys, key=STATUSES.index) if keys else "identical"


def is_substantive(diff: Difference) -> bool:
    """Whether a difference fails ``audit --fail-on substantive``."""
    return diff.category == "substantive" or (diff.category == CATEGORY and diff.cls in PRESENCE_CLASSES)
