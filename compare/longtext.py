"""Long texts, piece by piece: what keeps the word diff and the similarity of huge provisions
near-linear, and the private-use code points both map their units to.

Long inputs are cut into *pieces* (sentences ending in 。；！？ or a line break; a sentence
longer than ``MAX_PIECE`` characters is cut again at ，、： and then at ``MAX_PIECE``
characters); two piece lists are aligned with diff-match-patch in line mode (one code point
per distinct piece, no cleanup), so only the pieces that differ need the costly comparison.

- ``pieces(text)``: the cutting step on a string; ``cut_items(items, surface)`` the same
  on a list of tokens (or anything with a surface string).
- ``piece_runs(a, b)``: the equal and differing runs of two piece lists.
- ``ratio(a, b) -> float``: ``rapidfuzz.fuzz.ratio`` (0–100) for short texts (up to
  ``LONG_CHARS`` characters in all); for long ones the same Indel similarity with the common
  subsequence counted piece by piece (equal pieces whole, differing runs by ``fuzz.ratio``):
  a lower bound, exact when the best alignment keeps equal pieces together, as it does for
  revisions of one text. Alignment compares provisions with it.
- ``PRIVATE``: the code points distinct words or pieces are mapped to (the private-use areas
  first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

LONG_CHARS = 12_000  # characters in a text pair above which ``ratio`` works piece by piece
MAX_PIECE = 2_000  # characters: a longer sentence is cut at commas, then at this width
MAX_GAP_CELLS = 4_000_000  # character (or token) pairs compared at once in a differing run
SENTENCE_ENDS = ("。", "；", "！", "？", "\n", ";", "!", "?")
CLAUSE_ENDS = ("，", "、", "：", ",", ":")
_SENTENCE = re.compile(r"[^。；！？\n;!?]*[。；！？\n;!?]|[^。；！？\n;!?]+$")
_CLAUSE = re.compile(r"[^，、：,:]*[，、：,:]|[^，、：,:]+$")


# Code points for token keys: the private-use areas first, then every other code point
# above the surrogates (over a million distinct words per provision pair).
class _PrivateCodes:
    """The code points words are mapped to, in order: the private-use areas, then the rest
    of the supplementary planes (indexable like the list of them, without building it:
    that list cost 30 ms at every start)."""

    RANGES = ((0xE000, 0xF900), (0xF0000, 0xFFFFE), (0x100000, 0x10FFFE), (0x10000, 0xF0000))
    SIZE = sum(stop - start for start, stop in RANGES)

    def __len__(self) -> int:
        return self.SIZE

    def __getitem__(self, index: int) -> int:
        if index < 0:
            raise IndexError(index)
        for start, stop in self.RANGES:
            if index < stop - start:
                return start + index
            index -= stop - start
        raise IndexError(index)


PRIVATE = _PrivateCodes()


def pieces(text: str) -> list[str]:
    """``text`` cut into pieces that join back to it exactly.

    >>> pieces("第一条 甲。乙；丙")
    ['第一条 甲。', '乙；', '丙']
    """
    out: list[str] = []
    for sentence in _SENTENCE.findall(text):
        if len(sentence) <= MAX_PIECE:
            out.append(sentence)
            continue
        for clause in _CLAUSE.findall(sentence):
            out.extend(clause[k:k + MAX_PIECE] for k in range(0, len(clause), MAX_PIECE))
    return out


def cut_items(items: list, surface: Callable[[object], str]) -> list[list]:  # type: ignore[type-arg]
    """Cut ``items`` after sentence ends, then long pieces after clause ends, then by width."""
    out: list[list] = []  # type: ignore[type-arg]
    for sentence in _split(items, surface, SENTENCE_ENDS):
        if _width(sentence, surface) <= MAX_PIECE:
            out.append(sentence)
            continue
        for clause in _split(sentence, surface, CLAUSE_ENDS):
            out.extend(_by_width(clause, surface))
    return out


def _split(items: list, surface: Callable[[object], str], ends: tuple[str, ...]) -> list[list]:  # type: ignore[type-arg]
    out: list[list] = [[]]  # type: ignore[type-arg]
    for item in items:
        out[-1].append(item)
        if surface(item).endswith(ends):
            out.append([])
    return [p for p in out if p]


def _by_width(items: list, surface: Callable[[object], str]) -> list[list]:  # type: ignore[type-arg]
    out: list[list] = [[]]  # type: ignore[type-arg]
    width = 0
    for item in items:
        if width >= MAX_PIECE:
            out.append([])
            width = 0
        out[-1].append(item)
        width += len(surface(item))
    return [p for p in out if p]


def _width(items: list, surface: Callable[[object], str]) -> int:  # type: ignore[type-arg]
    return sum(len(surface(i)) for i in items)


def piece_runs(a: Sequence[str], b: Sequence[str]) -> list[tuple[bool, int, int, int, int]]:
    """Runs ``(equal, a0, a1, b0, b1)`` covering both piece lists, in order.

    Each distinct piece becomes one code point and the two code strings are diffed with
    diff-match-patch without cleanup (the line-mode trick); equal runs pair equal pieces.
    """
    codes: dict[str, str] = {}
    text_a = "".join(_code(p, codes) for p in a)
    text_b = "".join(_code(p, codes) for p in b)
    runs: list[tuple[bool, int, int, int, int]] = []
    i = j = 0
    for op, n in _raw_diff(text_a, text_b):
        if op == 0:
            runs.append((True, i, i + n, j, j + n))
            i, j = i + n, j + n
            continue
        if runs and not runs[-1][0]:
            _, a0, _, b0, _ = runs.pop()
        else:
            a0, b0 = i, j
        if op < 0:
            i += n
        else:
            j += n
        runs.append((False, a0, i, b0, j))
    return runs


def _code(piece: str, codes: dict[str, str]) -> str:

    code = codes.get(piece)
    if code is None:
        code = codes[piece] = chr(PRIVATE[len(codes) % len(PRIVATE)])  # over a million distinct pieces
    return code


def _raw_diff(a: str, b: str) -> list[tuple[int, int]]:
    """(op, length) runs of an exact diff without cleanup: op 0 equal, -1 delete, 1 insert."""
    try:
        import fast_diff_match_patch as fast

        ops = {"=": 0, "-": -1, "+": 1}
        return [(ops[op], len(text)) for op, text in
                fast.diff(a, b, timelimit=0, checklines=False, cleanup="No", counts_only=False)]
    except ImportError:  # pragma: no cover - the pure-Python library gives the same runs
        from diff_match_patch import diff_match_patch

        dmp = diff_match_patch()
        dmp.Diff_Timeout = 0
        return [(op, len(text)) for op, text in dmp.diff_main(a, b, False)]


def ratio(a: str, b: str) -> float:
    """Indel similarity 0–100 as ``fuzz.ratio``; piece by piece for long texts (see module docs)."""
    if len(a) + len(b) <= LONG_CHARS:
        return fuzz.ratio(a, b)
    return _long_ratio(a, b)


@lru_cache(maxsize=32)
def _long_ratio(a: str, b: str) -> float:
    """``ratio`` of a long pair, remembered: alignment asks for the same pair several times."""
    cut_a, cut_b = pieces(a), pieces(b)
    common = 0
    for equal, a0, a1, b0, b1 in piece_runs(cut_a, cut_b):
        if equal:
            common += sum(len(p) for p in cut_a[a0:a1])
        else:
            common += _common(cut_a[a0:a1], cut_b[b0:b1])
    return 200.0 * common / (len(a) + len(b))


def _common(a: list[str], b: list[str]) -> float:
    """Length of the common subsequence of two differing runs (by pairs of pieces when long)."""
    joined_a, joined_b = "".join(a), "".join(b)
    if not joined_a or not joined_b:
        return 0.0
    if len(joined_a) * len(joined_b) <= MAX_GAP_CELLS:
        return fuzz.ratio(joined_a, joined_b) * (len(joined_a) + len(joined_b)) / 200.0
    return sum(_common([x], [y]) for x, y in zip(a, b))
