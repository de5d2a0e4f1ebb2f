"""Apply a ``Decision`` to a parsed text: the amended provisions, renumbered.

``apply_decision(document, decision, lexer) -> Amended``. Every instruction is resolved
against the *old* text (its numbering and its words) before anything changes, so the
order of instructions does not matter and two instructions touching the same words are
refused as ambiguous. Then:

0. headings: 将第X章的章名修改为 renames a heading of the old text (``headings``);
1. structure: 删去 drops articles, 合并 joins them at the first one's place, 增加一条 inserts
   after (or before) its anchor; the result is numbered 1, 2, … (作相应调整), except that
   an article numbered 第X条之N takes no number of its own but follows the article before
   it: an old one keeps its N (第十条之一 stays 第十条之一 unless 第十条 is renumbered, and
   then moves with it), and one added 作为第X条之N must come right after 第X条 (or an
   earlier 第X条之M) in a decision that renumbers nothing (a 修正案);
2. text: 修改为 replaces an article, 款 or 项; 中的"A"修改为"B" replaces every A in the
   addressed unit (A must occur); 删去…中的"A" and 在…中的"A"后增加"B" likewise; 款 are
   added at their final position and deleted by number;
3. cross-references: in the words no instruction rewrote, a citation of an article of
   this text (第七条, 本法第七条; not 《行政诉讼法》第十二条) follows its article's new number.

Anything that does not match (an article that does not exist, A not in the unit, an
ambiguous instruction) raises ``InputError`` naming the instruction; nothing is applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..errors import InputError
from ..instrument import messages as _messages  # noqa: F401  (registers the error messages)
from ..instrument.headings import articles_under, heading_renames, old_headings, resolve
from ..instrument.model import (HEADING_KINDS, PREAMBLE, TITLE, WHOLE_UNIT, ArticleKey, Decision, Instruction, Target,
                                split_out, target_at)
from ..instrument.numbering import address, internal_refs, provision_key, renumbered
from ..instrument.render import instruction_text
from ..jurisdiction import JurisdictionLexer
from ..model import Document, Provision
from .outline import Anchors, Outline, layout, reshape
from .placing import (ITEM_NUMBER, check_position, check_renumbering, clause_kinds, in_body, item_start, items_in,
                      items_renumbered, located, paragraph_start, punctuated)

ADDRESSABLE = ("article", "item")


@dataclass
class Amended:
    """The amended text's provisions: (number, paragraphs, the old provision it continues)."""

    document: Document
    provisions: list[tuple[int | None, tuple[str, ...], Provision | None]] = field(default_factory=list)
    renumbering: dict[ArticleKey, ArticleKey] = field(default_factory=dict)  # old article → new article
    origins: list[ArticleKey | None] = field(default_factory=list)  # per provision: old key, None if added
    headings: dict[tuple[str, tuple[str | None, ...]], str] = field(default_factory=dict)  # renamed: key → heading
    subs: dict[int, int] = field(default_factory=dict)  # index in provisions → N of 第X条之N
    title: str | None = None  # the new title (将名称修改为), None if unchanged
    outline: Outline = field(default_factory=list)  # per provision: the heading lines before it
    old_outline: Outline = field(default_factory=list)  # the same with OLD's headings, before any heading instruction
    leads: dict[ArticleKey, int] = field(default_factory=dict)  # old article → where a heading placed before it goes

    def numbers(self) -> list[ArticleKey | None]:
        """Per provision: its number in the amended text, (Y, N) for 第Y条之N; None for the preamble."""
        return [None if n is None else (n, self.subs.get(i, 0)) for i, (n, _, _) in enumerate(self.provisions)]


@dataclass
class _Article:
    """Working state of one old provision while a decision is applied."""

    provision: Provision
    replaced: tuple[str, ...] | None = None
    line_text: dict[int, str] = field(default_factory=dict)  # line index → replacement
    deleted_lines: set[int] = field(default_factory=set)
    edits: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)  # line → (start, end, new)
    added: list[tuple[int, str]] = field(default_factory=list)  # (final 款 number, text)
    added_items: list[tuple[int, int, str]] = field(default_factory=list)  # (final 款, final 项 number, text)
    items_changed: bool = False  # a 项 added or deleted: the 项 are numbered afresh


