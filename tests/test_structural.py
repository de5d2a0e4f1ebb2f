"""Structural differences: every added, deleted, absent, moved, split, merged or renumbered
provision is a reviewable difference (issue 15), on real corpus texts and on the demo."""

from __future__ import annotations

import dataclasses
import json

import demo_variants
import pytest
from support import JJJ_FILES, corpus_file

from compare.audit import audit
from compare.classify.structural import PRESENCE_CLASSES, is_substantive
from compare.pipeline import Options, compare_files
from compare.report import render_html, to_json
from compare.report.cells import absent_note, part_starts
from compare.report.csv_export import to_csv
from compare.report.docx_export import build_document
from compare.report.labels import LABELS
from compare.store import difference_fingerprints, open_store


def structural(comparison, cls: str | None = None) -> list[tuple[str, object]]:
    """(row label, difference) of every structural difference, optionally of one class."""
    return [(r.label, d) for r in comparison.rows for d in r.differences
            if d.category == "structural" and (cls is None or d.cls == cls)]


def row_of(comparison, label: str, cls: str):
    return next(r for r in comparison.rows if r.label == label and any(d.cls == cls for d in r.differences))


@pytest.fixture(scope="module")
def fuyi():
    """行政复议法, 2017 and 2023 versions (real corpus)."""
    return compare_files([corpus_file("行政复议法(2017-09-01).md"), corpus_file("行政复议法(2023-09-01).md")])


# --- versions of one law: added, deleted, renumbered --------------------------------------

@pytest.mark.corpus
def test_deleted_article_of_2017_names_the_later_version(fuyi) -> None:
    row = row_of(fuyi, "第三条", "deleted")
    assert row.status == "deleted"
    [diff] = [d for d in row.differences if d.cls == "deleted"]
    assert diff.document.endswith("2023-09-01") and diff.against.endswith("2017-09-01")
    assert diff.old.startswith("依照本法履行行政复议职责的行政机关是行政复议机关") and diff.new == ""
    assert diff.rule == "2023-09-01版删除此条（2017-09-01版为第三条）"
    assert is_substantive(diff)


@pytest.mark.corpus
def test_new_articles_four_to_nine_of_2023_are_added(fuyi) -> None:
    added = [label for label, _ in structural(fuyi, "added")]
    assert added[:6] == ["第四条", "第五条", "第六条", "第七条", "第八条", "第九条"]
    diff = dict(structural(fuyi, "added"))["第五条"]
    assert diff.old == "" and "调解" in diff.new and diff.rule == "2023-09-01版新增此条"
    assert "缺失" not in render_html(fuyi) and "missing" not in {r.status for r in fuyi.rows}
    row = row_of(fuyi, "第五条", "added")
    earlier = next(d for d in row.cells if d.endswith("2017-09-01"))
    assert absent_note(row, earlier) == "2023-09-01版新增此条"  # the empty 2017 cell says so


@pytest.mark.corpus
def test_renumbered_article_is_not_substantive(fuyi) -> None:
    label, diff = structural(fuyi, "renumbered")[0]
    assert (label, diff.old, diff.new) == ("第四条", "第四条", "第三条")
    assert not is_substantive(diff)


@pytest.mark.corpus
def test_direction_follows_dates_not_the_base() -> None:
    later = corpus_file("行政复议法(2023-09-01).md")
    comparison = compare_files([corpus_file("行政复议法(2017-09-01).md"), later], Options(base=later))
    assert comparison.base.endswith("2023-09-01")
    deleted = [label for label, d in structural(comparison, "deleted")]
    added = [label for label, d in structural(comparison, "added")]
    assert "第三条" in deleted and added[:2] == ["第四条", "第五条"]


@pytest.mark.corpus
def test_english_wording(monkeypatch) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    comparison = compare_files([corpus_file("行政复议法(2017-09-01).md"), corpus_file("行政复议法(2023-09-01).md")])
    rules: dict[str, str] = {}
    for _, d in structural(comparison):
        rules.setdefault(d.cls, d.rule)
    assert rules["added"] == "added in the 2023-09-01 version"
    assert rules["deleted"] == "deleted in the 2023-09-01 version (the 2017-09-01 version: 第三条)"


