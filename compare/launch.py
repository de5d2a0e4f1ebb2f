"""Console entry point: answers a help request from a cache, else runs ``compare.cli.main``.

Building the command line (click and the help texts of every command) costs several times
the interpreter's own start-up, and help never changes between two runs of the same code.
So the output of a help request (``--help`` anywhere before ``--``, or no argument at all)
that succeeded is kept in ``cache_dir()/help``, under a stamp of the arguments, the
language settings, the terminal width and the size and modification time of every source
file of the package and of click (stored in the file and compared whole); the next
identical request prints it without importing click. Anything else goes straight to
``compare.cli.main``.
"""

from __future__ import annotations

import os
import sys
import zlib

TYPE_CHECKING = False  # typing itself costs 2 ms of a 30 ms start-up
if TYPE_CHECKING:
    from typing import Any, TextIO

from .cache import cache_dir

_ENV = ("LEGISCOMPARE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS")
_END = "\n\x00\n"  # ends the stamp at the head of a cache file


def main(argv: list[str] | None = None) -> None:
    """Run ``legiscompare`` with ``argv`` (default ``sys.argv[1:]``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not _is_help_request(args):
        from .cli import main as cli_main

        cli_main(args)
        return
    found = _cache_entry(args)
    if found is not None:
        path, stamp = found
        text = _read(path)
        if text is not None and text.startswith(stamp + _END):
            sys.stdout.write(text[len(stamp) + len(_END):])
            sys.stdout.flush()
            sys.exit(0)
    _run_and_keep(args, found)


def _is_help_request(args: list[str]) -> bool:
    if "_LEGISCOMPARE_COMPLETE" in os.environ:  # shell completion (click's variable): never cached
        return False
    head = args[:args.index("--")] if "--" in args else args
    return not args or "--help" in head


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as cached:
            return cached.read()
    except (OSError, UnicodeDecodeError):
        return None


def _run_and_keep(args: list[str], entry: tuple[str, str] | None) -> None:
    """Run the real command line, and keep its output when it printed help and succeeded."""
    from .cli import main as cli_main

    for stream in (sys.stdout, sys.stderr):  # as cli.main does, before the streams are wrapped
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err  # type: ignore[assignment]
    code: Any = 0
    try:
        cli_main(args)
    except SystemExit as stop:
        code = stop.code
    finally:
        sys.stdout, sys.stderr = out.stream, err.stream
    if entry is not None and code in (0, None) and not err.text() and out.text():
        _write(entry[0], entry[1] + _END + out.text())
    sys.exit(code)


class _Tee:
    """A text stream that writes through to ``stream`` and remembers what was written."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._parts: list[str] = []

    def write(self, text: str) -> int:
        written = self.stream.write(text)  # raises on bytes, as the stream does (click probes with b"")
        self._parts.append(text)
        return written

    def text(self) -> str:
        return "".join(self._parts)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _cache_entry(args: list[str]) -> tuple[str, str] | None:
    """The cache file of this help request and its stamp, or None when the sources cannot be stamped."""
    try:
        parts = [repr(args), *(f"{k}={os.environ.get(k, '')}" for k in _ENV), f"cols={_columns()}"]
        parts.extend(_stamps(os.path.dirname(os.path.abspath(__file__))))
        click_dir = _click_dir()
        if click_dir is None:
            return None
        parts.extend(_stamps(click_dir))
    except OSError:
        return None
    stamp = "\n".join(parts).encode("utf-8", "backslashreplace").decode("utf-8")
    key = zlib.crc32(stamp.encode("utf-8"))
    return os.path.join(cache_dir(), "help", f"{key:08x}-{len(stamp)}.txt"), stamp


def _columns() -> int:
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
    except (OSError, ValueError, AttributeError):
        return 0


def _click_dir() -> str | None:
    for entry in sys.path:
        candidate = os.path.join(entry or ".", "click")
        if os.path.isfile(os.path.join(candidate, "core.py")):
            return candidate
    return None


def _stamps(root: str) -> list[str]:
    """``path size mtime`` of every source file under ``root``, in a stable order."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".mo")):
                info = os.stat(os.path.join(folder, name))
                out.append(f"{folder}/{name} {info.st_size} {info.st_mtime_ns}")
    return out


def _write(path: str, text: str) -> None:
    import tempfile

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".help-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError:
        pass


if __name__ == "__main__":  # python -m compare.launch, like the legiscompare command
    main()