def provisions_by_number(document: Document) -> dict[ArticleKey, Provision]:
    """The addressable provisions by key ((X, N) for 第X条之N, (0, 0) for the preamble);
    duplicates refused."""
    out: dict[ArticleKey, Provision] = {}
    for prov in document.provisions:
        if prov.kind == "preamble":
            out[PREAMBLE] = prov
        elif prov.kind in ADDRESSABLE and prov.ordinal is not None:
            key = provision_key(prov)
            if key in out:
                raise InputError(document.source.path, "amend_duplicate_number", number=prov.number)
            out[key] = prov
    return out


def article_keys(document: Document) -> list[ArticleKey]:
    """The keys of ``document``'s articles (or items) in order, the preamble left out."""
    return sorted(k for k in provisions_by_number(document) if k != PREAMBLE)


def final_order(numbers: list[ArticleKey],
                instructions: list[Instruction]) -> tuple[list[object], dict[ArticleKey, ArticleKey]]:
    """The amended sequence (old keys and added instructions) and old → new numbering."""
    deleted: set[ArticleKey] = set()
    merged: dict[ArticleKey, ArticleKey] = {}
    before: dict[ArticleKey, list[Instruction]] = {}
    after: dict[ArticleKey, list[Instruction]] = {}
    for ins in instructions:
        if ins.kind == "delete":
            deleted.update(t.key for t in ins.targets)
        elif ins.kind == "merge":
            merged.update({t.key: ins.targets[0].key for t in ins.targets[1:]})
        elif ins.kind == "add_article" and ins.targets and not split_out(ins):
            (before if ins.before else after).setdefault(ins.targets[0].key, []).append(ins)
    sequence: list[object] = []
    for n in numbers:
        sequence.extend(before.get(n, []))
        if n not in deleted and n not in merged:
            sequence.append(n)
        sequence.extend(after.get(n, []))
    placed = [ins for ins in instructions if ins.kind == "add_article" and (not ins.targets or split_out(ins))]
    for ins in sorted(placed, key=lambda i: i.position or 0):  # 增加一条，作为第Y条: at its final place
        sequence.insert(_index_of_number(sequence, ins.position or 1), ins)
    numbered = sequence_numbers(sequence)
    position = {n: numbered[i] for i, n in enumerate(sequence) if isinstance(n, tuple)}
    mapping = {n: position[n] for n in numbers if n in position}
    mapping.update({n: position[p] for n, p in merged.items() if p in position})
    return sequence, mapping


def _sub_of(item: object) -> int:
    """N of an item numbered 第X条之N in an amended sequence (an old key or an added article)."""
    return item.sub if isinstance(item, Instruction) else item[1] if isinstance(item, tuple) else 0


def _index_of_number(sequence: list[object], number: int) -> int:
    """Where an article that is to be 第``number``条 goes: before the ``number``-th article
    numbered without 之N (the end when there are fewer)."""
    count = 0
    for i, item in enumerate(sequence):
        if not _sub_of(item):
            count += 1
            if count == number:
                return i
    return len(sequence)


def sequence_numbers(sequence: list[object]) -> list[ArticleKey]:
    """(number, N) of each item of an amended sequence: articles numbered 第X条之N (old or
    added) take the number of the article before them and keep their N, the rest are
    numbered 1, 2, …"""
    out: list[ArticleKey] = []
    n = 0
    for item in sequence:
        sub = _sub_of(item)
        if not sub:
            n += 1
        out.append((n, sub))
    return out


