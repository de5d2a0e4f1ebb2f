"""Headings that lost their 第X章 / 第X节 (a title line left between two articles) are read as
headings, numbered from the headings around them where the gap says which."""

from __future__ import annotations

from compare.model import SourceText
from compare.structure import parse
from compare.structure.describe import describe_warning


def src(text: str) -> SourceText:
    return SourceText(path="t.txt", name="t.txt", text=text, encoding="utf-8", format="txt", sha256="0")


def test_a_heading_that_lost_its_number_between_two_articles_is_a_heading() -> None:
    # 杭州市燃气管理条例 as published in the corpus: chapter titles without 第X章, after 第五条 etc.
    text = ("某某条例\n\n第一条　甲。\n第二条　乙。\n丙。\n燃气发展规划与应急保障\n第三条　丁。\n"
            "用户应当遵守下列规定\n第四条　戊。\n")
    doc = parse(src(text), "x")
    assert [(p.number, p.chapter, p.paragraphs) for p in doc.provisions] == [
        ("第一条", None, ("甲。",)), ("第二条", None, ("乙。", "丙。")),
        ("第三条", "燃气发展规划与应急保障", ("丁。",)), ("第四条", "用户应当遵守下列规定", ("戊。",))]
    assert "unnumbered_heading:燃气发展规划与应急保障 (after 第二条)" in doc.warnings
    assert describe_warning(doc.warnings[0]) == "第二条之后的“燃气发展规划与应急保障”一行没有编号也没有标点，已作为标题读取"


def test_a_lost_heading_inside_sections_is_a_section_and_may_run_over_two_lines() -> None:
    text = ("某某条例\n\n第一章　总则\n第一条　甲。\n第二章　规划\n第一节　编制\n第二条　乙。\n城乡规划\n修改\n"
            "第三条　丙。\n")
    doc = parse(src(text), "x")
    assert [(p.number, p.chapter, p.section) for p in doc.provisions] == [
        ("第一条", "第一章 总则", None), ("第二条", "第二章 规划", "第一节 编制"), ("第三条", "第二章 规划", "第二节 城乡规划修改")]
    assert doc.provisions[1].paragraphs == ("乙。",)


def test_a_lost_heading_takes_the_number_the_headings_around_it_leave() -> None:
    # 农业技术推广法(2012) in the corpus: "## 第二章" lost, its title left between two articles
    text = ("某某法\n\n第一章　总则\n第一条　甲。\n农业技术推广体系\n第二条　乙。\n第三章　保障\n第三条　丙。\n"
            "第一节　一般规定\n第四条　丁。\n专门规定\n第五条　戊。\n")
    doc = parse(src(text), "x")
    assert [(p.id, p.chapter, p.section) for p in doc.provisions] == [
        ("ch1/art1", "第一章 总则", None), ("ch2/art2", "第二章 农业技术推广体系", None),
        ("ch3/art3", "第三章 保障", None), ("ch3/art4", "第三章 保障", "第一节 一般规定"),
        ("ch3/art5", "第三章 保障", "第二节 专门规定")]  # the last section of its chapter numbers on
    assert doc.warnings == ("inferred_heading_number:第二章|农业技术推广体系 (after 第一条)",
                            "inferred_heading_number:第二节|专门规定 (after 第四条)")
    assert describe_warning(doc.warnings[0]) == "第一条之后的标题“农业技术推广体系”没有编号，已按前后标题的编号读作第二章"


def test_a_lost_heading_keeps_no_number_where_the_gap_does_not_fit() -> None:
    text = ("某某法\n\n第一章　总则\n第一条　甲。\n管理\n第二条　乙。\n第四章　附则\n第三条　丙。\n")
    doc = parse(src(text), "x")
    assert doc.provisions[1].chapter == "管理"  # 第二章 or 第三章: the text does not say
    assert "unnumbered_heading:管理 (after 第一条)" in doc.warnings
    assert any(w.startswith("skipped_number:第四章") for w in doc.warnings)


def test_an_unpunctuated_line_is_no_heading_when_no_article_follows_or_it_reads_as_text() -> None:
    for text in ("某某条例\n\n第一条　甲。\n乙\n（一）丙；\n第二条　丁。\n",  # an item follows, not an article
                 "某某条例\n\n第一条　甲：\n2020年1月1日起\n第二条　丁。\n",  # digits
                 "某某条例\n\n第一条　销项税额计算公式：\n销项税额＝销售额×税率\n第二条　丁。\n",  # a formula
                 "某某条例\n\n第一条　\n名录\n第二条　丁。\n"):  # the article has no text of its own
        assert not any(w.startswith("unnumbered_heading") for w in parse(src(text), "x").warnings), text
