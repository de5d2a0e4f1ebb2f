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
