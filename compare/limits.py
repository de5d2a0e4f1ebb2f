"""Resource limits on hostile or mistaken input, each configurable by an environment variable.

Every limit has a default that real legislation stays far below, a unit, and the variable
that raises it for a user who needs more. Exceeding one is an ``InputError`` naming the file
(one line, exit status 2). The README's "Limits" section lists the same table.

========================  =======================================  ==========================
limit                     default                                  variable
========================  =======================================  ==========================
input file size           20 MB                                    (fixed, ``ingest.MAX_BYTES``)
.docx unpacked size       64 MB (sum of ``ZipInfo.file_size``)     LEGISCOMPARE_MAX_DOCX_MB
.docx members             2,000 archive members                    LEGISCOMPARE_MAX_DOCX_MEMBERS
.docx / HTML nesting      libxml2: 256 (docx), 2,048 (HTML)        (fixed by libxml2)
PDF content streams       64 MB decoded, all pages together         LEGISCOMPARE_MAX_PDF_CONTENT_MB
PDF text operators        500,000 ``Tj``/``TJ``, all pages          LEGISCOMPARE_MAX_PDF_TEXT_OPS
``--workers``             4 × the CPU count                        LEGISCOMPARE_MAX_WORKERS
TOML configuration file   256 KB; 32 levels of nesting or dots     LEGISCOMPARE_MAX_CONFIG_KB
scanned pages read by OCR 300 pages (rendered ≤ 40 megapixels)     LEGISCOMPARE_MAX_OCR_PAGES
========================  =======================================  ==========================
"""

from __future__ import annotations

import os

DEFAULTS = {
    "LEGISCOMPARE_MAX_DOCX_MB": 64,
    "LEGISCOMPARE_MAX_DOCX_MEMBERS": 2000,
    "LEGISCOMPARE_MAX_PDF_CONTENT_MB": 64,
    "LEGISCOMPARE_MAX_PDF_TEXT_OPS": 500_000,
    "LEGISCOMPARE_MAX_CONFIG_KB": 256,
    "LEGISCOMPARE_MAX_OCR_PAGES": 300,
}


def limit(variable: str) -> int:
    """The limit named by ``variable``: its value from the environment, else the default.

    A value that is not a positive integer is ignored (the default applies).

    >>> limit("LEGISCOMPARE_MAX_DOCX_MEMBERS")
    2000
    """
    raw = os.environ.get(variable, "").strip()
    if raw.isascii() and raw.isdigit() and int(raw) > 0:
        return int(raw)
    if variable == "LEGISCOMPARE_MAX_WORKERS":
        return 4 * (os.cpu_count() or 1)
    return DEFAULTS[variable]


def max_workers() -> int:
    """The largest ``--workers`` accepted: 4 × CPU count unless LEGISCOMPARE_MAX_WORKERS says otherwise."""
    return limit("LEGISCOMPARE_MAX_WORKERS")
