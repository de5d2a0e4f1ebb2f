"""Shared helpers for the tests (plain functions; fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
JJJ = REPO / "texts" / "jjj-innovation-2023"
JJJ_FILES = sorted(str(p) for p in JJJ.glob("*.txt"))


def write_text(directory: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    """Write a small legislation text and return its path as a string."""
    path = directory / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def decision(body: str, items: list[str], date: str = "2023年11月24日", session: str = "第十六届") -> str:
    """A decision text in the 一、二、 style, enacted by ``body`` (e.g. 北京市人民代表大会常务委员会)."""
    from compare.numerals import chinese_to_int  # noqa: F401  (keeps numbering consistent)

    numerals = "一二三四五六七八九十"
    jurisdiction = body.split("人民代表大会")[0]
    lines = [f"{body}关于测试事项的决定", "", f"（{date}{jurisdiction}{session}人民代表大会常务委员会第六次会议通过）", ""]
    lines += [f"{numerals[i]}、{text}" for i, text in enumerate(items)]
    return "\n\n".join(lines) + "\n"

CORPUS = REPO.parent / "shared" / "corpus"


def corpus_file(pattern: str) -> str:
    """One lawrefbook file matching ``pattern``; skips the test when ../shared is absent."""
    import pytest

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus not present: corpus tests need the shared folder beside the repo")
    found = sorted((CORPUS / "lawrefbook").rglob(pattern))
    if not found:
        pytest.skip(f"no corpus file matches {pattern}")
    return str(found[0])


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the first the catalogue) with its xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


class Ran:
    """What a command run printed and returned (the fields of ``subprocess.CompletedProcess``)."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run_cli(*args: str, cwd: Path = REPO, env: dict[str, str | None] | None = None, stdin: str | None = None) -> Ran:
    """``legiscompare ARGS`` in this process, through the real entry point (``compare.cli.main``:
    its exit codes and one-line errors) with click's ``CliRunner`` streams: what a subprocess
    gives, in a fraction of its time. The variables ``--lang`` sets are restored afterwards."""
    import contextlib
    import os

    from click.testing import CliRunner

    from compare.cli import main

    keep = {name: os.environ.get(name) for name in ("LEGISCOMPARE_LANG", "LEGISCOMPARE_DB", "LEGISCOMPARE_DEBUG")}
    with contextlib.chdir(cwd), CliRunner().isolation(input=stdin, env={**keep, **(env or {})}) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return Ran(code, out.getvalue().decode("utf-8", "backslashreplace"), err.getvalue().decode("utf-8", "backslashreplace"))
