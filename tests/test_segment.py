"""Segmenter: exact reconstruction, identical words from both backends, current word frequencies."""

from __future__ import annotations

import random

import pytest

from compare.segment import Segmenter, backend_name
from tools import legal_words


def test_cut_reconstructs_the_text():
    text = "第一条　为了推进京津冀协同创新共同体建设，根据有关法律、行政法规，结合本市实际。\n\n（一）ａｂｃ 123"
    for backend in ("jieba", "rjieba"):
        assert "".join(Segmenter(backend=backend).cut(text)) == text
    assert Segmenter().cut("") == []


def test_backends_give_the_same_words_on_real_laws(lawrefbook):
    """rjieba is only a faster jieba: on a sample of real laws every word is the same."""
    pytest.importorskip("rjieba")
    files = sorted(lawrefbook.rglob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in random.Random(3).sample(files, 120)]
    slow, fast = Segmenter(backend="jieba"), Segmenter(backend="rjieba")
    for text in texts:
        assert fast.cut(text) == slow.cut(text)


def test_legal_words_stay_whole():
    for backend in ("jieba", "rjieba"):
        words = Segmenter(backend=backend).cut("市人民代表大会常务委员会和人民检察院")
        assert "人民代表大会常务委员会" in words and "人民检察院" in words


def test_stored_frequencies_are_current():
    """data/legal_words.txt holds the frequencies tools/legal_words.py computes with jieba."""
    assert legal_words.main(["--check"]) == 0


def test_backend_chosen_by_environment(monkeypatch):
    monkeypatch.setenv("LEGISCOMPARE_SEGMENTER", "jieba")
    assert backend_name() == "jieba" and Segmenter().backend == "jieba"
    monkeypatch.setenv("LEGISCOMPARE_SEGMENTER", "rjieba")
    assert backend_name() == "rjieba"
    monkeypatch.setenv("LEGISCOMPARE_SEGMENTER", "")
    assert backend_name() in ("rjieba", "jieba")


def test_pieces_cut_alike_at_punctuation():
    """Cutting at punctuation and joining gives the whole text's words (the backends segment
    each run between punctuation on its own), which lets long texts be cut piece by piece."""
    text = "为了规范行政许可的设定和实施，保护公民、法人和其他组织的合法权益；维护公共利益和社会秩序。"
    seg = Segmenter()
    whole = seg.cut(text)
    pieces = [p for chunk in text.replace("，", "，|").replace("；", "；|").split("|") for p in seg.cut(chunk)]
    assert pieces == whole
