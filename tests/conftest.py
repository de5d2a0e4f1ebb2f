"""Shared fixtures of the test suite."""

from __future__ import annotations

# --- Storage tests (compare/store): databases on SQLite and a throwaway PostgreSQL ------------
# ``store_url`` runs a test once on a SQLite file and once on PostgreSQL. The PostgreSQL
# cluster is started once per session from Debian's binaries (/usr/lib/postgresql/*/bin),
# as a non-root user when the tests run as root, on 127.0.0.1 and a free port, in a
# temporary directory removed afterwards. Without PostgreSQL (or psycopg) those tests are
# skipped, unless LEGISCOMPARE_REQUIRE_PG=1 (CI), which makes them fail.
import glob as _glob
import os as _os
import shutil as _shutil
import socket as _socket
import subprocess as _subprocess
import tempfile as _tempfile

import pytest as _pytest

PG_REQUIRED_VAR = "LEGISCOMPARE_REQUIRE_PG"
PG_USER = "legiscompare"  # the cluster's superuser (trust authentication on loopback)


def _pg_unavailable(reason: str) -> None:
    message = f"PostgreSQL storage tests: {reason} (Debian: apt-get install -y postgresql)"
    if _os.environ.get(PG_REQUIRED_VAR) == "1":
        _pytest.fail(f"{message}; {PG_REQUIRED_VAR}=1 requires them", pytrace=False)
    _pytest.skip(message)


def _pg_bindir() -> str | None:
    def version(path: str) -> tuple[int, ...]:
        part = path.split("/")[-3]
        return tuple(int(x) for x in part.split(".") if x.isdigit())

    found = sorted(_glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return _os.path.dirname(found[-1])
    initdb = _shutil.which("initdb")
    return _os.path.dirname(_os.path.realpath(initdb)) if initdb else None


def _free_port() -> int:
    with _socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgCluster:
    """A running throwaway cluster; ``new_database()`` gives each test its own database."""

    def __init__(self, bindir: str) -> None:
        self.bindir = bindir
        self.prefix: list[str] = []
        owner = None
        if _os.geteuid() == 0:  # initdb refuses to run as root
            import pwd

            for name in ("postgres", "nobody"):
                try:
                    owner = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            if owner is None or not _shutil.which("runuser"):
                _pg_unavailable("running as root and no 'postgres'/'nobody' user or runuser to run initdb")
            self.prefix = ["runuser", "-u", owner.pw_name, "--"]
        self.dir = _tempfile.mkdtemp(prefix="legiscompare-pg-", dir="/tmp" if owner else None)
        if owner:
            _os.chown(self.dir, owner.pw_uid, owner.pw_gid)
        self.data = _os.path.join(self.dir, "data")
        self.port = 0
        self.count = 0

    def _run(self, tool: str, *args: str) -> None:
        cmd = [*self.prefix, _os.path.join(self.bindir, tool), *args]
        done = _subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if done.returncode:
            log = _os.path.join(self.dir, "log")
            tail = open(log, encoding="utf-8", errors="replace").read()[-2000:] if _os.path.exists(log) else ""
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr.strip()}\n{tail}")

    def start(self) -> None:
        self._run("initdb", "-D", self.data, "-U", PG_USER, "--auth=trust", "-E", "UTF8", "--no-locale")
        for attempt in range(3):  # the free port may be taken before the server binds it
            self.port = _free_port()
            try:
                self._run("pg_ctl", "-D", self.data, "-l", _os.path.join(self.dir, "log"), "-w", "-t", "60",
                          "-o", f"-h 127.0.0.1 -p {self.port} -k {self.dir} -F", "start")
                return
            except RuntimeError:
                if attempt == 2:
                    raise

    def stop(self) -> None:
        try:
            if self.port:
                self._run("pg_ctl", "-D", self.data, "-m", "immediate", "stop")
        finally:
            _shutil.rmtree(self.dir, ignore_errors=True)

    def new_database(self) -> str:
        import psycopg

        self.count += 1
        name = f"store_test_{self.count}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user=PG_USER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{name}"


