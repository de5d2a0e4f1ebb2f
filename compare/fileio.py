"""Writing output files safely: whole or not at all."""

from __future__ import annotations

import os
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
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """``replace_file`` for UTF-8 text with "\\n" line ends."""
    replace_file(path, text.encode("utf-8"))
