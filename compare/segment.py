"""Chinese word segmentation behind a small interface, so the backend can be swapped.

``Segmenter.cut(text)`` returns tokens whose concatenation is exactly ``text``. Two backends
give the same words (on the corpus's 3,398 laws all but one near-tie, 经受让人): ``rjieba`` (the Rust port of jieba, about 14 times faster and quicker
to load) when it is installed, else ``jieba`` itself; ``LEGISCOMPARE_SEGMENTER=jieba`` or
``=rjieba`` forces one. Both run with HMM off (HMM invents words, so the same phrase would
segment differently in different sentences and make spurious diffs), on jieba's own
dictionary plus the legal-domain words in ``data/legal_words.txt`` with the frequencies
stored there (computed once by ``tools/legal_words.py`` with jieba's ``suggest_freq``, so
both backends weigh them alike). The dictionary is loaded once per process, on first use.

jieba's dictionary with those words is prepared once per machine and stored in
``cache.cache_dir()`` split by first character: a comparison only looks up words starting
with a character of its texts, so a process unpickles tens of milliseconds' worth instead of
jieba's 9 MB cache (a second); lookups and sums are jieba's own (``tests/test_segment_cache.py``).
Unless ``LEGISCOMPARE_SEGMENTER`` chooses, a segmenter starts on that jieba and moves to
rjieba (a third of a second to load) after ``SWITCH_CHARS`` characters.

jieba cuts text into blocks at every character outside CJK ideographs and ASCII
letters/digits (punctuation, spaces) and segments each block on its own, so segmenting a
sentence or clause gives the same words as segmenting the whole text around it; that is
what lets callers segment long texts piece by piece and cache the pieces.
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
from typing import Any, Protocol

from .cache import cache_dir

_LOCK = threading.Lock()
_FORMAT = 1  # bump when the prepared dictionary's layout changes
_MAGIC = b"LCJIEBA1"
BACKENDS = ("rjieba", "jieba")
MIN_FREQ = 100  # a legal word is never rarer than this, whatever jieba suggests
_CACHED_TEXTS = 50_000  # segmentations kept per segmenter, of texts up to _CACHED_CHARS long
_CACHED_CHARS = 2_000
SWITCH_CHARS = 65_000  # characters after which an automatic segmenter moves to rjieba (measured break-even,
# loading included: benchmarks.pipeline_cost)


class _Backend(Protocol):
    def cut(self, text: str) -> list[str]: ...


class _Jieba:
    """jieba with the legal words added, from the prepared dictionary in ``cache.cache_dir()``
    (see ``_load_tokenizer``): ready in tens of milliseconds instead of a second."""

    def __init__(self, words: tuple[tuple[str, int | None], ...]) -> None:
        self.tokenizer = _load_tokenizer(words)

    def cut(self, text: str) -> list[str]:
        return list(self.tokenizer.cut(text, HMM=False))


class _RJieba:
    """rjieba with the legal words added at their stored frequencies (others as suggested)."""

    def __init__(self, words: tuple[tuple[str, int | None], ...]) -> None:
        import rjieba

        self.jieba = rjieba.Jieba()
        for word, freq in words:
            self.jieba.add_word(word, freq if freq is not None else max(self.jieba.suggest_freq(word), MIN_FREQ), None)

    def cut(self, text: str) -> list[str]:
        return self.jieba.cut(text, False)


def backend_name(explicit_only: bool = False) -> str | None:
    """The backend this process uses: ``LEGISCOMPARE_SEGMENTER`` if set, else rjieba if
    installed, else jieba (``explicit_only``: None unless the variable names one).

    Without the variable, a segmenter starts on jieba (its prepared dictionary is ready in
    tens of milliseconds, rjieba needs a third of a second) and moves to rjieba once it has
    cut ``SWITCH_CHARS`` characters: the two give the same words (``tests/test_segment.py``;
    one near-tie in the whole corpus differs),
    so short runs start fast and long ones still segment fast."""
    wanted = os.environ.get("LEGISCOMPARE_SEGMENTER", "").strip().lower()
    if wanted in BACKENDS:
        return wanted
    if explicit_only:
        return None
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
        self._cut = 0  # characters cut so far
        self._seen: dict[str, tuple[str, ...]] = {}
        self._long = False  # switched to rjieba for a long run

    @property
    def backend(self) -> str:
        """Name of the backend that does the cutting."""
        return self._backend_name or backend_name()

    def expect(self, characters: int) -> None:
        """Told that a run is about to cut ``characters`` more: past ``SWITCH_CHARS`` an
        automatic segmenter takes rjieba at once (its load pays for itself) rather than
        cutting the first ``SWITCH_CHARS`` with jieba."""
        with _LOCK:
            self._switch_if_long(characters)

    def _switch_if_long(self, length: int) -> None:
        automatic = self._backend_name is None and backend_name(explicit_only=True) is None
        if automatic and not self._long and self._cut + length > SWITCH_CHARS and backend_name() == "rjieba":
            self._backend, self._long = None, True  # a long run: rjieba's load pays for itself now

    def _ready(self, length: int = 0) -> _Backend:
        with _LOCK:
            automatic = self._backend_name is None and backend_name(explicit_only=True) is None
            if self._backend is not None:
                self._switch_if_long(length)
            if self._backend is None:
                name = "rjieba" if (self._long or not automatic) and self.backend == "rjieba" else "jieba"
                words = legal_words() + tuple((word, None) for word in self._extra)
                self._backend = _Jieba(words) if name == "jieba" else _RJieba(words)
            self._cut += length
        return self._backend

    def cut(self, text: str) -> list[str]:
        """Tokens of ``text``; ``"".join(result) == text`` always holds."""
        if not text:
            return []
        done = self._seen.get(text)  # versions and jurisdictions repeat most paragraphs
        if done is None:
            done = tuple(t for t in self._ready(len(text)).cut(text) if t)
            if len(text) <= _CACHED_CHARS:
                if len(self._seen) >= _CACHED_TEXTS:
                    self._seen.clear()
                self._seen[text] = done
        return list(done)


# --- the prepared jieba dictionary -------------------------------------------------------

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


def prepared_tokenizer(words: tuple[tuple[str, int | None], ...]) -> Any:
    """A plain ``jieba.Tokenizer`` with jieba's dictionary and ``words`` (word, frequency or
    None for jieba's suggestion) added: the reference the prepared dictionary is made from."""
    tok = _jieba().Tokenizer()
    tok.initialize()
    for word, freq in words:
        tok.add_word(word, freq=freq if freq is not None else max(tok.suggest_freq(word, False), MIN_FREQ))
    return tok


def _cache_file(words: tuple[tuple[str, int | None], ...]) -> Path:
    jieba = _jieba()
    key = hashlib.sha256(repr((_FORMAT, jieba.__version__, jieba.__file__, words)).encode("utf-8")).hexdigest()
    return Path(cache_dir()) / f"jieba-{key[:20]}.dict"


def _load_tokenizer(words: tuple[tuple[str, int | None], ...]) -> Any:
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
