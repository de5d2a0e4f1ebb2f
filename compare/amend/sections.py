"""One decision amending several texts: the part for one of them.

Courts and the State Council amend dozens of texts by one decision (最高人民法院关于修改
《…》等二十七件民事类司法解释的决定), one part per text, each headed 一、修改《…》 (or 一、《…》) and holding
its own numbered items (1.将引言修改为…). ``section_text(text, only, title)`` is the
decision as if it amended only one text: its opening lines, that part's items and its
closing lines. The part is the one ``only`` names (``apply --only 《…》``) or, without it,
the one whose title is the amended text's ``title``. Titles are compared without
quotation marks 《》〈〉, whitespace, 中华人民共和国 or a version date, so 〈工会法〉 in the
decision's heading names 《中华人民共和国工会法》 of the text.
"""

from __future__ import annotations

import re

from ..errors import InputError

_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)])\s*(?:修改|对)?《(.+)》(?:作如下修改)?[。：:]?\s*$")
_CLOSING = re.compile(r"本决定自.+起施行|^根据本决定")
_NOISE = re.compile(r"[《》〈〉<>“”\"'\s]|中华人民共和国|\(\d{4}-\d{2}-\d{2}\)$")


def same_title(a: str, b: str) -> bool:
    """Whether two titles name the same text (see the module docstring)."""
    return bool(a.strip()) and _NOISE.sub("", a.lstrip("#")) == _NOISE.sub("", b.lstrip("#"))


def parts(text: str) -> list[tuple[int, str]]:
    """(line index, title) of each part 一、修改《…》 of a decision, in order."""
    return [(i, m.group(1)) for i, line in enumerate(text.split("\n")) for m in [_SECTION.match(line)] if m]


def section_text(text: str, only: str | None = None, title: str | None = None) -> tuple[str, str | None]:
    """The decision reduced to the part for one text, and that part's title (None when the
    decision has no parts: it is returned as it is). ``InputError`` when ``only`` names no
    part, or when the decision has several and neither ``only`` nor ``title`` picks one."""
    found = parts(text)
    if not found:
        return text, None
    wanted = only.strip().strip("《》") if only else None
    chosen = [p for p in found if same_title(p[1], wanted)] if wanted else \
        [p for p in found if title and same_title(p[1], title)]
    if wanted and not chosen:
        raise InputError(None, "amend_no_part", title=wanted, parts="；".join(f"《{t}》" for _, t in found[:5]),
                         count=len(found))
    if len(chosen) != 1:
        if len(found) == 1 and not wanted:
            chosen = found
        else:
            raise InputError(None, "amend_several_texts", count=len(found))
    lines = text.split("\n")
    start = chosen[0][0]
    following = [i for i, _ in found if i > start]
    closing = next((i for i in range(found[-1][0] + 1, len(lines)) if _CLOSING.search(lines[i])), len(lines))
    end = following[0] if following else closing
    kept = lines[:found[0][0]] + lines[start + 1:end] + lines[closing:]
    return "\n".join(kept), chosen[0][1].replace("〈", "《").replace("〉", "》")
