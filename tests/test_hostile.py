"""Issue 14: outputs never clobber, no traceback on hostile names and ids, resource limits."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import subprocess
import sys

from support import JJJ, REPO

A, B = JJJ / "beijing.txt", JJJ / "tianjin-constructed.txt"


def run_cli(*args: str, env: dict | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "compare", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, env=full_env)


def _one_line_error(proc, *expected: str) -> None:  # type: ignore[no-untyped-def]
    assert proc.returncode == 2, proc.stderr + proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for text in expected:
        assert text in lines[0], lines[0]


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(A, a)
    shutil.copy(B, b)
    return a, b


def test_json_onto_the_database_is_refused_and_the_database_kept(tmp_path: Path, inputs) -> None:  # type: ignore[no-untyped-def]
    a, b = inputs
    db = tmp_path / "review.db"
    assert run_cli("compare", str(a), str(b), "--db", str(db)).returncode == 0
    before = db.read_bytes()
    proc = run_cli("compare", str(a), str(b), "--db", str(db), "--json", str(db), env={"LEGISCOMPARE_LANG": "en"})
    _one_line_error(proc, str(db), "database file")
    assert db.read_bytes() == before


def test_output_onto_an_input_is_refused(tmp_path: Path, inputs) -> None:  # type: ignore[no-untyped-def]
    a, b = inputs
    before = a.read_bytes()
    proc = run_cli("compare", str(a), str(b), "--no-db", "-o", "./a.txt", cwd=tmp_path)
    _one_line_error(proc, "./a.txt", "输入文件")
    assert a.read_bytes() == before
    link = tmp_path / "link.txt"
    link.symlink_to(b)
    _one_line_error(run_cli("compare", str(a), str(b), "--no-db", "--csv", str(link)), str(link))


def test_the_same_output_twice_is_refused(tmp_path: Path, inputs) -> None:  # type: ignore[no-untyped-def]
    a, b = inputs
    out = tmp_path / "r.out"
    proc = run_cli("compare", str(a), str(b), "--no-db", "-o", str(out), "--json", str(out))
    _one_line_error(proc, str(out))
    assert not out.exists()


def test_unwritable_output_is_named_as_typed_and_nothing_stored(tmp_path: Path, inputs) -> None:  # type: ignore[no-untyped-def]
    a, b = inputs
    db = tmp_path / "x.db"
    proc = run_cli("compare", str(a), str(b), "--db", str(db), "-o", str(a / "r.html"))  # a file as folder
    _one_line_error(proc, str(a / "r.html"))
    assert ".tmp" not in proc.stderr and not db.exists()


def test_replace_file_names_the_target_not_the_temporary_file(tmp_path: Path) -> None:
    from compare.fileio import replace_file

    target = tmp_path / "dir-in-the-way"
    target.mkdir()
    (target / "x").write_text("x")
    with pytest.raises(OSError) as info:
        replace_file(target, b"data")
    assert info.value.filename == str(target)
