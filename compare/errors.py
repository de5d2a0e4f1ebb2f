"""Errors a user can act on, with messages in Simplified Chinese and English.

Every stage raises ``InputError`` for bad input; the CLI prints it as one line naming the
file and the problem and exits with status 2. ``MESSAGES`` maps each error key to its English
message template, translated through the message catalogue (``compare.i18n``).
"""

from __future__ import annotations

import errno
import os

from .i18n import N_, Lazy, _, language
from .visible import visible

__all__ = ["MESSAGES", "InputError", "language"]

MESSAGES: dict[str, str] = {
    "not_found": N_("file not found"),
    "no_database": N_("no such database (no file was created)"),
    "not_a_file": N_("not a regular file"),
    "unreadable": N_("cannot read: {detail}"),
    "empty": N_("file is empty"),
    "binary": N_("not a text file (looks like binary data)"),
    "undecodable": N_("cannot determine the text encoding"),
    "too_large": N_("file too large ({size} MB, limit {limit} MB)"),
    "no_structure": N_("no provisions recognised (no 第X条 articles or 一、 items)"),
    "unsupported_format": N_("unsupported file format: {detail}"),
    "no_jurisdiction": N_("cannot infer the enacting jurisdiction; give it with --jurisdiction"),
    "unknown_jurisdiction": N_("unknown jurisdiction name: {detail}"),
    "ambiguous_jurisdiction": N_("jurisdiction name {detail} is ambiguous (codes {codes}); give the code instead"),
    "cannot_listen": N_("cannot listen on this address: {detail}"),
    "too_few": N_("at least two files are needed for a comparison"),
    "too_few_in_folder": N_("fewer than two texts to compare in this folder (found {count}; supported: {suffixes})"),
    "duplicate_input": N_("the same content was given twice"),
    "database": N_("database error: {detail}"),
    "no_postgres_driver": N_("{url}: the PostgreSQL driver psycopg is not installed; run pip install 'legiscompare[postgres]' (in a checkout: pip install '.[postgres]')"),
    "no_postgres_driver_url": N_("{url}: no such PostgreSQL driver; write postgresql+psycopg://… and run pip install 'legiscompare[postgres]' (in a checkout: pip install '.[postgres]')"),
    "invalid": N_("invalid input: {detail}"),
    "too_many_words": N_("a provision has too many distinct words (limit {limit}) for a word-level diff"),
    "unknown_input": N_("{option} names a file that is not among the files compared"),
    "bad_option": N_("malformed option: {detail}"),
    "wrong_extension": N_("the output file of {option} must end in {expected}"),
    "pdf_engine_missing": N_("PDF output needs the Chromium browser (apt-get install chromium, or set "
                             "LEGISCOMPARE_CHROMIUM)"),
    "pdf_failed": N_("Chromium did not produce a PDF ({detail})"),
    "too_large_to_align": N_("texts too large to align ({n}×{m} provisions)"),
    "corrupt": N_("file is damaged or truncated ({kind})"),
    "encrypted": N_("file is password-protected ({kind})"),
    "pdf_scanned": N_("PDF has no text layer and no text was recognised in its pages"),
    "ocr_missing": N_("a scanned page needs OCR, which needs {package}: apt-get install tesseract-ocr "
                      "tesseract-ocr-chi-sim (make test installs them)"),
    "office_missing": N_("reading a .doc or .wps file needs LibreOffice: apt-get install libreoffice-writer-nogui "
                         "(or set LEGISCOMPARE_SOFFICE)"),
    "office_failed": N_("LibreOffice could not convert the file ({detail})"),
    "ocr_failed": N_("text recognition failed ({detail})"),
    "ocr_too_many_pages": N_("too many scanned pages to recognise ({count}, limit {limit}; see "
                             "LEGISCOMPARE_MAX_OCR_PAGES)"),
    "pdf_no_unicode": N_("PDF fonts lack a Unicode mapping (ToUnicode); the text cannot be extracted"),
    "too_large_unpacked": N_("content too large once unpacked ({size} MB, limit {limit} MB; see "
                             "LEGISCOMPARE_MAX_DOCX_MB)"),
    "output_is_input": N_("output is the same file as an input; refusing to overwrite it"),
    "output_is_database": N_("output is the database file; refusing to overwrite it"),
    "output_twice": N_("the same output file is given twice"),
    "pdf_content_too_large": N_("PDF page content too large once decoded (limit {limit} MB; see "
                                "LEGISCOMPARE_MAX_PDF_CONTENT_MB)"),
    "pdf_too_many_operators": N_("PDF has too many text operators (limit {limit}; see LEGISCOMPARE_MAX_PDF_TEXT_OPS)"),
    "pdf_encrypted_text": N_("PDF is encrypted (owner password only) and its text cannot be extracted; remove the "
                             "protection first (e.g. qpdf --decrypt)"),
    "docx_too_many_members": N_("Word file has too many parts ({count}, limit {limit}; see "
                                "LEGISCOMPARE_MAX_DOCX_MEMBERS)"),
    "too_many_workers": N_("{count} worker processes are too many (limit {limit}, 4 × the CPU count; see "
                           "LEGISCOMPARE_MAX_WORKERS)"),
    "config_too_large": N_("configuration file too large (limit {limit} KB; see LEGISCOMPARE_MAX_CONFIG_KB)"),
    "too_deep": N_("elements nested too deeply (more than {limit} levels)"),
    "bad_file_name": N_("file name is not valid UTF-8 and cannot be stored; rename the file"),
    "not_writable": N_("cannot be written: {detail}"),
}


