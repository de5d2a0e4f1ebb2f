"""修正案 numbered by their own articles (the 宪法修正案), parts headed 一、 and the 段 of a 批复.

The corpus tests apply the 2018 and 2004 宪法修正案 to the texts before them, rebuilt by
``benchmarks.constitution`` from the corpus's 宪法; they skip when ../shared is absent.
The others use small texts written here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.constitution import constitution_1999, constitution_2004
from benchmarks.published import published_text
from compare.amend import apply_file
from compare.amend.api import checked_files
from compare.amend.parse import parse_decision
from compare.errors import InputError
from compare.structure.clauses import build_clauses
from support import corpus_file, write_text


def _constitution() -> tuple[str, str]:
    path = corpus_file("宪法/宪法.md")
    return path, Path(path).read_text(encoding="utf-8")


def _amendment(year: int) -> str:
    return corpus_file(f"宪法修正案（{year}年）.md")


def test_the_2018_amendment_applied_to_the_2004_text_gives_the_constitution(tmp_path: Path) -> None:
    path, text = _constitution()
    old = write_text(tmp_path, "宪法2004.md", constitution_2004(text))
    assert published_text(apply_file(old, _amendment(2018))) == published_text(text)


def test_the_2004_amendment_applied_to_the_1999_text_gives_the_2004_text(tmp_path: Path) -> None:
    _, text = _constitution()
    old = write_text(tmp_path, "宪法1999.md", constitution_1999(constitution_2004(text)))
    assert published_text(apply_file(old, _amendment(2004))) == published_text(constitution_2004(text))


def test_amend_on_the_1999_and_2004_texts_changes_what_the_2004_amendment_changes(tmp_path: Path) -> None:
    """A 款 added alone is drafted as one (宪法第十四条增加一款，作为第四款), as the 修正案 says;
    every article the 修正案 changes is changed, and no other; only the preamble, where the
    修正案 both edits words and gives the paragraph whole, differs in form."""
    from benchmarks.published import agreement
    from compare.amend import amend_files
    from compare.amend.api import load_document
    from compare.instrument.render import decision_text

    _, text = _constitution()
    old = write_text(tmp_path, "宪法1999.md", constitution_1999(constitution_2004(text)))
    new = write_text(tmp_path, "宪法2004.md", constitution_2004(text))
    official = parse_decision(Path(_amendment(2004)).read_text(encoding="utf-8"))
    draft, _ = amend_files(old, new)
    assert agreement(official, draft, load_document(old)) == (13, 13, 12, 0)
    assert "在宪法第十四条中增加一款，作为第四款：“国家建立健全同经济发展水平相适应的社会保障制度。”" in decision_text(draft)


def test_amend_on_the_2004_and_2018_texts_drafts_a_revision_stating_its_renumbering(tmp_path: Path) -> None:
    """The 宪法 is amended by 修正案 and numbers no 第X条之一: a pair that adds a section and
    numbers the later articles on is drafted as a 修正案 that says so (宪法第一百二十三条至第一百三十八条
    相应改为…, as the 2018 修正案 does), 款 and 项 quoted whole, the 序言's paragraphs one by
    one; `apply` checks the stated numbers and refuses a wrong one."""
    from benchmarks.published import agreement
    from compare.amend import amend_files
    from compare.amend.api import load_document
    from compare.instrument.render import decision_text

    _, text = _constitution()
    old = write_text(tmp_path, "宪法2004.md", constitution_2004(text))
    official = parse_decision(Path(_amendment(2018)).read_text(encoding="utf-8"))
    draft, _ = amend_files(old, write_text(tmp_path, "宪法2018.md", text))
    assert agreement(official, draft, load_document(old)) == (18, 18, 13, 0)
    written = decision_text(draft)
    assert "、宪法第一百二十三条至第一百三十八条相应改为第一百二十八条至第一百四十三条。\n" in written
    assert "一、将宪法序言第七自然段修改为：" in written and "将序言修改为" not in written
    assert written.startswith("中华人民共和国宪法修正案\n")  # the 宪法's 修正案 carry no ordinal, unlike the 刑法's
    body = published_text(apply_file(old, write_text(tmp_path, "draft.md", written))).split("<!-- INFO END -->")[1]
    assert body == published_text(text).split("<!-- INFO END -->")[1]  # the header's history names no draft
    wrong = written.replace("相应改为第一百二十八条", "相应改为第一百二十九条").replace("至第一百四十三条", "至第一百四十四条")
    with pytest.raises(InputError) as refused:
        apply_file(old, write_text(tmp_path, "wrong.md", wrong))
    assert refused.value.key == "amend_renumbering"


def test_the_rebuilt_texts_hold_the_paragraphs_the_earlier_amendments_quote_whole() -> None:
    """The 7th paragraph of the preamble as the 2004 修正案 gives it whole (这一自然段相应地修改为)
    and as the 1999 修正案 gives it (修改为：“…”): the undoing is checked against them."""
    _, text = _constitution()
    quoted_2004 = re.search(r"这一自然段相应地修改为：“(.*?)”\n", Path(_amendment(2004)).read_text(encoding="utf-8"))
    quoted_1999 = re.search(r"第十二条 宪法序言第七自然段：“.*?”修改为：“(.*?)”\n",
                            Path(_amendment(1999)).read_text(encoding="utf-8"))
    assert quoted_2004 and quoted_1999
    assert quoted_2004.group(1).replace("‘", "“").replace("’", "”") in constitution_2004(text)
    assert quoted_1999.group(1).replace("‘", "“").replace("’", "”") in constitution_1999(constitution_2004(text))


def test_every_article_of_the_1993_1999_2004_and_2018_amendments_is_read() -> None:
    counts = {year: len(parse_decision(Path(_amendment(year)).read_text(encoding="utf-8")).instructions)
              for year in (1993, 1999, 2004, 2018)}
    assert counts == {1993: 9, 1999: 6, 2004: 15, 2018: 28}


def test_the_1988_amendment_whose_quote_the_collection_left_open_is_refused_naming_it() -> None:
    with pytest.raises(InputError) as caught:
        parse_decision(Path(_amendment(1988)).read_text(encoding="utf-8"))
    assert "任何组织或者个人不得侵占" in str(caught.value.params)


def test_check_finds_a_planted_departure_in_the_constitution(tmp_path: Path) -> None:
    _, text = _constitution()
    old = write_text(tmp_path, "宪法2004.md", constitution_2004(text))
    planted = write_text(tmp_path, "宪法.md", text.replace("民族委员会、宪法和法律委员会", "民族委员会、法律委员会"))
    departures, _ = checked_files(old, _amendment(2018), planted)
    assert [(d.address(), d.kind) for d in departures] == [("第七十条", "changed")]


SMALL = """# 中华人民共和国示例法

