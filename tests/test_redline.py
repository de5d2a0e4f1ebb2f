"""Redlines: one .docx per text compared with the base (``ID.redline.docx``), its changes as
Word tracked changes. Accepting every change gives exactly that text (title, the adoption
line, each number as printed, ``一、`` included, every paragraph) and rejecting every change
the base, read from the XML and as LibreOffice itself applies them (``office_tracked.py``,
run by a Python with LibreOffice's ``uno``: skipped without one unless
LEGISCOMPARE_REQUIRE_OFFICE=1).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import demo_variants
import pytest
from lxml import etree

from compare.pipeline import Options, compare_files
from compare.report.redline import DEL, INS, PLAIN, Piece, redline_bytes, redline_files, unmerged
from support import JJJ_FILES, corpus_file, source_lines, two_versions, xml_texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HERE = Path(__file__).resolve().parent


def check_every_redline(comparison) -> dict[str, bytes]:
    """Each text's redline accepts to that text and rejects to the base, exactly."""
    files = redline_files(comparison)
    base = next(d for d in comparison.documents if d.id == comparison.base)
    others = [d for d in comparison.documents if d.id != comparison.base]
    assert list(files) == [f"{d.id}.redline.docx" for d in others]
    for doc in others:
        accepted, rejected = xml_texts(files[f"{doc.id}.redline.docx"])
        assert accepted == source_lines(doc.source.path), doc.id
        assert rejected == source_lines(base.source.path), doc.id
    return files


@pytest.fixture(scope="module")
def demo():
    return compare_files(JJJ_FILES, Options())


def test_every_text_gets_its_redline_exactly(demo) -> None:
    files = check_every_redline(demo)
    assert set(files) == {"tianjin-constructed.redline.docx", "hebei-constructed.redline.docx"}
    accepted, _ = xml_texts(files["hebei-constructed.redline.docx"])
    assert accepted[1] == "（2023年11月30日河北省第十四届人民代表大会常务委员会第六次会议通过）"  # the adoption line
    assert accepted[3].startswith("一、推进京津冀协同创新共同体建设")  # "一、", not "一" and a space
    with zipfile.ZipFile(io.BytesIO(files["hebei-constructed.redline.docx"])) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    marks = root.findall(f".//{W}ins") + root.findall(f".//{W}del")
    assert marks and {m.get(f"{W}author") for m in marks} == {"河北省"}
    assert {m.get(f"{W}date") for m in marks} == {"2023-11-30T00:00:00Z"}
    assert redline_files(demo) == files  # byte-identical again
    assert redline_bytes(demo) == files["tianjin-constructed.redline.docx"]  # the first text, as before


@pytest.mark.parametrize("variant", ["hebei_extra", "beijing_moved", "hebei_merged", "beijing_merged"])
def test_added_moved_and_merged_provisions_stay_exact(tmp_path, variant) -> None:
    check_every_redline(compare_files(getattr(demo_variants, variant)(tmp_path), Options()))


def test_two_versions_of_one_text(tmp_path) -> None:
    files = check_every_redline(compare_files(two_versions(tmp_path), Options()))
    accepted, rejected = xml_texts(files["beijing-2024.redline.docx"])
    assert accepted[-2:] == ["二十、本市建立京津冀协同创新共同体建设评估机制。", "二十一、本决定自公布之日起施行。"]
    assert rejected[-1] == "二十、本决定自公布之日起施行。"


@pytest.mark.corpus
def test_a_real_revision_and_six_independent_texts() -> None:
    check_every_redline(compare_files([corpus_file("行政复议法(2017-09-01).md"),
                                       corpus_file("行政复议法(2023-09-01).md")], Options()))
    six = ("上海市优化营商环境条例(2024-09-27).md", "北京市优化营商环境条例(2024-11-29).md",
           "山东省优化营商环境条例(2020-09-25).md", "广东省优化营商环境条例(2022-06-01).md",
           "河南省优化营商环境条例(2020-11-28).md", "重庆市优化营商环境条例(2021-03-31).md")
    files = check_every_redline(compare_files([corpus_file(name) for name in six], Options()))
    assert len(files) == 5


def test_no_plain_paragraph_mark_between_two_insertions() -> None:
    """LibreOffice joins insertions that meet across a plain paragraph mark, and rejecting the
    joined one dropped the mark: such a mark is written inserted, a deleted one after."""
    pieces = [Piece(PLAIN, "甲"), Piece(INS, "乙"), Piece(PLAIN, "\n"), Piece(INS, "丙\n丁"), Piece(PLAIN, "戊\n")]
    out = unmerged(pieces)
    atoms = [(p.kind, p.text) for p in out]
    assert atoms == [(PLAIN, "甲"), (INS, "乙"), (INS, "\n"), (INS, "丙"), (INS, "\n"), (INS, "丁"), (DEL, "\n"),
                     (PLAIN, "戊"), (PLAIN, "\n")]
    spelled = lambda kept: "".join(p.text for p in out if p.kind in kept)  # noqa: E731
    assert spelled((PLAIN, INS)) == "甲乙\n丙\n丁戊\n" and spelled((PLAIN, DEL)) == "甲\n戊\n"


