"""Cross-references inside one text, resolved to the provisions they name.

Public API:

- ``parse(text) -> list[Reference]``: every reference expression of a paragraph, with its
  character span and its targets. Handled: 第X条, 第X条第Y款, 第X条第Y款第Z项, 第X条之一,
  lists joined by 、/和/及/以及/或者/或/与 (later atoms inherit the article, or the 款, of the
  atom before: 第二十条第一款、第二款 names 20.1 and 20.2), ranges with 至, the prefixes
  本法 / 本条例 / 本规定 / 本办法 / …, and the relative forms 前款, 前两款, 本条第X款 and a bare
  第Y款 / 第Z项 (this article). References to another law (《…》第X条, 刑法第X条, 该法第X条)
  are not references of this text and are skipped.
- ``group(tokens, renumbering, article, paragraph) -> list[Token]``: the same tokens with
  each reference expression merged into one token (kind "number"). Its ``key`` is the
  target with 本条 resolved to ``article`` and article (and 款) numbers passed through
  ``renumbering`` (old provision → the new one it was aligned with), so a reference that
  follows its renumbered article has the same key as the new text's reference and the diff
  pairs them, while one that keeps its number although its article moved has a different
  key. Its ``note`` is ``REF_NOTE`` + the targets as written + "|" + the absolute
  renumbered targets (前款 resolved against ``paragraph``).
- ``Renumbering``: the old → new article and 款 maps (from the alignment's rows).
- ``written(token)`` / ``absolute(token)``: the two forms stored in a grouped token.
- ``article_spans(targets)``: the (first, last) article numbers a target string names.

A target is written ``article.paragraph.item`` with ``S`` for "this article" (本条, 前款, a
bare 第二款), ``前N`` for "the N paragraphs before this one" (kept relative in the key,
since an unchanged 前款 must stay equal when paragraphs before it shift), ``A~B`` for a range
and ``,`` between list members.

>>> [r.targets for r in parse("依照本法第十二条和第十三条第二款的规定")]
['12,13.2']
>>> [r.targets for r in parse("第四十条至第四十二条、前款")]
['40~42,S.前1']
>>> parse("依照《中华人民共和国行政处罚法》第二条")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Token
from .numerals import chinese_to_int

REF_NOTE = "REF|"  # prefix of the note of a grouped reference token
_N = r"[零〇一二三四五六七八九十百千两0-9０-９]+"
_OWN = r"本(?:法|条例|规定|办法|细则|决定|解释|规则|章程|准则|通则)"
_TAIL = (rf"第{_N}条(?:之{_N})?(?:第{_N}款)?(?:第{_N}项)?"
         rf"|(?:本条)?第{_N}款(?:第{_N}项)?|第{_N}项|前款(?:第{_N}项)?|前{_N}款")
_ATOM = rf"(?:{_OWN})?(?:{_TAIL})"
_JOIN = r"(?:、|以及|或者|和|及|或|与|至)"
# A list goes on while its atoms carry no 本法-like prefix: in 专利法第十八条或者本细则第十六条
# the second citation starts a new expression (of this text, unlike the first).
_EXPR = re.compile(rf"(?:{_ATOM})(?:{_JOIN}(?:{_TAIL}))*")
_PART = re.compile(rf"(?P<join>{_JOIN})?(?P<atom>{_ATOM})")
_FIELDS = re.compile(rf"第(?P<art>{_N})条(?:之(?P<sub>{_N}))?|本条|第(?P<par>{_N})款|第(?P<item>{_N})项|前(?P<prev>{_N})?款")
# Text just before a reference that makes it a citation of another law: a closing 》, or the
# name of a law (…法, …条例, 该法) that is not this text (本法, 本条例).
_OTHER_LAW = re.compile(r"(?:》|(?<!本)(?:法|条例|规定|办法|细则|法典|决定|解释|条约|公约|协定))$")


@dataclass(frozen=True)
class Reference:
    """A reference expression: where it is in the text, and what it names."""

    start: int
    end: int
    targets: str  # canonical target list, e.g. "12,13.2", "40~42", "S.2", "前1"


def parse(text: str) -> list[Reference]:
    """The reference expressions of ``text``, in order (see the module docstring)."""
    out = []
    for m in _EXPR.finditer(text):
        if _OTHER_LAW.search(text[max(0, m.start() - 8):m.start()].rstrip()):  # 《…》 第十条 too
            continue
        out.append(Reference(m.start(), m.end(), _targets(m.group(0))))
    return out


def _targets(expression: str) -> str:
    """Canonical targets of one expression: atoms inherit missing levels from the one before."""
    parts: list[str] = []
    previous: list[str | None] = [None, None, None]
    for m in _PART.finditer(expression):
        fields = _atom(m.group("atom"))
        if fields[0] is None and fields[1] is not None and not fields[1].startswith("前") and previous[0]:
            fields[0] = previous[0]
        elif fields[0] is None and fields[1] is None and fields[2] is not None and previous[1]:
            fields[0], fields[1] = previous[0], previous[1]
        fields[0] = fields[0] or "S"
        target = _joined(fields)
        if m.group("join") == "至" and parts:
            parts[-1] = f"{parts[-1]}~{target}"
        else:
            parts.append(target)
        previous = fields
    return ",".join(parts)


def _joined(fields: list[str | None]) -> str:
    """article.paragraph.item; an item without a paragraph keeps an empty slot (S..3)."""
    article, paragraph, item = fields
    if item is not None:
        return f"{article}.{paragraph or ''}.{item}"
    return f"{article}.{paragraph}" if paragraph is not None else str(article)


def _atom(atom: str) -> list[str | None]:
    """[article, paragraph, item] of one atom; None where the atom does not say."""
    article = paragraph = item = None
    for m in _FIELDS.finditer(atom):
        if m.group("art"):
            article = _num(m.group("art")) + (f"之{_num(m.group('sub'))}" if m.group("sub") else "")
        elif m.group(0) == "本条":
            article = "S"
        elif m.group("par"):
            paragraph = _num(m.group("par"))
        elif m.group("item"):
            item = _num(m.group("item"))
        else:  # 前款 / 前两款
            paragraph = f"前{_num(m.group('prev')) if m.group('prev') else '1'}"
    return [article, paragraph, item]


def _num(text: str) -> str:
    value = chinese_to_int(text)
    return str(value) if value is not None else text


@dataclass(frozen=True)
class Renumbering:
    """Where the old text's provisions went: article → article, (article, 款) → (article, 款)."""

    articles: dict[int, int] = field(default_factory=dict)
    paragraphs: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)


