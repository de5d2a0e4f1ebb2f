"""PhraseScanner: the lexer's phrases found fast, exactly as its regular expression finds them."""

from __future__ import annotations

import random

from compare.jurisdiction import JurisdictionLexer
from compare.jurisdiction.divisions import load_divisions
from compare.jurisdiction.institutions import load_institutions
from compare.jurisdiction.scan import NEVER, Alternative, PhraseScanner
from support import JJJ_FILES


def _spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


def _scanner() -> PhraseScanner:
    return JurisdictionLexer(load_divisions(), (), load_institutions())._scanner


def test_same_matches_as_the_pattern_on_real_laws(lawrefbook):
    """Every match, span and group equals ``pattern.finditer`` on a seeded sample of real laws."""
    scanner = _scanner()
    files = sorted(lawrefbook.rglob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in random.Random(7).sample(files, 60)]
    texts += [open(p, encoding="utf-8-sig").read() for p in JJJ_FILES]
    texts.append("依照第十二条和第12条，2020年1月1日起，北京市人民政府、本省、全市、省级、市发展改革部门与河北省、天津市")
    for text in texts:
        assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text))
    assert sum(len(_spans(scanner.finditer(t))) for t in texts) > 1000


def test_names_and_alternatives_compete_as_in_one_alternation():
    """A name wins where it starts; elsewhere the other branches; no overlap; leftmost first."""
    scanner = PhraseScanner(["北京", "北京市", "京市"], "(?P<div>北京市|北京|京市)", f"(?P<div>{NEVER})",
                            [Alternative("(?P<num>[0-9]+)", "0123456789"), Alternative("(?P<city>市[甲乙])", "市")])
    text = "北京市甲北京12京市乙市甲"
    assert _spans(scanner.finditer(text)) == _spans(scanner.pattern.finditer(text))
    assert [m.group(0) for m in scanner.finditer(text)] == ["北京市", "北京", "12", "京市", "市甲"]


def test_no_names():
    scanner = PhraseScanner([], f"(?P<div>{NEVER})", f"(?P<div>{NEVER})", [Alternative("(?P<n>[0-9])", "0123456789")])
    assert [m.group(0) for m in scanner.finditer("a1b2")] == ["1", "2"]