def _uno_python() -> str | None:
    """A Python that imports LibreOffice's ``uno`` (``LEGISCOMPARE_UNO_PYTHON``, else python3)."""
    for candidate in (os.environ.get("LEGISCOMPARE_UNO_PYTHON"), "/usr/bin/python3", shutil.which("python3")):
        if candidate and os.path.exists(candidate) and subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True).returncode == 0:
            return candidate
    return None


def test_libreoffice_accepts_each_redline_to_its_text_and_rejects_it_to_the_base(demo, tmp_path) -> None:
    python, soffice = _uno_python(), shutil.which("soffice")
    if python is None or soffice is None:
        if os.environ.get("LEGISCOMPARE_REQUIRE_OFFICE") == "1":
            pytest.fail("LEGISCOMPARE_REQUIRE_OFFICE=1 but soffice or python3-uno is missing")
        pytest.skip("LibreOffice with python3-uno not installed")
    comparisons = [demo, compare_files(two_versions(tmp_path), Options())]
    jobs, expected = [], []
    for comparison in comparisons:
        base = next(d for d in comparison.documents if d.id == comparison.base)
        for name, data in redline_files(comparison).items():
            path = tmp_path / name
            path.write_bytes(data)
            doc = next(d for d in comparison.documents if name == f"{d.id}.redline.docx")
            for command, text in (("AcceptAll", doc), ("RejectAll", base)):
                jobs += [str(path), command, str(tmp_path / f"{name}.{command}.txt")]
                expected.append((tmp_path / f"{name}.{command}.txt", source_lines(text.source.path)))
    subprocess.run([python, str(HERE / "office_tracked.py"), soffice, str(tmp_path / "lo-profile"), *jobs],
                   check=True, capture_output=True, timeout=600)
    assert len(expected) == 6
    for path, lines in expected:
        assert path.read_text(encoding="utf-8").lstrip("\ufeff").rstrip("\n").split("\n") == lines, path.name


# --- the command line --------------------------------------------------------------------

def _cli(capsys, *args: str) -> tuple[int, str, str]:
    from compare.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out = capsys.readouterr()
    return exit_info.value.code, out.out, out.err


def test_redline_folder_gets_a_file_per_text(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    folder = tmp_path / "redlines"
    code, out, _ = _cli(capsys, "compare", *JJJ_FILES, "--no-db", "--redline-docx", str(folder))
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["hebei-constructed.redline.docx",
                                                       "tianjin-constructed.redline.docx"]
    assert f"{folder / 'hebei-constructed.redline.docx'}" in out
    first = (folder / "hebei-constructed.redline.docx").read_bytes()
    code, _, _ = _cli(capsys, "compare", *JJJ_FILES, "--no-db", "--redline-docx", str(folder))
    assert code == 0 and (folder / "hebei-constructed.redline.docx").read_bytes() == first


def test_one_redline_file_only_for_two_texts(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    one = tmp_path / "one.docx"
    code, _, err = _cli(capsys, "compare", *JJJ_FILES, "--no-db", "--redline-docx", str(one))
    assert code == 2 and "give a folder" in err and err.count("\n") == 1 and not one.exists()
    code, _, _ = _cli(capsys, "compare", *JJJ_FILES[:2], "--no-db", "--redline-docx", str(one))
    assert code == 0 and xml_texts(one.read_bytes())[0] == source_lines(JJJ_FILES[1])


def test_a_redline_that_would_overwrite_an_input_is_refused(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    texts = [str(shutil.copy(p, tmp_path)) for p in JJJ_FILES]
    clash = tmp_path / "hebei-constructed.redline.docx"
    clash.write_bytes(b"not ours")
    code, _, err = _cli(capsys, "compare", *texts, str(clash), "--no-db", "--redline-docx", str(tmp_path))
    assert code == 2 and "same file as an input" in err and err.count("\n") == 1 and clash.read_bytes() == b"not ours"
    assert not (tmp_path / "tianjin-constructed.redline.docx").exists()


def test_docx_notes_needs_docx(capsys, monkeypatch) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    code, _, err = _cli(capsys, "compare", *JJJ_FILES, "--no-db", "--docx-notes")
    assert code == 2 and "--docx-notes needs --docx" in err