def _check_subs(instructions: list[Instruction], mapping: dict[ArticleKey, ArticleKey],
                numbered: list[ArticleKey], sequence: list[object]) -> None:
    """作为第X条之N only right after 第X条 (or 第X条之M, M < N), only in a decision that
    renumbers nothing, and never a number the amended text already has."""
    for ins in instructions:
        if ins.kind == "add_article" and ins.sub:
            if not ins.targets or ins.before or ins.targets[0].article != ins.position or ins.targets[0].sub >= ins.sub:
                raise InputError(None, "amend_sub_position", instruction=_shown(ins))
            if any(old != new for old, new in mapping.items()):
                raise InputError(None, "amend_sub_renumbers", instruction=_shown(ins))
    for i, item in enumerate(sequence):  # 之二 after 之一, and not a number taken (of an old 之N kept)
        if isinstance(item, Instruction) and item.sub:
            low, high = numbered[i - 1] if i else (0, 0), numbered[i + 1] if i + 1 < len(numbered) else None
            if numbered[i] != item.place or not low < numbered[i] or (high is not None and not numbered[i] < high):
                raise InputError(None, "amend_sub_position", instruction=_shown(item))


def apply_decision(document: Document, decision: Decision, lexer: JurisdictionLexer) -> Amended:
    """The provisions of ``document`` amended by ``decision`` (``InputError`` if one does not fit)."""
    by_number = provisions_by_number(document)
    by_number[TITLE] = Provision("title", "title", "名称", None, (document.title.lstrip("#").strip(),))
    unit = decision.unit
    decision = replace(decision, instructions=[in_body(_whole(ins, document), by_number, _shown)
                                               for ins in decision.instructions])
    _check_targets(decision.instructions, by_number, unit)
    _check_not_deleted(decision.instructions, unit)
    renames = heading_renames(document, decision.instructions, _shown)
    numbers = sorted(n for n in by_number if n not in (PREAMBLE, TITLE))
    sequence, mapping = final_order(numbers, decision.instructions + _emptied(decision.instructions, by_number))
    numbered = sequence_numbers(sequence)
    _check_subs(decision.instructions, mapping, numbered, sequence)
    check_renumbering(decision.instructions, mapping, _shown)
    state = {n: _Article(p) for n, p in by_number.items()}
    for ins in decision.instructions:
        _text_instruction(ins, state, unit)
    merges = {ins.targets[0].key: ins for ins in decision.instructions if ins.kind == "merge"}
    result = Amended(document, renumbering=mapping, headings=renames)
    title = _lines(state[TITLE], {}, lexer, document)
    result.title = title[0] if title != state[TITLE].provision.paragraphs else None
    if PREAMBLE in state and not any(ins.kind == "delete" and PREAMBLE in {t.key for t in ins.targets}
                                     for ins in decision.instructions):  # 删去序言
        result.provisions.append((None, _lines(state[PREAMBLE], mapping, lexer, document), state[PREAMBLE].provision))
        result.origins.append(PREAMBLE)
    previous: Provision | None = None
    opened: dict[int, tuple[str, ...]] = {}
    for i, item in enumerate(sequence):
        number, sub = numbered[i]
        if sub:
            result.subs[len(result.provisions)] = sub
        if isinstance(item, Instruction):
            under = previous  # the article whose headings an added one is written under
            if item.before and item.targets and item.targets[0].key in state:
                under = state[item.targets[0].key].provision
            if item.headings:
                opened[len(result.provisions)] = item.headings
            lines = tuple(item.new.split("\n")) if item.new or not split_out(item) else _split_lines(item, state)
            result.provisions.append((number, lines, under))
            result.origins.append(None)
            continue
        lines = _merged_lines(item, merges.get(item), state, mapping, lexer, document)
        previous = state[item].provision
        result.provisions.append((number, lines, previous))
        result.origins.append(item)
    anchors = Anchors({n: i for i, n in enumerate(result.origins) if n not in (None, PREAMBLE)},
                      _leads(sequence, result))
    result.leads = anchors.lead
    result.old_outline = layout([p for _, _, p in result.provisions])
    result.outline = reshape(document, result.old_outline, anchors, decision.instructions, opened, _shown)
    _check_visible(decision.instructions, result)
    return result


_WRITES = ("replace", "substitute", "insert_text", "add_paragraph", "add_item", "add_article", "merge")


