"""Find the lexer's protected phrases as one regular expression would, in linear-ish time.

The lexer's pattern is an alternation led by every recognised division name (over 3,000 of
them). Python's ``re`` tries that alternation at nearly every position of a text, which costs
about 6 s per MB of real legislation. ``PhraseScanner.finditer`` gives exactly the matches of
``pattern.finditer`` (same spans, same groups, same order) while trying the pattern only where
a match can start: where a division name starts (found for all names at once with an
Aho-Corasick automaton, ``pyahocorasick``) or where one of the other alternatives' first
characters stands (one character class). At a position where no name starts, the other
alternatives are tried alone; the name alternative could not have matched there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

NEVER = "(?!x)x"  # matches nothing: keeps a group's name in a pattern that must not use it


@dataclass(frozen=True)
class Alternative:
    """One branch of the pattern and the characters a match of it can start with."""

    regex: str
    firsts: str


class PhraseScanner:
    """``finditer`` equal to ``re.compile(names-branch | alternatives…).finditer``."""

    def __init__(self, names: Iterable[str], name_branch: str, never_names: str,
                 alternatives: list[Alternative]) -> None:
        rest = [a.regex for a in alternatives]
        self.pattern = re.compile("|".join([name_branch, *rest]))
        self._rest = re.compile("|".join([never_names, *rest]))
        self._firsts = re.compile("[" + re.escape("".join(sorted({c for a in alternatives for c in a.firsts}))) + "]")
        self._names = _automaton(names)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Non-overlapping matches of ``pattern`` in ``text``, leftmost first."""
        name_starts = self._name_starts(text)
        starts = sorted(name_starts.union(m.start() for m in self._firsts.finditer(text)))
        pos = 0
        for start in starts:
            if start < pos:
                continue
            match = (self.pattern if start in name_starts else self._rest).match(text, start)
            if match:
                yield match
                pos = match.end()

    def _name_starts(self, text: str) -> set[int]:
        if self._names is None:
            return set()
        return {end - length + 1 for end, length in self._names.iter(text)}


def _automaton(names: Iterable[str]) -> ahocorasick.Automaton | None:
    automaton = ahocorasick.Automaton()
    for name in sorted(set(names)):
        if name:
            automaton.add_word(name, len(name))
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton
