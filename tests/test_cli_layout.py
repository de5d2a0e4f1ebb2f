"""The ``compare.cli`` package has no import cycle: the root assembles, command modules use ``common``."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import compare.cli

from support import REPO

PACKAGE = "compare.cli"
CLI_DIR = REPO / "compare" / "cli"


def _module_name(path: Path) -> str:
    return PACKAGE if path.name == "__init__.py" else f"{PACKAGE}.{path.stem}"


def _imported(path: Path) -> set[str]:
    """Every module of the ``compare`` package that ``path`` imports, at any depth of its code."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # `from . import x` imports x
    return {m for m in found if m == PACKAGE or m.startswith(PACKAGE + ".")}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in sorted(CLI_DIR.glob("*.py"))}
    return {name: {m for m in _imported(path) if m in modules and m != name} for name, path in modules.items()}


def test_every_cli_module_imports() -> None:
    names = [info.name for info in pkgutil.iter_modules(compare.cli.__path__, PACKAGE + ".")]
    assert {"compare.cli.common", "compare.cli.compare", "compare.cli.review", "compare.cli.corpus"} <= set(names)
    for name in names:
        assert importlib.import_module(name).__doc__, f"{name} has no docstring"


def test_no_command_module_imports_the_root_and_common_imports_no_command() -> None:
    graph = _graph()
    for name, imports in graph.items():
        if name != PACKAGE:
            assert PACKAGE not in imports, f"{name} imports {PACKAGE}, which imports it"
    assert graph[f"{PACKAGE}.common"] == set(), graph[f"{PACKAGE}.common"]


def test_the_cli_import_graph_has_no_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for nxt in sorted(graph[name]):
            assert state.get(nxt) != 1, "import cycle: " + " -> ".join([*path, name, nxt])
            if nxt not in state:
                visit(nxt, [*path, name])
        state[name] = 2

    for name in graph:
        if name not in state:
            visit(name, [])


def test_no_flat_cli_modules_are_left() -> None:
    assert not list((REPO / "compare").glob("cli*.py"))
