"""Folders given as inputs: ``compare DIR`` compares the texts in it.

``expand_folders(paths)`` replaces every folder among ``paths`` by the files directly in it
whose extension is one of ``INPUT_SUFFIXES`` (case-insensitive), sorted by name, joined to
the folder as typed (so messages show the paths the user typed); hidden files and
subfolders are left out. A folder with fewer than two such files is refused with
``InputError(folder, "too_few_in_folder")``.
"""

from __future__ import annotations

import os

from ..errors import InputError, os_error

INPUT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def expand_folders(paths: list[str]) -> list[str]:
    """``paths`` with each folder replaced by the supported texts in it (see the module docs)."""
    out: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            out.append(path)
            continue
        out.extend(folder_texts(path))
    return out


def folder_texts(folder: str) -> list[str]:
    """The supported texts directly in ``folder``, sorted by name; at least two, else ``InputError``."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise InputError(folder, "unreadable", detail=os_error(exc)) from exc
    found = [os.path.join(folder, name) for name in names
             if not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES)
             and os.path.isfile(os.path.join(folder, name))]
    if len(found) < 2:
        raise InputError(folder, "too_few_in_folder", count=len(found), suffixes=" ".join(INPUT_SUFFIXES))
    return found
