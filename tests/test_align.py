"""Align stage: one row per provision across N documents, whatever the numbering."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align import align
from compare.model import Document, Provision, SourceText
from compare.pipeline import Options, compare_files
from compare.report import to_json
from support import JJJ_FILES

SENTENCES = [
    "为了规范城市绿化管理，改善生态环境，制定本条例。",
    "本条例适用于本市行政区域内城市绿化的规划、建设、保护和管理。",
    "市人民政府园林绿化主管部门负责本市城市绿化管理工作。",
    "任何单位和个人都有保护城市绿化的义务，并有权制止破坏城市绿化的行为。",
    "城市绿化规划应当纳入国土空间总体规划，合理布局公园绿地和防护绿地。",
    "新建居住区绿地面积不得低于总用地面积的百分之三十。",
    "禁止擅自砍伐城市树木；确需砍伐的，应当经园林绿化主管部门批准。",
    "违反本条例规定擅自砍伐树木的，由主管部门责令停止侵害，并处罚款。",
    "本条例自公布之日起施行。",
]


def make_doc(doc_id: str, texts: list[str]) -> Document:
    provisions = tuple(Provision(f"art{i + 1}", "article", f"第{i + 1}条", i + 1, (t,)) for i, t in enumerate(texts))
    return Document(doc_id, SourceText(doc_id, doc_id, "", "utf-8", "txt", doc_id), "t", None, None, provisions)


def run(*docs: Document) -> list[dict[str, str | None]]:
    keys = {(d.id, p.id): p.text for d in docs for p in d.provisions}
    rows = align(list(docs), docs[0].id, keys)
    return [{d: (c.provisions[0].text if c else None) for d, c in r.cells.items()} for r in rows]


def test_identical_texts_align_one_to_one() -> None:
    rows = run(make_doc("a", SENTENCES), make_doc("b", SENTENCES))
    assert [(r["a"], r["b"]) for r in rows] == [(s, s) for s in SENTENCES]


def test_insertion_renumbers_without_breaking_rows() -> None:
    inserted = SENTENCES[:3] + ["鼓励社会力量通过认建认养等方式参与城市绿化建设。"] + SENTENCES[3:]
    rows = run(make_doc("a", SENTENCES), make_doc("b", inserted))
    assert len(rows) == len(SENTENCES) + 1
    assert rows[3] == {"a": None, "b": inserted[3]}
    assert all(r["a"] == r["b"] for i, r in enumerate(rows) if i != 3)


def test_deletion_leaves_an_empty_cell() -> None:
    rows = run(make_doc("a", SENTENCES), make_doc("b", SENTENCES[:5] + SENTENCES[6:]))
    assert rows[5] == {"a": SENTENCES[5], "b": None}


def test_reworded_provision_stays_in_its_row() -> None:
    reworded = list(SENTENCES)
    reworded[5] = "新建居住区绿地面积不得低于总用地面积的百分之二十五。"
    rows = run(make_doc("a", SENTENCES), make_doc("b", reworded))
    assert rows[5] == {"a": SENTENCES[5], "b": reworded[5]}


def test_moved_provision_is_marked_moved_not_deleted_and_inserted() -> None:
    moved = SENTENCES[:2] + SENTENCES[3:8] + [SENTENCES[2]] + SENTENCES[8:]
    docs = [make_doc("a", SENTENCES), make_doc("b", moved)]
    keys = {(d.id, p.id): p.text for d in docs for p in d.provisions}
    rows = align(docs, "a", keys)
    assert len(rows) == len(SENTENCES)
    third = rows[2].cells["b"]
    assert third is not None and third.moved and third.provisions[0].text == SENTENCES[2]


def test_three_documents_share_rows_for_the_same_new_provision() -> None:
    extra = "鼓励社会力量通过认建认养等方式参与城市绿化建设。"
    b = SENTENCES[:4] + [extra] + SENTENCES[4:]
    c = SENTENCES[:4] + ["鼓励社会力量通过认建、认养等方式参与城市绿化建设和管理。"] + SENTENCES[4:]
    rows = run(make_doc("a", SENTENCES), make_doc("b", b), make_doc("c", c))
    assert len(rows) == len(SENTENCES) + 1
    assert rows[4]["a"] is None and rows[4]["b"] == extra and rows[4]["c"] is not None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12))
def test_aligning_a_text_with_itself_is_the_identity(texts: list[str]) -> None:
    rows = run(make_doc("a", texts), make_doc("b", texts))
    assert [(r["a"], r["b"]) for r in rows] == [(t, t) for t in texts]


def test_file_order_does_not_change_the_result() -> None:
    first = to_json(compare_files(JJJ_FILES, Options()))
    shuffled = list(JJJ_FILES)
    random.Random(7).shuffle(shuffled)
    shuffled.reverse()
    assert to_json(compare_files(shuffled, Options())) == first


def test_split_provision_shares_one_row_with_both_parts() -> None:
    first, second = "禁止擅自砍伐城市树木；", "确需砍伐的，应当经园林绿化主管部门批准，并按照规定补植。"
    base = SENTENCES[:6] + [first + second] + SENTENCES[6:]
    split = SENTENCES[:6] + ["禁止擅自砍伐、移植城市树木。", second] + SENTENCES[6:]
    docs = [make_doc("a", base), make_doc("b", split)]
    keys = {(d.id, p.id): p.text for d in docs for p in d.provisions}
    rows = align(docs, "a", keys)
    assert len(rows) == len(base)
    cell = rows[6].cells["b"]
    assert cell is not None and [p.id for p in cell.provisions] == ["art7", "art8"]
    assert cell.number == "第7条、第8条"


def test_merged_provisions_share_one_row() -> None:
    merged = SENTENCES[:3] + [SENTENCES[3] + SENTENCES[4]] + SENTENCES[5:]
    docs = [make_doc("a", SENTENCES), make_doc("b", merged)]
    keys = {(d.id, p.id): p.text for d in docs for p in d.provisions}
    rows = align(docs, "a", keys)
    assert len(rows) == len(SENTENCES) - 1
    assert [p.text for p in rows[3].cells["a"].provisions] == SENTENCES[3:5]
    assert rows[3].cells["b"].text == SENTENCES[3] + SENTENCES[4]


def test_unrelated_provisions_are_never_paired() -> None:
    other = ["船舶进出港口应当遵守海事管理机构的规定。", "渔业捕捞许可证由渔业行政主管部门核发。"]
    rows = run(make_doc("a", SENTENCES[:2]), make_doc("b", other))
    assert all(r["a"] is None or r["b"] is None for r in rows)
    assert len(rows) == 4


def test_hebei_item_five_first_paragraph_aligns_to_beijings_second() -> None:
    comparison = compare_files(JJJ_FILES, Options())
    row = next(r for r in comparison.rows if r.label == "五")
    spans = row.spans["hebei-constructed"]
    beijing_first = row.cells["beijing"].provisions[0].paragraphs[0]
    assert spans[0].op == "delete" and spans[0].old.rstrip("\n") == beijing_first  # absent from Hebei, whole
    assert "".join(s.new for s in spans) == row.cells["hebei-constructed"].text
    assert row.majority == ()  # all three texts read item 五 differently: no majority (issue 15)


def test_article_kept_as_first_paragraph_of_a_moved_article_with_an_added_one(corpus_dir) -> None:
    # 行政复议法 (2017) 第二条 kept word for word as the first 款 of a new article that also
    # gained a long 第二款 and moved one place: containment pairs them (it was a deletion
    # plus an addition).
    from compare.structure import parse
    from compare.ingest import read_source

    path = next((corpus_dir / "lawrefbook").rglob("行政复议法(2017-09-01).md"))
    arts = [p.text for p in parse(read_source(path), "x").provisions if p.kind == "article"][:12]
    added = ("行政复议机关应当依照本法的规定，加强行政复议工作的信息化建设，运用现代信息技术，方便公民、"
             "法人或者其他组织申请、参加行政复议，提高工作质量和效率，并定期向社会公布行政复议案件的办理情况。")
    moved = arts[1] + "\n" + added
    new = [arts[0], arts[2], moved] + arts[3:]
    rows = run(make_doc("old", arts), make_doc("new", new))
    assert {"old": arts[1], "new": moved} in rows


def _real_articles(corpus_dir, name: str, count: int) -> list[str]:
    from compare.ingest import read_source
    from compare.structure import parse

    path = next((corpus_dir / "lawrefbook").rglob(name))
    return [p.text for p in parse(read_source(path), "x").provisions if p.kind == "article"][:count]


def test_two_non_adjacent_articles_merged_share_one_row(corpus_dir) -> None:
    # "第八条、第十条合并，作为第八条" on 行政复议法 (2017): it came out as one deletion and
    # one unpaired row each.
    arts = _real_articles(corpus_dir, "行政复议法(2017-09-01).md", 14)
    merged = arts[7] + "\n" + arts[9]
    new = arts[:7] + [merged, arts[8]] + arts[10:]
    old_doc, new_doc = make_doc("old", arts), make_doc("new", new)
    keys = {(d.id, p.id): p.text for d in (old_doc, new_doc) for p in d.provisions}
    rows = align([old_doc, new_doc], "old", keys)
    cells = [tuple(p.text for p in r.cells["old"].provisions) for r in rows
             if r.cells["old"] and r.cells["new"] and r.cells["new"].provisions[0].text == merged]
    assert cells == [(arts[7], arts[9])]
    assert sum(1 for r in rows if r.cells["old"] and r.cells["old"].provisions[0].text == arts[8]
               and r.cells["new"] and r.cells["new"].provisions[0].text == arts[8]) == 1


def test_counterparts_of_two_cities_share_a_row_the_base_words_differently() -> None:
    # 商丘 (base), 驻马店 and 开封 优化营商环境条例: 开封 第三十七条 resembles 驻马店 第三十五条
    # (already in the row of 商丘 第三十五条) more than the base; it was left in a row of its own.
    from support import corpus_file

    files = [corpus_file(f"{city}市优化营商环境条例*.md") for city in ("商丘", "驻马店", "开封")]
    comparison = compare_files(files, Options())
    ids = {d.source.name.split("市")[0]: d.id for d in comparison.documents}
    rows = [r for r in comparison.rows if r.cells.get(ids["开封"]) and r.cells[ids["开封"]].number == "第三十七条"]
    assert len(rows) == 1 and rows[0].cells[ids["驻马店"]] is not None
    assert rows[0].cells[ids["驻马店"]].number == "第三十五条"


def test_split_does_not_absorb_an_unrelated_new_penalty_article() -> None:
    # 北京市水土保持条例 (2019) 第三十七条 split at its 。 into two articles, followed by a new
    # penalty article (its 第三十条第二款 penalty, same wording pattern): the split swallowed it.
    source = ("违反本条例第二十五条第一款规定，未将水土保持设施纳入项目主体工程设计的，由水行政部门责令改正，"
              "处5万元以上50万元以下罚款。\n违反本条例第二十五条第三款规定，水土保持设施管护单位未保存水土保持设施"
              "清单和管护记录的，由水行政部门责令改正，可处5000元罚款。")
    part1, part2 = source.split("\n")
    tier = ("违反本条例第三十条第二款规定，未建设集雨式绿地、透水铺装、雨水集蓄利用等设施的，由水行政部门责令改正，"
            "处5万元以上50万元以下罚款。")
    old = make_doc("old", [SENTENCES[0], SENTENCES[2], source, SENTENCES[8]])
    new = make_doc("new", [SENTENCES[0], SENTENCES[2], part1, part2, tier, SENTENCES[8]])
    keys = {(d.id, p.id): p.text for d in (old, new) for p in d.provisions}
    rows = align([old, new], "old", keys)
    [row] = [r for r in rows if r.cells["old"] and r.cells["old"].provisions[0].text == source]
    assert [p.text for p in row.cells["new"].provisions] == [part1, part2]
    assert any(r.cells["old"] is None and r.cells["new"].provisions[0].text == tier for r in rows)


def test_the_article_that_moved_is_called_moved_whichever_text_is_the_base() -> None:
    """One article moved two places down is one move (it), not two (the ones it passed),
    with either text as the base and with a third text that keeps the base's order."""
    texts = [f"第{n}项规定：{s}" for n, s in enumerate(SENTENCES * 2)]
    # the two articles passed over are reworded (less similar than the moved one, which is
    # kept word for word): a similarity-weighted order would rather keep the moved one
    reworded = [texts[4] + "具体办法由市人民政府另行制定并公布", texts[5] + "有关部门应当加强指导"]
    moved = texts[:3] + reworded + [texts[3]] + texts[6:]
    for docs in ([make_doc("a", texts), make_doc("b", moved)], [make_doc("b", moved), make_doc("a", texts)],
                 [make_doc("a", texts), make_doc("b", moved), make_doc("c", texts)],
                 [make_doc("b", moved), make_doc("a", texts), make_doc("c", texts)]):
        keys = {(d.id, p.id): p.text for d in docs for p in d.provisions}
        rows = align(docs, docs[0].id, keys)
        flagged = [c.text for r in rows for c in r.cells.values() if c is not None and c.moved]
        assert flagged and set(flagged) == {texts[3]}, flagged
