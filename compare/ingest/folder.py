"""Folders given as inputs: ``compare DIR`` compares the texts in it.

``expand_folders(paths)`` replaces every folder among ``paths`` by the files directly in it
whose extension is one of ``INPUT_SUFFIXES`` (case-insensitive), sorted by name, joined to
the folder as typed (so messages show the paths the user typed); hidden files and
subfolders are left out, and so are the files legiscompare itself wrote there (reports,
Word tables, PDFs, recognised texts), known by what they hold, not by their names: an HTML
page whose head says ``<meta name="generator" content="legiscompare">``, a Word file or PDF
whose creator is legiscompare, a text that starts with ``<!-- legiscompare``. A folder with
fewer than two such files is refused with ``InputError(folder, "too_few_in_folder")``.
"""

from __future__ import annotations

import os
import re
import zipfile

from ..errors import InputError, os_error

INPUT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".doc", ".wps", ".pdf", ".ofd")
OWN_TEXT_MARK = "<!-- legiscompare"  # the first line of a text file legiscompare wrote
_OWN_HTML = re.compile(rb'<meta name="generator" content="legiscompare')
_OWN_DOCX = re.compile(rb"<dc:creator>legiscompare</dc:creator>")
_OWN_PDF = re.compile(rb"/Creator ?\(legiscompare")


def expand_folders(paths: list[str], skipped: list[str] | None = None) -> list[str]:
    """``paths`` with each folder replaced by the supported texts in it (see the module docs);
    the files left out as legiscompare's own are appended to ``skipped``."""
    out: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            out.append(path)
            continue
        out.extend(folder_texts(path, skipped))
    return out


def folder_texts(folder: str, skipped: list[str] | None = None) -> list[str]:
    """The supported texts directly in ``folder``, sorted by name; at least two, else ``InputError``."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise InputError(folder, "unreadable", detail=os_error(exc)) from exc
    candidates = [os.path.join(folder, name) for name in names
                  if not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES)
                  and os.path.isfile(os.path.join(folder, name))]
    found = [path for path in candidates if not is_own_output(path)]
    if skipped is not None:
        skipped.extend(path for path in candidates if path not in found)
    if len(found) < 2:
        raise InputError(folder, "too_few_in_folder", count=len(found), suffixes=" ".join(INPUT_SUFFIXES))
    return found


def is_own_output(path: str) -> bool:
    """Whether legiscompare wrote ``path`` (a report, a Word table, a PDF, a recognised text),
    judged by its content whatever its name."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
            if head.startswith(b"PK\x03\x04"):
                with zipfile.ZipFile(handle) as archive:
                    return bool(_OWN_DOCX.search(archive.read("docProps/core.xml")[:65536]))
            if head.lstrip()[:5] == b"%PDF-":
                handle.seek(max(os.fstat(handle.fileno()).st_size - 65536, 0))
                return bool(_OWN_PDF.search(head + handle.read()))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, EOFError):
        return False
    return bool(_OWN_HTML.search(head)) or head.lstrip(b"\xef\xbb\xbf").startswith(OWN_TEXT_MARK.encode())
