"""The throwaway PostgreSQL cluster of the storage tests (fixtures in conftest.py)."""

from __future__ import annotations

import doctest

import pytest
from sqlalchemy import create_engine, text

import compare.store.engine
import compare.store.records
from conftest import PG_REQUIRED_VAR, _pg_unavailable


def test_missing_postgresql_skips_by_default(monkeypatch):
    monkeypatch.delenv(PG_REQUIRED_VAR, raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install"):
        _pg_unavailable("initdb not found")


def test_missing_postgresql_fails_when_required(monkeypatch):
    monkeypatch.setenv(PG_REQUIRED_VAR, "1")
    with pytest.raises(pytest.fail.Exception, match=PG_REQUIRED_VAR):
        _pg_unavailable("initdb not found")


def test_cluster_is_private_and_on_loopback(pg_cluster):
    engine = create_engine(pg_cluster.new_database())
    with engine.connect() as conn:
        assert conn.execute(text("SHOW listen_addresses")).scalar() == "127.0.0.1"
        assert conn.execute(text("SHOW data_directory")).scalar().startswith(pg_cluster.dir)
        assert conn.execute(text("SHOW server_encoding")).scalar() == "UTF8"
    engine.dispose()


@pytest.mark.parametrize("module", [compare.store.engine, compare.store.records])
def test_docstring_examples(module):
    assert doctest.testmod(module).failed == 0
