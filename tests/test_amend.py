"""Amendment instruments: drafting (amend), parsing and applying (apply), harmonising.

Each test names what it proves; the corpus tests skip when ../shared is absent.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from compare.amend import amend_files, apply_file, decision_text, harmonise_files
from compare.amend.api import lexer_for, load_document
from compare.amend.apply import apply_decision
from compare.amend.docx import decision_docx
from compare.instrument.model import Target
from compare.instrument.numbering import internal_refs
from compare.amend.parse import parse_decision
from compare.amend.roundtrip import provision_keys, round_trip
from compare.errors import InputError
from compare.model import SourceText
from compare.structure import parse
from support import CORPUS, JJJ, corpus_file, write_text
from support import run_cli as in_process

OLD = """# 示例条例

<!-- INFO END -->

## 第一章 总则

第一条 为了规范示例管理，制定本条例。

第二条 本条例所称主管部门，是指县级以上人民政府示例主管部门。

第三条 主管部门应当依照本条例第二条的规定履行职责。

## 第二章 管理

第四条 单位应当在十日内报告。

第五条 违反本条例第四条规定的，由主管部门责令改正。

第六条 单位应当配合检查。

第七条 本条例自2020年1月1日起施行。
"""

NEW = """# 示例条例

<!-- INFO END -->

## 第一章 总则

第一条 为了规范示例管理，制定本条例。

第二条 本条例所称监督管理部门，是指设区的市级以上人民政府负责示例工作的部门及其派出机构。

第三条 监督管理部门应当依照本条例第二条的规定履行职责。

第四条 监督管理部门应当公开示例信息。

## 第二章 管理

第五条 单位应当在五日内报告。

第六条 违反本条例第五条规定的，由监督管理部门责令改正。

