"""Classify each difference the way a legislative reviewer reads it.

Public API:

- ``classify_chunks(chunks, base, other) -> list[Difference]``: one ``Difference`` per
  equivalent-but-different token pair and per changed run of a provision diff.
- ``row_status(differences, complete) -> str``: the weightiest status (a category, or a
  structural class), or "missing" for an incomplete row no structural difference explains.

Categories, lightest first: ``formatting`` (punctuation width, whitespace, line breaks,
numerals), ``jurisdictional`` (self_reference, partner_list: wording that only says which
jurisdiction enacted the text), ``institution`` (institution_name: the same body named
differently; a reviewer must confirm it), ``substantive`` (normative, quantity, list_item,
cross_reference, wording); ``renumbering`` (a reference that follows its renumbered
article) is formatting. References are resolved to their targets by ``references``
(lists, ranges, 款/项, 本法/本条/前款) and compared by target through the alignment's
renumbering; a reference whose target changed is ``cross_reference``. ``structural``
differences (added, deleted, absent, moved, split, merged, renumbered provisions) come from
the alignment, not from a provision diff: see ``compare.classify.structural``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..diff import Chunk, equivalence_class
from ..rules import Rule, make
from ..numerals import chinese_to_int
from ..model import Difference, Document, Token
from .. import references
from . import structural
from ..vocabulary import CLASS_CATEGORY

# Deontic words and their strength; negative strength marks a prohibition.
DEONTIC = {"必须": 6, "须": 6, "应当": 5, "应": 5, "鼓励": 3, "支持": 3, "提倡": 2, "引导": 2,
           "可以": 1, "可": 1, "不得": -1, "禁止": -1, "严禁": -1, "不应": -1}
_LIST_JOINERS = {"、", "和", "及", "以及", "或者", "或"}
_QUANTITY = re.compile(r"[0-9０-９]|[零〇一二三四五六七八九十百千万亿两]+(?:个|日|天|年|月|元|倍|人|次|周|小时|工作日|%|％)|工作日|百分之")


def classify_chunks(chunks: list[Chunk], base: Document, other: Document,
                    renumbered: dict[int, int] | None = None) -> list[Difference]:
    """Differences of ``other`` against ``base`` from the chunks of their provision diff."""
    out: list[Difference] = []
    for k, chunk in enumerate(chunks):
        if chunk.op == "equal":
            out.extend(_equivalences(chunk, base.id, other.id))
        elif item_renumbered(chunks, k):
            out.append(Difference(other.id, base.id, CLASS_CATEGORY["item_number"], "item_number", chunk.old_text,
                                  chunk.new_text, _r("item_renumbered", old=chunk.old_text, new=chunk.new_text)))
        else:
            cls, rule = classify_change(chunk, base, other, renumbered, _modal_alone(chunks, k))
            out.append(Difference(other.id, base.id, CLASS_CATEGORY[cls], cls,
                                  chunk.old_text, chunk.new_text, rule))
    return out


def _modal_alone(chunks: list[Chunk], k: int) -> bool:
    """Whether a modal word change ``k`` adds or drops on its own would change the duty of
    what follows: the clause goes on after it (``_continues``) and no modal earlier in the
    same sentence of the other text governs it anyway (``_governed_anyway``)."""
    return _continues(chunks, k) and not _governed_anyway(chunks, k)


def _continues(chunks: list[Chunk], k: int) -> bool:
    """Whether the words after change ``k`` go on with its clause (an unchanged word, not
    punctuation or the end): what a modal dropped there governed is still there."""
    following = chunks[k + 1] if k + 1 < len(chunks) else None
    first = next((t for t in following.old if t.kind != "space"), None) if following and following.op == "equal" else None
    return first is not None and first.kind != "punct"


def _governed_anyway(chunks: list[Chunk], k: int) -> bool:
    """Whether the modal words change ``k`` drops (or adds) alone stand earlier in the same
    sentence of the other text, governing what follows there too (应当清理…，公布清单 keeps
    the duty to 公布 that 应当公布清单 states)."""
    chunk = chunks[k]
    dropped = {t.key for t in chunk.old if t.key in DEONTIC}
    added = {t.key for t in chunk.new if t.key in DEONTIC}
    if chunk.new and chunk.old:
        return False
    return bool(dropped and dropped <= _sentence_modals(chunks, k, "new")
                or added and added <= _sentence_modals(chunks, k, "old"))


def _sentence_modals(chunks: list[Chunk], k: int, side: str) -> set[str]:
    """The modal words before change ``k`` in its sentence, on one side ("old" or "new")."""
    found: set[str] = set()
    for chunk in reversed(chunks[:k]):
        for token in reversed(getattr(chunk, side)):
            if token.surface in ("。", "\n") or "\n" in token.surface:
                return found
            if token.key in DEONTIC:
                found.add(token.key)
    return found


def item_renumbered(chunks: list[Chunk], k: int) -> bool:
    """Whether change ``k`` is only the number of a 项 opening its line (（七）→（八）: a 项
    before it was added or deleted), not a change of what the 项 says."""
    chunk = chunks[k]
    if k == 0 or k + 1 >= len(chunks) or chunks[k - 1].op != "equal" or chunks[k + 1].op != "equal":
        return False
    before, after = chunks[k - 1].new, chunks[k + 1].new
    opens_line = bool(before) and before[-1].surface in ("（", "(") and (len(before) == 1 or "\n" in before[-2].surface)
    numeral = all(t.kind != "space" and chinese_to_int(t.surface) is not None for t in chunk.old + chunk.new)
    return opens_line and numeral and bool(chunk.old) and bool(chunk.new) and bool(after) and \
        after[0].surface.startswith(("）", ")"))


def _equivalences(chunk: Chunk, base_id: str, other_id: str) -> list[Difference]:
    out = []
    for a, b in zip(chunk.old, chunk.new):
        if a.surface != b.surface:
            cls = equivalence_class(a, b)
            rule = _r("renumbered") if cls == "renumbering" else _rule(cls, a, b)
            out.append(Difference(other_id, base_id, CLASS_CATEGORY[cls], cls, a.surface, b.surface, rule))
    return out


def _r(key: str, **params: str) -> Rule:
    """A rule in the user's language, with its language-neutral code (``compare.rules``)."""
    return make("classify", key, **params)


