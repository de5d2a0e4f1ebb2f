"""Storage stage: saving comparisons and review decisions, on SQLite and on PostgreSQL.

Every test taking ``store_url`` runs twice (see ``store_url`` in conftest.py).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from compare.errors import InputError
from compare.model import Difference
from compare.pipeline import compare_files
from compare.report.json_export import to_json
from compare.store import (DEFAULT_URL, MAX_NOTE, Anchor, Store, cell_ids, database_url, difference_fingerprint,
                           difference_fingerprints, document_identities, open_store, row_fingerprints)
from compare.store import models as db
from compare.store import store as store_module
from support import JJJ, JJJ_FILES

TABLES = (db.Jurisdiction, db.Document, db.Provision, db.Comparison, db.ComparisonDocument, db.AlignmentRow,
          db.Cell, db.Difference, db.ReviewDecisionRow)
GONE_NEW = "支持"  # the normative change of the Hebei text (item 15: 鼓励 → 支持) ...
GONE_OLD = "鼓励"  # ... and what the Beijing text reads there
GONE_CONTEXT = "设立市场化基金"


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {t.__tablename__: session.scalar(select(func.count()).select_from(t)) for t in TABLES}


def hebei(comparison, new: str):  # type: ignore[no-untyped-def]
    """The fingerprint of the Hebei difference reading ``new``."""
    for row, fps in zip(comparison.rows, difference_fingerprints(comparison)):
        for diff, fp in zip(row.differences, fps):
            if diff.document == "hebei-constructed" and diff.new == new:
                return fp
    raise AssertionError(f"no Hebei difference reads {new!r}")


@pytest.fixture(scope="module")
def changed_comparison(tmp_path_factory):
    """The same three texts (same file names) with one Hebei normative change reverted."""
    folder = tmp_path_factory.mktemp("changed")
    for name in os.listdir(JJJ):
        shutil.copy(JJJ / name, folder / name)
    path = folder / "hebei-constructed.txt"
    text = path.read_text(encoding="utf-8")
    assert text.count(GONE_NEW + GONE_CONTEXT) == 1
    path.write_text(text.replace(GONE_NEW + GONE_CONTEXT, GONE_OLD + GONE_CONTEXT), encoding="utf-8")
    return compare_files(sorted(str(p) for p in folder.glob("*.txt")))


# --- URLs and opening ----------------------------------------------------------------------

def test_database_url_precedence(monkeypatch):
    monkeypatch.delenv("LEGISCOMPARE_DB", raising=False)
    assert database_url() == DEFAULT_URL == "sqlite:///legiscompare.db"
    monkeypatch.setenv("LEGISCOMPARE_DB", "env.db")
    assert database_url() == "sqlite:///env.db"
    assert database_url("given.db") == "sqlite:///given.db"
    assert database_url("/abs/x.db") == "sqlite:////abs/x.db"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("sqlite:///a.db") == "sqlite:///a.db"


@pytest.mark.parametrize("url, needle", [
    ("sqlite:////nonexistent-dir/x.db", "does not exist"),
    ("sqlite:////proc/x.db", "unable to open database file"),  # a directory nothing can be created in
    ("nosuchdialect://x", "no driver"),
    ("postgresql+psycopg://u:secret@127.0.0.1:1/db", "127.0.0.1"),
])
def test_open_store_errors_are_one_line(url, needle):
    with pytest.raises(InputError) as info:
        open_store(url)
    message = info.value.message("en")
    assert info.value.key == "database" and needle in message
    assert "\n" not in message and "secret" not in message


def test_open_store_rejects_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database\n" * 100)
    with pytest.raises(InputError, match="not a database"):
        open_store(str(path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_open_store_permission_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError) as info:
            open_store(str(folder / "x.db"))
        assert "\n" not in info.value.message("en")
    finally:
        folder.chmod(0o700)


def test_in_memory_sqlite_works():
    with open_store("sqlite://") as s:
        assert s.list_comparisons() == []


# --- saving --------------------------------------------------------------------------------

def test_save_and_read_back(store, jjj_comparison):
    saved = store.save_comparison(jjj_comparison)
    assert saved.created and saved.documents_added == 3
    assert saved.rows == len(jjj_comparison.rows)
    assert saved.differences == sum(len(r.differences) for r in jjj_comparison.rows)
    assert to_json(store.load_comparison(saved.id)) == to_json(jjj_comparison)
    [summary] = store.list_comparisons()
    assert summary.id == saved.id and summary.base == "beijing"
    assert summary.documents == tuple(d.id for d in jjj_comparison.documents)
    assert (summary.rows, summary.differences, summary.decided) == (saved.rows, saved.differences, 0)
    assert summary.created_at.tzinfo is not None


def test_saving_twice_adds_nothing(store, jjj_comparison):
    first = store.save_comparison(jjj_comparison)
    before = counts(store)
    second = store.save_comparison(jjj_comparison)
    assert counts(store) == before
    assert (second.id, second.created, second.documents_added) == (first.id, False, 0)
    assert second.fingerprint == first.fingerprint
    assert [d.fingerprint for d in store.differences(first.id)] == [
        fp for fps in difference_fingerprints(jjj_comparison) for fp in fps]


def test_same_text_is_stored_once(store, jjj_comparison):
    pair = compare_files(JJJ_FILES[:2])
    assert store.save_comparison(pair).documents_added == 2
    assert store.save_comparison(jjj_comparison).documents_added == 1
    n = counts(store)
    assert n["documents"] == 3
    assert n["provisions"] == sum(len(d.provisions) for d in jjj_comparison.documents)
    assert n["comparisons"] == 2


def test_a_failed_save_leaves_the_database_unchanged(store, jjj_comparison, monkeypatch):
    store.save_comparison(compare_files(JJJ_FILES[:2]))
    before = counts(store)

    def fail(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_module, "_save_rows", fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save_comparison(jjj_comparison)  # a new comparison, one new document: both rolled back
    assert counts(store) == before
    monkeypatch.undo()
    saved = store.save_comparison(jjj_comparison)
    before = counts(store)
    monkeypatch.setattr(store_module, "_save_rows", fail)
    with pytest.raises(RuntimeError):
        store.save_comparison(jjj_comparison)  # an update in place: the old rows come back
    assert counts(store) == before
    monkeypatch.undo()
    assert to_json(store.load_comparison(saved.id)) == to_json(jjj_comparison)


# --- fingerprints --------------------------------------------------------------------------

def test_difference_fingerprints_are_unique_and_stable(jjj_comparison):
    fps = [fp for row in difference_fingerprints(jjj_comparison) for fp in row]
    assert len(fps) == len(set(fps)) == sum(len(r.differences) for r in jjj_comparison.rows)
    identities = document_identities(jjj_comparison.documents, jjj_comparison.base)
    assert fps == [fp for row in jjj_comparison.rows for fp in row_fingerprints(row, identities)]  # none spans rows
    again = compare_files(list(reversed(JJJ_FILES)))
    assert fps == [fp for row in difference_fingerprints(again) for fp in row]


def test_difference_fingerprint_ingredients():
    diff = Difference("b", "a", "formatting", "punctuation", "甲,乙", "甲，乙")
    anchor = Anchor("110000|条例", "120000|条例", "item3", "item3", "前|后")
    fp = difference_fingerprint(diff, anchor)
    assert fp == difference_fingerprint(dataclasses.replace(diff, document="x", against="y"), anchor)  # ids not hashed
    assert fp == difference_fingerprint(dataclasses.replace(diff, old="甲, 乙"), anchor)  # same normalised form
    assert fp != difference_fingerprint(diff, dataclasses.replace(anchor, document_cell="item4"))
    assert fp != difference_fingerprint(diff, dataclasses.replace(anchor, document="130000|条例"))
    assert fp != difference_fingerprint(dataclasses.replace(diff, cls="wording"), anchor)
    assert fp != difference_fingerprint(diff, dataclasses.replace(anchor, context="别|处"))


def test_cell_ids_join_split_cells(jjj_comparison):
    row = jjj_comparison.rows[1]
    assert cell_ids(row) == {doc: "+".join(p.id for p in cell.provisions) for doc, cell in row.cells.items() if cell}


# --- decisions -----------------------------------------------------------------------------

def test_decisions_keep_history(store, jjj_comparison):
    saved = store.save_comparison(jjj_comparison)
    fp = store.undecided(saved.id)[0].fingerprint
    first = store.record_decision(fp, "needs_harmonisation", "ask Tianjin", "wang")
    latest = store.record_decision(fp, "fixed", "", "li")
    assert latest.id > first.id and latest.comparison_id == saved.id
    assert store.decisions_for(saved.id) == {fp: latest}
    assert counts(store)["decisions"] == 2
    assert len(store.undecided(saved.id)) == saved.differences - 1
    assert store.list_comparisons()[0].decided == 1


@pytest.mark.parametrize("status, note, reviewer, needle", [
    ("approved", "", "wang", "unknown decision status"),
    ("accepted", "x" * (MAX_NOTE + 1), "wang", "note too long"),
    ("accepted", "", "  ", "reviewer"),
])
def test_invalid_decisions_are_refused(store, jjj_comparison, status, note, reviewer, needle):
    saved = store.save_comparison(jjj_comparison)
    fp = store.undecided(saved.id)[0].fingerprint
    with pytest.raises(InputError, match=needle) as info:
        store.record_decision(fp, status, note, reviewer)
    assert info.value.key == "invalid"  # bad input, not a database error
    assert counts(store)["decisions"] == 0


def test_unknown_fingerprint_is_refused(store, jjj_comparison):
    saved = store.save_comparison(jjj_comparison)
    with pytest.raises(InputError, match="no stored difference"):
        store.record_decision("0" * 64, "accepted", "", "wang")
    fp = store.undecided(saved.id)[0].fingerprint
    with pytest.raises(InputError, match="has no difference"):
        store.record_decision(fp, "accepted", "", "wang", comparison_id=saved.id + 1)
    assert store.record_decision(fp, "accepted", "x" * MAX_NOTE, "wang").note == "x" * MAX_NOTE


def test_rerun_reattaches_decisions_and_lists_obsolete_ones(store, jjj_comparison, changed_comparison):
    saved = store.save_comparison(jjj_comparison)
    gone = hebei(jjj_comparison, GONE_NEW)
    kept = store.undecided(saved.id)[0].fingerprint
    d_gone = store.record_decision(gone, "needs_harmonisation", "Hebei wording", "wang")
    d_kept = store.record_decision(kept, "accepted", "", "wang")

    rerun = store.save_comparison(changed_comparison)
    assert rerun.created and rerun.id != saved.id and rerun.documents_added == 1
    assert (rerun.decisions_reattached, rerun.decisions_obsolete) == (1, 1)
    assert store.decisions_for(rerun.id) == {kept: d_kept}
    assert store.obsolete_decisions(rerun.id) == [dataclasses.replace(d_gone, obsolete=True)]
    assert kept not in {d.fingerprint for d in store.undecided(rerun.id)}
    # Nothing deleted: the earlier run and both decisions are still there.
    assert counts(store)["decisions"] == 2
    assert store.decisions_for(saved.id) == {kept: d_kept, gone: d_gone}
    assert store.obsolete_decisions(saved.id) == []
    assert {s.subject for s in store.list_comparisons()} == {store.list_comparisons()[0].subject}
    # Saving the changed run again reattaches the same way and adds nothing.
    before = counts(store)
    again = store.save_comparison(changed_comparison)
    assert (again.id, again.created, again.decisions_obsolete) == (rerun.id, False, 1)
    assert counts(store) == before


def test_other_reviews_do_not_make_decisions_obsolete(store, jjj_comparison):
    pair = store.save_comparison(compare_files(JJJ_FILES[:2]))  # beijing + hebei: another subject
    whole = store.save_comparison(jjj_comparison)
    tianjin_diff = next(d for d in store.undecided(whole.id) if d.document == "tianjin-constructed")
    store.record_decision(tianjin_diff.fingerprint, "accepted", "", "wang")
    assert store.obsolete_decisions(pair.id) == []
    assert len(store.obsolete_decisions(whole.id)) == 0


def test_concurrent_decisions_all_land(store_url, jjj_comparison):
    with open_store(store_url) as setup:
        saved = setup.save_comparison(jjj_comparison)
        fps = [d.fingerprint for d in setup.undecided(saved.id)][:40]
    stores = [open_store(store_url) for _ in range(2)]
    barrier = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def work(s: Store, mine: list[str]) -> None:
        try:
            barrier.wait()
            for fp in mine:
                s.record_decision(fp, "accepted", "", f"reviewer-{id(s)}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s, fps[i::2])) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for s in stores:
        s.close()
    assert errors == []
    with open_store(store_url) as check:
        assert set(check.decisions_for(saved.id)) == set(fps)


def test_concurrent_first_opens_migrate_once(store_url):
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def work() -> None:
        try:
            barrier.wait()
            open_store(store_url).close()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []


def test_sqlite_uses_wal(tmp_path, jjj_comparison):
    with open_store(str(tmp_path / "w.db")) as s:
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert Path(tmp_path / "w.db").exists()


KNOWN_DRIVER_ERRORS = {  # as psycopg and sqlite3 word them
    'could not translate host name "db.example" to address: Name or service not known':
        ("无法连接数据库（主机名无法解析）", "cannot connect to the database (the host name cannot be resolved)"),
    "failed to resolve host 'db.example': [Errno -2] Name or service not known":
        ("无法连接数据库（主机名无法解析）", "cannot connect to the database (the host name cannot be resolved)"),
    'connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused\n'
    '\tIs the server running on that host and accepting TCP/IP connections?':
        ("无法连接数据库（连接被拒绝", "cannot connect to the database (connection refused"),
    'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  password authentication '
    'failed for user "u"': ("无法连接数据库（身份验证失败", "cannot connect to the database (authentication failed"),
    'connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "x" does not exist':
        ("数据库服务器上没有这个数据库", "the database does not exist on the server"),
    "file is not a database": ("该文件不是 SQLite 数据库", "the file is not a SQLite database"),
}


@pytest.mark.parametrize("driver_text", KNOWN_DRIVER_ERRORS,
                         ids=["libpq host", "psycopg host", "refused", "authentication", "no database", "sqlite"])
def test_known_driver_errors_lead_with_an_explanation(driver_text):
    from sqlalchemy.exc import OperationalError

    from compare.store.engine import database_error

    error = database_error("postgresql+psycopg://u:secret@db.example/x",
                           OperationalError("SELECT 1", {}, Exception(driver_text)))
    zh, en = KNOWN_DRIVER_ERRORS[driver_text]
    first_line = driver_text.splitlines()[0]
    assert error.key == "database"
    assert error.message("zh").startswith(f"数据库错误：{zh}")
    assert error.message("zh").endswith(f"。详情：postgresql+psycopg://u:***@db.example/x：{first_line}")
    assert error.message("en").startswith(f"database error: {en}")
    assert error.message("en").endswith(f". Details: postgresql+psycopg://u:***@db.example/x: {first_line}")
    assert all("\n" not in m and "secret" not in m for m in (error.message("zh"), error.message("en")))


def test_other_driver_errors_keep_their_form_and_real_ones_are_recognised(tmp_path, pg_cluster):
    from sqlalchemy.exc import OperationalError

    from compare.store.engine import database_error

    odd = database_error("sqlite:///x.db", OperationalError("SELECT 1", {}, Exception("disk I/O error")))
    assert odd.message("zh") == "数据库错误：sqlite:///x.db: disk I/O error"
    with pytest.raises(InputError) as refused:
        open_store("postgresql+psycopg://u@127.0.0.1:1/db")
    assert refused.value.message("zh").startswith("数据库错误：无法连接数据库（连接被拒绝")
    missing = pg_cluster.new_database().rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(InputError) as absent:
        open_store(missing)
    assert absent.value.message("zh").startswith("数据库错误：数据库服务器上没有这个数据库"), absent.value.message("zh")
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n" * 100)
    with pytest.raises(InputError) as not_sqlite:
        open_store(str(junk))
    assert not_sqlite.value.message("zh").startswith("数据库错误：该文件不是 SQLite 数据库"), not_sqlite.value.message("zh")
