"""CLI: help in both languages, bad input as one line with exit status 2 and nothing stored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import build_cli
from support import JJJ, REPO, write_text
from support import run_cli as in_process


def run_cli(*args: str, env: dict | None = None):  # type: ignore[no-untyped-def]
    return in_process(*args, env=env)


def _all_commands(group, prefix=()):  # type: ignore[no-untyped-def]
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _all_commands(command, (*prefix, name))


def test_every_command_has_help_ending_with_an_example() -> None:
    cli = build_cli()
    runner = CliRunner()
    assert "legiscompare" in (cli.epilog or "")
    for path, command in _all_commands(cli):
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "legiscompare" in (command.epilog or ""), f"{' '.join(path)} help lacks an example"
        assert result.output.split()[-1] == command.epilog.split()[-1], f"{' '.join(path)}: example not last"


def test_lang_option_works_after_the_command() -> None:
    out = run_cli("compare", str(JJJ / "beijing.txt"), str(JJJ / "tianjin-constructed.txt"), "--no-db", "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert "aligned rows: " in out.stdout and "，" not in out.stdout


def test_one_aligned_row_is_singular_in_english(tmp_path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("北京市人民代表大会常务委员会关于示例的决定\n\n一、本市加强示例工作。\n", "utf-8")
    b.write_text("北京市人民代表大会常务委员会关于示例的决定\n\n一、本市加强示例管理工作。\n", "utf-8")
    out = run_cli("--lang", "en", "compare", str(a), str(b), "--no-db")
    assert out.returncode == 0, out.stderr
    assert "1 aligned row: " in out.stdout
    assert "1 对照行: " in run_cli("compare", str(a), str(b), "--no-db").stdout


def test_the_launch_module_runs_as_a_script_too() -> None:
    out = subprocess.run([sys.executable, "-m", "compare.launch", "--version"], capture_output=True, text=True,
                         cwd=REPO, timeout=120)
    assert out.returncode == 0 and "0." in out.stdout, out.stderr


def test_python_dash_m_and_english_help() -> None:
    zh = run_cli("--help")
    en = run_cli("--lang", "en", "--help")
    assert zh.returncode == en.returncode == 0
    assert "比较" in zh.stdout and "Compare" in en.stdout


BAD_INPUTS = {
    "empty": (b"", "文件为空"),
    "binary": (bytes(range(256)) * 8, "二进制"),
    "no structure": ("这是一段没有任何条款编号的文字。\n只是普通的说明。\n".encode(), "未识别出任何条款"),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_two_and_nothing_stored(tmp_path: Path, kind: str) -> None:
    data, expected = BAD_INPUTS[kind]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    db = tmp_path / "x.db"
    proc = run_cli("compare", str(JJJ / "beijing.txt"), str(bad), "--db", f"sqlite:///{db}", "-o", str(tmp_path / "r.html"))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert str(bad) in lines[0] and expected in lines[0]
    assert not db.exists() and not (tmp_path / "r.html").exists()


def test_missing_file_and_english_errors(tmp_path: Path) -> None:
    proc = run_cli("compare", str(JJJ / "beijing.txt"), str(tmp_path / "nope.txt"), "--no-db",
                   env={"LEGISCOMPARE_LANG": "en"})
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"legiscompare: error: {tmp_path / 'nope.txt'}: file not found"


def test_single_file_is_refused(tmp_path: Path) -> None:
    proc = run_cli("compare", str(JJJ / "beijing.txt"), "--no-db")
    assert proc.returncode == 2 and "至少需要两个文件" in proc.stderr


def test_jurisdiction_option_overrides_inference(tmp_path: Path) -> None:
    text = "某某管理办法\n\n第一条 为了加强管理，制定本办法。\n\n第二条 市人民政府负责实施。\n"
    a = write_text(tmp_path, "a.txt", text)
    b = write_text(tmp_path, "b.txt", text.replace("负责实施", "组织实施"))
    out = tmp_path / "r.json"
    proc = run_cli("compare", a, b, "--no-db", "--jurisdiction", "*=南京市", "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    assert '"jurisdiction": "南京市"' in out.read_text(encoding="utf-8")


def test_traditional_big5_text_compares_with_simplified(tmp_path: Path) -> None:
    simplified = "北京市人民代表大会常务委员会关于测试的决定\n\n一、本市与天津市、河北省共同建设基础研究合作平台。\n"
    traditional = "北京市人民代表大會常務委員會關於測試的決定\n\n一、本市與天津市、河北省共同建設基礎研究合作平臺。\n"
    a = write_text(tmp_path, "s.txt", simplified)
    b = write_text(tmp_path, "t.txt", traditional, encoding="big5")
    out = tmp_path / "r.json"
    proc = run_cli("compare", a, b, "--no-db", "--traditional", "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    import json

    rows = json.loads(out.read_text(encoding="utf-8"))["rows"]
    assert [r["status"] for r in rows] == ["identical"]


def test_compare_writes_every_export(tmp_path: Path) -> None:
    from support import JJJ_FILES

    out = {k: tmp_path / f"r.{k}" for k in ("html", "json", "docx", "csv")}
    proc = run_cli("compare", *JJJ_FILES, "--no-db", "-o", str(out["html"]), "--json", str(out["json"]),
                   "--docx", str(out["docx"]), "--csv", str(out["csv"]))
    assert proc.returncode == 0, proc.stderr
    assert out["csv"].read_bytes().startswith(b"\xef\xbb\xbf")
    assert out["docx"].read_bytes().startswith(b"PK")
    assert all(p.stat().st_size > 1000 for p in out.values())
    assert oct(out["html"].stat().st_mode & 0o777) != oct(0o600)


def test_option_mistakes_are_named(tmp_path: Path) -> None:
    from support import JJJ_FILES

    typo = run_cli("compare", *JJJ_FILES[:2], "--no-db", "--jurisdiction", "beijng.txt=北京市")
    assert typo.returncode == 2 and "beijng.txt" in typo.stderr and "--jurisdiction" in typo.stderr
    malformed = run_cli("compare", *JJJ_FILES[:2], "--no-db", "--jurisdiction", "北京市")
    assert malformed.returncode == 2 and "FILE=NAME" in malformed.stderr
    base = run_cli("compare", *JJJ_FILES[:2], "--no-db", "--base", JJJ_FILES[2])
    assert base.returncode == 2 and "--base" in base.stderr


def test_base_by_file_name(tmp_path: Path) -> None:
    from support import JJJ_FILES

    out = tmp_path / "r.json"
    proc = run_cli("compare", *JJJ_FILES, "--no-db", "--base", "hebei-constructed.txt", "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    assert '"base": "hebei-constructed"' in out.read_text(encoding="utf-8")


def test_usage_mistakes_are_one_line_with_exit_two() -> None:
    for args in (["compare", "--nope"], ["audit", "a.txt", "b.txt", "--fail-on", "x"]):
        proc = run_cli(*args)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert proc.stderr.startswith("legiscompare: 错误: ") and "--help" in proc.stderr
    bare = run_cli()
    assert bare.returncode == 0 and "用法" in bare.stdout


def test_help_imports_no_heavy_module() -> None:
    """Printing help loads neither the database layer nor the web, Word, PDF or Dask stacks."""
    heavy = ("sqlalchemy", "alembic", "starlette", "uvicorn", "dask", "docx", "pdfplumber", "lxml", "numpy", "jieba",
             "jinja2", "rich", "cn2an", "rjieba")
    code = ("import sys; from compare.cli import build_cli; build_cli(); "
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_an_in_memory_database_is_refused() -> None:
    """sqlite:// (or sqlite:///, :memory:) would store into memory and lose it all when the command
    ends: every command refuses it with one line naming the value, exit status 2, nothing done."""
    pair = [str(JJJ / "beijing.txt"), str(JJJ / "tianjin-constructed.txt")]
    zh = run_cli("compare", *pair, "--db", "sqlite://")
    assert zh.returncode == 2 and zh.stdout == ""
    assert zh.stderr.strip().splitlines() == ["legiscompare: 错误: sqlite://：内存中的 SQLite 数据库在命令结束后什么也不会"
                                              "保留；请指定数据库文件，例如 --db sqlite:///legiscompare.db"]
    en = run_cli("--lang", "en", "amend", *pair, "--db", "sqlite:///")
    assert en.returncode == 2 and en.stdout == "" and len(en.stderr.strip().splitlines()) == 1, en.stderr
    assert en.stderr.startswith("legiscompare: error: sqlite:///: an in-memory SQLite database keeps nothing")
    from_env = run_cli("db", "upgrade", env={"LEGISCOMPARE_DB": "sqlite:///:memory:"})
    assert from_env.returncode == 2 and "LEGISCOMPARE_DB=sqlite:///:memory:：内存中的" in from_env.stderr

    from compare.cli.common import is_in_memory

    assert all(map(is_in_memory, ["sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite:///file::memory:?uri=true"]))
    assert not any(map(is_in_memory, ["sqlite:///x.db", "sqlite:////abs/x.db", "postgresql+psycopg://u@h/d", "x"]))


@pytest.mark.parametrize("command", ["compare", "audit", "amend"])
def test_db_and_no_db_together_are_refused_in_one_line(command: str, tmp_path) -> None:
    db = tmp_path / "x.db"
    out = run_cli(command, str(JJJ / "beijing.txt"), str(JJJ / "tianjin-constructed.txt"), "--no-db", "--db",
                  f"sqlite:///{db}")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "--no-db" in out.stderr, out.stderr
    assert not db.exists()


def test_a_usage_mistake_reads_as_a_chinese_sentence() -> None:
    out = run_cli("review", "set", "abcdef12", "accepted", "--db", "sqlite:///nowhere.db")
    assert out.returncode == 2 and "缺少选项 '--reviewer'。（参见 --help）" in out.stderr, out.stderr
    english = run_cli("--lang", "en", "review", "set", "abcdef12", "accepted", "--db", "sqlite:///nowhere.db")
    assert "Missing option '--reviewer'. (see --help)" in english.stderr