# --- moved, split, merged on real laws -----------------------------------------------------

def _versions(stem: str, a: str, b: str):
    return compare_files([corpus_file(f"{stem}({a}).md"), corpus_file(f"{stem}({b}).md")])


@pytest.mark.corpus
def test_moved_article_of_the_state_council_organic_law() -> None:
    comparison = _versions("国务院组织法", "1982-12-10", "2024-03-11")
    [(label, diff)] = structural(comparison, "moved")
    assert (label, diff.old, diff.new) == ("第十条", "第十条", "第十四条")
    assert diff.rule == "在本文本中位于第十三条之后，在1982-12-10版中位于第九条之后"
    assert row_of(comparison, "第十条", "moved").status in ("moved", "substantive")
    assert not is_substantive(diff)


@pytest.mark.corpus
def test_split_article_of_the_national_defence_education_law() -> None:
    comparison = _versions("国防教育法", "2018-04-27", "2024-09-13")
    [(label, diff)] = structural(comparison, "split")
    assert (label, diff.old, diff.new) == ("第三十七条", "第三十七条", "第四十条、第四十一条")
    row = row_of(comparison, "第三十七条", "split")
    later = next(d for d in row.cells if d.endswith("2024-09-13"))
    starts = part_starts(row, later, comparison.base, "2018-04-27", LABELS["zh"])
    assert starts == {0: "第四十条（拆分自2018-04-27第三十七条）", 1: "第四十一条（拆分自2018-04-27第三十七条）"}
    html = render_html(comparison)
    assert "第四十一条（拆分自" in html


@pytest.mark.corpus
def test_merged_articles_of_the_martyrs_regulation() -> None:
    comparison = _versions("烈士褒扬条例", "2019-08-01", "2024-09-27")
    merged = [(label, d.old, d.new) for label, d in structural(comparison, "merged")]
    assert merged == [("第十一条、第十二条", "第十一条、第十二条", "第十二条")]
    assert "由" in render_html(comparison) and "合并" in render_html(comparison)


# --- the demo, modified --------------------------------------------------------------------

def test_demo_as_enacted_has_no_structural_difference() -> None:
    comparison = compare_files(JJJ_FILES, Options())
    assert structural(comparison) == []
    rows = {r.label: r for r in comparison.rows}
    assert rows["五"].majority == () and rows["六"].majority == ()  # every text reads them differently
    assert len(rows["十五"].majority) == 2 and len(rows["一"].majority) == 3
    html = render_html(comparison)
    assert html.count("各文本写法均不相同") == 2 and "1/3 个文本一致" not in html


def test_hebei_only_item_is_absent_elsewhere(tmp_path) -> None:
    comparison = compare_files(demo_variants.hebei_extra(tmp_path), Options())
    [(label, diff)] = structural(comparison, "absent")
    assert label == "十二" and diff.document == "hebei-constructed" and diff.against == "beijing"
    assert diff.rule == "仅河北省有；北京市、天津市无此条"
    assert diff.old == "" and diff.new.startswith("本省支持雄安新区")
    row = row_of(comparison, "十二", "absent")
    assert row.status == "absent"
    renumbered = [label for label, _ in structural(comparison, "renumbered")]
    assert renumbered == ["十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"]


def test_missing_item_in_one_text_says_which(tmp_path) -> None:
    paths = demo_variants.hebei_extra(tmp_path)
    comparison = compare_files(paths, Options(base=paths[2]))  # Hebei as the base
    lacking = {d.document: d.rule for label, d in structural(comparison, "absent")}
    assert lacking == {"beijing": "仅河北省有；北京市无此条", "tianjin-constructed": "仅河北省有；天津市无此条"}


def test_moved_item_is_not_identical(tmp_path) -> None:
    comparison = compare_files(demo_variants.beijing_moved(tmp_path), Options())
    moved = structural(comparison, "moved")
    assert [(label, d.document, d.old, d.new) for label, d in moved] == [
        ("十五", "tianjin-constructed", "十五", "三"), ("十五", "hebei-constructed", "十五", "三")]
    assert moved[0][1].rule == "在本文本中位于二之后，在北京市中位于十四之后"
    assert row_of(comparison, "十五", "moved").status == "moved"
    assert "identical" not in {r.status for r in comparison.rows if r.label in ("三", "十五")}


