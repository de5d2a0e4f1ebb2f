"""Jurisdiction-normalised provision strings and their MinHash signatures.

Public API:

- ``Normaliser(divisions_file, institutions_file)``: ``normalise(text, own)`` turns a
  provision into the string the corpus compares. It runs the ``JurisdictionLexer`` regex
  pass (division names, self-references, partner lists, institutions, references and
  dates; ``FastLexer``: same matches, faster) without word segmentation: shingles are
  characters, so jieba is not needed. Then:

  - a self-reference or the enacting jurisdiction's own name (本市 in a Beijing text,
    本省 / 浙江省 in a Zhejiang one, 市人民政府 / 省人民政府) becomes one symbol for *self*
    with its organ, so the same clause written by two jurisdictions reads the same; the
    name of the province a city belongs to becomes *self's parent* (《河南省大气污染防治
    条例》 in a Zhengzhou text reads as 《浙江省大气污染防治条例》 in a Ningbo one);
  - other division names, partner lists (keyed by their member set), institution names,
    numbered references (第十二条 = 第12条) and dates become one symbol each, a
    private-use character from a stable hash of the token key (``SYMBOL_BASE``);
  - punctuation and whitespace are dropped (some corpus files lost theirs), full-width
    letters and digits are narrowed, 〇 reads 零.

- ``shingle_hashes(norm, k)``: 32-bit hashes of the character k-shingles (numpy, vectorised);
  ``shingle_hash(shingle)`` is the same hash for one shingle (for ``datasketch.MinHash``).
- ``signatures(norms, k, num_perm, seed)``: one MinHash signature (uint32 row) per string,
  computed for all strings at once. Identical to
  ``datasketch.MinHash(num_perm, seed, hashfunc=shingle_hash, scheme="affine32")`` updated
  with the shingles (``tests/test_corpus_sketch.py`` proves it), only much faster.
- ``to_minhash(row, seed)``: a datasketch ``MinHash`` holding a stored signature.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from ..ingest import normalise_char
from ..jurisdiction import load_divisions, load_institutions
from ..model import Jurisdiction
from .fastlex import FastLexer

SYMBOL_BASE = 0xF0000  # supplementary private-use plane A: symbols for whole tokens
SYMBOL_SPAN = 0xFFFD  # symbols are SYMBOL_BASE + crc32(key) % SYMBOL_SPAN
SCHEME = "affine32"  # datasketch permutation scheme the signatures follow
_MULT = np.uint64(0x100000001B3)  # FNV-style multiplier of the rolling shingle hash
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


class _CharMap(dict[int, str]):
    """``str.translate`` table, filled on first sight: a code point's normalised form,
    alphanumerics only (punctuation, spaces and invisible characters map to nothing)."""

    def __missing__(self, code: int) -> str:
        norm = "".join(c for c in normalise_char(chr(code)) if c.isalnum())
        self[code] = norm
        return norm


class Normaliser:
    """Provision text → jurisdiction-normalised comparison string (see the module docs)."""

    def __init__(self, divisions_file: str | None = None, institutions_file: str | None = None) -> None:
        self.table = load_divisions(divisions_file)
        self.lexer = FastLexer(self.table, (), load_institutions(institutions_file))
        self._chars = _CharMap()

    def normalise(self, text: str, own: Jurisdiction) -> str:
        """The comparison string of ``text`` as written by ``own``."""
        out: list[str] = []
        lineage = self._lineage(own.code)
        for token in self.lexer.tokens(text, own):
            if token.kind in ("word", "punct", "space"):
                out.append(token.surface.translate(self._chars))
            elif token.kind == "number" and not token.key.startswith(("R:", "D:")):
                out.append(token.key)
            else:
                out.append(symbol(relative_key(token.key, lineage)))
        return "".join(out)

    def _lineage(self, code: str | None) -> tuple[str, ...]:
        """``code`` and its ancestors' codes, nearest first."""
        division = self.table.get(code) if code else None
        return tuple(d.code for d in self.table.lineage(division)) if division else ()


