"""Numbering and placement anomalies, reported as ``"kind:detail"`` warnings, never fixed.

Kinds:

- ``skipped_number``: a number jumps ahead ("第十二条 (after 第十条)"); also a sequence that
  does not start at 1 ("第三条 (first)"), as in an extract or an amendment.
- ``repeated_number``: the same number again ("第五条").
- ``out_of_order``: a number lower than the one before ("第三条 (after 第十条)"). One
  misplaced number or one restarted block gives one warning, not one per article.
- ``outside_chapter``: articles (or items) outside any chapter while others are inside one,
  one warning per run ("第一条–第六十七条 (67)"); a 编 with no chapters at all is fine.
- ``empty_provision``: a provision with no text ("第五条").
- ``joined_provisions``: an article found inside the line of the one before it (a lost line
  break); the parser splits it and says so ("第一百一十七条").
- ``orphan_text``: text between a heading and the first provision under it, kept as a
  provision of kind "text" (its id).
- ``unnumbered_heading``: a short line without punctuation between two articles, read as
  a heading that lost its 第X章 / 第X节 ("燃气发展规划与应急保障 (after 第五条)"; ``tree``).
- ``inferred_heading_number``: such a heading, numbered from the headings around it
  (第一章, lost, 第三章): "第二章|农业技术推广体系 (after 第九条)".

Articles, items, 编, 分编, 章 and 节 are each checked in their own scope: chapters restart
in each 编 and sections in each chapter, as in the Civil Code.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Provision

Entry = tuple[str, int | None, int | None]  # number as written, value, 之N of an inserted one


def sequence_warnings(entries: Iterable[Entry], carried: int = 0) -> list[str]:
    """Warnings for one numbered sequence that should run 1, 2, 3… (之一 after its base).

    ``carried`` is the last number of the same level in the previous scope: a sequence may
    start at 1 or at ``carried + 1`` (numbering on across 编).

    A number lower than expected is reported once; if the numbers then go on from it (a
    restarted block: 1…20, 1…20) counting follows the new run, otherwise (one misplaced
    number: 1, 2, 3, 2, 4) it keeps to the old one.
    """
    warnings: list[str] = []
    entries = list(entries)
    first = next((n for _, n, _ in entries if n is not None), None)
    last, last_sub, last_number = (carried if carried and first == carried + 1 else 0), 0, None
    stray: int | None = None  # value of the last number reported as repeated or out of order
    for number, ordinal, sub in entries:
        if ordinal is None:
            continue
        after = f" (after {last_number})" if last_number else " (first)"
        if sub:
            if ordinal > last:
                warnings.append(f"skipped_number:{number}{after}")
            elif ordinal < last or sub < last_sub:
                warnings.append(f"out_of_order:{number}{after}")
            elif sub == last_sub:
                warnings.append(f"repeated_number:{number}")
            last, last_sub, last_number, stray = ordinal, sub, number, None
            continue
        if ordinal == last + 1 or (stray is not None and ordinal == stray + 1):
            pass
        elif ordinal > last + 1:
            warnings.append(f"skipped_number:{number}{after}")
        else:
            kind = "repeated_number" if ordinal == last and last_sub == 0 else "out_of_order"
            warnings.append(f"{kind}:{number}" + ("" if kind == "repeated_number" else after))
            stray, last_number = ordinal, number
            continue
        last, last_sub, last_number, stray = ordinal, 0, number, None
    return warnings


def placement_warnings(provisions: list[Provision]) -> list[str]:
    """``outside_chapter`` and ``empty_provision`` warnings."""
    warnings: list[str] = []
    numbered = [p for p in provisions if p.kind in ("article", "item")]
    if any(p.chapter for p in numbered):
        # A 编 without chapters (刑事诉讼法 第四编 执行) holds its articles directly.
        chaptered_parts = {p.part for p in numbered if p.chapter}
        run: list[Provision] = []
        for prov in [*numbered, None]:  # None ends the last run
            if prov is not None and not prov.chapter and (prov.part is None or prov.part in chaptered_parts):
                run.append(prov)
            elif run:
                span = run[0].number if len(run) == 1 else f"{run[0].number}–{run[-1].number}"
                warnings.append(f"outside_chapter:{span}" + (f" ({len(run)})" if len(run) > 1 else ""))
                run = []
    for prov in provisions:
        if not any(par.strip() for par in prov.paragraphs):
            warnings.append(f"empty_provision:{prov.number or prov.id}")
    return warnings


def warning_kind(warning: str) -> str:
    """The kind of a ``"kind:detail"`` warning."""
    return warning.split(":", 1)[0]
