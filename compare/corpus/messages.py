"""Error messages of the corpus commands, added to ``compare.errors.MESSAGES`` on import.

They live here so the corpus package stays self-contained; ``InputError(None, key, ...)``
then prints them in the user's language like every other error.
"""

from __future__ import annotations

from ..errors import MESSAGES
from ..i18n import N_

CORPUS_MESSAGES: dict[str, str] = {
    "unknown_provision": N_("no provision {detail} in the index (ids are printed by corpus similar / corpus families)"),
    "local_no_jurisdiction": N_("cannot infer the enacting jurisdiction (the text calls itself 本市/本省…, so it is not taken "
                                "as national); add the division with --divisions"),
    "empty_index": N_("the index is empty; run legiscompare corpus index DIR first"),
    "no_related": N_("no indexed text of another jurisdiction has a similar title or similar provisions"),
}

for _key, _texts in CORPUS_MESSAGES.items():
    MESSAGES.setdefault(_key, _texts)
