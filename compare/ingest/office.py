"""Read Word 97-2003 ``.doc`` and Kingsoft WPS ``.wps`` files through LibreOffice.

Both are OLE compound files: WPS Office has saved ``.wps`` documents in the Word 97-2003
binary format since WPS 2005. No maintained Python library reads that format's text with
its paragraphs and tables, so LibreOffice (Debian: ``libreoffice-writer-nogui``, installed
by ``make test``) converts the file headless to ``.docx``, which the .docx reader reads
(tracked changes and all). LibreOffice runs with a throw-away profile in a temporary folder,
so conversions never share state, and within a time limit; the converted file is checked
like any .docx.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from .base import Extracted

KIND = "Word 97-2003 .doc / WPS"
TIMEOUT_S = 120


def find_soffice() -> str | None:
    """LibreOffice's ``soffice`` (``LEGISCOMPARE_SOFFICE``, else on PATH), or None."""
    given = os.environ.get("LEGISCOMPARE_SOFFICE")
    if given:
        return given if os.access(given, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy_word(data: bytes, shown: str, view: str = "accepted") -> Extracted:
    """A .doc or .wps file's text, converted by LibreOffice to .docx and read as one."""
    from .docx import read_docx

    converted = convert_to_docx(data, shown)
    extracted = read_docx(converted, shown, view)
    return Extracted(extracted.text, extracted.encoding, extracted.warnings)


def convert_to_docx(data: bytes, shown: str) -> bytes:
    """The .docx LibreOffice makes of ``data``, or ``InputError`` (LibreOffice missing, file damaged)."""
    soffice = find_soffice()
    if soffice is None:
        raise InputError(shown, "office_missing")
    with tempfile.TemporaryDirectory(prefix="legiscompare-office-") as folder:
        source = Path(folder, "input.doc")
        source.write_bytes(data)
        command = [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--norestore",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(Path(folder, "out")), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False,
                           env={**os.environ, "HOME": folder})
        except subprocess.TimeoutExpired:
            raise InputError(shown, "office_failed", detail=f"> {TIMEOUT_S} s") from None
        except OSError as exc:
            raise InputError(shown, "office_failed", detail=exc.strerror or str(exc)) from None
        result = Path(folder, "out", "input.docx")
        if not result.is_file() or result.stat().st_size == 0:
            raise InputError(shown, "corrupt", kind=KIND)
        return result.read_bytes()
