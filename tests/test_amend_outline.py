"""Chapters and sections added, deleted and moved by amendment decisions: drafted, parsed,
applied, renumbered, shown in the 对照表.

Each test names what it proves; the corpus tests skip when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.amend import amend_files, apply_file, decision_text
from compare.amend.api import lexer_for
from compare.amend.apply import apply_decision
from compare.amend.docx import table_rows
from compare.amend.parse import parse_decision
from compare.instrument.render import instruction_text
from compare.amend.roundtrip import heading_paths, round_trip
from compare.errors import InputError
from compare.model import SourceText
from compare.structure import parse
from support import corpus_file, write_text

OLD = """# 示例条例

<!-- INFO END -->

## 第一章 总则

第一条 为了规范示例管理，制定本条例。

第二条 本条例所称主管部门，是指县级以上人民政府示例主管部门。

## 第二章 管理

第三条 单位应当建立示例管理制度。

第四条 单位应当在十日内报告示例情况。

第五条 单位应当保存示例记录。

## 第三章 检查

第六条 主管部门应当依法开展检查。

## 第四章 附则

第七条 本条例自2020年1月1日起施行。
"""

NEW = """# 示例条例

<!-- INFO END -->

## 第一章 总则

第一条 为了规范示例管理，制定本条例。

第二条 本条例所称主管部门，是指县级以上人民政府示例主管部门。

## 第二章 管理

### 第一节 一般规定

第三条 单位应当建立示例管理制度。

### 第二节 报告和检查

第四条 单位应当在十日内报告示例情况。

第五条 单位应当保存示例记录。

第六条 主管部门应当依法开展检查。

## 第三章 法律责任

第七条 单位未报告示例情况的，由主管部门责令改正。

第八条 单位未保存示例记录的，由主管部门给予警告。

## 第四章 附则

