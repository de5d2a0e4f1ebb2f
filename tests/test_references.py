"""Cross-references compared by target (compare.references), on real text.

Each test failed before references were resolved: a reference that follows its renumbered
article was called ``cross_reference`` or ``wording`` (substantive).
"""

from __future__ import annotations

from pathlib import Path

from compare.references import Renumbering, parse, renumbered
from compare.pipeline import Options, compare_files
from support import corpus_file

# 行政复议法 (2017) 第二十八条 and neighbours, with references written in the forms the
# issue lists (lists with 和 / 、 / 或者, ranges with 至, 款 and 项, 前款, 本条第二款).
ARTICLES = [
    "为了防止和纠正违法的或者不当的具体行政行为，保护公民、法人和其他组织的合法权益，制定本法。",
    "公民、法人或者其他组织认为具体行政行为侵犯其合法权益，向行政机关提出行政复议申请，适用本法。",
    "依照本法履行行政复议职责的行政机关是行政复议机关。",
    "行政复议机关履行行政复议职责，应当遵循合法、公正、公开、及时、便民的原则。",
    "公民、法人或者其他组织对行政复议决定不服的，可以依照行政诉讼法的规定向人民法院提起行政诉讼。",
    "有下列情形之一的，公民、法人或者其他组织可以依照本法申请行政复议。\n前款规定以外的情形，依照第四条的规定处理。",
    "依照本法第三条和第四条的规定，行政复议机关应当审查本法第五条、第六条第二款或者第四条所列事项。",
    "违反本法第三条至第六条规定的，依照本条第二款处理。\n行政复议机关工作人员有前款行为的，依法给予处分。",
]


def _law(articles: list[str]) -> str:
    numerals = "一二三四五六七八九十"
    lines = ["# 中华人民共和国测试法", "", "<!-- INFO END -->", ""]
    for n, text in enumerate(articles, 1):
        first, *rest = text.split("\n")
        lines += [f"第{numerals[n - 1]}条 {first}", ""] + [p + "\n" for p in rest]
    return "\n".join(lines)


def _compare(tmp_path: Path, old: list[str], new: list[str]):
    a, b = tmp_path / "old.md", tmp_path / "new.md"
    a.write_text(_law(old), encoding="utf-8")
    b.write_text(_law(new), encoding="utf-8")
    return compare_files([str(a), str(b)], Options(base=str(a), jurisdictions={"*": "全国"}))


def _renumber(text: str) -> str:
    """The old text with article 2 deleted: every later article number one lower."""
    for old, new in (("第三条", "第二条"), ("第四条", "第三条"), ("第五条", "第四条"), ("第六条", "第五条")):
        text = text.replace(old, new)
    return text


def test_parse_lists_ranges_and_relative_forms() -> None:
    assert [r.targets for r in parse("违反本法第十八条第二款、第二十条第一款第三项或者前款")] == ["18.2,20.1.3,S.前1"]
    assert [r.targets for r in parse("依照专利法第十八条或者本细则第十六条")] == ["16"]
    assert renumbered("12,13", Renumbering({12: 11, 13: 12})) == "11,12"


def test_deleted_article_renumbers_every_later_reference_without_substantive_flags(tmp_path: Path) -> None:
    new = [ARTICLES[0]] + [_renumber(t) for t in ARTICLES[2:]]
    comparison = _compare(tmp_path, ARTICLES, new)
    flagged = [(r.label, d.cls, d.old, d.new) for r in comparison.rows for d in r.differences
               if d.category == "substantive"]
    assert flagged == []
    moved = {(d.old, d.new) for r in comparison.rows for d in r.differences if d.cls == "renumbering"}
    assert ("本法第三条和第四条", "本法第二条和第三条") in moved
    assert ("本法第三条至第六条", "本法第二条至第五条") in moved
    assert ("本法第五条、第六条第二款或者第四条", "本法第四条、第五条第二款或者第三条") in moved


def test_a_reference_that_keeps_its_number_after_renumbering_changed_target(tmp_path: Path) -> None:
    new = [ARTICLES[0]] + [_renumber(t) for t in ARTICLES[2:]]
    new[-1] = new[-1].replace("本法第二条至第五条", "本法第三条至第五条")  # no longer follows 第三条 → 第二条
    comparison = _compare(tmp_path, ARTICLES, new)
    classes = {(d.cls, d.old, d.new) for r in comparison.rows for d in r.differences}
    assert ("cross_reference", "本法第三条至第六条", "本法第三条至第五条") in classes


def test_paragraph_references_follow_a_split_on_real_text() -> None:
    # 立法法 2015 第七十二条 lost its first 款 to the new 第八十条; 本条第二款 became 本条第一款,
    # and 第七十三条's 本法第七十二条第二款 became 本法第八十一条第一款.
    comparison = compare_files([corpus_file("立法法(2015-03-15).md"), corpus_file("立法法(2023-03-13).md")], Options())
    by_label = {}
    for row in comparison.rows:
        for d in row.differences:
            by_label.setdefault(row.label, []).append((d.cls, d.old, d.new))
    assert ("renumbering", "本条第二款", "本条第一款") in by_label["第七十二条"]
    assert ("renumbering", "本法第七十二条第二款", "本法第八十一条第一款") in by_label["第七十三条"]
    refs = [c for label in ("第七十二条", "第七十三条") for c, old, _ in by_label[label] if "条" in old and "第" in old]
    assert "cross_reference" not in refs and "wording" not in refs


def test_module_examples_hold() -> None:
    import doctest

    from compare import references

    assert doctest.testmod(references).failed == 0


def test_article_spans_name_the_articles_of_a_target_string() -> None:
    from compare.references import article_spans

    assert article_spans("40~42,18.2,S.前1,5.1~7,10之1") == [(40, 42), (18, 18), (5, 7)]
