"""harmonise: base wording in the amended text's terms (compare.amend.wording), and quotation
marks nested inside quoted texts (model.nest_quotes, read back by parse)."""

from __future__ import annotations

from pathlib import Path

from compare.amend import apply_file, decision_text, harmonise_files
from compare.instrument.model import Instruction, Target, nest_quotes, unnest_quotes
from compare.amend.parse import parse_decision
from compare.instrument.render import instruction_text
from compare.amend.wording import ABSOLUTE, RELATIVE, Evidence, Wording, writes_full_width
from compare.model import Jurisdiction, Token
from support import JJJ, write_text

BEIJING = Jurisdiction("北京市", "province", ("本市",), "市", "110000")
HEBEI = Jurisdiction("河北省", "province", ("本省",), "省", "130000")


def _words() -> Wording:
    return Wording(HEBEI, BEIJING)


def test_relative_and_absolute_readings_of_a_base_word() -> None:
    words = _words()
    self_word = Token("本市", "J:110000", "jurisdiction")
    organ = Token("市人民政府", "J:110000:人民政府", "jurisdiction")
    other_name = Token("河北省", "J:130000", "jurisdiction")
    assert (words.relative(self_word), words.absolute(self_word)) == ("本省", "北京市")
    assert (words.relative(organ), words.absolute(organ)) == ("省人民政府", "北京市人民政府")
    assert (words.relative(other_name), words.absolute(other_name)) == ("北京市", "本省")
    third = Token("天津市", "J:120000", "jurisdiction")
    assert words.relative(third) == words.absolute(third) == "天津市"


def _tokens(*parts: tuple[str, str, str]) -> list[Token]:
    return [Token(s, k, kind) for s, k, kind in parts]


def test_the_counterpart_decides_by_neighbourhood_then_by_votes_else_relative_and_reported() -> None:
    line = _tokens(("本市", "J:110000", "jurisdiction"), ("科技创新", "科技创新", "word"), ("优势", "优势", "word"))
    words = _words()
    assert words.line(line, Evidence("将北京市科技创新优势和本省环京地缘优势相结合")) == "北京市科技创新优势"
    assert words.line(line, Evidence("本省科技创新优势明显")) == "本省科技创新优势"
    assert words.unsure == []
    votes = Evidence("无关的文字")
    votes.votes.update({ABSOLUTE: 2, RELATIVE: 1})
    assert words.line(line, votes) == "北京市科技创新优势"
    words.article = 7
    assert words.line(line, Evidence()) == "本省科技创新优势"  # no evidence: by role, and reported
    assert [(c.article, c.base, c.drafted, c.absolute) for c in words.unsure] == [(7, "本市", "本省", "北京市")]


def test_votes_count_same_referent_as_absolute_and_same_role_as_relative() -> None:
    words, evidence = _words(), Evidence()
    words.vote(Token("北京市", "J:110000", "jurisdiction"), Token("本市", "J:110000", "jurisdiction"), evidence)
    words.vote(Token("本省", "J:130000", "jurisdiction"), Token("本市", "J:110000", "jurisdiction"), evidence)
    words.vote(Token("天津市", "J:120000", "jurisdiction"), Token("天津市", "J:120000", "jurisdiction"), evidence)
    assert evidence.votes == {ABSOLUTE: 1, RELATIVE: 1}  # 天津市, a third party, says nothing


def test_full_width_punctuation_follows_the_amended_text() -> None:
    assert writes_full_width(["本省应当加强合作，推动发展；"]) and not writes_full_width(["a,b;c", "d，"])
    words = Wording(HEBEI, BEIJING, full_width=True)
    line = _tokens(("合作", "合作", "word"), (",", ",", "punct"), ("发展", "发展", "word"))
    assert words.line(line, Evidence()) == "合作，发展"


def test_demo_hebei_draft_keeps_who_has_which_strength() -> None:
    """Beijing's 将本市科技创新优势和河北省环京地缘优势相结合 is a statement of fact: in Hebei's
    text it reads 北京市…本省, as Hebei's own article 五 has it (by role it would swap them)."""
    drafts = dict(harmonise_files(str(JJJ / "beijing.txt"), [str(JJJ / "tianjin-constructed.txt"),
                                                            str(JJJ / "hebei-constructed.txt")]))
    hebei = decision_text(drafts[str(JJJ / "hebei-constructed.txt")])
    tianjin = decision_text(drafts[str(JJJ / "tianjin-constructed.txt")])
    assert "将北京市科技创新优势和本省环京地缘优势相结合" in hebei
    assert "与本省三河、大厂、香河" in hebei and "北京市三河" not in hebei and "与北京市区域中心城市" not in hebei
    assert "将北京市科技创新优势和河北省环京地缘优势相结合" in tianjin and "本市科技创新优势" not in tianjin
    assert "," not in hebei and ";" not in hebei  # Beijing's half-width punctuation, in Hebei's full width
    assert "唱好京津‘双城记’" in hebei
    # Beijing's district named without its city is Beijing's in the other texts
    assert "加强北京市通州区与本省三河" in hebei and "加强北京市通州区与河北省三河" in tianjin