def test_merged_and_split_items(tmp_path) -> None:
    merged = compare_files(demo_variants.hebei_merged(tmp_path / "m"), Options())
    assert [(label, d.document, d.new) for label, d in structural(merged, "merged")] == [
        ("七、八", "hebei-constructed", "七")]
    assert row_of(merged, "七、八", "merged").status == "merged"
    split = compare_files(demo_variants.beijing_merged(tmp_path / "s"), Options())
    assert [(label, d.document, d.new) for label, d in structural(split, "split")] == [
        ("七", "tianjin-constructed", "七、八"), ("七", "hebei-constructed", "七、八")]
    row = row_of(split, "七", "split")
    assert row.status == "split"
    assert part_starts(row, "hebei-constructed", "beijing", "北京市", LABELS["zh"]) == {
        0: "七（拆分自北京市七）", 2: "八（拆分自北京市七）"}
    html = render_html(split)
    assert html.count("八（拆分自北京市七）") == 2


# --- every output carries them -------------------------------------------------------------

def test_outputs_carry_structural_differences(tmp_path) -> None:
    comparison = compare_files(demo_variants.hebei_extra(tmp_path), Options())
    data = json.loads(to_json(comparison))
    assert data["schema_version"] == 2
    assert data["summary"]["statuses"]["absent"] == 1 and data["summary"]["statuses"]["renumbered"] == 7
    assert data["summary"]["differences"]["hebei-constructed"]["categories"]["structural"] == 10
    csv = to_csv(comparison)
    assert "结构,仅部分文本有,,本省支持雄安新区" in csv and "仅河北省有；北京市、天津市无此条" in csv
    html = render_html(comparison)
    assert 'class="absent" title="河北省十二 · 河北省：仅部分文本有"' in html  # the base lacks it: Hebei's, named
    word = "\n".join(cell.text for table in build_document(comparison).tables for row in table.rows
                     for cell in row.cells)
    assert "河北省：仅河北省有；北京市、天津市无此条" in word and "河北省：北京市的十二在本文本中编号为十三" in word
    working = "\n".join(cell.text for table in build_document(comparison, notes=True).tables for row in table.rows
                        for cell in row.cells)
    assert "［仅部分文本有］仅河北省有；北京市、天津市无此条" in working and "［编号调整］北京市的十二在本文本中编号为十三" in working
    assert 'data-filter="structural"' in html


def test_fingerprints_are_unique_and_stable(tmp_path) -> None:
    paths = demo_variants.beijing_moved(tmp_path)
    first, second = (difference_fingerprints(compare_files(paths, Options())) for _ in range(2))
    assert first == second
    flat = [fp for row in first for fp in row]
    assert len(flat) == len(set(flat))


def test_structural_differences_leave_earlier_fingerprints_alone(tmp_path) -> None:
    """Decisions recorded before structural differences existed keep attaching."""
    comparison = compare_files(demo_variants.hebei_extra(tmp_path), Options())
    old_rows = [dataclasses.replace(r, differences=[d for d in r.differences if d.category != "structural"])
                for r in comparison.rows]
    old = dataclasses.replace(comparison, rows=old_rows)
    new_fps = {fp for row in difference_fingerprints(comparison) for fp in row}
    assert {fp for row in difference_fingerprints(old) for fp in row} <= new_fps


# --- audit -----------------------------------------------------------------------------------

def test_audit_names_documents_and_passes_once_accepted(tmp_path) -> None:
    comparison = compare_files(demo_variants.hebei_extra(tmp_path), Options())
    report = audit(comparison)
    findings = {c.name: [f"{f.where}：{f.detail}" for f in c.findings] for c in report.checks}
    assert findings["provisions"] == ["河北省十二：仅部分文本有：仅河北省有；北京市、天津市无此条"]
    assert findings["numbering"][0] == "河北省十三：编号不一致：北京市 十二 / 天津市 十二 / 河北省 十三"
    assert report.failing_rows()[:4] == ["五", "六", "十二", "十二"]  # row order (the Hebei-only row, then 十二)
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    try:
        saved = store.save_comparison(comparison)
        for diff in store.differences(saved.id):
            store.record_decision(diff.fingerprint, "accepted", "", "测试", comparison_id=saved.id)
    finally:
        store.close()
    accepted = {fp for row in difference_fingerprints(comparison) for fp in row}
    assert audit(comparison, "substantive", accepted, difference_fingerprints(comparison)).passed
    assert audit(comparison, "any", accepted, difference_fingerprints(comparison)).passed


