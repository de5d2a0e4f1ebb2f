"""Every ``>>>`` example in the package runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib

import pytest

from support import REPO

def _runnable(text: str) -> bool:
    """Whether a module has an example that is not marked ``+SKIP`` (one that needs the corpus)."""
    return any(">>>" in line and "+SKIP" not in line for line in text.splitlines())


MODULES = sorted(
    ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
    for path in (REPO / "compare").rglob("*.py")
    if _runnable(path.read_text(encoding="utf-8"))
)


def test_the_examples_are_found() -> None:
    assert "compare.numerals" in MODULES and len(MODULES) >= 15


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name}: '>>>' found but no example collected"
    assert result.failed == 0, name
