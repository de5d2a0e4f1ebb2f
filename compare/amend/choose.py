"""The wording of the change to one provision: economical, as official drafting words it.

Calibrated on the official decisions (刑法修正案（十二）against the 2020 and 2023 刑法, the
立法法 2023 decision): word-level instructions (中的“A”修改为“B”, 在“A”后增加“B”, 删去“A”) are
for terms — each changed run at most ``TERM`` characters —; a clause rewritten is its 款
replaced (将第X条第Y款修改为) or the article replaced (将第X条修改为); an article is changed by
one instruction unless only terms change or the whole article is much longer than its
pieces (``WHOLE_RATIO``). A 修正案 (``style="amendment"``) words no terms at all: every changed
article is replaced whole, or the one 款 that changed. A 款 added or deleted alone is said so
(在刑法第X条中增加一款作为第Y款：, 删去刑法第X条第Y款; 宪法第十四条增加一款，作为第四款), as 22 of the
27 增加一款 of the corpus's 刑法 and 宪法 修正案 are; added to an article whose other 款 change
too, the article is restated (在刑法第一百六十五条中增加一款作为第二款，将该条修改为).
"""

from __future__ import annotations

from ..model import Provision
from .placing import ITEM_NUMBER, clause_kinds, clause_numbers
from .lines import Item
from ..instrument.model import PREAMBLE, ArticleKey, Instruction, target_at
from ..instrument.render import instruction_text

MAX_RUNS = 3  # changed runs in one line before the line is replaced whole
MAX_GROW = 40  # neighbouring tokens A may grow by, in all, before the line is replaced instead
TERM = 12  # the longest change (old or new words) a word-level instruction makes
WHOLE_RATIO = 2.0  # several instructions on one article: the article replaced when at most this much longer
WORDS = ("substitute", "delete_text", "insert_text")
STYLES = ("decision", "amendment")  # 关于修改《…》的决定, …修正案
CLAUSES = ("add_paragraph", "delete_paragraph")  # a 款 added or deleted


def choose(n: ArticleKey, old: Provision, new: Provision, pairs: list[tuple[int, int]], items: dict[int, list[Item]],
           target: tuple[str, ...], force: bool = False, style: str = "decision") -> list[Instruction]:
    """The instructions turning ``old`` (number ``n``) into ``target`` (see the module docstring)."""
    whole = [Instruction("replace", (target_at(n),), new="\n".join(target))]
    if force:
        return whole
    parts = _by_lines(n, old, new, pairs, items, target, words=style != "amendment")
    if parts is not None and parts and all(ins.kind in WORDS for ins in parts) and \
            _cost(parts) <= WHOLE_RATIO * _cost(whole):
        return parts  # terms changed: said as terms, even in a short article (they group across articles)
    if parts is None or _cost(parts) >= _cost(whole):
        return whole
    if style == "amendment" and any(ins.kind in CLAUSES for ins in parts) and \
            not all(ins.kind in CLAUSES for ins in parts):
        return whole  # 在刑法第X条中增加一款作为第Y款，将该条修改为: a 款 added to an article also rewritten
    if len(parts) > 1 and not all(ins.kind in WORDS for ins in parts) and _cost(whole) <= WHOLE_RATIO * _cost(parts) \
            and n != PREAMBLE:  # the 序言's paragraphs are amended one by one (序言第七自然段), never all restated
        return whole
    return parts


def _cost(instructions: list[Instruction]) -> int:
    return sum(len(instruction_text(ins, "zh")) for ins in instructions)


def _by_lines(n: ArticleKey, old: Provision, new: Provision, pairs: list[tuple[int, int]], items: dict[int, list[Item]],
              target: tuple[str, ...], words: bool = True) -> list[Instruction] | None:
    """Line-level instructions (word-level ones too when ``words``), or None when the lines
    cannot be addressed one by one."""
    kinds = clause_kinds(old)
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    structural = len(paired_old) < len(old.paragraphs) or len(paired_new) < len(target)
    added_items = _added_items(n, kinds, clause_kinds(new), paired_new, target) \
        if structural and len(paired_old) == len(old.paragraphs) else None
    if structural and added_items is None and (set(kinds) != {"paragraph"} or set(clause_kinds(new)) != {"paragraph"}):
        return None
    lines = [(i, j) for i, j in pairs if any(it.change for it in items[i]) and not (
        added_items and kinds[i] == "item" and ITEM_NUMBER.sub("", old.paragraphs[i]) == ITEM_NUMBER.sub("", target[j]))]
    # (a 项 numbered on by the one added before it is implied: 相应改为)
    chosen = _line_choices(n, old, kinds, lines, items, target, words, shared=True)
    if chosen is not None and not _shared_consistently(chosen, old.paragraphs):
        chosen = _line_choices(n, old, kinds, lines, items, target, words, shared=False)
    if chosen is None:
        return None
    out = list(dict.fromkeys(ins for i, _ in lines for ins in chosen[i]))  # “A”→“B” said once for all its lines
    if added_items is not None:
        return out + added_items
    out.extend(Instruction("delete_paragraph", (target_at(n, i + 1),)) for i in range(len(old.paragraphs))
               if i not in paired_old)
    out.extend(Instruction("add_paragraph", (target_at(n),), new=target[j], position=j + 1) for j in range(len(target))
               if j not in paired_new)
    return out


