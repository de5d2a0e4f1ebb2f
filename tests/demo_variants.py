"""Modified copies of the demo texts for structural-difference tests.

Each function writes the three demo files into a directory with one change and renumbers
the items (一、二、…) so every text stays consistently numbered:

- ``hebei_extra(dir)``: Hebei adds an item of its own after item 十一.
- ``beijing_moved(dir)``: Beijing moves item 三 after item 十五.
- ``hebei_merged(dir)``: Hebei merges items 七 and 八 into one item.
- ``beijing_merged(dir)``: Beijing (the base) merges them, so the others have them split.
"""

from __future__ import annotations

import re
from pathlib import Path

import cn2an

DEMO = Path(__file__).resolve().parent.parent / "texts" / "jjj-innovation-2023"
FILES = ("beijing.txt", "tianjin-constructed.txt", "hebei-constructed.txt")
ITEM = re.compile(r"^([一二三四五六七八九十]+)、")
HEBEI_ONLY = ("本省支持雄安新区建设京津冀协同创新成果转化承接基地，省人民政府应当制定专项政策，"
              "对在雄安新区落地的北京市、天津市科技成果给予资金和场地支持。")


def _items(text: str) -> tuple[list[str], list[list[str]]]:
    """The lines before the first item, and each item's lines (its text and what follows)."""
    head: list[str] = []
    items: list[list[str]] = []
    for line in text.split("\n"):
        if ITEM.match(line):
            items.append([ITEM.sub("", line)])
        elif items:
            items[-1].append(line)
        else:
            head.append(line)
    return head, items


def _join(head: list[str], items: list[list[str]]) -> str:
    lines = list(head)
    for n, item in enumerate(items, 1):
        lines.append(f"{cn2an.an2cn(n)}、{item[0]}")
        lines.extend(item[1:])
    return "\n".join(lines)


def _write(directory: Path, changed: dict[str, str]) -> list[str]:
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for name in FILES:
        text = changed.get(name) or (DEMO / name).read_text(encoding="utf-8")
        (directory / name).write_text(text, encoding="utf-8")
        out.append(str(directory / name))
    return out


def _edit(name: str, change) -> str:  # type: ignore[no-untyped-def]
    head, items = _items((DEMO / name).read_text(encoding="utf-8"))
    change(items)
    return _join(head, items)


def hebei_extra(directory: Path) -> list[str]:
    """Hebei inserts an item of its own after item 十一."""
    return _write(directory, {"hebei-constructed.txt": _edit("hebei-constructed.txt",
                                                             lambda items: items.insert(11, [HEBEI_ONLY, ""]))})


def beijing_moved(directory: Path) -> list[str]:
    """Beijing moves item 三 to after item 十五."""
    return _write(directory, {"beijing.txt": _edit("beijing.txt", lambda items: items.insert(14, items.pop(2)))})


def _merge(items: list[list[str]]) -> None:
    eighth = items.pop(7)
    items[6] = items[6] + eighth  # 八's text becomes further paragraphs of 七


def hebei_merged(directory: Path) -> list[str]:
    """Hebei merges items 七 and 八 into one item."""
    return _write(directory, {"hebei-constructed.txt": _edit("hebei-constructed.txt", _merge)})


def beijing_merged(directory: Path) -> list[str]:
    """Beijing (the base) merges items 七 and 八, so the other texts split them."""
    return _write(directory, {"beijing.txt": _edit("beijing.txt", _merge)})
