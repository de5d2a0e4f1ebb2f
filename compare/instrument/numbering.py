"""Numbers and addresses as amending instructions write them, and cross-references.

- ``cn(n)``: 12 → "十二", 101 → "一百零一" (the form of article numbers).
- ``address(target, unit)``: ``Target(5, 2)`` → "第五条第二款", ``Target(5, sub=1)`` →
  "第五条之一"; ``parse_address`` reverses it (Chinese or Arabic numerals; "第X条第Z项" for an
  article with one 款).
- ``provision_key(prov)``: the key instructions address a provision by, (5, 1) for 第五条之一.
- ``internal_refs(tokens)``: the tokens that cite an article of the text itself (第七条,
  本法第七条, 第七条之一: by key), not of another law (《行政诉讼法》第十二条, 宪法第六十七条).
- ``renumbered(surface, key)``: the reference rewritten to article ``key`` in its own numerals.
- ``key_text(key)``: (7, 1) → "第7条之1", as citations are keyed.
"""

from __future__ import annotations

import re

from ..model import Provision, Token
from ..numerals import chinese_to_int, cn
from .model import PREAMBLE, TITLE, ArticleKey, Target, target_at

NUM = r"[零〇一二三四五六七八九十百千两0-9０-９]+"
_ARTICLE_KEY = re.compile(r"R:第(\d+)条(?:之(\d+))?")
_ADDRESS = re.compile(rf"第({NUM})条(?:之({NUM}))?(?:第({NUM})款)?(?:第({NUM})项)?|序言(?:第({NUM})自然段)?|名称")
_SUB = re.compile(rf"之({NUM})$")
_PART_ADDRESS = re.compile(rf"(?:第({NUM})款)?(?:第({NUM})项)?")
_PREAMBLE_PART = re.compile(rf"第({NUM})自然段")
# A citation right after one of these names another law's article, unless it is 本法 etc.
_LAW_ENDINGS = ("法", "法典", "条例", "规定", "办法", "细则", "决定", "规则", "章程", "解释", "批复", "条约", "公约",
                "协定", "议定书", "准则", "通则", "纲要", "》")
_JOINERS = ("和", "、", "及", "以及", "或者", "或", "至", "，", ",")
_SELF_LAW = ("本法", "本法典", "本条例", "本规定", "本办法", "本细则", "本决定", "本规则", "本章程", "本解释", "本批复",
             "本准则", "本通则")


def address(target: Target, unit: str = "条", single_paragraph: bool = False) -> str:
    """The written address of ``target``: 第五条第二款第三项 (序言 for article 0)."""
    if target.article == 0:  # the preamble, or one of its paragraphs (序言第七自然段)
        return "序言" + (f"第{cn(target.paragraph)}自然段" if target.paragraph else "")
    if target.key == TITLE:
        return "名称"
    text = f"第{cn(target.article)}{unit}" + (f"之{cn(target.sub)}" if target.sub else "")
    if target.paragraph is not None and not (single_paragraph and target.item is not None):
        text += f"第{cn(target.paragraph)}款"
    if target.item is not None:
        text += f"第{cn(target.item)}项"
    return text


def parse_address(text: str) -> Target | None:
    """``Target`` of an address written as 第X条[第Y款][第Z项] or 序言, else None."""
    match = _ADDRESS.fullmatch(text.strip())
    if not match:
        return None
    if match.group(0) == "名称":
        return target_at(TITLE)
    if match.group(0).startswith("序言"):
        return Target(0, chinese_to_int(match.group(5)) if match.group(5) else None)
    values = [chinese_to_int(g) if g else None for g in match.groups()[:4]]
    if values[0] is None or any(g and v is None for g, v in zip(match.groups(), values)):
        return None  # a part that is no number (longer than any): no address, never a shorter one
    if not all(v is None or v > 0 for v in values):
        return None  # 第〇条 (not the 序言), 第三条第零款: no such unit
    return Target(values[0], values[2], values[3], values[1] or 0)


def provision_key(prov: Provision) -> ArticleKey:
    """(ordinal, N) of a provision numbered 第X条之N ((X, 0) for 第X条, (0, 0) for the preamble)."""
    if prov.kind == "preamble" or prov.ordinal is None:
        return PREAMBLE
    match = _SUB.search(prov.number.rstrip("、．. "))
    return (prov.ordinal, (chinese_to_int(match.group(1)) or 0) if match else 0)


