"""Error messages of the amendment commands, added to ``compare.errors.MESSAGES`` on import."""

from __future__ import annotations

from ..errors import MESSAGES

AMEND_MESSAGES: dict[str, dict[str, str]] = {
    "amend_bad_instruction": {
        "zh": "无法识别的修改指令：{instruction}",
        "en": "unrecognised amending instruction: {instruction}",
    },
    "amend_no_instructions": {"zh": "决定中没有修改指令", "en": "the decision contains no amending instructions"},
    "amend_no_article": {
        "zh": "指令“{instruction}”无法执行：原文没有{unit}",
        "en": "cannot apply “{instruction}”: the text has no {unit}",
    },
    "amend_no_heading": {
        "zh": "指令“{instruction}”无法执行：原文没有{unit}（或不止一个）",
        "en": "cannot apply “{instruction}”: the text has no {unit} (or more than one)",
    },
    "amend_sub_position": {
        "zh": "指令“{instruction}”无法执行：“第X条之一”只能紧接在第X条之后增加",
        "en": "cannot apply “{instruction}”: an article numbered 第X条之一 can only be added right after 第X条",
    },
    "amend_sub_renumbers": {
        "zh": "指令“{instruction}”无法执行：增加“之一”式条文的决定不能同时删去、合并或增加须重新编号的条文",
        "en": "cannot apply “{instruction}”: a decision adding 第X条之一 articles cannot also delete, merge or add "
              "articles that renumber the text",
    },
    "amend_text_missing": {
        "zh": "指令“{instruction}”无法执行：{unit}中没有“{text}”",
        "en": "cannot apply “{instruction}”: {unit} does not contain “{text}”",
    },
    "amend_conflict": {
        "zh": "指令“{instruction}”无法执行：与前面的指令修改同一处文字（不明确）",
        "en": "cannot apply “{instruction}”: it changes the same words as an earlier instruction (ambiguous)",
    },
    "amend_duplicate_number": {
        "zh": "{number}出现不止一次，无法按条文编号修改",
        "en": "{number} occurs more than once, so instructions cannot address it by number",
    },
    "amend_sub_number": {
        "zh": "不支持“之一”式条文编号（{number}）",
        "en": "articles numbered like 第十条之一 are not supported ({number})",
    },
    "amend_no_articles": {
        "zh": "没有可按编号修改的条文（第X条或“一、”式条目）",
        "en": "no provisions to address by number (第X条 articles or 一、 items)",
    },
}

for _key, _texts in AMEND_MESSAGES.items():
    MESSAGES.setdefault(_key, _texts)