1990年1月1日 第七届全国人民代表大会第一次会议通过

<!-- INFO END -->

## 序言

甲乙丙丁。

戊己庚辛，壬癸。

## 第一章 总纲

第一条 国家保护甲。

国家发展乙。

第二条 全国人民代表大会行使下列职权：

（一）修改示例法；

（二）监督示例法的实施；

（三）其他职权。

第三条 常务委员会由下列人员组成：

委员长，

副委员长若干人，

委员若干人。

常务委员会的组成人员不得担任行政机关的职务。

## 第二章 附则

第四条 本法自公布之日起施行。
"""

HEAD = "中华人民共和国示例法修正案\n\n2000年3月1日 第九届全国人民代表大会第二次会议通过\n\n"


def _applied(tmp_path: Path, body: str) -> str:
    old = write_text(tmp_path, "old.md", SMALL)
    return apply_file(old, write_text(tmp_path, "amendment.md", HEAD + body))


def test_edits_with_the_paragraph_given_whole_apply_the_whole(tmp_path: Path) -> None:
    text = _applied(tmp_path, "第一条 示例法序言第二自然段中“戊己庚辛”修改为“戊己”；在“壬癸”前增写“子丑”。"
                              "这一自然段相应修改为：“戊己，子丑，壬癸。”\n")
    assert "戊己，子丑，壬癸。" in text and "戊己庚辛" not in text
    assert "2000年3月1日 第九届全国人民代表大会第二次会议通过的《中华人民共和国示例法修正案》" in text


def test_a_whole_paragraph_that_contradicts_its_edits_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        _applied(tmp_path, "第一条 示例法序言第二自然段中“戊己庚辛”修改为“甲子”。这一自然段相应修改为：“戊己庚，壬癸。”\n")


def test_an_edit_whose_old_words_are_not_in_the_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        _applied(tmp_path, "第一条 示例法序言第二自然段中“戊己丙辛”修改为“戊己”。这一自然段相应修改为：“戊己，壬癸。”\n")
    assert caught.value.key == "amend_text_missing"


def test_an_added_item_takes_its_place_and_its_list_punctuation(tmp_path: Path) -> None:
    text = _applied(tmp_path, "第一条 示例法第二条“全国人民代表大会行使下列职权”中增加一项，作为第二项“（二）选举主任”，"
                              "第二项至第三项相应改为第三项至第四项。\n")
    assert "（一）修改示例法；\n\n（二）选举主任；\n\n（三）监督示例法的实施；\n\n（四）其他职权。" in text


def test_a_renumbering_tail_that_does_not_follow_from_the_addition_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        _applied(tmp_path, "第一条 示例法第二条中增加一项，作为第二项“（二）选举主任”，第二项至第三项相应改为第四项至第五项。\n")


def test_the_paragraph_after_an_unnumbered_list_is_counted_after_the_list(tmp_path: Path) -> None:
    """委员长，/副委员长若干人，/委员若干人。 are the list of 第三条's first 款: 第二款 is the next."""
    text = _applied(tmp_path, "第一条 示例法第三条第二款“常务委员会的组成人员不得担任行政机关的职务。”修改为："
                              "“常务委员会的组成人员不得担任行政机关、监察机关的职务。”\n")
    assert "不得担任行政机关、监察机关的职务。" in text
    kinds = [c.kind for c in build_clauses("a", ["由下列人员组成：", "委员长，", "委员若干人。", "组成人员不得兼职。"])]
    assert kinds == ["paragraph", "item", "item", "paragraph"]


