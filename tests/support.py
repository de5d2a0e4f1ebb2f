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

def two_versions(folder) -> list[str]:
    """The demo's Beijing text and a 2024 revision of it: words dropped from one item and
    added to another, an item added."""
    source = Path(JJJ_FILES[0]).read_text(encoding="utf-8")
    assert "beijing" in JJJ_FILES[0]
    revised = source.replace("会议通过)", "会议通过　根据2024年5月30日北京市第十六届人民代表大会常务委员会第十次会议"
                                        "《关于修改部分地方性法规的决定》修正)")
    revised = revised.replace("应当加快建设北京国际科技创新中心", "应当全面加快建设北京国际科技创新中心")
    revised = revised.replace("坚持优势互补、合作共赢", "坚持优势互补")
    revised = revised.replace("二十、本决定", "二十、本市建立京津冀协同创新共同体建设评估机制。\n\n二十一、本决定")
    paths = [folder / "beijing-2023.txt", folder / "beijing-2024.txt"]
    paths[0].write_text(source, encoding="utf-8")
    paths[1].write_text(revised, encoding="utf-8")
    return [str(p) for p in paths]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def source_lines(path: str) -> list[str]:
    """The text of a file as printed: its non-empty lines, Markdown heading marks, HTML
    comments and zero-width characters left out (what a reader of the law sees)."""
    import re

    text = re.sub(r"<!--.*?-->", "", Path(path).read_text(encoding="utf-8"), flags=re.S)
    text = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    lines = (re.sub(r"^#{1,6}\s*", "", line.strip()).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def xml_texts(docx: bytes) -> tuple[list[str], list[str]]:
    """(lines once every change is accepted, lines once every change is rejected)."""
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    accept, reject = [], []
    for p in root.iter(f"{W}p"):
        for node in p.iter(f"{W}t", f"{W}delText"):
            if node.tag == f"{W}delText":
                reject.append(node.text or "")
            elif any(a.tag == f"{W}ins" for a in node.iterancestors()):
                accept.append(node.text or "")
            else:
                accept.append(node.text or "")
                reject.append(node.text or "")
        mark = p.find(f"{W}pPr/{W}rPr")
        if mark is None or mark.find(f"{W}del") is None:
            accept.append("\n")
        if mark is None or mark.find(f"{W}ins") is None:
            reject.append("\n")
    return "".join(accept).strip("\n").split("\n"), "".join(reject).strip("\n").split("\n")


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
