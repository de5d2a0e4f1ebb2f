"""A published 修改决定 applied to the corpus's earlier version: the 2024 decision amending
the 会计法, its first four items as the public record gives them (the whole text is not in
the search index), applied to 会计法(2017-11-04) and compared with 会计法(2024-06-28).

Each test names what it proves; the corpus test skips when ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.amend import apply_file
from compare.amend.api import load_document
from compare.amend.lines import normalise
from compare.amend.parse import parse_decision
from compare.errors import InputError
from compare.model import SourceText
from compare.structure import parse
from support import corpus_file, write_text

KUAIJI_2024 = """全国人民代表大会常务委员会关于修改《中华人民共和国会计法》的决定
（2024年6月28日第十四届全国人民代表大会常务委员会第十次会议通过）
第十四届全国人民代表大会常务委员会第十次会议决定对《中华人民共和国会计法》作如下修改：
一、第二条增加一款，作为第一款：“会计工作应当贯彻落实党和国家路线方针政策、决策部署，维护社会公共利益，为国民经济和社会发展服务。”
二、将第八条第三款单列一条，作为第四十九条，修改为：“中央军事委员会有关部门可以依照本法和国家统一的会计制度制定军队实施国家统一的会计制度的具体办法，抄送国务院财政部门。”
第八条增加一款，作为第三款：“国家加强会计信息化建设，鼓励依法采用现代信息技术开展会计工作，具体办法由国务院财政部门会同有关部门制定。”
三、将第十条、第二十五条合并，作为第十条，修改为：“各单位应当对下列经济业务事项办理会计手续，进行会计核算：
“（一）资产的增减和使用；
“（二）负债的增减；
“（三）净资产（所有者权益）的增减；
“（四）收入、支出、费用、成本的增减；
“（五）财务成果的计算和处理；
“（六）需要办理会计手续、进行会计核算的其他事项。”
四、将第二十条第二款修改为：“向不同的会计资料使用者提供的财务会计报告，其编制依据应当一致。有关法律、行政法规规定财务会计报告须经注册会计师审计的，注册会计师及其所在的会计师事务所出具的审计报告应当随同财务会计报告一并提供。”
"""


def test_published_forms_are_read() -> None:
    """第X条增加一款 (no 在…中), 将第X条第Y款单列一条，作为第Z条，修改为, and a second instruction
    on its own line inside one numbered item."""
    kinds = [(i.kind, i.targets[0].article, i.targets[0].paragraph, i.position)
             for i in parse_decision(KUAIJI_2024).instructions]
    assert kinds == [("add_paragraph", 2, None, 1), ("add_article", 8, 3, 49), ("add_paragraph", 8, None, 3),
                     ("merge", 10, None, 10), ("replace", 20, 2, None)]


def test_a_paragraph_split_out_without_new_words_keeps_its_own(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", "# 示例条例\n\n第一条 甲款。\n\n乙款。\n\n第二条 丙。\n")
    decision = write_text(tmp_path, "d.txt", "关于修改《示例条例》的决定\n\n一、将第一条第二款单列一条，作为第二条。\n")
    text = apply_file(old, decision)
    assert [p.paragraphs for p in parse(SourceText(old, "x.md", text, "utf-8", "md", "-"), "x").provisions] == [
        ("甲款。",), ("乙款。",), ("丙。",)]


def test_the_2024_kuaiji_decision_reproduces_every_article_it_touches(tmp_path: Path) -> None:
    old, new = corpus_file("会计法(2017-11-04).md"), corpus_file("会计法(2024-06-28).md")
    text = apply_file(old, write_text(tmp_path, "decision.txt", KUAIJI_2024))
    amended = parse(SourceText(old, "x.md", text, "utf-8", "md", "-"), "x")
    got = {tuple(normalise(x) for x in p.paragraphs) for p in amended.provisions}
    later = {p.number: tuple(normalise(x) for x in p.paragraphs) for p in load_document(new).provisions}
    for number in ("第二条", "第八条", "第十条", "第四十九条"):
        assert later[number] in got, number
    article_20 = next(p for p in amended.provisions if p.paragraphs[0].startswith("财务会计报告应当根据"))
    assert normalise(article_20.paragraphs[1]) == later["第二十条"][1]  # the 款 as replaced (the 1st: 帐/账 elsewhere)


def test_an_added_paragraph_counts_paragraphs_not_the_items_inside_them(tmp_path: Path) -> None:
    """作为第二款 in an article whose first 款 has 项: after those 项, before the old 第二款."""
    old = write_text(tmp_path, "old.md", "# 示例条例\n\n第一条 总则。\n\n第二条 有下列情形之一的，应当报告：\n\n"
                                         "（一）甲；\n\n（二）乙。\n\n前款规定的报告应当及时。\n")
    decision = write_text(tmp_path, "d.txt", "关于修改《示例条例》的决定\n\n一、第二条增加一款，作为第二款：“新的第二款。”\n")
    text = apply_file(old, decision)
    assert text.index("（二）乙。") < text.index("新的第二款。") < text.index("前款规定的报告")


def test_an_item_added_to_a_paragraph_goes_among_its_items(tmp_path: Path) -> None:
    """在第二条第一款中增加一项，作为第二项 (and 第二条增加一项 for an article of one 款): among
    that 款's 项, in place, the later ones numbered on; 作为第四项 after the added one is the
    last; a 项 number past that would be a number the text never gets: refused."""
    old = write_text(tmp_path, "old.md", "# 示例条例\n\n第一条 总则。\n\n第二条 有下列情形之一的，应当报告：\n\n"
                                         "（一）甲；\n\n（二）乙。\n\n前款规定的报告应当及时。\n")
    decision = write_text(tmp_path, "d.txt", "关于修改《示例条例》的决定\n\n一、在第二条第一款中增加一项，作为第二项："
                                             "“（二）丙；”\n\n二、在第二条第一款中增加一项，作为第四项：“（四）丁。”\n")
    text = apply_file(old, decision)
    order = [text.index(x) for x in ("（一）甲；", "（二）丙；", "（三）乙。", "（四）丁。", "前款规定的报告")]
    assert order == sorted(order)  # the 项 after them numbered on (作相应调整)
    assert [i.kind for i in parse_decision(open(decision, encoding="utf-8").read()).instructions] == ["add_item"] * 2
    beyond = write_text(tmp_path, "b.txt", "关于修改《示例条例》的决定\n\n一、在第二条第一款中增加一项，作为第九项：“（九）丁。”\n")
    with pytest.raises(InputError) as refused:
        apply_file(old, beyond)
    assert refused.value.key == "amend_no_article"


def test_deleting_an_item_numbers_the_later_ones_on(tmp_path: Path) -> None:
    old = write_text(tmp_path, "old.md", "# 示例条例\n\n第一条 有下列情形之一的，应当报告：\n\n（一）甲；\n\n（二）乙；\n\n"
                                         "（三）丙。\n")
    text = apply_file(old, write_text(tmp_path, "d.txt", "关于修改《示例条例》的决定\n\n一、删去第一条第一款第二项。\n"))
    assert "（二）丙。" in text and "乙" not in text


CHAINED_OLD = """# 示例条例

