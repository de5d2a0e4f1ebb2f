"""Where legiscompare keeps its caches (prepared dictionary, compiled regexes and templates,
help texts): one module below every stage, so none of them reaches up to the entry point.

- ``cache_dir()``: ``$LEGISCOMPARE_CACHE``, else ``$XDG_CACHE_HOME/legiscompare`` (by default
  ``~/.cache/legiscompare``).
"""

from __future__ import annotations

import os

CACHE_VAR = "LEGISCOMPARE_CACHE"  # folder of the caches (default $XDG_CACHE_HOME/legiscompare)


def cache_dir() -> str:
    """Where legiscompare keeps caches: $LEGISCOMPARE_CACHE, else $XDG_CACHE_HOME/legiscompare."""
    given = os.environ.get(CACHE_VAR)
    if given:
        return given
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "legiscompare")
