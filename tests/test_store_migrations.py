"""Alembic migrations of the store: older databases reach the current schema with every row.

Tests taking ``store_url`` run on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, func, select, text

from compare.errors import InputError
from compare.report.json_export import to_json
from compare.store import comparison_subject, difference_fingerprints, document_identities, migrate, open_store
from compare.store.schema import Base
from support import REPO


NO_DRAFTS = {"drafts": 0, "draft_instructions": 0, "instruction_decisions": 0,  # tables of 0007
             "login_sessions": 0, "server_settings": 0, "comments": 0,  # and of 0011, 0012
             "assignments": 0, "audit_runs": 0}  # and of 0013


def table_counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        out = {t.name: conn.scalar(select(func.count()).select_from(t)) for t in meta.sorted_tables
               if t.name != "alembic_version"}
    engine.dispose()
    return out


def copy_rows(source_url: str, target_url: str) -> None:
    """Copy every row of the target's tables (and only its columns) from the source database."""
    source, target = create_engine(source_url), create_engine(target_url)
    smeta, tmeta = MetaData(), MetaData()
    smeta.reflect(source)
    tmeta.reflect(target)
    with source.connect() as src, target.begin() as dst:
        for table in tmeta.sorted_tables:
            if table.name == "alembic_version":
                continue
            columns = [smeta.tables[table.name].c[c.name] for c in table.columns]
            rows = [dict(r._mapping) for r in src.execute(select(*columns))]
            if rows:
                dst.execute(table.insert(), rows)
            if dst.dialect.name == "postgresql" and "id" in table.c:  # explicit ids leave the sequences behind
                dst.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                 f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"))
    source.dispose()
    target.dispose()


def test_head_and_script_location():
    assert migrate.head_revision() == "0013"
    location = Path(migrate.script_location())
    assert (location / "env.py").is_file() and (location / "versions").is_dir()
    assert not (location / "alembic.ini").exists()


def test_empty_database_upgrades_and_upgrade_is_idempotent(store_url):
    assert migrate.current_revision(store_url) is None
    assert migrate.upgrade(store_url) == "0013"
    assert migrate.upgrade(store_url) == "0013"
    assert migrate.current_revision(store_url) == "0013"
    assert set(table_counts(store_url)) == set(Base.metadata.tables)


def test_models_match_the_migrations(store_url):
    """Autogenerate finds nothing to do at head: models.py and the revisions agree."""
    migrate.upgrade(store_url)
    engine = create_engine(store_url)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diffs == []


def test_revision_1_database_upgrades_without_losing_rows(store_url, tmp_path, jjj_comparison):
    # Real rows, made by the current code in a scratch database...
    scratch = f"sqlite:///{tmp_path / 'scratch.db'}"
    with open_store(scratch) as s:
        saved = s.save_comparison(jjj_comparison)
        for diff in s.undecided(saved.id)[:3]:
            s.record_decision(diff.fingerprint, "accepted", "checked", "wang")
        decisions = s.decisions_for(saved.id)
    # ... copied into a database at revision 0001 (which has no comparisons.subject).
    assert migrate.upgrade(store_url, "0001") == "0001"
    copy_rows(scratch, store_url)
    before = table_counts(store_url)
    assert before["differences"] == saved.differences and before["decisions"] == 3

    assert migrate.upgrade(store_url) == "0013"
    assert table_counts(store_url) == {**before, "corpus_files": 0, "corpus_provisions": 0, "accounts": 0,
                                       **NO_DRAFTS}
    with open_store(store_url) as s:
        [summary] = s.list_comparisons()
        identities = list(document_identities(jjj_comparison.documents, jjj_comparison.base).values())
        assert summary.subject == comparison_subject(identities, jjj_comparison.options)
        assert summary.decided == 3
        assert s.decisions_for(saved.id) == decisions
        assert to_json(s.load_comparison(saved.id)) == to_json(jjj_comparison)
        again = s.save_comparison(jjj_comparison)  # the upgraded database is fully usable
        assert (again.id, again.created, again.decisions_reattached) == (saved.id, False, 3)


def test_database_from_a_newer_version_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    migrate.upgrade(url)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(InputError, match="unknown to this version"):
        open_store(url)
    with pytest.raises(InputError, match="unknown to this version"):
        migrate.upgrade(url)