第九条 本条例自2020年1月1日起施行。
"""


def _pair(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    return write_text(tmp_path, "old.md", old), write_text(tmp_path, "new.md", new)


def _headings_of(path: str, text: str) -> list:
    return heading_paths(parse(SourceText(path, "x.md", text, "utf-8", "md", "-"), "x"))


def test_added_sections_a_deleted_chapter_heading_and_a_new_chapter_are_drafted(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, OLD, NEW)
    text = decision_text(amend_files(old, new)[0])
    assert "将第三条作为第二章第一节，节名为“一般规定”。" in text  # a heading over kept articles: which ones
    assert "将第四条至第六条作为第二章第二节，节名为“报告和检查”。" in text
    assert "删去第三章的章名。" in text
    assert "在第六条后增加一章，作为第三章：“第三章　法律责任\n“第七条　单位未报告" in text
    assert "第四章" not in text  # renumbering the headings is implied, never an instruction


def test_the_decision_applied_gives_the_new_outline_renumbered(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, OLD, NEW)
    decision_path = write_text(tmp_path, "decision.txt", decision_text(amend_files(old, new)[0]))
    amended = apply_file(old, decision_path)
    assert _headings_of(old, amended) == _headings_of(new, NEW)
    assert "\n### 第一节 一般规定\n" in amended  # a level the old file lacks gets one "#" more than 章
    result = round_trip(old, new)
    assert result.exact and result.headings_exact and not result.same_shape


def test_a_heading_whose_articles_shift_is_moved(tmp_path: Path) -> None:
    new = OLD.replace("## 第二章 管理\n\n第三条 单位应当建立示例管理制度。\n\n",
                      "第三条 单位应当建立示例管理制度。\n\n## 第二章 管理\n\n")
    old, new_path = _pair(tmp_path, OLD, new)
    decision = amend_files(old, new_path)[0]
    assert [instruction_text(i) for i in decision.instructions] == ["将第二章的章名移至第四条前。"]
    assert round_trip(old, new_path).headings_exact


def test_a_chapter_whose_articles_are_all_deleted_is_deleted_whole(tmp_path: Path) -> None:
    new = OLD.replace("## 第三章 检查\n\n第六条 主管部门应当依法开展检查。\n\n", "").replace(
        "## 第四章 附则\n\n第七条", "## 第三章 附则\n\n第六条")
    old, new_path = _pair(tmp_path, OLD, new)
    decision = amend_files(old, new_path)[0]
    assert [instruction_text(i) for i in decision.instructions] == ["删去第三章。"]
    parsed = parse_decision(decision_text(decision))
    assert parsed.instructions[0].heading == "第三章" and not parsed.instructions[0].targets
    path = write_text(tmp_path, "d.txt", decision_text(decision))
    assert _headings_of(old, apply_file(old, path)) == _headings_of(new_path, new)


def test_real_decision_forms_are_read_and_applied(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", OLD)
    decision = ("关于修改《示例条例》的决定\n\n一、删去第三章的章名。\n\n二、在第三条前增加一节，作为第二章第一节，"
                "节名为：“一般规定”。\n\n三、在第四条前增加一节，作为第二章第二节，节名为“报告和检查”。\n\n"
                "四、增加一章，作为第三章：“第三章　法律责任\n“第七条　单位未报告示例情况的，由主管部门责令改正。\n"
                "“第八条　单位未保存示例记录的，由主管部门给予警告。”\n")
    path = write_text(tmp_path, "d.txt", decision)
    kinds = [i.kind for i in parse_decision(decision).instructions]
    assert kinds == ["delete_heading", "add_heading", "add_heading", "add_article", "add_article"]
    assert _headings_of(old, apply_file(old, path)) == _headings_of("new.md", NEW)


@pytest.mark.parametrize("instruction, key", [
    ("将第二章的章名移至第九条前。", "amend_no_article"),
    ("删去第五章的章名。", "amend_no_heading"),
    ("删去第九章。", "amend_no_heading"),
    ("删去第二章的章名。\n\n二、删去第二章的章名。", "amend_heading_conflict"),
    ("将第二章的章名移至第二条前。\n\n二、将第三章的章名移至第二条前。", "amend_heading_conflict"),
    ("在第六条前增加一章，作为第三章，章名为“监督”。", "amend_heading_conflict"),  # 第六条 opens 第三章 already
    ("删去第十条。", "amend_no_article"),
    ("将第三条至第四条作为第二章第一节，节名为“一般规定”。", "amend_heading_span"),  # it would end at 第五条
    ("删去第六条。\n\n二、将第六条修改为：“测试。”", "amend_deleted_target"),
    ("删去第三章。\n\n二、将第六条中的“依法”修改为“依照法律”。", "amend_deleted_target"),
    ("删去第三条。\n\n二、在第三条前增加一节，作为第二章第一节，节名为“一般规定”。", "amend_heading_anchor"),
    ("删去第六条。\n\n二、将第三章的章名修改为“监督检查”。", "amend_heading_empty"),
])
def test_an_instruction_that_does_not_fit_the_outline_is_refused(tmp_path: Path, instruction: str, key: str) -> None:
    old = write_text(tmp_path, "old.md", OLD)
    path = write_text(tmp_path, "d.txt", f"关于修改《示例条例》的决定\n\n一、{instruction}\n")
    with pytest.raises(InputError) as caught:
        apply_file(old, path)
    assert caught.value.key == key and "\n" not in caught.value.message("zh")


def test_heading_instructions_read_in_english(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, OLD, NEW)
    decision = amend_files(old, new)[0]
    english = [instruction_text(i, "en") for i in decision.instructions if i.kind.endswith("heading")]
    assert "Article 3 becomes Chapter 2, Section 1, titled “一般规定”." in english
    assert "Articles 4 to 6 become Chapter 2, Section 2, titled “报告和检查”." in english
    assert "The heading of Chapter 3 is deleted (its articles join the preceding one)." in english


def test_the_before_after_table_shows_headings_added_and_deleted(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, OLD, NEW)
    decision, comparison = amend_files(old, new)
    document = next(d for d in comparison.documents if d.id == comparison.base)
    rows = table_rows(decision, apply_decision(document, decision, lexer_for([document])))
    assert rows.index(("", "第一节 一般规定")) < rows.index(("", "第二节 报告和检查")) < rows.index(
        ("第三章 检查", "")) < rows.index(("", "第三章 法律责任"))


@pytest.mark.parametrize("name, old, new", [("行政复议法", "2017-09-01", "2023-09-01"),
                                            ("北京市实施《水法》办法", "2019-07-26", "2022-11-25"),
                                            ("公司法", "2018-10-26", "2023-12-29")])
def test_real_restructured_laws_come_out_under_the_new_headings(name: str, old: str, new: str) -> None:
    result = round_trip(corpus_file(f"{name}({old}).md"), corpus_file(f"{name}({new}).md"))
    assert result.exact and result.headings_exact, (result.reason, result.heading_reason)
    assert not result.same_shape


BIAN_OLD = """# 示例法典

# 第一编 总则

## 第一章 基本规定

第一条 甲。

## 第二章 其他规定

第二条 乙。

# 第二编 分则

## 第一章 一般规定

第三条 丙。

## 第二章 特别规定

第四条 丁。
"""

BIAN_NEW = BIAN_OLD.replace("## 第二章 特别规定\n\n第四条 丁。", "## 第二章 新增规定\n\n第四条 新条文。\n\n"
                                                              "## 第三章 特别规定\n\n第五条 丁。")


def test_in_a_text_of_parts_a_chapter_is_added_with_its_part_and_numbered_in_it(tmp_path: Path) -> None:
    """章 numbered afresh in each 编: the added chapter is addressed 第二编第二章 and the chapter
    after it becomes 第三章 of 第二编, not 第五章."""
    old, new = _pair(tmp_path, BIAN_OLD, BIAN_NEW)
    text = decision_text(amend_files(old, new)[0])
    assert "在第三条后增加一章，作为第二编第二章：“第二章　新增规定" in text
    amended = apply_file(old, write_text(tmp_path, "d.txt", text))
    assert "## 第三章 特别规定" in amended and _headings_of(old, amended) == _headings_of(new, BIAN_NEW)


@pytest.mark.parametrize("decision", ["将第二章的章名修改为“监督”。\n\n二、删去第二章的章名。",
                                      "删去第二章的章名。\n\n二、将第二章的章名修改为“监督”。"])
def test_renaming_and_deleting_one_heading_is_refused_in_either_order(tmp_path: Path, decision: str) -> None:
    old = write_text(tmp_path, "old.md", OLD)
    path = write_text(tmp_path, "d.txt", f"关于修改《示例条例》的决定\n\n一、{decision}\n")
    with pytest.raises(InputError) as caught:
        apply_file(old, path)
    assert caught.value.key == "amend_heading_conflict"


def test_chapters_numbered_in_each_part_stay_so_when_a_parts_first_chapter_goes(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", BIAN_OLD)
    amended = apply_file(old, write_text(tmp_path, "d.txt", "关于修改《示例法典》的决定\n\n一、删去第二编第一章。\n"))
    assert "# 第二编 分则\n\n## 第一章 特别规定" in amended


def test_a_chapter_whose_articles_are_all_replaced_is_not_deleted_whole(tmp_path: Path) -> None:
    new = OLD.replace("第六条 主管部门应当依法开展检查。", "第六条 完全不同的新条文甲乙丙丁戊己庚辛。")
    old, new_path = _pair(tmp_path, OLD, new)
    decision = amend_files(old, new_path)[0]
    assert all(not (i.kind == "delete" and i.heading) for i in decision.instructions)
    assert round_trip(old, new_path).headings_exact


def test_an_added_article_opening_a_heading_is_one_item_worded_as_in_the_decision(tmp_path: Path) -> None:
    from compare.instrument.drafts import item_text
    from compare.instrument.render import instruction_runs as _runs, numbered_items

    old, new = _pair(tmp_path, OLD, NEW)
    decision = amend_files(old, new)[0]
    items = numbered_items(decision)
    assert [it.split("、", 1)[1] for it in items] == [item_text(run) for run in _runs(decision.instructions)]


def test_sentences_after_the_instructions_are_not_instructions() -> None:
    text = ("关于修改《示例条例》的决定\n\n一、删去第三条。\n\n本决定自公布之日起施行。\n\n"
            "在本决定施行前已经取得的许可，继续有效。\n")
    assert [i.kind for i in parse_decision(text).instructions] == ["delete"]


def test_heading_rows_of_the_word_table_are_centred_in_heiti(tmp_path: Path) -> None:
    import io

    from docx import Document as Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from compare.amend.docx import decision_docx

    old, new = _pair(tmp_path, OLD, NEW)
    decision, comparison = amend_files(old, new)
    document = next(d for d in comparison.documents if d.id == comparison.base)
    data = decision_docx(decision, apply_decision(document, decision, lexer_for([document])))
    rows = Word(io.BytesIO(data)).tables[0].rows
    heading = next(r for r in rows if r.cells[1].text == "第一节 一般规定")
    article = next(r for r in rows if r.cells[1].text.startswith("第七条"))
    paragraph = heading.cells[1].paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER and "黑体" in paragraph.runs[0]._r.xml
    assert article.cells[1].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.CENTER


def test_two_chapters_added_at_one_place_are_one_instruction(tmp_path: Path) -> None:
    new = OLD.replace("## 第四章 附则\n\n第七条", "## 第四章 法律责任\n\n第七条 违反本条例的，责令改正。\n\n"
                                                  "## 第五章 监督\n\n第八条 公众可以举报。\n\n## 第六章 附则\n\n第九条")
    old, new_path = _pair(tmp_path, OLD, new)
    decision = amend_files(old, new_path)[0]
    text = decision_text(decision)
    assert "一、在第六条后增加两章，作为第四章、第五章：“第四章　法律责任\n“第七条　违反本条例的，责令改正。\n" \
           "“第五章　监督\n“第八条　公众可以举报。”" in text
    assert [i.kind for i in parse_decision(text).instructions] == ["add_article", "add_article"]
    result = round_trip(old, new_path)
    assert result.exact and result.headings_exact


def test_xingzheng_fuyi_chapters_are_moved_added_and_deleted_as_a_drafter_would() -> None:
    old, new = corpus_file("行政复议法(2017-09-01).md"), corpus_file("行政复议法(2023-09-01).md")
    text = decision_text(amend_files(old, new)[0])
    for expected in ("将第二章的章名修改为“行政复议申请”。", "将第六条、第七条作为第二章第一节，节名为“行政复议范围”。",
                     "删去第三章的章名。", "在第二十一条前增加一章，作为第四章：“第四章　行政复议审理\n“第一节　一般规定",
                     "将第五章的章名移至第二十九条前。"):  # 第五章 opens at the articles added before 第二十九条
        assert expected in text, expected
    assert "删去第五章的章名" not in text


def test_a_heading_moved_before_an_article_stands_before_the_articles_added_before_it(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", OLD)
    decision = ("关于修改《示例条例》的决定\n\n一、将第二章的章名移至第四条前。\n\n"
                "二、在第四条前增加一条，作为第四条：“单位应当指定示例管理人员。”\n")
    amended = apply_file(old, write_text(tmp_path, "d.txt", decision))
    assert amended.index("第三条 单位应当建立") < amended.index("## 第二章 管理") < amended.index("第四条 单位应当指定")


def test_report_links_to_added_articles_say_they_are_new_numbers(tmp_path: Path) -> None:
    from compare.amend.items import make_draft
    from compare.report.drafts import drafts_view

    old, new = _pair(tmp_path, OLD, NEW)
    decision, comparison = amend_files(old, new)
    other = next(d.id for d in comparison.documents if d.id != comparison.base)
    draft = make_draft("amend", comparison, comparison.base, other, decision)
    labels = {label for lang in ("zh", "en") for s in drafts_view([draft], comparison, lang)[0]
              for item in s["items"] for _, label in item["rows"]}
    assert {"修改后第七条", "new 第七条"} <= labels
    assert "第三条" in labels  # the base's own numbers go unmarked


def test_an_added_article_going_on_under_its_section_comes_before_deleted_sections_in_the_table() -> None:
    """公司法 2018 → 2023: new 第八十三条 continues the 节 of 第八十二条; the deleted 第三节 一人有限
    责任公司 and 第四节 follow it, not the other way round."""
    old, new = corpus_file("公司法(2018-10-26).md"), corpus_file("公司法(2023-12-29).md")
    decision, comparison = amend_files(old, new)
    document = next(d for d in comparison.documents if d.id == comparison.base)
    rows = table_rows(decision, apply_decision(document, decision, lexer_for([document])))
    after = [r[1][:5] for r in rows]
    at = after.index("第八十二条")
    assert after[at + 1] == "第八十三条" and rows[at + 2] == ("第三节 一人有限责任公司的特别规定", "")


def test_headings_spaced_unlike_the_parser_are_kept_as_written_and_can_be_deleted(tmp_path: Path) -> None:
    """"## 第一章  总则" (two spaces) is not also copied with the file's header: an unchanged
    heading comes out exactly as written, and 删去第一章的章名 removes it."""
    text = OLD.replace("## 第一章 总则", "## 第一章  总则").replace("## 第二章 管理", "## 第二章　管理")
    old = write_text(tmp_path, "old.md", text)
    unchanged = apply_file(old, write_text(tmp_path, "a.txt", "关于修改《示例条例》的决定\n\n一、删去第五条。\n"))
    assert unchanged.count("第一章") == 1 and "\n## 第一章  总则\n" in unchanged and "\n## 第二章　管理\n" in unchanged
    deleted = apply_file(old, write_text(tmp_path, "b.txt", "关于修改《示例条例》的决定\n\n一、删去第一章的章名。\n"))
    assert "总则" not in deleted and "## 第一章 管理" in deleted
