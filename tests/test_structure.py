"""The structure parser on hand-made texts: one test (or a few) per feature.

Property tests (hypothesis) and determinism are in ``test_structure_props.py``; the real
corpus in ``test_structure_corpus.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.errors import InputError
from compare.ingest import read_source
from compare.model import SourceText
from compare.structure import parse
from compare.structure.anomalies import sequence_warnings, warning_kind
from compare.structure.clauses import build_clauses

REPO = Path(__file__).resolve().parents[1]
JJJ = sorted((REPO / "texts" / "jjj-innovation-2023").glob("*.txt"))


def src(text: str, name: str = "t.txt") -> SourceText:
    return SourceText(path=name, name=name, text=text, encoding="utf-8", format="txt", sha256="0")


def kinds(doc) -> list[str]:
    return [warning_kind(w) for w in doc.warnings]


def articles(doc) -> list:
    return [p for p in doc.provisions if p.kind == "article"]


REGULATION = """某某省测试条例

（2020年1月1日某某省第十三届人民代表大会常务委员会第十次会议通过　根据2021年6月1日某某省第十三届人民代表大会常务委员会第二十次会议《关于修改〈某某省测试条例〉的决定》第一次修正　2023年3月1日某某省第十四届人民代表大会常务委员会第二次会议修订）

目　录

第一章　总　　则
第二章　管　　理
第三章　附　　则

第一章　总　　则

第一条　为了测试，制定本条例。

第二条　本条例适用于下列事项：
（一）甲事项；
（二）乙事项，包括：
1.子项一；
2.子项二；
（三）丙事项。
前款规定的事项，另有规定的除外。

第二章　管　　理

第\u200b三条　管理\u200b规定。

第三条之一　插入的条文。

第4条　阿拉伯数字条文。

第三章　附　　则

第五条　本条例自2024年1月1日起施行。

附件一：某某表

第一条　附件里的条文。

