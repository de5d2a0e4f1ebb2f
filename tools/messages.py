"""Maintain the message catalogue with Babel: extract, update, compile (``make messages``).

    python tools/messages.py            # re-extract, update the .po, compile the .mo
    python tools/messages.py --check    # exit 1 (listing the problems) if the catalogue is stale

The msgids are the English strings of ``compare/`` (marked ``_``, ``N_``, ``L_``, ``P_``, ``ngettext``)
and click's own strings (extracted from the installed click: click looks them up with the global
``gettext``, see ``compare.i18n.activate``). One Simplified Chinese catalogue holds them all:
``compare/locale/zh_CN/LC_MESSAGES/legiscompare.po`` and its compiled ``.mo`` (both committed,
so ``pip install`` needs no Babel). New msgids arrive with an empty translation: fill them in,
then run this again. ``babel.cfg`` gives the same extraction to ``pybabel extract -F babel.cfg``.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "compare"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "legiscompare.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "L_": None, "P_": ((1, "c"), 2), "ngettext": (1, 2)}
CLICK_KEYWORDS = {"_": None, "ngettext": (1, 2)}


def template() -> Catalog:
    """Every msgid of ``compare/`` and of the installed click, as a template catalogue."""
    import click

    catalog = Catalog(domain="legiscompare", project="legiscompare")
    sources = [(PACKAGE, KEYWORDS, "compare"), (Path(click.__file__).parent, CLICK_KEYWORDS, "click")]
    for root, keywords, prefix in sources:
        for filename, _lineno, message, _comments, context in extract_from_dir(
                root, method_map=[("**.py", "python")], keywords=keywords, comment_tags=(), strip_comment_tags=True):
            if message and (message[0] if isinstance(message, tuple) else message):
                catalog.add(message, locations=[(f"{prefix}/{filename}", None)], context=context)
    return catalog


def read_catalogue() -> Catalog:
    """The committed zh_CN catalogue."""
    with PO.open("rb") as f:
        return read_po(f, locale="zh_CN", domain="legiscompare")


def po_bytes(catalog: Catalog) -> bytes:
    """``catalog`` as .po text: sorted, without line numbers (so moving code changes nothing)."""
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=True, include_lineno=False, ignore_obsolete=True,
             omit_header=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """``catalog`` compiled (translated messages only; never fuzzy ones)."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def updated() -> Catalog:
    """The committed catalogue brought up to the current template (new msgids empty, gone ones dropped)."""
    catalog = read_catalogue()
    catalog.update(template(), no_fuzzy_matching=True, update_header_comment=False)
    catalog.revision_date = catalog.creation_date  # stable bytes: re-running changes nothing
    return catalog


def problems() -> list[str]:
    """What is stale or missing: msgids to add or drop, empty or fuzzy translations, an old .mo."""
    current, template_ids = read_catalogue(), {m.id if not m.context else (m.context, m.id) for m in template() if m.id}
    current_ids = {m.id if not m.context else (m.context, m.id) for m in current if m.id}
    found = [f"not in the catalogue: {i!r}" for i in sorted(template_ids - current_ids, key=str)]
    from_click = {m.id if not m.context else (m.context, m.id) for m in current
                  if m.locations and all(path.startswith("click/") for path, _line in m.locations)}
    # a message of another click version is harmless (an older or newer click may still use it)
    found += [f"obsolete in the catalogue: {i!r}" for i in sorted(current_ids - template_ids - from_click, key=str)]
    for m in current:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if not all(strings):
            found.append(f"untranslated: {m.id!r}")
        if m.fuzzy:
            found.append(f"fuzzy: {m.id!r}")
    if not MO.exists() or MO.read_bytes() != mo_bytes(current):
        found.append(f"{MO.relative_to(REPO)} is not compiled from the .po")
    return found


def main(argv: list[str] | None = None) -> int:
    """Update and compile the catalogue, or with ``--check`` only report what is stale."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if the catalogue is stale")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        print("\n".join(found) or "message catalogue is complete and current")
        return 1 if found else 0
    catalog = updated()
    PO.write_bytes(po_bytes(catalog))
    catalog = read_catalogue()
    MO.write_bytes(mo_bytes(catalog))
    empty = [m.id for m in catalog if m.id and not all(m.string if isinstance(m.string, tuple) else (m.string,))]
    print(f"{PO.relative_to(REPO)}: {len(catalog)} messages, {len(empty)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
