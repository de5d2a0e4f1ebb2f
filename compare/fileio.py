"""Writing output files safely: whole or not at all."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path


def _temporary(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


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
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """``replace_file`` for UTF-8 text with "\\n" line ends."""
    replace_file(path, text.encode("utf-8"))


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
        for tmp, target, given in self._staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, given) from None
            done.append(given)
        self._staged = []
        return done

    def discard(self) -> None:
        """Remove whatever is still staged."""
        for tmp, _target, _given in self._staged:
            with suppress(OSError):
                tmp.unlink()
        self._staged = []
