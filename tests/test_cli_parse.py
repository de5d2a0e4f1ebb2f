"""``legiscompare parse`` and ``corpus stats`` from the command line."""

from __future__ import annotations

import json

from support import JJJ, write_text
from support import run_cli as in_process


def cli(*args: str):  # type: ignore[no-untyped-def]
    return in_process(*args)


def test_parse_prints_the_tree_and_json() -> None:
    tree = cli("parse", str(JJJ / "beijing.txt"))
    assert tree.returncode == 0, tree.stderr
    assert "制定机关：北京市人民代表大会常务委员会" in tree.stdout and "[item20] 二十" in tree.stdout
    data = json.loads(cli("parse", str(JJJ / "beijing.txt"), "--json").stdout)
    assert [p["id"] for p in data["provisions"]][:2] == ["preamble", "item1"]
    assert data["adopted"] == "2023-11-24" and data["effective"] == "公布之日"


def test_parse_shows_chapters_and_items(tmp_path) -> None:
    text = ("某市测试条例\n\n第一章　总　　则\n\n第一条 为了测试，制定本条例。\n\n第二条 有下列情形之一的，予以处罚：\n"
            "（一）擅自施工的；\n（二）拒不改正的。\n\n第二章　附　　则\n\n第三条 本条例自2024年1月1日起施行。\n")
    out = cli("parse", write_text(tmp_path, "t.txt", text))
    assert out.returncode == 0, out.stderr
    assert "第一章" in out.stdout and "[ch1/art2/p1/i2] （二）" in out.stdout
    assert "施行日期：2024-01-01" in out.stdout


def test_parse_bad_input_is_one_line(tmp_path) -> None:
    out = cli("parse", write_text(tmp_path, "e.txt", ""))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1


def test_corpus_stats_on_a_folder(tmp_path) -> None:
    write_text(tmp_path, "a.md", "# 甲条例\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 甲。\n\n第三条 丙。\n")
    write_text(tmp_path, "b.md", "# 空壳\n\n<!-- INFO END -->\n")
    out = cli("corpus", "stats", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "解析文件 1 个，失败 1 个" in out.stdout and "跳号 1" in out.stdout


def test_parser_warnings_read_as_sentences(tmp_path) -> None:
    path = write_text(tmp_path, "w.txt", "某市测试条例\n\n第一条 甲。\n\n第三条 丙。\n")
    assert "解析提示：第一条之后是第三条，中间的编号缺失" in cli("parse", path).stdout
    assert "第三条 follows 第一条: the numbers in between are missing" in cli("--lang", "en", "parse", path).stdout
