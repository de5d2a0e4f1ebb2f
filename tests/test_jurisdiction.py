"""Jurisdiction stage: who enacted a text, and tokens whose keys make 本市 ≡ 北京市."""

from __future__ import annotations

import pytest

from compare.errors import InputError
from compare.ingest import read_source
from compare.jurisdiction import (NATIONAL, JurisdictionLexer, infer_jurisdiction, load_divisions,
                                  load_institutions, to_jurisdiction)
from compare.pipeline import Options, compare_files
from compare.structure import parse
from support import JJJ_FILES, decision, write_text

TABLE = load_divisions()


def jur(name: str):
    return to_jurisdiction(TABLE.find(name)[0])


BJ, TJ, HB = jur("北京市"), jur("天津市"), jur("河北省")
LEXER = JurisdictionLexer(TABLE, (BJ, TJ, HB), load_institutions())


def keys(text: str, own) -> list[str]:
    return [t.key for t in LEXER.tokens(text, own) if t.kind != "space"]


def test_infers_enacting_jurisdiction_of_the_jjj_texts() -> None:
    found = [infer_jurisdiction(parse(read_source(f), "d"), TABLE).name for f in JJJ_FILES]
    assert found == ["北京市", "河北省", "天津市"]  # files sorted: beijing, hebei, tianjin


def test_infers_city_level_from_the_adoption_note(tmp_path) -> None:
    text = "关于加强城市绿化管理的决定\n（2020年5月1日杭州市第十三届人民代表大会常务委员会第二十六次会议通过）\n一、本市加强绿化。\n二、市人民政府负责。\n"
    doc = parse(read_source(write_text(tmp_path, "hz.txt", text)), "hz")
    found = infer_jurisdiction(doc, TABLE)
    assert (found.name, found.level, found.self_words) == ("杭州市", "prefecture", ("本市",))


def test_national_law_and_user_override(tmp_path) -> None:
    law = parse(read_source(write_text(tmp_path, "law.txt", "中华人民共和国测试法\n第一条 为了测试，制定本法。\n")), "l")
    assert infer_jurisdiction(law, TABLE) == NATIONAL
    assert infer_jurisdiction(law, TABLE, given="上海市").name == "上海市"


def test_a_text_that_names_no_body_is_national_unless_it_speaks_as_a_local_one(tmp_path) -> None:
    """No enacting body: a text that never says 本市/本省 is read as national ("assumed", as
    ``amend`` reads versions of one text); one that does asks for --jurisdiction."""
    plain = parse(read_source(write_text(tmp_path, "p.txt", "某某管理办法\n第一条 为了管理，制定本办法。\n")), "p")
    assumed = infer_jurisdiction(plain, TABLE)
    assert (assumed.name, assumed.source) == (NATIONAL.name, "assumed")
    doc = parse(read_source(write_text(tmp_path, "x.txt", "某某管理办法\n第一条 为了本市管理，制定本办法。\n")), "x")
    with pytest.raises(InputError) as err:
        infer_jurisdiction(doc, TABLE)
    assert "--jurisdiction" in err.value.message("zh") and "x.txt" in err.value.message("en")
    with pytest.raises(InputError):
        infer_jurisdiction(doc, TABLE, given="不存在市")


def test_self_reference_resolves_to_the_enacting_jurisdiction() -> None:
    assert keys("本市", BJ) == keys("北京市", BJ) == ["J:110000"]
    assert keys("本省行政区域", HB) == ["J:130000:行政区域"]
    assert keys("市人民政府", BJ) == keys("北京市人民政府", TJ)
    assert keys("由市人民政府批准", TJ)[1] == "J:120000:人民政府"


def test_generic_organs_are_not_self_references() -> None:
    for text in ("设区的市人民政府", "超市主管部门", "各市人民政府"):
        assert not any(k.startswith("J:110000:") for k in keys(text, BJ)), text
    assert all(not k.startswith("J:") for k in keys("市场监督管理部门", BJ))


@pytest.mark.parametrize("text,own", [("本市与天津市、河北省共同建设", BJ), ("本市与北京市、河北省共同建设", TJ),
                                      ("本省与北京市、天津市共同建设", HB)])
def test_partner_lists_compare_as_sets(text: str, own) -> None:
    assert keys(text, own) == keys("本市与天津市、河北省共同建设", BJ)