class InputError(Exception):
    """Bad input from the user: a file that cannot be read, decoded, parsed or placed."""

    def __init__(self, file: str | None, key: str, **params: object) -> None:
        self.file = file
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        """The one-line message in ``lang`` (default: the user's language)."""
        lang = lang or language()
        params = {k: v.render(lang) if isinstance(v, Lazy) else v for k, v in self.params.items()}
        text = visible(_(MESSAGES[self.key], lang).format(**params))  # a detail may quote a name or a note
        return f"{shown_path(self.file)}: {text}" if self.file else text


# The system's reasons (strerror) are English: these are shown translated.
OS_ERRORS = {
    errno.ENOENT: N_("no such file or directory"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.EISDIR: N_("is a directory"),
    errno.ENOTDIR: N_("not a directory"),
    errno.ENOSPC: N_("no space left on the device"),
    errno.EROFS: N_("read-only file system"),
    errno.EEXIST: N_("file exists"),
    errno.ENAMETOOLONG: N_("file name too long"),
    errno.EMFILE: N_("too many open files"),
}


def os_error(exc: OSError) -> str | Lazy:
    """The reason of a file-system error, shown in the reader's language (the system's own
    text, which is English, where the error is not one of ``OS_ERRORS``)."""
    known = OS_ERRORS.get(exc.errno or 0)
    return Lazy(known) if known else str(exc.strerror or exc)


_CONTROL = {i: f"\\x{i:02x}" for i in [*range(0x20), 0x7F]} | {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}


def shown_path(path: str | os.PathLike[str]) -> str:
    r"""A path fit for one line of output: undecodable bytes and control characters escaped,
    invisible and direction characters written ``<U+XXXX>`` (``compare.visible``).

    File names that are not valid UTF-8 reach Python as surrogate escapes, which cannot be
    printed or stored; a newline in a name would split a one-line error; a right-to-left
    override would show ``x\u202egpj.txt`` as ``xtxt.jpg``. Idempotent.

    >>> shown_path("a\nb.txt"), shown_path(os.fsdecode(b"\xff.txt")), shown_path("x\u202egpj.txt")
    ('a\\nb.txt', '\\xff.txt', 'x<U+202E>gpj.txt')
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        text = text.encode("utf-8", "backslashreplace").decode("ascii")
    return visible(text.translate(_CONTROL))
