"""The prepared, sharded jieba dictionary segments exactly as a plain jieba.Tokenizer with
the same words, and an automatic segmenter moves to rjieba without changing a word."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from compare import segment
from compare.segment import Segmenter, legal_words, prepared_tokenizer

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "texts").rglob("*.txt"))]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.rglob("*.md"))[::400]]
    texts.append("资本市场 适应城市 abc 123 ＡＢＣ　全角 繁體字 e-mail 2023年 ～♂ \u200b\n\r\n")
    return texts


def test_prepared_dictionary_segments_like_plain_jieba(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGISCOMPARE_CACHE", str(tmp_path))
    reference = prepared_tokenizer(legal_words() + (("雄安新区", None),))
    first = Segmenter(("雄安新区",), backend="jieba")  # writes the cache
    for text in _texts():
        assert first.cut(text) == [t for t in reference.cut(text, HMM=False) if t]
    assert len(list(tmp_path.glob("jieba-*.dict"))) == 1
    again = Segmenter(("雄安新区",), backend="jieba")  # reads it
    assert type(again._ready().tokenizer).__name__ == "ShardedTokenizer"
    for text in _texts()[:5]:
        assert again.cut(text) == [t for t in reference.cut(text, HMM=False) if t]


def test_a_damaged_or_unwritable_cache_still_segments(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGISCOMPARE_CACHE", str(tmp_path))
    Segmenter(backend="jieba").cut("本市人民政府")
    (cache,) = tmp_path.glob("jieba-*.dict")
    cache.write_bytes(b"garbage")
    assert "".join(Segmenter(backend="jieba").cut("本市人民政府")) == "本市人民政府"
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("LEGISCOMPARE_CACHE", str(tmp_path / "file" / "below"))
    assert Segmenter(backend="jieba").cut("本市人民政府") == \
        prepared_tokenizer(legal_words()).lcut("本市人民政府", HMM=False)


def test_an_automatic_segmenter_moves_to_rjieba_on_long_runs(monkeypatch):
    pytest.importorskip("rjieba")
    monkeypatch.delenv("LEGISCOMPARE_SEGMENTER", raising=False)
    monkeypatch.setattr(segment, "SWITCH_CHARS", 2000)
    auto, plain = Segmenter(), Segmenter(backend="jieba")
    texts = _texts()
    assert type(auto._ready()).__name__ == "_Jieba"
    for text in texts:
        assert auto.cut(text) == plain.cut(text)
    assert type(auto._ready()).__name__ == "_RJieba"


def test_a_run_announced_as_long_starts_on_rjieba_and_a_short_one_on_jieba(monkeypatch):
    pytest.importorskip("rjieba")
    monkeypatch.delenv("LEGISCOMPARE_SEGMENTER", raising=False)
    monkeypatch.setattr(segment, "SWITCH_CHARS", 2000)
    long_run, short_run, plain = Segmenter(), Segmenter(), Segmenter(backend="jieba")
    long_run.expect(2001)
    short_run.expect(1999)
    assert type(long_run._ready()).__name__ == "_RJieba" and type(short_run._ready()).__name__ == "_Jieba"
    text = _texts()[0]
    assert long_run.cut(text) == plain.cut(text)


def test_jieba_is_imported_without_pkg_resources():
    code = ("import sys; from compare.segment import Segmenter; Segmenter(backend='jieba').cut('本市'); "
            "print('pkg_resources' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
