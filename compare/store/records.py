"""Plain values the store returns, and the fingerprints that identify what it stores.

Nothing here touches the database: the fingerprints are pure functions of the pipeline's
data, so the CLI and the reports can compute them without a store.

- ``comparison_fingerprint(comparison)``: identifies a run's *inputs* (document contents and
  options). Saving a comparison with the same fingerprint updates the stored one in place.
- ``document_identities(documents)``: what each document *is* (jurisdiction and title;
  with its version date or content hash only when two versions of one work are compared),
  never its file name or position among the arguments.
- ``comparison_subject(identities, options)``: identifies *what is being compared*.
  Comparisons with the same subject are successive versions of the same review: a
  decision made on one is checked for obsolescence against the others.
- ``difference_fingerprint(diff, anchor)``: identifies one difference across re-runs,
  renames and shifts; review decisions are keyed by it. ``difference_fingerprints(comparison)``
  gives the fingerprints the store uses for every difference of a comparison.
- ``check_reviewer(name)`` / ``check_visible(text, message, lines)``: ``InputError`` for a
  reviewer name that is empty, too long or holds an invisible or control character, and for
  a note, comment or account name holding one (a note may hold line breaks and tabs;
  ``compare.visible``): what the store records is what a reader sees.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime

from ..errors import InputError
from ..i18n import L_, N_
from ..ingest import comparison_form
from ..model import AlignmentRow, Comparison, Difference, Document
from ..visible import hidden_char

DECISION_STATUSES = ("accepted", "needs_harmonisation", "fixed", "rejected")
MAX_NOTE = 2000  # characters of a decision note
MAX_REVIEWER = 200  # characters of a reviewer name
FINGERPRINT_VERSION = "2"  # bump only together with a migration that recomputes stored fingerprints
CONTEXT_CHARS = 8  # characters of surrounding text either side that anchor a difference


@dataclass(frozen=True)
class SavedComparison:
    """What ``Store.save_comparison`` did."""

    id: int  # database id of the comparison
    fingerprint: str  # comparison_fingerprint(); the same inputs give the same value
    created: bool  # True for a new comparison, False when an existing one was updated in place
    documents_added: int  # documents stored for the first time (the others were already known)
    rows: int
    differences: int
    decisions_reattached: int  # current decisions whose difference is still present
    decisions_obsolete: int  # decisions of this review whose difference disappeared
    instructions: int = 0  # amendment instructions stored with it (``save_comparison(…, drafts)``)


@dataclass(frozen=True)
class ReviewDecision:
    """One review decision on a difference (decisions are never edited: a new one supersedes)."""

    id: int
    difference_fingerprint: str
    comparison_id: int  # the comparison the decision was recorded on
    status: str  # one of DECISION_STATUSES
    note: str
    reviewer: str
    created_at: datetime  # timezone-aware, UTC
    obsolete: bool = False  # its difference is absent from the comparison it was read for


@dataclass(frozen=True)
class StoredDifference:
    """A stored difference, with where it sits in the comparison."""

    id: int
    comparison_id: int
    fingerprint: str
    row_id: str  # AlignmentRow.id
    row_label: str
    row_position: int  # 0-based order of the row in the comparison
    position: int  # 0-based order of the difference within its row
    document: str  # id of the document that reads ``new``
    against: str  # id of the document that reads ``old``
    document_provisions: str  # provision ids of the ``document`` cell, joined with "+"
    against_provisions: str  # provision ids of the ``against`` cell, joined with "+"
    category: str
    cls: str
    old: str
    new: str
    rule: str | None


@dataclass(frozen=True)
class ComparisonSummary:
    """One stored comparison, for listings."""

    id: int
    fingerprint: str
    subject: str
    documents: tuple[str, ...]  # document ids in column order, base first
    base: str
    rows: int
    differences: int
    decided: int  # differences with a current decision
    created_at: datetime
    updated_at: datetime
    supersedes: int | None = None  # the comparison this re-run replaced
    superseded_by: int | None = None  # the re-run that replaced it (None: the latest of its subject)
    archived: bool = False  # hidden by ``comparisons delete`` (nothing of it is deleted)


def sha256_of(parts: object) -> str:
    data = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def comparison_fingerprint(comparison: Comparison) -> str:
    """sha256 over the sorted document sha256s and the sorted options."""
    hashes = sorted(d.source.sha256 for d in comparison.documents)
    return sha256_of(["comparison", hashes, sorted(chosen_options(comparison.options).items())])


def chosen_options(options: dict[str, str]) -> dict[str, str]:
    """The options a user chose, without what the engine decided and recorded beside them
    (``method:DOC``, the alignment method it used per document; ``chosen:PATH``, why
    ``--similar-in`` chose a text)."""
    return {k: v for k, v in options.items() if not k.startswith(("method:", "chosen:"))}


def comparison_subject(identities: list[str] | tuple[str, ...], options: dict[str, str]) -> str:
    """sha256 over the sorted document identities and the options that do not name files.

    ``identities`` are ``document_identities`` values (jurisdiction and title), so renaming,
    moving or reordering the input files, or revising a text, keeps the subject. Options
    keyed by file path (``base``, ``jurisdiction:PATH``) are left out.
    """
    kept = sorted((k, v) for k, v in chosen_options(options).items()
                  if k != "base" and not k.startswith("jurisdiction:"))
    return sha256_of(["subject", FINGERPRINT_VERSION, sorted(identities), kept])


def work_key(jurisdiction: str | None, title: str) -> str:
    """What a document is, whatever its file is called: jurisdiction code (or name) and title.

    >>> work_key("110000", " 北京市 促进条例 ")
    '110000|北京市促进条例'
    """
    return f"{jurisdiction or ''}|{''.join(comparison_form(title).split())}"


def identities_of(items: list[tuple[str, str, str | None, str]], base: str | None = None) -> dict[str, str]:
    """Document id → identity, from ``(id, work_key, version_date, sha256)`` tuples.

    The work key alone where it is unique in the comparison. Two versions of one work
    compared with each other add their version date; with the same date, the base document
    is ``@base`` and another one ``@other`` (its content hash only when a third shares all
    of these). Never the file name, never the argument order.
    """
    def unique(keys: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
        counts = Counter(keys.values())
        return {i: k if counts[k] == 1 else f"{k}@{extra[i]}" for i, k in keys.items()}

    keys = {i: work for i, work, _, _ in items}
    keys = unique(keys, {i: date or "" for i, _, date, _ in items})
    keys = unique(keys, {i: "base" if i == base else "other" for i, _, _, _ in items})
    return unique(keys, {i: sha for i, _, _, sha in items})


def document_identities(documents: tuple[Document, ...] | list[Document], base: str | None = None) -> dict[str, str]:
    """``identities_of`` for pipeline documents (``base``: the id of the comparison's base)."""
    return identities_of([(d.id, work_key(_jurisdiction_key(d), d.title), d.version_date, d.source.sha256)
                          for d in documents], base)


def _jurisdiction_key(doc: Document) -> str | None:
    return (doc.jurisdiction.code or doc.jurisdiction.name) if doc.jurisdiction else None


def cell_ids(row: AlignmentRow) -> dict[str, str]:
    """Document id → the stable provision ids of its cell joined with "+" (absent cells left out)."""
    return {doc: "+".join(p.id for p in cell.provisions) for doc, cell in row.cells.items() if cell}


@dataclass(frozen=True)
class Anchor:
    """Where a difference sits, independently of file names and of other differences."""

    document: str  # identity of the document reading ``new`` (``document_identities``)
    against: str  # identity of the document reading ``old``
    document_cell: str  # provision ids of its cell, joined with "+"
    against_cell: str
    context: str  # normalised text just around the difference (``difference_context``)


def difference_fingerprint(diff: Difference, anchor: Anchor) -> str:
    """sha256 hex identifying ``diff`` across re-runs, renames and shifts.

    Hashed: both documents' identities and cell provision ids, the category and class,
    ``comparison_form`` of the old and new text, and the text around the difference (as
    ``patch`` anchors a hunk by its context), so two identical differences in one provision
    differ by where they are, not by how many came before. Any difference class goes
    through this one function.

    >>> d = Difference("b", "a", "formatting", "punctuation", ",", "，")
    >>> fp = difference_fingerprint(d, Anchor("B|法", "A|法", "item3", "item3", "甲|乙"))
    >>> len(fp), fp == difference_fingerprint(d, Anchor("B|法", "A|法", "item3", "item3", "丙|丁"))
    (64, False)
    """
    return sha256_of([
        "difference", FINGERPRINT_VERSION, anchor.against, anchor.against_cell, anchor.document,
        anchor.document_cell, diff.category, diff.cls, comparison_form(diff.old), comparison_form(diff.new),
        anchor.context,
    ])


def difference_context(old_text: str, new_text: str, old: str, new: str, occurrence: int) -> str:
    """The normalised text around the ``occurrence``-th appearance of a difference.

    Looked up in the document's text for its ``new`` side (the other text for a pure
    deletion): ``CONTEXT_CHARS`` characters either side, whitespace left out.

    >>> difference_context("甲乙丙", "甲乙及其他丙及其他丁", "", "及其他", 1)
    '甲乙及其他丙|丁'
    """
    text, part = (new_text, new) if flat_form(new) else (old_text, old)
    flat, needle = flat_form(text), flat_form(part)
    at, start = -1, 0
    for _ in range(occurrence + 1):
        found = flat.find(needle, start) if needle else -1
        if found < 0:
            break
        at, start = found, found + len(needle)
    if at < 0:
        return f"#{occurrence}"
    return flat[max(0, at - CONTEXT_CHARS):at] + "|" + flat[at + len(needle):at + len(needle) + CONTEXT_CHARS]


def flat_form(text: str) -> str:
    """``comparison_form`` without whitespace: what anchors and counts compare."""
    return "".join(comparison_form(text).split())


def row_anchors(row: AlignmentRow, identities: dict[str, str]) -> list[Anchor]:
    """The ``Anchor`` of each of ``row.differences``, in order."""
    ids = cell_ids(row)
    texts = {doc: cell.text for doc, cell in row.cells.items() if cell}
    seen: Counter[tuple[str, ...]] = Counter()
    out = []
    for diff in row.differences:
        key = (diff.document, diff.against, flat_form(diff.old), flat_form(diff.new))
        context = difference_context(texts.get(diff.against, ""), texts.get(diff.document, ""), diff.old, diff.new,
                                     seen[key])
        seen[key] += 1
        out.append(Anchor(identities.get(diff.document, diff.document), identities.get(diff.against, diff.against),
                          ids.get(diff.document, ""), ids.get(diff.against, ""), context))
    return out


def row_fingerprints(row: AlignmentRow, identities: dict[str, str] | None = None,
                     seen: Counter[str] | None = None) -> list[str]:
    """The fingerprint of each of ``row.differences``, in order.

    ``identities`` come from ``document_identities(comparison.documents)``; without them
    the document ids stand in (only for callers that have no comparison at hand). ``seen``
    carries fingerprints across rows: one already used (the same difference with the same
    surrounding text twice) gets a numbered context, so a comparison's are unique.
    """
    seen = Counter() if seen is None else seen
    return [unique_fingerprint(d, a, seen) for d, a in zip(row.differences, row_anchors(row, identities or {}))]


def unique_fingerprint(diff: Difference, anchor: Anchor, seen: Counter[str]) -> str:
    """``difference_fingerprint``, numbered when ``seen`` already holds it (then counted)."""
    first = difference_fingerprint(diff, anchor)
    n = seen[first]
    seen[first] += 1
    return first if not n else difference_fingerprint(diff, replace(anchor, context=f"{anchor.context}#{n}"))


def difference_fingerprints(comparison: Comparison) -> list[list[str]]:
    """``row_fingerprints`` of every row, as the store keeps them (unique in the comparison)."""
    identities = document_identities(comparison.documents, comparison.base)
    seen: Counter[str] = Counter()
    return [row_fingerprints(row, identities, seen) for row in comparison.rows]


HIDDEN_REVIEWER = N_("the reviewer name contains an invisible or control character ({code})")
HIDDEN_ACCOUNT = N_("the account name contains an invisible or control character ({code})")
HIDDEN_NOTE = N_("the note contains an invisible or control character ({code}); only line breaks and tabs may "
                 "stand in it")
HIDDEN_COMMENT = N_("the comment contains an invisible or control character ({code}); only line breaks and tabs "
                    "may stand in it")


def check_reviewer(reviewer: str) -> None:
    """``InputError`` unless the (stripped) ``reviewer`` has 1 to ``MAX_REVIEWER`` characters, none
    of them invisible, a direction mark or a control (``compare.visible``)."""
    if not reviewer or len(reviewer) > MAX_REVIEWER:
        raise InputError(None, "invalid", detail=L_("reviewer name must have 1 to {limit} characters",
                                                    limit=MAX_REVIEWER))
    check_visible(reviewer, HIDDEN_REVIEWER)


def check_visible(text: str, message: str, lines: bool = False) -> None:
    """``InputError`` (``message``, an msgid with ``{code}``) if ``text`` holds a character
    ``compare.visible`` would escape; ``lines`` allows line breaks and tabs (a note)."""
    code = hidden_char(text, lines)
    if code:
        raise InputError(None, "invalid", detail=L_(message, code=code))