第七条 本条例自2020年1月1日起施行。
"""


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[str, str]:
    return write_text(tmp_path, "old.md", OLD), write_text(tmp_path, "new.md", NEW)


def _run(*args: str):  # type: ignore[no-untyped-def]
    return in_process(*args)


def _amended_keys(old: str, decision: str) -> list:
    text = apply_file(old, decision)
    return provision_keys(parse(SourceText(old, "x.md", text, "utf-8", "md", "-"), "x"))


def _keys(path: str) -> list:
    return provision_keys(load_document(path))


# --- drafting ------------------------------------------------------------------------

def test_each_change_gets_its_conventional_economical_form(pair: tuple[str, str]) -> None:
    decision, _ = amend_files(*pair)
    text = decision_text(decision)
    assert text.startswith("关于修改《示例条例》的决定\n")
    assert "将第二条修改为：“本条例所称监督管理部门" in text  # heavy rewrite → 修改为
    grouped = [i for i in decision.instructions if {t.article for t in i.targets} == {3, 5}]
    assert grouped and grouped[0].kind == "substitute"  # one replacement repeated → one instruction
    assert "将第三条、第五条中的" in text
    assert "在第三条后增加一条，作为第四条：“监督管理部门应当公开示例信息。”" in text
    small = [i for i in decision.instructions if i.targets == (Target(4),)]
    assert small and small[0].kind == "substitute" and "五" in small[0].new  # small change stays 中的…修改为
    assert "删去第六条。" in text
    assert "第四条”" not in text and "“第五条" not in text  # the renumbered citation is no instruction
    assert not any(t.article in (1, 7) for i in decision.instructions for t in i.targets)  # pure renumbering
    assert text.rstrip().endswith("《示例条例》根据本决定作相应修改并对条文顺序作相应调整，重新公布。")


def test_round_trip_on_a_small_law_renumbers_articles_and_citations(pair: tuple[str, str], tmp_path: Path) -> None:
    decision, _ = amend_files(*pair)
    path = write_text(tmp_path, "decision.txt", decision_text(decision))
    assert _amended_keys(pair[0], path) == _keys(pair[1])
    out = apply_file(pair[0], path)
    assert "第六条 违反本条例第五条规定的" in out and out.startswith("# 示例条例\n\n<!-- INFO END -->")
    assert "## 第二章 管理" in out  # OLD's Markdown format kept


def test_english_rendering_names_the_instruction_kinds(pair: tuple[str, str]) -> None:
    decision, _ = amend_files(*pair)
    text = decision_text(decision, "en")
    assert "Article 2 is amended to read: “本条例所称" in text
    assert "Article 6 is deleted." in text and "An article is added after Article 3 as Article 4" in text


def test_identical_texts_give_an_empty_decision_that_apply_refuses(tmp_path: Path) -> None:
    """Nothing to draft between texts that differ in formatting only; applying a decision
    without instructions is refused (a wrong file, most likely), naming the file."""
    old = write_text(tmp_path, "a.md", OLD)
    same = write_text(tmp_path, "b.md", OLD.replace("，", ","))  # formatting only
    decision, _ = amend_files(old, same)
    assert decision.instructions == []
    path = write_text(tmp_path, "d.txt", decision_text(decision))
    with pytest.raises(InputError) as refused:
        apply_file(old, path)
    assert refused.value.key == "amend_no_instructions" and "d.txt" in refused.value.message("zh")


def test_citations_of_other_laws_are_not_renumbered() -> None:
    lexer = lexer_for([])
    tokens = lexer.tokens("依照本法第七条、专利法第二十八条和第四十二条、《行政诉讼法》第十二条和第十三条、"
                          "专利合作条约第二十三条、本条例第九条", None)
    cited = [c for t, c in zip(tokens, internal_refs(tokens)) if t.key.startswith("R:")]
    assert cited == [(7, 0), None, None, None, None, None, (9, 0)]


# --- parsing and applying ------------------------------------------------------------

def test_parser_reads_straight_and_curly_quotes_and_both_colons() -> None:
    text = ('关于修改《示例条例》的决定\n\n一、将第二条修改为:"甲。\n"乙。"\n\n'
            '二、将第三条、第五条中的“主管部门”修改为“监督管理部门”。\n\n三、删去第四条第二款中的"十日"。\n\n'
            '四、在第一条中的"管理"后增加"工作"；删去第六条。\n\n本决定自2024年1月1日起施行。\n')
    decision = parse_decision(text)
    kinds = [(i.kind, i.targets) for i in decision.instructions]
    assert kinds == [("replace", (Target(2),)), ("substitute", (Target(3), Target(5))),
                     ("delete_text", (Target(4, 2),)), ("insert_text", (Target(1),)), ("delete", (Target(6),))]
    assert decision.instructions[0].new == "甲。\n乙。"
    assert decision.title == "示例条例" and decision.effective == "2024-01-01"


def test_parser_reads_the_forms_of_published_decisions(pair: tuple[str, str], tmp_path: Path) -> None:
    text = ("关于修改《示例条例》的决定\n\n对《示例条例》作如下修改：\n\n"
            "一、将第二条改为两条，作为第二条、第三条，修改为：\n“第二条　甲。\n“第三条　乙。”\n\n"
            "二、将第四条改为第五条，修改为：“单位应当在五日内报告。”\n\n三、增加一条，作为第八条：“丙。”\n\n"
            "四、将第五条改为第六条。\n\n五、对部分条文作以下修改：\n（一）删去第六条。\n")
    path = write_text(tmp_path, "real.txt", text)
    numbers = [(n, p[0]) for n, p in _amended_keys(pair[0], path)]
    assert numbers == [("第一条", "为了规范示例管理,制定本条例。"), ("第二条", "甲。"), ("第三条", "乙。"),
                       ("第四条", "主管部门应当依照本条例第二条的规定履行职责。"), ("第五条", "单位应当在五日内报告。"),
                       ("第六条", "违反本条例第五条规定的,由主管部门责令改正。"), ("第七条", "本条例自2020年1月1日起施行。"),
                       ("第八条", "丙。")]


@pytest.mark.parametrize("instruction, key", [
    ("将第三条中的“不存在的词”修改为“甲”。", "amend_text_missing"),
    ("将第九十九条修改为：“甲。”", "amend_no_article"),
    ("删去第三条第五款。", "amend_no_article"),
    ("将第三条修改为：“甲。”\n\n二、将第三条中的“主管部门”修改为“乙”。", "amend_conflict"),
    ("把第三条改得更好。", "amend_bad_instruction"),
])
def test_instructions_that_do_not_fit_are_refused(pair: tuple[str, str], tmp_path: Path, instruction: str,
                                                  key: str) -> None:
    path = write_text(tmp_path, "bad.txt", f"关于修改《示例条例》的决定\n\n一、{instruction}\n")
    with pytest.raises(InputError) as caught:
        apply_file(pair[0], path)
    assert caught.value.key == key
    assert caught.value.message("en").count("\n") == 0


def test_cli_refuses_a_bad_decision_in_one_line_and_writes_nothing(pair: tuple[str, str], tmp_path: Path) -> None:
    bad = write_text(tmp_path, "bad.txt", "关于修改《示例条例》的决定\n\n一、将第三条中的“没有”修改为“有”。\n")
    out = tmp_path / "out.md"
    result = _run("apply", pair[0], bad, "-o", str(out))
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.count("\n") == 1 and "将第三条中的“没有”修改为“有”" in result.stderr and "没有“没有”" in result.stderr


def test_cli_amend_then_apply_and_the_word_file_is_reproducible(pair: tuple[str, str], tmp_path: Path) -> None:
    decision, docx1, docx2 = tmp_path / "d.txt", tmp_path / "d1.docx", tmp_path / "d2.docx"
    drafted = _run("amend", *pair, "--no-db", "-o", str(decision), "--docx", str(docx1))
    assert drafted.returncode == 0
    assert _run("amend", *pair, "--no-db", "--docx", str(docx2)).returncode == 0
    assert docx1.read_bytes() == docx2.read_bytes()
    result = _run("apply", pair[0], str(decision), "-o", str(tmp_path / "new.md"))
    assert result.returncode == 0, result.stderr
    count = re.search(r"(\d+) 条修改指令", drafted.stdout + drafted.stderr).group(1)
    assert f"已适用 {count} 项指令" in result.stderr  # every numbered instruction accounted for
    got = parse(SourceText("n", "n.md", (tmp_path / "new.md").read_text("utf-8"), "utf-8", "md", "-"), "n")
    assert provision_keys(got) == _keys(pair[1])


def test_word_file_has_the_decision_and_a_marked_before_after_table(pair: tuple[str, str]) -> None:
    import io

    from docx import Document as Word

    decision, comparison = amend_files(*pair)
    old = next(d for d in comparison.documents if d.id == comparison.base)
    data = decision_docx(decision, apply_decision(old, decision, lexer_for([old])))
    word = Word(io.BytesIO(data))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "关于修改《示例条例》的决定" and "修改前后对照表" in texts
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["修改前", "修改后"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert ["", "第四条　监督管理部门应当公开示例信息。"] in rows and ["第六条　单位应当配合检查。", ""] in rows
    marked = [r for r in table.rows[1:] for p in r.cells[0].paragraphs for r in p.runs if r.font.strike]
    assert marked  # deletions struck through on the left


# A deleted article (第二条, the first of a renamed chapter) between kept ones, an added one
# after an unchanged article: the 对照表 must read in the order of the text.
IN_PLACE_OLD = """# 示例条例

