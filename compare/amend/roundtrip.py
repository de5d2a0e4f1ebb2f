"""The round trip ``apply(OLD, amend(OLD, NEW)) == NEW`` on one pair of files.

``round_trip(old, new) -> RoundTrip``: the decision is drafted, rendered as text, parsed
back, applied to OLD and written in OLD's format; that output is parsed again and its
provisions (number and paragraphs, after ``lines.normalise``: width, whitespace) are
compared with NEW's. ``reason`` says why a pair failed: the error, or the first
provision that differs. Headings are checked apart (``exact`` is about provisions):
``headings_exact`` when every provision comes out under NEW's headings (whitespace
aside); ``same_shape`` marks pairs whose headings differ at most in their titles (no
heading added, deleted, moved or renumbered).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Document, SourceText
from ..structure import parse
from .api import amend_files, apply_text
from ..instrument.headings import old_headings
from .lines import first_mismatch, normalise
from .parse import parse_decision
from ..instrument.render import decision_text, numbered_items


UNCHANGED = ("identical", "formatting", "renumbered")  # row statuses that need no instruction


@dataclass
class RoundTrip:
    """The outcome for one pair."""

    old: str
    new: str
    exact: bool = False
    instructions: int = 0
    changed: int = 0  # aligned rows needing a change: not identical, formatting or only renumbered
    seconds: float = 0.0
    reason: str = ""
    kinds: Counter[str] = field(default_factory=Counter)  # instructions by kind
    redrafted: int = 0  # provisions the drafting self-check had to turn into 修改为
    headings_exact: bool = False
    same_shape: bool = False  # OLD's and NEW's headings differ at most in their titles
    heading_reason: str = ""


def provision_keys(document: Document) -> list[tuple[str, tuple[str, ...]]]:
    """What a round trip must reproduce: each provision's number and normalised paragraphs."""
    return [(p.number if p.kind != "preamble" else "", tuple(normalise(x) for x in p.paragraphs))
            for p in document.provisions]


def round_trip(old: str, new: str) -> RoundTrip:
    """Draft, render, parse, apply and compare; never raises for bad input."""
    result = RoundTrip(old, new)
    start = time.perf_counter()
    try:
        decision, comparison = amend_files(old, new)
        result.instructions = len(numbered_items(decision))
        result.kinds = Counter(ins.kind for ins in decision.instructions)
        result.redrafted = len(decision.redrafted)
        result.changed = sum(1 for r in comparison.rows if r.status not in UNCHANGED)
        base = next(d for d in comparison.documents if d.id == comparison.base)
        target = next(d for d in comparison.documents if d.id != comparison.base)
        text = apply_text(base, parse_decision(decision_text(decision)))
        got = parse(SourceText(old, "amended.md", text, "utf-8", base.source.format, "-"), "amended")
        result.exact, result.reason = _same(provision_keys(got), provision_keys(target))
        _headings(result, base, target, got)
    except InputError as exc:
        result.reason = exc.message("en")
    result.seconds = time.perf_counter() - start
    return result


def heading_paths(document: Document) -> list[tuple[str, tuple[str, ...]]]:
    """Each provision's number and enclosing headings (编, 分编, 章, 节), whitespace removed."""
    return [(p.number, tuple(normalise(h or "") for h in (p.part, p.subpart, p.chapter, p.section)))
            for p in document.provisions]


def _shape(document: Document) -> list[tuple[str, tuple[tuple[str, int], ...]]]:
    return [(h.level, h.numbers) for h in old_headings(document)]


def _headings(result: RoundTrip, old: Document, new: Document, got: Document) -> None:
    """Fill the heading measures of ``result``."""
    want, have = heading_paths(new), heading_paths(got)
    result.headings_exact = want == have
    if not result.headings_exact:
        first = next((b for a, b in zip(have, want) if a != b), want[-1] if want else ("", ()))
        result.heading_reason = f"{first[0] or 'preamble'}: {'/'.join(h for h in first[1] if h)}"
    result.same_shape = _shape(old) == _shape(new)


def _same(got: list[tuple[str, tuple[str, ...]]], want: list[tuple[str, tuple[str, ...]]]) -> tuple[bool, str]:
    index = first_mismatch(got, want)
    if index is None:
        return True, ""
    if index < min(len(got), len(want)):
        return False, f"{want[index][0] or 'preamble'} differs"
    return False, f"{len(got)} provisions instead of {len(want)}"
