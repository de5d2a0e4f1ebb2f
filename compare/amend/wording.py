"""Base wording written in the amended text's terms (``harmonise``).

A jurisdiction word the base text uses can be carried over in two ways:

- *relative* (by role): the base's 本市 becomes the amended text's 本省, its 市人民政府 the
  amended text's 省人民政府, the amended text's own name (河北省, in Beijing's text) the
  base's name (北京市). Right for what the shared draft says of *the enacting
  jurisdiction*: obligations (本市应当…), organs, rotated partner lists, 加强与河北省的合作.
- *absolute* (by referent): the base's 本市 becomes 北京市, the amended text's own name
  becomes its 本省. Right for a statement of fact about a named jurisdiction:
  将本市科技创新优势和河北省环京地缘优势相结合 reads, in Hebei's text,
  将北京市科技创新优势和本省环京地缘优势相结合.

Which one a word needs is read from the amended text's own counterpart provision
(``Evidence``): first the word's neighbourhood (one rendering followed or preceded by the
same few characters occurs there, the other does not), then how the two provisions'
matching jurisdiction words correspond (same referent: absolute; same role: relative).
Without evidence the word is rendered relatively and listed in ``Wording.unsure`` so a
reviewer can check it. Punctuation is written as the amended text writes it (full width
when it does: the base's half-width , ; : become ，；：).
"""


from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..jurisdiction.divisions import DivisionTable
from ..model import Jurisdiction, Token
from ..instrument.model import WordingCheck
from .lines import normalise

RELATIVE, ABSOLUTE = "relative", "absolute"
FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
CONTEXT = 4  # characters of neighbourhood compared
JURISDICTION_KINDS = ("jurisdiction", "partner_list")


def writes_full_width(paragraphs: list[str]) -> bool:
    """Whether a text writes Chinese punctuation full width (，；： more often than ,;:)."""
    text = "".join(paragraphs)
    return sum(text.count(c) for c in "，；：") >= sum(text.count(c) for c in ",;:")


@dataclass
class Evidence:
    """The amended text's counterpart provision, normalised, and the readings its words show."""

    text: str = ""
    votes: Counter[str] = field(default_factory=Counter)