def parse_addresses(text: str) -> tuple[Target, ...] | None:
    """Several addresses joined by 、 和 及 (第三条、第五条第二款), else None. A 款 or 项
    after an address of the same article names only itself: 第三十五条第二款、第三款;
    第五条第二款第一项、第三项."""
    targets: list[Target] = []
    for part in (p.strip() for p in re.split(r"[、,，]|和|以及|及", text.strip()) if p.strip()):
        target = parse_address(part) or (_continued(part, targets[-1]) if targets else None)
        if target is None:
            return None
        targets.append(target)
    return tuple(targets) or None


def _continued(part: str, previous: Target) -> Target | None:
    """第三款 (or 第三项, 第三款第一项) after a 款 or 项 of an article, 第三自然段 after one of
    the 序言: in the same article (and 款); None for anything else (a 款 after a whole
    article is no official form, and is not guessed)."""
    paragraph_of_preamble = _PREAMBLE_PART.fullmatch(part)
    if paragraph_of_preamble:
        number = chinese_to_int(paragraph_of_preamble.group(1))
        return Target(0, number) if previous.article == 0 and previous.paragraph and number else None
    match = _PART_ADDRESS.fullmatch(part)
    if not match or not part or previous.article <= 0 or previous.paragraph is None and previous.item is None:
        return None
    paragraph, item = (chinese_to_int(g) if g else None for g in match.groups())
    if match.group(1) and not paragraph or match.group(2) and not item:
        return None  # no number, or 第〇款
    if paragraph is not None:
        return Target(previous.article, paragraph, item, previous.sub) if previous.paragraph is not None else None
    if previous.item is None:
        return None  # 第三项 after a 款: no 项 it continues
    return Target(previous.article, previous.paragraph, item, previous.sub)


def short_addresses(targets: tuple[Target, ...], unit: str = "条") -> str:
    """``targets`` written as ``parse_addresses`` reads them: 第三十五条第二款、第三款."""
    out: list[str] = []
    for before, target in zip((None, *targets), targets):
        if before is not None and before.article == target.article == 0 and before.paragraph and target.paragraph:
            out.append(f"第{cn(target.paragraph)}自然段")  # 序言第二自然段、第三自然段
        elif before is not None and before.key == target.key and before.paragraph is not None and \
                target.paragraph is not None and (before.item is None) == (target.item is None):
            in_paragraph = target.item is not None and before.paragraph == target.paragraph
            out.append(f"第{cn(target.item)}项" if in_paragraph else
                       f"第{cn(target.paragraph)}款" + (f"第{cn(target.item)}项" if target.item is not None else ""))
        else:
            out.append(address(target, unit))
    return "、".join(out)


def internal_refs(tokens: list[Token]) -> list[ArticleKey | None]:
    """For each token, the article it cites in this text (its key), else None.

    A citation right after another law's name is external (宪法第六十七条), and so is one
    joined to an external one (专利法第二十八条和第四十二条, 第十条至第十二条).
    """
    out: list[ArticleKey | None] = []
    previous, before, previous_ref, run_external = "", "", False, False  # before: the last two words
    for token in tokens:
        is_ref = token.key.startswith("R:")
        if is_ref:
            external = (token.key.startswith("R:《") or (previous.endswith(_LAW_ENDINGS) and not before.endswith(_SELF_LAW))
                        or (run_external and (previous in _JOINERS or previous_ref)))
            run_external = external
            match = _ARTICLE_KEY.fullmatch(token.key)
            out.append((int(match.group(1)), int(match.group(2) or 0)) if match and not external else None)
        else:
            out.append(None)
            if token.kind != "space" and token.surface not in _JOINERS:
                run_external = False
        if token.kind != "space":
            previous, before, previous_ref = token.surface, previous + token.surface, is_ref
    return out


def renumbered(surface: str, key: ArticleKey) -> str:
    """第七条 → 第八条 (or 第7条 → 第8条, 第七条之一 → 第六条之一): the citation pointing at article ``key``."""
    digits = bool(re.search(r"[0-9０-９]", surface))
    n, sub = (key[0], key[1]) if digits else (cn(key[0]), cn(key[1]))
    return re.sub(rf"第{NUM}条(?:之{NUM})?", f"第{n}条" + (f"之{sub}" if key[1] else ""), surface, count=1)


def key_text(key: ArticleKey) -> str:
    """The citation key of article ``key``: 第7条, 第7条之1."""
    return f"第{key[0]}条" + (f"之{key[1]}" if key[1] else "")
