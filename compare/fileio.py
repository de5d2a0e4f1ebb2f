"""Writing output files safely: whole or not at all."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from .errors import InputError, os_error, shown_path
from .i18n import L_


_TERMINATION = {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}
_STARTED = time.time()  # files staged before this run began, by a process now gone, are stale


def _temporary(target: Path) -> Path:
    """The staged file beside ``target`` (``.NAME.PID.tmp``), after removing stale ones of ``target``."""
    remove_stale(target)
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def remove_stale(target: Path) -> list[Path]:
    """Remove ``.NAME.PID.tmp`` files of ``target`` left by a killed run; the files removed.

    Only this naming pattern for this very target is touched, and only when the process
    that wrote it no longer exists and the file is older than this run: a concurrent run's
    staged file is never removed.
    """
    removed = []
    prefix = f".{target.name}."
    with suppress(OSError):
        for entry in os.scandir(target.parent):
            pid = entry.name[len(prefix):-4] if entry.name.startswith(prefix) and entry.name.endswith(".tmp") else ""
            if pid.isascii() and pid.isdigit() and _stale(entry, int(pid)):
                with suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _stale(entry: os.DirEntry[str], pid: int) -> bool:
    if pid == os.getpid() or not entry.is_file(follow_symlinks=False):
        return False
    try:
        if entry.stat(follow_symlinks=False).st_mtime >= _STARTED:
            return False
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):  # alive under another user (EPERM), or not a process number
        return False
    return False


def replace_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` through a temporary file in the same folder, so no partial file is left.

    The file gets the usual permissions (umask), unlike a ``mkstemp`` file (always 0600).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(target)
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


MAX_TEXT_BYTES = 20 * 1024 * 1024  # as ``compare.ingest.MAX_BYTES``


def read_capped(path: str | os.PathLike[str], max_bytes: int, shown: str) -> bytes:
    """At most ``max_bytes + 1`` bytes of the file the user gave (one more than the cap tells the
    caller it is too large), or ``InputError`` naming it as ``shown``."""
    try:
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(shown, "not_found") from None
    except OSError as exc:
        raise InputError(shown, "unreadable", detail=os_error(exc)) from None


def read_text_file(path: str | os.PathLike[str], max_bytes: int = MAX_TEXT_BYTES) -> str:
    """A UTF-8 text file the user gave (an export, a list), or ``InputError`` naming it.

    The size is checked before the file is read; a byte that is not UTF-8 is refused.
    """
    shown = os.fspath(path)
    if os.path.isdir(path):
        raise InputError(shown, "not_a_file")
    raw = read_capped(path, max_bytes, shown)
    if len(raw) > max_bytes:
        raise InputError(shown, "too_large", size=f"> {max_bytes // 2**20}", limit=max_bytes // 2**20)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(shown, "undecodable") from None


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
    target = Path(path)
    if target.is_dir():
        raise InputError(path, "not_writable", detail=L_("is a directory"))
    folder = target.parent
    while not folder.exists() and folder != folder.parent:  # replace_file creates missing folders
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(path, "not_writable", detail=L_("{folder}: permission denied", folder=folder))


def is_printable_name(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is valid UTF-8 (no surrogate escapes), so it can be stored as text."""
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def walk_files(root: str | os.PathLike[str], suffixes: Iterable[str],
               hidden: bool = True) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files under ``root`` with one of ``suffixes`` (sorted), and the folders that could not be read.

    Unlike ``Path.rglob``, a folder that cannot be listed is reported as ``(shown path,
    reason)`` rather than skipped silently. ``hidden=False`` leaves out names starting with
    ".". Symbolic links to folders are not followed.
    """
    wanted = {s.lower() for s in suffixes}
    unreadable: list[tuple[str, str]] = []
    found: list[Path] = []

    def report(exc: OSError) -> None:
        unreadable.append((shown_path(exc.filename or root), str(os_error(exc))))

    for folder, dirs, names in os.walk(root, onerror=report):
        if not hidden:
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            names = [n for n in names if not n.startswith(".")]
        for name in names:
            path = Path(folder, name)
            if path.suffix.lower() in wanted and path.is_file():
                found.append(path)
    return sorted(found), unreadable
class StagedOutputs:
    """Several output files written all or none: ``stage`` each, then ``commit`` or ``discard``.

    Staging writes a temporary file beside each target (so an unwritable folder fails
    before anything else is done); ``commit`` renames them into place; ``discard`` removes
    them. Use as a context manager: leaving the block without ``commit`` discards.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path, str]] = []

    def __enter__(self) -> StagedOutputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def stage(self, path: str, data: bytes) -> None:
        """Write ``data`` to a temporary file beside ``path`` (errors name ``path`` as given)."""
        target = Path(path)
        tmp = _temporary(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            with suppress(OSError):
                tmp.unlink()
            raise OSError(exc.errno, exc.strerror, path) from None
        self._staged.append((tmp, target, path))

    def commit(self) -> list[str]:
        """Move every staged file into place; the paths as given, in staging order."""
        done = []
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _TERMINATION)  # a signal waits until all are in place
        try:
            for tmp, target, given in self._staged:
                try:
                    os.replace(tmp, target)
                except OSError as exc:
                    raise OSError(exc.errno, exc.strerror, given) from None
                done.append(given)
            self._staged = []
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return done

    def discard(self) -> None:
        """Remove whatever is still staged."""
        for tmp, _target, _given in self._staged:
            with suppress(OSError):
                tmp.unlink()
        self._staged = []


OUTPUT_EXTENSIONS = {  # output kind → (option, accepted file-name endings)
    "html": ("-o/--output", (".html", ".htm")), "json": ("--json", (".json",)),
    "docx": ("--docx", (".docx",)), "csv": ("--csv", (".csv",)), "xlsx": ("--xlsx", (".xlsx",)),
    "pdf": ("--pdf", (".pdf",)),
    "redline": ("--redline-docx", (".docx",)),
}


FOLDER_OUTPUTS = {"redline"}  # kinds that also take a folder: a path not ending like any output file


def refuse_wrong_extensions(paths: dict[str, str | None]) -> None:
    """InputError for an output path whose ending does not match its kind (``-o x.pdf``)."""
    files = tuple(e for _option, endings in OUTPUT_EXTENSIONS.values() for e in endings)
    for kind, path in paths.items():
        option, endings = OUTPUT_EXTENSIONS[kind]
        if path and not str(path).lower().endswith(endings):
            if kind in FOLDER_OUTPUTS and not str(path).lower().endswith(files):
                continue
            raise InputError(str(path), "wrong_extension", option=option, expected=" / ".join(endings))
