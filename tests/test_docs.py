"""The documentation is true: the README is a page, links resolve, the command reference is
what the commands print, and every example runs.

Examples: each ```sh (or ```bash) block of the README and of ``docs/`` runs as one bash script in a fresh
folder holding a copy of ``texts/`` (``L`` is the corpus's lawrefbook folder; a block that
uses it is skipped without the corpus); a command ending in ``# exit N`` must exit N, every
other command 0. Each ```python block runs there too. ```text blocks are not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import CORPUS, REPO

pytestmark = pytest.mark.slow

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```$", re.M | re.S)  # fences indented in list items too
EXIT = re.compile(r"^(?P<command>.*?)\s+#\s*exit (?P<code>\d+)\s*$")
LAWREFBOOK = CORPUS / "lawrefbook"


def _blocks(language: str) -> list[tuple[str, int, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            if match.group(2) == language or (language == "sh" and match.group(2) == "bash"):
                block = "\n".join(line[len(match.group(1)):] for line in match.group(3).split("\n"))
                found.append((page.name, text[:match.start()].count("\n") + 1, block))
    return found


def _script(block: str) -> str:
    """The block as a bash script: ``L=`` lines keep the test's corpus path, ``# exit N`` checked."""
    lines = ["set -e"]
    for number, line in enumerate(block.replace("\\\n", " ").splitlines(), 1):
        if line.startswith("L="):
            line = f"L=${{L:-{line[2:].split()[0]}}}"
        found = EXIT.match(line)
        if found:
            command, code = found.group("command"), found.group("code")
            line = f'rc=0; {command} || rc=$?; [ "$rc" = {code} ] || {{ echo "exit $rc, not {code} (line {number})" >&2; exit 1; }}'
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "texts", tmp_path / "texts")
    return tmp_path


def _env(workdir: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "L": str(LAWREFBOOK), "LEGISCOMPARE_DB": f"sqlite:///{workdir / 'legiscompare.db'}",
            "PYTHONPATH": str(REPO)}


def test_readme_is_a_page() -> None:
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) <= 120


def test_every_relative_link_resolves() -> None:
    for page in PAGES:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name}: {target}"


def test_the_command_reference_is_what_the_commands_print() -> None:
    result = subprocess.run([sys.executable, str(REPO / "tools" / "cli_reference.py"), "--check"], cwd=REPO,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_there_are_examples_to_run() -> None:
    assert len(_blocks("sh")) >= 4 and _blocks("python")


@pytest.mark.parametrize(("page", "line", "block"), _blocks("sh"), ids=lambda v: str(v)[:30])
def test_shell_example_runs(workdir: Path, page: str, line: int, block: str) -> None:
    if "$L" in block and not LAWREFBOOK.is_dir():
        pytest.skip(f"corpus not found at {LAWREFBOOK} (the example at {page}:{line} uses it)")
    result = subprocess.run(["bash", "-c", _script(block)], cwd=workdir, env=_env(workdir), capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, f"{page}:{line}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"


@pytest.mark.parametrize(("page", "line", "block"), _blocks("python"), ids=lambda v: str(v)[:30])
def test_python_example_runs(workdir: Path, page: str, line: int, block: str) -> None:
    result = subprocess.run([sys.executable, "-c", block], cwd=workdir, env=_env(workdir), capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, f"{page}:{line}\n{result.stderr[-3000:]}"
    printed = re.search(r"^# prints: (.*)$", block, re.M)
    if printed:
        assert result.stdout.strip() == printed.group(1)