<!-- INFO END -->

## 第一章 总则

第一条 为了规范示例管理，制定本条例。

## 第二章 管理

第二条 本条例适用于本市行政区域内的示例活动。

第三条 主管部门应当依照本条例的规定履行职责。

第四条 单位应当在十日内报告。

## 第三章 附则

第五条 违反本条例规定的，由主管部门责令改正。

第六条 本条例自2020年1月1日起施行。
"""

IN_PLACE_NEW = IN_PLACE_OLD.replace("第二章 管理", "第二章 监督管理").replace(
    "第二条 本条例适用于本市行政区域内的示例活动。\n\n", "").replace("主管部门", "监督管理部门").replace(
    "第三条 监督", "第二条 监督").replace("第四条 单位应当在十日内报告。", "第三条 单位应当在十日内报告。\n\n"
                                          "第四条 监督管理部门应当公开示例信息。")

IN_PLACE_ROWS = [
    ("第二章 管理", "第二章 监督管理"),
    ("第二条　本条例适用于本市行政区域内的示例活动。", ""),
    ("第三条　主管部门应当依照本条例的规定履行职责。", "第二条　监督管理部门应当依照本条例的规定履行职责。"),
    ("", "第四条　监督管理部门应当公开示例信息。"),
    ("第五条　违反本条例规定的，由主管部门责令改正。", "第五条　违反本条例规定的，由监督管理部门责令改正。"),
]


def _table_input(tmp_path: Path, old_text: str, new_text: str):  # type: ignore[no-untyped-def]
    old_path, new_path = write_text(tmp_path, "old.md", old_text), write_text(tmp_path, "new.md", new_text)
    decision, comparison = amend_files(old_path, new_path)
    old = next(d for d in comparison.documents if d.id == comparison.base)
    return decision, apply_decision(old, decision, lexer_for([old]))


def test_before_after_table_lists_a_deleted_article_in_place_not_at_the_end(tmp_path: Path) -> None:
    from compare.amend.docx import table_rows

    decision, amended = _table_input(tmp_path, IN_PLACE_OLD, IN_PLACE_NEW)
    assert [i.kind for i in decision.instructions] == ["rename_heading", "delete", "substitute", "add_article"]
    assert table_rows(decision, amended) == IN_PLACE_ROWS


def test_word_table_rows_are_in_text_order_and_the_file_is_reproducible(tmp_path: Path) -> None:
    import io

    from docx import Document as Word

    decision, amended = _table_input(tmp_path, IN_PLACE_OLD, IN_PLACE_NEW)
    data = decision_docx(decision, amended)
    assert data == decision_docx(decision, amended)
    rows = [tuple(c.text for c in r.cells) for r in Word(io.BytesIO(data)).tables[0].rows[1:]]
    assert rows == IN_PLACE_ROWS


def test_reading_order_puts_deletions_after_the_old_article_before_them() -> None:
    import doctest

    import compare.amend.docx as module
    from compare.amend.docx import reading_order

    assert doctest.testmod(module).failed == 0
    assert reading_order([0, 3, 4], [1, 2]) == [("new", 0), ("old", 1), ("old", 2), ("new", 1), ("new", 2)]
    assert reading_order([2, None], [1]) == [("old", 1), ("new", 0), ("new", 1)]  # the first article deleted
    assert reading_order([1, None, None], [2, 3]) == [("new", 0), ("old", 2), ("old", 3), ("new", 1), ("new", 2)]
    assert reading_order([1, 2], [3]) == [("new", 0), ("new", 1), ("old", 3)]  # the last one deleted
    assert reading_order([None], []) == [("new", 0)]


def test_real_before_after_table_reads_in_order_on_both_sides() -> None:
    import re

    from compare.amend.docx import table_rows
    from compare.numerals import chinese_to_int

    old, new = corpus_file("行政复议法(2017-09-01).md"), corpus_file("行政复议法(2023-09-01).md")
    decision, comparison = amend_files(old, new)
    document = next(d for d in comparison.documents if d.id == comparison.base)
    rows = table_rows(decision, apply_decision(document, decision, lexer_for([document])))

    def numbers(side: int) -> list[int]:
        found = (re.match(r"第(.+?)条　", row[side]) for row in rows)
        return [chinese_to_int(m.group(1)) or 0 for m in found if m]

    deleted = [row for row in rows if re.match(r"第.+?条　", row[0]) and not row[1]]
    assert len(deleted) == 16 and rows[-1][0] == ""  # the last row: the added 第九十条, not a deletion
    headings = [row for row in rows if not any(re.match(r"第.+?条　", side) for side in row)]
    assert ("第二章 行政复议范围", "第二章 行政复议申请") in headings  # renamed where it stands
    assert ("第三章 行政复议申请", "") in headings and ("", "第一节 行政复议范围") in headings  # deleted, added
    assert ("第四章 行政复议受理", "第三章 行政复议受理") in headings  # renumbered only: shown too
    assert numbers(0) == sorted(numbers(0)) and len(set(numbers(0))) == len(numbers(0))
    assert numbers(1) == sorted(numbers(1)) and len(set(numbers(1))) == len(numbers(1))


# --- corpus round trips --------------------------------------------------------------

@pytest.mark.parametrize("name, old, new", [("立法法", "2015-03-15", "2023-03-13"),
                                            ("行政复议法", "2017-09-01", "2023-09-01")])
def test_round_trip_on_the_two_demonstration_laws(name: str, old: str, new: str) -> None:
    result = round_trip(corpus_file(f"{name}({old}).md"), corpus_file(f"{name}({new}).md"))
    assert result.exact, result.reason
    assert result.instructions > 20


def test_round_trip_on_a_seeded_sample_of_corpus_version_pairs() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus not present")
    from benchmarks.amend import version_pairs

    pairs = version_pairs()
    sample = random.Random(20).sample(pairs, 6)
    failures = [(r.old, r.reason) for r in (round_trip(str(a), str(b)) for a, b in sample) if not r.exact]
    assert failures == []


# --- harmonise -----------------------------------------------------------------------

def test_harmonise_on_the_demo_changes_only_substantive_rows_in_local_wording() -> None:
    drafts = dict(harmonise_files(str(JJJ / "beijing.txt"), [str(JJJ / "tianjin-constructed.txt"),
                                                            str(JJJ / "hebei-constructed.txt")]))
    tianjin = drafts[str(JJJ / "tianjin-constructed.txt")]
    hebei = drafts[str(JJJ / "hebei-constructed.txt")]
    touched = lambda d: {t.article for i in d.instructions for t in i.targets}  # noqa: E731
    assert touched(tianjin) == {5}
    assert touched(hebei) == {5, 6, 15, 17}
    hebei_text = decision_text(hebei)
    assert "本市" not in hebei_text and "工业和信息化" not in hebei_text  # its own 本省, no institution change
    assert "在第六条中的“政务服务、”后增加“知识产权、”" in hebei_text
    assert "关于修改《河北省人民代表大会常务委员会关于推进京津冀协同创新共同体建设的决定》的决定" in hebei_text


def test_published_decisions_in_the_corpus_parse() -> None:
    """The single-text 修改决定 of the Supreme People's Court in the corpus use real-world forms:
    paragraphs of a quoted text without opening quotes, 《解释》原第X条, 改为修改后第Y条, 增加一条作为第Y条;
    the new numbers stated (将第二条修改为第六条：…) are read, for ``apply`` to check."""
    from compare.ingest import read_source

    names = ["食品药品纠纷", "上海金融法院案件管辖", "仲裁司法审查案件报核", "妨害信用卡管理"]
    for name in names:
        path = corpus_file(f"*关于修改《*{name}*的决定.md")
        decision = parse_decision(read_source(path).text.split("<!-- INFO END -->")[-1])
        assert decision.instructions, name
        assert all(ins.kind in ("replace", "add_article", "substitute", "delete", "renumber")
                   for ins in decision.instructions)
    moved = parse_decision(read_source(corpus_file("*关于修改《*上海金融法院案件管辖*的决定.md")).text)
    stated = [(i.targets[0].article, i.position) for i in moved.instructions if i.kind == "renumber"]
    assert stated[:3] == [(2, 6), (3, 5), (4, 7)] and (7, 12) in stated  # 将第二条修改为第六条：… states a move, checked
    food = parse_decision(read_source(corpus_file("*关于修改《*食品药品纠纷*的决定.md")).text)
    assert [(i.kind, i.targets) for i in food.instructions] == [("replace", (Target(12),))]
    assert food.instructions[0].new.count("\n") == 1  # two 款, the second without an opening quote


def test_harmonise_leaves_out_differences_a_reviewer_accepted(tmp_path: Path) -> None:
    from compare.pipeline import Options, compare_files
    from compare.store import difference_fingerprints, open_store

    url = f"sqlite:///{tmp_path / 'review.db'}"
    files = [str(JJJ / "beijing.txt"), str(JJJ / "tianjin-constructed.txt"), str(JJJ / "hebei-constructed.txt")]
    comparison = compare_files(files, Options(base=files[0]))
    store = open_store(url)
    saved = store.save_comparison(comparison)
    for row, fps in zip(comparison.rows, difference_fingerprints(comparison)):
        if row.label == "十五":  # Hebei's 支持 for Beijing's 鼓励: accepted as a local difference
            for diff, fp in zip(row.differences, fps):
                if diff.document == "hebei-constructed" and diff.category == "substantive":
                    store.record_decision(fp, "accepted", "地方特色", "reviewer")
    store.close()
    assert saved.id
    hebei = dict(harmonise_files(files[0], [files[2]], db_url=url))[files[2]]
    assert {t.article for i in hebei.instructions for t in i.targets} == {5, 6, 17}


def test_cited_titles_inside_quoted_text_are_kept() -> None:
    """《解释》原第六条 loses its title only in the instruction's own words, never in the quote."""
    decision = parse_decision("一、将《解释》原第六条修改为：“依照《中华人民共和国畜牧法》第十二条的规定。”\n")
    assert decision.instructions[0].targets == (Target(6),)
    assert decision.instructions[0].new == "依照《中华人民共和国畜牧法》第十二条的规定。"


