"""Issue 14: one huge provision is diffed and aligned in near-linear time (compare/diff/chunked.py)."""

from __future__ import annotations

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align import align_sequences
from compare.diff import diff_tokens, to_spans
from compare import longtext
from compare.diff import chunked
from compare.jurisdiction.lexer import plain_token
from support import JJJ

SENTENCE_TEXT = "".join(line.strip() for line in (JJJ / "beijing.txt").read_text(encoding="utf-8").splitlines()[3:])


def _tokens(text: str) -> list:  # type: ignore[type-arg]
    """Cheap tokens (a character each, two-character words every so often): no jieba needed."""
    out, i = [], 0
    while i < len(text):
        width = 2 if i % 7 == 0 else 1
        out.append(plain_token(text[i:i + width]))
        i += width
    return out


def _huge_pair(chars: int, changes: int) -> tuple[str, str]:
    text = (SENTENCE_TEXT * (chars // len(SENTENCE_TEXT) + 1))[:chars]
    rng = random.Random(14)
    edited = list(text)
    for _ in range(changes):
        k = rng.randrange(len(edited))
        if edited[k] not in "。；，":
            edited[k] = rng.choice("甲乙丙丁戊己庚辛")
    return text, "".join(edited)


def _rebuilds(chunks, old, new) -> None:  # type: ignore[no-untyped-def]
    assert [t for c in chunks for t in c.old] == old
    assert [t for c in chunks for t in c.new] == new
    for chunk in chunks:
        if chunk.op == "equal":
            assert [t.key for t in chunk.old] == [t.key for t in chunk.new]


def _timed(func, *args):  # type: ignore[no-untyped-def]
    started = time.process_time()
    result = func(*args)
    return result, time.process_time() - started


def test_a_megabyte_provision_with_2000_changes_diffs_in_seconds() -> None:
    old_text, new_text = _huge_pair(340_000, 2000)  # about 1 MB of UTF-8
    old, new = _tokens(old_text), _tokens(new_text)
    chunks, seconds = _timed(diff_tokens, old, new)
    _rebuilds(chunks, old, new)
    changed = sum(1 for c in chunks if c.op == "change")
    assert 1000 < changed <= 2000
    assert seconds < 20, seconds


def test_a_megabyte_provision_aligns_in_seconds() -> None:
    old_text, new_text = _huge_pair(340_000, 2000)
    links, seconds = _timed(align_sequences, [old_text, "第二条 短条款。"], [new_text, "第二条 短条款。"])
    assert [(link.a, link.b) for link in links] == [((0,), (0,)), ((1,), (1,))]
    assert links[0].similarity > 0.98
    assert seconds < 20, seconds


def test_work_grows_about_linearly() -> None:
    """Four times the text and the edits cost well under ten times the time (quadratic would
    be sixteen); each the best of three runs, so a busy machine does not decide it."""
    small_pair, large_pair = [list(map(_tokens, _huge_pair(n, k))) for n, k in ((100_000, 600), (400_000, 2400))]
    small = min(_timed(diff_tokens, *small_pair)[1] for _ in range(3))
    large = min(_timed(diff_tokens, *large_pair)[1] for _ in range(3))
    assert large < 10 * max(small, 0.05), (small, large)


def test_long_ratio_equals_fuzz_ratio_on_scattered_edits() -> None:
    from rapidfuzz import fuzz

    old_text, new_text = _huge_pair(20_000, 40)
    assert abs(longtext.ratio(old_text, new_text) - fuzz.ratio(old_text, new_text)) < 0.5


def test_texts_without_punctuation_are_still_bounded() -> None:
    rng = random.Random(3)
    old_text = "".join(rng.choice("甲乙丙丁戊己庚辛壬癸") for _ in range(200_000))
    new_text = old_text[:1000] + "新" + old_text[1000:]
    old, new = _tokens(old_text), _tokens(new_text)
    chunks, seconds = _timed(diff_tokens, old, new)
    _rebuilds(chunks, old, new)
    assert seconds < 30, seconds


def test_normal_provisions_take_the_exact_path(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = []
    monkeypatch.setattr(chunked, "diff_long", lambda *a: calls.append(a) or [])
    old, new = _tokens(SENTENCE_TEXT[:2000]), _tokens(SENTENCE_TEXT[:1000] + "新" + SENTENCE_TEXT[1000:2000])
    assert diff_tokens(old, new) and not calls


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["甲", "乙", "。", "；", "，", "丙丁", "\n"]), max_size=400),
       st.lists(st.sampled_from(["甲", "乙", "。", "；", "，", "丙丁", "\n"]), max_size=400))
def test_chunked_diff_rebuilds_both_texts(old_words: list[str], new_words: list[str]) -> None:
    old = [plain_token(w) for w in old_words]
    new = [plain_token(w) for w in new_words]
    small = chunked.LONG_TOKENS
    try:
        chunked.LONG_TOKENS = 0  # force the piecewise path on small inputs
        chunks = diff_tokens(old, new)
    finally:
        chunked.LONG_TOKENS = small
    _rebuilds(chunks, old, new)
    spans = to_spans(chunks)
    assert "".join(s.old for s in spans) == "".join(old_words)
    assert "".join(s.new for s in spans) == "".join(new_words)


def test_pieces_rebuild_the_text() -> None:
    for text in ["", "。。", "甲" * 5000, "甲，" * 1500 + "。乙", "\n\nx\n", SENTENCE_TEXT]:
        assert "".join(longtext.pieces(text)) == text
        assert all(len(p) <= longtext.MAX_PIECE for p in longtext.pieces(text))