def _rule(cls: str, a: Token, b: Token) -> str | None:
    if cls == "self_reference":
        if a.key == b.key:
            return _r("same_place", a=a.surface, b=b.surface, place=_resolved(a))
        return _r("own_place", a=a.surface, b=b.surface)
    if cls == "partner_list":
        names = sorted({n for t in (a, b) for n in (t.note or "").split("、") if n})
        return _r("members", names="、".join(names))
    if cls == "institution_name":
        return _r("body", a=a.surface, b=b.surface, body=a.note or "")
    return None


def _resolved(token: Token) -> str:
    return (token.note or token.surface).split(" → ")[-1]


def classify_change(chunk: Chunk, base: Document, other: Document,
                    renumbered: dict[int, int] | None = None, modal_alone: bool = True) -> tuple[str, str | None]:
    """The class of a changed run, and a short explanation when one helps.

    ``renumbered`` maps the base text's article numbers to the aligned article numbers of
    the other text, so a cross-reference that follows its article is ``renumbering``;
    ``modal_alone``: a modal word the change adds or drops by itself would change the duty of
    the words after it (``_modal_alone``).
    """
    old = [t for t in chunk.old if t.kind != "space"]
    new = [t for t in chunk.new if t.kind != "space"]
    if not old and not new:
        return ("paragraph_break" if "\n" in chunk.old_text + chunk.new_text else "whitespace"), None
    if all(t.kind == "punct" for t in old + new):
        return "punctuation", None
    refs = _references(old, new, renumbered or {})
    if refs:
        return refs
    if chunk.old_text == chunk.new_text:  # the same words, read as different places
        return "self_reference", _r("same_words")
    deontic = _deontic_change(old, new, modal_alone)
    if deontic:
        return "normative", deontic
    if _is_list_item(old, new):
        return "list_item", None
    if _numbers(old) != _numbers(new) and _small(old, new, _is_quantity, SMALL_REST + 2):
        return "quantity", None
    return "wording", None


