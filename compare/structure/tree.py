"""Group body lines into provisions under 编 / 分编 / 章 / 节 headings, with stable ids.

A *scheme* says what starts an alignable provision:

- "article": ``第X条`` lines (``第十条之一`` → id ``art10-1``); Markdown headings numbered
  ``一、`` then act as chapter-level headings (judicial interpretations use them so).
- "item": ``一、`` lines, as in decisions (决定).
- "arabic": ``1.`` lines numbered straight through under ``一、`` headings (some
  judicial interpretations), or a text numbered with ``1.`` only.
- "paren": ``（一）`` lines, in a text numbered with nothing else.

Ids: ``preamble``; ``art10`` / ``item5``, prefixed by the chapter when there is one
(``ch2/art10``; an unnumbered 附则 chapter is ``supp``, 总则 ``gen``, 分则 ``spec``, any
other unnumbered heading ``h1``, ``h2``… in order); annexes ``annex1``…; text under a
heading before its first provision ``ch2/text1``. A repeated id gets ``~2``, ``~3``.

After the body, a heading 附件 / 附件一： / 附表 / 附录 starts an annex: a provision of
kind "annex" that takes every following line up to the next annex heading. ``第X条``
lines inside an annex (an annexed regulation) stay paragraphs of the annex: they number
their own text and are not provisions of this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Provision
from .anomalies import Entry, placement_warnings, sequence_warnings
from .clauses import build_clauses
from .lines import NUM, Line, Start, heading_text
from ..numerals import chinese_to_int, cn

LEVELS = ("part", "subpart", "chapter", "section")
_WORD_KEYS = {"附则": "supp", "总则": "gen", "分则": "spec"}
_ORDER = {"article": 0, "item": 0, "part": 1, "subpart": 2, "chapter": 3, "section": 4}  # report order
_STRUCTURAL = frozenset({"article", "item", "arabic", "paren", "division", "chapter_word", "heading"})
_NUMBER_SUFFIX = {"article": "", "item": "、", "arabic": ".", "paren": ""}  # for warnings
_SENTENCE = re.compile(r"[。；;：:！？]")
MAX_CONTINUATION = 30  # characters: the longest second line of a heading
_LOST = "\0lost"  # stands in a numbering sequence for a heading that lost its number
_MAYBE = "\0maybe"  # … in the chapter sequence, for one read as a 节 that may be a chapter
_CHAPTER_TITLE = re.compile(r"^(?:法律责任|罚\s*则|附\s*则|总\s*则)$")  # always chapters
_CONTINUED_TITLE = re.compile(r"^(?:和|及|与|以及|或者|或|并|的)")  # a title's second line …
_OPEN_END = re.compile(r"(?:等|和|及|与|的|或|之|、)$")  # … or its first: 侦查实验等 / 笔录的审查与认定
_RULE_WORDS = re.compile(r"应当|不得|可以|必须|禁止|由.{1,12}(?:制定|负责|决定|批准)$|公报")  # a rule (or a page header)
_GOES_ON = ("：", ":", "＝", "=", "，", ",", "、")  # a paragraph ending so is continued by the next line
_UNPUNCTUATED_HEADING = re.compile(r"[。；;：:！？，,（）()“”0-9０-９＝=×÷＋+％%＜＞<>／/]")  # never in a lost heading
# An article that lost its line break: "…。 第十二条 …", or "…。 第十二条市人民…" when the
# sentence end and a space show the break (then the number must not read as a reference).
_INLINE_ARTICLE = re.compile(rf"(?:(?<=[。；;])|\s+)(第\s*({NUM})\s*条)(?=\s+\S)"
                             rf"|(?<=[。；;])\s+(第\s*({NUM})\s*条)(?![规的所中至和与及或以之第、，,；;。\s])(?=\S)")


@dataclass
class _Heading:
    text: str  # for display: "第二章 管理"
    key: str | None  # id segment: "ch2", "supp", "h1"; None above chapter level
    serial: int  # position among all headings, identifies a numbering scope


@dataclass
class _Open:
    """The provision being read."""

    id: str
    kind: str
    number: str
    ordinal: int | None
    paragraphs: list[str]
    headings: dict[str, _Heading | None]


@dataclass
class Tree:
    """The result of reading the body."""

    provisions: list[Provision]
    warnings: list[str]
    headings: list[tuple[str, str]] = field(default_factory=list)  # (level, text), reading order


def choose_scheme(lines: list[Line], starts: list[Start | None]) -> str | None:
    """The scheme of the body ("article", "item", "arabic", "paren"), or None without provisions.

    Only lines before the first annex heading that follows a provision count, so an
    annexed regulation's articles do not turn a decision into an article text.
    """
    end = len(lines)
    seen_provision = False
    for i, start in enumerate(starts):
        if start is None:
            continue
        if start.kind in ("article", "item", "arabic", "paren"):
            seen_provision = True
        elif start.kind == "annex" and seen_provision:
            end = i
            break
    region = [(lines[i], s) for i in range(end) if (s := starts[i]) is not None]
    if any(s.kind == "article" for _, s in region):
        return "article"
    cn = [(ln, s) for ln, s in region if s.kind == "item"]
    ar = [s.ordinal for ln, s in region if s.kind == "arabic" and not ln.md]
    if cn and ar and ar[0] == 1 and ar.count(1) == 1 and len(ar) > len(cn) and all(
            ln.md or (len(ln.text) <= 30 and not re.search(r"[。；：:]", ln.text)) for ln, _ in cn):
        return "arabic"
    if any(s.ordinal == 1 for _, s in cn):
        return "item"
    if ar and ar[0] == 1:
        return "arabic"
    paren = [s.ordinal for ln, s in region if s.kind == "paren" and not ln.md]
    if paren and paren[0] == 1:
        return "paren"
    return None


class TreeBuilder:
    """Reads body lines one at a time (``feed``) and builds the provisions (``finish``)."""

    def __init__(self, scheme: str, lost_numbers: dict[int, tuple[str, int]] | None = None) -> None:
        self.scheme = scheme
        self.lost_numbers = lost_numbers or {}  # line index of a lost heading → (level, number)
        self.line_index = 0  # index of the line being fed (set by ``build_tree``)
        self.closed_by_number: dict[int, bool] = {}  # chapter serial → the next chapter is numbered
        self.headings: dict[str, _Heading | None] = dict.fromkeys(LEVELS)
        self.provisions: list[Provision] = []
        self.preamble: list[str] = []
        self.current: _Open | None = None
        self.in_annex = False
        self.warnings: list[str] = []
        self.seen_ids: set[str] = set()
        self.repeats: dict[str, int] = {}  # id → last ~n suffix given to a repeat of it
        self.counters: dict[str, int] = {}
        self.sequences: dict[tuple[str, int], list[Entry]] = {}  # (level, scope) -> numbers
        self.heading_log: list[tuple[str, str]] = []
        self.started = False  # a numbered provision has been read
        self.after_heading = False  # the previous line was a heading
        self.joined: list[str] = []  # articles split off the line before (lost line breaks)

    def _sequence_warnings(self) -> list[str]:
        """Numbering warnings of every scope, in reading order.

        A nested sequence may restart at 1 in each parent (chapters in each 编) or number on
        from the previous parent's last (民事诉讼法: 第二编 starts at 第十二章); both are normal.
        """
        warnings: list[str] = []
        previous_last: dict[str, int] = {}
        for key in sorted(self.sequences, key=lambda k: (_ORDER[k[0]], k[1])):  # stable: reading order
            level, scope = key
            entries = [e for e in self.sequences[key] if e[0] not in (_LOST, _MAYBE)]
            warnings.extend(sequence_warnings(entries, previous_last.get(level, 0) if scope else 0))
            previous_last[level] = _last_ordinal(entries) or previous_last.get(level, 0)
        return warnings

    # -- reading -----------------------------------------------------------------------
    def feed(self, line: Line, start: Start | None, following: Start | None = None) -> None:
        """Take the next body line, what it starts (``lines.recognise``) and what the next starts."""
        kind = start.kind if start else None
        after_heading, self.after_heading = self.after_heading, False
        if self.in_annex:
            if kind == "annex":
                self._open_annex(start)
            elif kind == "article" and self._resumes_body(start):
                self.in_annex = False
                self._open_provision("article", start.number, start.ordinal, start.sub, start.rest)
            else:
                self._text(line.text)
            return
        if start is None:
            if after_heading and self._continues_heading(line, following):
                self._extend_heading(line.text)
            elif self._lost_heading(line, following):
                self._unnumbered_heading(line.text)
            else:
                self._text(line.text)
        elif kind == "annex" and self.started:
            self._open_annex(start)
        elif kind == "article" and self.scheme == "article":
            self._open_provision("article", start.number, start.ordinal, start.sub, start.rest)
        elif kind == "item" and self.scheme == "item":
            self._open_provision("item", start.number, start.ordinal, None, start.rest)
        elif kind in ("arabic", "paren") and self.scheme == kind and not line.md:
            self._open_provision("item", start.number, start.ordinal, None, start.rest)
        elif kind in ("item", "paren") and not line.md and self._inline_heading(line, following):
            level, number = ("chapter", f"{start.number}、") if kind == "item" else ("section", f"（{start.number}）")
            self._heading(level, number, start.ordinal, start.rest)
        elif kind == "division":
            self._heading(start.level or "chapter", start.number, start.ordinal, start.rest)
        elif kind == "chapter_word":
            self._heading("chapter", start.number, None, "")
        elif kind == "preamble_heading" and not self.started:
            self._flush()
        elif kind == "item" and line.md:
            self._heading("chapter", f"{start.number}、", start.ordinal, start.rest)
        elif line.md:
            self._heading("chapter", "", None, line.text)
        else:
            self._text(line.text)

    def _continues_heading(self, line: Line, following: Start | None) -> bool:
        """A short unpunctuated line between a heading and a provision: the heading's 2nd line."""
        return (self.current is None and len(line.text) <= MAX_CONTINUATION and not _SENTENCE.search(line.text)
                and following is not None and following.kind in _STRUCTURAL)

    def _inline_heading(self, line: Line, following: Start | None) -> bool:
        """An unmarked 一、 / （一） title line just before an article: a heading, not a list item."""
        return (self.scheme == "article" and len(line.text) <= MAX_CONTINUATION
                and not _SENTENCE.search(line.text) and following is not None and following.kind == "article")

    def _lost_heading(self, line: Line, following: Start | None) -> bool:
        """A short line without punctuation standing between two articles: a heading that lost
        its 第X章 / 第X节 (360 in the lawrefbook corpus, e.g. 杭州市燃气管理条例's chapters),
        not the last paragraph of the article before it, which would end in 。 or ；. Not when
        the text before it goes on (a list after ：, a formula after ＝)."""
        cur = self.current
        if not (self.scheme == "article" and cur is not None and cur.kind == "article" and cur.paragraphs
                and following is not None and following.kind == "article" and _heading_like(line.text)):
            return False
        before = cur.paragraphs[:-1] if _heading_like(cur.paragraphs[-1]) else cur.paragraphs
        return bool(before) and not before[-1].endswith(_GOES_ON) and not _heading_like(before[-1])  # 3 lines: a list

    def _unnumbered_heading(self, text: str) -> None:
        """Open a lost heading and say so: two such lines in a row are a chapter and its first
        节 (or one title over two lines: 侦查实验等 / 笔录的审查与认定, 国民经济 / 和社会…); one line is a
        chapter when its title says so (法律责任, 附则) or no 节 is open, else a 节 — unless
        the numbering around it shows it is a chapter (``lost_heading_numbers``)."""
        cur = self.current
        assert cur is not None
        if len(cur.paragraphs) > 1 and _heading_like(cur.paragraphs[-1]):
            if _CONTINUED_TITLE.match(text) or _OPEN_END.search(cur.paragraphs[-1]):
                self._lost(cur.paragraphs.pop() + text, "chapter" if _CHAPTER_TITLE.match(text) or
                           not self.headings["section"] else "section", cur.number)
                return
            self._lost(cur.paragraphs.pop(), "chapter", cur.number, index=self.line_index - 1)
            self._lost(text, "section", cur.number)
            return
        chapter = bool(_CHAPTER_TITLE.match(text)) or not self.headings["section"]
        self._lost(text, "chapter" if chapter else "section", cur.number, maybe_chapter=not chapter)

    def _lost(self, text: str, level: str, after: str, index: int | None = None, maybe_chapter: bool = False) -> None:
        """A lost heading at ``level``, numbered if the first reading found its number."""
        index = self.line_index if index is None else index
        decided = self.lost_numbers.get(index)
        if decided is not None:
            level, ordinal = decided
            number = f"第{cn(ordinal)}{'节' if level == 'section' else '章'}"
            self._heading(level, number, ordinal, text)
            self.warnings.append(f"inferred_heading_number:{number}|{text} (after {after})")
            return
        self._sequence(level).append((_LOST, index, None))
        if maybe_chapter:
            self._sequence("chapter").append((_MAYBE, index, None))
        self._heading(level, "", None, text)
        self.warnings.append(f"unnumbered_heading:{text} (after {after})")

    def _sequence(self, level: str) -> list[Entry]:
        """The numbering sequence a heading of ``level`` opened now belongs to: its scope is
        the open heading of the level above (chapters restart in each 编, 节 in each 章)."""
        parent = {"part": None, "subpart": "part", "chapter": "part", "section": "chapter"}[level]
        scope = self.headings[parent] if parent else None
        return self.sequences.setdefault((level, scope.serial if scope else 0), [])

    def _extend_heading(self, text: str) -> None:
        level = self.heading_log[-1][0]
        heading = self.headings[level]
        assert heading is not None
        heading.text += text
        self.heading_log[-1] = (level, heading.text)
        self.after_heading = True  # a heading may run over several lines

    def _resumes_body(self, start: Start) -> bool:
        """An article that continues the main numbering after an annex (not an annexed one)."""
        numbers = self.sequences.get(("article", 0))
        last = next((n for _, n, _ in reversed(numbers) if n is not None), None) if numbers else None
        return last is not None and start.ordinal == last + 1 and start.ordinal > 1

    def _text(self, text: str) -> None:
        """A text line: a paragraph of the open provision, of the preamble, or orphan text."""
        if self.current is None:
            if not self.started:
                self.preamble.append(text)
                return
            self.warnings.append(f"orphan_text:{self._open('text', '', None, [], self._key('text')).id}")
        if self.scheme == "article" and self.current is not None and self.current.kind == "article":
            text = self._split_joined(text)  # may open the next article
        if text and self.current is not None:
            self.current.paragraphs.append(text)

    def _split_joined(self, text: str) -> str:
        """Split off articles that lost their line break: "…。 第十二条 …" after 第十一条."""
        while self.current is not None and self.current.ordinal is not None:
            expected = self.current.ordinal + 1
            match = next((m for m in _INLINE_ARTICLE.finditer(text)
                          if m.start() > 0 and chinese_to_int(m.group(2) or m.group(4)) == expected), None)
            if match is None:
                break
            head, rest = text[:match.start()].strip(), text[match.end():].strip()
            if head:
                self.current.paragraphs.append(head)
            number = re.sub(r"\s+", "", match.group(1) or match.group(3))
            self.joined.append(number)
            self._open_provision("article", number, expected, None, "")
            text = rest
        return text

    def _heading(self, level: str, number: str, ordinal: int | None, title: str) -> None:
        self._flush()
        chapter = self.headings["chapter"]
        if chapter is not None and LEVELS.index(level) <= LEVELS.index("chapter"):
            self.closed_by_number[chapter.serial] = level == "chapter" and ordinal is not None
        depth = LEVELS.index(level)
        if ordinal is not None:
            self._sequence(level).append((number, ordinal, None))
        text = heading_text(number, title)
        key = None
        if level == "chapter":
            word = number if not title else ""
            if ordinal is not None:
                key = f"ch{ordinal}"
            elif word in _WORD_KEYS:
                key = _WORD_KEYS[word]
            else:
                key = f"h{self._count('heading')}"
        self.headings[level] = _Heading(text, key, len(self.heading_log) + 1)
        for lower in LEVELS[depth + 1:]:
            self.headings[lower] = None
        self.heading_log.append((level, text))
        self.after_heading = True

    def _open_provision(self, kind: str, number: str, ordinal: int | None, sub: int | None, first: str) -> None:
        base = "art" if kind == "article" else "item"
        local = f"{base}{ordinal}" + (f"-{sub}" if sub else "") if ordinal is not None else f"{base}x"
        display = f"（{number}）" if self.scheme == "paren" else number + _NUMBER_SUFFIX[self.scheme]
        self.sequences.setdefault((kind, 0), []).append((display, ordinal, sub))
        self.started = True
        self._open(kind, number, ordinal, [], local)
        if first:
            self._text(first)

    def _open_annex(self, start: Start) -> None:
        self.in_annex = True
        count = self._count("annex")
        self._open("annex", start.number, count, [start.rest] if start.rest else [], f"annex{count}", prefix=False)

    def _open(self, kind: str, number: str, ordinal: int | None, paragraphs: list[str], local: str,
              prefix: bool = True) -> _Open:
        self._flush()
        chapter = self.headings["chapter"]
        pid = f"{chapter.key}/{local}" if prefix and chapter and chapter.key else local
        if pid in self.seen_ids:  # a repeated number: ~2, ~3 … (counted, not searched: linear time)
            n = self.repeats.get(pid, 1) + 1
            while f"{pid}~{n}" in self.seen_ids:
                n += 1
            self.repeats[pid] = n
            pid = f"{pid}~{n}"
        self.seen_ids.add(pid)
        self.current = _Open(pid, kind, number, ordinal, paragraphs, dict(self.headings))
        return self.current

    def _key(self, local: str) -> str:
        return f"{local}{self._count(local)}"

    def _count(self, name: str) -> int:
        self.counters[name] = self.counters.get(name, 0) + 1
        return self.counters[name]

    def _flush(self) -> None:
        cur = self.current
        if cur is None:
            return
        self.current = None
        heads = {lv: (h.text if h else None) for lv, h in cur.headings.items()}
        if cur.kind == "annex":
            heads = dict.fromkeys(LEVELS)
        paragraphs = tuple(cur.paragraphs)
        self.provisions.append(Provision(
            cur.id, cur.kind, cur.number, cur.ordinal, paragraphs, heads["chapter"],
            part=heads["part"], subpart=heads["subpart"], section=heads["section"],
            clauses=build_clauses(cur.id, paragraphs)))

    def lost_heading_numbers(self) -> dict[int, tuple[str, int]]:
        """Level and number for the lost headings (line index → (level, number)) where the
        numbered headings around them leave exactly their number: chapters first, between two
        numbered chapters (第三章, lost, lost, 第六章: a 节 default gives way when the
        chapter gap fits), then 节 between two numbered 节, or after the last one of a
        chapter that a numbered chapter follows (第三节, lost, 第四章 → 第四节). Nothing is
        numbered on past the text's last numbered heading (a 附则 ends the text; what
        follows it may be no heading of the text)."""
        found: dict[int, tuple[str, int]] = {}
        for (level, scope), entries in sorted(self.sequences.items(), key=lambda kv: _ORDER[kv[0][0]]):
            if level not in ("chapter", "section"):
                continue
            for before, run, after in _runs(entries):
                run = [(mark, index) for mark, index in run if index not in found]
                if level == "chapter":
                    fits = [run, [(mark, index) for mark, index in run if mark == _LOST]]
                    chosen = next((r for r in fits if r and after == before + len(r) + 1), None)
                else:
                    closed = self.closed_by_number.get(scope, False)  # its chapter ends at a numbered one
                    chosen = run if run and (after == before + len(run) + 1 or (after is None and before > 0 and closed)) \
                        else None
                for k, (_, index) in enumerate(chosen or (), 1):
                    found[index] = (level, before + k)
        return found

    # -- result ------------------------------------------------------------------------
    def finish(self) -> Tree:
        """The provisions (preamble first) and the anomaly warnings."""
        self._flush()
        provisions = list(self.provisions)
        if self.preamble:
            paragraphs = tuple(self.preamble)
            provisions.insert(0, Provision("preamble", "preamble", "序言", None, paragraphs,
                                           clauses=build_clauses("preamble", paragraphs)))
        warnings = list(self.warnings)
        if self.joined:
            span = self.joined[0] if len(self.joined) == 1 else f"{self.joined[0]}–{self.joined[-1]}"
            warnings.append(f"joined_provisions:{span}" + (f" ({len(self.joined)})" if len(self.joined) > 1 else ""))
        warnings.extend(self._sequence_warnings())
        warnings.extend(placement_warnings(provisions))
        return Tree(provisions, warnings, list(self.heading_log))


