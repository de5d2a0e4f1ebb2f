"""Error messages of the corpus commands, added to ``compare.errors.MESSAGES`` on import.

They live here so the corpus package stays self-contained; ``InputError(None, key, ...)``
then prints them in the user's language like every other error.
"""

from __future__ import annotations

from ..errors import MESSAGES

CORPUS_MESSAGES: dict[str, dict[str, str]] = {
    "unknown_provision": {
        "zh": "索引中没有编号为 {detail} 的条款（编号见 corpus similar / corpus families 的输出）",
        "en": "no provision {detail} in the index (ids are printed by corpus similar / corpus families)",
    },
    "local_no_jurisdiction": {
        "zh": "无法推断制定机关所属行政区（文中有本市、本省等自称，不按全国性文本处理）；可用 --divisions 补充行政区划",
        "en": "cannot infer the enacting jurisdiction (the text calls itself 本市/本省…, so it is not taken as "
              "national); add the division with --divisions",
    },
    "empty_index": {
        "zh": "索引为空，请先运行 legiscompare corpus index DIR",
        "en": "the index is empty; run legiscompare corpus index DIR first",
    },
}

for _key, _texts in CORPUS_MESSAGES.items():
    MESSAGES.setdefault(_key, _texts)
