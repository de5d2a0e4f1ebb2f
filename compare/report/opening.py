"""``compare --open``: show the written report in the user's browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

WAIT_S = 5  # an opener still running after this long has handed the file to a browser


def open_report(path: str) -> bool:
    """Open the file at ``path`` with the system's default application (xdg-open, open or
    start), its own messages kept off the terminal; whether an application took it."""
    if sys.platform.startswith("win"):  # pragma: no cover - exercised on Windows only
        os.startfile(path)  # type: ignore[attr-defined]
        return True
    opener = shutil.which("open" if sys.platform == "darwin" else "xdg-open")
    if opener is None:
        return False
    try:
        proc = subprocess.Popen([opener, path], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    try:
        return proc.wait(timeout=WAIT_S) == 0
    except subprocess.TimeoutExpired:
        return True
