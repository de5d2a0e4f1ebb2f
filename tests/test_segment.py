"""The sharded, cached dictionary segments exactly as a plain jieba.Tokenizer with the same words."""

from __future__ import annotations

import sys
from pathlib import Path


from compare import segment
from compare.segment import Segmenter, _legal_words, prepared_tokenizer

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "lawrefbook"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "texts").rglob("*.txt"))]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.rglob("*.md"))[::400]]
    texts.append("资本市场 适应城市 abc 123 ＡＢＣ　全角 繁體字 e-mail 2023年 ～♂ \u200b\n\r\n")
    return texts


def test_sharded_dictionary_segments_like_plain_jieba(tmp_path, monkeypatch):
    monkeypatch.setenv(segment.CACHE_VAR, str(tmp_path))
    reference = prepared_tokenizer(_legal_words() + ("雄安新区",))
    first = Segmenter(("雄安新区",))  # writes the cache
    for text in _texts():
        assert first.cut(text) == [t for t in reference.cut(text, HMM=False) if t]
    assert len(list(tmp_path.glob("jieba-*.dict"))) == 1
    again = Segmenter(("雄安新区",))  # reads it
    assert type(again._ready()).__name__ == "ShardedTokenizer"
    for text in _texts()[:5]:
        assert again.cut(text) == [t for t in reference.cut(text, HMM=False) if t]


def test_a_damaged_or_unwritable_cache_still_segments(tmp_path, monkeypatch):
    monkeypatch.setenv(segment.CACHE_VAR, str(tmp_path))
    Segmenter().cut("本市人民政府")
    (cache,) = tmp_path.glob("jieba-*.dict")
    cache.write_bytes(b"garbage")
    assert "".join(Segmenter().cut("本市人民政府")) == "本市人民政府"
    monkeypatch.setenv(segment.CACHE_VAR, str(tmp_path / "file" / "below"))
    (tmp_path / "file").write_text("not a folder")
    assert Segmenter().cut("本市人民政府") == prepared_tokenizer(_legal_words()).lcut("本市人民政府", HMM=False)


def test_jieba_is_imported_without_pkg_resources():
    import subprocess

    code = "import sys; from compare.segment import default_segmenter; default_segmenter().cut('本市'); " \
           "print('pkg_resources' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
