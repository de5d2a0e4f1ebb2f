"""Chinese word segmentation behind a small interface, so the backend can be swapped.

``Segmenter.cut(text)`` returns tokens whose concatenation is exactly ``text``. Two backends
give the same words: ``rjieba`` (the Rust port of jieba, about 14 times faster and quicker
to load) when it is installed, else ``jieba`` itself; ``LEGISCOMPARE_SEGMENTER=jieba`` or
``=rjieba`` forces one. Both run with HMM off (HMM invents words, so the same phrase would
segment differently in different sentences and make spurious diffs), on jieba's own
dictionary plus the legal-domain words in ``data/legal_words.txt`` with the frequencies
stored there (computed once by ``tools/legal_words.py`` with jieba's ``suggest_freq``, so
both backends weigh them alike). The dictionary is loaded once per process, on first use.

jieba cuts text into blocks at every character outside CJK ideographs and ASCII
letters/digits (punctuation, spaces) and segments each block on its own, so segmenting a
sentence or clause gives the same words as segmenting the whole text around it; that is
what lets callers segment long texts piece by piece and cache the pieces.
"""

from __future__ import annotations

import logging
import os
import threading
from functools import lru_cache
from importlib import resources
from typing import Protocol

_LOCK = threading.Lock()
BACKENDS = ("rjieba", "jieba")
MIN_FREQ = 100  # a legal word is never rarer than this, whatever jieba suggests


class _Backend(Protocol):
    def cut(self, text: str) -> list[str]: ...

    def add(self, word: str, freq: int | None) -> None: ...


class _Jieba:
    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()

    def cut(self, text: str) -> list[str]:
        return list(self.tokenizer.cut(text, HMM=False))

    def add(self, word: str, freq: int | None) -> None:
        if freq is None:
            freq = max(self.tokenizer.suggest_freq(word, False), MIN_FREQ)
        self.tokenizer.add_word(word, freq=freq)


class _RJieba:
    def __init__(self) -> None:
        import rjieba

        self.jieba = rjieba.Jieba()

    def cut(self, text: str) -> list[str]:
        return self.jieba.cut(text, False)

    def add(self, word: str, freq: int | None) -> None:
        if freq is None:
            freq = max(self.jieba.suggest_freq(word), MIN_FREQ)
        self.jieba.add_word(word, freq, None)


def backend_name() -> str:
    """The backend this process uses: ``LEGISCOMPARE_SEGMENTER`` if set, else rjieba if
    installed, else jieba."""
    wanted = os.environ.get("LEGISCOMPARE_SEGMENTER", "").strip().lower()
    if wanted in BACKENDS:
        return wanted
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return "jieba"
    return "rjieba"


class Segmenter:
    """Word segmentation with a stable, exact-reconstruction contract."""

    def __init__(self, extra_words: tuple[str, ...] = (), backend: str | None = None) -> None:
        self._extra = extra_words
        self._backend_name = backend
        self._backend: _Backend | None = None

    @property
    def backend(self) -> str:
        """Name of the backend that does the cutting."""
        return self._backend_name or backend_name()

    def _ready(self) -> _Backend:
        with _LOCK:
            if self._backend is None:
                engine: _Backend = _RJieba() if self.backend == "rjieba" else _Jieba()
                for word, freq in legal_words():
                    engine.add(word, freq)
                for word in self._extra:
                    engine.add(word, None)
                self._backend = engine
        return self._backend

    def cut(self, text: str) -> list[str]:
        """Tokens of ``text``; ``"".join(result) == text`` always holds."""
        if not text:
            return []
        return [t for t in self._ready().cut(text) if t]


@lru_cache(maxsize=1)
def legal_words() -> tuple[tuple[str, int | None], ...]:
    """(word, frequency or None) of every line of ``data/legal_words.txt``, in file order."""
    path = resources.files("compare") / "data" / "legal_words.txt"
    words: list[tuple[str, int | None]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
            words.append((fields[0], freq))
    return tuple(words)


@lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    """The process-wide segmenter (dictionary loaded on first ``cut``)."""
    return Segmenter()