def _line_choices(n: ArticleKey, old: Provision, kinds: list[str], lines: list[tuple[int, int]],
                  items: dict[int, list[Item]], target: tuple[str, ...], words: bool,
                  shared: bool) -> dict[int, list[Instruction]] | None:
    """For each changed old line, the cheaper of its word-level edits and its 款/项 replaced
    (None when neither can address it); ``shared``: an edit may name words that recur in
    other lines changed alike."""
    chosen = {}
    for i, j in lines:
        edits = _edits(n, i, items, old.paragraphs, shared) if words else None
        options = [ops for ops in (edits, _line_replace(n, kinds, i, target[j])) if ops is not None]
        if not options:
            return None
        chosen[i] = min(options, key=_cost)
    return chosen


def _shared_consistently(chosen: dict[int, list[Instruction]], paragraphs: tuple[str, ...]) -> bool:
    """Whether each edit naming recurring words is chosen for every line holding them (a line
    replaced whole instead would be changed twice), and no two edits' words overlap."""
    edits = list(dict.fromkeys(x for ops in chosen.values() for x in ops if x.kind in WORDS))
    for ins in edits:
        if not _unique(ins.old, paragraphs) and \
                any(ins.old in line and ins not in chosen.get(k, ()) for k, line in enumerate(paragraphs)):
            return False
    spans = sorted(span for ins in edits for span in _spans(ins.old, paragraphs))
    return all(a[0] != b[0] or a[2] <= b[1] for a, b in zip(spans, spans[1:]))


