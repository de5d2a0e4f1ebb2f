"""Infer who enacted a text from its title, adoption note and preamble.

The enacting body is written as a division name followed by an organ, optionally with the
session: 北京市人民代表大会常务委员会, 杭州市第十四届人民代表大会常务委员会, 广东省人民政府.
A title may also start with the name (广东省优化营商环境条例). National texts (中华人民共和国…,
全国人民代表大会, 国务院, ministries, the supreme court) get the national jurisdiction.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import InputError
from ..model import Document, Jurisdiction
from ..regex_cache import compile_large
from .divisions import Division, DivisionTable, level_rank

NATIONAL = Jurisdiction(name="中华人民共和国", level="national", self_words=(), government_prefix="",
                        code="000000")
_ORGAN = r"(?:第[一二三四五六七八九十百零〇\d]+届)?(?:人民代表大会|人大|人民政府|政府)"
_NATIONAL_MARKS = ("中华人民共和国", "全国人民代表大会", "国务院", "最高人民法院", "最高人民检察院",
                   "部令", "部发", "总局令", "委员会令", "部长办公会议", "部务会议", "室务会议", "政务院",
                   "中央军事委员会", "中央军委")


LOCAL_SELF_WORDS = ("本省", "本市", "本自治区", "本自治州", "本自治县", "本县", "本区", "本州", "本盟", "本旗")


def assumed_national(doc: Document) -> Jurisdiction | None:
    """A text whose enacting body cannot be inferred and that never calls itself 本市/本省…:
    national (``source`` "assumed"), as versions of one law or an unplaced draft are read;
    None when it speaks as a local text (then its jurisdiction matters and must be given)."""
    if any(word in doc.source.text for word in LOCAL_SELF_WORDS):
        return None
    return Jurisdiction(NATIONAL.name, NATIONAL.level, NATIONAL.self_words, NATIONAL.government_prefix,
                        NATIONAL.code, source="assumed")


def to_jurisdiction(division: Division, source: str = "inferred") -> Jurisdiction:
    """The ``Jurisdiction`` value for a division of the table."""
    return Jurisdiction(name=division.name, level=division.level, self_words=division.self_words,
                        government_prefix=division.organ_prefix, code=division.code, source=source)


def infer_jurisdiction(doc: Document, table: DivisionTable, given: str | None = None) -> Jurisdiction:
    """The enacting jurisdiction of ``doc``: ``given`` by the user, else inferred, else
    assumed national (``assumed_national``), else an error."""
    if given:
        return _given(doc, table, given)
    division = _from_enacting_body(doc, table)
    if division is not None:
        return to_jurisdiction(division)
    if _is_national(doc):
        return NATIONAL
    assumed = assumed_national(doc)
    if assumed is not None:
        return assumed
    raise InputError(doc.source.path, "no_jurisdiction")


def _given(doc: Document, table: DivisionTable, name: str) -> Jurisdiction:
    if name in ("全国", "中华人民共和国", "national", "China"):
        return NATIONAL
    found = [d for d in [table.get(name)] if d] if name.isdigit() else table.find(name)
    if not found:
        raise InputError(doc.source.path, "unknown_jurisdiction", detail=name)
    top = min(level_rank(d) for d in found)
    same_level = [d for d in found if level_rank(d) == top]
    if len(same_level) > 1:
        codes = "、".join(f"{d.code}" for d in same_level)
        raise InputError(doc.source.path, "ambiguous_jurisdiction", detail=name, codes=codes)
    return to_jurisdiction(same_level[0], source="given")


def _from_enacting_body(doc: Document, table: DivisionTable) -> Division | None:
    """The division named as the enacting body, or named at the start of the title.

    A city's regulation is often approved by its province (青岛市…通过, 山东省…批准): when
    the title names a division inside the body found in the notes, the title's wins.
    """
    preamble = doc.provisions[0].text[:300] if doc.provisions and doc.provisions[0].kind == "preamble" else ""
    pattern = _body_pattern(table)
    body = None
    for text in (doc.title, doc.enacting_body or "", doc.adoption_note or "", preamble):
        match = pattern.search(text)
        if match:
            body = pick(table.find(match.group(1)), table)
            break
    start = start_pattern(table).match(doc.title)
    titled = pick(table.find(start.group(1)), table) if start else None
    if titled is not None and (body is None or body in table.lineage(titled)[1:]):
        return titled
    return body


def pick(candidates: list[Division], table: DivisionTable) -> Division | None:
    """Among same-named divisions prefer the higher level (a 市 over a 区 of the same name)."""
    if not candidates:
        return None
    return sorted(candidates, key=lambda d: (level_rank(d), d.code))[0]


def _is_national(doc: Document) -> bool:
    head = " ".join([doc.title, doc.adoption_note or "", doc.enacting_body or "", *doc.revisions])
    is_law = doc.title.endswith("法") and not doc.title.endswith(("办法", "方法"))
    return any(mark in head for mark in _NATIONAL_MARKS) or is_law or doc.title.endswith("法典")


@lru_cache(maxsize=4)
def _body_pattern(table: DivisionTable) -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in _full_names(table))
    return compile_large(rf"({names}){_ORGAN}")


@lru_cache(maxsize=4)
def start_pattern(table: DivisionTable) -> re.Pattern[str]:
    """A title opening with a division: full names, or the short names of provinces and
    cities (上海港口条例, 宁波杭州湾新区条例, 中国（上海）自由贸易试验区条例)."""
    shorts = {d.short for d in table if d.level in ("province", "prefecture") and len(d.short) >= 2}
    names = sorted(set(_full_names(table)) | shorts, key=lambda n: (-len(n), n))
    return compile_large(rf"^(?:关于|中国（)?({'|'.join(map(re.escape, names))})")


def _full_names(table: DivisionTable) -> list[str]:
    names = {d.name for d in table if len(d.short) >= 2 or d.level == "province"}
    return sorted(names, key=lambda n: (-len(n), n))
