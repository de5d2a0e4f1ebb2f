"""The concurrency area: several processes record decisions with ``legiscompare review set``
on one SQLite database at once, sometimes while ``compare`` or ``review import`` writes too.
A worker is either one process per decision ("processes") or one process running its
``review set`` commands one after another through the CLI's entry point ("worker
processes": the same commands without the interpreter's start-up, so 4 × 50 takes seconds).

Every decision carries a unique note; *lost* counts the decisions a command reported as
written (exit 0) that the database does not hold afterwards. *Failed*: exit 70, a
traceback, an error in more than one line (a "database is locked" included). Clean one-line
refusals and the slowest command's wall time are in the note.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .hostile_common import A, B, C, Case, Ran, Spec, environment, judge, query, run_cli
from .hostile_kills import db_damage, differences_of_first

AREA = "concurrency"
Shape = tuple[int, int, str, "str | None", str]
# (workers, decisions per worker, how fingerprints are shared, what else writes meanwhile, mode)
SHAPES: tuple[Shape, ...] = (
    (2, 5, "distinct", None, "worker processes"), (4, 10, "shared", None, "processes"),
    (4, 50, "distinct", None, "worker processes"), (4, 50, "shared", None, "worker processes"),
    (8, 10, "one", None, "worker processes"), (4, 25, "distinct", "compare", "worker processes"),
    (4, 25, "shared", "import", "worker processes"))
_WORKER = """
import contextlib, io, json, sys, time, traceback
from compare.cli import main
for args in json.load(sys.stdin):
    err, code, started = io.StringIO(), 0, time.perf_counter()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            main(args)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        code = -1
        err.write(traceback.format_exc())
    print(json.dumps({"code": code, "stderr": err.getvalue(), "seconds": time.perf_counter() - started}), flush=True)
"""


def _fingerprints(db: Path) -> list[str]:
    """The fingerprints of comparison #1."""
    return [r[0] for r in query(db, "SELECT fingerprint FROM differences WHERE comparison_id = 1 ORDER BY id")]


def _target(fingerprints: list[str], sharing: str, worker: int, n: int, per: int) -> str:
    """The fingerprint worker ``worker`` decides at its ``n``-th command."""
    if sharing == "one":
        return fingerprints[0]
    if sharing == "shared":
        return fingerprints[n % len(fingerprints)]
    return fingerprints[(worker * per + n) % len(fingerprints)]


def _commands(db: Path, worker: int, jobs: list[tuple[str, str]]) -> list[list[str]]:
    """The ``review set`` arguments recording each (fingerprint, note) of ``jobs``."""
    statuses = ("accepted", "needs_harmonisation", "fixed", "rejected")
    return [["review", "set", fingerprint, statuses[n % 4], "--reviewer", f"审查员{worker}", "--note", note,
             "--comparison", "1", "--db", f"sqlite:///{db}"] for n, (fingerprint, note) in enumerate(jobs)]


def _worker(db: Path, folder: Path, worker: int, jobs: list[tuple[str, str]], mode: str,
            out: list[tuple[str, Ran]]) -> None:
    """Record each (fingerprint, note) of ``jobs``: a process per decision, or one worker process."""
    commands = _commands(db, worker, jobs)
    if mode == "processes":
        for (_, note), args in zip(jobs, commands):
            out.append((note, run_cli(args, folder, timeout=60)))
        return
    proc = subprocess.run([sys.executable, "-c", _WORKER], input=json.dumps(commands), capture_output=True, text=True,
                          cwd=folder, env=environment(), timeout=600)
    answers = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    for (_, note), answer in zip(jobs, answers):
        out.append((note, Ran(answer["code"], "", answer["stderr"], answer["seconds"])))
    if len(answers) < len(jobs) or proc.returncode:
        out.append(("worker", Ran(proc.returncode or -1, "", proc.stderr or "worker ended early", 0.0)))