<!-- INFO END -->

第一条 为了规范管理，制定本条例。

第二条 下列行为应当处罚：

（一）甲行为；

（二）乙行为；

（三）丙行为；

（四）丁行为。

第三条 单位应当登记。

单位应当报告。

第四条 本条例自2020年1月1日起施行。
"""


def _articles(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith(("第", "（"))]


def test_instructions_chained_on_one_article_are_each_applied(tmp_path: Path) -> None:
    """将第二条第二项修改为“…”，第四项修改为“…”，增加一项，作为第五项 (no colon, the later ones naming
    only their 项), and 将第三条第二款改为第五条，第一款改为第六条 (款 taken out as articles: the
    emptied article goes)."""
    old = write_text(tmp_path, "old.md", CHAINED_OLD)
    decision = write_text(tmp_path, "d.txt", "关于修改《示例条例》的决定\n\n"
                          "一、将第二条第二项修改为“（二）乙类行为；”，第四项修改为“（四）戊行为；”，增加一项，作为第五项：“（五）己行为。”\n\n"
                          "二、将第三条第二款改为第四条，第一款改为第五条。\n")
    assert _articles(apply_file(old, decision)) == [
        "第一条 为了规范管理，制定本条例。", "第二条 下列行为应当处罚：", "（一）甲行为；", "（二）乙类行为；", "（三）丙行为；",
        "（四）戊行为；", "（五）己行为。", "第三条 本条例自2020年1月1日起施行。", "第四条 单位应当报告。", "第五条 单位应当登记。"]


def test_a_paragraph_named_by_its_old_number_after_one_is_added_before_it(tmp_path: Path) -> None:
    """在第三条中增加一款，作为第二款：“…”；原第二款改为第三款，修改为：“…” (and the bare 原第二款改为
    第三款, which the addition implies); 将第二条第二项、第三项修改为：“…“…” (one line per 项)."""
    old = write_text(tmp_path, "old.md", CHAINED_OLD)
    decision = write_text(tmp_path, "d.txt", "关于修改《示例条例》的决定\n\n"
                          "一、在第三条中增加一款，作为第二款：“单位应当公示。”；原第二款改为第三款，修改为：“单位应当按年报告。”\n\n"
                          "二、将第二条第二项、第三项修改为：“（二）乙类行为；\n“（三）丙类行为；”\n")
    text = apply_file(old, decision)
    assert "第三条 单位应当登记。\n\n单位应当公示。\n\n单位应当按年报告。" in text
    assert "（二）乙类行为；\n\n（三）丙类行为；\n\n（四）丁行为。" in text
    bare = parse_decision("关于修改《示例条例》的决定\n\n一、在第三条中增加一款，作为第二款：“甲。”；原第二款改为第三款。\n")
    assert [i.kind for i in bare.instructions] == ["add_paragraph"]
    uneven = "关于修改《示例条例》的决定\n\n一、将第二条第二项、第三项修改为：“（二）乙类行为；”\n"
    with pytest.raises(InputError):
        parse_decision(uneven)  # two 项, one line: refused, not guessed


def test_apply_report_lists_each_instruction_with_the_provisions_it_changed(tmp_path: Path) -> None:
    from support import run_cli

    old = write_text(tmp_path, "old.md", CHAINED_OLD)
    decision = write_text(tmp_path, "d.txt", "关于修改《示例条例》的决定\n\n一、删去第一条。\n\n"
                          "二、将第二条第四项修改为“（四）戊行为。”\n\n三、在第三条后增加一条，作为第三条：“单位应当公示。”\n")
    report = tmp_path / "report.md"
    result = run_cli("apply", old, decision, "-o", str(tmp_path / "new.md"), "--report", str(report))
    assert result.returncode == 0 and "已适用 3 项指令" in result.stderr
    heading, _, *rows = report.read_text(encoding="utf-8").splitlines()
    assert heading == "# 关于修改《示例条例》的决定 → 示例条例"
    assert rows[0] == "| 序号 | 适用的指令 | 修改后的条文 |" and len(rows) == 5
    assert rows[2] == "| 一 | 删去第一条。 | 删去：第一条 |"
    assert rows[3].endswith("| 第一条 |")  # 第二条 is 第一条 once 第一条 is deleted
    assert rows[4].endswith("| 第三条 |")
    refused = run_cli("apply", old, write_text(tmp_path, "bad.txt", "关于修改《示例条例》的决定\n\n一、删去第九条。\n"),
                      "-o", str(tmp_path / "x.md"), "--report", str(tmp_path / "x-report.md"))
    assert refused.returncode == 2 and not (tmp_path / "x.md").exists() and not (tmp_path / "x-report.md").exists()


def test_the_court_decision_stating_new_numbers_applies_and_its_numbers_are_checked(tmp_path: Path) -> None:
    """The court's 2021 decision amending the 报核 provisions: 第三条 replaced, 增加一条作为第四条, and
    原第四条作为第五条 … 原第八条作为第九条 stated one by one. OLD is the corpus's 2021 text without
    the added 第四条 and with 第三条's former words unknown (the decision replaces it whole);
    applied, the decision gives the published text, and a wrong stated number is refused."""
    import re

    new_path = corpus_file("最高人民法院关于仲裁司法审查案件报核问题的有关规定(2021-12-24).md")
    decision_path = corpus_file("*关于修改《最高人民法院关于仲裁司法审查案件报核问题的有关规定》的决定.md")
    new = Path(new_path).read_text(encoding="utf-8")
    head, body = new.split("<!-- INFO END -->")
    head = re.sub(r"2021年11月15日.*?\n|2022年1月1日 施行\n", "", head)  # OLD's header: before the decision
    body = re.sub(r"\n第四条 .*?\n", "\n", body, count=1)
    body = re.sub(r"\n第三条 .*?\n", "\n第三条 （修改前的文字，本决定整体修改。）\n", body, count=1)
    for n, m in (("五", "四"), ("六", "五"), ("七", "六"), ("八", "七"), ("九", "八")):
        body = body.replace(f"\n第{n}条 ", f"\n第{m}条 ")
    old = write_text(tmp_path, "old.md", head + "<!-- INFO END -->" + body)
    decision = Path(decision_path).read_text(encoding="utf-8")
    applied = apply_file(old, write_text(tmp_path, "d.md", decision))
    assert applied.split("<!-- INFO END -->")[1].rstrip("\n") == new.split("<!-- INFO END -->")[1].rstrip("\n")
    with pytest.raises(InputError) as refused:
        apply_file(old, write_text(tmp_path, "wrong.md", decision.replace("原第六条作为第七条", "原第六条作为第八条")))
    assert refused.value.key == "amend_renumbering"
