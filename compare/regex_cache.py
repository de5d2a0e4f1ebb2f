"""Large regular expressions compiled once per machine instead of once per process.

The jurisdiction patterns alternate thousands of division and institution names (13–15 KB
each); ``re`` parses such a pattern in Python, which cost a tenth of a comparison's start-up.
``compile_large(pattern, flags)`` keeps the compiled program (``re``'s own: parser output
turned into ``_sre`` code) in ``cache.cache_dir()/regex``, keyed by the pattern, the flags
and the exact Python build, and rebuilds the ``re.Pattern`` from it with ``_sre.compile``,
the call ``re`` itself ends with, so the pattern object is the one ``re.compile`` gives.
Anything unexpected (another Python, a damaged file) falls back to ``re.compile``.
"""

from __future__ import annotations

import hashlib
from array import array
import marshal
import os
import re
import sys
from typing import Any

MIN_CHARS = 4000  # smaller patterns compile fast enough: plain re.compile


def compile_large(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the machine's cache when the pattern is large."""
    if len(pattern) < MIN_CHARS:
        return re.compile(pattern, flags)
    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]

        typecode = next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)  # sre code units
        path = _cache_path(pattern, flags, _sre.MAGIC)
        program = _read(path)
        if program is None:
            parsed = _parser.parse(pattern, flags)
            code = _compiler._code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[Any] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            program = (pattern, int(flags | parsed.state.flags), array(typecode, code).tobytes(), parsed.state.groups - 1,
                       {str(k): int(v) for k, v in groupindex.items()},
                       tuple(indexgroup))
            _write(path, program)
        stored, all_flags, code, groups, groupindex, indexgroup = program
        if stored != pattern:
            return re.compile(pattern, flags)
        program_code = array(typecode)
        program_code.frombytes(code)  # a packed array: marshal reads 100,000 ints as objects far slower
        return _sre.compile(pattern, all_flags, program_code.tolist(), groups, groupindex, indexgroup)
    except Exception:  # noqa: BLE001 - a cache must never break a comparison
        return re.compile(pattern, flags)


def _cache_path(pattern: str, flags: int, magic: int) -> str:
    from .cache import cache_dir

    key = hashlib.sha256(f"2\n{sys.version}\n{magic}\n{flags}\n{pattern}".encode("utf-8", "surrogatepass")).hexdigest()
    return os.path.join(cache_dir(), "regex", f"{key[:32]}.marshal")


def _read(path: str) -> Any:
    try:
        with open(path, "rb") as stored:
            return marshal.load(stored)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write(path: str, program: Any) -> None:
    import tempfile

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".re-")
        with os.fdopen(fd, "wb") as out:
            marshal.dump(program, out)
        os.replace(tmp, path)
    except OSError:
        pass
