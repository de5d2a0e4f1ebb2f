"""Issue 14: concurrent ``compare`` runs of the same inputs on PostgreSQL all succeed."""

from __future__ import annotations

import os
import subprocess
import sys

from support import JJJ_FILES, REPO

PROCESSES = 6
ROUNDS = 2


def _compare_at_once(url: str, files: list[str]) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "LEGISCOMPARE_LANG": "en"}
    procs = [subprocess.Popen([sys.executable, "-m", "compare", "compare", *files, "--db", url], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(PROCESSES)]
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=600)
        out.append(subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr))
    return out


def test_concurrent_compares_of_the_same_inputs_on_postgresql(pg_cluster) -> None:
    from compare.store import open_store

    url = pg_cluster.new_database()
    for _ in range(ROUNDS):  # the first round creates, the second re-runs a stored comparison
        for result in _compare_at_once(url, JJJ_FILES):
            assert result.returncode == 0, result.stderr
    with open_store(url) as store:
        [summary] = store.list_comparisons()
        assert summary.differences > 0