def relative_key(key: str, lineage: tuple[str, ...]) -> str:
    """``J:<code>[:organ]`` → ``J:SELF[:organ]`` for the enacting jurisdiction (first of
    ``lineage``), ``J:SELF^1`` for its parent and so on; other keys unchanged.

    Partner lists keep their member codes: 本市与天津市、河北省 (Beijing) and
    本市与北京市、河北省 (Tianjin) already share a key, the set of all three.
    """
    if lineage and key.startswith("J:"):
        parts = key.split(":", 2)
        if parts[1] in lineage:
            up = lineage.index(parts[1])
            parts[1] = f"SELF^{up}" if up else "SELF"
            return ":".join(parts)
    return key


def symbol(key: str) -> str:
    """One private-use character standing for a token key (stable across processes)."""
    return chr(SYMBOL_BASE + zlib.crc32(key.encode("utf-8")) % SYMBOL_SPAN)


def shingle_hash(shingle: str) -> int:
    """32-bit hash of one shingle; ``shingle_hashes`` computes the same, vectorised."""
    h = 0
    for ch in shingle:
        h = (h * int(_MULT) + ord(ch)) & 0xFFFFFFFFFFFFFFFF
    return (h ^ (h >> 32)) & 0xFFFFFFFF


def shingle_hashes(norm: str, k: int) -> np.ndarray:
    """Hashes (uint32) of the character ``k``-shingles of ``norm``, in order (may repeat)."""
    codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint32)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = h * _MULT + codes[j:j + n]
    return (h ^ (h >> np.uint64(32))).astype(np.uint32)


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> np.ndarray:
    """The (a, b) affine permutation parameters datasketch uses for ``num_perm`` and ``seed``."""
    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations


def _fmix32(h: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    h = h ^ (h >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s3)


def signatures(norms: list[str], k: int, num_perm: int, seed: int = 1) -> np.ndarray:
    """MinHash signatures, one uint32 row of ``num_perm`` values per string.

    A string shorter than ``k`` has no shingles and gets the empty signature (all 2**32-1).
    """
    out = np.full((len(norms), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    parts = [shingle_hashes(s, k) for s in norms]
    sizes = np.array([len(p) for p in parts])
    rows = np.flatnonzero(sizes)
    if not len(rows):
        return out
    a, b = permutations(num_perm, seed)
    hashed = _fmix32(np.concatenate([parts[i] for i in rows]))
    starts = np.concatenate(([0], np.cumsum(sizes[rows])[:-1]))
    step = max(1, 4_000_000 // num_perm)  # bound the (shingles × num_perm) matrix to ~16 MB
    with np.errstate(over="ignore"):
        _reduce(hashed, starts, rows, a, b, out, step)
    return out


def _reduce(hashed: np.ndarray, starts: np.ndarray, rows: np.ndarray, a: np.ndarray, b: np.ndarray,
            out: np.ndarray, step: int) -> None:
    """Per string, the minimum over its shingles of ``a * h + b`` (uint32 wrap-around)."""
    ends = np.append(starts[1:], len(hashed))
    i = 0
    while i < len(rows):
        j = i + 1  # take strings while their shingles fit in one block
        while j < len(rows) and ends[j] - starts[i] <= step:
            j += 1
        block = hashed[starts[i]:ends[j - 1], None] * a + b
        out[rows[i:j]] = np.minimum.reduceat(block, starts[i:j] - starts[i], axis=0)
        i = j


def to_minhash(row: np.ndarray | bytes, seed: int = 1) -> MinHash:
    """A datasketch ``MinHash`` holding a stored signature (bytes or a uint32 row)."""
    values = np.frombuffer(row, dtype=np.uint32) if isinstance(row, bytes) else row
    num_perm = len(values)
    return MinHash(num_perm=num_perm, seed=seed, hashvalues=values, permutations=permutations(num_perm, seed),
                   scheme=SCHEME)
