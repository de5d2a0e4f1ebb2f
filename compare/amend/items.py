"""A drafted decision as reviewable items: each numbered instruction, the rows it comes from.

``make_draft(kind, comparison, target, source, decision) -> Draft``: the decision drafted on
``comparison`` (``target``: id of the document it amends; ``source``: the document it is
drafted towards) split into ``DraftItem`` — one per numbered instruction (一、二、…; added
articles in a run are one item) — each linked to the alignment rows it comes from and
identified by a content fingerprint (``item_fingerprint``): the two documents by identity,
the provisions of its rows and its text in Chinese. The same instruction drafted again on a
re-run has the same fingerprint, so a reviewer's decision to drop it (kept in the store
like difference decisions: newest wins) applies again.

``kept_decision(draft, old_numbers, document)``: the decision without the dropped items,
added and merged articles renumbered and added 款 placed as the kept instructions place them;
``reviewed_decision(draft, comparison)`` gives it for the document the draft amends.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Comparison, Document, Provision
from .apply import article_keys, final_order, line_range, provisions_by_number, sequence_numbers
from ..instrument.headings import old_headings
from ..instrument.drafts import ITEM_VERSION, Draft, DraftItem, item_text
from ..instrument.model import ArticleKey, Decision, Instruction
from ..instrument.numbering import provision_key
from ..instrument.render import instruction_runs

def _rows_by_number(comparison: Comparison, doc_id: str) -> dict[ArticleKey, str]:
    out: dict[ArticleKey, str] = {}
    for row in comparison.rows:
        cell = row.cells.get(doc_id)
        for prov in cell.provisions if cell else ():
            if prov.kind == "preamble" or (prov.kind in ("article", "item") and prov.ordinal is not None):
                out.setdefault(provision_key(prov), row.id)
    return out


def _item_rows(run: list[Instruction], target_rows: dict[ArticleKey, str], source_rows: dict[ArticleKey, str],
               heading_first: dict[str, ArticleKey]) -> tuple[str, ...]:
    rows: list[str] = []
    for ins in run:
        if ins.kind in ("rename_heading", "delete_heading"):  # the row of the first article under the heading
            found = [target_rows.get(heading_first.get(ins.heading, (-1, 0)))]
        elif ins.kind == "add_article":
            found = [source_rows.get(ins.place)]
        else:
            found = [target_rows.get(t.key) for t in ins.targets]
            if ins.kind == "merge" and ins.position is not None:
                found.append(source_rows.get(ins.place))
        rows.extend(r for r in found if r and r not in rows)
    return tuple(rows)


def item_fingerprint(comparison: Comparison, kind: str, target: str, source: str, rows: tuple[str, ...],
                     text: str) -> str:
    """sha256 hex of an item: draft kind, both documents' identities, the provision ids of
    its rows in both documents, and its Chinese text (never file names or item numbers)."""
    from ..store.records import cell_ids, document_identities, sha256_of  # no database needed

    identities = document_identities(comparison.documents, comparison.base)
    by_id = {r.id: r for r in comparison.rows}
    anchors = [[cell_ids(by_id[r]).get(target, ""), cell_ids(by_id[r]).get(source, "")] for r in rows if r in by_id]
    return sha256_of(["instruction", ITEM_VERSION, kind, identities.get(target, target), identities.get(source, source),
                    anchors, text])


def make_draft(kind: str, comparison: Comparison, target: str, source: str, decision: Decision) -> Draft:
    """``decision`` (drafted on ``comparison`` to amend ``target`` towards ``source``) as a ``Draft``."""
    target_rows, source_rows = _rows_by_number(comparison, target), _rows_by_number(comparison, source)
    document = next(d for d in comparison.documents if d.id == target)
    heading_first = {h.address: h.first for h in old_headings(document)}
    items = []
    seen: set[str] = set()
    for run in instruction_runs(decision.instructions):
        text = item_text(run, "zh", decision.unit)
        rows = _item_rows(run, target_rows, source_rows, heading_first)
        fp = item_fingerprint(comparison, kind, target, source, rows, text)
        n = 1
        while fp in seen:  # the same words twice in one draft: numbered, as difference fingerprints are
            fp = item_fingerprint(comparison, kind, target, source, rows, f"{text}#{n}")
            n += 1
        seen.add(fp)
        items.append(DraftItem(tuple(run), rows, text, fp))
    return Draft(kind, target, source, decision, items)


def kept_decision(draft: Draft, old_numbers: list[ArticleKey], document: Document | None = None) -> Decision:
    """The draft's decision without its dropped items; added and merged articles get the
    numbers the kept instructions give them (``old_numbers``: the target's article keys),
    and, given the target ``document``, added 款 the places they take (作为第Y款)."""
    kept = [ins for item in draft.items if not draft.is_dropped(item) for ins in item.instructions]
    if len(kept) == len(draft.decision.instructions):
        return draft.decision
    sequence, mapping = final_order(sorted(old_numbers), kept)
    numbered = sequence_numbers(sequence)
    place = {id(x): numbered[i] for i, x in enumerate(sequence) if isinstance(x, Instruction)}
    paragraphs = paragraph_positions(draft.decision.instructions, kept, document) if document else {}
    out = []
    for ins in kept:
        if ins.kind == "add_article" and id(ins) in place:
            ins = replace(ins, position=place[id(ins)][0], sub=place[id(ins)][1])
        elif ins.kind == "merge" and ins.targets and ins.targets[0].key in mapping:
            ins = replace(ins, position=mapping[ins.targets[0].key][0], sub=mapping[ins.targets[0].key][1])
        elif ins.kind == "add_paragraph" and id(ins) in paragraphs:
            ins = replace(ins, position=paragraphs[id(ins)])
        out.append(ins)
    return replace(draft.decision, instructions=out)


def paragraph_positions(full: list[Instruction], kept: list[Instruction], document: Document) -> dict[int, int]:
    """For each kept 增加一款 (by id): its place in its article once only ``kept`` apply.

    Each added 款 follows, in the full draft, one surviving old line (or opens the article);
    it keeps following that line when some 款 instructions are dropped."""
    by_number = provisions_by_number(document)
    out: dict[int, int] = {}
    for article in sorted({ins.targets[0].key for ins in kept if ins.kind == "add_paragraph" and ins.targets}):
        prov = by_number.get(article)
        if prov is None:
            continue
        anchors = _anchors(prov, [i for i in full if i.targets and i.targets[0].key == article])
        mine = [i for i in kept if i.targets and i.targets[0].key == article]
        lines: list[object] = [n for n in range(len(prov.paragraphs)) if n not in _deleted_lines(prov, mine)]
        for ins in sorted((i for i in mine if i.kind == "add_paragraph"), key=lambda i: i.position or 0):
            anchor = anchors.get(id(ins), -1)
            at = lines.index(anchor) + 1 if anchor in lines else 0
            while at < len(lines) and isinstance(lines[at], Instruction):
                at += 1  # after the 款 added earlier behind the same line
            lines.insert(at, ins)
        out.update({id(x): n + 1 for n, x in enumerate(lines) if isinstance(x, Instruction)})
    return out


def _deleted_lines(prov: Provision, instructions: list[Instruction]) -> set[int]:
    """Old line indices of ``prov`` that ``instructions`` delete (删去第X条第Y款, and the 项 of a
    款 replaced whole)."""
    gone: set[int] = set()
    for ins in instructions:
        for target in ins.targets:
            if ins.kind == "delete_paragraph":
                gone.update(line_range(prov, target))
            elif ins.kind == "replace" and target.paragraph is not None and target.item is None:
                gone.update(line_range(prov, target)[1:])
    return gone


def _anchors(prov: Provision, instructions: list[Instruction]) -> dict[int, int]:
    """For each 增加一款 of the full draft (by id): the old line it comes right after (-1: first)."""
    lines: list[object] = [n for n in range(len(prov.paragraphs)) if n not in _deleted_lines(prov, instructions)]
    for ins in sorted((i for i in instructions if i.kind == "add_paragraph"), key=lambda i: i.position or 0):
        lines.insert(min(max((ins.position or 1) - 1, 0), len(lines)), ins)
    out: dict[int, int] = {}
    last = -1
    for x in lines:
        if isinstance(x, Instruction):
            out[id(x)] = last
        else:
            last = x  # type: ignore[assignment]
    return out


def reviewed_decision(draft: Draft, comparison: Comparison) -> Decision:
    """``kept_decision`` of ``draft`` on the document of ``comparison`` it amends: what the
    decision text and Word file of a reviewed draft say."""
    document = next(d for d in comparison.documents if d.id == draft.target)
    return kept_decision(draft, article_keys(document), document)
