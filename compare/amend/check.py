"""Consolidation check: does a published consolidated text say what the decision says?

``check_consolidation(old, decision, published, lexer) -> list[Departure]`` applies
``decision`` to ``old`` (``compare.amend.apply``) and compares the result, provision by
provision (by number: 第X条, 第X条之一, the preamble, the title), with ``published``, the
text as a database or a 重新公布 gives it. Every provision whose published words differ
from the decision's result is a ``Departure``: "changed" (with the differing words),
"missing" (the decision's result has it, the published text does not) or "extra" (the
published text has it, the decision's result does not). Formatting does not count: texts
are compared after NFKC, without whitespace, paragraph by paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diff import word_diff
from ..instrument.model import PREAMBLE, TITLE, ArticleKey, Decision, target_at
from ..instrument.numbering import address
from ..instrument.render import target_en
from ..jurisdiction import JurisdictionLexer
from ..model import Document
from .apply import apply_decision, provisions_by_number
from .lines import normalise

CONTEXT = 12  # characters of equal text shown around a differing run


@dataclass(frozen=True)
class Departure:
    """One provision where the published text departs from the decision's result."""

    key: ArticleKey
    kind: str  # "changed" | "missing" | "extra"
    expected: str  # the decision's result ("" when extra)
    published: str  # the published text ("" when missing)
    changes: tuple[tuple[str, str], ...] = ()  # (decision's words, published words) of each differing run

    def address(self, lang: str = "zh") -> str:
        """第X条之一, 序言 or 名称 (Article 10-1, the preamble, the title)."""
        return address(target_at(self.key)) if lang == "zh" else target_en(target_at(self.key))


def _texts(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(normalise(line) for line in lines if normalise(line))


def check_consolidation(old: Document, decision: Decision, published: Document,
                        lexer: JurisdictionLexer) -> list[Departure]:
    """The departures of ``published`` from ``old`` amended by ``decision``, in text order."""
    amended = apply_decision(old, decision, lexer)
    expected: dict[ArticleKey, tuple[str, ...]] = {
        PREAMBLE if n is None else n: lines for n, (_, lines, _) in zip(amended.numbers(), amended.provisions)}
    expected[TITLE] = (amended.title or old.title.lstrip("#").strip(),)
    actual = {key: prov.paragraphs for key, prov in provisions_by_number(published).items()}
    actual[TITLE] = (published.title.lstrip("#").strip(),)
    out: list[Departure] = []
    for key in sorted(set(expected) | set(actual)):
        want, got = expected.get(key), actual.get(key)
        if want is None or got is None:
            out.append(Departure(key, "extra" if want is None else "missing", "\n".join(want or ()),
                                 "\n".join(got or ())))
        elif _texts(want) != _texts(got):
            out.append(Departure(key, "changed", "\n".join(want), "\n".join(got),
                                 _changes("\n".join(want), "\n".join(got))))
    return out


def _changes(expected: str, published: str) -> tuple[tuple[str, str], ...]:
    """(decision's words, published words) of each differing run as written (a run that
    differs only in formatting left out), with a little equal text around each so it can
    be found; a paragraph break is shown as ¶."""
    spans = word_diff(expected, published)
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(spans):
        if spans[i].op == "equal":
            i += 1
            continue
        before = spans[i - 1].old[-CONTEXT:] if i and spans[i - 1].op == "equal" else ""
        old = new = ""
        while i < len(spans) and spans[i].op != "equal":
            old += spans[i].old if spans[i].op == "delete" else ""
            new += spans[i].new if spans[i].op == "insert" else ""
            i += 1
        after = spans[i].old[:CONTEXT] if i < len(spans) else ""
        if normalise(old) != normalise(new):
            out.append(tuple(_shown(before + x + after) for x in (old, new)))  # type: ignore[misc]
    return tuple(out)


def _shown(text: str) -> str:
    return text.replace("\n", " ¶ ")