@_pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL cluster for the session (skipped or failed when unavailable, see above)."""
    bindir = _pg_bindir()
    if bindir is None:
        _pg_unavailable("initdb/pg_ctl not found under /usr/lib/postgresql/*/bin")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _pg_unavailable("psycopg is not installed (pip install 'psycopg[binary]')")
    cluster = PgCluster(bindir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@_pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL of an empty database: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_cluster").new_database()


@_pytest.fixture
def sqlite_url(tmp_path):
    """A SQLite database file in the test's own folder (made on first use)."""
    return f"sqlite:///{tmp_path / 'serve.db'}"


@_pytest.fixture
def seeded(sqlite_url, jjj_comparison):
    """(url, comparison id, client) of the review app on a SQLite file holding the demo comparison."""
    from starlette.testclient import TestClient

    from compare.serve import create_app
    from test_serve import BASE, seed

    cid = seed(sqlite_url, jjj_comparison)
    with TestClient(create_app(sqlite_url), base_url=BASE) as client:
        yield sqlite_url, cid, client


@_pytest.fixture(scope="session")
def jjj_comparison():
    """The real pipeline on texts/jjj-innovation-2023 (treat as read-only)."""
    from compare.pipeline import compare_files
    from support import JJJ_FILES

    return compare_files(JJJ_FILES)


# --- Real-text corpus (compare/structure): ../shared/corpus next to the repository ------------
# Tests that read it are marked ``corpus`` and are skipped when it is absent.
def pytest_configure(config):
    config.addinivalue_line("markers", "corpus: needs the real-text corpus in ../shared/corpus (skipped without it)")
    config.addinivalue_line("markers", "slow: runs commands in subprocesses, a browser, PostgreSQL or LibreOffice, or "
                                       "whole corpus folders; `pytest -m 'not slow'` is the daily subset")


# Modules whose tests start browsers, servers, LibreOffice or many processes, or read whole
# corpus folders: marked ``slow`` so that ``pytest -m "not slow"`` is a quick daily subset.
SLOW_MODULES = frozenset({
    "test_architecture", "test_browser", "test_browser_comparative", "test_browser_scale", "test_browser_structural",
    "test_amend_drafts_browser", "test_docs", "test_office", "test_segment_cache",
    "test_serve_browser", "test_serve_browser_review", "test_startup", "test_store_concurrency", "test_store_pg",
    "test_structure_corpus", "test_sweep",
})


def pytest_collection_modifyitems(config, items):
    """Mark ``slow`` every test of ``SLOW_MODULES`` and every test run on PostgreSQL."""
    for item in items:
        params = getattr(item, "callspec", None)
        on_postgresql = params is not None and params.params.get("store_url") == "postgresql"
        if item.module.__name__ in SLOW_MODULES or on_postgresql:
            item.add_marker(_pytest.mark.slow)


@_pytest.fixture(scope="session")
def corpus_dir():
    """The shared corpus next to the repository (``../shared/corpus``) as a Path, or skip."""
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    if not corpus.is_dir():
        _pytest.skip("../shared/corpus not present")
    return corpus


@_pytest.fixture(scope="session")
def lawrefbook(corpus_dir):
    """``../shared/corpus/lawrefbook`` (3,398 real laws), or skip."""
    root = corpus_dir / "lawrefbook"
    if not root.is_dir():
        _pytest.skip("../shared/corpus/lawrefbook not present")
    return root


@_pytest.fixture(scope="session")
def parsed(lawrefbook):
    """Every corpus file → its Document, or the InputError key when it has no provisions."""
    from compare.errors import InputError
    from compare.ingest import read_source
    from compare.structure import parse
    from compare.structure.corpus import corpus_files

    out = {}
    for path in corpus_files(lawrefbook):
        try:
            out[path] = parse(read_source(path), path.stem)
        except InputError as err:
            out[path] = err.key
    return out
