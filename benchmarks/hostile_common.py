"""What the areas of the hostile campaign share: running the CLI in a fresh process with its
peak memory, judging a run, case results, sampling and the tables.

A case is judged *failed* when the command exits 70 (an internal error) or by a signal, prints
a Python traceback, explains an error in more than one stderr line, takes more CPU time than
its bound (10 s unless the case says otherwise; CPU rather than wall time, so a busy machine
fails nothing, while a hang is killed at a generous wall-clock timeout), peaks above 500 MB,
or exits non-zero where it should succeed; *lost* when data that existed before is gone or damaged afterwards, or a
partial output is left behind.
"""

from __future__ import annotations

import os
import math
import random
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from .common import _width as display_width
from .common import markdown_table

REPO = Path(__file__).resolve().parents[1]
JJJ = REPO / "texts" / "jjj-innovation-2023"
A, B, C = JJJ / "beijing.txt", JJJ / "tianjin-constructed.txt", JJJ / "hebei-constructed.txt"
SECONDS, MEGABYTES = 10.0, 500.0
# The child reports its own peak from /proc/self/status (VmHWM): ru_maxrss would carry the
# parent's high-water mark over fork and exec, so every child looked as large as the benchmark.
_RUN = ("import resource, runpy, sys; sys.argv = ['legiscompare'] + sys.argv[1:]\n"
        "try:\n    runpy.run_module('compare', run_name='__main__')\n"
        "finally:\n"
        "    hwm = [ln.split()[1] for ln in open('/proc/self/status') if ln.startswith('VmHWM:')]\n"
        "    u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "    print('peak_kb', hwm[0] if hwm else 0, file=sys.stderr)\n"
        "    print('cpu_s', u.ru_utime + u.ru_stime, file=sys.stderr)")
_STATS = ("peak_kb ", "cpu_s ")
_UNSAFE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Ran:
    """What one command did: exit status (None: killed at its timeout), output, time, memory."""

    code: int | None
    stdout: str
    stderr: str
    seconds: float
    cpu: float = 0.0
    peak_mb: float = 0.0

    @property
    def lines(self) -> list[str]:
        """The stderr lines (terminals and log readers break at CR and LF)."""
        return [ln for ln in re.split(r"\r\n|\r|\n", self.stderr) if ln and not ln.startswith(_STATS)]

    @property
    def first(self) -> str:
        """The first stderr line, "ok", or how the run was stopped."""
        if self.lines:
            return self.lines[0]
        if self.code is None:
            return "(killed at its timeout)"
        return "ok" if self.code == 0 else f"(no message, exit {self.code})"


@dataclass
class Case:
    """One case's result in a table: what ran, how it ended, and why it failed or lost data."""

    area: str
    name: str
    command: str
    code: int | None = None
    message: str = ""
    seconds: float = 0.0
    peak_mb: float = 0.0
    failed: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    note: str = ""
    cpu: float = 0.0


