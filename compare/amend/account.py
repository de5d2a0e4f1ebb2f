"""What ``apply`` did, item by item: ``apply --report FILE``.

``applied_report(decision, amended, lang) -> str``: a heading naming the decision and the
text it was applied to, then a Markdown table with one row per
instruction applied (as ``apply`` counts them: instructions chained in one published item
are rows of their own, articles added in a run one row): its words as applied (shortened)
and the provisions of the amended text it changed, by their numbers
after the decision (第十二条, 第二章的章名, 名称), or the old provisions it deleted.
"""

from __future__ import annotations

from ..i18n import N_, by_language
from ..instrument.model import TITLE, Decision, Instruction, target_at
from ..instrument.numbering import address
from ..instrument.render import en_span, instruction_runs, renumber_span, run_text, target_en, title_text
from ..numerals import cn
from .apply import Amended

LABELS = by_language({
    "item": N_("No."), "instruction": N_("Instruction as applied"), "changed": N_("Provisions of the amended text"),
    "deleted": N_("deleted: {units}"), "heading": N_("heading {address}"),
})
SHOWN = 60  # characters of an item's words in the table


def _unit(key: tuple[int, int], lang: str) -> str:
    return address(target_at(key)) if lang == "zh" else target_en(target_at(key))


def _changed(ins: Instruction, amended: Amended, lang: str) -> list[str]:
    if ins.kind in ("rename_heading", "add_heading", "delete_heading", "move_heading"):
        return [LABELS[lang]["heading"].format(address=ins.heading)]
    if ins.kind in ("add_article", "merge"):
        return [_unit(ins.place, lang)]
    if ins.kind == "renumber":  # checked, not changed: the numbers the articles take
        return [renumber_span(ins, new=True) if lang == "zh" else en_span(ins, new=True)]
    if ins.kind == "delete":
        units = "、".join(_unit(t.key, lang) for t in ins.targets) if ins.targets else ins.heading
        return [LABELS[lang]["deleted"].format(units=units)]
    return [_unit(t.key if t.key == TITLE else amended.renumbering.get(t.key, t.key), lang) for t in ins.targets]


def applied_report(decision: Decision, amended: Amended, lang: str = "zh") -> str:
    """The table (see the module docstring)."""
    labels = LABELS[lang]
    title = amended.document.title.lstrip("#").strip()
    heading = f"# {decision.name or title_text(decision, lang)} → {title}"
    rows = [heading, "", f"| {labels['item']} | {labels['instruction']} | {labels['changed']} |", "|---|---|---|"]
    for n, run in enumerate(instruction_runs(decision.instructions), 1):
        words = run_text(run, lang, decision.unit).split("\n", 1)[0]
        words = words if len(words) <= SHOWN else words[:SHOWN] + "…"
        changed: list[str] = []
        for ins in run:
            changed.extend(x for x in _changed(ins, amended, lang) if x not in changed)
        number = cn(n) if lang == "zh" else str(n)
        rows.append(f"| {number} | {_cell(words)} | {_cell('、'.join(changed) if lang == 'zh' else '; '.join(changed))} |")
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
