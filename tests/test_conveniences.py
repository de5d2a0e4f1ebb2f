"""Issue 19's conveniences: compare a folder, the traditional-script hint, --open, shell
completion, and the one-line PostgreSQL driver error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import build_cli
from support import JJJ, REPO


@pytest.fixture(autouse=True)
def _chinese(monkeypatch):
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")


def _folder(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in names:
        shutil.copy(JJJ / name, folder / name)
    return folder


def test_compare_a_folder_compares_its_texts_sorted_by_name(tmp_path, monkeypatch):
    folder = _folder(tmp_path, ["tianjin-constructed.txt", "beijing.txt", "hebei-constructed.txt"])
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04 not a text")
    (folder / ".hidden.txt").write_text("第一条　隐藏文件。", encoding="utf-8")
    (folder / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(build_cli(), ["compare", "texts", "--no-db", "--json", "out.json"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert sorted(d["file"] for d in data["documents"]) == [
        os.path.join("texts", n) for n in ("beijing.txt", "hebei-constructed.txt", "tianjin-constructed.txt")]


def test_folder_expansion_order_and_filter(tmp_path):
    from compare.ingest.folder import expand_folders

    folder = _folder(tmp_path, ["tianjin-constructed.txt", "beijing.txt"])
    (folder / "b.DOCX").write_bytes(b"x")
    (folder / "a.csv").write_text("x", encoding="utf-8")
    (folder / ".c.md").write_text("x", encoding="utf-8")
    typed = str(folder)
    assert expand_folders([typed, "other.txt"]) == [os.path.join(typed, n) for n in
                                                    ("b.DOCX", "beijing.txt", "tianjin-constructed.txt")] + ["other.txt"]


def test_a_folder_with_fewer_than_two_texts_is_refused_in_one_line(tmp_path, monkeypatch):
    _folder(tmp_path, ["beijing.txt"])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(build_cli(), ["compare", "texts", "--no-db"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "legiscompare: 错误: texts: 文件夹中可比较的文本不足两个（找到 1 个；支持 .txt .md .html .htm .docx .doc .wps .pdf .ofd）"]


def _traditional(tmp_path: Path) -> Path:
    import opencc

    path = tmp_path / "beijing-traditional.txt"
    path.write_text(opencc.OpenCC("s2t").convert((JJJ / "beijing.txt").read_text(encoding="utf-8")), encoding="utf-8")
    return path


def test_traditional_input_without_the_option_gets_a_one_line_hint(tmp_path):
    trad = _traditional(tmp_path)
    other = str(JJJ / "tianjin-constructed.txt")
    result = CliRunner().invoke(build_cli(), ["compare", str(trad), other, "--no-db"])
    hints = [line for line in result.stderr.splitlines() if line.startswith("提示：")]
    assert hints == [f"提示：{trad} 似乎是繁体字文本；加 --traditional 可先转换为简体再比较"]
    converted = CliRunner().invoke(build_cli(), ["compare", str(trad), other, "--no-db", "--traditional"])
    assert converted.exit_code == 0, converted.output
    assert "繁体" not in converted.stderr
    plain = CliRunner().invoke(build_cli(), ["compare", *[str(p) for p in sorted(JJJ.glob("*.txt"))], "--no-db"])
    assert plain.exit_code == 0 and plain.stderr == ""


def test_script_detection_on_constructed_texts(tmp_path):
    from compare.ingest.script import looks_traditional

    assert looks_traditional(_traditional(tmp_path).read_text(encoding="utf-8"))
    assert not looks_traditional((JJJ / "beijing.txt").read_text(encoding="utf-8"))
    assert not looks_traditional("第一條")  # too short to tell


def test_open_launches_the_written_report(tmp_path, monkeypatch):
    launched: list[str] = []
    from compare.report import opening

    monkeypatch.setattr(opening, "open_report", lambda path: launched.append(path) or True)
    report = tmp_path / "r.html"
    files = [str(p) for p in sorted(JJJ.glob("*.txt"))]
    result = CliRunner().invoke(build_cli(), ["compare", *files, "--no-db", "-o", str(report), "--open"])
    assert result.exit_code == 0, result.output
    assert launched == [str(report)] and report.is_file()
    monkeypatch.setattr(opening, "open_report", lambda path: False)
    unopened = CliRunner().invoke(build_cli(), ["compare", *files, "--no-db", "-o", str(report), "--open"])
    assert unopened.exit_code == 0 and unopened.stderr.strip().endswith(f"报告在 {report}")
    refused = CliRunner().invoke(build_cli(), ["compare", *files, "--no-db", "--open"])
    assert refused.exit_code == 2 and refused.output.strip() == "legiscompare: 错误: --open 需要用 -o 指定 HTML 报告的路径"
    assert len(launched) == 1


def test_shell_completion_script_and_answers(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "LEGISCOMPARE_CACHE": str(tmp_path), "_LEGISCOMPARE_COMPLETE": "bash_source"}
    script = subprocess.run([sys.executable, "-m", "compare"], capture_output=True, text=True, env=env, timeout=60)
    assert script.returncode == 0 and "_legiscompare_completion" in script.stdout
    assert "complete -o nosort -F _legiscompare_completion legiscompare" in script.stdout
    env.update({"_LEGISCOMPARE_COMPLETE": "bash_complete", "COMP_WORDS": "legiscompare comp", "COMP_CWORD": "1"})
    answer = subprocess.run([sys.executable, "-m", "compare"], capture_output=True, text=True, env=env, timeout=60)
    assert answer.returncode == 0 and "plain,compare" in answer.stdout.splitlines()
    bare = subprocess.run([sys.executable, "-m", "compare"], capture_output=True, text=True, timeout=60,
                          env={k: v for k, v in env.items() if not k.startswith(("_LEGISCOMPARE", "COMP_"))})
    assert "legiscompare [选项] 命令 [参数]..." in bare.stdout  # the help (placeholders in the reader's language)
    assert "_legiscompare_completion" not in bare.stdout  # never cached as help


@pytest.mark.parametrize("url, hint", [("postgresql+psycopg://u@127.0.0.1:1/db", ""),
                                       ("postgresql://u@127.0.0.1:1/db", "postgresql+psycopg://")])
def test_missing_postgres_driver_names_the_extra_in_one_line(monkeypatch, url, hint):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.setitem(sys.modules, "psycopg2", None)
    result = CliRunner().invoke(build_cli(), ["comparisons", "--db", url])
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith("legiscompare: 错误: ") and "pip install 'legiscompare[postgres]'" in line
    assert "pip install '.[postgres]'" in line and hint in line
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    english = CliRunner().invoke(build_cli(), ["comparisons", "--db", url])
    assert "the PostgreSQL driver psycopg is not installed" in english.output or "no such PostgreSQL driver" in english.output


def test_open_report_keeps_the_openers_messages_off_the_terminal(tmp_path, monkeypatch, capfd):
    """A failing xdg-open (no browser) prints nothing and is reported as not opened."""
    from compare.report import opening

    fake = tmp_path / "xdg-open"
    fake.write_text("#!/bin/sh\necho 'www-browser: not found' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.setattr(opening.sys, "platform", "linux")
    assert opening.open_report(str(tmp_path / "r.html")) is False
    assert capfd.readouterr().err == ""
