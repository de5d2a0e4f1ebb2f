"""Published amendment instruments: how many apply, and how close a draft comes to them.

``python -m benchmarks.published`` (also printed by ``python -m benchmarks.amend``):

- **applied exactly**: published instruments with the text before and after them in the
  corpus (刑法修正案（十二）on ``instruments/刑法(2020-12-26).md`` → ``lawrefbook/刑法/刑法.md``),
  applied with ``apply`` and compared with the published text (the collection's own
  footnotes and ``<!-- FORCE BREAK -->`` directives, which no instrument writes, left out);
  and the 宪法修正案 of 2018 and 2004, on texts rebuilt from the corpus's 宪法 by undoing
  them word for word as they quote it (``benchmarks.constitution``);
- **parts read**: every part (一、修改《…》) of the Supreme People's Court's decisions of
  2020 amending several interpretations at once, read whole or refused with a reason;
- **form agreement**: ``amend`` drafting the same version pair, against the official
  instrument: for each article the official one changes, whether the draft changes the
  same article in the same form (the article replaced whole, one 款 or 项 replaced, 款
  added, words changed).
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from compare.amend.api import amend_files, apply_file, load_document
from compare.amend.apply import line_range, provisions_by_number
from compare.amend.parse import parse_decision
from compare.amend.sections import parts
from compare.errors import InputError
from compare.instrument.model import ArticleKey, Decision, Instruction, Target
from compare.model import Document

from .common import LAWREFBOOK, markdown_table
from .constitution import constitution_1999, constitution_2004

_FOOTNOTE = re.compile(r"^[①②③④⑤⑥⑦⑧⑨].*\n\n?", re.M)
_DIRECTIVE = re.compile(r"^<!-- FORCE BREAK -->\n", re.M)


@dataclass(frozen=True)
class Published:
    """A published instrument with the texts before and after it."""

    name: str
    old: Path
    instrument: Path
    new: Path
    rebuilt: Callable[[str], tuple[str, str]] | None = None  # ``new``'s text → (text before, text after)


def instruments(root: Path = LAWREFBOOK) -> list[Published]:
    """The published instruments whose before and after texts the corpus holds."""
    old = root.parent / "instruments" / "刑法(2020-12-26).md"
    xianfa = root / "宪法" / "宪法.md"
    return [Published("刑法修正案（十二）", old, root / "刑法" / "刑法修正案（十二）(2023-12-29).md", root / "刑法" / "刑法.md"),
            Published("宪法修正案（2018年）", xianfa, root / "宪法" / "宪法修正案（2018年）.md", xianfa,
                      lambda text: (constitution_2004(text), text)),
            Published("宪法修正案（2004年）", xianfa, root / "宪法" / "宪法修正案（2004年）.md", xianfa,
                      lambda text: (constitution_1999(constitution_2004(text)), constitution_2004(text)))]


def published_text(text: str) -> str:
    """A published text as an instrument can give it: the collection's footnotes and
    rendering directives out, runs of blank lines as one, one final newline."""
    text = _DIRECTIVE.sub("", _FOOTNOTE.sub("", text))
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def exact_and_agreement(item: Published) -> list[object]:
    """One row: applied exactly, and ``amend`` on the pair against the official wording."""
    with tempfile.TemporaryDirectory() as tmp:
        old, new = item.old, item.new
        if item.rebuilt is not None:
            before, after = item.rebuilt(item.new.read_text(encoding="utf-8"))
            old, new = Path(tmp) / "old.md", Path(tmp) / "new.md"
            old.write_text(before, encoding="utf-8")
            new.write_text(after, encoding="utf-8")
        applied = apply_file(str(old), str(item.instrument))
        exact = published_text(applied) == published_text(new.read_text(encoding="utf-8"))
        official = parse_decision(item.instrument.read_text(encoding="utf-8"))
        draft, _ = amend_files(str(old), str(new))
        document = load_document(str(old))
    total, same, form, extra = agreement(official, draft, document)
    return [item.name, "yes" if exact else "no", f"{same}/{total}", f"{form}/{total}", extra]


def _form(ins: Instruction, units: dict[Target, str]) -> str:
    """The drafting form of an instruction: the article or a 款/项 replaced, words changed,
    or its kind. A 修正案's “A”修改为“B” whose A is its unit's whole text (宪法第七条：“…”修改为：
    “…”) replaces that unit, as 将第七条修改为 does."""
    target = ins.targets[0] if ins.targets else None
    whole = ins.kind == "replace" or (ins.kind == "substitute" and target is not None and
                                      _compact(ins.old) == units.get(target))
    if whole and target is not None:
        return "article" if target.paragraph is None and target.item is None else "part"
    return {"substitute": "words", "insert_text": "words", "delete_text": "words"}.get(ins.kind, ins.kind)


def _compact(text: str) -> str:
    """Without whitespace and the closing mark a quoted 项 or 款 may leave out (；。)."""
    return "".join(text.split()).rstrip("；;。，,")


def unit_texts(document: Document | None, decision: Decision) -> dict[Target, str]:
    """The whole text of each unit ``decision`` addresses, in ``document`` (none without one)."""
    if document is None:
        return {}
    by_number = provisions_by_number(document)
    out = {}
    for ins in decision.instructions:
        for target in ins.targets:
            prov = by_number.get(target.key)
            if prov is not None:
                out[target] = _compact("\n".join(prov.paragraphs[i] for i in line_range(prov, target)))
    return out


def forms(decision: Decision, document: Document | None = None) -> dict[ArticleKey, set[str]]:
    """For each article an instrument changes: the forms of the instructions on it (an edit
    of a unit's whole text counted as the unit replaced, given the text amended). Articles
    added change no article: the one they follow (在第X条后增加一条) is an anchor, and a
    section added after a heading has none; nor does a stated renumbering (相应改为)."""
    units = unit_texts(document, decision)
    out: dict[ArticleKey, set[str]] = {}
    for ins in decision.instructions:
        for target in ins.targets if ins.kind not in ("add_article", "renumber") else ():
            out.setdefault(target.key, set()).add(_form(ins, units))
    return out


def agreement(official: Decision, draft: Decision, document: Document | None = None) -> tuple[int, int, int, int]:
    """(articles the official instrument changes, of them changed by the draft, of them in
    the same form, articles the draft changes besides), ``document`` the text amended."""
    want, got = forms(official, document), forms(draft, document)
    same_articles = [k for k in want if k in got]
    same_form = [k for k in same_articles if want[k] == got[k]]
    return len(want), len(same_articles), len(same_form), len(set(got) - set(want))


def court_parts(root: Path = LAWREFBOOK) -> tuple[int, int, Counter[str]]:
    """(parts read, parts refused, refusals by the form not read) of the court's multi-text decisions."""
    read = refused = 0
    reasons: Counter[str] = Counter()
    for path in sorted(root.rglob("最高人民法院关于修改*等*件*司法解释的决定.md")):
        text = path.read_text(encoding="utf-8")
        for _, title in parts(text):
            try:
                parse_decision(text, only=title)
                read += 1
            except InputError as exc:
                refused += 1
                reasons[str(exc.params.get("instruction") or exc.params.get("line") or exc.key)[:24]] += 1
    return read, refused, reasons


def report(root: Path = LAWREFBOOK) -> str:
    """The published-instrument figures as Markdown tables."""
    rows = [exact_and_agreement(item) for item in instruments(root) if item.old.is_file() and item.new.is_file()]
    read, refused, reasons = court_parts(root)
    out = ["Published instruments applied, and `amend` on the same pair against the official wording:", "",
           markdown_table(["instrument", "applied exactly", "same articles", "same form", "draft's other articles"],
                          rows), "",
           f"Court decisions amending several interpretations (2020): {read} of {read + refused} parts read; "
           f"{refused} refused with the form named:", ""]
    out += [f"- {reason}… ({n})" for reason, n in reasons.most_common()]
    return "\n".join(out)


if __name__ == "__main__":
    print(report())