def test_a_sentence_appended_a_paragraph_added_and_a_chapter_renamed(tmp_path: Path) -> None:
    text = _applied(tmp_path, "第一条 示例法第一条第一款“国家保护甲。”后增写一句，内容为：“国家鼓励丙。”\n\n"
                              "第二条 示例法第一条增加一款，作为第三款：“国家支持丁。”\n\n"
                              "第三条 示例法第二章章名“附则”修改为“附则和其他”。示例法第四条末尾增加：“但另有规定的除外。”\n")
    assert "第一条 国家保护甲。国家鼓励丙。\n\n国家发展乙。\n\n国家支持丁。" in text
    assert "## 第二章 附则和其他" in text and "本法自公布之日起施行。但另有规定的除外。" in text


def test_a_section_added_with_its_articles_and_the_later_numbers_moved_on(tmp_path: Path) -> None:
    body = ("第一条 示例法第一章“总纲”中增加一节，作为第二节“监察”；增加一条，分别作为第四条。内容如下：\n\n"
            "第二节 监察\n\n第四条 国家设立监察委员会。\n\n第二章相应改为第三章，第四条相应改为第五条。\n")
    with pytest.raises(InputError):  # 第二章相应改为… is no 节: the tail does not say what follows from it
        _applied(tmp_path, body)
    body = body.replace("第二章相应改为第三章，", "")
    text = _applied(tmp_path, body)
    assert "第四条 国家设立监察委员会。" in text and "第五条 本法自公布之日起施行。" in text


PARTS = """# 最高人民法院关于审理示例纠纷案件适用法律问题的解释

<!-- INFO END -->

为正确审理示例纠纷案件，制定本解释。

## 一、合同的成立及效力

第一条 当事人之间没有书面合同的，人民法院应当认定。

## 二、标的物交付

第二条 标的物为电子信息产品的，买受人收到即为交付。
"""


