"""Error messages of the amendment commands, added to ``compare.errors.MESSAGES`` on import."""

from __future__ import annotations

from ..errors import MESSAGES
from ..i18n import N_

AMEND_MESSAGES: dict[str, str] = {
    "amend_bad_instruction": N_("unrecognised amending instruction: {instruction}"),
    "amend_no_instructions": N_("the decision contains no amending instructions"),
    "amend_several_texts": N_("the decision amends several texts ({count}): name the one to apply with "
                              "--only TITLE"),
    "amend_no_part": N_("the decision has no part amending 《{title}》 (it has {count}: {parts} …)"),
    "amend_unread_line": N_("a line of the decision is neither an instruction in a known form nor its quoted text, "
                            "so it would be left unapplied: {line}"),
    "amend_no_article": N_("cannot apply “{instruction}”: the text has no {unit}"),
    "amend_no_heading": N_("cannot apply “{instruction}”: the text has no {unit} (or more than one)"),
    "amend_heading_empty": N_("cannot apply “{instruction}”: no article is left under {unit}"),
    "amend_heading_anchor": N_("cannot apply “{instruction}”: a heading can only be placed before an article the "
                               "decision keeps"),
    "amend_heading_conflict": N_("cannot apply “{instruction}”: another instruction already deletes or moves this "
                                 "heading, or a heading of the same level already stands before that article"),
    "amend_heading_span": N_("cannot apply “{instruction}”: the articles under that heading end at {unit} of the "
                             "text amended"),
    "amend_deleted_target": N_("cannot apply “{instruction}”: {unit} is deleted, or merged with new wording, by "
                               "another instruction"),
    "amend_sub_position": N_("cannot apply “{instruction}”: an article numbered 第X条之一 can only be added right after 第X条"),
    "amend_sub_renumbers": N_("cannot apply “{instruction}”: a decision adding 第X条之一 articles cannot also delete, merge "
                              "or add articles that renumber the text"),
    "amend_text_missing": N_("cannot apply “{instruction}”: {unit} does not contain “{text}”"),
    "amend_not_applied": N_("cannot apply “{instruction}”: its text would not stand in the amended text"),
    "revision_no_docx": N_("--style revision writes the revised text, not a decision: compare OLD and NEW with "
                           "--docx for the table of the text before and after"),
    "bad_style": N_("unknown --style “{value}”: decision, amendment or revision"),
    "amend_wrong_text": N_("the decision amends 《{wanted}》, not 《{title}》"),
    "amend_already_applied": N_("the text already records this decision in its history (“{line}”): applied again, it "
                                "would change the text twice"),
    "amend_draft_unappliable": N_("the draft would not apply to OLD as written (“{instruction}”): a limit of "
                                  "amend, nothing written; try --style decision"),
    "amend_amendment_renumbers": N_("NEW deletes, merges or moves articles, or adds one before the first, and numbers "
                                    "the rest afresh, which an amendment never does: draft a decision (--style decision)"),
    "amend_draft_incomplete": N_("the draft, applied to OLD, would not give NEW's {unit} (a limit of amend): nothing "
                                 "written; --style revision writes the revised text in full"),
    "amend_renumbering": N_("cannot apply “{instruction}”: the decision numbers {unit} otherwise ({actual})"),
    "amend_conflict": N_("cannot apply “{instruction}”: it changes the same words as an earlier instruction (ambiguous)"),
    "amend_duplicate_number": N_("{number} occurs more than once, so instructions cannot address it by number"),
    "amend_no_articles": N_("no provisions to address by number (第X条 articles or 一、 items)"),
}

for _key, _texts in AMEND_MESSAGES.items():
    MESSAGES.setdefault(_key, _texts)