def test_developer_entry_point(tmp_path):
    url = f"sqlite:///{tmp_path / 'dev.db'}"
    run = [sys.executable, "-m", "compare.store.migrate"]
    assert subprocess.run([*run, "upgrade", url], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout.strip() == "0013"
    assert subprocess.run([*run, "current", url], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout.strip() == "0013"


def test_a_failed_upgrade_leaves_the_database_as_it_was(store_url, tmp_path, jjj_comparison, monkeypatch):
    from alembic.operations import Operations

    scratch = f"sqlite:///{tmp_path / 'scratch.db'}"
    with open_store(scratch) as s:
        s.save_comparison(jjj_comparison)
    migrate.upgrade(store_url, "0001")
    copy_rows(scratch, store_url)
    before = table_counts(store_url)

    def fail(*args, **kwargs):
        raise RuntimeError("power cut")

    # 0002 rebuilds comparisons (SQLite) and backfills it before this last step fails.
    monkeypatch.setattr(Operations, "create_index", fail)
    with pytest.raises(RuntimeError, match="power cut"):
        migrate.upgrade(store_url)
    monkeypatch.undo()
    assert migrate.current_revision(store_url) == "0001"
    assert table_counts(store_url) == before
    engine = create_engine(store_url)
    meta = MetaData()
    meta.reflect(engine)
    engine.dispose()
    assert "subject" not in meta.tables["comparisons"].c
    assert migrate.upgrade(store_url) == "0013"
    assert table_counts(store_url) == {**before, "corpus_files": 0, "corpus_provisions": 0, "accounts": 0,
                                       **NO_DRAFTS}


def test_revision_4_fingerprints_are_recomputed_and_decisions_follow(store_url, tmp_path, jjj_comparison):
    """A database whose fingerprints and subjects came from file names (revision 0004)."""
    import hashlib

    scratch = f"sqlite:///{tmp_path / 'scratch.db'}"
    with open_store(scratch) as s:
        saved = s.save_comparison(jjj_comparison)
        for diff in s.undecided(saved.id)[:3]:
            s.record_decision(diff.fingerprint, "accepted", "checked", "wang")
        decisions = s.decisions_for(saved.id)
    engine = create_engine(scratch)
    with engine.begin() as conn:  # old-style values: anything that is not the current fingerprint
        for table, column in (("differences", "fingerprint"), ("decisions", "difference_fingerprint")):
            for rid, fp in conn.execute(text(f"SELECT id, {column} FROM {table}")).all():
                old = hashlib.sha256(f"v1:{fp}".encode()).hexdigest()
                conn.execute(text(f"UPDATE {table} SET {column} = :v WHERE id = :i"), {"v": old, "i": rid})
        conn.execute(text("UPDATE comparisons SET subject = :s"), {"s": "0" * 64})
    engine.dispose()
    migrate.upgrade(store_url, "0004")
    copy_rows(scratch, store_url)
    assert migrate.upgrade(store_url) == "0013"
    with open_store(store_url) as s:
        [summary] = s.list_comparisons()
        identities = list(document_identities(jjj_comparison.documents, jjj_comparison.base).values())
        assert summary.subject == comparison_subject(identities, jjj_comparison.options)
        assert [d.fingerprint for d in s.differences(saved.id)] == [
            fp for row in difference_fingerprints(jjj_comparison) for fp in row]
        assert {fp: (d.status, d.note) for fp, d in s.decisions_for(saved.id).items()} == {
            fp: (d.status, d.note) for fp, d in decisions.items()}
        assert s.obsolete_decisions(saved.id) == []


def test_revision_5_comparisons_of_one_subject_become_a_history(store_url, tmp_path, jjj_comparison):
    """0006: each older comparison of a subject is superseded by the next one created."""
    import dataclasses

    scratch = f"sqlite:///{tmp_path / 'scratch.db'}"
    first_docs = jjj_comparison.documents
    edited = dataclasses.replace(first_docs[1], source=dataclasses.replace(first_docs[1].source, sha256="e" * 64))
    rerun = dataclasses.replace(jjj_comparison, documents=(first_docs[0], edited, *first_docs[2:]))
    with open_store(scratch) as s:
        first, second = s.save_comparison(jjj_comparison).id, s.save_comparison(rerun).id
    engine = create_engine(scratch)
    with engine.begin() as conn:
        conn.execute(text("UPDATE comparisons SET supersedes_id = NULL"))
    engine.dispose()
    migrate.upgrade(store_url, "0005")
    copy_rows(scratch, store_url)
    assert migrate.upgrade(store_url) == "0013"
    with open_store(store_url) as s:
        old, new = s.list_comparisons()
        assert (old.id, old.superseded_by, new.id, new.supersedes, new.superseded_by) == (first, second, second, first, None)
        assert s.archive_comparison(second) == 0
        old, new = s.list_comparisons()
        assert new.archived and old.superseded_by is None  # the archived one no longer replaces it


def test_revision_6_database_gains_the_draft_tables_and_keeps_every_row(store_url, tmp_path, jjj_comparison):
    """0007: a database of 0006 with comparisons and decisions upgrades; drafts can then be stored."""
    from compare.amend.api import harmonise_drafts
    from support import JJJ

    scratch = f"sqlite:///{tmp_path / 'scratch.db'}"
    with open_store(scratch) as s:
        saved = s.save_comparison(jjj_comparison)
        for diff in s.undecided(saved.id)[:2]:
            s.record_decision(diff.fingerprint, "accepted", "checked", "wang")
        decisions = s.decisions_for(saved.id)
    migrate.upgrade(store_url, "0006")
    copy_rows(scratch, store_url)
    before = table_counts(store_url)
    assert "drafts" not in before and before["decisions"] == 2
    assert migrate.upgrade(store_url) == "0013"
    assert table_counts(store_url) == {**before, **NO_DRAFTS}
    [(_, comparison, draft)] = harmonise_drafts(str(JJJ / "beijing.txt"), [str(JJJ / "hebei-constructed.txt")])
    with open_store(store_url) as s:
        assert s.decisions_for(saved.id) == decisions
        cid = s.save_comparison(comparison, [draft]).id
        s.record_instruction_decision(draft.items[0].fingerprint, "dropped", "", "wang")
        [back] = s.drafts_for(cid)
        assert back.items == draft.items and back.is_dropped(back.items[0])


def test_revision_7_drafts_gain_their_wording_checks(store_url, tmp_path):
    """0008: drafts stored under 0007 upgrade and read back with no checks; a harmonise
    draft with words drafted without evidence keeps them."""
    import dataclasses

    from compare.amend.api import harmonise_drafts
    from compare.instrument.model import WordingCheck
    from support import JJJ

    [(_, comparison, draft)] = harmonise_drafts(str(JJJ / "beijing.txt"), [str(JJJ / "hebei-constructed.txt")])
    check = WordingCheck(7, "本市", "本省", "北京市")
    scratch = f"sqlite:///{tmp_path / 'scratch.db'}"
    with open_store(scratch) as s:
        s.save_comparison(comparison, [draft])
    migrate.upgrade(store_url, "0007")
    copy_rows(scratch, store_url)
    before = table_counts(store_url)
    assert migrate.upgrade(store_url) == "0013"
    assert table_counts(store_url) == {**before, "login_sessions": 0, "server_settings": 0, "comments": 0,
                                       "assignments": 0, "audit_runs": 0}
    with open_store(store_url) as s:
        [cid] = [c.id for c in s.list_comparisons()]
        [back] = s.drafts_for(cid)
        assert back.items == draft.items and back.decision.checks == ()
        checked = dataclasses.replace(draft, decision=dataclasses.replace(draft.decision, checks=(check,)))
        s.save_comparison(comparison, [checked])
        [back] = s.drafts_for(cid)
        assert back.decision.checks == (check,)


def test_0009_rows_keep_their_counterparts(store_url, tmp_path) -> None:
    """0009: a comparison stored under 0008 upgrades and reads back without counterparts;
    a comparison of texts matched by content is stored and read back with them."""
    from compare.pipeline import Options, compare_files
    from support import JJJ_FILES, corpus_file

    scratch = f"sqlite:///{tmp_path / 'scratch.db'}"
    demo = compare_files(JJJ_FILES, Options())
    with open_store(scratch) as s:
        s.save_comparison(demo)
    migrate.upgrade(store_url, "0008")
    copy_rows(scratch, store_url)
    assert migrate.upgrade(store_url) == "0013"
    files = [corpus_file("山东省志愿服务条例(2021-12-03).md"), corpus_file("泰安市志愿服务促进条例(2022-01-21).md")]
    volunteer = compare_files(files, Options(base=files[0]))
    with open_store(store_url) as s:
        [old] = [c.id for c in s.list_comparisons()]
        assert all(not r.counterparts for r in s.load_comparison(old).rows)
        saved = s.save_comparison(volunteer)
        back = s.load_comparison(saved.id)
    assert [r.counterparts for r in back.rows] == [r.counterparts for r in volunteer.rows]
    assert any(r.counterparts for r in back.rows)


def test_0013_a_review_gains_assignments_and_audit_runs_and_keeps_its_comments(store_url, tmp_path, jjj_comparison):
    """0013: a database of 0012 (with decisions and a comment) upgrades keeping every row; chapters
    or rows are then assigned and audits recorded on the comparison stored before."""
    from compare.store.comments import add_comment
    from compare.store.team import assign, assignments_for, latest_audits, record_audit

    scratch = f"sqlite:///{tmp_path / 'scratch.db'}"
    with open_store(scratch) as s:
        cid = s.save_comparison(jjj_comparison).id
        first = s.undecided(cid)[0]
        s.record_decision(first.fingerprint, "accepted", "", "张三", comparison_id=cid)
        add_comment(s, cid, first.fingerprint, "李四", "同意")
    migrate.upgrade(store_url, "0012")
    copy_rows(scratch, store_url)
    before = table_counts(store_url)
    assert "assignments" not in before and before["comments"] == 1
    assert migrate.upgrade(store_url) == "0013"
    assert table_counts(store_url) == {**before, "assignments": 0, "audit_runs": 0}
    with open_store(store_url) as s:
        [cid] = [c.id for c in s.list_comparisons()]
        assert assign(s, cid, "row", ["item5", "item6"], "王五", "张三") == 2
        record_audit(s, cid, "substantive", False, ["differences"], 5)
        assert [a.key for a in assignments_for(s, cid)] == ["item5", "item6"]
        assert latest_audits(s)[cid].failed_checks == ("differences",)