SMALL_REST = 3  # at most this many other words beside the ones that decide a narrow class


def _small(old: list[Token], new: list[Token], deciding: Callable[[Token], bool], limit: int = SMALL_REST) -> bool:
    """Whether the change is mostly the deciding words, not a rewritten sentence."""
    rest = [t for t in old + new if t.kind != "punct" and not deciding(t)]
    return len(rest) <= limit


def _references(old: list[Token], new: list[Token], renumbered: dict[int, int]) -> tuple[str, str | None] | None:
    """``renumbering`` when the changed references name the same targets once the old
    text's article numbers pass through ``renumbered``; ``cross_reference`` when the change
    is only in references; else None (see ``references``)."""
    old = references.group(old, references.Renumbering(renumbered))
    new = references.group(new)
    old_refs = [t for t in old if t.key.startswith("R:")]
    new_refs = [t for t in new if t.key.startswith("R:")]
    if not (old_refs or new_refs) or not _small(old, new, lambda t: t.key.startswith("R:"), 1):
        return None
    if not old_refs or not new_refs:
        return "cross_reference", None
    same = [references.absolute(t) for t in old_refs] == [references.absolute(t) for t in new_refs]
    return ("renumbering", _r("renumbered")) if same else ("cross_reference", None)


def _deontic_change(old: list[Token], new: list[Token], modal_alone: bool = True) -> str | None:
    """The rule of a change of modal word (应当 → 可以), or of one added or dropped (with at
    most an adverb) before words both texts keep (应当公布 → 公布, 应当及时报告 → 报告). A modal
    dropped with what it governs (应当严格依法进行，, or 应当公布 ending its clause) or still
    governing it from earlier in the sentence (``modal_alone`` false) is not a weaker duty:
    that is wording."""
    before = [t.key for t in old if t.key in DEONTIC]
    after = [t.key for t in new if t.key in DEONTIC]
    if before == after or not (before or after):
        return None
    words_old, words_new = ([t for t in side if t.kind != "punct"] for side in (old, new))
    if not (words_old and words_new):  # one-sided: a modal before words both keep, in one clause
        if not modal_alone or len(words_old + words_new) < len(old + new) or \
                not _small(old, new, lambda t: t.key in DEONTIC, 1):
            return None
    elif not _small(old, new, lambda t: t.key in DEONTIC):
        return None
    a = before[0] if before else _r("none")
    b = after[0] if after else _r("none")
    return _r("deontic", a=a, b=b, direction=_r(_direction(DEONTIC.get(a), DEONTIC.get(b))))


def _direction(a: int | None, b: int | None) -> str:
    if b is not None and b < 0 <= (a if a is not None else 0):
        return "prohibited"
    if a is not None and a < 0 <= (b if b is not None else 0):
        return "unprohibited"
    if a == b:
        return "equal"
    return "stronger" if (b or 0) > (a or 0) else "weaker"


def _is_list_item(old: list[Token], new: list[Token]) -> bool:
    """A pure insertion or deletion of an enumeration element (…、X、… or X、)."""
    added = new if not old else old if not new else None
    if not added or len(added) < 2:
        return False
    ends = {added[0].key, added[-1].key}
    return bool(ends & _LIST_JOINERS) and any(t.kind in ("word", "institution") for t in added)


def _is_quantity(token: Token) -> bool:
    return (token.kind == "number" and not token.key.startswith("R:")) or bool(_QUANTITY.search(token.surface))


def _numbers(tokens: list[Token]) -> list[str]:
    return [t.key for t in tokens if _is_quantity(t)]


def row_status(differences: list[Difference], complete: bool = True) -> str:
    """The weightiest status of the differences (``structural.weightiest``), identical for none;
    "missing" for an incomplete row whose differences do not say who lacks the provision."""
    keys = [structural.status_key(d) for d in differences]
    explained = any(k in structural.PRESENCE_CLASSES or k == "unmatched" for k in keys)
    if not complete and not explained:
        return "missing"
    return structural.weightiest(keys)
