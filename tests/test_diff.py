"""Diff stage: word-level, exact, deterministic Chinese diffs over jurisdiction-aware tokens."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.diff import Chunk, diff_tokens, marked_spans, refine_relative, to_spans, word_diff
from compare.jurisdiction import JurisdictionLexer, load_divisions, load_institutions, to_jurisdiction

TABLE = load_divisions()
BJ, TJ = (to_jurisdiction(TABLE.find(n)[0]) for n in ("北京市", "天津市"))
LEXER = JurisdictionLexer(TABLE, (BJ, TJ), load_institutions())

CHINESE = st.text(alphabet=st.sampled_from(list("本市人民政府应当鼓励支持设立市场化基金，。、；第十二条和与天津北京省\n 123")), max_size=60)


def rebuild(spans, side: str) -> str:
    return "".join(getattr(s, side) for s in spans)


@settings(max_examples=150, deadline=None)
@given(CHINESE, CHINESE)
def test_spans_rebuild_both_texts_exactly(old: str, new: str) -> None:
    spans = word_diff(old, new)
    assert rebuild(spans, "old") == old
    assert rebuild(spans, "new") == new


@settings(max_examples=100, deadline=None)
@given(CHINESE, CHINESE)
def test_jurisdiction_aware_spans_rebuild_both_texts(old: str, new: str) -> None:
    chunks = refine_relative(diff_tokens(LEXER.tokens(old, BJ), LEXER.tokens(new, TJ)), BJ.code, TJ.code)
    spans = to_spans(chunks)
    assert rebuild(spans, "old") == old
    assert rebuild(spans, "new") == new


def test_changes_never_cut_a_word_in_half() -> None:
    spans = word_diff("鼓励设立市场化基金", "支持设立市场化基金")
    assert [(s.op, s.old, s.new) for s in spans if s.op != "equal"] == [("delete", "鼓励", ""), ("insert", "", "支持")]


def test_equal_keys_with_different_surfaces_are_equivalences() -> None:
    spans = to_spans(diff_tokens(LEXER.tokens("本市科技创新优势和天津市先进制造", BJ),
                                 LEXER.tokens("北京市科技创新优势和本市先进制造", TJ)))
    assert all(s.op == "equal" for s in spans)
    assert [(s.old, s.new, s.cls) for s in spans if s.cls] == [("本市", "北京市", "self_reference"),
                                                                  ("天津市", "本市", "self_reference")]


def test_punctuation_width_is_an_equivalence_not_a_change() -> None:
    spans = word_diff("建设,推动;发展", "建设，推动；发展")
    assert all(s.op == "equal" for s in spans)
    assert {s.cls for s in spans if s.cls} == {"punctuation"}


def test_relative_refinement_pairs_each_texts_own_enacting_body() -> None:
    old = LEXER.tokens("北京市人民代表大会常务委员会经研究", BJ)
    new = LEXER.tokens("天津市人民代表大会常务委员会经研究", TJ)
    raw = diff_tokens(old, new)
    assert any(c.op == "change" for c in raw)
    refined = refine_relative(raw, BJ.code, TJ.code)
    assert all(c.op == "equal" for c in refined)


def test_no_refinement_when_both_texts_share_a_jurisdiction() -> None:
    chunks = [Chunk("change", tuple(LEXER.tokens("天津市", BJ)), tuple(LEXER.tokens("河北省", BJ)))]
    assert refine_relative(chunks, BJ.code, BJ.code) == chunks


def test_marked_spans_flag_jurisdiction_wording() -> None:
    spans = marked_spans(LEXER.tokens("本市与天津市、河北省共同建设", BJ))
    assert [(s.new, s.mark) for s in spans] == [("本市与天津市、河北省", "jurisdiction"), ("共同建设", None)]


def test_long_provisions_are_exact_and_deterministic() -> None:
    old = "推进京津冀协同创新共同体建设，应当加强对基础研究和应用基础研究合作的资金支持。" * 40
    new = old.replace("资金支持", "资金保障", 7)
    first, second = word_diff(old, new), word_diff(old, new)
    assert first == second
    assert sum(1 for s in first if s.op == "delete") == 7


PRIVATE = st.text(alphabet=st.sampled_from([chr(0xE000 + i) for i in range(24)]), max_size=120)


@settings(max_examples=300, deadline=None)
@given(PRIVATE, PRIVATE)
def test_native_backend_gives_identical_diffs(a: str, b: str) -> None:
    from compare.diff.exact import native_diff, python_diff

    assert native_diff(a, b) == python_diff(a, b)


def test_native_backend_identical_on_every_jjj_row() -> None:
    from compare.diff import exact as diff_module
    from compare.pipeline import Options, compare_files
    from compare.report import to_json
    from support import JJJ_FILES

    native = to_json(compare_files(JJJ_FILES, Options()))
    saved = diff_module.dmp_diff
    diff_module.dmp_diff = diff_module.python_diff
    try:
        assert to_json(compare_files(JJJ_FILES, Options())) == native
    finally:
        diff_module.dmp_diff = saved
