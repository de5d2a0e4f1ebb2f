"""compare's outputs: all rendered before anything is stored or written; failures are one line.

Each test here reproduces a defect found on real texts (issue 13): the HTML report crashed on
every document with a parser warning, after the comparison had been stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.cli import INTERNAL_ERROR, main
from support import JJJ, corpus_file, write_text

BEIJING = str(JJJ / "beijing.txt")
TIANJIN = str(JJJ / "tianjin-constructed.txt")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out = capsys.readouterr()
    return int(exit_info.value.code or 0), out.out, out.err


def _stored_comparisons(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
        return con.execute("select count(*) from comparisons").fetchone()[0] if "comparisons" in tables else 0


def _warned_pair(tmp_path: Path) -> list[str]:
    """Two small texts, the first with a skipped article number (a parser warning)."""
    body = "北京市人民代表大会常务委员会"
    skipped = write_text(tmp_path, "a.txt", f"北京市测试条例\n\n（2020年1月1日{body}通过）\n\n"
                         "第一条 为了测试，制定本条例。\n\n第三条 本市各级人民政府负责实施。\n")
    plain = write_text(tmp_path, "b.txt", f"北京市测试条例\n\n（2021年1月1日{body}通过）\n\n"
                       "第一条 为了测试，制定本条例。\n\n第二条 本市各级人民政府负责组织实施。\n")
    return [skipped, plain]


def test_report_of_a_document_with_parser_warnings_renders_them_as_sentences(tmp_path: Path, capsys) -> None:
    files = _warned_pair(tmp_path)
    html = tmp_path / "r.html"
    code, _out, err = _run(capsys, "compare", *files, "--no-db", "-o", str(html))
    assert code == 0, err
    page = html.read_text(encoding="utf-8")
    assert "第一条之后是第三条，中间的编号缺失" in page and "skipped_number" not in page


def test_real_law_with_parser_warnings_gets_every_output(tmp_path: Path, capsys) -> None:
    henan = corpus_file("河南省优化营商环境条例(2020-11-28).md")
    shandong = corpus_file("山东省优化营商环境条例(2020-09-25).md")
    outputs = {ext: tmp_path / f"r.{ext}" for ext in ("html", "json", "csv", "docx")}
    db = tmp_path / "r.db"
    code, _out, err = _run(capsys, "compare", henan, shandong, "--db", str(db), "-o", str(outputs["html"]),
                           "--json", str(outputs["json"]), "--csv", str(outputs["csv"]),
                           "--docx", str(outputs["docx"]))
    assert code == 0, err
    assert all(p.stat().st_size > 0 for p in outputs.values())
    assert _stored_comparisons(db) == 1


def test_a_failing_output_stores_nothing_and_writes_nothing(tmp_path: Path, capsys, monkeypatch) -> None:
    import compare.report.docx_export as docx_export

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("renderer bug")

    monkeypatch.setattr(docx_export, "docx_bytes", broken)
    db, html, docx = tmp_path / "r.db", tmp_path / "r.html", tmp_path / "r.docx"
    code, _out, err = _run(capsys, "compare", BEIJING, TIANJIN, "--db", str(db), "-o", str(html), "--docx", str(docx))
    assert code == INTERNAL_ERROR
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "内部错误" in err and "renderer bug" in err
    assert not html.exists() and not docx.exists()
    assert _stored_comparisons(db) == 0
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_unwritable_output_is_named_as_typed_and_stores_nothing(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    db, html = tmp_path / "r.db", tmp_path / "r.html"
    bad = str(blocker / "r.json")
    code, _out, err = _run(capsys, "compare", BEIJING, TIANJIN, "--db", str(db), "-o", str(html), "--json", bad)
    assert code == 2
    assert bad in err and ".tmp" not in err and len(err.strip().splitlines()) == 1
    assert not html.exists() and _stored_comparisons(db) == 0


def test_internal_error_in_english(tmp_path: Path, capsys, monkeypatch) -> None:
    import compare.report.csv_export as csv_export

    monkeypatch.setattr(csv_export, "csv_bytes", lambda *a, **k: 1 / 0)
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")  # restored after the test, unlike main()'s --lang
    code, _out, err = _run(capsys, "compare", BEIJING, TIANJIN, "--no-db",
                           "--csv", str(tmp_path / "x.csv"))
    assert code == INTERNAL_ERROR and "internal error" in err and "ZeroDivisionError" in err


def test_decisions_recorded_earlier_appear_in_outputs_rendered_before_storing(tmp_path: Path, capsys) -> None:
    from compare.store import open_store

    db = tmp_path / "r.db"
    assert _run(capsys, "compare", BEIJING, TIANJIN, "--db", str(db))[0] == 0
    store = open_store(f"sqlite:///{db}")
    try:
        comparison_id = store.list_comparisons()[0].id
        first = next(d for d in store.differences(comparison_id) if d.category != "formatting")
        store.record_decision(first.fingerprint, "accepted", "已核对的说明", "审核人")
    finally:
        store.close()
    csv = tmp_path / "r.csv"
    assert _run(capsys, "compare", BEIJING, TIANJIN, "--db", str(db), "--csv", str(csv))[0] == 0
    assert "已核对的说明" in csv.read_text(encoding="utf-8-sig")
    assert _stored_comparisons(db) == 1