附件二
内容。
"""


@pytest.fixture(scope="module")
def regulation():
    return parse(src(REGULATION), "reg")


# --- the pipeline's contract ---------------------------------------------------------------------
@pytest.mark.parametrize("path", JJJ, ids=lambda p: p.stem)
def test_jjj_texts_keep_21_provisions(path: Path) -> None:
    doc = parse(read_source(path), path.stem)
    assert [p.id for p in doc.provisions] == ["preamble"] + [f"item{i}" for i in range(1, 21)]
    assert [p.kind for p in doc.provisions] == ["preamble"] + ["item"] * 20
    assert doc.provisions[1].number == "一" and doc.provisions[1].ordinal == 1
    assert all(p.paragraphs and p.clauses for p in doc.provisions)
    assert doc.warnings == ()


def test_jjj_metadata() -> None:
    doc = parse(read_source(REPO / "texts" / "jjj-innovation-2023" / "beijing.txt"), "beijing")
    assert doc.title == "北京市人民代表大会常务委员会关于推进京津冀协同创新共同体建设的决定"
    assert doc.adopted == "2023-11-24"
    assert doc.enacting_body == "北京市人民代表大会常务委员会"
    assert doc.session == "第十六届人民代表大会常务委员会第六次会议"
    assert doc.revisions == ()


def test_no_provision_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        parse(src("某某通知\n\n请各单位认真贯彻执行。\n"), "x")
    assert err.value.key == "no_structure"


def test_stub_with_header_only_is_an_input_error() -> None:
    text = "# 某某办法\n\n2012年9月27日 重庆市第三届人民代表大会常务委员会第三十六次会议修订\n\n<!-- INFO END -->\n"
    with pytest.raises(InputError):
        parse(src(text, "stub.md"), "x")


# --- articles, chapters and ids -------------------------------------------------------------------
def test_chapters_articles_and_ids(regulation) -> None:
    assert [p.id for p in regulation.provisions] == [
        "ch1/art1", "ch1/art2", "ch2/art3", "ch2/art3-1", "ch2/art4", "ch3/art5", "annex1", "annex2"]
    assert [p.chapter for p in articles(regulation)] == ["第一章 总则"] * 2 + ["第二章 管理"] * 3 + ["第三章 附则"]
    assert regulation.warnings == ()


def test_numbers_as_written_and_values(regulation) -> None:
    by_id = {p.id: p for p in regulation.provisions}
    assert (by_id["ch2/art3"].number, by_id["ch2/art3"].ordinal) == ("第三条", 3)  # U+200B removed
    assert (by_id["ch2/art3-1"].number, by_id["ch2/art3-1"].ordinal) == ("第三条之一", 3)
    assert (by_id["ch2/art4"].number, by_id["ch2/art4"].ordinal) == ("第4条", 4)
    assert by_id["ch2/art3"].paragraphs == ("管理规定。",)


def test_parts_subparts_sections() -> None:
    text = ("中华人民共和国某法\n\n第一编　总则\n\n第一章　一般规定\n\n第一条　甲。\n\n"
            "第二编　分则\n\n第一分编　通则\n\n第一章　基本规定\n\n第一节　一般事项\n\n第二条　乙。\n\n"
            "第二节　特别事项\n\n第三条　丙。\n\n第二分编　专则\n\n第二章　其他\n\n第四条　丁。\n")
    doc = parse(src(text), "x")
    rows = [(p.id, p.part, p.subpart, p.chapter, p.section) for p in doc.provisions]
    assert rows == [
        ("ch1/art1", "第一编 总则", None, "第一章 一般规定", None),
        ("ch1/art2", "第二编 分则", "第一分编 通则", "第一章 基本规定", "第一节 一般事项"),
        ("ch1/art3", "第二编 分则", "第一分编 通则", "第一章 基本规定", "第二节 特别事项"),
        ("ch2/art4", "第二编 分则", "第二分编 专则", "第二章 其他", None),
    ]
    assert doc.warnings == ()  # chapters restart in each 编, sections in each chapter


def test_markdown_headings_and_unnumbered_supplementary_chapter() -> None:
    text = ("# 某某规定\n\n<!-- INFO END -->\n\n## 第一章 总 则\n\n第一条 甲。\n\n"
            "### 第一节 一般规定\n\n第二条 乙。\n\n## 附　则\n\n第三条 本规定自公布之日起施行。\n")
    doc = parse(src(text, "t.md"), "x")
    assert [(p.id, p.chapter, p.section) for p in doc.provisions] == [
        ("ch1/art1", "第一章 总则", None), ("ch1/art2", "第一章 总则", "第一节 一般规定"), ("supp/art3", "附则", None)]
    assert doc.effective == "公布之日"


def test_sentence_starting_with_a_chapter_reference_is_not_a_heading() -> None:
    text = "某某条例\n\n第一条　甲。\n第二章规定的事项，依照本条办理。\n第二条　乙。\n"
    doc = parse(src(text), "x")
    assert [p.paragraphs for p in doc.provisions] == [("甲。", "第二章规定的事项，依照本条办理。"), ("乙。",)]


def test_heading_over_two_lines() -> None:
    text = "# 某某规则\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 甲。\n\n## 第二章 审议工作报告、法规案和\n\n议案的程序\n\n第二条 乙。\n"
    doc = parse(src(text, "t.md"), "x")
    assert doc.provisions[1].chapter == "第二章 审议工作报告、法规案和议案的程序"
    assert doc.warnings == ()


def test_interpretation_sections_numbered_with_chinese_items() -> None:
    text = "# 某某解释\n\n<!-- INFO END -->\n\n## 一、一般规定\n\n第一条 甲。\n\n## 二、附则\n\n第二条 乙。\n"
    doc = parse(src(text, "t.md"), "x")
    assert [(p.id, p.chapter) for p in doc.provisions] == [("ch1/art1", "一、一般规定"), ("ch2/art2", "二、附则")]


def test_arabic_items_under_chinese_headings() -> None:
    text = "# 某某规定\n\n<!-- INFO END -->\n\n前言。\n\n## 一、机构\n\n1.甲。\n\n2.乙：\n\n（1）子。\n\n## 二、管辖\n\n3.丙。\n"
    doc = parse(src(text, "t.md"), "x")
    assert [p.id for p in doc.provisions] == ["preamble", "ch1/item1", "ch1/item2", "ch2/item3"]
    assert [c.id for c in doc.provisions[2].clauses] == ["ch1/item2/p1", "ch1/item2/p1/i1"]


def test_decision_items_with_numbered_lines_inside() -> None:
    text = "某某决定\n\n一、修改甲：\n1.将第一条修改为：\n“内容。”\n2.将第二条修改为：\n二、修改乙：\n1.删去第三条。\n"
    doc = parse(src(text), "x")
    assert [p.id for p in doc.provisions] == ["item1", "item2"]  # 1. lines are 目, not items
    assert doc.warnings == ()


def test_parenthesised_items_only() -> None:
    doc = parse(src("某某规定\n\n（一）甲。\n（二）乙。\n说明。\n"), "x")
    assert [(p.id, p.paragraphs) for p in doc.provisions] == [("item1", ("甲。",)), ("item2", ("乙。", "说明。"))]


# --- 款 / 项 / 目 ------------------------------------------------------------------------------------
def test_clause_tree(regulation) -> None:
    art2 = next(p for p in regulation.provisions if p.id == "ch1/art2")
    assert [(c.id, c.kind, c.number, c.text) for c in art2.clauses] == [
        ("ch1/art2/p1", "paragraph", "", "本条例适用于下列事项："),
        ("ch1/art2/p1/i1", "item", "（一）", "甲事项；"),
        ("ch1/art2/p1/i2", "item", "（二）", "乙事项，包括："),
        ("ch1/art2/p1/i2/s1", "subitem", "1.", "子项一；"),
        ("ch1/art2/p1/i2/s2", "subitem", "2.", "子项二；"),
        ("ch1/art2/p1/i3", "item", "（三）", "丙事项。"),
        ("ch1/art2/p2", "paragraph", "", "前款规定的事项，另有规定的除外。"),
    ]
    assert art2.paragraphs[1] == "（一）甲事项；"  # paragraphs stay as displayed


def test_clauses_list_before_any_paragraph_and_inner_styles() -> None:
    clauses = build_clauses("a", ["（一）甲", "(1)子", "①孙", "（二）乙", "后文"])
    assert [(c.id, c.kind) for c in clauses] == [
        ("a/p1", "paragraph"), ("a/p1/i1", "item"), ("a/p1/i1/s1", "subitem"), ("a/p1/i1/s1/s1", "subitem"),
        ("a/p1/i2", "item"), ("a/p2", "paragraph")]
    assert clauses[0].text == ""  # the list had no lead-in: an empty paragraph holds it


def test_arabic_list_directly_under_a_paragraph_is_items() -> None:
    clauses = build_clauses("a", ["下列事项：", "1.甲；", "2.乙。"])
    assert [(c.id, c.kind, c.number) for c in clauses] == [
        ("a/p1", "paragraph", ""), ("a/p1/i1", "item", "1."), ("a/p1/i2", "item", "2.")]


# --- annexes and tables of contents -------------------------------------------------------------
def test_annexes_after_the_body(regulation) -> None:
    annexes = [p for p in regulation.provisions if p.kind == "annex"]
    assert [(p.id, p.number, p.ordinal, p.chapter) for p in annexes] == [
        ("annex1", "附件一", 1, None), ("annex2", "附件二", 2, None)]
    assert annexes[0].paragraphs == ("某某表", "第一条\u3000附件里的条文。")  # annexed articles stay text
    assert len(articles(regulation)) == 6


def test_annex_mention_in_a_sentence_is_not_an_annex() -> None:
    text = "某某法\n\n第一条　甲。\n附件三所列全国性法律，由本地公布实施。\n第二条　乙。\n"
    doc = parse(src(text), "x")
    assert [p.kind for p in doc.provisions] == ["article", "article"]


def test_article_continuing_the_numbering_ends_an_annex() -> None:
    text = "某某法\n\n第一条　甲。\n附表：\n一览表内容\n第二条　乙。\n"
    doc = parse(src(text), "x")
    assert [p.id for p in doc.provisions] == ["art1", "annex1", "art2"]


def test_bare_fu_colon_is_an_annex_but_fu_ze_is_a_chapter() -> None:
    text = "某某条例\n\n第一章　总则\n\n第一条　甲。\n\n附　则\n\n第二条　乙。\n\n附：\n\n分类目录\n"
    doc = parse(src(text), "x")
    assert [(p.id, p.kind) for p in doc.provisions] == [("ch1/art1", "article"), ("supp/art2", "article"),
                                                        ("annex1", "annex")]


def test_table_of_contents_is_skipped(regulation) -> None:
    assert not any("目" in (p.chapter or "") for p in regulation.provisions)
    assert regulation.provisions[0].id == "ch1/art1"  # not a preamble made of TOC lines


@pytest.mark.parametrize("word", ["目录", "目 录", "目　录", "## 目录"])
def test_table_of_contents_word_variants(word: str) -> None:
    text = f"某某条例\n\n{word}\n第一章 总则\n第二章 附则\n\n第一章 总则\n第一条 甲。\n第二章 附则\n第二条 乙。\n"
    doc = parse(src(text), "x")
    assert [(p.id, p.chapter) for p in doc.provisions] == [("ch1/art1", "第一章 总则"), ("ch2/art2", "第二章 附则")]
    assert doc.warnings == ()


def test_table_of_contents_without_the_word() -> None:
    text = "# 某某条例\n\n<!-- INFO END -->\n\n## 第一章 总 则\n\n## 第二章 管理\n\n## 第一章 总 则\n\n第一条 甲。\n\n## 第二章 管理\n\n第二条 乙。\n"
    doc = parse(src(text, "t.md"), "x")
    assert [p.id for p in doc.provisions] == ["ch1/art1", "ch2/art2"]
    assert doc.warnings == ()


def test_title_repeated_in_the_body_then_an_unmarked_toc() -> None:
    text = ("# 北京市某某计划审查监督条例\n\n<!-- INFO END -->\n\n北京市某某计划\n\n审查监督条例\n\n"
            "## 第一章 总 则\n\n## 第二章 附 则\n\n## 第一章 总 则\n\n第一条 甲。\n\n## 第二章 附 则\n\n第二条 乙。\n")
    doc = parse(src(text, "t.md"), "x")
    assert [(p.id, p.chapter) for p in doc.provisions] == [("ch1/art1", "第一章 总则"), ("ch2/art2", "第二章 附则")]
    assert doc.warnings == ()


def test_one_line_toc() -> None:
    text = "# 某某条例\n\n<!-- INFO END -->\n\n## 第一章 总则 第二章 附则\n\n## 第一章 总 则\n\n第一条 甲。\n\n## 第二章 附 则\n\n第二条 乙。\n"
    doc = parse(src(text, "t.md"), "x")
    assert [p.chapter for p in doc.provisions] == ["第一章 总则", "第二章 附则"] and doc.warnings == ()


# --- metadata ---------------------------------------------------------------------------------------
def test_official_header_metadata(regulation) -> None:
    assert regulation.title == "某某省测试条例"
    assert regulation.adopted == "2020-01-01"
    assert regulation.enacting_body == "某某省人民代表大会常务委员会"
    assert regulation.session == "第十三届人民代表大会常务委员会第十次会议"
    assert regulation.revisions == (
        "根据2021年6月1日某某省第十三届人民代表大会常务委员会第二十次会议《关于修改〈某某省测试条例〉的决定》第一次修正",
        "2023年3月1日某某省第十四届人民代表大会常务委员会第二次会议修订")
    assert regulation.effective == "2024-01-01"


LAWREFBOOK = """# 广东省测试条例

