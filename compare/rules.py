"""Explanations ("rules") of differences as language-neutral codes rendered on demand.

A ``Rule`` is the explanation's text in the language of the run (so every renderer can use
it as a plain ``str``) carrying ``code``: the table, the message key and the parameters
(parameters that are rules themselves nest their codes; literal values are legislation
text, the same in every language). The store keeps the code, and ``render(code, lang)``
gives the explanation in the reader's language.

>>> register("demo", {"zh": {"hi": "你好，{name}"}, "en": {"hi": "hello, {name}"}})
>>> rule = make("demo", "hi", lang="en", name="北京")
>>> str(rule), render(rule.code, "zh")
('hello, 北京', '你好，北京')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import language
from .vocabulary import EXPLANATIONS

TABLES: dict[str, Mapping[str, Mapping[str, str]]] = dict(EXPLANATIONS)


def register(name: str, table: Mapping[str, Mapping[str, str]]) -> None:
    """Make the message table ``name`` ({lang: {key: template}}) available to ``render``."""
    TABLES[name] = table


class Rule(str):
    """An explanation's text, with ``code`` to render it again in another language."""

    code: dict[str, Any]

    def __new__(cls, text: str, code: dict[str, Any]) -> Rule:
        rule = super().__new__(cls, text)
        rule.code = code
        return rule

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Rule, (str(self), self.code))


def _code_of(value: object) -> Any:
    return value.code if isinstance(value, Rule) else str(value)


def make(table: str, key: str, lang: str | None = None, **params: object) -> Rule:
    """The message ``key`` of ``table`` with ``params``, in ``lang`` (default: the user's)."""
    code = {"t": table, "k": key, "p": {name: _code_of(v) for name, v in params.items()}}
    return Rule(render(code, lang or language()), code)


def join(table: str, separator: str, parts: list[object], lang: str | None = None) -> Rule:
    """``parts`` joined by the message ``separator`` of ``table``."""
    code = {"t": table, "j": separator, "p": [_code_of(p) for p in parts]}
    return Rule(render(code, lang or language()), code)


def render(code: Any, lang: str) -> str:
    """The text of a rule code (a literal string stays as it is) in ``lang``."""
    if isinstance(code, str):
        return code
    messages = TABLES[code["t"]]["en" if lang == "en" else "zh"]
    if "j" in code:
        return messages[code["j"]].join(render(p, lang) for p in code["p"])
    return messages[code["k"]].format(**{k: render(v, lang) for k, v in code["p"].items()})