def test_quotes_inside_quoted_words_do_not_swallow_the_next_instruction() -> None:
    """A quoted A that itself begins with a quotation mark leaves the quotes unbalanced; the
    next number (二、) still starts the next instruction."""
    text = "一、将第六条中的““擅自发行股票、公司、”修改为““擅自发行股票或者公司、”。\n\n二、删去第七条。\n"
    decision = parse_decision(text)
    assert [(i.kind, i.old) for i in decision.instructions] == [("substitute", "“擅自发行股票、公司、"), ("delete", "")]


def test_a_text_numbering_one_article_twice_is_refused(tmp_path: Path, pair: tuple[str, str]) -> None:
    twice = write_text(tmp_path, "twice.md", OLD.replace("第五条 违反", "第四条 违反"))
    decision = write_text(tmp_path, "d.txt", "一、删去第六条。\n")
    with pytest.raises(InputError) as caught:
        apply_file(twice, decision)
    assert caught.value.key == "amend_duplicate_number" and "第四条" in caught.value.message("zh")


def test_annexes_are_kept_when_articles_are_amended(tmp_path: Path) -> None:
    old = write_text(tmp_path, "ax.md", "# 示例条例\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第二条 乙。\n\n附件：示例目录\n\n一、丙\n")
    decision = write_text(tmp_path, "d.txt", "一、删去第一条。\n")
    out = apply_file(old, decision)
    assert out.endswith("第一条 乙。\n\n附件：示例目录\n\n一、丙\n")