def _check_visible(instructions: list[Instruction], result: Amended) -> None:
    """Every text an instruction writes stands in the amended text (the last safeguard:
    an instruction applied as nothing is refused, never reported as applied): looked for in
    the provision it addresses, else in the whole text; each text compacted once."""
    texts: dict[object, str] = {origin: "\n".join(lines) for origin, (_, lines, _) in
                                zip(result.origins, result.provisions) if origin}
    texts[TITLE] = result.title or ""
    compacted: dict[object, tuple[str, str]] = {}

    def forms(key: object) -> tuple[str, str]:
        if key not in compacted:
            text = texts.get(key, "") if key is not _WHOLE else \
                "\n".join(line for _, lines, _ in result.provisions for line in lines) + "\n" + texts[TITLE]
            compacted[key] = (_compact(text), _compact(text, items=False))
        return compacted[key]

    for ins in instructions:
        lines = [(_compact(line), _compact(line, items=False)) for line in ins.new.split("\n") if _compact(line)] \
            if ins.kind in _WRITES else []
        here = forms(ins.targets[0].key) if ins.targets and ins.kind != "add_article" else ("", "")
        if all(line in here[0] or unnumbered in here[1] for line, unnumbered in lines):
            continue
        whole = forms(_WHOLE)
        if not all(line in whole[0] or unnumbered in whole[1] for line, unnumbered in lines):
            raise InputError(None, "amend_not_applied", instruction=_shown(ins))


_WHOLE = object()  # the key of the whole amended text in ``_check_visible``


def _compact(text: str, items: bool = True) -> str:
    """``text`` without whitespace; without ``items``, its lines without a 项 number too (the
    项 of a 款 are numbered afresh when one is added or deleted)."""
    lines = (re.sub(r"\s+", "", line) for line in text.split("\n"))
    return "\n".join(line if items else ITEM_NUMBER.sub("", line) for line in lines)


def _emptied(instructions: list[Instruction], by_number: dict[ArticleKey, Provision]) -> list[Instruction]:
    """An article all of whose 款 are taken out as articles (将第十三条第二款改为第十六条，第一款
    改为第十七条) and to which nothing is added is gone: its deletion."""
    taken: dict[ArticleKey, set[int]] = {}
    for ins in instructions:
        if split_out(ins):
            taken.setdefault(ins.targets[0].key, set()).update(line_range(by_number[ins.targets[0].key],
                                                                          ins.targets[0]))
    added = {t.key for ins in instructions if ins.kind in ("add_paragraph", "add_item") for t in ins.targets}
    return [Instruction("delete", (target_at(key),)) for key, lines in taken.items()
            if key not in added and lines >= set(range(len(by_number[key].paragraphs)))]


def _leads(sequence: list[object], result: Amended) -> dict[ArticleKey, int]:
    """Old article → index of the first of the articles added 在第N条前 right before it (a
    heading placed before 第N条 stands before them too, as 第N条's own headings do)."""
    offset = len(result.provisions) - len(sequence)  # the preamble, when there is one
    out: dict[ArticleKey, int] = {}
    for i, item in enumerate(sequence):
        if isinstance(item, tuple):
            j = i
            while j > 0 and isinstance(sequence[j - 1], Instruction) and sequence[j - 1].before and \
                    sequence[j - 1].targets and sequence[j - 1].targets[0].key == item:
                j -= 1
            out[item] = j + offset
    return out


def _whole(ins: Instruction, document: Document) -> Instruction:
    """删去第X章 as written: the instruction with the articles under that heading."""
    if ins.kind != "delete" or ins.targets or not ins.heading:
        return ins
    head = resolve(ins.heading, old_headings(document))
    if head is None:
        raise InputError(None, "amend_no_heading", instruction=_shown(ins), unit=ins.heading)
    return replace(ins, targets=tuple(target_at(n) for n in articles_under(document, head)))


def _merged_lines(n: ArticleKey, merge: Instruction | None, state: dict[ArticleKey, _Article],
                  mapping: dict[ArticleKey, ArticleKey],
                  lexer: JurisdictionLexer, document: Document) -> tuple[str, ...]:
    if merge is None:
        return _lines(state[n], mapping, lexer, document)
    if merge.new:
        return tuple(merge.new.split("\n"))
    return tuple(line for t in merge.targets for line in _lines(state[t.key], mapping, lexer, document))


