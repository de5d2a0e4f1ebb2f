"""The shared words of every stage: class → category, and the zh/en names and explanation
texts of statuses, categories, classes and review decisions.

Plain data below every stage (it imports only ``compare.i18n``): the classifier, the
store, the reports, the review app and the audit all read the same names from here.

- ``CLASS_CATEGORY``: every difference class and the category it belongs to.
- ``STRUCTURAL_CLASSES`` and ``PRESENCE_CLASSES``: the classes of category ``structural``
  (see ``compare.classify.structural``) and those that say a provision exists in one text
  and not in another.
- ``NAMES``: statuses, categories, classes and decision statuses as a reader names them.
- ``DECISIONS`` and ``decision_status(word)``: the review decisions, and the one a word typed
  or read from an export names (the code, its name in either language, or 驳回).
- ``EXPLANATIONS``: the message tables of the explanations (``compare.rules``) that the
  classifier writes: ``classify`` (wording) and ``structural``.

>>> CLASS_CATEGORY["self_reference"], NAMES["zh"]["jurisdictional"], NAMES["en"]["moved"]
('jurisdictional', '行政区表述', 'moved')
>>> decision_status("需协调"), decision_status("驳回"), decision_status("Needs harmonisation"), decision_status("x")
('needs_harmonisation', 'rejected', 'needs_harmonisation', None)
"""

from __future__ import annotations

from .i18n import N_, P_, by_language

STRUCTURAL = "structural"
STRUCTURAL_CLASSES = ("added", "deleted", "absent", "unmatched", "moved", "split", "merged", "renumbered")
PRESENCE_CLASSES = frozenset({"added", "deleted", "absent"})

CLASS_CATEGORY = {
    "punctuation": "formatting", "whitespace": "formatting", "paragraph_break": "formatting",
    "width": "formatting", "numerals": "formatting",
    "self_reference": "jurisdictional", "partner_list": "jurisdictional",
    "institution_name": "institution",
    "normative": "substantive", "quantity": "substantive", "list_item": "substantive",
    "cross_reference": "substantive", "wording": "substantive", "renumbering": "formatting",
    "item_number": "formatting",
    **{cls: STRUCTURAL for cls in STRUCTURAL_CLASSES},
}

NAMES = by_language({
    "identical": N_("identical"),
    "formatting": N_("formatting"),
    "jurisdictional": N_("jurisdictional"),
    "institution": N_("institution"),
    "substantive": N_("substantive"),
    "missing": N_("missing"),
    "punctuation": N_("punctuation"),
    "whitespace": N_("whitespace"),
    "paragraph_break": N_("paragraph break"),
    "width": N_("character width"),
    "numerals": N_("numerals"),
    "self_reference": N_("self-reference"),
    "partner_list": N_("partner list"),
    "institution_name": N_("institution name"),
    "normative": N_("normative"),
    "quantity": N_("quantity"),
    "list_item": N_("list item"),
    "cross_reference": N_("cross-reference"),
    "wording": N_("wording"),
    "renumbering": N_("renumbered reference"),
    "item_number": N_("item renumbered"),
    "deleted_text": N_("deleted: in the base text, not in this one"),
    "inserted_text": N_("inserted: in this text, not in the base"),
    "accepted": N_("accepted"),
    "needs_harmonisation": N_("needs harmonisation"),
    "fixed": N_("fixed"),
    "rejected": N_("rejected"),
    "structural": N_("structural"),
    "added": N_("added"),
    "deleted": N_("deleted"),
    "absent": N_("only in some texts"),
    "unmatched": N_("no counterpart"),
    "moved": N_("moved"),
    "split": N_("split"),
    "merged": N_("merged"),
    "renumbered": N_("renumbered"),
    "no_provision": N_("no such provision"),
})

DECISIONS = ("accepted", "needs_harmonisation", "fixed", "rejected")  # as ``store.DECISION_STATUSES``
DECISION_ALIASES = {"驳回": "rejected", "不予采纳": "rejected"}  # the usual words for a rejection, whatever its name


def decision_status(word: str) -> str | None:
    """The decision (one of ``DECISIONS``) that ``word`` names: the code (``needs_harmonisation``),
    its name in either language (需协调, "needs harmonisation"), or an alias of
    ``DECISION_ALIASES``; case, spaces, hyphens and underscores do not matter. None for any other word."""
    key = " ".join(word.replace("_", " ").replace("-", " ").split()).lower()
    for code in DECISIONS:
        if key in (code.replace("_", " "), NAMES["zh"][code], NAMES["en"][code].lower()):
            return code
    return DECISION_ALIASES.get(key.replace(" ", ""))


_CLASSIFY_RULES = by_language({
    "same_place": N_("{a} ≡ {b} (both mean {place})"),
    "own_place": N_("{a} ≡ {b} (each names itself or the other)"),
    "members": N_("the same group of jurisdictions: {names}"),
    "body": N_("{a} ≈ {b} (same kind of body: {body})"),
    "deontic": N_("{a} → {b} ({direction})"),
    "none": N_("(none)"),
    "renumbered": N_("the cited article was renumbered: it still points at the same article"),
    "item_renumbered": N_("item {old} is item {new} here: an item before it was added or deleted"),
    "same_words": N_("the same words, each naming its own jurisdiction"),
    "prohibited": N_("now a prohibition"),
    "unprohibited": N_("prohibition lifted"),
    "equal": N_("same strength"),
    "stronger": N_("stronger"),
    "weaker": N_("weaker"),
})

_STRUCTURAL_WORDS = by_language({
    "only": N_("only {have} has it"),
    "lacks": N_("not in {name}"),
    "added": N_("added in {later}"),
    "deleted": N_("deleted in {later} ({earlier}: {number})"),
    "version": N_("the {date} version"),
    "moved": N_("in this text {after}; in {base} {base_after}"),
    "after": N_("after {number}"),
    "start": N_("at the start"),
    "split": N_("{old} of {base} is split into {new} here"),
    "merged": N_("{old} of {base} are merged into {new} here"),
    "renumbered": N_("{old} of {base} is numbered {new} here"),
    "unmatched": N_("no counterpart in {name}"),
    "sep": P_("list", ", "),
    "join": N_("; "),
})

EXPLANATIONS = {"classify": _CLASSIFY_RULES, "structural": _STRUCTURAL_WORDS}
