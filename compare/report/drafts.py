"""Amendment drafts in the HTML report and the review app: what the template shows.

``drafts_view(drafts, comparison, lang) -> (sections, row_links)``: per draft its heading,
the numbered items (wording in ``lang``: the instruction kinds in English with ``en``, the
quoted text in Chinese), each item's kind labels, the rows it links to (anchor
``row-{id}`` and the row's label) and its current review decision (dropped items are
shown struck out, with reviewer and note, and not counted in the numbering of the
decision the reviewer exports); ``row_links``: row id → the items that come from that row
(anchor ``ins-{draft}-{item}``), for the link back from the table. Deterministic: the
same drafts give the same view.
"""

from __future__ import annotations

from typing import Any

from ..i18n import N_, by_language, ngettext
from ..instrument.render import closing_text, title_text
from ..model import Comparison
from ..numerals import cn
from ..visible import visible
from .navigation import document_labels, row_labels

DRAFT_LABELS = by_language({
    "drafts": N_("Draft amendment decisions"),
    "checks": N_("Wording to check"),
    "new_number": N_("new {label}"),
    "check": N_("Article {article}: “{base}” is drafted by role as “{drafted}”; if it names that jurisdiction "
                "itself, write “{absolute}”"),
    "amends": N_("Amends"),
    "towards": N_("towards"),
    "instruction": N_("Instruction"),
    "dropped": N_("dropped"),
    "kept": N_("restored"),
    "rows": N_("rows"),
    "kind_amend": N_("amendment decision (two versions)"),
    "kind_harmonise": N_("harmonising amendment (towards the base)"),
    "drop": N_("Drop"),
    "restore": N_("Restore"),
    "note": N_("Note"),
    "export": N_("Export the decision text (without dropped instructions)"),
    "history": N_("Review history"),
})

KIND_LABELS = by_language({
    "replace": N_("replace"),
    "substitute": N_("replace words"),
    "delete_text": N_("delete words"),
    "insert_text": N_("insert words"),
    "add_paragraph": N_("insert paragraph"),
    "delete_paragraph": N_("delete paragraph"),
    "add_item": N_("insert item"),
    "add_article": N_("insert"),
    "delete": N_("delete"),
    "merge": N_("merge"),
    "rename_heading": N_("rename heading"),
    "add_heading": N_("insert heading"),
    "delete_heading": N_("delete heading"),
    "move_heading": N_("move heading"),
    "renumber": N_("renumbering stated"),
})


def _label(labels: dict[str, Any], row_id: str, base_absent: bool, lang: str = "zh") -> str:
    """A row's label; a row the base lacks goes by the other text's number, marked as such
    (修改后第三条), since the instructions otherwise speak of the base's numbers."""
    own, _others = labels.get(row_id, (row_id, []))
    return DRAFT_LABELS[lang]["new_number"].format(label=own) if base_absent and row_id in labels else own


def drafts_view(drafts: list[Any], comparison: Comparison, lang: str = "zh") -> tuple[list[dict[str, Any]],
                                                                                       dict[str, list[tuple[str, str]]]]:
    """The drafts as the templates show them, and the links from rows back to items."""
    from ..instrument.drafts import item_text
    lang = "en" if lang == "en" else "zh"
    labels = row_labels(comparison)
    docs = document_labels(comparison)
    by_id = {r.id: r for r in comparison.rows}
    known = set(by_id)
    sections: list[dict[str, Any]] = []
    links: dict[str, list[tuple[str, str]]] = {}
    for d_index, draft in enumerate(drafts, 1):
        items = []
        for i, item in enumerate(draft.items, 1):
            anchor = f"ins-{d_index}-{i}"
            number = f"{i}." if lang == "en" else f"{cn(i)}、"
            kinds = list(dict.fromkeys(KIND_LABELS[lang][x.kind] for x in item.instructions))
            rows = [(r, _label(labels, r, by_id[r].cells.get(comparison.base) is None, lang))
                    for r in item.rows if r in known]
            decision = draft.dropped.get(item.fingerprint)
            items.append({"anchor": anchor, "number": number, "text": item_text(list(item.instructions), lang,
                                                                                 draft.decision.unit),
                          "kinds": kinds, "rows": rows, "decision": decision, "dropped": draft.is_dropped(item),
                          "fingerprint": item.fingerprint})
            short = (f"{DRAFT_LABELS[lang]['instruction']} {i}" if lang == "en"
                     else f"{DRAFT_LABELS[lang]['instruction']}第{cn(i)}项")
            if len(drafts) > 1:
                short = f"{docs.get(draft.target, draft.target)} {short}"
            for row_id, _ in rows:
                links.setdefault(row_id, []).append((anchor, short))
        checks = _checks(draft, d_index, lang)
        sections.append({"index": d_index, "title": visible(title_text(draft.decision, lang)), "kind": draft.kind,
                         "checks": checks,
                         "target": docs.get(draft.target, draft.target), "source": docs.get(draft.source, draft.source),
                         "items": items, "closing": closing_text(draft.decision, lang),
                         "dropped": sum(1 for x in items if x["dropped"]),
                         "count": _count(len(items), sum(1 for x in items if x["dropped"]), lang)})
    return sections, links


def _count(n: int, dropped: int, lang: str) -> str:
    """"3 instructions, 1 dropped" (singular for one)."""
    return ngettext("{n} instruction, {dropped} dropped", "{n} instructions, {dropped} dropped", n,
                    lang).format(n=n, dropped=dropped)


def _checks(draft: Any, d_index: int, lang: str) -> list[tuple[str, str]]:
    """(text, anchor of the instruction on that article or "") of each wording check."""
    out = []
    for check in draft.decision.checks:
        anchor = next((f"ins-{d_index}-{i}" for i, item in enumerate(draft.items, 1)
                       if any(check.article in ({t.article for t in x.targets} | {x.position})
                              for x in item.instructions)), "")
        article = str(check.article) if lang == "en" else cn(check.article)
        text = DRAFT_LABELS[lang]["check"].format(article=article, base=check.base, drafted=check.drafted,
                                                  absolute=check.absolute)
        out.append((text, anchor))
    return out