def _check_targets(instructions: list[Instruction], by_number: dict[ArticleKey, Provision], unit: str) -> None:
    for ins in instructions:
        if any(t.key == TITLE for t in ins.targets) and (ins.kind not in ("replace", "substitute", "delete_text",
                                                                           "insert_text") or "\n" in ins.new):
            raise InputError(None, "amend_bad_instruction", instruction=_shown(ins))  # a title is one line, kept
        for target in ins.targets:
            prov = by_number.get(target.key)
            if prov is None:
                raise InputError(None, "amend_no_article", instruction=_shown(ins), unit=address(target, unit))
            if (target.paragraph is not None or target.item is not None) and ins.kind != "add_paragraph":
                if not line_range(prov, target):
                    raise InputError(None, "amend_no_article", instruction=_shown(ins), unit=address(target, unit))


TEXT_KINDS = ("replace", "substitute", "delete_text", "insert_text", "add_paragraph", "add_item", "delete_paragraph")


def _check_not_deleted(instructions: list[Instruction], unit: str) -> None:
    """A change of words in an article another instruction deletes (or merges with new
    wording, or takes a 款 out of) would be lost: refused."""
    gone: dict[ArticleKey, Instruction] = {}
    moved: set[ArticleKey] = set()  # deleted or merged: no second deletion or merge
    for ins in instructions:
        if ins.kind in ("delete", "merge"):
            keys = [t.key for t in ins.targets]
            if moved & set(keys) or len(set(keys)) < len(keys):  # 删去第三条 twice, 将第三条、第三条合并
                raise InputError(None, "amend_conflict", instruction=_shown(ins))
            moved.update(keys)
        if ins.kind == "delete" or (ins.kind == "merge" and ins.new):
            gone.update({t.key: ins for t in ins.targets})
    for ins in instructions:
        if ins.kind in TEXT_KINDS or split_out(ins):
            hit = next((t for t in ins.targets if t.key in gone), None)
            if hit is not None:
                raise InputError(None, "amend_deleted_target", instruction=_shown(ins),
                                 unit=address(target_at(hit.key), unit))


def _shown(ins: Instruction) -> str:
    return ins.source or instruction_text(ins, "zh")


def line_range(prov: Provision, target: Target) -> list[int]:
    """Indices of ``prov.paragraphs`` that ``target`` (an article, 款 or 项) covers."""
    if target.paragraph is None and target.item is None:
        return list(range(len(prov.paragraphs)))
    kinds = clause_kinds(prov)
    para = item = 0
    covered = []
    for i, kind in enumerate(kinds):
        if kind == "paragraph":
            para, item = para + 1, 0
        elif kind == "item":
            item += 1
        in_para = target.paragraph is None or para == target.paragraph
        if target.item is None:
            if in_para:
                covered.append(i)
        elif in_para and item == target.item and kind != "paragraph":
            covered.append(i)
    if target.paragraph is None and target.item is not None and para > 1:
        return []  # 第X条第Z项 is only clear in an article of one 款
    return covered


def _split_lines(ins: Instruction, state: dict[ArticleKey, _Article]) -> tuple[str, ...]:
    """The words of the 款 a 单列一条 instruction takes out of its article."""
    prov = state[ins.targets[0].key].provision
    return tuple(prov.paragraphs[i] for i in line_range(prov, ins.targets[0]))