2022年6月1日 广东省第十三届人民代表大会常务委员会第四十三次会议通过

2023年9月27日 广东省第十四届人民代表大会常务委员会第五次会议《关于修改〈广东省甲条例〉等

十件地方性法规的决定》第一次修正

<!-- INFO END -->

## 第一章 总则

第一条 为了测试，制定本条例。

第二条 本条例自二〇二二年七月一日起施行。
"""


def test_lawrefbook_header_metadata() -> None:
    doc = parse(src(LAWREFBOOK, "t.md"), "x")
    assert doc.title == "广东省测试条例"
    assert doc.adoption_note == "2022年6月1日 广东省第十三届人民代表大会常务委员会第四十三次会议通过"
    assert doc.adopted == "2022-06-01"
    assert doc.enacting_body == "广东省人民代表大会常务委员会"
    assert doc.session == "第十三届人民代表大会常务委员会第四十三次会议"
    assert doc.revisions == ("2023年9月27日 广东省第十四届人民代表大会常务委员会第五次会议《关于修改〈广东省甲条例〉等"
                             "十件地方性法规的决定》第一次修正",)  # a note broken over two lines is rejoined
    assert doc.effective == "2022-07-01"


def test_notes_run_together_are_split() -> None:
    text = ("# 青岛市某条例\n\n1995年11月23日 青岛市第十一届人民代表大会常务委员会第二十次会议通过\n\n"
            "1995年12月14日 山东省第八届人民代表大会常务委员会第十九次会议批准1995年12月14日青岛市人民代表大会公告公布施行"
            "根据2004年5月27日山东省第十届人民代表大会常务委员会第八次会议批准的《关于修改的决定》第一次修正"
            "根据2018年9月7日青岛市第十六届人民代表大会常务委员会第十一次会议《关于修改的决定》第二次修正\n\n"
            "<!-- INFO END -->\n\n第一条 甲。\n")
    doc = parse(src(text, "t.md"), "x")
    assert [r[:10] for r in doc.revisions] == ["根据2004年5月2", "根据2018年9月7"]
    assert doc.enacting_body == "青岛市人民代表大会常务委员会"


@pytest.mark.parametrize(("header", "body"), [
    ("1985年9月18日 国务院发布", "国务院"),
    ("2020年12月23日 最高人民法院审判委员会第1823次会议通过", "最高人民法院审判委员会"),
    ("2001年4月28日 第九届全国人民代表大会常务委员会第二十一次会议通过", "全国人民代表大会常务委员会"),
    ("2016年3月29日 嘉兴市第七届人民代表大会第七次会议通过", "嘉兴市人民代表大会"),
])
def test_enacting_bodies(header: str, body: str) -> None:
    doc = parse(src(f"# 某规定\n\n{header}\n\n<!-- INFO END -->\n\n第一条 甲。\n", "t.md"), "x")
    assert doc.enacting_body == body


def test_enacting_body_from_the_title() -> None:
    doc = parse(src("上海市人民代表大会常务委员会关于某事项的决定\n\n一、甲。\n"), "x")
    assert doc.enacting_body == "上海市人民代表大会常务委员会"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("本条例自2024年1月1日起施行。", "2024-01-01"),
    ("本法自二〇二四年一月一日起施行。", "2024-01-01"),
    ("本决定自公布之日起施行。", "公布之日"),
    ("本规定自发布之日起施行。", "发布之日"),
    ("本条例自1999年10月l日起施行。", "1999-10-01"),  # a damaged 1
    ("有关部门应当加强管理。", None),
])
def test_effective(sentence: str, expected: str | None) -> None:
    assert parse(src(f"某条例\n\n第一条　甲。\n第二条　{sentence}\n"), "x").effective == expected


# --- anomalies ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("numbers", "expected"), [
    ("一二三", []),
    ("一二四", ["skipped_number"]),
    ("一二二三", ["repeated_number"]),
    ("一二三二四", ["out_of_order"]),  # one misplaced number
    ("一二三一二三", ["out_of_order"]),  # a restarted block
    ("三四", ["skipped_number"]),  # an extract that does not start at 1
])
def test_numbering_anomalies(numbers: str, expected: list[str]) -> None:
    text = "某规定\n\n" + "".join(f"第{n}条　内容{i}。\n" for i, n in enumerate(numbers))
    doc = parse(src(text), "x")
    assert kinds(doc) == expected
    assert len({p.id for p in doc.provisions}) == len(doc.provisions)  # repeated ids get ~2


def test_a_regulation_that_never_says_when_it_takes_effect_may_be_cut_short() -> None:
    from compare.structure.describe import describe_warning

    body = "".join(f"第{n}条　内容{n}。\n" for n in "一二三四五六")
    cut = parse(src("某市养犬管理条例\n\n" + body), "x")
    assert cut.warnings == ("no_effective_clause:第六条",)
    assert describe_warning(cut.warnings[0]) == "没有条款规定施行日期，最后一条（第六条）也与施行无关：文本可能不完整"
    whole = parse(src("某市养犬管理条例\n\n" + body + "第七条　本条例自2021年7月1日施行。\n"), "x")
    assert whole.warnings == () and whole.effective == "2021-07-01"  # 自…施行 without 起 is read too
    assert parse(src("某市养犬管理规定\n\n" + body), "x").warnings == ()  # only a 条例 is sure to say it
    assert parse(src("某市养犬管理条例\n\n" + body[:body.index("第五条")]), "x").warnings == ()  # a fragment


def test_repeated_number_keeps_both_with_distinct_ids() -> None:
    doc = parse(src("某条例\n\n第一条　甲。\n第一条　乙。\n"), "x")
    assert [p.id for p in doc.provisions] == ["art1", "art1~2"]
    assert doc.warnings == ("repeated_number:第一条",)


def test_inserted_articles_are_not_anomalies() -> None:
    assert sequence_warnings([("第一条", 1, None), ("第一条之一", 1, 1), ("第一条之二", 1, 2),
                              ("第二条", 2, None)]) == []
    assert sequence_warnings([("第一条", 1, None), ("第二条之一", 2, 1)]) == ["skipped_number:第二条之一 (after 第一条)"]


def test_outside_chapter_and_empty_provision() -> None:
    text = "某条例\n\n第一条　甲。\n第二条　乙。\n第一章　总则\n第三条\n第四条　丁。\n"
    doc = parse(src(text), "x")
    assert doc.warnings == ("outside_chapter:第一条–第二条 (2)", "empty_provision:第三条")


def test_part_without_chapters_is_not_outside_a_chapter() -> None:
    text = "某法\n\n第一编　总则\n第一章　一般\n第一条　甲。\n第二编　执行\n第二条　乙。\n"
    assert parse(src(text), "x").warnings == ()


def test_chapter_numbering_is_checked() -> None:
    text = "某条例\n\n第一章　总则\n第一条　甲。\n第三章　附则\n第二条　乙。\n"
    assert parse(src(text), "x").warnings == ("skipped_number:第三章 (after 第一章)",)


def test_lost_line_breaks_between_articles_are_restored_and_reported() -> None:
    text = "某规则\n\n第一条　甲。 第二条 乙。 第三条 丙，依照第五条 规定。\n第四条　丁。\n"
    doc = parse(src(text), "x")
    assert [(p.number, p.paragraphs) for p in doc.provisions] == [
        ("第一条", ("甲。",)), ("第二条", ("乙。",)), ("第三条", ("丙，依照第五条 规定。",)), ("第四条", ("丁。",))]
    assert doc.warnings == ("joined_provisions:第二条–第三条 (2)",)


def test_damaged_article_numbers() -> None:
    text = "某规定\n\n" + "".join(f"第{n}条　甲。\n" for n in range(1, 30)) + "第三十条　甲。\n第三十一 条乙。\n第三十－条 丙。\n"
    doc = parse(src(text), "x")
    assert [(p.number, p.ordinal) for p in doc.provisions[-3:]] == [
        ("第三十条", 30), ("第三十一条", 31), ("第三十－条", 31)]  # a dash typed for 一: 三十一
    assert doc.warnings == ("repeated_number:第三十－条",)


def test_orphan_text_under_a_heading_is_kept_and_reported() -> None:
    text = "某条例\n\n第一章　总则\n第一条　甲。\n第二章　管理\n本章规定管理事项，适用于全省各级机关和有关单位。\n第二条　乙。\n"
    doc = parse(src(text), "x")
    assert [(p.id, p.kind) for p in doc.provisions] == [("ch1/art1", "article"), ("ch2/text1", "text"),
                                                       ("ch2/art2", "article")]
    assert doc.warnings == ("orphan_text:ch2/text1",)


# --- corpus statistics on a small hand-made directory -------------------------------------------
def test_corpus_stats_and_summary(tmp_path: Path) -> None:
    from compare.structure.corpus import corpus_stats, format_stats

    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(REGULATION, encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text(LAWREFBOOK, encoding="utf-8")
    (tmp_path / "sub" / "stub.md").write_text("# 某办法\n\n<!-- INFO END -->\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.csv").write_text("不是文本", encoding="utf-8")  # not .md / .txt: ignored
    (tmp_path / "skip.txt").write_text("某某省测试条例\n\n第一条　甲。\n第三条　丙。\n", encoding="utf-8")
    progress: list[tuple[int, int]] = []
    stats = corpus_stats(tmp_path, progress=lambda done, total, path: progress.append((done, total)))
    assert progress[-1] == (5, 5)
    assert (stats.files_read, len(stats.files_failed), stats.stubs) == (3, 2, 1)
    assert dict(stats.failure_kinds) == {"empty": 1, "no_structure": 1}
    assert stats.articles == 6 + 2 + 2 and stats.provision_kinds["annex"] == 2
    assert stats.chapters == 3 + 1
    assert stats.clauses["item"] == 3 and stats.clauses["subitem"] == 2
    assert dict(stats.anomalies) == {"skipped_number": 1} and stats.files_with_anomalies == 1
    zh, en = format_stats(stats, "zh"), format_stats(stats, "en")
    assert "解析文件 3 个，失败 2 个（其中空壳文件 1 个）" in zh and "跳号 1" in zh
    assert "3 files parsed, 2 failed (1 of them stubs)" in en and "skipped numbers 1" in en
    assert "file is empty" in en and "文件为空" in zh


def test_corpus_stats_lets_bugs_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import compare.structure.corpus as corpus

    (tmp_path / "a.txt").write_text(REGULATION, encoding="utf-8")

    def broken(source, doc_id):
        raise ValueError("a bug")

    monkeypatch.setattr(corpus, "parse", broken)
    with pytest.raises(ValueError):
        corpus.corpus_stats(tmp_path)


def test_items_listed_inline_in_one_line_become_items() -> None:
    from compare.structure.clauses import build_clauses, inline_items

    line = "有下列情形之一的，予以处罚：（一）擅自施工的；（二）拒不改正的；（三）其他情形。"
    assert inline_items(line) == ["有下列情形之一的，予以处罚：", "（一）擅自施工的；", "（二）拒不改正的；", "（三）其他情形。"]
    clauses = build_clauses("art5", [line, "依照前款（一）项处理。"])
    assert [(c.id, c.number) for c in clauses] == [("art5/p1", ""), ("art5/p1/i1", "（一）"), ("art5/p1/i2", "（二）"),
                                                    ("art5/p1/i3", "（三）"), ("art5/p2", "")]
    assert inline_items("依照本法第十条（一）（二）项的规定") == ["依照本法第十条（一）（二）项的规定"]


# --- honest warnings (issue 13): each was a false warning on a well-formed text, or a miss ---

def test_chapters_may_restart_or_number_on_in_each_part() -> None:
    on = "某诉讼法\n\n第一编　总则\n第一章　任务\n第一条　甲。\n第二章　管辖\n第二条　乙。\n" \
         "第二编　审判程序\n第三章　第一审\n第三条　丙。\n第四章　第二审\n第四条　丁。\n"
    restart = on.replace("第三章　第一审", "第一章　第一审").replace("第四章　第二审", "第二章　第二审")
    assert parse(src(on), "x").warnings == ()
    assert parse(src(restart), "x").warnings == ()
    gap = on.replace("第四章　第二审", "第六章　第二审")
    assert parse(src(gap), "x").warnings == ("skipped_number:第六章 (after 第三章)",)


def test_amendment_instruments_number_on_and_quote_articles() -> None:
    text = ("中华人民共和国宪法修正案\n\n（2018年3月11日第十三届全国人民代表大会第一次会议通过）\n\n"
            "第三十二条　宪法序言第七自然段修改。\n\n第三十三条　宪法第三章中增加一节，内容如下：\n\n"
            "第一百二十三条　中华人民共和国各级监察委员会是国家的监察机关。\n")
    assert parse(src(text), "x").warnings == ()


def test_a_part_of_a_code_starts_where_the_part_starts() -> None:
    text = ("# 中华人民共和国民法典\n\n# 物权编\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n"
            "<!-- INFO END -->\n\n## 第一分编 通则\n\n### 第一章 一般规定\n\n第二百零五条　本编调整物权关系。\n\n"
            "第二百零六条　国家坚持社会主义基本经济制度。\n\n第二百零八条　不动产物权的设立。\n")
    doc = parse(src(text, "p.md"), "x")
    assert doc.warnings == ("skipped_number:第二百零八条 (after 第二百零六条)",)


def test_an_article_run_into_the_sentence_before_is_split_off() -> None:
    text = "某规则\n\n第一条　甲。\n第二条　可以举行秘密会议。 第三条市人民代表大会会议设立秘书处。\n第四条　丁，依照第五条规定。\n"
    doc = parse(src(text), "x")
    assert [p.number for p in doc.provisions] == ["第一条", "第二条", "第三条", "第四条"]
    assert doc.warnings == ("joined_provisions:第三条",)
    reference = "某规则\n\n第一条　甲。\n第二条　乙。 第三条规定的情形除外。\n第三条　丙。\n"
    assert [p.number for p in parse(src(reference), "x").provisions] == ["第一条", "第二条", "第三条"]


def test_a_misprinted_article_mark_is_still_an_article() -> None:
    text = "某法\n\n第一条　甲。\n\n笫二条　乙。\n\n第三条　丙。\n"
    doc = parse(src(text), "x")
    assert [p.number for p in doc.provisions] == ["第一条", "第二条", "第三条"] and doc.warnings == ()


@pytest.mark.parametrize("code, zh, en", [
    ("skipped_number:第七章 (after 第五章)", "第五章之后是第七章，中间的编号缺失", "第七章 follows 第五章"),
    ("skipped_number:第二章 (first)", "编号从第二章开始，前面的编号缺失", "numbering starts at 第二章"),
    ("outside_chapter:第一条–第九条 (9)", "第一条至第九条（共 9 条）不属于任何章", "(9 articles) are outside any chapter"),
    ("repeated_number:第七章", "第七章重复出现", "第七章 appears twice"),
    ("joined_provisions:第十六条", "第十六条与上一条写在同一行，已拆开", "split off"),
    ("empty_provision:附表", "附表没有正文", "附表 has no text"),
])
def test_warnings_read_as_sentences(code: str, zh: str, en: str) -> None:
    from compare.structure.describe import describe_warning

    assert describe_warning(code, "zh") == zh
    assert en in describe_warning(code, "en") and ":第" not in describe_warning(code, "en")


def test_an_editors_footnote_under_the_last_article_is_set_aside_with_a_note(tmp_path) -> None:
    """① under the last article (a collection's note) is no law text; circled numbers that
    number an article's own items stay."""
    from compare.ingest import read_source
    from compare.structure import parse as parse_text
    from support import write_text

    noted = "# 示例法\n\n第一条 总则。\n\n第二条 本法自公布之日起施行。\n\n① 本法的施行日期依据有关决定确定。\n"
    doc = parse_text(read_source(write_text(tmp_path, "a.md", noted)), "a")
    assert doc.provisions[-1].paragraphs == ("本法自公布之日起施行。",) and doc.warnings == ("footnote:第二条",)
    listed = "# 示例法\n\n第一条 总则。\n\n第二条 下列特性：\n\n① 甲；\n\n② 乙。\n"
    kept = parse_text(read_source(write_text(tmp_path, "b.md", listed)), "b")
    assert kept.provisions[-1].paragraphs[-1] == "② 乙。" and kept.warnings == ()


def test_an_article_number_run_into_its_text_starts_an_article_unless_it_reads_as_a_reference() -> None:
    """OCR drops the space of 第一条　为了; a sentence that begins with a reference stays text."""
    from compare.structure.lines import Line, recognise

    assert recognise(Line("第一条为了规范管理，制定本条例。", 0)).number == "第一条"
    assert recognise(Line("第十条之一本条例所称…", 0)).number == "第十条之一"
    for sentence in ("第二条规定的事项，由市人民政府负责。", "第五条第二款所列情形除外。", "第五条修改为：",
                     "第五条、第六条不适用。", "第五条（一）项所列"):
        start = recognise(Line(sentence, 0))
        assert start is None or start.kind != "article", sentence