def test_two_added_articles_are_numbered_with_a_comma_three_with_zhi(tmp_path: Path) -> None:
    """作为第二条、第三条 for two articles (the drafting convention), 至 from three on; apply reads both."""
    old = tmp_path / "old.txt"
    old.write_text("测试条例\n第一条　为了测试，制定本条例。\n第二条　本条例自公布之日起施行。\n", encoding="utf-8")
    for count, expected in ((2, "作为第二条、第三条"), (3, "作为第二条至第四条")):
        added = "".join(f"第{'二三四'[k]}条　新增第{k + 1}项规定的内容。\n" for k in range(count))
        new = tmp_path / f"new{count}.txt"
        new.write_text(f"测试条例\n第一条　为了测试，制定本条例。\n{added}第{'三四五'[count - 1]}条　本条例自公布之日起施行。\n",
                       encoding="utf-8")
        decision, _ = amend_files(str(old), str(new))
        text = decision_text(decision)
        assert expected in text, text
        path = tmp_path / f"decision{count}.txt"
        path.write_text(text, encoding="utf-8")
        assert _amended_keys(str(old), str(path)) == _keys(str(new))


def test_the_decision_takes_effect_on_the_new_versions_own_date_never_on_the_laws_first_one() -> None:
    from support import corpus_file

    from compare.amend.draft import commencement

    revised = amend_files(corpus_file("行政复议法(2017-09-01).md"), corpus_file("行政复议法(2023-09-01).md"))[0]
    assert revised.effective == "2024-01-01"  # a 修订 sets its own commencement
    amended = amend_files(corpus_file("立法法(2015-03-15).md"), corpus_file("立法法(2023-03-13).md"))[0]
    assert amended.effective is None and "本决定自公布之日起施行" in decision_text(amended)  # not 2000-07-01
    old_document = load_document(corpus_file("立法法(2015-03-15).md"))
    assert commencement(old_document, amended_document := load_document(corpus_file("立法法(2023-03-13).md"))) is None
    assert amended_document.effective == "2000-07-01"


