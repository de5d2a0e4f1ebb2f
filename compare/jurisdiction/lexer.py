"""Tokens with jurisdiction-aware keys: what makes 本市 in a Beijing text equal 北京市.

``JurisdictionLexer.tokens(text, own)`` splits a provision's text into ``Token`` values.
Protected phrases are found first with one regular expression, and ordinary Chinese text
between them is segmented into words. Each token's ``key`` is what it means:

- a division name, with or without an organ (天津市, 天津市人民政府): ``J:<code>[:<organ>]``;
- a self-reference resolved to the enacting jurisdiction or its ancestor (本市, 本省,
  本市行政区域, 市人民政府 written without a name): the same key as the name it stands for;
- a list of jurisdictions joined by 、 与 和 及 (本市与天津市、河北省): one ``partner_list``
  token keyed by the *set* of members, so rotating the list changes nothing. A list that
  names everyone but the enacting jurisdiction (与天津市、河北省 in Beijing's text) is keyed
  by the set plus the enacting jurisdiction, so it matches 与北京市、河北省 in Tianjin's;
- an institution name from the equivalence table (经济和信息化 / 工业和信息化);
- numbered references and dates keyed by value (第12条 = 第十二条), punctuation by its
  normalised width, whitespace as one key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from ..ingest import comparison_form, normalise_char
from ..model import Jurisdiction, Token
from ..segment import Segmenter, default_segmenter
from ..numerals import chinese_to_int, parse_date
from .divisions import Division, DivisionTable, level_rank
from .institutions import InstitutionTable
from .scan import NEVER, Alternative, PhraseScanner

ORGANS = ("人民代表大会常务委员会", "人大常委会", "人民代表大会", "人民政府", "监察委员会",
          "中级人民法院", "高级人民法院", "人民法院", "人民检察院", "政府", "行政区域")
_ORGAN_CANON = {"人大常委会": "人民代表大会常务委员会", "政府": "人民政府"}
# After a bare place name these make it a street, road or township name (湖北路, 河北镇).
# 会同县（市、区）人民政府: a name followed by a list of levels is the verb 会同 + 县（市、区）.
_GENERIC_LEVELS = re.compile(r"[（(][市区县]")
_STREET = re.compile(r"[路街巷镇乡村桥]|大道|大街|中路|东路|西路|南路|北路|一路|二路")
_SELF_PREFIXES = ("特别行政区", "自治区", "自治州", "新区", "省", "市", "区", "县", "州", "旗", "盟")
_NUM = r"[零〇一二三四五六七八九十百千两0-9０-９]+"
_LIST_JOINERS = {"、", "与", "和", "及", "以及", "同"}
# A nameless organ prefix (市人民政府) refers to the enacting body only where a phrase starts:
# after punctuation or one of these function words. Elsewhere it is generic or part of a
# word (设区的市人民政府, 各市人民政府, 城市人民政府, 超市).
_PHRASE_START = set("由与和及同向经报请在对将按照令给会被把让为从自并或") | set("、，。；：（）《》“”‘’,;:() \n\t")


class JurisdictionLexer:
    """Segment provision texts into tokens keyed for jurisdiction-aware comparison."""

    def __init__(self, table: DivisionTable, context: tuple[Jurisdiction, ...],
                 institutions: InstitutionTable, segmenter: Segmenter | None = None) -> None:
        self.table = table
        self.context = context
        self.institutions = institutions
        self.segmenter = segmenter or default_segmenter()
        self._context_codes = {j.code for j in context if j.code}
        self._levels = {d.code: d.level for d in table}
        self._scanner = self._build_scanner()

    def _build_scanner(self) -> PhraseScanner:
        names = recognised_names(self.table)
        ordered = sorted(names, key=lambda n: (-len(n), n))
        organs = "|".join(ORGANS)
        prefixes = "|".join(_SELF_PREFIXES)
        starts = "".join(p[0] for p in _SELF_PREFIXES)
        institutions = self.institutions.names()
        inst = "|".join(re.escape(n) for n in institutions) or "(?!)"
        digits = "0123456789０１２３４５６７８９"
        alternatives = [
            Alternative(rf"(?P<self>本(?:{prefixes}))(?P<self_organ>{organs})?", "本"),
            Alternative(rf"(?P<whole>全|(?=(?:{prefixes})级))(?P<whole_prefix>{prefixes})(?P<level>级)?", "全" + starts),
            Alternative(rf"(?P<prefix>{prefixes})(?:(?P<prefix_organ>{organs}|(?:有关|主管)?部门)|"
                        rf"(?P<prefix_inst>{inst})(?=(?:主管)?部门))", starts),
            Alternative(rf"(?P<extref>《[^》]{{1,40}}》(?:第{_NUM}[编章节条款项目](?:之{_NUM})?)+)", "《"),
            Alternative(rf"(?P<inst>{inst})(?=[、和及与等]|主管部门|部门|局|厅|委员会|委|办公室)",
                        "".join(n[0] for n in institutions if n)),
            Alternative(rf"(?P<ref>第{_NUM}[编章节条款项目](?:之{_NUM})?)", "第"),
            Alternative(r"(?P<date>[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日|"
                        r"[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)",
                        digits + "〇零一二三四五六七八九"),
            Alternative(r"(?P<digits>[0-9０-９]+(?:[.．][0-9０-９]+)?)", digits),
        ]
        name_branch = rf"(?P<div>{'|'.join(map(re.escape, ordered))})(?P<div_organ>{organs})?"
        return PhraseScanner(names, name_branch, f"(?P<div>{NEVER})(?P<div_organ>{NEVER})", alternatives)

    def tokens(self, text: str, own: Jurisdiction) -> list[Token]:
        """Tokens of ``text`` as written by ``own``; their surfaces concatenate to ``text``."""
        out: list[Token] = []
        pos = 0
        bounds = self._boundaries(text)
        for match in self._scanner.finditer(text):
            special = self._special(match, text, own, bounds)
            if not special:
                continue
            out.extend(self._words(text[pos:match.start()]))
            out.extend(special)
            pos = match.end()
        out.extend(self._words(text[pos:]))
        return group_partner_lists(out, own, self._levels)

    def _boundaries(self, text: str) -> set[int] | None:
        """Offsets where the segmenter puts a word boundary: a name or 本市 must start and end
        on one, so 资本市场 holds no 本市 and 适应城市 no 应城市."""
        bounds, pos = {0}, 0
        for word in self.segmenter.cut(text):
            pos += len(word)
            bounds.add(pos)
        return bounds

    def _words(self, chunk: str) -> list[Token]:
        return [plain_token(word) for word in self.segmenter.cut(chunk)]

    def _special(self, m: re.Match[str], text: str, own: Jurisdiction, bounds: set[int] | None) -> list[Token] | None:
        kind = next(k for k in ("div", "self", "whole", "prefix", "extref", "inst", "ref", "date", "digits")
                    if m.group(k) is not None)
        if kind in ("div", "self", "whole", "prefix") and not _on_boundaries(m, text, bounds):
            return None
        if kind == "div":
            return [self._division_token(m.group(0), m.group("div"), m.group("div_organ"), own)]
        if kind == "self":
            return _listed(self._self_token(m.group(0), m.group("self")[1:], m.group("self_organ"), own))
        if kind == "whole":
            organ = "级" if m.group("level") else "全"
            return _listed(self._self_token(m.group(0), m.group("whole_prefix"), organ, own))
        if kind == "prefix":
            if m.start() > 0 and text[m.start() - 1] not in _PHRASE_START:
                return None
            return self._prefix_tokens(m, own)
        return [_value_token(kind, m.group(0), self.institutions)]

    def _prefix_tokens(self, m: re.Match[str], own: Jurisdiction) -> list[Token] | None:
        """市人民政府 as one token; 市经济和信息化(部门) as 市 + the institution, so a renamed
        department stays an institution_name difference."""
        if m.group("prefix_inst") is None:
            return _listed(self._self_token(m.group(0), m.group("prefix"), m.group("prefix_organ"), own))
        head = self._self_token(m.group("prefix"), m.group("prefix"), None, own)
        if head is None:
            return None
        return [head, _value_token("inst", m.group("prefix_inst"), self.institutions)]

    def _division_token(self, surface: str, name: str, organ: str | None, own: Jurisdiction) -> Token:
        division = self._resolve_name(name, own)
        return Token(surface, _jur_key(division.code, organ), "jurisdiction", division.name)

    def _self_token(self, surface: str, prefix: str, organ: str | None, own: Jurisdiction) -> Token | None:
        division = self._ancestor_with_prefix(own, prefix)
        if division is None:
            return None
        return Token(surface, _jur_key(division.code, organ), "jurisdiction", f"{surface} → {division.name}")

    def _resolve_name(self, name: str, own: Jurisdiction) -> Division:
        """Pick among same-named divisions: one of the compared jurisdictions or inside one."""
        candidates = self.table.find(name)
        if len(candidates) == 1:
            return candidates[0]

        def rank(d: Division) -> tuple[bool, int, int, str]:
            lineage = {a.code for a in self.table.lineage(d)}
            near = 0 if own.code in lineage else 1 if lineage & self._context_codes else 2
            return (d.name != name, level_rank(d), near, d.code)

        return sorted(candidates, key=rank)[0]

    def _ancestor_with_prefix(self, own: Jurisdiction, prefix: str) -> Division | None:
        """The enacting division or its nearest ancestor that calls itself ``prefix``."""
        if not own.code:
            return None
        division = self.table.get(own.code)
        if division is None:
            return None
        for candidate in self.table.lineage(division):
            if candidate.organ_prefix == prefix or f"本{prefix}" in candidate.self_words:
                return candidate
        return None


def _listed(token: Token | None) -> list[Token] | None:
    return [token] if token is not None else None


def _on_boundaries(m: re.Match[str], text: str, bounds: set[int] | None) -> bool:
    """The match starts and ends on word boundaries, and a bare name is not a street name."""
    if bounds is not None and (m.start() not in bounds or m.end() not in bounds):
        return False
    bare = m.group("div") and m.group("div_organ") is None
    return not (bare and (_STREET.match(text, m.end()) or _GENERIC_LEVELS.match(text, m.end())))


def recognised_names(table: DivisionTable) -> set[str]:
    """Names safe to recognise in running text.

    Full names of every level whose short form has two or more characters (城区 and 矿区 are
    ordinary words), and short forms of provincial-level divisions only: shorter forms of
    cities and counties are too often ordinary words (合作, 长治, 新城).
    """
    names: set[str] = set()
    for d in table:
        if d.level == "province" or len(d.short) >= 2:
            names.add(d.name)
        if d.level == "province" and len(d.short) >= 2:
            names.add(d.short)
    return names


def _jur_key(code: str, organ: str | None) -> str:
    if not organ:
        return f"J:{code}"
    if organ.endswith("部门") and organ not in ORGANS:
        organ = comparison_form(organ)
    return f"J:{code}:{_ORGAN_CANON.get(organ, organ)}"


def _value_token(kind: str, surface: str, institutions: InstitutionTable) -> Token:
    if kind == "inst":
        canonical = institutions.canonical(surface)
        return Token(surface, f"I:{canonical}", "institution", canonical)
    if kind in ("ref", "extref"):  # an extref keeps its 《law》, so it never counts as a self-citation
        return Token(surface, "R:" + _number_key(surface), "number")
    if kind == "date":
        return Token(surface, f"D:{parse_date(surface) or comparison_form(surface)}", "number")
    return Token(surface, unicodedata.normalize("NFKC", surface), "number")


def _number_key(surface: str) -> str:
    """第十二条 and 第12条 share a key: every run of numerals becomes its value."""
    return re.sub(_NUM, lambda m: str(chinese_to_int(m.group(0))), surface)


@lru_cache(maxsize=1 << 16)
def plain_token(word: str) -> Token:
    """A token for ordinary text: a word, punctuation or whitespace (cached: tokens are
    immutable and words repeat)."""
    if word.isspace():
        return Token(word, "\n" if "\n" in word else " ", "space")
    key = "".join(normalise_char(ch) for ch in word)
    if not key:
        return Token(word, " ", "space")
    if all(not ch.isalnum() for ch in key):
        return Token(word, key, "punct")
    return Token(word, key, "word")


def group_partner_lists(tokens: list[Token], own: Jurisdiction, levels: dict[str, str]) -> list[Token]:
    """Merge runs like 本市与天津市、河北省 into one token keyed by the set of members.

    ``levels`` maps division codes to their level, to tell a list of peers of the enacting
    jurisdiction (keyed with it added) from a list of places inside it (keyed as written).
    """
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        end = _list_end(tokens, i) if tokens[i].kind == "jurisdiction" else i
        if end - i >= 3:
            out.append(_list_token(tokens[i:end], own, levels))
            i = end
        else:
            out.append(tokens[i])
            i += 1
    return out


def _list_end(tokens: list[Token], start: int) -> int:
    """End index (exclusive) of a jurisdiction list starting at ``start``, or ``start``.

    Members share one organ (天津市人民政府、河北省人民政府), or only the last names it for
    all (天津市、河北省人民政府).
    """
    if tokens[start].kind != "jurisdiction":
        return start
    organ = _organ_of(tokens[start].key)
    end = start + 1
    while (end + 1 < len(tokens) and tokens[end].key.strip() in _LIST_JOINERS
           and tokens[end + 1].kind == "jurisdiction"):
        following = _organ_of(tokens[end + 1].key)
        if following != organ and organ:
            break
        end += 2
        if following != organ:  # bare names closed by one with the shared organ
            break
    return end


def _organ_of(key: str) -> str:
    parts = key.split(":", 2)
    return parts[2] if len(parts) > 2 else ""


def _list_token(run: list[Token], own: Jurisdiction, levels: dict[str, str]) -> Token:
    members = sorted({t.key.split(":")[1] for t in run if t.kind == "jurisdiction"})
    organ = _organ_of(run[-1].key)
    peers = all(levels.get(m) == own.level for m in members)
    if own.code and own.code not in members and peers:
        key = f"L:others:{organ}:" + ",".join(sorted({*members, own.code}))
    else:
        key = f"L:all:{organ}:" + ",".join(members)
    names = [t.note.split(" → ")[-1] for t in run if t.kind == "jurisdiction" and t.note]
    return Token("".join(t.surface for t in run), key, "partner_list", "、".join(sorted(set(names))))


NEWLINE = Token("\n", "\n", "space")  # the break between two paragraphs of a cell


def join_paragraphs(paragraphs: Sequence[list[Token]]) -> list[Token]:
    """One token list for a whole cell: its paragraphs joined by line-break tokens."""
    out: list[Token] = []
    for n, paragraph in enumerate(paragraphs):
        if n:
            out.append(NEWLINE)
        out.extend(paragraph)
    return out
