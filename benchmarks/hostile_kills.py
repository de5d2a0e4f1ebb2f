"""The kills and full-disk areas: ``compare`` with every output and a database, SIGKILLed at
several moments or writing to a full filesystem; afterwards the database must still open
with the comparison stored before, and no output may be left half written.

Staged files (``.NAME.PID.tmp``, ``compare.fileio.replace_file``) a killed run leaves are
counted in the note, with how many survive a later complete run in the same folder; the
case "staged .tmp of a killed run, then a re-run" plants one and fails while it survives.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from .hostile_common import A, B, C, Case, Spec, cli, environment, query, run_cli

OUTPUTS = ("out.html", "out.json", "out.docx")
KILL_FRACTIONS = (0.1, 0.3, 0.5, 0.7, 0.85, 0.95)


def compare_args(folder: Path, db: Path, outputs: tuple[str, ...] = OUTPUTS, other: Path = C) -> list[str]:
    """``compare A OTHER`` with the given outputs in ``folder`` and the database ``db``."""
    flags = {"out.html": "-o", "out.json": "--json", "out.docx": "--docx", "out.csv": "--csv"}
    pairs = [[flags[name], str(folder / name)] for name in outputs]
    return ["compare", str(A), str(other), *[part for p in pairs for part in p], "--db", f"sqlite:///{db}"]


def stored_db(folder: Path, name: str = "kills.db") -> Path:
    """A database holding one comparison (the demo's 北京/天津 pair) as comparison #1."""
    db = folder / name
    ran = run_cli(["compare", str(A), str(B), "--db", f"sqlite:///{db}"], folder)
    if ran.code != 0:
        raise RuntimeError(f"cannot store the first comparison: {ran.first}")
    return db


def db_damage(db: Path, first_rows: int | None = None) -> list[str]:
    """What is wrong with ``db`` (empty: it opens, passes its integrity check and still holds
    comparison #1 with ``first_rows`` differences)."""
    try:
        check = query(db, "PRAGMA integrity_check")[0][0]
        rows = query(db, "SELECT count(*) FROM differences WHERE comparison_id = 1")[0][0]
        present = query(db, "SELECT count(*) FROM comparisons WHERE id = 1")[0][0]
    except sqlite3.Error as exc:
        return [f"database unreadable: {exc}"]
    problems = [] if check == "ok" else [f"integrity check: {check[:60]}"]
    if not present:
        problems.append("comparison #1 gone")
    elif first_rows is not None and rows != first_rows:
        problems.append(f"comparison #1 has {rows} differences, had {first_rows}")
    return problems


def differences_of_first(db: Path) -> int:
    """The number of differences stored for comparison #1."""
    return query(db, "SELECT count(*) FROM differences WHERE comparison_id = 1")[0][0]


def partial_outputs(folder: Path, names: tuple[str, ...] = (*OUTPUTS, "out.csv")) -> list[str]:
    """The outputs present in ``folder`` but not whole (HTML without its end, JSON that does
    not parse, a .docx that is no sound archive)."""
    partial = []
    for name in names:
        path = folder / name
        if path.exists() and not _whole(path):
            partial.append(f"partial {name} ({path.stat().st_size} bytes)")
    return partial


def _whole(path: Path) -> bool:
    """Whether an output file is complete."""
    try:
        if path.suffix == ".html":
            return path.read_bytes().rstrip().endswith(b"</html>")
        if path.suffix == ".json":
            json.loads(path.read_bytes())
            return True
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                return archive.testzip() is None and "word/document.xml" in archive.namelist()
        return path.stat().st_size > 0 and path.read_bytes().endswith(b"\n")
    except (ValueError, OSError, zipfile.BadZipFile):
        return False


def staged(folder: Path) -> list[Path]:
    """The staged temporary files (``.NAME.PID.tmp``) in ``folder``."""
    return sorted(folder.glob(".*.tmp"))


Trigger = Callable[[Path, float], bool]  # (output folder, seconds since start) → kill now


def _variant(folder: Path, n: int) -> Path:
    """The demo's 河北 text with one word changed, different for each ``n``: every killed run
    stores a new comparison, so the kill can land while the database is written."""
    path = folder / f"hebei-{n}.txt"
    path.write_text(C.read_text(encoding="utf-8").replace("协同创新", f"协同创新（第{n}稿）", 1), encoding="utf-8")
    return path


def _killed_run(name: str, folder: Path, db: Path, first_rows: int, n: int, trigger: Trigger) -> Case:
    """``compare`` with three outputs and the database, SIGKILLed once ``trigger`` says so."""
    folder.mkdir()
    proc = subprocess.Popen(cli(compare_args(folder, db, other=_variant(folder, n))), cwd=folder, env=environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.perf_counter()
    while proc.poll() is None and not trigger(folder, time.perf_counter() - started):
        time.sleep(0.0005)
    elapsed = time.perf_counter() - started
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    code = proc.wait()
    case = Case("kills", name, "compare A C' -o --json --docx --db", code,
                "killed" if code == -signal.SIGKILL else "finished first", elapsed)
    check = run_cli(["comparisons", "--db", f"sqlite:///{db}", "--all"], folder)
    if check.code != 0:
        case.failed.append(f"comparisons afterwards: exit {check.code}: {check.first[:60]}")
    case.lost = db_damage(db, first_rows) + partial_outputs(folder)
    whole = [n for n in OUTPUTS if (folder / n).exists() and not partial_outputs(folder, (n,))]
    left = staged(folder)
    case.note = f"whole: {', '.join(whole) or 'none'}; staged .tmp: {len(left)}"
    if left:
        rerun = run_cli(compare_args(folder, db, other=_variant(folder, n)), folder)
        survivors = [p for p in left if p.exists()]
        case.note += f", {len(survivors)} survive a re-run (exit {rerun.code})"
    return case


def _wal_written(db: Path) -> Trigger:
    """A trigger firing when the database's write-ahead log changes (a transaction is written)."""
    wal = db.with_name(db.name + "-wal")

    def stamp() -> tuple[int, int] | None:
        try:
            info = wal.stat()
        except FileNotFoundError:
            return None
        return info.st_size, info.st_mtime_ns
    first: list = []

    def trigger(folder: Path, seconds: float) -> bool:
        if not first:
            first.append(stamp())
        return stamp() not in (first[0], None)
    return trigger


def _dead_pid() -> int:
    """A process id no process has now."""
    for pid in range(32767, 300, -1):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            continue
    raise RuntimeError("no free process id")


def _planted_rerun(folder: Path, db: Path) -> Case:
    """A staged file of a run killed while writing (a dead process's id), then a complete
    re-run in the same folder: the staged file should be gone."""
    folder.mkdir()
    planted = folder / f".out.html.{_dead_pid()}.tmp"
    planted.write_bytes(b"<!DOCTYPE html><html><body>half")
    ran = run_cli(compare_args(folder, db), folder)
    case = Case("kills", "staged .tmp of a killed run, then a re-run", "compare A C -o --json --docx --db",
                ran.code, ran.first, ran.seconds, ran.peak_mb)
    if ran.code != 0:
        case.failed.append(f"re-run exit {ran.code}")
    if planted.exists():
        case.failed.append("staged .tmp survives the re-run")
    case.lost = partial_outputs(folder)
    case.note = f"staged .tmp left: {len(staged(folder))}"
    return case


def kill_specs(folder: Path) -> list[Spec]:
    """The kill cases: delays spread over one measured complete run, kills at the moment the
    database log, a staged output or the first output appears, then the re-run case."""
    state: dict[str, object] = {}

    def prepare() -> tuple[Path, int]:
        if "db" not in state:
            db = stored_db(folder)
            state.update(db=db, rows=differences_of_first(db))
        return state["db"], state["rows"]  # type: ignore[return-value]

    def duration() -> float:
        """Seconds of one complete run (measured once, on a copy of the database)."""
        if "seconds" not in state:
            probe = folder / "probe"
            probe.mkdir()
            shutil.copy(prepare()[0], probe / "probe.db")
            state["seconds"] = run_cli(compare_args(probe, probe / "probe.db"), probe).seconds
        return state["seconds"]  # type: ignore[return-value]

    def kill(n: int, name: str, trigger: Callable[[Path, float], Trigger]) -> Case:
        db, rows = prepare()
        return _killed_run(name, folder / f"kill-{n}", db, rows, n, trigger(db, duration()))

    events: list[tuple[str, Callable[[Path, float], Trigger]]] = [
        (f"SIGKILL at {f:.0%} of a run", lambda db, s, f=f: lambda _, t: t >= f * s) for f in KILL_FRACTIONS]
    events += [
        ("SIGKILL as the database log is written", lambda db, s: _wal_written(db)),
        ("SIGKILL as a staged output appears", lambda db, s: lambda folder, t: bool(staged(folder))),
        ("SIGKILL as the first output lands", lambda db, s: lambda folder, t: any(
            (folder / name).exists() for name in OUTPUTS)),
    ]
    specs: list[Spec] = [(name, lambda n=n, name=name, make=make: kill(n, name, make))
                         for n, (name, make) in enumerate(events)]
    specs.append(("staged .tmp of a killed run, then a re-run", lambda: _planted_rerun(folder / "rerun", prepare()[0])))
    return specs
