"""Headings that lost their 第X章 / 第X节 (a title line left between two articles) are read as
headings, numbered from the headings around them where the gap says which."""

from __future__ import annotations

from compare.model import SourceText
from compare.structure import parse
from compare.structure.describe import describe_warning


def src(text: str) -> SourceText:
    return SourceText(path="t.txt", name="t.txt", text=text, encoding="utf-8", format="txt", sha256="0")


def shape(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.number, p.chapter, p.section) for p in parse(src(text), "x").provisions]


def test_a_heading_that_lost_its_number_between_two_articles_is_a_heading() -> None:
    # 杭州市燃气管理条例 as published in the corpus: chapter titles without 第X章, after 第五条 etc.
    text = "某某条例\n\n第一条　甲。\n第二条　乙。\n丙。\n燃气发展规划与应急保障\n第三条　丁。\n"
    doc = parse(src(text), "x")
    assert [(p.number, p.chapter, p.paragraphs) for p in doc.provisions] == [
        ("第一条", None, ("甲。",)), ("第二条", None, ("乙。", "丙。")), ("第三条", "燃气发展规划与应急保障", ("丁。",))]
    assert "unnumbered_heading:燃气发展规划与应急保障 (after 第二条)" in doc.warnings
    assert describe_warning(doc.warnings[0]) == "第二条之后的“燃气发展规划与应急保障”一行没有编号也没有标点，已作为标题读取"


def test_a_lost_heading_takes_the_number_the_headings_around_it_leave() -> None:
    # 农业技术推广法(2012) in the corpus: "## 第二章" lost, its title left between two articles
    text = ("某某法\n\n第一章　总则\n第一条　甲。\n农业技术推广体系\n第二条　乙。\n第三章　保障\n第三条　丙。\n"
            "第一节　一般规定\n第四条　丁。\n专门规定\n第五条　戊。\n第四章　附则\n第六条　己。\n")
    doc = parse(src(text), "x")
    assert [(p.id, p.chapter, p.section) for p in doc.provisions] == [
        ("ch1/art1", "第一章 总则", None), ("ch2/art2", "第二章 农业技术推广体系", None),
        ("ch3/art3", "第三章 保障", None), ("ch3/art4", "第三章 保障", "第一节 一般规定"),
        ("ch3/art5", "第三章 保障", "第二节 专门规定"), ("ch4/art6", "第四章 附则", None)]
    assert doc.warnings == ("inferred_heading_number:第二章|农业技术推广体系 (after 第一条)",
                            "inferred_heading_number:第二节|专门规定 (after 第四条)")
    assert describe_warning(doc.warnings[0]) == "第一条之后的标题“农业技术推广体系”没有编号，已按前后标题的编号读作第二章"


def test_a_lost_heading_after_sections_is_a_chapter_when_the_chapter_numbers_say_so() -> None:
    # 菏泽市城镇容貌和环境卫生管理条例, 威海市居民养老服务保障条例: chapters lost after a chapter with 节
    text = ("某某条例\n\n第一章　总则\n第一条　甲。\n第二章　管理\n第一节　一般规定\n第二条　乙。\n第二节　专门规定\n"
            "第三条　丙。\n环境卫生管理\n第四条　丁。\n法律责任\n第五条　戊。\n第五章　附则\n第六条　己。\n")
    assert shape(text)[3:] == [("第四条", "第三章 环境卫生管理", None), ("第五条", "第四章 法律责任", None),
                               ("第六条", "第五章 附则", None)]
    # without a numbered chapter after them, 法律责任 is still a chapter by its title
    assert shape(text.replace("第五章　附则", "附　则"))[4] == ("第五条", "法律责任", None)


def test_two_lost_lines_are_a_chapter_and_its_first_section_or_one_title_over_two_lines() -> None:
    # 河南省旅游条例: chapter 旅游新业态培育 and its 节 文化旅游, both lost
    text = ("某某条例\n\n第一章　总则\n第一条　甲。\n第二章　管理\n第一节　一般规定\n第二条　乙。\n旅游新业态培育\n文化旅游\n"
            "第三条　丙。\n第四章　附则\n第四条　丁。\n")
    assert shape(text)[2:] == [("第三条", "第三章 旅游新业态培育", "文化旅游"), ("第四条", "第四章 附则", None)]
    # 山东省人民代表大会议事规则: one title broken before 和
    joined = text.replace("旅游新业态培育\n文化旅游", "审查国民经济\n和社会发展计划")
    assert shape(joined)[2] == ("第三条", "第二章 管理", "第二节 审查国民经济和社会发展计划")
    # 刑诉解释(2012): "### 第六节 勘验、检查、辨认、侦查实验等笔录的审查与认定" lost, over two lines
    joined = text.replace("旅游新业态培育\n文化旅游", "勘验、侦查实验等\n笔录的审查与认定")
    assert shape(joined)[2] == ("第三条", "第二章 管理", "第二节 勘验、侦查实验等笔录的审查与认定")


def test_chapters_are_not_numbered_on_past_the_last_one() -> None:
    text = "某某条例\n\n第一章　总则\n第一条　甲。\n第二章　附则\n第二条　乙。\n某市物业服务收费管理规定\n第三条　丙。\n"
    assert shape(text)[2] == ("第三条", "某市物业服务收费管理规定", None)  # unnumbered, and warned


def test_a_lost_heading_keeps_no_number_where_the_gap_does_not_fit() -> None:
    text = "某某法\n\n第一章　总则\n第一条　甲。\n管理\n第二条　乙。\n第四章　附则\n第三条　丙。\n"
    doc = parse(src(text), "x")
    assert doc.provisions[1].chapter == "管理"  # 第二章 or 第三章: the text does not say
    assert "unnumbered_heading:管理 (after 第一条)" in doc.warnings
    assert any(w.startswith("skipped_number:第四章") for w in doc.warnings)


def test_an_unpunctuated_line_is_no_heading_when_it_reads_as_text() -> None:
    for text in ("某某条例\n\n第一条　甲。\n乙\n（一）丙；\n第二条　丁。\n",  # an item follows, not an article
                 "某某条例\n\n第一条　甲：\n2020年1月1日起\n第二条　丁。\n",  # digits
                 "某某条例\n\n第一条　销项税额计算公式：\n销项税额＝销售额×税率\n第二条　丁。\n",  # a formula
                 "某某条例\n\n第一条　开采回采率系数＝\n实际开采回采率\n第二条　丁。\n",  # … over lines
                 "某某条例\n\n第一条　风景名胜区包括：\n西湖风景名胜区\n千岛湖风景名胜区\n第二条　丁。\n",  # a list
                 "某某条例\n\n第一条　甲：\n西湖\n千岛湖\n富春江\n第二条　丁。\n",  # … of three lines
                 "某某条例\n\n第一条　甲。\n西湖风景名胜区\n千岛湖风景名胜区\n富春江风景名胜区\n第二条　丁。\n",
                 "某某条例\n\n第一条　甲。\n养犬人应当遵守下列规定\n第二条　丁。\n",  # a rule that lost its ：
                 "某某条例\n\n第一条　甲。\n具体处罚标准由市公安机关制定\n第二条　丁。\n",  # … its 。
                 "某某条例\n\n第一条　甲。\n某市人民代表大会常务委员会公报\n第二条　丁。\n",  # a page header
                 "某某条例\n\n第一条　\n名录\n第二条　丁。\n"):  # the article has no text of its own
        assert not any(w.startswith(("unnumbered_heading", "inferred")) for w in parse(src(text), "x").warnings), text
