"""Classify stage: each class on real sentences (lawrefbook) or the 京津冀 texts."""

from __future__ import annotations



from compare.classify import classify_chunks, row_status
from compare.diff import diff_tokens, refine_relative
from compare.jurisdiction import NATIONAL, JurisdictionLexer, load_divisions, load_institutions, to_jurisdiction
from compare.model import Difference, Document, SourceText

TABLE = load_divisions()
BJ, TJ, HB = (to_jurisdiction(TABLE.find(n)[0]) for n in ("北京市", "天津市", "河北省"))
LEXER = JurisdictionLexer(TABLE, (BJ, TJ, HB), load_institutions())


def doc(doc_id: str, jurisdiction) -> Document:
    src = SourceText(doc_id, doc_id, "", "utf-8", "txt", doc_id)
    return Document(doc_id, src, "", None, None, (), jurisdiction)


def classes(old: str, new: str, a=BJ, b=HB, renumbered=None) -> list[tuple[str, str]]:
    da, db = doc("a", a), doc("b", b)
    chunks = refine_relative(diff_tokens(LEXER.tokens(old, a), LEXER.tokens(new, b)), a.code, b.code)
    return [(d.category, d.cls) for d in classify_chunks(chunks, da, db, renumbered)]


def test_normative_real_sentence_with_direction() -> None:
    # 行政复议法 2017 第二十一条 → 2023 第四十二条: 可以停止执行 became 应当停止执行.
    old = "行政复议期间具体行政行为不停止执行；但是，有下列情形之一的，可以停止执行："
    new = "行政复议期间具体行政行为不停止执行；但是，有下列情形之一的，应当停止执行："
    da, db = doc("a", NATIONAL), doc("b", NATIONAL)
    diffs = classify_chunks(diff_tokens(LEXER.tokens(old, NATIONAL), LEXER.tokens(new, NATIONAL)), da, db)
    assert [(d.cls, d.rule) for d in diffs] == [("normative", "可以 → 应当（加强）")]


def test_normative_jjj_item_fifteen() -> None:
    assert ("substantive", "normative") in classes("发挥政府性引导基金作用，鼓励设立市场化基金", "发挥政府性引导基金作用，支持设立市场化基金")


def test_quantity_real_penalty_range() -> None:
    # 海洋环境保护法 2017 第八十六条 / 2023 第一百零八条 (the penalty clause): 十万…一百万 → 五十万…五百万.
    old = "根据造成或者可能造成的危害后果，处十万元以上一百万元以下的罚款。"
    new = "根据造成或者可能造成的危害后果，处五十万元以上五百万元以下的罚款。"
    assert classes(old, new, NATIONAL, NATIONAL) == [("substantive", "quantity")]


def test_quantity_real_deadline() -> None:
    # 行政复议法 2017 第十七条 / 2023 第三十条: the correction period 七日 → 十日 (hand-shortened).
    old = "行政复议机关收到行政复议申请后，应当在七日内进行审查"
    new = "行政复议机关收到行政复议申请后，应当在十日内进行审查"
    assert classes(old, new, NATIONAL, NATIONAL) == [("substantive", "quantity")]


def test_list_item_dropped_and_added() -> None:
    assert ("substantive", "list_item") in classes("教育、知识产权、市场监管等有关部门", "教育、市场监管等有关部门")
    assert ("substantive", "list_item") in classes("集成电路布图设计、植物新品种等知识产权", "集成电路布图设计、植物新品种、地理标志等知识产权")


def test_renumbering_follows_the_aligned_article() -> None:
    # 立法法 2015 第九条 / 2023 第十二条: 本法第八条 became 本法第十一条 because 第八条 became 第十一条.
    old = "本法第八条规定的事项尚未制定法律的"
    new = "本法第十一条规定的事项尚未制定法律的"
    assert classes(old, new, NATIONAL, NATIONAL, {8: 11}) == [("formatting", "renumbering")]
    assert classes(old, new, NATIONAL, NATIONAL, {8: 8}) == [("substantive", "cross_reference")]


def test_formatting_classes() -> None:
    assert classes("建设,推动", "建设，推动", BJ, BJ) == [("formatting", "punctuation")]
    assert classes("鼓励双向聘任。开展人才", "鼓励双向聘任。\n开展人才", BJ, BJ) == [("formatting", "paragraph_break")]
    assert classes("依照第12条", "依照第十二条", BJ, BJ) == [("formatting", "numerals")]


def test_jurisdictional_and_institution_classes() -> None:
    assert classes("本市与天津市、河北省共同建设", "本省与北京市、天津市共同建设") == [("jurisdictional", "partner_list")]
    assert classes("市人民政府加强领导", "省人民政府加强领导") == [("jurisdictional", "self_reference")]
    assert classes("教育、经济和信息化等有关部门", "教育、工业和信息化等有关部门", BJ, TJ) == [("institution", "institution_name")]


def test_rewritten_sentence_is_wording() -> None:
    old = "加强通州区与河北省三河、大厂、香河三县市的创新合作，推动一体化高质量发展。"
    new = "加强本省与天津市在化工产业、生物制药、临港经济等领域的创新合作。"
    assert ("substantive", "wording") in classes(old, new)