Spec = tuple[str, Callable[[], Case]]  # a case's name and what runs it


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """The rows of one SQL query on the SQLite file ``db`` (the connection closed afterwards,
    so nothing keeps the file open)."""
    with closing(sqlite3.connect(db, timeout=30)) as conn:
        return conn.execute(sql, params).fetchall()


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The child's environment: this checkout's code, English messages."""
    return {**os.environ, "PYTHONPATH": str(REPO), "LEGISCOMPARE_LANG": "en", **(extra or {})}


def cli(args: Sequence[str]) -> list[str]:
    """The argv of ``legiscompare ARGS`` in a fresh interpreter that reports its peak memory."""
    return [sys.executable, "-c", _RUN, *args]


def run_cli(args: Sequence[str], cwd: Path, timeout: float = 120, stdin: bytes | None = None,
            env: dict[str, str] | None = None, preexec: Callable[[], None] | None = None,
            cpu_limit: float | None = None) -> Ran:
    """Run ``legiscompare ARGS`` in ``cwd`` and measure it. A run past ``timeout`` wall
    seconds is killed (a hang); one past ``cpu_limit`` CPU seconds is stopped by RLIMIT_CPU
    (SIGXCPU), so a long run is found without waiting for it, however busy the machine."""
    started = time.perf_counter()
    try:
        proc = subprocess.run(cli(args), cwd=cwd, input=stdin, capture_output=True, env=environment(env),
                              timeout=timeout, preexec_fn=_limits(preexec, cpu_limit))
    except subprocess.TimeoutExpired as expired:
        return Ran(None, _text(expired.stdout), _text(expired.stderr), time.perf_counter() - started)
    seconds = time.perf_counter() - started
    stderr = _text(proc.stderr)
    stats = dict(ln.split()[:2] for ln in stderr.splitlines() if ln.startswith(_STATS))
    cpu = float(stats.get("cpu_s", 0))
    if proc.returncode == -signal.SIGXCPU and cpu_limit:
        cpu = float(math.ceil(cpu_limit) + 1)  # the soft limit it was stopped at
    return Ran(proc.returncode, _text(proc.stdout), stderr, seconds, cpu, int(stats.get("peak_kb", 0)) / 1024)


def _limits(preexec: Callable[[], None] | None, cpu_limit: float | None) -> Callable[[], None] | None:
    """What the child runs before exec: ``preexec``, then the CPU limit (one second past it)."""
    if cpu_limit is None:
        return preexec

    def limit() -> None:
        if preexec:
            preexec()
        soft = math.ceil(cpu_limit) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU dumps core by default: no core files
    return limit


def _text(data: bytes | str | None) -> str:
    """Output bytes as text, undecodable bytes escaped."""
    if isinstance(data, str):
        return data
    return (data or b"").decode("utf-8", "backslashreplace")


def judge(ran: Ran, expect_ok: bool = False, seconds: float = SECONDS, names: bool = False) -> list[str]:
    """Why ``ran`` failed (empty: it did not): see the module's docstring. ``names``: the case
    feeds hostile names, so a raw bidi or control character in the output also fails it."""
    reasons = []
    if ran.code is None:
        reasons.append(f"killed at {ran.seconds:.0f} s timeout")
    elif ran.code == -signal.SIGXCPU:
        reasons.append("stopped at its CPU limit")
    elif ran.code == 70:
        reasons.append("exit 70")
    elif ran.code not in (0, 1, 2):
        reasons.append(f"exit {ran.code}")
    if "Traceback (most recent call last)" in ran.stderr:
        reasons.append("traceback")
    if ran.code is not None and ran.code > 0 and len(ran.lines) != 1:
        reasons.append(f"{len(ran.lines)} stderr lines")
    if expect_ok and ran.code not in (0, None):
        reasons.append("refused a valid input")
    if ran.cpu > seconds:
        reasons.append(f"CPU {ran.cpu:.1f} s > {seconds:.0f} s")
    if ran.peak_mb > MEGABYTES:
        reasons.append(f"peak {ran.peak_mb:.0f} MB > {MEGABYTES:.0f} MB")
    if names:
        reasons += [f"raw {unsafe} in output" for unsafe in raw_unsafe(ran.stdout + ran.stderr)]
    return reasons


def raw_unsafe(text: str) -> list[str]:
    """The bidi and control characters (not tab or line ends) found raw in ``text``, as U+XXXX."""
    return sorted({f"U+{ord(ch):04X}" for ch in _UNSAFE.findall(text)})


def from_run(area: str, name: str, command: str, ran: Ran, folder: Path | None = None, **judged: object) -> Case:
    """A case from one CLI run, judged by ``judge`` (keyword arguments go to it); paths under
    ``folder`` are shown relative to it."""
    message = ran.first.replace(f"{folder}/", "") if folder else ran.first
    return Case(area, name, command, ran.code, message, ran.seconds, ran.peak_mb,
                failed=judge(ran, **judged), cpu=ran.cpu)  # type: ignore[arg-type]


def sample(specs: list[Spec], k: int | None, rng: random.Random) -> list[Spec]:
    """``k`` specs drawn by ``rng`` (all when ``k`` is None or not smaller), in their order."""
    if k is None or k >= len(specs):
        return specs
    chosen = set(rng.sample(range(len(specs)), k))
    return [spec for n, spec in enumerate(specs) if n in chosen]


def run_specs(area: str, specs: list[Spec]) -> list[Case]:
    """Each spec's case, in turn; a case the benchmark itself could not run is reported as
    failed with the benchmark's error (so one broken case does not end the campaign)."""
    cases = []
    for name, thunk in specs:
        try:
            cases.append(thunk())
        except Exception as exc:  # noqa: BLE001 - said in the table
            cases.append(Case(area, name, "–", failed=[f"benchmark error: {type(exc).__name__}: {exc}"[:200]]))
    return cases


def shown(text: object, width: int = 80) -> str:
    """A table cell: control and bidi characters escaped, pipes guarded, cut to ``width``
    columns (CJK characters take two)."""
    value = "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in str(text))
    value = value.replace("|", "\\|")
    if display_width(value) <= width:
        return value
    while display_width(value) > width - 1:
        value = value[:-1]
    return value + "…"


def gist(message: str) -> str:
    """A message without the program's prefixes, so the table shows what it says."""
    for prefix, short in (("legiscompare: internal error (a bug, not a problem with the input): ", "internal error: "),
                          ("legiscompare: error: ", "")):
        if message.startswith(prefix):
            return short + message[len(prefix):]
    return message


def case_table(cases: list[Case]) -> str:
    """The markdown table of an area's cases."""
    rows = [[shown(c.name, 48), shown(c.command, 60), "–" if c.code is None else c.code, shown(gist(c.message), 70),
             f"{c.seconds:.1f}", f"{c.cpu:.1f}" if c.cpu else "–", f"{c.peak_mb:.0f}" if c.peak_mb else "–",
             shown("; ".join(c.failed), 60) or "–", shown("; ".join(c.lost), 50) or "–", shown(c.note, 70)]
            for c in cases]
    return markdown_table(["case", "command", "exit", "message", "s", "CPU s", "MB", "failed", "lost", "note"], rows)


def summary_table(results: dict[str, list[Case]]) -> str:
    """area | tried | failed | lost over every area, with a total."""
    rows = [[area, len(cases), sum(bool(c.failed) for c in cases), sum(bool(c.lost) for c in cases)]
            for area, cases in results.items()]
    rows.append(["all", *(sum(int(row[k]) for row in rows) for k in (1, 2, 3))])
    return markdown_table(["area", "tried", "failed", "lost"], rows)
