"""A 修订 instead of a 修改决定: the revised text in full and the outline of its 修订说明.

When most of a text changes, drafting hundreds of instructions is the wrong instrument:
the legislature adopts the revised text whole (修订) with an explanation of the revision.
``revision_summary(comparison, old_id, new_id)`` sorts the alignment rows of the two
versions into what such an explanation lists: articles added, deleted, moved, changed in
substance, changed in wording only, and unchanged; ``share`` is the part of the text the
revision touches (the ground for suggesting ``--style 修订``). ``revision_text`` writes
《…》（修订草案） with NEW's text as it stands, then 关于《…》修订草案的说明（提纲）: headings
for the necessity (to be written) and the lists of articles by kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import N_, by_language
from ..model import Comparison

KINDS = ("added", "deleted", "moved", "substantive", "wording")
SUBSTANTIVE = ("substantive", "split", "merged", "unmatched")
UNCHANGED = ("identical", "formatting", "renumbered")
SUGGEST = 0.5  # share of articles touched from which amend suggests a 修订
LABELS = by_language({
    "added": N_("Articles added"), "deleted": N_("Articles deleted"), "moved": N_("Articles moved"),
    "substantive": N_("Articles changed in substance"), "wording": N_("Articles changed in wording only"),
    "unchanged": N_("Articles unchanged: {n}"), "draft": N_("《{title}》 (revised draft)"),
    "notes": N_("Explanation of the revised draft of 《{title}》 (outline)"),
    "why": N_("1. Why the revision is needed"), "todo": N_("(to be written)"),
    "what": N_("2. What the revision changes"), "count": N_("{label} ({n}): {items}"),
    "now": N_("{old} (now {new})"), "former": N_("former {old}"),
})


@dataclass
class RevisionSummary:
    """The rows of two versions sorted by what the revision does to them (labels per kind)."""

    kinds: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    unchanged: int = 0

    @property
    def share(self) -> float:
        """Part of the articles the revision touches (added, deleted, moved or changed)."""
        touched = sum(len(v) for v in self.kinds.values())
        return touched / max(touched + self.unchanged, 1)


def revision_summary(comparison: Comparison, old_id: str, new_id: str, lang: str = "zh") -> RevisionSummary:
    """Each row of the two versions sorted into a kind (see the module docstring)."""
    labels = LABELS[lang]
    out = RevisionSummary()
    for row in comparison.rows:
        old, new = row.cells.get(old_id), row.cells.get(new_id)
        if not any(p.kind in ("article", "item") for c in (old, new) if c for p in c.provisions):
            continue
        if new is None or old is None:
            kind = "added" if old is None else "deleted"
            shown = new.number if new else labels["former"].format(old=old.number)
        else:
            kind = "moved" if row.status == "moved" else "substantive" if row.status in SUBSTANTIVE else \
                None if row.status in UNCHANGED else "wording"
            shown = new.number if old.number == new.number else labels["now"].format(old=old.number, new=new.number)
        if kind is None:
            out.unchanged += 1
        else:
            out.kinds[kind].append(shown)
    return out


def revision_text(comparison: Comparison, old_id: str, new_id: str, lang: str = "zh") -> str:
    """The revised draft (NEW's text) and the outline of its explanation."""
    labels = LABELS[lang]
    new = next(d for d in comparison.documents if d.id == new_id)
    title = new.title.lstrip("#").strip()
    summary = revision_summary(comparison, old_id, new_id, lang)
    body = new.source.text.split("<!-- INFO END -->", 1)[-1].strip("\n\u200b\ufeff \t\u3000").strip("\n")
    lines = [labels["draft"].format(title=title), "", body, "", "", labels["notes"].format(title=title), "",
             labels["why"], labels["todo"], "", labels["what"]]
    comma = "、" if lang == "zh" else ", "
    for kind in KINDS:
        items = summary.kinds[kind]
        if items:
            lines.append(labels["count"].format(label=labels[kind], n=len(items), items=comma.join(items)))
    lines.append(labels["unchanged"].format(n=summary.unchanged))
    return "\n".join(lines) + "\n"
