"""Texts as files for the library, which reads paths: stored texts written back, names made safe,
and the enacting jurisdictions a form gives (``FILE=NAME`` lines, as ``--jurisdiction``).

- ``safe_name(name)``: an uploaded file's name without folders, control or direction characters;
- ``text_file(folder, name, text, fmt)``: the decoded ``text`` of a stored document written
  as UTF-8 (Markdown stays ``.md``, everything else is plain text) in a folder of its own
  named by its content, so the same text is written once and keeps its path;
- ``source_file(folder, document)``: ``text_file`` for a document of a stored comparison;
- ``jurisdiction_choice(jurisdiction)``: the value that names a stored jurisdiction again;
- ``jurisdiction_lines(value, names)``: the ``FILE=NAME`` lines of a form checked against
  the files chosen (``Refusal`` 400 naming the first bad line).
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path

from ..model import Document, Jurisdiction
from ..visible import has_controls, hidden_char
from .site import Refusal

MAX_JURISDICTION_TEXT = 4000  # characters of the jurisdictions field
MAX_JURISDICTION_NAME = 64


def safe_name(name: str) -> str:
    """An uploaded file's name without folders, control or bidirectional characters."""
    base = Path(name.replace("\\", "/")).name
    kept = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C" and not has_controls(ch))  # Zl, Zp too
    return kept.strip().lstrip(".")[:120]


def text_file(folder: Path, name: str, text: str, fmt: str) -> str:
    """The path of a UTF-8 file holding ``text`` under (a safe form of) ``name``."""
    stem = Path(safe_name(name) or "text").stem or "text"
    file_name = f"{stem}.{'md' if fmt == 'md' else 'txt'}"
    digest = hashlib.sha256(f"{file_name}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:24]
    target = folder / "texts" / digest / file_name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(f".{file_name}.{os.getpid()}.{digest[:6]}.tmp")
        staged.write_text(text, encoding="utf-8", newline="\n")
        staged.replace(target)  # atomic: a concurrent job reads the whole file or writes the same one
    return str(target)


def source_file(folder: Path, document: Document) -> str:
    """``text_file`` for a document of a stored comparison (its decoded source text)."""
    return text_file(folder, document.source.name, document.source.text, document.source.format)


def jurisdiction_choice(jurisdiction: Jurisdiction) -> str:
    """What names ``jurisdiction`` to ``--jurisdiction``: 全国, else its division code or name."""
    return "全国" if jurisdiction.level == "national" else (jurisdiction.code or jurisdiction.name)


def jurisdiction_lines(value: str, names: dict[str, list[str]]) -> dict[str, str]:
    """Path → jurisdiction name from ``FILE=NAME`` lines; ``names``: each chosen file's name
    (and stem) → the paths it names. ``Refusal`` 400 for a line without ``=``, an unknown
    file, or a name that is empty, too long or holds an invisible character."""
    value = value.replace("\r\n", "\n")
    if len(value) > MAX_JURISDICTION_TEXT:
        raise Refusal(400, "jurisdictions_too_long", "/new", limit=MAX_JURISDICTION_TEXT)
    out: dict[str, str] = {}
    for line in value.split("\n"):
        if not line.strip():
            continue
        key, sep, name = line.partition("=")
        key, name = key.strip(), name.strip()
        shown = line.strip()[:80]
        if not sep or not name or len(name) > MAX_JURISDICTION_NAME or hidden_char(name) or hidden_char(key):
            raise Refusal(400, "bad_jurisdiction_line", "/new", value=shown)
        if key not in names:
            raise Refusal(400, "unknown_jurisdiction_file", "/new", value=key[:80])
        out.update(dict.fromkeys(names[key], name))
    return out