def test_list_of_the_other_partners_matches_across_texts() -> None:
    beijing = keys("应当加强与天津市、河北省的沟通", BJ)
    assert beijing == keys("应当加强与北京市、河北省的沟通", TJ) == keys("应当加强与北京市、天津市的沟通", HB)
    assert beijing != keys("应当加强与天津市、山西省的沟通", BJ)


def test_short_province_names_prefer_the_province_over_a_district() -> None:
    # 河北 is also 天津市河北区; inside running text the province is meant.
    assert "J:130000" in keys("河北唐山、保定", BJ)


def test_institution_names_share_a_key_only_where_a_body_is_meant() -> None:
    a = LEXER.tokens("教育、经济和信息化、人力资源社会保障等有关部门", BJ)
    b = LEXER.tokens("教育、工业和信息化、人力资源社会保障等有关部门", TJ)
    assert [t.key for t in a] == [t.key for t in b]
    assert any(t.kind == "institution" for t in a)
    assert all(t.kind != "institution" for t in LEXER.tokens("科技创新优势", BJ))


def test_real_beijing_clause_against_its_hebei_rendering(tmp_path) -> None:
    # 北京市优化营商环境条例 第八条 (lawrefbook), and the same clause as Hebei would enact it.
    bj = write_text(tmp_path, "bj.txt", decision("北京市人民代表大会常务委员会", ["本市与天津市、河北省协同推进优化营商环境工作，逐步实现政务服务标准统一、资质互认、区域通办。"]))
    hb = write_text(tmp_path, "hb.txt", decision("河北省人民代表大会常务委员会", ["本省与北京市、天津市协同推进优化营商环境工作，逐步实现政务服务标准统一、资质互认、区域通办。"], date="2023年11月30日", session="第十四届"))
    result = compare_files([bj, hb], Options())
    assert [r.status for r in result.rows] == ["jurisdictional"]
    assert [d.cls for d in result.rows[0].differences] == ["partner_list"]


def test_another_region_yangtze_delta(tmp_path) -> None:
    # 长三角生态绿色一体化发展示范区条例 (上海, lawrefbook) 第九条, and a Zhejiang rendering.
    sh = write_text(tmp_path, "sh.txt", decision("上海市人民代表大会常务委员会", ["本市与江苏省、浙江省联合成立示范区理事会，作为示范区建设重要事项的决策平台。", "市人民政府应当加强组织领导。"], date="2020年9月25日", session="第十五届"))
    zj = write_text(tmp_path, "zj.txt", decision("浙江省人民代表大会常务委员会", ["本省与上海市、江苏省联合成立示范区理事会，作为示范区建设重要事项的决策平台。", "省人民政府应当加强组织领导。"], date="2020年9月24日", session="第十三届"))
    result = compare_files([sh, zj], Options())
    assert result.base == "zj"  # adopted first
    assert [r.status for r in result.rows] == ["jurisdictional", "jurisdictional"]


def test_two_cities_of_one_province(tmp_path) -> None:
    hz = write_text(tmp_path, "hz.txt", decision("杭州市人民代表大会常务委员会", ["市人民政府应当加强与宁波市的合作。"], date="2021年1月1日", session="第十三届"))
    nb = write_text(tmp_path, "nb.txt", decision("宁波市人民代表大会常务委员会", ["市人民政府应当加强与杭州市的合作。"], date="2021年1月2日", session="第十五届"))
    result = compare_files([hz, nb], Options())
    assert [d.jurisdiction.name for d in result.documents] == ["杭州市", "宁波市"]
    assert result.rows[0].status == "jurisdictional"
    assert result.rows[0].differences[0].cls == "self_reference"


def test_real_provincial_and_municipal_scope_clauses() -> None:
    from support import corpus_file

    guangdong = corpus_file("广东省优化营商环境条例(2022-06-01).md")
    shanghai = corpus_file("上海市优化营商环境条例(2020-04-10).md")
    comparison = compare_files([guangdong, shanghai], Options())
    assert [d.jurisdiction.name for d in comparison.documents] == ["上海市", "广东省"]
    scope = next(r for r in comparison.rows if r.cells["上海市优化营商环境条例-2020-04-10"] and
                 r.cells["上海市优化营商环境条例-2020-04-10"].number == "第二条")
    pairs = {(d.old, d.new, d.cls) for d in scope.differences}
    assert ("本市行政区域", "本省行政区域", "self_reference") in pairs  # 本条例适用于本市/本省行政区域内…


