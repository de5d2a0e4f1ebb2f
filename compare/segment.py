"""Chinese word segmentation behind a small interface, so the backend can be swapped.

``Segmenter.cut(text)`` returns tokens whose concatenation is exactly ``text``. The default
backend is a private ``jieba.Tokenizer`` with HMM off (HMM invents words, so the same
phrase would segment differently in different sentences and make spurious diffs) and a
legal-domain user dictionary shipped in ``data/legal_words.txt``. The dictionary is loaded
once per process, lazily, on first use.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from importlib import resources

import jieba

jieba.setLogLevel(logging.WARNING)

_LOCK = threading.Lock()


class Segmenter:
    """Word segmentation with a stable, exact-reconstruction contract."""

    def __init__(self, extra_words: tuple[str, ...] = ()) -> None:
        self._extra = extra_words
        self._tokenizer: jieba.Tokenizer | None = None

    def _ready(self) -> jieba.Tokenizer:
        with _LOCK:
            if self._tokenizer is None:
                tok = jieba.Tokenizer()
                tok.initialize()
                for word in _legal_words() + self._extra:
                    tok.add_word(word, freq=max(tok.suggest_freq(word, False), 100))
                self._tokenizer = tok
        return self._tokenizer

    def cut(self, text: str) -> list[str]:
        """Tokens of ``text``; ``"".join(result) == text`` always holds."""
        if not text:
            return []
        return [t for t in self._ready().cut(text, HMM=False) if t]


def _legal_words() -> tuple[str, ...]:
    path = resources.files("compare") / "data" / "legal_words.txt"
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line.split()[0])
    return tuple(words)


@lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    """The process-wide segmenter (dictionary loaded on first ``cut``)."""
    return Segmenter()