def test_a_draft_with_nested_quotes_applies_back_to_double_quotes(tmp_path: Path) -> None:
    [(path, decision)] = harmonise_files(str(JJJ / "beijing.txt"), [str(JJJ / "hebei-constructed.txt")])
    decision_file = write_text(tmp_path, "d.txt", decision_text(decision))
    amended = apply_file(path, str(decision_file))
    assert "唱好京津“双城记”" in amended and "‘" not in amended


def test_nested_quotes_are_rendered_single_and_read_back() -> None:
    ins = Instruction("replace", (Target(3),), new="坚持“三个代表”重要思想")
    assert instruction_text(ins) == "将第三条修改为：“坚持‘三个代表’重要思想”"
    parsed = parse_decision("一、将第三条修改为：“坚持‘三个代表’重要思想”\n")
    assert parsed.instructions[0].new == "坚持“三个代表”重要思想"
    sloppy = parse_decision("一、将第三条修改为：“坚持“三个代表”重要思想”\n")  # not nested: taken as written
    assert sloppy.instructions[0].new == "坚持“三个代表”重要思想"
    assert unnest_quotes(nest_quotes("“甲”与‘乙’")) == "“甲”与‘乙’"


BJ_TEXT = """北京市人民代表大会常务委员会关于推进示例协作的决定

一、本市应当加强与河北省的协作，推动示例工作。

二、坚持将本市科技优势和河北省地缘优势相结合，共同发展。

三、支持本市企业在河北省设立研发机构。
"""

HE_TEXT = """河北省人民代表大会常务委员会关于推进示例协作的决定

一、本省应当加强与北京市的协作，推动示例工作。

二、坚持将北京市科技优势和本省地缘优势相结合，共同发展。
"""


def test_words_without_evidence_are_drafted_by_role_and_reported(tmp_path: Path) -> None:
    """An added item has no counterpart: its 本市 and 河北省 are drafted by role (本省, 北京市)
    and each is named on stderr for the reviewer; the matched items get no instruction."""
    import subprocess
    import sys

    from support import REPO

    base, other = write_text(tmp_path, "bj.txt", BJ_TEXT), write_text(tmp_path, "he.txt", HE_TEXT)
    [(_, decision)] = harmonise_files(base, [other])
    assert decision_text(decision).count("、") >= 1 and "支持本省企业在北京市设立研发机构" in decision_text(decision)
    assert {t.article for i in decision.instructions for t in i.targets} == {2}  # 在第二条后增加一条
    assert [(c.base, c.drafted, c.absolute) for c in decision.checks] == [("本市", "本省", "北京市"),
                                                                         ("河北省", "北京市", "本省")]
    result = subprocess.run([sys.executable, "-m", "compare", "harmonise", "--no-db", "--base", base, other],
                            capture_output=True, text=True, cwd=tmp_path, timeout=300,
                            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "第三条：“本市”按职能写作“本省”" in result.stderr and "应写作“北京市”" in result.stderr


def test_a_district_of_the_base_is_named_with_it_once_and_makes_its_city_a_place() -> None:
    """Beijing's 通州区 is 北京市通州区 in Hebei's text, but not after 北京市 / 北京; and Beijing's
    本市通州区 names a place, so it reads 北京市通州区 (not 本省通州区)."""
    from compare.jurisdiction import load_divisions

    words = Wording(HEBEI, BEIJING, table=load_divisions())
    district = ("通州区", "J:110112", "jurisdiction")
    rest = ("应当", "应当", "word")
    cases = {(district, rest): "北京市通州区应当",
             (("本市", "J:110000", "jurisdiction"), district, rest): "北京市通州区应当",
             (("北京", "J:110000", "jurisdiction"), district, rest): "北京通州区应当",
             (("北京市", "J:110000", "jurisdiction"), district, rest): "北京市通州区应当"}
    for parts, expected in cases.items():
        assert words.line(_tokens(*parts), Evidence()) == expected, parts
    assert Wording(HEBEI, BEIJING).line(_tokens(district, rest), Evidence()) == "通州区应当"  # no table: as written
