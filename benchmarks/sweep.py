"""Corpus sweep: the whole pipeline and every output on real texts, looking for crashes.

    python -m benchmarks.sweep                     # every case of ../shared/corpus/lawrefbook
    python -m benchmarks.sweep --kinds versions    # only consecutive versions and N-way groups
    python -m benchmarks.sweep --limit 50          # the first 50 cases of each kind
    python -m benchmarks.sweep --write-mutant FILE --seed 7 -o mutant.md   # reproduce a mutant

Each case (``sweep_cases``) runs in a forked worker: compare, then render the HTML report,
JSON, CSV and Word table, run the audit and render its JSON, and store the comparison in a
fresh SQLite database. A clean refusal of bad input (``InputError``: one line for the user)
is "refused"; any other exception is a crash, reported with the stage it happened in and the
command that reproduces it. Time and peak memory (growth of the worker's resident set) are
measured per case.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from pathlib import Path

from .common import LAWREFBOOK, machine_line, markdown_table
from .sweep_cases import Case, all_cases, mutate

DEMO = Path(__file__).resolve().parents[1] / "texts" / "jjj-innovation-2023"
STAGES = ("compare", "html", "json", "csv", "docx", "audit", "store")


@dataclass
class Result:
    """What one case did."""

    kind: str
    name: str
    files: tuple[str, ...]
    seed: int
    status: str  # "ok" | "refused" | "crash" | "timeout"
    stage: str = ""  # where a crash or refusal happened
    error: str = ""  # its last line
    seconds: float = 0.0
    peak_mb: float = 0.0
    rows: int = 0

    def command(self) -> str:
        """The shell commands that reproduce this case."""
        files = list(self.files)
        prefix = ""
        if self.kind == "mutant":
            prefix = (f"python -m benchmarks.sweep --write-mutant {shlex.quote(files[0])} --seed {self.seed} "
                      f"-o mutant.md && ")
            files = [files[0], "mutant.md"]
        names = " ".join(shlex.quote(f) for f in files)
        step = "audit --no-db" if self.stage == "audit" else "compare"
        outputs = "" if self.stage == "audit" else " -o x.html --json x.json --csv x.csv --docx x.docx"
        return f"{prefix}legiscompare {step} {names}{outputs}"


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def case_files(case: Case, workdir: Path) -> list[str]:
    """The files a case compares (a mutant is written into ``workdir`` first)."""
    if case.kind != "mutant":
        return list(case.files)
    source = Path(case.files[0])
    mutant = workdir / f"{source.stem}（变异{case.seed}）{source.suffix}"
    mutant.write_text(mutate(source.read_text(encoding="utf-8"), case.seed), encoding="utf-8")
    return [str(source), str(mutant)]


def run_case(case: Case, workdir: Path, template_db: Path | None = None) -> Result:
    """Compare, render every output, audit and store ``case``; never raises."""
    from compare.errors import InputError

    result = Result(case.kind, case.name, case.files, case.seed, "ok")
    start = time.perf_counter()
    stage = "compare"
    try:
        files = case_files(case, workdir)
        for stage, step in _stages(files, workdir, template_db):
            rows = step()
            result.rows = rows if stage == "compare" else result.rows
    except InputError as exc:
        result.status, result.stage, result.error = "refused", stage, exc.message()
    except Exception as exc:  # noqa: BLE001 - a crash is what the sweep looks for
        result.status, result.stage = "crash", stage
        result.error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        result.error += " @ " + _where(exc)
    result.seconds = time.perf_counter() - start
    return result


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if "/compare/" in f.filename] or frames
    return f"{Path(own[-1].filename).name}:{own[-1].lineno}" if own else "?"


def _stages(files: list[str], workdir: Path, template_db: Path | None):  # type: ignore[no-untyped-def]
    """(stage name, callable) pairs, run in order; each output is rendered in memory."""
    from compare.audit import audit
    from compare.cli.audit import _as_dict
    from compare.pipeline import Options, compare_files
    from compare.report import render_html, to_json
    from compare.report.csv_export import csv_bytes
    from compare.report.docx_export import docx_bytes

    state: dict[str, object] = {}

    def compare() -> int:
        state["c"] = compare_files(files, Options())
        return len(state["c"].rows)  # type: ignore[attr-defined]

    def store() -> int:
        from compare.store import open_store

        db = workdir / "sweep.db"
        if template_db is not None:
            shutil.copyfile(template_db, db)
        handle = open_store(f"sqlite:///{db}")
        try:
            saved = handle.save_comparison(state["c"])  # type: ignore[arg-type]
            handle.decisions_for(saved.id)
        finally:
            handle.close()
        return 0

    yield "compare", compare
    yield "html", lambda: len(render_html(state["c"], "zh"))  # type: ignore[arg-type]
    yield "json", lambda: len(to_json(state["c"]))  # type: ignore[arg-type]
    yield "csv", lambda: len(csv_bytes(state["c"], "zh"))  # type: ignore[arg-type]
    yield "docx", lambda: len(docx_bytes(state["c"], "zh"))  # type: ignore[arg-type]
    yield "audit", lambda: len(json.dumps(_as_dict(audit(state["c"])), ensure_ascii=False))  # type: ignore[arg-type]
    yield "store", store


def _child(case: Case, template_db: Path | None, conn: Connection) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="sweep-"))
    try:
        before = _rss_mb()
        result = run_case(case, workdir, template_db)
        result.peak_mb = max(0.0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before)
        conn.send(asdict(result))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        conn.close()


def warm_up() -> Path:
    """Load what every case needs once, before forking, by running the demo through every stage.

    Returns a template database (schema created) for the workers to copy.
    """
    from compare.store import open_store

    template = Path(tempfile.mkdtemp(prefix="sweep-db-")) / "template.db"
    open_store(f"sqlite:///{template}").close()
    demo = sorted(str(p) for p in DEMO.glob("*.txt"))[:2]
    if len(demo) == 2:
        with tempfile.TemporaryDirectory() as workdir:
            run_case(Case("warm-up", "demo", tuple(demo)), Path(workdir), template)
    return template


def run_all(cases: list[Case], workers: int = 2, timeout: float = 300.0, progress: bool = True) -> list[Result]:
    """Run ``cases`` on up to ``workers`` forked processes; results in case order."""
    template = warm_up()
    context = get_context("fork")
    pending = list(enumerate(cases))
    running: dict[Connection, tuple[int, Case, object, float]] = {}
    results: dict[int, Result] = {}
    while pending or running:
        while pending and len(running) < workers:
            index, case = pending.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(case, template, sender), daemon=True)
            process.start()
            sender.close()
            running[receiver] = (index, case, process, time.monotonic())
        for conn in wait(list(running), timeout=1.0):
            index, case, process, _ = running.pop(conn)  # type: ignore[assignment]
            try:
                results[index] = Result(**{**conn.recv(), "files": case.files})
            except EOFError:  # the worker died (killed by the OS, or a crash of the interpreter)
                results[index] = Result(case.kind, case.name, case.files, case.seed, "crash", error="worker died")
            process.join()  # type: ignore[attr-defined]
            if progress:
                print(f"\r{len(results)}/{len(cases)}", end="", file=sys.stderr, flush=True)
        for conn, (index, case, process, started) in list(running.items()):
            if time.monotonic() - started > timeout:
                process.kill()  # type: ignore[attr-defined]
                process.join()  # type: ignore[attr-defined]
                running.pop(conn)
                results[index] = Result(case.kind, case.name, case.files, case.seed, "timeout",
                                        error=f"over {timeout:.0f} s", seconds=timeout)
    shutil.rmtree(template.parent, ignore_errors=True)
    if progress:
        print(file=sys.stderr)
    return [results[i] for i in range(len(cases))]


def summary_table(results: list[Result]) -> str:
    """Cases, outcomes, timings and memory, by kind."""
    rows = []
    for kind in dict.fromkeys(r.kind for r in results):
        mine = [r for r in results if r.kind == kind]
        times = [r.seconds for r in mine]
        rows.append([kind, len(mine), sum(r.status == "ok" for r in mine), sum(r.status == "refused" for r in mine),
                     sum(r.status == "crash" for r in mine), sum(r.status == "timeout" for r in mine),
                     f"{statistics.median(times):.2f}", f"{max(times):.1f}", f"{max(r.peak_mb for r in mine):.0f}"])
    return markdown_table(["kind", "cases", "ok", "refused", "crashes", "timeouts", "median s", "max s",
                           "max peak MB"], rows)


def report(results: list[Result], elapsed: float) -> str:
    """The printed result: machine line, summary, crashes with commands, slowest and largest."""
    out = [machine_line(), f"sweep: {len(results)} comparisons in {elapsed:.0f} s", "", summary_table(results)]
    bad = [r for r in results if r.status in ("crash", "timeout")]
    out += ["", f"crashes and timeouts: {len(bad)}"]
    out += [f"- [{r.kind}] {r.name}: {r.stage}: {r.error}\n  {r.command()}" for r in bad]
    refusals: dict[str, int] = {}
    for r in results:
        if r.status == "refused":
            refusals[r.error.split(": ", 1)[-1]] = refusals.get(r.error.split(": ", 1)[-1], 0) + 1
    if refusals:
        out += ["", "refusals (clean one-line errors) by message:"]
        out += [f"- {n} × {msg}" for msg, n in sorted(refusals.items(), key=lambda kv: -kv[1])[:8]]
    for title, key in (("slowest", lambda r: -r.seconds), ("largest peak memory", lambda r: -r.peak_mb)):
        out += ["", f"{title}:"]
        out += [f"- {r.seconds:.1f} s, {r.peak_mb:.0f} MB, {r.rows} rows: [{r.kind}] {r.name} ({len(r.files)} files)"
                for r in sorted(results, key=key)[:5]]
    return "\n".join(out)


def _first_of_each_kind(cases: list[Case], limit: int) -> list[Case]:
    seen: dict[str, int] = {}
    kept = []
    for case in cases:
        seen[case.kind] = seen.get(case.kind, 0) + 1
        if seen[case.kind] <= limit:
            kept.append(case)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sweep", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=LAWREFBOOK)
    parser.add_argument("--kinds", default="versions,topic,mutant")
    parser.add_argument("--limit", type=int, default=0, help="at most this many cases of each kind")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per case")
    parser.add_argument("--jsonl", type=Path, help="write one JSON line per case here")
    parser.add_argument("--write-mutant", type=Path, help="write the mutant of this file and stop")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    if args.write_mutant:
        text = mutate(args.write_mutant.read_text(encoding="utf-8"), args.seed)
        (args.output or Path("mutant.md")).write_text(text, encoding="utf-8")
        return 0
    if not args.root.is_dir():
        print(f"sweep: {args.root} not found (the corpus lives in ../shared beside the repository)", file=sys.stderr)
        return 2
    kinds = tuple(k.strip() for k in args.kinds.split(","))
    cases = all_cases(args.root, tuple(k for k in ("versions", "topic", "mutant") if k in kinds))
    if args.limit:
        cases = _first_of_each_kind(cases, args.limit)
    start = time.perf_counter()
    results = run_all(cases, args.workers, args.timeout)
    if args.jsonl:
        args.jsonl.write_text("".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in results),
                              encoding="utf-8")
    print(report(results, time.perf_counter() - start))
    return 1 if any(r.status in ("crash", "timeout") for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