def test_a_line_in_no_known_form_is_refused_never_left_unapplied(pair: tuple[str, str], tmp_path: Path) -> None:
    """A line that is no instruction in a known form (原第二款作为第三款, as 刑法修正案 write it) is
    refused in one line naming it, and nothing is written: it used to be applied as nothing, exit 0."""
    from support import run_cli

    partial = tmp_path / "partial.txt"
    partial.write_text("关于修改《示例条例》的决定\n\n一、删去第三条。\n\n原第二款作为第三款。\n\n本决定自公布之日起施行。\n",
                       encoding="utf-8")
    out = tmp_path / "out.md"
    result = run_cli("apply", pair[0], str(partial), "-o", str(out))
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.count("\n") == 1 and "原第二款作为第三款" in result.stderr
    with pytest.raises(InputError) as refused:
        parse_decision(partial.read_text(encoding="utf-8"))
    assert refused.value.key == "amend_unread_line"
    court = tmp_path / "court.txt"  # the form that was dropped silently is read now
    court.write_text("最高人民法院关于修改《示例条例》的决定\n\n根据审判实践需要，决定对《示例条例》作如下修改：\n\n"
                     "1.将第二条修改为：“本市加强管理。”\n\n本决定自2021年1月1日起施行。\n", encoding="utf-8")
    applied = run_cli("apply", pair[0], str(court), "-o", str(out))
    assert applied.returncode == 0 and "已适用 1 项指令" in applied.stderr
    assert "本市加强管理。" in out.read_text(encoding="utf-8")


