"""Issue 14: outputs never clobber, no traceback on hostile names and ids, resource limits."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


from support import JJJ, REPO, Ran
from support import run_cli as in_process

A, B = JJJ / "beijing.txt", JJJ / "tianjin-constructed.txt"


def run_cli(*args: str, env: dict | None = None, cwd: Path = REPO) -> Ran:
    return in_process(*args, env=env, cwd=cwd)


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


def test_file_names_that_are_not_utf8_are_read_stored_and_shown_escaped(tmp_path: Path) -> None:
    odd = os.fsencode(tmp_path) + b"/\xff\xfe.txt"
    shutil.copy(A, odd)
    db, html = tmp_path / "x.db", tmp_path / "r.html"
    proc = run_cli("compare", os.fsdecode(odd), str(B), "--db", str(db), "-o", str(html))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "\\xff\\xfe.txt" in html.read_text(encoding="utf-8")
    missing = os.fsdecode(os.fsencode(tmp_path) + b"/\xffnope.txt")
    _one_line_error(run_cli("compare", missing, str(B), "--no-db"), "\\xffnope.txt")


def test_a_file_name_with_a_newline_gives_one_line(tmp_path: Path) -> None:
    _one_line_error(run_cli("compare", str(tmp_path / "a\nb.txt"), str(B), "--no-db"), "a\\nb.txt")


def _seed_with_markup(tmp_path: Path) -> Path:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(A.read_text(encoding="utf-8"), encoding="utf-8")
    text = B.read_text(encoding="utf-8")
    first = text.index("一、")
    b.write_text(text[:first + 2] + "[/]标记[red]红色[/red]" + text[first + 2:], encoding="utf-8")
    db = tmp_path / "m.db"
    assert run_cli("compare", str(a), str(b), "--db", str(db)).returncode == 0
    return db


def test_rich_markup_in_legislation_text_is_shown_not_interpreted(tmp_path: Path) -> None:
    db = _seed_with_markup(tmp_path)
    proc = run_cli("review", "list", "--db", str(db), "--all")
    assert proc.returncode == 0, proc.stderr
    assert "[/]" in proc.stdout and "[red]" in proc.stdout


def test_corpus_families_table_escapes_markup(capsys) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from compare.cli.corpus import _print_families

    family = SimpleNamespace(id="f[/]1", members=[1, 2], jurisdictions=["a", "b"],
                             reading=SimpleNamespace(text="[red]红色[/red] [/]"))
    _print_families([family])
    out = capsys.readouterr().out
    assert "[red]" in out and "f[/]1" in out


@pytest.mark.parametrize("value", ["99999999999999999999", "2147483648", "١", "²", "-1"])
def test_review_ids_out_of_range_are_one_line(tmp_path: Path, value: str) -> None:
    db = _seed_with_markup(tmp_path)
    for command in (["review", "list"], ["review", "obsolete"]):
        _one_line_error(run_cli(*command, "--db", str(db), "--comparison", value))


def test_a_foreign_sqlite_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    import sqlite3

    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    before = foreign.read_bytes()
    _one_line_error(run_cli("compare", str(A), str(B), "--db", str(foreign), env={"LEGISCOMPARE_LANG": "en"}),
                    "not a legiscompare database")
    assert foreign.read_bytes() == before
    with sqlite3.connect(foreign) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "locked").mkdir()
    for path in JJJ.glob("*.txt"):
        shutil.copy(path, root / path.name)
    shutil.copy(A, os.fsencode(root / "sub") + b"/\xff\xfe.txt")
    return root


def _lock(monkeypatch, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Make ``folder`` unlistable even for root: os.scandir raises for it."""
    real = os.scandir

    def scandir(path="."):  # type: ignore[no-untyped-def]
        if os.fspath(path) == str(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_corpus_stats_reports_an_unreadable_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from compare.structure.corpus import corpus_stats, format_stats

    root = _corpus(tmp_path)
    _lock(monkeypatch, root / "locked")
    stats = corpus_stats(root)
    assert any(str(path).endswith("locked") for path, _ in stats.files_failed)
    format_stats(stats).encode("utf-8")  # names print escaped, never crash


def test_corpus_index_reports_odd_names_and_unreadable_folders(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from compare.corpus.index import index_directory
    from compare.store import open_store

    root = _corpus(tmp_path)
    _lock(monkeypatch, root / "locked")
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        summary = index_directory(root, store)
    reasons = {reason for _, reason, _ in summary.problems}
    assert {"unreadable", "bad_file_name"} <= reasons
    assert summary.indexed == 3
    for path, reason, params in summary.problems:
        summary.message(path, reason, params).encode("utf-8")


@pytest.mark.parametrize("command", ["index", "families"])
def test_too_many_workers_is_one_line_before_anything_runs(tmp_path: Path, command: str) -> None:
    db = tmp_path / "c.db"
    limit = 4 * (os.cpu_count() or 1)
    proc = run_cli("corpus", command, str(JJJ), "--db", str(db), "--workers", str(limit + 1))
    _one_line_error(proc, "--workers", str(limit))
    assert not db.exists()


def test_the_worker_limit_is_configurable(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from compare.limits import max_workers

    monkeypatch.setenv("LEGISCOMPARE_MAX_WORKERS", "64")
    assert max_workers() == 64
    monkeypatch.setenv("LEGISCOMPARE_MAX_WORKERS", "١")
    assert max_workers() == 4 * (os.cpu_count() or 1)


@pytest.mark.parametrize("target", ["²", "#١", "#99999999999999999999"])
def test_corpus_similar_odd_ids_are_one_line(tmp_path: Path, target: str) -> None:
    db = _seed_with_markup(tmp_path)
    _one_line_error(run_cli("corpus", "similar", target, "--db", str(db)))


def test_corpus_outputs_never_clobber_the_database(tmp_path: Path) -> None:
    db = _seed_with_markup(tmp_path)
    before = db.read_bytes()
    _one_line_error(run_cli("corpus", "families", str(JJJ), "--db", str(db), "--json", str(db), "--no-index"),
                    str(db))
    _one_line_error(run_cli("corpus", "similar", str(A), "--db", str(db), "--json", str(db)), str(db))
    assert db.read_bytes() == before
