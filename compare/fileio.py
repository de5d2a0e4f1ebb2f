"""Writing output files safely: whole or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def replace_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` through a temporary file in the same folder, so no partial file is left.

    The file gets the usual permissions (umask), unlike a ``mkstemp`` file (always 0600).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError as exc:  # name the file as the user typed it, not the temporary one
        tmp.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, os.fspath(path)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """``replace_file`` for UTF-8 text with "\\n" line ends."""
    replace_file(path, text.encode("utf-8"))


def _same_file(a: str, b: str) -> bool:
    """Whether two user-given paths name the same file (existing or not)."""
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def sqlite_path(url: str | None) -> str | None:
    """The file of a SQLite database URL (or bare path), else None (PostgreSQL, memory)."""
    if not url:
        url = os.environ.get("LEGISCOMPARE_DB") or "sqlite:///legiscompare.db"
    if "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    if not scheme.startswith("sqlite") or not rest.startswith("/"):
        return None
    path = rest[1:].split("?", 1)[0]
    return path if path and path != ":memory:" else None


def refuse_clobbering(inputs: Iterable[str | None], outputs: Iterable[str | None],
                      database: str | None) -> None:
    """Raise ``InputError`` if an output would overwrite an input, the database or another output.

    ``database`` is the database URL (None: the default or $LEGISCOMPARE_DB); pass ``""`` to
    skip the database check (``--no-db``). Each output's folder must also be writable, so a
    run that could not write its outputs stores nothing.
    """
    from .errors import InputError

    given_inputs = [p for p in inputs if p]
    db_file = sqlite_path(database) if database != "" else None
    seen: list[str] = []
    for out in (p for p in outputs if p):
        for other in given_inputs:
            if _same_file(out, other):
                raise InputError(out, "output_is_input")
        if db_file and _same_file(out, db_file):
            raise InputError(out, "output_is_database")
        for other in seen:
            if _same_file(out, other):
                raise InputError(out, "output_twice")
        seen.append(out)
        _check_writable(out)


def _check_writable(path: str) -> None:
    """Raise ``InputError`` naming ``path`` as given if it cannot be written."""
    from .errors import InputError

    target = Path(path)
    if target.is_dir():
        raise InputError(path, "not_writable", detail="is a directory")
    folder = target.parent
    while not folder.exists() and folder != folder.parent:  # replace_file creates missing folders
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(path, "not_writable", detail=f"{folder}: permission denied")
