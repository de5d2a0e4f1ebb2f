"""End to end: the CLI on texts/jjj-innovation-2023 writes the JSON and HTML the issue asks for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from support import JJJ_FILES, REPO


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("e2e")
    html, js, db = out / "r.html", out / "r.json", out / "r.db"
    cmd = [sys.executable, "-m", "compare", "compare", *JJJ_FILES, "-o", str(html), "--json", str(js),
           "--db", f"sqlite:///{db}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return {"html": html.read_text(encoding="utf-8"), "json": json.loads(js.read_text(encoding="utf-8")),
            "stdout": proc.stdout, "db": db, "cmd": cmd, "raw_json": js.read_bytes(), "raw_html": html.read_bytes()}


def _row(data: dict, label: str) -> dict:
    return next(r for r in data["rows"] if r["label"] == label)


def test_documents_and_jurisdictions(outputs: dict) -> None:
    docs = outputs["json"]["documents"]
    assert [d["jurisdiction"] for d in docs] == ["北京市", "天津市", "河北省"]
    assert [d["adopted"] for d in docs] == ["2023-11-24", "2023-11-29", "2023-11-30"]
    assert all(set(d) >= {"id", "file", "title", "jurisdiction", "adopted"} for d in docs)


def test_twenty_one_body_rows_with_all_three_documents(outputs: dict) -> None:
    rows = outputs["json"]["rows"]
    assert len(rows) == 21
    assert rows[0]["label"] == "序言"
    assert [r["label"] for r in rows[1:]] == list("一二三四五六七八九十") + [
        "十" + c for c in "一二三四五六七八九"] + ["二十"]
    for row in rows:
        assert all(cell is not None for cell in row["cells"].values()), row["label"]
        assert row["status"] != "missing"


@pytest.mark.parametrize("label", ["七", "九", "十二", "十三", "十六", "十九"])
def test_jurisdiction_only_items_are_jurisdictional(outputs: dict, label: str) -> None:
    row = _row(outputs["json"], label)
    assert row["status"] == "jurisdictional"
    assert {d["category"] for d in row["differences"]} <= {"formatting", "jurisdictional"}


def test_split_paragraph_in_fourteen_is_not_substantive(outputs: dict) -> None:
    row = _row(outputs["json"], "十四")
    tianjin = [d for d in row["differences"] if d["document"].startswith("tianjin")]
    assert row["status"] != "substantive"
    assert any(d["class"] == "paragraph_break" for d in tianjin)
    assert len(row["cells"]["tianjin-constructed"]["text"].split("\n")) == 2


@pytest.mark.parametrize("label,docs", [("五", ["tianjin-constructed", "hebei-constructed"]),
                                        ("六", ["hebei-constructed"])])
def test_substantive_items(outputs: dict, label: str, docs: list[str]) -> None:
    row = _row(outputs["json"], label)
    assert row["status"] == "substantive"
    for doc in docs:
        assert any(d["category"] == "substantive" and d["document"] == doc for d in row["differences"])


def test_difference_fields_follow_the_contract(outputs: dict) -> None:
    for row in outputs["json"]["rows"]:
        assert row["status"] in {"identical", "formatting", "jurisdictional", "institution", "substantive", "missing"}
        for cell in row["cells"].values():
            assert set(cell) >= {"provision", "id", "text"}
        for diff in row["differences"]:
            assert set(diff) >= {"document", "against", "category", "class", "old", "new"}
            assert diff["against"] == "beijing"


def test_html_report_is_self_contained_and_marked(outputs: dict) -> None:
    html = outputs["html"]
    assert "<del" in html and "<ins>" in html
    assert '<mark class="jur">本市</mark>' in html
    assert "http://" not in html and "https://" not in html
    assert html.count('class="row status-') == 21
    assert "行政区表述" in html and "实质性" in html


def test_rerun_is_byte_identical_and_adds_no_duplicates(outputs: dict) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///{outputs['db']}")
    with engine.connect() as conn:
        before = {t: conn.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar() for t in sa.inspect(engine).get_table_names()}
    proc = subprocess.run(outputs["cmd"], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr
    with engine.connect() as conn:
        after = {t: conn.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar() for t in sa.inspect(engine).get_table_names()}
    assert before == after
    html_path = Path(outputs["cmd"][outputs["cmd"].index("-o") + 1])
    json_path = Path(outputs["cmd"][outputs["cmd"].index("--json") + 1])
    assert html_path.read_bytes() == outputs["raw_html"]
    assert json_path.read_bytes() == outputs["raw_json"]