def _last_ordinal(entries: list[Entry]) -> int:
    return next((n for _, n, _ in reversed(entries) if n is not None), 0)


def _runs(entries: list[Entry]) -> list[tuple[int, list[tuple[str, int]], int | None]]:
    """The runs of lost headings in a numbering sequence: (number before, the run's (mark,
    line index), number after or None at the end)."""
    out: list[tuple[int, list[tuple[str, int]], int | None]] = []
    run: list[tuple[str, int]] = []
    before = 0
    for number, value, _ in entries:
        if number in (_LOST, _MAYBE):
            run.append((number, value))  # type: ignore[arg-type]
        elif value is not None:
            if run:
                out.append((before, run, value))
            run, before = [], value
    if run:
        out.append((before, run, None))
    return out


def _heading_like(text: str) -> bool:
    return len(text) <= MAX_CONTINUATION and not _UNPUNCTUATED_HEADING.search(text) and not _RULE_WORDS.search(text)


def build_tree(lines: list[Line], starts: list[Start | None], scheme: str) -> Tree:
    """Read the body ``lines`` (with their ``starts``) under ``scheme``; read again when
    headings that lost their number can be numbered from the ones around them."""
    builder = _read(lines, starts, scheme, {})
    numbers = builder.lost_heading_numbers()
    return (_read(lines, starts, scheme, numbers) if numbers else builder).finish()


def _read(lines: list[Line], starts: list[Start | None], scheme: str,
          lost_numbers: dict[int, tuple[str, int]]) -> TreeBuilder:
    builder = TreeBuilder(scheme, lost_numbers)
    for i, (line, start) in enumerate(zip(lines, starts)):
        builder.line_index = i
        builder.feed(line, start, starts[i + 1] if i + 1 < len(starts) else None)
    return builder