def _spans(text: str, paragraphs: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """(line, start, end) of each occurrence of ``text``."""
    out = []
    for k, line in enumerate(paragraphs):
        at = line.find(text)
        while at >= 0:
            out.append((k, at, at + len(text)))
            at = line.find(text, at + 1)
    return out


def _added_items(n: ArticleKey, old_kinds: list[str], new_kinds: list[str], paired_new: set[int],
                 target: tuple[str, ...]) -> list[Instruction] | None:
    """在第X条[第Y款]中增加一项，作为第Z项 for each 项 of NEW with no old line, when nothing
    else is added (the old lines all have their new ones, and as many 款): None otherwise."""
    added = [j for j in range(len(target)) if j not in paired_new]
    if not added or any(new_kinds[j] != "item" for j in added) or \
            old_kinds.count("paragraph") != new_kinds.count("paragraph"):
        return None
    out = []
    for j in added:
        para, item = clause_numbers(new_kinds, j)
        address = target_at(n, para) if old_kinds.count("paragraph") > 1 else target_at(n)
        out.append(Instruction("add_item", (address,), new=target[j], position=item))
    return out


def _line_replace(n: ArticleKey, kinds: list[str], i: int, text: str) -> list[Instruction] | None:
    """将第X条第Y款[第Z项]修改为, when line ``i`` can be addressed alone."""
    if len(kinds) == 1:
        return None  # the whole article: the caller's candidate
    para, item = clause_numbers(kinds, i)
    if kinds[i] == "paragraph":
        if i + 1 < len(kinds) and kinds[i + 1] != "paragraph":
            return None  # a 款 with 项: 第Y款修改为 would replace its items too
        return [Instruction("replace", (target_at(n, para),), new=text)]
    if kinds[i] == "item" and para:
        if i + 1 < len(kinds) and kinds[i + 1] == "subitem":
            return None
        return [Instruction("replace", (target_at(n, para, item),), new=text)]
    return None


def _edits(n: ArticleKey, line: int, by_line: dict[int, list[Item]], lines: tuple[str, ...],
           shared: bool = True) -> list[Instruction] | None:
    """One instruction per changed run of line ``line``, or None. Each says “A” of the
    article: A occurs once, or every A in the article changes alike (将第五条中的“计划生育部门”
    修改为“卫生健康主管部门” replaces every one, as ``apply`` reads it)."""
    items = by_line[line]
    ranges = [_term(items, k, lines) or [k, k + 1] for k, it in enumerate(items) if it.change]
    if len(ranges) > MAX_RUNS or any(len(it.old) > TERM or len(it.new) > TERM for it in items if it.change):
        return None  # more than terms change: the line (or article) is replaced
    grown = 0
    while True:
        ranges = _merged(ranges)
        pending = [r for r in ranges if not _addressable(_old(items, r), _new(items, r), by_line if shared else {}, lines)]
        if not pending:
            break
        for r in pending:
            if not _grow(r, len(items), _insertion(items, r)):
                return None
            grown += 1
        if grown > MAX_GROW:
            return None
    return [_instruction(n, items, r) for r in ranges]


TERM_WORD = 4  # characters of the words after an insertion that make the term it changes


def _term(items: list[Item], k: int, lines: tuple[str, ...]) -> list[int] | None:
    """Words inserted before a term (“宪法和” before 法律委员会): the range of the insertion and
    the term's words, as official drafting says it (将…中的“法律委员会”修改为“宪法和法律委员会”,
    one instruction for every article so changed), when the term occurs once in the article."""
    if items[k].old or not _cjk(items[k].new[-1:]):
        return None  # a replacement, or an insertion ending in punctuation (a list's 知识产权、)
    end, words = k + 1, ""
    while end < len(items) and not items[end].change and len(words) < TERM_WORD and _cjk(items[end].old):
        words += items[end].old
        end += 1
    return [k, end] if len(words) >= TERM_WORD and _unique(words, lines) else None


def _cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _merged(ranges: list[list[int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for r in sorted(ranges):
        if out and r[0] <= out[-1][1]:
            out[-1][1] = max(out[-1][1], r[1])
        else:
            out.append(list(r))
    return out


def _insertion(items: list[Item], r: list[int]) -> bool:
    """Whether the range's only change is a pure insertion at its end (在…"A"后增加"B")."""
    changes = [it for it in items[r[0]:r[1]] if it.change]
    return len(changes) == 1 and items[r[1] - 1].change and not changes[0].old


def _grow(r: list[int], size: int, leftward: bool = False) -> bool:
    """Widen the range by one item: alternately left and right (insertions: left while
    possible, so they read 在"A"后增加"B"); False when it spans the line."""
    left = leftward or (r[1] - r[0]) % 2 == 1
    if left and r[0] > 0 or r[1] >= size and r[0] > 0:
        r[0] -= 1
        return True
    if r[1] < size:
        r[1] += 1
        return True
    return False


def _old(items: list[Item], r: list[int]) -> str:
    return "".join(it.old for it in items[r[0]:r[1]])


def _new(items: list[Item], r: list[int]) -> str:
    return "".join(it.new for it in items[r[0]:r[1]])


def _addressable(old: str, new: str, by_line: dict[int, list[Item]], lines: tuple[str, ...]) -> bool:
    """Whether 中的“old” names the run: it occurs once in the article, or each of its
    occurrences is a run of its line's items that becomes ``new``."""
    if _unique(old, lines):
        return True
    if not old:
        return False
    for k, line in enumerate(lines):
        if old in line and (k not in by_line or not _changed_alike(old, new, by_line[k], line)):
            return False
    return True


def _changed_alike(old: str, new: str, items: list[Item], line: str) -> bool:
    """Whether every occurrence of ``old`` in ``line`` spans whole items that read ``new``."""
    if "".join(it.old for it in items) != line:
        return False
    starts, offset = {}, 0
    for k, it in enumerate(items):
        starts[offset] = k
        offset += len(it.old)
    at = line.find(old)
    while at >= 0:
        k, end, said = starts.get(at), at + len(old), ""
        while k is not None and k < len(items) and at < end:
            said, at, k = said + items[k].new, at + len(items[k].old), k + 1
        if k is None or at != end or said != new:
            return False
        at = line.find(old, end)
    return True


def _unique(text: str, lines: tuple[str, ...]) -> bool:
    return bool(text) and sum(line.count(text) for line in lines) == 1


def _instruction(n: ArticleKey, items: list[Item], r: list[int]) -> Instruction:
    span = items[r[0]:r[1]]
    old = "".join(it.old for it in span)
    new = "".join(it.new for it in span)
    target = (target_at(n),)
    if all(it.change and not it.new for it in span):
        return Instruction("delete_text", target, old=old)
    last = span[-1]
    if last.change and not last.old and len(span) > 1 and not any(it.change for it in span[:-1]):
        return Instruction("insert_text", target, old=old, new=last.new)
    return Instruction("substitute", target, old=old, new=new)
