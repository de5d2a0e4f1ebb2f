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

from ..model import Comparison
from .navigation import row_labels

DRAFT_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "drafts": "修改决定草案", "amends": "修改文本", "towards": "依据", "instruction": "修改决定",
        "dropped": "已删去", "kept": "已恢复", "rows": "对照行", "kind_amend": "修改决定（修订前后版本）",
        "kind_harmonise": "协同修改（向基准文本看齐）", "count": "{n} 项指令，{dropped} 项已删去",
        "drop": "删去此项", "restore": "恢复此项", "note": "说明", "export": "导出决定文本（不含已删去项）",
        "history": "审查记录",
    },
    "en": {
        "drafts": "Draft amendment decisions", "amends": "Amends", "towards": "towards",
        "instruction": "Instruction", "dropped": "dropped", "kept": "restored", "rows": "rows",
        "kind_amend": "amendment decision (two versions)", "kind_harmonise": "harmonising amendment (towards the base)",
        "count": "{n} instructions, {dropped} dropped", "drop": "Drop", "restore": "Restore", "note": "Note",
        "export": "Export the decision text (without dropped instructions)", "history": "Review history",
    },
}

KIND_LABELS: dict[str, dict[str, str]] = {  # Instruction.kind → how the report names it
    "zh": {"replace": "修改为", "substitute": "修改词语", "delete_text": "删去词语", "insert_text": "增加词语",
           "add_paragraph": "增加一款", "delete_paragraph": "删去一款", "add_article": "增加", "delete": "删去",
           "merge": "合并"},
    "en": {"replace": "replace", "substitute": "replace words", "delete_text": "delete words",
           "insert_text": "insert words", "add_paragraph": "insert paragraph", "delete_paragraph": "delete paragraph",
           "add_article": "insert", "delete": "delete", "merge": "merge"},
}


def _label(labels: dict[str, Any], row_id: str, base_absent: bool) -> str:
    """A row's label; a row the base lacks goes by the other text's number."""
    own, others = labels.get(row_id, (row_id, []))
    return others[0][1] if base_absent and others else own


def drafts_view(drafts: list[Any], comparison: Comparison, lang: str = "zh") -> tuple[list[dict[str, Any]],
                                                                                       dict[str, list[tuple[str, str]]]]:
    """The drafts as the templates show them, and the links from rows back to items."""
    from ..amend.items import item_text
    from ..amend.numbering import cn
    from ..amend.render import closing_text, title_text
    from . import document_labels

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
            rows = [(r, _label(labels, r, by_id[r].cells.get(comparison.base) is None)) for r in item.rows if r in known]
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
        sections.append({"index": d_index, "title": title_text(draft.decision, lang), "kind": draft.kind,
                         "target": docs.get(draft.target, draft.target), "source": docs.get(draft.source, draft.source),
                         "items": items, "closing": closing_text(draft.decision, lang),
                         "dropped": sum(1 for x in items if x["dropped"])})
    return sections, links