def _other_writer(kind: str, db: Path, folder: Path, fingerprints: list[str], out: list[tuple[str, Ran]],
                  stop: threading.Event) -> None:
    """``compare`` storing new comparisons, or ``review import`` re-recording decisions, until ``stop``."""
    if kind == "import":
        rows = "".join(f"{fp},accepted,导入{n},导入员\r\n" for n, fp in enumerate(fingerprints[:40]))
        (folder / "import.csv").write_text("fingerprint,status,note,reviewer\r\n" + rows, encoding="utf-8")
    texts = [(A, B), (A, C), (B, C), (A, B, C)]
    n = 0
    while not stop.is_set():
        args = (["review", "import", str(folder / "import.csv"), "--comparison", "1"] if kind == "import" else
                ["compare", *map(str, texts[n % len(texts)])])
        args += ["--db", f"sqlite:///{db}"]
        out.append((f"{kind} {n}", run_cli(args, folder, timeout=60)))
        n += 1


def _stored_notes(db: Path) -> set[str]:
    """The notes of every decision stored."""
    return {r[0] for r in query(db, "SELECT note FROM decisions")}


def _run_shape(folder: Path, template: Path, shape: Shape) -> Case:
    """One shape: its workers side by side on a copy of ``template``, then the count of losses."""
    workers, per, sharing, other, mode = shape
    folder.mkdir()
    db = Path(shutil.copy(template, folder / "conc.db"))
    rows, fingerprints = differences_of_first(db), _fingerprints(db)
    results: list[tuple[str, Ran]] = []
    extra: list[tuple[str, Ran]] = []
    threads = [threading.Thread(target=_worker, args=(db, folder, w, [
        (_target(fingerprints, sharing, w, n, per), f"w{w}-{n}") for n in range(per)], mode, results))
        for w in range(workers)]
    stop = threading.Event()
    if other:
        threads.append(threading.Thread(target=_other_writer, args=(other, db, folder, fingerprints, extra, stop)))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads[:workers]:
        thread.join()
    stop.set()
    for thread in threads[workers:]:
        thread.join()
    return _judged(_name(shape), db, rows, results, extra, time.perf_counter() - started)


def _judged(name: str, db: Path, rows: int, results: list[tuple[str, Ran]], extra: list[tuple[str, Ran]],
            seconds: float) -> Case:
    """The case of a finished shape: failures of every command, decisions reported but missing."""
    failed = sorted({reason for _, ran in results + extra for reason in judge(ran, seconds=math.inf)})
    errors = [ran for _, ran in results + extra if ran.code != 0]
    written = {note for note, ran in results if ran.code == 0}
    missing = written - _stored_notes(db)
    case = Case(AREA, name, "review set --comparison 1", errors[0].code if errors else 0,
                errors[0].first if errors else "ok", seconds, max((r.peak_mb for _, r in results + extra), default=0.0),
                failed=failed)
    case.lost = db_damage(db, rows) + ([f"{len(missing)} of {len(written)} reported decisions missing"]
                                       if missing else [])
    locked = sum("locked" in ran.stderr for _, ran in results + extra)
    slowest = max((ran.seconds for _, ran in results), default=0.0)
    case.note = (f"{len(written)}/{len(results)} written, {len(errors)} refused ({locked} 'locked'), slowest "
                 f"{slowest:.1f} s" + (f"; {len(extra)} other writes" if extra else ""))
    return case


def _name(shape: Shape) -> str:
    """A shape's case name: "4 worker processes × 50 review set on distinct differences"."""
    workers, per, sharing, other, mode = shape
    what = {"distinct": "distinct differences", "shared": "the same differences", "one": "one difference"}[sharing]
    meanwhile = {None: "", "compare": ", compare storing meanwhile", "import": ", review import meanwhile"}[other]
    return f"{workers} {mode} × {per} review set on {what}{meanwhile}"


def specs(folder: Path) -> list[Spec]:
    """The concurrency cases; the template database is made when the first one runs."""
    state: dict[str, Path] = {}

    def template() -> Path:
        if not state:
            db = folder / "template.db"
            ran = run_cli(["compare", str(A), str(B), str(C), "--db", f"sqlite:///{db}"], folder)
            if ran.code != 0:
                raise RuntimeError(f"cannot prepare the database: {ran.first}")
            state["db"] = db
        return state["db"]

    def thunk(n: int, shape: Shape) -> Callable[[], Case]:
        return lambda: _run_shape(folder / f"shape-{n}", template(), shape)

    return [(_name(shape), thunk(n, shape)) for n, shape in enumerate(SHAPES)]