def test_malformed_institutions_file_is_an_input_error(tmp_path) -> None:
    from compare.jurisdiction.institutions import load_institutions as load

    bad = tmp_path / "i.toml"
    bad.write_text('group = ["a", "b"]\n', encoding="utf-8")
    with pytest.raises(InputError):
        load(str(bad))


@pytest.mark.parametrize("text,not_a_name", [("资本市场", "本市"), ("适应城市经济发展", "应城市"), ("专项城市设计", "项城市"),
                                              ("滨海城市", "海城市"), ("中山东一路", "山东"), ("湖北路", "湖北"),
                                              ("房山区河北镇", "河北"), ("会同县（市、区）人民政府", "会同县")])
def test_names_inside_ordinary_words_or_streets_are_not_jurisdictions(text: str, not_a_name: str) -> None:
    tokens = LEXER.tokens(text, BJ)
    assert not any(t.kind == "jurisdiction" and not_a_name in t.surface for t in tokens), tokens


def test_whole_and_level_self_forms_resolve() -> None:
    gd = jur("广东省")
    lexer = JurisdictionLexer(TABLE, (BJ, gd), load_institutions())
    assert lexer.tokens("全市", BJ)[0].key == "J:110000:全" and lexer.tokens("全省", gd)[0].key == "J:440000:全"
    assert lexer.tokens("市级财政", BJ)[0].key == "J:110000:级"
    assert lexer.tokens("市政府", BJ)[0].key == lexer.tokens("市人民政府", BJ)[0].key


def test_partner_list_sharing_one_organ() -> None:
    assert keys("完善与天津市、河北省人民政府的协同", BJ) == keys("完善与北京市、天津市人民政府的协同", HB)
    assert keys("完善与天津市、河北省人民政府的协同", BJ) == keys("完善与天津市人民政府、河北省人民政府的协同", BJ)


def test_renamed_department_after_a_bare_prefix_is_an_institution_difference(tmp_path) -> None:
    bj = write_text(tmp_path, "bj.txt", decision("北京市人民代表大会常务委员会", ["市经济和信息化部门负责组织实施。"]))
    tj = write_text(tmp_path, "tj.txt", decision("天津市人民代表大会常务委员会", ["市工业和信息化部门负责组织实施。"],
                                                  date="2023年11月29日"))
    row = compare_files([bj, tj], Options()).rows[0]
    assert [(d.cls, d.old, d.new) for d in row.differences] == [("institution_name", "经济和信息化", "工业和信息化")]


@pytest.mark.parametrize("pattern,expected", [("青岛市禁止焚烧抛撒丧葬祭奠物品规定*", "青岛市"), ("上海港口条例*", "上海市"),
                                              ("中国（上海）自由贸易试验区条例*", "上海市"), ("宁波杭州湾新区条例*", "宁波市"),
                                              ("公安机关办理行政案件程序规定*", "中华人民共和国"),
                                              ("莱芜市钢结构建筑应用促进条例*", "莱芜市")])
def test_inference_on_real_files_whose_title_names_the_place(pattern: str, expected: str) -> None:
    from support import corpus_file

    doc = parse(read_source(corpus_file(pattern)), "d")
    assert infer_jurisdiction(doc, TABLE).name == expected


def test_given_names_must_be_unambiguous_or_codes(tmp_path) -> None:
    doc = parse(read_source(write_text(tmp_path, "x.txt", "某某管理办法\n第一条 为了管理，制定本办法。\n")), "x")
    with pytest.raises(InputError) as err:
        infer_jurisdiction(doc, TABLE, given="朝阳区")
    assert "110105" in err.value.message("zh")
    assert infer_jurisdiction(doc, TABLE, given="110105").name == "朝阳区"
    assert infer_jurisdiction(doc, TABLE, given="北京").name == "北京市"


def test_compare_reads_unplaced_versions_as_amend_does(tmp_path) -> None:
    """`compare` of two versions that name no enacting body used to refuse what `amend`
    accepted; both now read them as national, and `compare` says so."""
    from support import run_cli

    old = write_text(tmp_path, "old.md", "# 某某管理办法\n\n第一条 为了管理，制定本办法。\n\n第二条 单位应当登记。\n")
    new = write_text(tmp_path, "new.md", "# 某某管理办法\n\n第一条 为了管理，制定本办法。\n\n第二条 单位应当备案。\n")
    result = run_cli("compare", old, new, "-o", str(tmp_path / "r.html"), "--no-db")
    assert result.returncode == 0 and result.stderr.count("按全国性文本处理") == 2
    assert run_cli("amend", old, new, "--no-db").returncode == 0
