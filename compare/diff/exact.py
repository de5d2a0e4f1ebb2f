"""The exact token diff: each distinct word key mapped to one private-use character, the
strings diffed by diff-match-patch (its C++ build when installed), the result read back as
``Chunk`` runs."""

from __future__ import annotations

from collections.abc import Callable

from diff_match_patch import diff_match_patch

from ..errors import InputError
from ..model import Token
from ..longtext import PRIVATE
from .chunks import Chunk

_DMP_EQUAL, _DMP_DELETE, _DMP_INSERT = 0, -1, 1




def token_key(token: Token) -> str:
    return token.key


def diff_exact(old: list[Token], new: list[Token], key: Callable[[Token], str]) -> list[Chunk]:
    codes: dict[str, str] = {}
    a = _encode(old, codes, key)
    b = _encode(new, codes, key)
    chunks: list[Chunk] = []
    i = j = 0
    pending_old: list[Token] = []
    pending_new: list[Token] = []
    for op, text in dmp_diff(a, b):
        n = len(text)
        if op == _DMP_EQUAL:
            if pending_old or pending_new:
                chunks.append(Chunk("change", tuple(pending_old), tuple(pending_new)))
                pending_old, pending_new = [], []
            chunks.append(Chunk("equal", tuple(old[i:i + n]), tuple(new[j:j + n])))
            i, j = i + n, j + n
        elif op == _DMP_DELETE:
            pending_old.extend(old[i:i + n])
            i += n
        else:
            pending_new.extend(new[j:j + n])
            j += n
    if pending_old or pending_new:
        chunks.append(Chunk("change", tuple(pending_old), tuple(pending_new)))
    return chunks


def python_diff(a: str, b: str) -> list[tuple[int, str]]:
    """diff-match-patch (pure Python): exact diff, then semantic cleanup."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)  # drop equalities shorter than the edits around them
    return diffs


def native_diff(a: str, b: str) -> list[tuple[int, str]]:
    """The same algorithm in C++ (fast-diff-match-patch): identical output, several times faster."""
    ops = {"=": _DMP_EQUAL, "-": _DMP_DELETE, "+": _DMP_INSERT}
    raw = _fast.diff(a, b, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False)
    return [(ops[op], text) for op, text in raw]


try:  # the C++ backend is optional: identical results (tests/test_diff.py proves it), faster
    import fast_diff_match_patch as _fast

    dmp_diff = native_diff
except ImportError:  # pragma: no cover - exercised only where the wheel is unavailable
    dmp_diff = python_diff


def _encode(tokens: list[Token], codes: dict[str, str], key: Callable[[Token], str]) -> str:
    keys = [t.key for t in tokens] if key is token_key else [key(t) for t in tokens]
    for k in keys:
        if k not in codes:
            if len(codes) >= len(PRIVATE):
                raise InputError(None, "too_many_words", limit=len(PRIVATE))
            codes[k] = chr(PRIVATE[len(codes)])
    return "".join([codes[k] for k in keys])