def _text_instruction(ins: Instruction, state: dict[ArticleKey, _Article], unit: str) -> None:
    if split_out(ins):  # the 款 leaves its article
        art = state[ins.targets[0].key]
        for i in line_range(art.provision, ins.targets[0]):
            _claim_line(ins, art, i)
            art.deleted_lines.add(i)
        return
    if ins.kind in ("delete", "add_article", "renumber") or ins.kind in HEADING_KINDS:
        return
    if ins.kind == "merge":
        return
    art = state[ins.targets[0].key]
    if ins.kind == "replace":
        _replace(ins, art)
    elif ins.kind in ("add_paragraph", "add_item"):
        if art.replaced is not None:
            raise InputError(None, "amend_conflict", instruction=_shown(ins))
        if ins.kind == "add_paragraph":
            count = clause_kinds(art.provision).count("paragraph")
            check_position(ins, count + len(art.added), _shown)
            art.added.append((ins.position or count + len(art.added) + 1, ins.new))
        else:
            paragraph = located(ins, art.provision, _shown)
            count = items_in(art.provision, paragraph)
            check_position(ins, count + sum(1 for p, _, _ in art.added_items if p == paragraph), _shown, count)
            art.added_items.append((paragraph, ins.position or 1, ins.new))
            art.items_changed = True
    elif ins.kind == "delete_paragraph":
        for target in ins.targets:
            art = state[target.key]
            for i in line_range(art.provision, target):
                _claim_line(ins, art, i)
                art.deleted_lines.add(i)
            art.items_changed |= target.item is not None
    else:
        for target in ins.targets:
            _edit(ins, state[target.key], target, unit)


_ENACTING = re.compile(r"制定本(?:解释|规定|办法|条例|细则|法|决定|规则)|特作如下规定|作如下规定")


def _introduction(prov: Provision) -> int:
    """Where the 引言 of a preamble starts: its last paragraph saying why and under what the
    text is made (为…，根据…，制定本解释。); 0 when none (the whole preamble is replaced)."""
    found = [i for i, line in enumerate(prov.paragraphs) if _ENACTING.search(line)]
    return found[-1] if found and prov.kind == "preamble" else 0


def _replace(ins: Instruction, art: _Article) -> None:
    target = ins.targets[0]
    _check_replaced_words(ins, art, target)
    start = _introduction(art.provision) if target.paragraph is None and target.item is None else 0
    if start:  # 将引言修改为: what stands before the 引言 (notes, an embedded decision) stays
        for i in range(start, len(art.provision.paragraphs)):
            _claim_line(ins, art, i)
            art.deleted_lines.add(i)
        art.deleted_lines.discard(start)
        art.line_text[start] = ins.new
        return
    if target.paragraph is None and target.item is None:
        if art.replaced is not None or art.line_text or art.edits or art.deleted_lines or art.added or \
                art.added_items:
            raise InputError(None, "amend_conflict", instruction=_shown(ins))
        art.replaced = tuple(ins.new.split("\n"))
        return
    lines = line_range(art.provision, target)
    if target.item is None and len(lines) > 1:  # a 款 with its 项: the 款 as a whole
        for i in lines[1:]:
            _claim_line(ins, art, i)
            art.deleted_lines.add(i)
    _claim_line(ins, art, lines[0])
    art.line_text[lines[0]] = ins.new


def _check_replaced_words(ins: Instruction, art: _Article, target: Target) -> None:
    """A unit replaced whole after the words it changes were named (这一自然段相应修改为):
    each named phrase must stand in the unit as it is; “A”“B”修改为“C”“D”“E” (``WHOLE_UNIT``):
    A, B must be the unit's 款, all of them."""
    lines = [art.provision.paragraphs[i] for i in line_range(art.provision, target)]
    if ins.heading == WHOLE_UNIT and _compact(ins.old) != _compact("\n".join(lines)):
        raise InputError(None, "amend_text_missing", instruction=_shown(ins), unit=address(target, "条"),
                         text=ins.old.replace("\n", "”“"))
    text = "\n".join(lines)
    for phrase in filter(None, ins.old.split("\n")):
        if phrase not in text:
            raise InputError(None, "amend_text_missing", instruction=_shown(ins), unit=address(target, "条"),
                             text=phrase)


def _claim_line(ins: Instruction, art: _Article, i: int) -> None:
    if art.replaced is not None or i in art.line_text or i in art.deleted_lines or art.edits.get(i):
        raise InputError(None, "amend_conflict", instruction=_shown(ins))