def test_court_decisions_numbered_1_2_and_their_wordings_are_read() -> None:
    """The Supreme People's Court numbers items 1. 2. and writes 删除 and 将引言修改为."""
    text = ("最高人民法院关于修改《示例规定》的决定\n\n根据审判实践需要，决定对《示例规定》作如下修改：\n\n"
            "1.将引言修改为：\n“为正确审理案件，制定本规定。”\n\n2.删除第三条。\n\n3.将第二条修改为：\n“本市加强管理。”\n\n"
            "本决定自2021年1月1日起施行。\n\n根据本决定，《示例规定》作相应修改后，重新公布。\n")
    decision = parse_decision(text)
    assert [(i.kind, i.targets[0].article) for i in decision.instructions] == [("replace", 0), ("delete", 3),
                                                                               ("replace", 2)]
    assert decision.effective == "2021-01-01" and decision.instructions[2].new == "本市加强管理。"
    several = text.replace("关于修改《示例规定》的决定", "关于修改《示例规定》等二十七件司法解释的决定")
    with pytest.raises(InputError) as refused:
        parse_decision(several)
    assert refused.value.key == "amend_several_texts" and "等二十七件" in refused.value.message("zh")
    statute = "中华人民共和国刑法修正案（十三）\n\n一、删去刑法第三条。\n\n本修正案自2024年3月1日起施行。\n"
    assert parse_decision(statute).effective == "2024-03-01"
    compound = ("中华人民共和国刑法修正案（十三）\n\n一、在刑法第一百六十五条中增加一款作为第二款，将该条修改为：“甲。\n乙。”\n\n"
                "本修正案自公布之日起施行。\n")  # 刑法修正案（十二）'s first form: the article replaced whole
    assert [(i.kind, i.targets[0].article, i.new) for i in parse_decision(compound).instructions] == [
        ("replace", 165, "甲。\n乙。")]


def test_words_put_before_a_term_are_the_term_renamed_in_every_article(tmp_path: Path) -> None:
    """法律委员会 → 宪法和法律委员会 in several articles: one instruction 将第二条、第三条中的“法律委员会”
    修改为“宪法和法律委员会”, as the 立法法 decision of 2023 says it (not 在…中的“由”后增加“宪法和”)."""
    old = write_text(tmp_path, "old.md", "# 示例法\n\n第一条 为了规范立法，制定本法。\n\n第二条 法律案由法律委员会统一审议。\n\n"
                                         "第三条 审议时，听取法律委员会的报告。\n")
    new = write_text(tmp_path, "new.md", "# 示例法\n\n第一条 为了规范立法，制定本法。\n\n第二条 法律案由宪法和法律委员会统一审议。\n\n"
                                         "第三条 审议时，听取宪法和法律委员会的报告。\n")
    text = decision_text(amend_files(old, new)[0])
    assert "一、将第二条、第三条中的“法律委员会”修改为“宪法和法律委员会”。" in text and "二、" not in text


