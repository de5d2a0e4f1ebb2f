"""Properties of the structure parser (hypothesis): what it keeps, what it raises, determinism.

What "body" means (see ``compare.structure``): every line after the header (title and
adoption notes) and the table of contents. Each body line is a heading (编 / 分编 / 章 /
节, an unnumbered 附则, a Markdown ``#`` line) or provision text. Hence:

- on generated regulations, whose structure is known, the provisions' paragraphs are
  exactly the generated paragraph texts, in order;
- on arbitrary text, the paragraphs, joined, are a subsequence of the source (the parser
  only removes: headers, headings, numbers, markup, invisible characters, whitespace),
  and each provision's clauses restate its paragraphs one for one.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.errors import InputError
from compare.model import SourceText
from compare.structure import parse
from compare.numerals import chinese_to_int

CN = "零一二三四五六七八九十"
# STRUCTURE_EXAMPLES=3000 for a longer search.
SETTINGS = settings(max_examples=int(os.environ.get("STRUCTURE_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def src(text: str) -> SourceText:
    return SourceText(path="p.txt", name="p.txt", text=text, encoding="utf-8", format="txt", sha256="0")


def cn(n: int) -> str:
    """Chinese numeral for 1..99 as legislation writes it."""
    tens, units = divmod(n, 10)
    return (("" if tens == 1 else CN[tens]) + "十" if tens else "") + (CN[units] if units else "")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad")))


def is_subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


# Plain sentences: CJK words that never start a number, a heading or an annex, then 。
WORD = st.text(alphabet="甲乙丙丁戊己庚辛国家市省应当依法管理规定的和与", min_size=1, max_size=12)
SENTENCE = WORD.map(lambda w: w + "。")


@st.composite
def regulation(draw):
    """A regulation text, the ids and paragraphs the parser must find, and its body text."""
    chapters = draw(st.lists(st.lists(st.lists(SENTENCE, min_size=1, max_size=3), min_size=1, max_size=4),
                             min_size=0, max_size=4))
    flat = not chapters
    if flat:
        chapters = [draw(st.lists(st.lists(SENTENCE, min_size=1, max_size=3), min_size=1, max_size=5))]
    markdown = draw(st.booleans())  # lawrefbook layout, else the official one
    spaced = draw(st.booleans())
    toc = draw(st.booleans()) and not flat
    if markdown:
        lines = ["# 某某省测试规定", "2020年1月1日 某某省第一届人民代表大会常务委员会第一次会议通过", "<!-- INFO END -->"]
    else:
        lines = ["某某省测试规定", "（2020年1月1日某某省第一届人民代表大会常务委员会第一次会议通过）"]
    if toc:
        lines.append(draw(st.sampled_from(["目录", "目 录", "目　录"])))
        lines += [f"第{cn(i)}章　标题{i}" for i in range(1, len(chapters) + 1)]
    expected, body, number, sub = [], [], 0, 0
    for c, arts in enumerate(chapters, 1):
        if not flat:
            heading = f"第{cn(c)}章　{'总　　则' if spaced else '标题' + str(c)}"
            lines.append(("## " if markdown else "") + heading)
        for paragraphs in arts:
            inserted = number > 0 and draw(st.integers(0, 5)) == 0  # 第N条之一, 之二 after 第N条
            number, sub = (number, sub + 1) if inserted else (number + 1, 0)
            written = f"第{number}条" if draw(st.booleans()) else f"第{cn(number)}条"
            written = written.replace("条", f"条之{cn(sub)}") if inserted else written
            if draw(st.integers(0, 9)) == 0:
                written = written[0] + "\u200b" + written[1:]  # an invisible character inside
            lines.append(f"{written}{draw(st.sampled_from(['　', ' ', '：']))}{paragraphs[0]}")
            lines += paragraphs[1:]
            local = f"art{number}-{sub}" if inserted else f"art{number}"
            expected.append((local if flat else f"ch{c}/{local}", tuple(paragraphs)))
            body += paragraphs
    separator = draw(st.sampled_from(["\n", "\n\n"]))
    return separator.join(lines) + "\n", expected, "".join(body)


@SETTINGS
@given(regulation())
def test_generated_regulations_keep_every_paragraph(case) -> None:
    text, expected, body = case
    doc = parse(src(text), "x")
    assert [(p.id, p.paragraphs) for p in doc.provisions] == expected
    # the body without headings, TOC and number prefixes is the paragraphs, joined
    assert squeeze("".join(par for p in doc.provisions for par in p.paragraphs)) == squeeze(body)
    assert doc.warnings == ()
    assert doc.enacting_body == "某某省人民代表大会常务委员会" and doc.adopted == "2020-01-01"
    assert all(len(p.clauses) == len(p.paragraphs) for p in doc.provisions)  # no lists: one 款 per line


@SETTINGS
@given(st.lists(st.lists(WORD, min_size=1, max_size=3), min_size=1, max_size=4), st.booleans())
def test_generated_lists_become_items_and_subitems(items, with_tail) -> None:
    lines = ["某条例", "第一条　下列事项："]
    for i, subs in enumerate(items, 1):
        lines.append(f"（{cn(i)}）{subs[0]}：")
        lines += [f"{k}.{w}；" for k, w in enumerate(subs[1:], 1)]
    if with_tail:
        lines.append("前款规定的事项除外。")
    (art,) = parse(src("\n".join(lines)), "x").provisions
    clauses = [(c.id, c.kind) for c in art.clauses]
    want = [("art1/p1", "paragraph")]
    for i, subs in enumerate(items, 1):
        want.append((f"art1/p1/i{i}", "item"))
        want += [(f"art1/p1/i{i}/s{k}", "subitem") for k in range(1, len(subs))]
    if with_tail:
        want.append(("art1/p2", "paragraph"))
    assert clauses == want


# Arbitrary text, biased towards what the parser looks for.
FRAGMENTS = st.sampled_from([
    "第一条 ", "第二条　", "第十条之一 ", "第3条：", "第二章 ", "第一节 ", "第一编 ", "第一分编 ", "附则", "附 则",
    "一、", "二、", "（一）", "（二）", "1.", "2、", "(1)", "①", "附件一：", "附件", "附表", "附：", "目录", "目 录",
    "序言", "# ", "## ", "<!-- INFO END -->", "<!--", "-->", "---\n", "\n", "\n", "\n", " ", "\u3000", "\u200b",
    "本条例自2024年1月1日起施行。", "自公布之日起施行", "通过", "修正", "根据", "2020年1月1日", "第十三届",
    "人民代表大会常务委员会", "第五次会议", "（", "）", "。", "：", "甲", "乙", "十", "百", "两", "－", "〇",
])
ARBITRARY = st.one_of(
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=3)), max_size=40).map("".join),
    st.text(max_size=200),
)


@SETTINGS
@given(ARBITRARY)
def test_arbitrary_text_raises_only_input_error(text: str) -> None:
    try:
        doc = parse(src(text), "x")
    except InputError as err:
        assert err.key == "no_structure"
        return
    ids = [p.id for p in doc.provisions]
    assert len(ids) == len(set(ids))
    joined = squeeze("".join(par for p in doc.provisions for par in p.paragraphs))
    assert is_subsequence(joined, squeeze(text))
    for prov in doc.provisions:
        restated = [squeeze(c.number + c.text) for c in prov.clauses if c.number or c.text]
        assert restated == [squeeze(par) for par in prov.paragraphs if squeeze(par)]
        assert all(c.id.startswith(prov.id + "/") for c in prov.clauses)
    assert all(":" in w for w in doc.warnings)


@SETTINGS
@given(ARBITRARY)
def test_parse_is_deterministic(text: str) -> None:
    def outcome():
        try:
            return parse(src(text), "x")
        except InputError as err:
            return err.key

    assert outcome() == outcome()


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numerals_used_by_the_generator(n: int) -> None:
    assert chinese_to_int(cn(n)) == n