class Wording:
    """Renders base tokens for the amended text (``own``); ``base`` is the base's jurisdiction."""

    def __init__(self, own: Jurisdiction | None, base: Jurisdiction | None, full_width: bool = False,
                 table: DivisionTable | None = None) -> None:
        self.own, self.base = own, base
        self.table = table  # the division table, to name a district with its city
        self.full_width = full_width  # the amended text writes ，；： where the base may write ,;:
        self.active = own is not None and base is not None and own.name != base.name
        self.codes = {own.code, base.code} - {None} if self.active else set()
        self.unsure: list[WordingCheck] = []
        self.article: int | None = 0  # the provision being drafted, for ``unsure`` (None: not recorded)

    def relative(self, token: Token) -> str:
        """The token as the amended text says the same role."""
        if not self.active or token.kind not in JURISDICTION_KINDS:
            return token.surface
        own, base = self.own, self.base
        assert own is not None and base is not None
        text = token.surface.replace(own.name, "\x00")
        for word in base.self_words:
            text = text.replace(word, own.self_words[0] if own.self_words else own.name)
        text = text.replace(base.name, own.name).replace("\x00", base.name)
        if text == token.surface and text.startswith(base.government_prefix):
            text = own.government_prefix + text[len(base.government_prefix):]
        return text

    def absolute(self, token: Token) -> str:
        """The token as the amended text names the same jurisdiction."""
        if not self.active or token.kind not in JURISDICTION_KINDS:
            return token.surface
        own, base = self.own, self.base
        assert own is not None and base is not None
        text = token.surface
        if text.startswith(base.government_prefix) and token.key.startswith("J:") and not text.startswith(base.name):
            rest = text[len(base.government_prefix):] if base.name.endswith(base.government_prefix) else text
            return base.name + rest  # 市人民政府 → 北京市人民政府
        text = text.replace(own.name + "人民", own.government_prefix + "人民")  # 河北省人民政府 → 省人民政府
        text = text.replace(own.name, own.self_words[0] if own.self_words else own.name)
        for word in base.self_words:
            text = text.replace(word, base.name)
        return text

    def vote(self, own_token: Token, base_token: Token, evidence: Evidence) -> None:
        """Record how a pair of matching jurisdiction words corresponds (see the module)."""
        if not self.active or base_token.kind != "jurisdiction" or own_token.kind != "jurisdiction":
            return
        code = _code(base_token)
        if code not in self.codes:
            return
        evidence.votes[ABSOLUTE if own_token.key == base_token.key else RELATIVE] += 1

    def render(self, tokens: list[Token], start: int, end: int, evidence: Evidence) -> str:
        """``tokens[start:end]`` of a base line, each jurisdiction word rendered as evidenced."""
        return "".join(self._one(tokens, i, evidence) for i in range(start, end))

    def line(self, tokens: list[Token], evidence: Evidence) -> str:
        """A whole base line rendered."""
        return self.render(tokens, 0, len(tokens), evidence)

    def _one(self, tokens: list[Token], i: int, evidence: Evidence) -> str:
        token = tokens[i]
        if token.kind == "punct" and self.full_width:
            return token.surface.translate(FULL_WIDTH)
        relative, absolute = self.relative(token), self.absolute(token)
        if relative == absolute:
            return self._qualified(tokens, i, relative)
        reading = _by_neighbourhood(tokens, i, relative, absolute, evidence.text)
        if reading is None and self._before_its_division(tokens, i):
            reading = ABSOLUTE  # 本市通州区 / 北京市通州区: a place, named as such in any text
        if reading is None and evidence.votes[ABSOLUTE] != evidence.votes[RELATIVE]:
            reading = ABSOLUTE if evidence.votes[ABSOLUTE] > evidence.votes[RELATIVE] else RELATIVE
        if reading is None and self.article is not None:
            self.unsure.append(WordingCheck(self.article, token.surface, relative, absolute))
        return self._qualified(tokens, i, absolute if reading == ABSOLUTE else relative)

    def _inside_base(self, token: Token) -> bool:
        """Whether ``token`` names a division inside (not equal to) the base's jurisdiction."""
        assert self.base is not None and self.table is not None
        for code in _codes(token):
            division = self.table.get(code)
            if division is not None and division.code != self.base.code and self.base.code in {
                    d.code for d in self.table.lineage(division)}:
                return True
        return False

    def _before_its_division(self, tokens: list[Token], i: int) -> bool:
        """Token ``i`` names the base and the next one a division inside it (北京市 | 通州区)."""
        if self.table is None or i + 1 >= len(tokens) or tokens[i + 1].kind not in JURISDICTION_KINDS:
            return False
        return _code(tokens[i]) == (self.base.code if self.base else None) and self._inside_base(tokens[i + 1])

    def _qualified(self, tokens: list[Token], i: int, text: str) -> str:
        """``text`` (token ``i`` rendered) with each division inside the base's jurisdiction
        that it names without the base's name before it given that name: the base's 通州区
        is 北京市通州区 in another jurisdiction's text (not after 北京市, 北京 or 本市)."""
        token = tokens[i]
        if not self.active or self.table is None or token.kind not in JURISDICTION_KINDS:
            return text
        own, base = self.own, self.base
        assert own is not None and base is not None
        own_division = self.table.get(base.code or "")
        names = (base.name, *base.self_words, *((own_division.short,) if own_division else ()))
        before = tokens[i - 1].surface if i else ""
        for code in _codes(token):
            division = self.table.get(code)
            if division is None or division.code == base.code:
                continue
            lineage = [d.code for d in self.table.lineage(division)]
            if base.code not in lineage or own.code in lineage:
                continue
            at = text.find(division.name)
            if at >= 0 and not (text[:at] or before).endswith(names):
                text = text[:at] + base.name + text[at:]
        return text


def _codes(token: Token) -> list[str]:
    """The division codes a jurisdiction or partner-list token stands for."""
    if token.key.startswith("J:"):
        return [token.key.split(":")[1]]
    if token.key.startswith("L:"):
        return [c for c in token.key.rsplit(":", 1)[-1].split(",") if c]
    return []


def _code(token: Token) -> str | None:
    parts = token.key.split(":")
    return parts[1] if len(parts) > 1 and parts[0] == "J" else None


def _by_neighbourhood(tokens: list[Token], i: int, relative: str, absolute: str, text: str) -> str | None:
    """The reading whose rendering sits in the counterpart beside the same characters."""
    if not text:
        return None
    after = normalise("".join(t.surface for t in tokens[i + 1:i + 1 + CONTEXT]))[:CONTEXT]
    before = normalise("".join(t.surface for t in tokens[max(0, i - CONTEXT):i]))[-CONTEXT:]

    def found(rendering: str) -> bool:
        word = normalise(rendering)
        return (len(after) >= 2 and word + after in text) or (len(before) >= 2 and before + word in text)

    rel, ab = found(relative), found(absolute)
    if rel == ab:
        return None
    return ABSOLUTE if ab else RELATIVE