def test_row_status_is_the_weightiest_category() -> None:
    mk = lambda cat: Difference("b", "a", cat, "x", "", "")  # noqa: E731
    assert row_status([], True) == "identical"
    assert row_status([mk("formatting"), mk("jurisdictional")], True) == "jurisdictional"
    assert row_status([mk("institution"), mk("substantive")], True) == "substantive"
    assert row_status([mk("formatting")], False) == "missing"


def test_list_item_real_sentence_from_two_versions_of_a_law() -> None:
    # 立法法 2015 第八条（二） / 2023 第十一条（二）: 监察委员会 joined the enumeration.
    old = "（二）各级人民代表大会、人民政府、人民法院和人民检察院的产生、组织和职权；"
    new = "（二）各级人民代表大会、人民政府、监察委员会、人民法院和人民检察院的产生、组织和职权；"
    assert classes(old, new, NATIONAL, NATIONAL) == [("substantive", "list_item")]


def test_classes_on_a_real_version_pair() -> None:
    from compare.pipeline import Options, compare_files
    from support import corpus_file

    comparison = compare_files([corpus_file("立法法(2015-03-15).md"), corpus_file("立法法(2023-03-13).md")], Options())
    found = {d.cls for r in comparison.rows for d in r.differences}
    assert {"renumbering", "list_item", "wording", "punctuation"} <= found
    renumbered = [d for r in comparison.rows for d in r.differences if d.cls == "renumbering"]
    assert ("本法第八条", "本法第十一条") in {(d.old, d.new) for d in renumbered}


def test_citation_of_another_law_is_never_a_renumbering() -> None:
    old = "依照《中华人民共和国行政处罚法》第二条的规定处理"
    new = "依照《中华人民共和国行政处罚法》第三条的规定处理"
    assert classes(old, new, NATIONAL, NATIONAL, {2: 3}) == [("substantive", "cross_reference")]


def test_identical_words_read_as_different_places_are_not_substantive() -> None:
    da, db = doc("a", BJ), doc("b", HB)
    from compare.diff import Chunk

    chunk = Chunk("change", tuple(LEXER.tokens("本市", BJ)), tuple(LEXER.tokens("本市", HB)))
    assert [(d.category, d.cls) for d in classify_chunks([chunk], da, db)] == [("jurisdictional", "self_reference")]


def test_rules_follow_the_user_language(monkeypatch) -> None:
    da, db = doc("a", BJ), doc("b", HB)
    chunks = refine_relative(diff_tokens(LEXER.tokens("本市与天津市、河北省共同建设", BJ),
                                         LEXER.tokens("本省与北京市、天津市共同建设", HB)), BJ.code, HB.code)
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    [diff] = classify_chunks(chunks, da, db)
    assert diff.rule == "the same group of jurisdictions: 北京市、天津市、河北省"
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    assert classify_chunks(chunks, da, db)[0].rule == "同一组行政区：北京市、天津市、河北省"


def test_an_item_numbered_on_after_an_added_item_is_formatting_not_wording(tmp_path) -> None:
    """（七）→（八） because a 项 was added before it: one formatting difference per 项
    (item_number), while the added 项 and a real change stay substantive."""
    from compare.pipeline import Options, compare_files

    old = ("# 示例条例\n\n第一条 委员会行使下列职权：\n\n（一）制定规则；\n\n（二）审查报告；\n\n（三）其他职权。\n\n"
           "第二条 本条例自公布之日起施行。\n")
    new = old.replace("（二）审查报告；\n\n（三）其他职权。", "（二）选举主任；\n\n（三）审查报告；\n\n（四）其他法定职权。")
    (tmp_path / "a.md").write_text(old, encoding="utf-8")
    (tmp_path / "b.md").write_text(new, encoding="utf-8")
    comparison = compare_files([str(tmp_path / "a.md"), str(tmp_path / "b.md")],
                               Options(base=str(tmp_path / "a.md"), jurisdictions={"a.md": "北京市", "b.md": "北京市"}))
    found = [(d.cls, d.old, d.new) for row in comparison.rows for d in row.differences]
    assert ("item_number", "二", "三") in found and ("item_number", "三", "四") in found
    assert not any(cls == "wording" and base in ("二", "三") for cls, base, _ in found)
    assert any(cls != "item_number" and "法定" in text for cls, _, text in found)


def test_a_modal_dropped_alone_is_normative_a_clause_dropped_with_it_is_wording() -> None:
    # 河南省优化营商环境条例 第五十八条 vs 山东省 第四十八条: 山东 keeps its own 应当 clause elsewhere.
    assert classes("行政机关应当公布执法结果。", "行政机关公布执法结果。") == [("substantive", "normative")]
    assert classes("发现隐患的，应当及时报告。", "发现隐患的，报告。") == [("substantive", "normative")]  # with an adverb
    dropped = classes("行政执法应当严格依法进行，不得随意检查。", "行政执法不得随意检查。")
    assert ("substantive", "wording") in dropped and ("substantive", "normative") not in dropped
    ended = classes("清理结果应当公布。其他事项另行规定。", "清理结果。其他事项另行规定。")
    assert ("substantive", "normative") not in ended  # 公布 went with 应当: the clause ends there
    # 河南省 / 广东省优化营商环境条例 第二十九条: 广东's 应当 governs 公布 from the clause before.
    shared = classes("政府应当清理证明事项，对保留的事项应当公布清单。", "政府应当全面清理证明事项，公布保留的事项清单。")
    assert ("substantive", "normative") not in shared
