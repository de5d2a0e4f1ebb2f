"""Issue 31: no staged output survives — not a termination signal, not a kill followed by a re-run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compare.cli import main
from compare.fileio import remove_stale
from support import JJJ

BEIJING, TIANJIN = str(JJJ / "beijing.txt"), str(JJJ / "tianjin-constructed.txt")
AN_HOUR_AGO = time.time() - 3600


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _staged(folder: Path, name: str, pid: int | str, old: bool = True) -> Path:
    path = folder / f".{name}.{pid}.tmp"
    path.write_bytes(b"partial")
    if old:
        os.utime(path, (AN_HOUR_AGO, AN_HOUR_AGO))
    return path


def test_a_run_removes_stale_staged_files_of_its_outputs_and_nothing_else(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    dead = _dead_pid()
    with subprocess.Popen(["sleep", "60"]) as alive:
        stale = [_staged(tmp_path, "r.html", dead), _staged(tmp_path, "r.json", dead)]
        kept = [_staged(tmp_path, "r.html", alive.pid),  # a concurrent run's file
                _staged(tmp_path, "r.html", _dead_pid(), old=False),  # written after this run began
                _staged(tmp_path, "other.html", dead),  # not an output of this run
                _staged(tmp_path, "r.html", "12ab")]  # not this naming pattern
        with pytest.raises(SystemExit) as ended:
            main(["compare", BEIJING, TIANJIN, "--no-db", "-o", str(tmp_path / "r.html"),
                  "--json", str(tmp_path / "r.json")])
        alive.kill()
    capsys.readouterr()
    assert ended.value.code in (0, None)
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in kept)


def test_remove_stale_ignores_a_missing_folder(tmp_path) -> None:
    assert remove_stale(tmp_path / "gone" / "r.html") == []


def _compare_process(folder: Path) -> subprocess.Popen[bytes]:
    outputs = ["-o", str(folder / "r.html"), "--json", str(folder / "r.json"), "--docx", str(folder / "r.docx"),
               "--csv", str(folder / "r.csv")]
    return subprocess.Popen([sys.executable, "-m", "compare", "compare", BEIJING, TIANJIN, "--db",
                             f"sqlite:///{folder / 'r.db'}", *outputs], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def _outputs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in {".html", ".json", ".docx", ".csv"})


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_compare_leaves_nothing_staged_after_a_rerun(tmp_path, signum) -> None:  # type: ignore[no-untyped-def]
    """At each delay the run is stopped mid-way: a terminated run undoes its staging itself; a killed one's
    leftovers are removed by the next run, which then writes every output."""
    for delay in (0.6, 1.0, 1.4, 1.8, 2.4):
        folder = tmp_path / f"d{delay}"
        folder.mkdir()
        process = _compare_process(folder)
        time.sleep(delay)
        process.send_signal(signum)
        _, err = process.communicate(timeout=120)
        assert b"Traceback" not in err
        if signum == signal.SIGTERM:
            assert not list(folder.glob(".*.tmp")), delay
            assert _outputs(folder) in ([], ["r.csv", "r.docx", "r.html", "r.json"]), delay  # all or none
        rerun = _compare_process(folder)
        assert rerun.wait(timeout=120) == 0
        assert not list(folder.glob(".*.tmp")), delay
        assert _outputs(folder) == ["r.csv", "r.docx", "r.html", "r.json"]


TERMINATED_WHILE_STAGING = """
import os, signal, sys
from compare import fileio
from compare.cli import main
stage = fileio.StagedOutputs.stage
def stage_then_terminate(self, path, data):
    stage(self, path, data)
    if path.endswith(".json"):
        os.kill(os.getpid(), signal.SIGTERM)
fileio.StagedOutputs.stage = stage_then_terminate
main(sys.argv[1:])
"""


def test_a_terminated_run_removes_what_it_staged_and_stores_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "r.db"
    proc = subprocess.run([sys.executable, "-c", TERMINATED_WHILE_STAGING, "compare", BEIJING, TIANJIN, "--db",
                           f"sqlite:///{db}", "-o", str(tmp_path / "r.html"), "--json", str(tmp_path / "r.json"),
                           "--csv", str(tmp_path / "r.csv")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM and "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "r.db") == []