NO_RENUMBERING = Renumbering()


def renumbered(targets: str, renumbering: Renumbering) -> str:
    """``targets`` with each article (and 款 of an article) passed through ``renumbering``.

    >>> renumbered("40~42,18.2", Renumbering({40: 39, 42: 41, 18: 17}, {(18, 2): (17, 3)}))
    '39~41,17.3'
    """
    if not renumbering.articles and not renumbering.paragraphs:
        return targets
    return ",".join("~".join(_renumbered_one(t, renumbering) for t in item.split("~")) for item in targets.split(","))


def _renumbered_one(target: str, renumbering: Renumbering) -> str:
    fields = target.split(".")
    if not fields[0].isdigit():
        return target
    article = int(fields[0])
    if len(fields) > 1 and fields[1].isdigit() and (article, int(fields[1])) in renumbering.paragraphs:
        new_article, new_paragraph = renumbering.paragraphs[(article, int(fields[1]))]
        return ".".join([str(new_article), str(new_paragraph), *fields[2:]])
    return ".".join([str(renumbering.articles.get(article, article)), *fields[1:]])


def article_spans(targets: str) -> list[tuple[int, int]]:
    """The articles ``targets`` name, as (first, last) article numbers per target; targets
    of this article (``S``, 前款) and 之一 articles are left out.

    >>> article_spans("40~42,18.2,S.前1,5.1~7,10之1")
    [(40, 42), (18, 18), (5, 7)]
    """
    out = []
    for target in targets.split(","):
        first, _, last = (side.split(".")[0] for side in target.partition("~"))
        if first.isdigit() and (not last or last.isdigit()):
            out.append((int(first), int(last or first)))
    return out


def located(targets: str, article: int | None, paragraph: int | None) -> str:
    """``targets`` with ``S`` (this article) replaced by ``article``, and, when ``paragraph``
    (1-based) is given, 前N款 made absolute (前两款 in the third 款 names 款 1 and 2)."""
    if paragraph is not None:
        def one(m: re.Match[str]) -> str:
            count = int(m.group(1))
            return ",".join(f"S.{k}" for k in range(max(1, paragraph - count), paragraph)) or "S.0"

        targets = re.sub(r"S\.前(\d+)", one, targets)
    if article is None:
        return targets
    return ",".join("~".join(str(article) + t[1:] if t.startswith("S") and "前" not in t else t
                             for t in item.split("~")) for item in targets.split(","))


def group(tokens: list[Token], renumbering: Renumbering = NO_RENUMBERING, article: int | None = None,
          paragraph: int | None = None) -> list[Token]:
    """``tokens`` with each reference expression merged into one token (see module docstring).

    ``article`` and ``paragraph`` say where the tokens are (the article's ordinal, the 款's
    1-based place), so 本条 and 前款 resolve. Tokens already grouped are kept as they are;
    expressions that do not start and end on token boundaries are left alone.
    """
    out: list[Token] = []
    run: list[Token] = []
    for token in tokens:
        if is_grouped(token):
            out.extend(_group_run(run, renumbering, article, paragraph))
            out.append(token)
            run = []
        else:
            run.append(token)
    out.extend(_group_run(run, renumbering, article, paragraph))
    return out


def _group_run(tokens: list[Token], renumbering: Renumbering, article: int | None,
               paragraph: int | None) -> list[Token]:
    if not tokens:
        return []
    text = "".join(t.surface for t in tokens)
    if "第" not in text and "前" not in text:
        return list(tokens)
    starts, offset = {}, 0
    for n, token in enumerate(tokens):
        starts[offset] = n
        offset += len(token.surface)
    starts[offset] = len(tokens)
    out: list[Token] = []
    done = 0
    for ref in parse(text):
        first, last = starts.get(ref.start), starts.get(ref.end)
        if first is None or last is None or first < done:
            continue
        out.extend(tokens[done:first])
        out.append(_reference_token(text[ref.start:ref.end], ref.targets, renumbering, article, paragraph))
        done = last
    out.extend(tokens[done:])
    return out


def _reference_token(surface: str, targets: str, renumbering: Renumbering, article: int | None,
                     paragraph: int | None) -> Token:
    key = renumbered(located(targets, article, None), renumbering)
    absolute = renumbered(located(targets, article, paragraph), renumbering)
    return Token(surface, "R:" + key, "number", f"{REF_NOTE}{targets}|{absolute}")


def is_grouped(token: Token) -> bool:
    """Whether ``token`` is a reference merged by ``group``."""
    return bool(token.note and token.note.startswith(REF_NOTE))


def written(token: Token) -> str:
    """The targets as the text writes them (before mapping), or the token's key."""
    return token.note.split("|")[1] if is_grouped(token) and token.note else token.key


def absolute(token: Token) -> str:
    """The mapped targets with 前款 resolved, or the token's key."""
    return token.note.split("|")[2] if is_grouped(token) and token.note else token.key