def _edit(ins: Instruction, art: _Article, target: Target, unit: str) -> None:
    """Record the replacements of a substitute / delete_text / insert_text instruction."""
    lines = line_range(art.provision, target)
    if ins.kind == "insert_text" and not ins.old and lines:  # 末尾增加: after the unit's last words
        end = len(art.provision.paragraphs[lines[-1]])
        _add_edit(ins, art, lines[-1], (end, end, ins.new))
        return
    found = False
    for i in lines:
        text = art.provision.paragraphs[i]
        start = text.find(ins.old)
        while ins.old and start >= 0:
            found = True
            end = start + len(ins.old)
            if ins.kind == "insert_text":
                _add_edit(ins, art, i, (end, end, ins.new))
            else:
                _add_edit(ins, art, i, (start, end, ins.new if ins.kind == "substitute" else ""))
            start = text.find(ins.old, end)
    if not found:
        raise InputError(None, "amend_text_missing", instruction=_shown(ins), unit=address(target, unit),
                         text=ins.old)


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether two edits touch the same words: overlapping ranges, an insertion strictly
    inside a replaced range, or two insertions at one point (their order would be unclear)."""
    if a[0] == a[1] and b[0] == b[1]:
        return a[0] == b[0]
    if a[0] == a[1] or b[0] == b[1]:
        point, (start, end) = (a[0], b[:2]) if a[0] == a[1] else (b[0], a[:2])
        return start < point < end
    return a[0] < b[1] and b[0] < a[1]


def _add_edit(ins: Instruction, art: _Article, line: int, edit: tuple[int, int, str]) -> None:
    """Record one edit of a line, refusing one that collides with an earlier instruction."""
    if art.replaced is not None or line in art.line_text or line in art.deleted_lines:
        raise InputError(None, "amend_conflict", instruction=_shown(ins))
    if any(_overlap(edit, other) for other in art.edits.get(line, [])):
        raise InputError(None, "amend_conflict", instruction=_shown(ins))
    art.edits.setdefault(line, []).append(edit)


def _lines(art: _Article, mapping: dict[ArticleKey, ArticleKey], lexer: JurisdictionLexer,
           document: Document) -> tuple[str, ...]:
    """The amended lines of one old provision."""
    if art.replaced is not None:
        return art.replaced
    out: list[str] = []
    kinds: list[str] = []  # 款, 项 or 目 of each line of ``out``
    for i, (text, kind) in enumerate(zip(art.provision.paragraphs, clause_kinds(art.provision))):
        if i in art.deleted_lines:
            if kind == "item" and text.endswith("。") and kinds and kinds[-1] == "item" and out[-1][-1:] in "；;":
                out[-1] = out[-1][:-1] + "。"  # the list's closing 项 deleted: the one before it closes the list
            continue
        kinds.append(kind)
        if i in art.line_text:
            out.append(art.line_text[i])
        else:
            out.append(_edited(text, art.edits.get(i, []), mapping, lexer, document))
    for position, text in sorted(art.added, key=lambda a: a[0]):
        at = paragraph_start(kinds, position)
        out.insert(at, text)
        kinds.insert(at, "paragraph")
    for paragraph, item, text in sorted(art.added_items, key=lambda a: (a[0], a[1])):
        at = item_start(kinds, paragraph, item)
        out.insert(at, text)
        kinds.insert(at, "item")
        punctuated(out, kinds, at)
    if art.items_changed:
        out = items_renumbered(out, kinds)
    return tuple(out)


def _edited(text: str, edits: list[tuple[int, int, str]], mapping: dict[ArticleKey, ArticleKey],
            lexer: JurisdictionLexer, document: Document) -> str:
    """``text`` with its edits made and, elsewhere, citations following their articles."""
    changes = list(edits)
    pos = 0
    tokens = lexer.tokens(text, document.jurisdiction)
    for token, cited in zip(tokens, internal_refs(tokens)):
        start, end = pos, pos + len(token.surface)
        pos = end
        if cited is None or mapping.get(cited, cited) == cited:
            continue
        if any(s < end and start < e or (s == e and start < s < end) for s, e, _ in edits):
            continue
        changes.append((start, end, renumbered(token.surface, mapping[cited])))
    out, pos = [], 0
    for start, end, new in sorted(changes, key=lambda c: (c[0], c[1])):
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)