@pytest.mark.corpus
def test_audit_between_versions_names_the_version(fuyi) -> None:
    report = audit(fuyi)
    provisions = next(c for c in report.checks if c.name == "provisions")
    assert "中华人民共和国（2017-09-01）第三条：删除：2023-09-01版删除此条（2017-09-01版为第三条）" in \
        [f"{f.where}：{f.detail}" for f in provisions.findings]
    numbering = next(c for c in report.checks if c.name == "numbering")
    assert numbering.findings[0].detail == "编号不一致：中华人民共和国（2017-09-01） 第四条 / 中华人民共和国（2023-09-01） 第三条"


def test_substantive_level_counts_only_presence(tmp_path) -> None:
    comparison = compare_files(demo_variants.beijing_moved(tmp_path), Options())
    failing = next(c for c in audit(comparison, "substantive").checks if c.name == "differences")
    assert {f.row_label for f in failing.findings} == {"四", "五", "十四", "十七"}  # wording only, not the move
    anything = next(c for c in audit(comparison, "institution").checks if c.name == "differences")
    assert "十五" in {f.row_label for f in anything.findings}
    assert PRESENCE_CLASSES == {"added", "deleted", "absent"}


def test_row_status_weighs_structural_classes() -> None:
    from compare.classify import row_status
    from compare.model import Difference

    def mk(category: str, cls: str = "x") -> Difference:
        return Difference("b", "a", category, cls, "", "")

    assert row_status([mk("structural", "renumbered"), mk("formatting")]) == "renumbered"
    assert row_status([mk("structural", "moved"), mk("jurisdictional")]) == "moved"
    assert row_status([mk("structural", "moved"), mk("substantive")]) == "substantive"
    assert row_status([mk("structural", "absent"), mk("substantive")], False) == "absent"
    assert row_status([mk("structural", "split"), mk("structural", "merged")]) == "merged"


def test_a_database_from_before_keeps_its_decisions(tmp_path) -> None:
    """A comparison stored without structural differences (status "missing"), then re-run."""
    comparison = compare_files(demo_variants.hebei_extra(tmp_path), Options())
    old_rows = [dataclasses.replace(r, differences=[d for d in r.differences if d.category != "structural"],
                                    status="missing" if not all(r.cells.values()) else r.status)
                for r in comparison.rows]
    old = dataclasses.replace(comparison, rows=old_rows)
    store = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        saved = store.save_comparison(old)
        wording = next(d for d in store.differences(saved.id) if d.cls == "normative")
        store.record_decision(wording.fingerprint, "accepted", "", "王五", comparison_id=saved.id)
        again = store.save_comparison(comparison)
        assert again.id == saved.id and not again.created and again.decisions_reattached == 1
        stored = store.differences(again.id)
        assert {d.cls for d in stored if d.category == "structural"} == {"absent", "renumbered"}
        assert store.decisions_for(again.id)[wording.fingerprint].status == "accepted"
    finally:
        store.close()


def test_a_substantive_difference_outweighs_a_missing_counterpart_in_another_text() -> None:
    """Independently drafted texts: a row where one text regulates the matter differently and
    another does not regulate it at all reads 实质性差异, not 无对应条款 (as if no text had it)."""
    from compare.classify.structural import weightiest

    assert weightiest(["unmatched", "substantive", "jurisdictional"]) == "substantive"
    assert weightiest(["unmatched", "moved"]) == "unmatched"
    assert weightiest(["substantive", "absent"]) == "absent"
    from compare.classify import row_status
    from compare.model import Difference

    def diff(category: str, cls: str) -> Difference:
        return Difference("b", "a", category, cls, "", "")

    lacking = [diff("structural", "unmatched"), diff("substantive", "wording")]
    assert row_status(lacking, complete=False) == "substantive"  # the lacking text is explained
    assert row_status([diff("substantive", "wording")], complete=False) == "missing"  # nothing says who lacks it
