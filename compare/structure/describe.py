"""Parser warnings as sentences a reader understands, in Chinese or English.

Warnings travel between stages as codes (``skipped_number:第七章 (after 第五章)``, see
``anomalies``) so that machines can count them; wherever a person reads one (report, Word
table, audit, ``parse``, review) it goes through ``describe_warning``.

>>> describe_warning("skipped_number:第七章 (after 第五章)")
'第五章之后是第七章，中间的编号缺失'
>>> describe_warning("skipped_number:第二章 (first)", "en")
'numbering starts at 第二章: the numbers before it are missing'
"""

from __future__ import annotations

import re

from ..i18n import N_, by_language

_AFTER = re.compile(r"^(?P<number>.+?) \((?:after (?P<after>[^)]+)|(?P<first>first))\)$")
_COUNT = re.compile(r"^(?P<span>.+?) \((?P<n>\d+)\)$")

_SENTENCES = by_language({
    "skipped_after": N_("{number} follows {after}: the numbers in between are missing"),
    "skipped_first": N_("numbering starts at {number}: the numbers before it are missing"),
    "out_of_order": N_("{number} comes after {after}: out of order"),
    "out_of_order_first": N_("{number} is out of order"),
    "repeated_number": N_("{number} appears twice"),
    "outside_chapter": N_("{span} is outside any chapter"),
    "outside_chapter_n": N_("{span} ({n} articles) are outside any chapter"),
    "empty_provision": N_("{detail} has no text"),
    "joined_provisions": N_("{span} was on the same line as the provision before it and has been split off"),
    "joined_provisions_n": N_("{span} ({n} provisions) were on the same line as the provision before them and have been "
                              "split off"),
    "orphan_text": N_("unnumbered text between a heading and its first provision ({detail})"),
    "inferred_heading_number": N_("the heading “{heading}” after {after} has no number: read as {number}, the number "
                                  "the headings around it leave"),
    "unnumbered_heading": N_("the line “{heading}” after {after} has no number and no punctuation: read as a heading"),
    "auto_numbering": N_("{detail} Word auto-numbered paragraphs: the numbers are not in the text"),
    "pdf_unmapped_glyphs": N_("the PDF has glyphs without a text mapping ({detail})"),
    "ocr": N_("the text was recognised from {detail} scanned page(s) by OCR: check it against the original"),
    "docx_changes_accepted": N_("the Word file has {n} tracked change(s): compared as if all were accepted "
                                "(--docx-view original compares the text before them)"),
    "docx_changes_original": N_("the Word file has {n} tracked change(s): compared as before them "
                                "(--docx-view accepted compares the text with them accepted)"),
    "docx_comments": N_("the Word file has {detail} comment(s), which are not part of the text compared"),
    "footnote": N_("an editor's footnote under {detail} (a circled number) is not read as its text"),
    "no_effective_clause": N_("no provision says when the regulation takes effect and the last one ({detail}) is not "
                              "about it: the text may be incomplete"),
    "other": N_("{kind}: {detail}"),
})


def describe_warning(warning: str, lang: str = "zh") -> str:
    """The warning code ``warning`` (``kind:detail``) as one sentence in ``lang``."""
    texts = _SENTENCES["en" if lang == "en" else "zh"]
    kind, _, detail = warning.partition(":")
    if kind in ("skipped_number", "out_of_order"):
        return _numbering(texts, kind, detail)
    if kind in ("outside_chapter", "joined_provisions"):
        counted = _COUNT.match(detail)
        if counted:
            return texts[f"{kind}_n"].format(span=_span(counted["span"], lang), n=counted["n"])
        return texts[kind].format(span=_span(detail, lang))
    if kind == "docx_changes":
        view, _, n = detail.partition(":")
        return texts["docx_changes_original" if view == "original" else "docx_changes_accepted"].format(n=n)
    if kind in ("unnumbered_heading", "inferred_heading_number"):
        match = _AFTER.match(detail)
        if match and match["after"]:
            number, _, heading = match["number"].rpartition("|")
            return texts[kind].format(heading=heading, after=match["after"], number=number)
    if kind == "repeated_number":
        return texts[kind].format(number=detail)
    if kind in texts:
        return texts[kind].format(detail=detail)
    return texts["other"].format(kind=kind, detail=detail) if detail else kind


def _numbering(texts: dict[str, str], kind: str, detail: str) -> str:
    match = _AFTER.match(detail)
    if match is None:
        return texts["other"].format(kind=kind, detail=detail)
    number, after = match["number"], match["after"]
    if kind == "skipped_number":
        return texts["skipped_after" if after else "skipped_first"].format(number=number, after=after)
    return texts["out_of_order" if after else "out_of_order_first"].format(number=number, after=after)


def _span(span: str, lang: str) -> str:
    """第一条–第九条 as 第一条至第九条 in Chinese prose."""
    return span.replace("–", "至") if lang != "en" else span


def describe_warnings(warnings: tuple[str, ...] | list[str], lang: str = "zh") -> list[str]:
    """Each distinct warning as a sentence, in order."""
    return list(dict.fromkeys(describe_warning(w, lang) for w in warnings))
