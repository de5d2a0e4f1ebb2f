"""Chinese word segmentation behind a small interface, so the backend can be swapped.

``Segmenter.cut(text)`` returns tokens whose concatenation is exactly ``text``. The default
backend is jieba with HMM off (HMM invents words, so the same phrase would segment
differently in different sentences and make spurious diffs) and a legal-domain user
dictionary shipped in ``data/legal_words.txt``.

Start-up: jieba's own cache (a 9 MB marshal of ~500,000 words and prefixes) takes about a
second to load, and a comparison only ever looks up words that start with a character of
its texts. So the prepared dictionary (jieba's plus the user words) is written once to
``launch.cache_dir()`` split by first character, and each process unpickles only the parts its
texts need (tens of milliseconds). Lookups and arithmetic are jieba's own, so the tokens
are identical to a plain ``jieba.Tokenizer`` with the same words (``tests/test_segment.py``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import struct
import sys
import tempfile
import threading
from functools import lru_cache
from importlib import resources
from math import log
from pathlib import Path
from typing import Any

from .launch import CACHE_VAR, cache_dir  # noqa: F401 - CACHE_VAR names the folder for tests

_LOCK = threading.Lock()
_FORMAT = 1  # bump when the cache layout changes
_MAGIC = b"LCJIEBA1"
_CACHED_TEXTS = 50_000  # segmentations kept per segmenter (texts up to _CACHED_CHARS long)
_CACHED_CHARS = 2_000


def _jieba() -> Any:
    """``jieba``, imported without ``pkg_resources`` (0.1 s, and only used to open its files)."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # jieba falls back to open()
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


class Segmenter:
    """Word segmentation with a stable, exact-reconstruction contract."""

    def __init__(self, extra_words: tuple[str, ...] = ()) -> None:
        self._extra = extra_words
        self._tokenizer: Any = None
        self._seen: dict[str, tuple[str, ...]] = {}  # versions and jurisdictions repeat most paragraphs

    def _ready(self) -> Any:
        with _LOCK:
            if self._tokenizer is None:
                self._tokenizer = _load_tokenizer(_legal_words() + self._extra)
        return self._tokenizer

    def cut(self, text: str) -> list[str]:
        """Tokens of ``text``; ``"".join(result) == text`` always holds."""
        if not text:
            return []
        done = self._seen.get(text)
        if done is None:
            done = tuple(t for t in self._ready().cut(text, HMM=False) if t)
            if len(text) <= _CACHED_CHARS:
                if len(self._seen) >= _CACHED_TEXTS:
                    self._seen.clear()
                self._seen[text] = done
        return list(done)


def prepared_tokenizer(words: tuple[str, ...]) -> Any:
    """A plain ``jieba.Tokenizer`` with jieba's dictionary and ``words`` added (the reference)."""
    tok = _jieba().Tokenizer()
    tok.initialize()
    for word in words:
        tok.add_word(word, freq=max(tok.suggest_freq(word, False), 100))
    return tok


def _cache_file(words: tuple[str, ...]) -> Path:
    jieba = _jieba()
    key = hashlib.sha256(repr((_FORMAT, jieba.__version__, jieba.__file__, words)).encode("utf-8")).hexdigest()
    return Path(cache_dir()) / f"jieba-{key[:20]}.dict"


def _load_tokenizer(words: tuple[str, ...]) -> Any:
    """The sharded tokenizer from the cache, writing the cache first when it is missing."""
    path = _cache_file(words)
    try:
        return _sharded_tokenizer(path.read_bytes())
    except (OSError, ValueError, pickle.UnpicklingError, EOFError, struct.error):
        pass
    tok = prepared_tokenizer(words)
    try:
        data = _shard_bytes(tok.FREQ, tok.total)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:  # read-only home: keep the whole dictionary in memory
        return tok
    return _sharded_tokenizer(data)


def _shard_bytes(freq: dict[str, int], total: int) -> bytes:
    """``freq`` split by first character: a header (total, offsets) then one pickle per character."""
    shards: dict[str, dict[str, int]] = {}
    for word, count in freq.items():
        shards.setdefault(word[0], {})[word] = count
    blobs, index, offset = [], {}, 0
    for char, shard in shards.items():
        blob = pickle.dumps(shard, protocol=5)
        index[char] = (offset, len(blob))
        blobs.append(blob)
        offset += len(blob)
    header = pickle.dumps((_FORMAT, total, index), protocol=5)
    return _MAGIC + struct.pack("<Q", len(header)) + header + b"".join(blobs)


def _sharded_tokenizer(data: bytes) -> Any:
    if not data.startswith(_MAGIC):
        raise ValueError("not a prepared dictionary")
    start = len(_MAGIC) + 8
    (size,) = struct.unpack("<Q", data[len(_MAGIC):start])
    version, total, index = pickle.loads(data[start:start + size])
    if version != _FORMAT:
        raise ValueError("old prepared dictionary")
    return _tokenizer_class()(_Shards(data, start + size, index), total)


class _Shards:
    """The prepared dictionary's words by first character, unpickled on first use."""

    def __init__(self, data: bytes, base: int, index: dict[str, tuple[int, int]]) -> None:
        self._data, self._base, self._index = data, base, index
        self._loaded: dict[str, dict[str, int]] = {}

    def of(self, char: str) -> dict[str, int]:
        """Words and prefixes starting with ``char`` (an empty dict when there are none)."""
        shard = self._loaded.get(char)
        if shard is None:
            where = self._index.get(char)
            if where is None:
                shard = {}
            else:
                start = self._base + where[0]
                shard = pickle.loads(self._data[start:start + where[1]])
            self._loaded[char] = shard
        return shard


@lru_cache(maxsize=1)
def _tokenizer_class() -> type:
    """A ``jieba.Tokenizer`` whose DAG and route use the shards (same lookups, same sums)."""
    jieba = _jieba()

    class ShardedTokenizer(jieba.Tokenizer):  # type: ignore[misc, name-defined]
        def __init__(self, shards: _Shards, total: int) -> None:
            super().__init__()
            self.shards, self.total, self.initialized = shards, total, True

        def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 - jieba's name
            dag: dict[int, list[int]] = {}
            n = len(sentence)
            for k in range(n):
                freq = self.shards.of(sentence[k])
                ends, i, frag = [], k, sentence[k]
                while i < n and frag in freq:
                    if freq[frag]:
                        ends.append(i)
                    i += 1
                    frag = sentence[k:i + 1]
                dag[k] = ends or [k]
            return dag

        def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict[int, Any]) -> None:  # noqa: N803
            n = len(sentence)
            route[n] = (0, 0)
            logtotal = log(self.total)
            for idx in range(n - 1, -1, -1):
                freq = self.shards.of(sentence[idx])
                route[idx] = max((log(freq.get(sentence[idx:x + 1]) or 1) - logtotal + route[x + 1][0], x)
                                 for x in DAG[idx])

    return ShardedTokenizer


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