def test_parts_headed_by_number_are_renamed_by_number_or_by_their_words(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", PARTS)
    decision = write_text(tmp_path, "d.md", "关于修改《最高人民法院关于审理示例纠纷案件适用法律问题的解释》的决定\n"
                                            "1.将“一、合同的成立及效力”修改为：\n“一、合同的成立”。\n"
                                            "2.将第二部分标题修改为：\n“二、标的物的交付”。\n")
    text = apply_file(old, decision)
    assert "## 一、合同的成立\n" in text and "## 二、标的物的交付\n" in text
    wrong = write_text(tmp_path, "w.md", "关于修改《最高人民法院关于审理示例纠纷案件适用法律问题的解释》的决定\n"
                                         "1.将“一、合同的订立及效力”修改为：\n“一、合同的成立”。\n")
    with pytest.raises(InputError) as caught:
        apply_file(old, wrong)
    assert caught.value.key == "amend_text_missing"


# The 1994 批复 as published, and the paragraph the 2020 decision (法释〔2020〕17号, part 十) gives it
REPLY_1994 = """# 最高人民法院关于债务人在约定的期限届满后未履行债务而出具没有还款日期的欠款条诉讼时效期间应从何时开始计算问题的批复

1994年3月26日 法复〔1994〕3号

<!-- INFO END -->

山东省高级人民法院：

你院鲁高法〔1992〕70号请示收悉。关于债务人在约定的期限届满后未履行债务，而出具没有还款日期的欠款条，诉讼时效期间应从何时开始计算的问题，经研究，答复如下：

据你院报告称，双方当事人原约定，供方交货后，需方立即付款。需方收货后因无款可付，经供方同意写了没有还款日期的欠款条。根据《中华人民共和国民法通则》第一百四十条的规定，对此应认定诉讼时效中断。如果供方在诉讼时效中断后一直未主张权利，诉讼时效期间则应从供方收到需方所写欠款条之日的第二天开始重新计算。

此复。
"""
PARAGRAPH_2020 = ("据你院报告称，双方当事人原约定，供方交货后，需方立即付款。需方收货后因无款可付，经供方同意写了没有还款日期的欠款条。"
                  "根据民法典第一百九十五条的规定，应认定诉讼时效中断。如果供方在诉讼时效中断后一直未主张权利，"
                  "诉讼时效期间则应从供方收到需方所写欠款条之日起重新计算。")


def test_the_second_paragraph_of_a_reply_is_counted_after_its_addressee(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", REPLY_1994)
    decision = write_text(tmp_path, "d.md", "最高人民法院关于修改《最高人民法院关于债务人在约定的期限届满后未履行债务而出具没有还款日期的欠款条"
                                            f"诉讼时效期间应从何时开始计算问题的批复》的决定\n将第二段修改为：\n“{PARAGRAPH_2020}”\n")
    text = apply_file(old, decision)
    assert f"答复如下：\n\n{PARAGRAPH_2020}\n\n此复。" in text and "民法通则" not in text


def test_the_first_paragraph_of_the_body_is_the_answer_after_its_introduction(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", REPLY_1994.replace("此复。", "另一段。\n\n此复。"))
    title = REPLY_1994.split("\n", 1)[0].lstrip("# ")
    decision = write_text(tmp_path, "d.md", f"最高人民法院关于修改《{title}》的决定\n将正文第二段修改为：\n“新的一段。”\n")
    assert "\n\n新的一段。\n\n此复。" in apply_file(old, decision)
    beyond = write_text(tmp_path, "b.md", f"最高人民法院关于修改《{title}》的决定\n将正文第九段修改为：\n“新的一段。”\n")
    with pytest.raises(InputError) as caught:
        apply_file(old, beyond)
    assert caught.value.key == "amend_no_article" and "正文第九段" in str(caught.value.params)


def test_an_item_added_to_a_list_is_drafted_as_one_and_applies_back(tmp_path: Path) -> None:
    """NEW inserts a 项 (the later ones numbered on): 在第二条中增加一项，作为第二项, no
    instruction for the 项 that only moved on, and the draft applied to OLD gives NEW."""
    from compare.amend import amend_files
    from compare.instrument.render import decision_text

    old = write_text(tmp_path, "old.md", SMALL.replace("中华人民共和国示例法", "示例条例"))
    new_text = SMALL.replace("中华人民共和国示例法", "示例条例").replace("（二）监督示例法的实施；\n\n（三）其他职权。",
                                                                 "（二）选举主任；\n\n（三）监督示例法的实施；\n\n（四）其他职权。")
    new = write_text(tmp_path, "new.md", new_text)
    decision, _ = amend_files(old, new)
    assert [(i.kind, i.position) for i in decision.instructions] == [("add_item", 2)]
    text = decision_text(decision)
    assert "在第二条中增加一项，作为第二项：“（二）选举主任；”" in text
    applied = apply_file(old, write_text(tmp_path, "d.txt", text))
    assert "（二）选举主任；\n\n（三）监督示例法的实施；\n\n（四）其他职权。" in applied


def test_a_text_whose_history_records_amendments_is_drafted_as_an_amendment(tmp_path: Path) -> None:
    from compare.amend import amend_files

    history = SMALL.replace("通过\n\n<!--", "通过\n\n1995年1月1日 第八届全国人民代表大会第三次会议通过的《中华人民共和国示例法修正案》\n\n<!--")
    old = write_text(tmp_path, "old.md", history)
    new = write_text(tmp_path, "new.md", history.replace("国家发展乙。", "国家大力发展乙和丙。"))
    assert amend_files(old, new)[0].style == "amendment"
    plain = write_text(tmp_path, "plain.md", SMALL)
    assert amend_files(plain, write_text(tmp_path, "p2.md", SMALL.replace("国家发展乙。", "国家大力发展乙和丙。")))[0].style == "decision"


def test_a_quoted_text_keeps_the_law_names_it_cites(tmp_path: Path) -> None:
    text = _applied(tmp_path, "第一条 示例法第四条增加一款，作为第二款：“本法另有规定的除外。违反本法第一条规定的，依法处理；"
                              "依照刑法第二百条追究刑事责任。”\n")
    assert "违反本法第一条规定的，依法处理；依照刑法第二百条追究刑事责任。" in text


def test_several_quoted_paragraphs_must_be_all_of_the_unit(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:  # two of 第三条's lines, not its 款: nothing is dropped silently
        _applied(tmp_path, "第一条 示例法第三条“委员长，”“委员若干人。”修改为：“主任，”“委员若干人。”\n")
    assert caught.value.key == "amend_text_missing"
    text = _applied(tmp_path, "第一条 示例法第一条“国家保护甲。”“国家发展乙。”修改为：“国家保护丙。”“国家发展丁。”“国家鼓励戊。”\n")
    assert "第一条 国家保护丙。\n\n国家发展丁。\n\n国家鼓励戊。" in text


def test_an_added_item_goes_to_the_paragraph_its_words_locate(tmp_path: Path) -> None:
    two = SMALL.replace("第二条 全国人民代表大会行使下列职权：", "第二条 本条所称职权依照本法确定。\n\n全国人民代表大会行使下列职权：")
    old = write_text(tmp_path, "old.md", two)
    body = "第一条 示例法第二条“全国人民代表大会行使下列职权”中增加一项，作为第二项“（二）选举主任”，第二项至第三项相应改为第三项至第四项。\n"
    text = apply_file(old, write_text(tmp_path, "a.md", HEAD + body))
    assert "本条所称职权依照本法确定。\n\n全国人民代表大会行使下列职权：\n\n（一）修改示例法；\n\n（二）选举主任；" in text
    wrong = body.replace("全国人民代表大会行使下列职权", "国务院行使下列职权")
    with pytest.raises(InputError):
        apply_file(old, write_text(tmp_path, "w.md", HEAD + wrong))


def test_positions_and_stated_renumbering_must_fit_the_list(tmp_path: Path) -> None:
    for body in ("第一条 示例法第二条中增加一项，作为第二项“（二）甲”，第二项至第九项相应改为第三项至第十项。\n",
                 "第一条 示例法第二条中增加一项，作为第九项“（九）甲”。\n",
                 "第一条 示例法第四条中增加一项，作为第二项“（二）甲”。\n",
                 "第一条 示例法第一条增加一款，作为第九款：“甲。”\n"):
        with pytest.raises(InputError) as caught:
            _applied(tmp_path, body)
        assert caught.value.key == "amend_no_article", body


def test_units_that_are_no_article_are_refused(tmp_path: Path) -> None:
    for body in ("第一条 示例法第零条“甲”修改为“乙”。\n", "第一条 示例法第一章这一条相应修改为：“甲。”\n"):
        with pytest.raises(InputError) as caught:
            _applied(tmp_path, body)
        assert caught.value.key == "amend_bad_instruction", body


def test_a_numbered_item_introducing_a_list_keeps_its_lines() -> None:
    lines = ["国家级自然保护区分为：", "（一）森林；", "（二）野生动物保护区，包括：", "珍贵动物的栖息地；", "繁殖地区；",
             "越冬地区。", "（三）其他。"]
    assert [c.kind for c in build_clauses("a", lines)] == ["paragraph", "item", "item", "paragraph", "paragraph",
                                                           "paragraph", "item"]


def test_an_addressee_with_a_comma_is_still_the_addressee(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", REPLY_1994.replace("山东省高级人民法院：", "各省、自治区、直辖市高级人民法院，解放军军事法院："))
    title = REPLY_1994.split("\n", 1)[0].lstrip("# ")
    decision = write_text(tmp_path, "d.md", f"最高人民法院关于修改《{title}》的决定\n将第二段修改为：\n“{PARAGRAPH_2020}”\n")
    applied = write_text(tmp_path, "new.md", apply_file(old, decision))
    assert f"答复如下：\n\n{PARAGRAPH_2020}" in Path(applied).read_text(encoding="utf-8")
    departures, _ = checked_files(old, decision, applied)  # a 批复 is checked as it is applied
    assert departures == []


def test_an_amendment_from_an_inserting_new_keeps_headings_and_citations(tmp_path: Path) -> None:
    from compare.amend import amend_files
    from compare.instrument.render import decision_text

    law = ("# 示例条例\n\n2010年1月1日 示例市人民代表大会常务委员会通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n"
           "第一条 为了保护甲，制定本条例。\n\n第二条 本条例适用于本市行政区域。\n\n第三条 市人民政府负责本条例的实施。\n\n"
           "## 第二章 管理\n\n第四条 单位应当遵守本条例。\n\n第五条 违反本条例第四条规定的，由市人民政府责令改正。\n\n"
           "第六条 本条例自2010年3月1日起施行。\n")
    new = law.replace("第三条 市人民政府", "第三条 任何单位和个人都有保护甲的义务。\n\n第四条 市人民政府").replace(
        "第四条 单位应当遵守", "第五条 单位应当遵守").replace("第五条 违反本条例第四条", "第六条 违反本条例第五条").replace(
        "第六条 本条例自", "第七条 单位应当建立保护制度。\n\n第八条 本条例自")
    old_path, new_path = write_text(tmp_path, "old.md", law), write_text(tmp_path, "new.md", new)
    draft = decision_text(amend_files(old_path, new_path, style="amendment")[0])
    assert draft.count("增加一条") == 2 and "章" not in draft and "修改为" not in draft
    applied = apply_file(old_path, write_text(tmp_path, "d.txt", draft))
    assert "## 第二章 管理\n\n第四条 单位应当遵守本条例。\n\n第五条 违反本条例第四条规定的" in applied


def test_the_latest_instrument_in_the_history_decides_the_default_style(tmp_path: Path) -> None:
    from compare.amend import amend_files

    history = SMALL.replace("通过\n\n<!--", "通过\n\n1995年1月1日 第八届全国人民代表大会第三次会议通过的《中华人民共和国示例法修正案》\n\n"
                                            "2000年1月1日 第九届全国人民代表大会常务委员会第十次会议《关于修改〈中华人民共和国示例法〉的决定》修正\n\n<!--")
    old = write_text(tmp_path, "old.md", history)
    new = write_text(tmp_path, "new.md", history.replace("国家发展乙。", "国家大力发展乙和丙。"))
    assert amend_files(old, new)[0].style == "decision"


def test_an_item_added_last_closes_the_list_and_several_quoted_lines_are_several_paragraphs(tmp_path: Path) -> None:
    text = _applied(tmp_path, "第一条 示例法第二条中增加一项，作为第四项“（四）选举主任”。\n\n"
                              "第二条 示例法第四条增加规定：“本法由常务委员会解释。\n“本法的修改依照法定程序。”\n")
    assert "（三）其他职权；\n\n（四）选举主任。" in text
    assert "第四条 本法自公布之日起施行。\n\n本法由常务委员会解释。\n\n本法的修改依照法定程序。" in text


def test_a_quoted_text_over_several_lines_ends_where_its_quote_closes(tmp_path: Path) -> None:
    text = _applied(tmp_path, "第一条 示例法第四条增加规定：“本法由常务委员会解释。\n“本法的修改依照法定程序。”\n\n"
                              "第二条 示例法第一条第一款“国家保护甲。”后增写一句，内容为：“国家鼓励丙。”\n")
    assert "本法的修改依照法定程序。" in text and "第一条 国家保护甲。国家鼓励丙。" in text
