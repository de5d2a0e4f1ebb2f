"""Draft the decision that turns one text into another, from a two-text ``Comparison``.

``draft_decision(comparison, old_id, new_id, lexer, harmonise=False) -> Decision``.

Structure comes from the pipeline's alignment rows: rows pairing one old and one new
provision in order are *kept* (the longest run in order of both texts); an old provision
in no kept row is deleted (删去第X条), a new one is added after the kept provision before
it (在第X条后增加一条，作为第Y条); several old provisions in one kept row are merged
(合并). Pure renumbering is never an instruction. Headings (编/分编/章/节) are renamed,
added, deleted or moved so that the amended text has NEW's (``restructure.draft_outline``),
each instruction placed before those on the first article it concerns; the deletions that
take every article of a heading become 删去第X章 (``whole_headings``).

Economy rule, per kept provision whose text changed (see ``choose``): the candidate
wordings are (a) one instruction per changed run (中的"A"修改为"B", 删去…中的"A",
在…中的"A"后增加"B"; A grown by neighbouring words until it occurs exactly once in the
article), with 款 added or deleted whole, (b) the same with each changed line replaced
instead (将第X条第Y款修改为), line by line whichever is shorter, and (c) 将第X条修改为.
The shortest in characters wins; a line with more than ``MAX_RUNS`` changed runs is
replaced. Then substitutions of the same A by the same B in several articles become one
instruction (将第X条、第Y条中的"A"修改为"B").

The draft is checked by applying it to the old text (``compare.amend.apply``); a
provision that does not come out as intended is redrafted as 将第X条修改为.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..errors import InputError
from ..jurisdiction import JurisdictionLexer
from ..model import Comparison, Document, Provision, Token
from .apply import (
    ADDRESSABLE,
    Amended,
    apply_decision,
    final_order,
    provisions_by_number,
)
from ..instrument.headings import articles_under, old_headings, split_heading, whole_headings
from .lines import Item, first_mismatch, line_items, normalise, surfaces
from ..instrument.model import PREAMBLE, ArticleKey, Decision, Instruction, target_at
from ..instrument.numbering import address, internal_refs, provision_key, renumbered
from ..numerals import cn
from .restructure import draft_outline, heading_place
from .sequence import kept_rows
from .wording import Evidence, Wording, writes_full_width


GROUPED = ("substitute", "delete_text", "insert_text")  # kinds one instruction may give for several articles


def renumbered_document(document: Document, numbers: dict[ArticleKey, ArticleKey], lexer: JurisdictionLexer) -> Document:
    """``document`` with its articles numbered as ``numbers`` says (key → key, 第X条之N for a
    sub) and its citations of its own articles following them."""
    def lines(prov: Provision) -> tuple[str, ...]:
        out = []
        for line in prov.paragraphs:
            tokens = lexer.tokens(line, document.jurisdiction)
            out.append("".join(renumbered(t.surface, numbers[cited]) if cited in numbers and numbers[cited] != cited
                               else t.surface for t, cited in zip(tokens, internal_refs(tokens))))
        return tuple(out)

    provisions = []
    for prov in document.provisions:
        key = provision_key(prov)
        new = numbers.get(key, key)
        number = prov.number if new == key else f"第{cn(new[0])}条" + (f"之{cn(new[1])}" if new[1] else "")
        provisions.append(replace(prov, number=number, ordinal=new[0] if prov.ordinal is not None else None,
                                  paragraphs=lines(prov)))
    return replace(document, provisions=tuple(provisions))


def amended_by_amendments(document: Document) -> bool:
    """Whether a text is amended by 修正案 by default: it numbers articles 第X条之一 (as the
    刑法), or the latest amendment its history records was one (…通过的《中华人民共和国宪法修正案》)."""
    numbered = any(key[1] for key in provisions_by_number(document))
    amending = [line for line in (document.adoption_note or "", *document.revisions) if re.search("修正案|决定|修正|修订", line)]
    return numbered or bool(amending and "修正案" in amending[-1])  # the latest instrument was a 修正案


class Drafter:
    """Drafting state for one pair of documents."""

    def __init__(self, comparison: Comparison, old_id: str, new_id: str, lexer: JurisdictionLexer,
                 harmonise: bool = False, skip: set[ArticleKey] | None = None, style: str | None = None) -> None:
        docs = {d.id: d for d in comparison.documents}
        self.old, self.new = docs[old_id], docs[new_id]
        self.lexer, self.harmonise = lexer, harmonise
        self.old_by = provisions_by_number(self.old)
        self.style = style or ("amendment" if amended_by_amendments(self.old) else "decision")
        self.explicit = style is not None
        self.new_by = provisions_by_number(self.new)
        self.pairs = kept_rows(comparison.rows, old_id, new_id)
        jur_old, jur_new = self.old.jurisdiction, self.new.jurisdiction
        self.codes = (jur_old.code if jur_old else None, jur_new.code if jur_new else None)
        self.wording = Wording(jur_old, jur_new if harmonise else jur_old,
                               harmonise and writes_full_width([p for x in self.old.provisions for p in x.paragraphs]),
                               lexer.table)
        self.forced: set[ArticleKey] = set()
        self.skip = skip or set()  # old provisions left as they are (accepted local differences)

    def draft(self) -> tuple[Decision, dict[ArticleKey, tuple[str, ...]]]:
        """The decision and, for each new provision number, the lines it should read."""
        self.wording.unsure.clear()
        structure, kept = self._structure()
        _, mapping = final_order(sorted(n for n in self.old_by if n != PREAMBLE), structure)
        stated: list[Instruction] = []
        if self.style == "amendment" and any(old != new for old, new in mapping.items()):
            if not self.explicit and not any(sub for _, sub in self.old_by):
                stated = stated_renumbering(mapping)  # as the 宪法修正案 say it: 第A条至第B条相应改为…
            elif not self.explicit:
                self.style = "decision"  # the default for a text numbered 之一, when NEW renumbers it
            else:  # a 修正案 asked for renumbers nothing: NEW's added articles become 第X条之一 after the one before
                self._renumbered_as_amendment(structure, kept)
                structure, kept = self._structure()
                _, mapping = final_order(sorted(n for n in self.old_by if n != PREAMBLE), structure)
        texts: list[tuple[tuple[ArticleKey, int, int], Instruction]] = []
        targets: dict[ArticleKey, tuple[str, ...]] = {}
        for old_n, new_n in kept:
            instructions, lines = self._provision(old_n, new_n, mapping)
            targets[new_n] = lines
            texts.extend(((old_n, 1, i), ins) for i, ins in enumerate(instructions))
        for ins in structure:
            if ins.kind == "add_article":
                targets[ins.place] = tuple(ins.new.split("\n"))
            elif ins.kind == "merge" and ins.position is not None:
                targets[ins.place] = tuple(ins.new.split("\n")) if ins.new else targets.get(ins.place, ())
        heads = old_headings(self.old)
        renames: list[Instruction] = []
        if not self.harmonise:
            renames, structure = draft_outline(self.old, self.new, structure, self.lexer)
        ordered = [((heading_place(ins, heads), 0, 0), i, ins) for i, ins in enumerate(renames)]
        ordered += [(self._place(ins), len(renames) + i, ins) for i, ins in enumerate(structure)]
        ordered += [(key, len(renames) + len(structure) + i, ins) for i, (key, ins) in enumerate(texts)]
        in_order = [ins for _, _, ins in sorted(ordered, key=lambda x: (x[0], x[1]))]
        instructions = whole_deletions(group_deletions(group_substitutions(in_order)), self.old) + stated
        return Decision(_bare_title(self.old.title), instructions, effective=commencement(self.old, self.new)), targets

    def _renumbered_as_amendment(self, structure: list[Instruction], kept: list[tuple[ArticleKey, ArticleKey]]) -> None:
        """NEW numbered as a 修正案 would leave it: each kept article under its old number, each
        added one 第X条之N after the kept article X before it, and NEW's citations of its own
        articles following them (本条例第五条 → 第四条). Refused (a 修正案 renumbers nothing)
        when NEW also deletes, merges or moves old articles, or adds before the first."""
        if any(ins.kind != "add_article" for ins in structure):
            raise InputError(self.new.source.path, "amend_amendment_renumbers")
        old_of = {new: old for old, new in kept}
        numbers: dict[ArticleKey, ArticleKey] = {PREAMBLE: PREAMBLE} if PREAMBLE in self.new_by else {}
        last: ArticleKey | None = None
        for key in sorted(k for k in self.new_by if k != PREAMBLE):
            if key in old_of:
                last = old_of[key]
            elif last is None or (last[0], last[1] + 1) in self.old_by:
                raise InputError(self.new.source.path, "amend_amendment_renumbers")
            else:
                last = (last[0], last[1] + 1)
            numbers[key] = last
        self.new = renumbered_document(self.new, numbers, self.lexer)
        self.new_by = provisions_by_number(self.new)
        self.pairs = [(olds, [numbers[n] for n in news]) for olds, news in self.pairs]

    def _place(self, ins: Instruction) -> tuple[ArticleKey, int, int]:
        n = ins.targets[0].key
        if ins.kind == "add_article":
            return (n, 0, 0) if ins.before else (n, 9, 0)
        return (n, 0, 0)

    def _structure(self) -> tuple[list[Instruction], list[tuple[ArticleKey, ArticleKey]]]:
        """Deletions, merges and additions, and the kept (old, new) provision pairs."""
        structure: list[Instruction] = []
        kept: list[tuple[ArticleKey, ArticleKey]] = []
        kept_old: set[ArticleKey] = set()
        anchor_of: dict[ArticleKey, ArticleKey] = {}  # first new number of a kept row → its first old number
        for olds, news in self.pairs:
            kept_old.update(olds)
            anchor_of[news[0]] = olds[0]
            if len(olds) == 1:
                kept.append((olds[0], news[0]))
            else:  # merged: 将第X条、第Y条合并，作为第Z条，修改为：…
                text = self._full_text(self.new_by[news[0]])
                structure.append(Instruction("merge", tuple(target_at(n) for n in olds), new=text,
                                             position=news[0][0], sub=news[0][1]))
        deleted = [n for n in sorted(self.old_by) if n != PREAMBLE and n not in kept_old]
        structure.extend(Instruction("delete", (target_at(n),)) for n in deleted)
        structure.extend(self._additions(anchor_of, kept_old))
        return structure, kept

    def _additions(self, anchor_of: dict[ArticleKey, ArticleKey], kept_old: set[ArticleKey]) -> list[Instruction]:
        out: list[Instruction] = []
        anchor: ArticleKey | None = None
        first_old = min((n for n in self.old_by if n != PREAMBLE), default=None)
        numbers = sorted(k for k in self.new_by if k != PREAMBLE)
        following: ArticleKey | None = None  # additions from a heading's first article on go before this one
        for n in numbers:
            if n in anchor_of:
                anchor, following = anchor_of[n], None
                continue
            text = self._full_text(self.new_by[n])
            if following is None:
                following = self._opens_heading(n, numbers, anchor_of, anchor, kept_old)
            if following is not None:  # first under its heading: 在第Y条前增加, so it goes under that heading
                out.append(Instruction("add_article", (target_at(following),), new=text, position=n[0], sub=n[1],
                                       before=True))
            elif anchor is None:
                if first_old is None:
                    raise InputError(self.old.source.path, "amend_no_articles")
                out.append(Instruction("add_article", (target_at(first_old),), new=text, position=n[0], sub=n[1],
                                       before=True))
            else:
                out.append(Instruction("add_article", (target_at(anchor),), new=text, position=n[0], sub=n[1]))
        return out

    def _opens_heading(self, n: ArticleKey, numbers: list[ArticleKey], anchor_of: dict[ArticleKey, ArticleKey],
                       anchor: ArticleKey | None, kept_old: set[ArticleKey]) -> ArticleKey | None:
        """For an added article that opens its heading in NEW, the old article to add it
        before (it is then written under that one's headings): the next kept article if it
        is under the same heading in NEW, else the deleted first article of OLD's next
        heading when that heading has the same numbers (its articles all replaced)."""
        here = _path(self.new_by[n])
        before = numbers.index(n) - 1
        if before < 0 or _path(self.new_by[numbers[before]]) == here or not any(here):
            return None
        following = next((k for k in numbers if k > n and k in anchor_of), None)
        if following is not None and _path(self.new_by[following]) == here and anchor_of[following]:
            return anchor_of[following]
        olds = sorted(k for k in self.old_by if k != PREAMBLE and (anchor is None or k > anchor))
        start = _path(self.old_by[anchor]) if anchor else None
        first = next((k for k in olds if _path(self.old_by[k]) != start), None)
        if first is None or first in kept_old or _numbers(_path(self.old_by[first])) != _numbers(here):
            return None
        return first

    def _full_text(self, prov: Provision) -> str:
        self.wording.article = prov.ordinal or 0  # an added article: no counterpart, no evidence
        lines = [self._translated(line, Evidence()) for line in prov.paragraphs]
        return "\n".join(lines)

    def _translated(self, line: str, evidence: Evidence) -> str:
        if not self.harmonise:
            return line
        return self.wording.line(self._tokens(line, self.new), evidence)

    def _items(self, old_line: str, new_line: str, mapping: dict[ArticleKey, ArticleKey], evidence: Evidence,
               vote: bool = False) -> list[Item]:
        """``line_items`` of two lines, the new one rendered as ``evidence`` shows (harmonise)."""
        render = (lambda tokens, i, j: self.wording.render(tokens, i, j, evidence)) if self.harmonise else surfaces
        seen = (lambda a, b: self.wording.vote(a, b, evidence)) if vote and self.harmonise else None
        return line_items(self._tokens(old_line, self.old), self._tokens(new_line, self.new), mapping,
                          self.harmonise, self.codes, render, seen)

    def _evidence(self, old: Provision, new: Provision, mapping: dict[ArticleKey, ArticleKey]) -> tuple[Evidence, bool]:
        """What the old provision shows of its jurisdiction wording, and whether the two read
        the same, paragraph breaks aside (then nothing is drafted)."""
        evidence = Evidence(normalise("".join(old.paragraphs)))
        self.wording.article = None  # a first pass: words rendered here are not reported unsure
        joined = self._items("".join(old.paragraphs), "".join(new.paragraphs), mapping, evidence, vote=True)
        return evidence, not any(it.change for it in joined)

    def _tokens(self, line: str, doc: Document) -> list[Token]:
        return self.lexer.tokens(line, doc.jurisdiction)

    def _provision(self, old_n: ArticleKey, new_n: ArticleKey,
                   mapping: dict[ArticleKey, ArticleKey]) -> tuple[list[Instruction], tuple[str, ...]]:
        """The instructions turning old provision ``old_n`` into new ``new_n``, and its target lines."""
        from .choose import choose

        old, new = self.old_by[old_n], self.new_by[new_n]
        if old_n in self.skip:
            return [], tuple(old.paragraphs)
        evidence, same = self._evidence(old, new, mapping) if self.harmonise else (Evidence(), False)
        if same:
            return [], tuple(old.paragraphs)  # at most paragraph breaks differ: formatting
        self.wording.article = old_n[0]
        pairs = _line_pairs(old, new)
        items = {i: self._items(old.paragraphs[i], new.paragraphs[j], mapping, evidence) for i, j in pairs}
        target = _target_lines(old, new, pairs, items, lambda line: self._translated(line, evidence))
        if _unchanged(old, target, items, pairs) and old_n not in self.forced:
            return [], target
        return choose(old_n, old, new, pairs, items, target, force=old_n in self.forced, style=self.style), target


def _path(prov: Provision) -> tuple[str | None, ...]:
    return prov.part, prov.subpart, prov.chapter, prov.section


def _numbers(path: tuple[str | None, ...]) -> tuple[int | None, ...]:
    return tuple(split_heading(h)[0] if h else None for h in path)


def _line_pairs(old: Provision, new: Provision) -> list[tuple[int, int]]:
    """Old line index → new line index for lines diffed against each other."""
    if len(old.paragraphs) == len(new.paragraphs):
        return [(i, i) for i in range(len(old.paragraphs))]
    from ..align import align_sequences

    links = align_sequences([normalise(p) for p in old.paragraphs], [normalise(p) for p in new.paragraphs])
    return [(link.a[0], link.b[0]) for link in links if len(link.a) == 1 and len(link.b) == 1 and not link.moved]


def _target_lines(old: Provision, new: Provision, pairs: list[tuple[int, int]], items: dict[int, list[Item]],
                  translated: Callable[[str], str]) -> tuple[str, ...]:
    paired = {j: i for i, j in pairs}
    return tuple("".join(it.new for it in items[paired[j]]) if j in paired else translated(line)
                 for j, line in enumerate(new.paragraphs))


def _unchanged(old: Provision, target: tuple[str, ...], items: dict[int, list[Item]],
               pairs: list[tuple[int, int]]) -> bool:
    if len(old.paragraphs) != len(target) or len(pairs) != len(target):
        return False
    return not any(it.change for its in items.values() for it in its)


def stated_renumbering(mapping: dict[ArticleKey, ArticleKey]) -> list[Instruction]:
    """第A条至第B条相应改为第C条至第D条 for each run of consecutive old articles moved by the
    same offset (a 修正案 states the renumbering its additions and deletions imply)."""
    runs: list[list[int]] = []  # [first old, last old, first new]
    for (old, _), (new, _) in sorted(mapping.items()):
        if old <= 0 or old == new:
            continue
        if runs and old == runs[-1][1] + 1 and new - old == runs[-1][2] - runs[-1][0]:
            runs[-1][1] = old
        else:
            runs.append([old, old, new])
    return [Instruction("renumber", (target_at((a, 0)),) + ((target_at((b, 0)),) if b != a else ()), position=c)
            for a, b, c in runs]


def group_substitutions(instructions: list[Instruction]) -> list[Instruction]:
    """One instruction for the same "A" → "B" substitution in several articles, placed
    where the first of them was."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, ins in enumerate(instructions):
        if ins.kind in GROUPED and len(ins.targets) == 1 and ins.targets[0].paragraph is None:
            groups.setdefault((ins.kind, ins.old, ins.new), []).append(i)
    first = {members[0]: members for members in groups.values() if len(members) > 1}
    grouped = {i for members in first.values() for i in members}
    out: list[Instruction] = []
    for i, ins in enumerate(instructions):
        if i in first:
            targets = tuple(instructions[m].targets[0] for m in first[i])
            out.append(Instruction(ins.kind, targets, ins.old, ins.new))
        elif i not in grouped:
            out.append(ins)
    return out


def group_deletions(instructions: list[Instruction]) -> list[Instruction]:
    """Consecutive 删去第X条 become one (删去第六条、第七条), and so do consecutive 款 of
    one article deleted (删去第三十五条第二款、第三款)."""
    out: list[Instruction] = []
    for ins in instructions:
        if out and ins.kind == out[-1].kind and (ins.kind == "delete" or ins.kind == "delete_paragraph"
                                                 and ins.targets[0].key == out[-1].targets[-1].key):
            out[-1] = Instruction(ins.kind, out[-1].targets + ins.targets)
        else:
            out.append(ins)
    return out


def whole_deletions(instructions: list[Instruction], old: Document) -> list[Instruction]:
    """删去第六章 for the headings all of whose articles one 删去 instruction deletes and
    under which no added article is written (the rest stay a 删去第X条 after them)."""
    out: list[Instruction] = []
    kept_under = {ins.targets[0].key for ins in instructions if ins.kind == "add_article" and ins.before
                  and ins.targets}  # an article added before one of them is written under its heading
    for ins in instructions:
        if ins.kind != "delete" or ins.heading:
            out.append(ins)
            continue
        numbers = {t.key for t in ins.targets}
        wholes = [h for h in whole_headings(old, numbers) if not kept_under & set(articles_under(old, h))]
        covered = {n for head in wholes for n in articles_under(old, head)}
        out.extend(Instruction("delete", tuple(target_at(n) for n in articles_under(old, head)), heading=head.address)
                   for head in wholes)
        rest = tuple(t for t in ins.targets if t.key not in covered)
        if rest:
            out.append(Instruction("delete", rest))
    return out


def _bare_title(title: str) -> str:
    return title.strip().lstrip("#").strip()


def draft_decision(comparison: Comparison, old_id: str, new_id: str, lexer: JurisdictionLexer,
                   harmonise: bool = False, skip: set[ArticleKey] | None = None, style: str | None = None) -> Decision:
    """The decision turning ``old_id``'s text into ``new_id``'s, checked by applying it;
    the old provisions in ``skip`` are left unchanged. ``style``: "decision" or "amendment" (a 修正案; see
    ``choose``); by default amendment for a text numbered 第X条之一 or amended by 修正案 before
    (``amended_by_amendments``), else 决定."""
    drafter = Drafter(comparison, old_id, new_id, lexer, harmonise, skip, style)
    if not any(p.kind in ADDRESSABLE for p in drafter.old.provisions):
        raise InputError(drafter.old.source.path, "amend_no_articles")
    decision, targets = drafter.draft()
    for _ in range(2):
        wrong = _mismatches(drafter, decision, targets)
        wrong -= drafter.skip
        if not wrong:
            break
        drafter.forced.update(wrong)
        decision, targets = drafter.draft()
    decision.redrafted = tuple(sorted(drafter.forced))
    decision.style = drafter.style
    if decision.style == "amendment":  # the next of the 修正案 OLD's history lists (刑法: （十二）after （十一）)
        history = [drafter.old.adoption_note or "", *drafter.old.revisions]
        earlier = sum("修正案" in line for line in history)
        numbered = any(re.search(r"修正案（[一二三四五六七八九十]+）", line) for line in history)
        decision.ordinal = earlier + 1 if numbered or not earlier else 0  # the 宪法's are not numbered
    touched = {t.article for ins in decision.instructions for t in ins.targets} | {
        ins.position for ins in decision.instructions if ins.kind == "add_article"}
    decision.checks = tuple(sorted(set(c for c in drafter.wording.unsure if c.article in touched),
                                   key=lambda c: (c.article, c.base, c.drafted)))
    _check_readable(drafter, decision)
    return decision


def _check_readable(drafter: Drafter, decision: Decision) -> None:
    """The draft as written (rendered, read back by ``apply``'s parser) must apply to OLD:
    a draft ``apply`` would refuse is refused here, in one line, instead of written."""
    from ..instrument.render import decision_text
    from .parse import parse_decision

    try:
        written = parse_decision(decision_text(decision))
        amended = apply_decision(drafter.old, replace(written, unit=decision.unit), drafter.lexer)
    except InputError as exc:
        raise InputError(drafter.new.source.path, "amend_draft_unappliable",
                         instruction=str(exc.params.get("instruction") or exc.params.get("line") or exc.key)) from exc
    if not drafter.harmonise and not drafter.skip:
        differing = first_difference(amended, drafter.new)
        if differing is not None:  # a change the alignment lost would be left out: never silently
            raise InputError(drafter.new.source.path, "amend_draft_incomplete", unit=address(target_at(differing)))


def first_difference(amended: Amended, new: Document) -> ArticleKey | None:
    """The first provision (by NEW's number) where ``amended`` does not read as ``new``
    (width and whitespace aside), or None when it reproduces every provision."""
    got = [(n or PREAMBLE, tuple(normalise(x) for x in lines)) for n, (_, lines, _) in
           zip(amended.numbers(), amended.provisions)]
    want = [(provision_key(p), tuple(normalise(x) for x in p.paragraphs)) for p in new.provisions
            if p.kind == "preamble" or (p.kind in ("article", "item") and p.ordinal is not None)]
    index = first_mismatch(got, want)
    if index is None:
        return None
    return (want if index < len(want) else got)[index][0]


def _mismatches(drafter: Drafter, decision: Decision, targets: dict[ArticleKey, tuple[str, ...]]) -> set[ArticleKey]:
    """Old provisions of kept pairs whose amended text is not what was intended."""
    amended = apply_decision(drafter.old, decision, drafter.lexer)
    got = {PREAMBLE if n is None else n: lines for n, (_, lines, _) in zip(amended.numbers(), amended.provisions)}
    wrong: set[ArticleKey] = set()
    inverse = {new: old for old, new in amended.renumbering.items()}
    for n, lines in targets.items():
        if [normalise(x) for x in got.get(n, ())] != [normalise(x) for x in lines]:
            old = PREAMBLE if n == PREAMBLE else inverse.get(n)
            if old is not None:
                wrong.add(old)
    return wrong


def commencement(old: Document, new: Document) -> str | None:
    """The date the decision takes effect: NEW's commencement when it is that of this version
    (a 修订 that sets a new date), else None ("自公布之日起施行"): an amended law keeps its first
    commencement date (立法法 2023 still says 本法自2000年7月1日起施行), which is not the
    decision's; a date OLD already has, or one before NEW's version date, is that first date."""
    effective, version = new.effective, new.version_date or new.adopted
    if not effective or effective == old.effective or (version and effective < version):
        return None
    return effective
