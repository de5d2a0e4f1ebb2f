"""The import contract: layers and no circles (``lint-imports``), and the layers that
``docs/architecture.md`` describes are the ones checked."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from support import REPO


def _contract_layers() -> list[list[str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    [layers] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [[name.strip() for name in line.split("|")] for line in layers["layers"]]


def _documented_layers() -> list[list[str]]:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("| layer | what it holds |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines()[2:] if line.startswith("| `")]
    return [re.findall(r"`(compare[\w.]*)`", row.split(" | ")[0]) for row in rows]


def test_the_documented_layers_are_the_checked_ones() -> None:
    assert _documented_layers() == _contract_layers()


def test_every_module_is_in_a_layer() -> None:
    listed = {name for line in _contract_layers() for name in line}
    package = REPO / "compare"
    tops = {f"compare.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    tops |= {f"compare.{p.name}" for p in package.iterdir() if (p / "__init__.py").exists()}
    assert tops == listed, f"not in a layer: {sorted(tops - listed)}; no such module: {sorted(listed - tops)}"


def test_lint_imports_keeps_every_contract() -> None:
    tool = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(tool).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run([tool, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