def test_a_term_changed_everywhere_in_an_article_is_one_instruction_and_one_left_alone_is_not(tmp_path: Path) -> None:
    """中的“A”修改为“B” replaces every A of the article (as official decisions mean it and
    `apply` reads it): a term changed in both 款 of an article is said once, across articles
    too; where one of its occurrences stays, each changed one is named by its own context."""
    old = write_text(tmp_path, "old.md", "# 示例办法\n\n第一条 依照收养法办理登记。\n\n第二条 收养法规定的条件，"
                                         "由登记机关审查。\n\n登记机关依照收养法作出决定。\n")
    new = write_text(tmp_path, "new.md", "# 示例办法\n\n第一条 依照民法典办理登记。\n\n第二条 民法典规定的条件，"
                                         "由登记机关审查。\n\n登记机关依照民法典作出决定。\n")
    decision = amend_files(old, new)[0]
    assert "一、将第一条、第二条中的“收养法”修改为“民法典”。\n\n本决定" in decision_text(decision)
    assert apply_file(old, write_text(tmp_path, "d1.md", decision_text(decision))) == Path(new).read_text(encoding="utf-8")
    partly = write_text(tmp_path, "partly.md", Path(new).read_text(encoding="utf-8").replace(
        "依照民法典作出决定", "依照收养法作出决定"))
    text = decision_text(amend_files(old, partly)[0])
    assert "“收养法”修改为“民法典”" not in text.split("第二条")[1].split("。")[0]
    assert apply_file(old, write_text(tmp_path, "d2.md", text)) == Path(partly).read_text(encoding="utf-8")


def test_several_clauses_of_one_article_are_named_once_and_read_back(tmp_path: Path) -> None:
    """删去第二条第二款、第三款 (the 款 after the first name only themselves), drafted for two 款
    deleted together and read back; 第五条第二款第一项、第三项 is two 项 of that 款; a 款 with
    no article before it is no address."""
    clauses = ["从事示例活动的单位应当在开业前向所在地区县人民政府有关部门申请登记。",
               "登记事项发生变更的，应当自变更之日起三十日内向原登记机关办理变更登记。",
               "登记机关应当自受理申请之日起二十日内作出决定，并书面通知申请人。",
               "登记机关应当将登记情况通过政府网站向社会公示，接受社会监督。"]
    head = "# 示例办法\n\n第一条 为了示例，制定本办法。\n\n第二条 "
    old = write_text(tmp_path, "old.md", head + "\n\n".join(clauses) + "\n")
    new = write_text(tmp_path, "new.md", head + "\n\n".join(clauses[:1] + clauses[3:]) + "\n")
    text = decision_text(amend_files(old, new)[0])
    assert "一、删去第二条第二款、第三款。\n\n本决定" in text
    assert apply_file(old, write_text(tmp_path, "d.md", text)) == Path(new).read_text(encoding="utf-8")
    decision = parse_decision("关于修改《示例》的决定\n\n一、将第五条第二款第一项、第三项中的“甲”修改为“乙”。\n\n"
                              "本决定自公布之日起施行。\n")
    assert decision.instructions[0].targets == (Target(5, 2, 1), Target(5, 2, 3))
    with pytest.raises(InputError):
        parse_decision("关于修改《示例》的决定\n\n一、删去第三款、第四款。\n\n本决定自公布之日起施行。\n")


def test_a_stated_renumbering_is_checked_and_a_move_it_implies_is_refused(tmp_path: Path) -> None:
    """第三条至第五条相应改为第二条至第四条 and 将第四条改为第三条 are checked against the numbers
    the decision gives: true ones apply (changing nothing else), a false one, or a move
    (将第二条改为第五条) that ``apply`` would otherwise take as a mere renumbering, is refused."""
    old = write_text(tmp_path, "old.md", "# 示例办法\n\n" + "\n\n".join(
        f"第{n}条 第{n}条的内容。" for n in "一二三四五") + "\n")
    head = "关于修改《示例办法》的决定\n\n一、删去第二条。\n\n二、"
    tail = "\n\n本决定自公布之日起施行。\n"
    expected = apply_file(old, write_text(tmp_path, "plain.md", "关于修改《示例办法》的决定\n\n一、删去第二条。" + tail))
    for stated in ("第三条至第五条相应改为第二条至第四条。", "将第四条改为第三条。", "示例办法第五条相应改为第四条。"):
        assert apply_file(old, write_text(tmp_path, "ok.md", head + stated + tail)) == expected
    for stated in ("第三条至第五条相应改为第三条至第五条。", "将第二条改为第五条。", "将第五条改为第三条，修改为：“新的内容。”"):
        with pytest.raises(InputError) as refused:
            apply_file(old, write_text(tmp_path, "bad.md", head + stated + tail))
        assert refused.value.key in ("amend_renumbering", "amend_deleted_target"), stated
