"""Start-up: what help and the commands import, the help cache, and the fast paths that
must give exactly what the slow ones gave (numerals without cn2an, Word runs without
python-docx's Font setters). Timings live in ``benchmarks/startup.py``, not here."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import JJJ, REPO

HEAVY = ("sqlalchemy", "alembic", "starlette", "uvicorn", "dask", "docx", "pdfplumber", "lxml", "numpy", "jinja2",
         "jieba", "rjieba", "cn2an", "rich", "rapidfuzz", "opencc", "charset_normalizer")


def _modules_after(args: list[str], cache: Path) -> tuple[list[str], str]:
    """The heavy modules imported by ``legiscompare ARGS`` (run in a fresh interpreter), and its stdout."""
    code = ("import sys\nfrom compare.launch import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            f"print('\\nMODULES', sorted(m for m in {HEAVY!r} if m in sys.modules), 'click' in sys.modules, "
            "file=sys.stderr)")
    env = {**os.environ, "LEGISCOMPARE_CACHE": str(cache), "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPO, env=env,
                         timeout=120)
    line = out.stderr.strip().splitlines()[-1]
    assert line.startswith("MODULES"), out.stderr
    return [line, out.stdout]  # type: ignore[return-value]


@pytest.mark.parametrize("args", [["--help"], ["compare", "--help"], ["corpus", "families", "--help"],
                                  ["--lang", "en", "review", "set", "--help"]])
def test_help_imports_no_heavy_module_and_is_then_served_without_click(tmp_path, args):
    first, printed = _modules_after(args, tmp_path)
    assert first == "MODULES [] True"  # built by click, nothing heavy
    second, again = _modules_after(args, tmp_path)
    assert second == "MODULES [] False"  # from the cache: not even click
    assert again == printed and "--help" in printed


def test_help_cache_follows_language_and_source_changes(tmp_path):
    from compare import launch

    zh = launch._cache_entry(["--help"])
    os.environ["LEGISCOMPARE_LANG"] = "en"
    try:
        en = launch._cache_entry(["--help"])
    finally:
        del os.environ["LEGISCOMPARE_LANG"]
    assert zh and en and zh[1] != en[1]
    assert str(Path(launch.__file__).resolve()) in zh[1] or "launch.py" in zh[1]  # every source file is stamped
    assert launch._is_help_request([]) and launch._is_help_request(["compare", "--help"])
    assert not launch._is_help_request(["compare", "a.txt", "--", "--help"]) and not launch._is_help_request(["parse", "x"])


def test_a_failed_help_request_is_not_cached(tmp_path):
    env = {**os.environ, "LEGISCOMPARE_CACHE": str(tmp_path), "PYTHONPATH": str(REPO)}
    for _ in range(2):
        out = subprocess.run([sys.executable, "-m", "compare", "nosuchcommand", "--help"], capture_output=True,
                             text=True, cwd=REPO, env=env, timeout=60)
        assert out.returncode == 2 and out.stderr.startswith("legiscompare: ")
    assert not list((tmp_path / "help").glob("*.txt")) if (tmp_path / "help").exists() else True


def test_standard_numerals_are_read_as_cn2an_reads_them():
    import cn2an

    from compare.numerals import _standard_value, chinese_to_int, standard_numeral

    numbers = [*range(0, 12000), *random.Random(19).sample(range(10**8), 3000)]
    for n in numbers:
        text = cn2an.an2cn(n)
        assert standard_numeral(n) == text and _standard_value(text) == n == cn2an.cn2an(text, "smart")
    for text in ("两百", "两千两百", "两", "十两", "二〇二三", "一百一", "十十", "百", "三点五", "1万", "第五", ""):  # cn2an decides
        try:
            expected = int(cn2an.cn2an(unicodedata_nfkc(text), "smart"))
        except (ValueError, KeyError, TypeError):
            expected = None
        assert chinese_to_int(text) == expected, text


def unicodedata_nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text.strip())


def _reference_run(paragraph, text, *, bold=False, italic=False, size=None, color=None, strike=False,  # type: ignore[no-untyped-def]
                   underline=False, highlight=False, fill=None, heading=False):
    """The Word run as python-docx's Font setters write it (the implementation before issue 19)."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    from compare.report import word

    run = paragraph.add_run(text)
    word.set_fonts(run._r.get_or_add_rPr(), heading=heading)
    font = run.font
    font.bold = bold or None
    font.italic = italic or None
    font.strike = strike or None
    font.underline = underline or None
    if size:
        font.size = Pt(size)
    if color is not None:
        font.color.rgb = color
    if highlight:
        font.highlight_color = WD_COLOR_INDEX.YELLOW
    if fill:
        word._shade(run._r.get_or_add_rPr(), fill, ("w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
                                                     "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"))
    return run


def test_word_runs_are_the_xml_python_docx_writes(monkeypatch):
    from compare.pipeline import Options, compare_files
    from compare.report import docx_cells, docx_comparative, docx_export, docx_summary, word

    comparison = compare_files([str(p) for p in sorted(JJJ.glob("*.txt"))], Options())
    fast = docx_export.docx_bytes(comparison, "zh", None)
    for module in (word, docx_export, docx_comparative, docx_cells, docx_summary):
        monkeypatch.setattr(module, "run", _reference_run)
    reference = docx_export.docx_bytes(comparison, "zh", None)
    read = lambda data: zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")  # noqa: E731
    assert b"<w:strike/>" in read(fast) and b'w:val="dotted"' in read(fast)  # the demo exercises the marks
    assert read(fast) == read(reference)
    assert fast == reference


def test_schema_head_without_alembic_is_alembics_head(tmp_path):
    from compare.store import open_store
    from compare.store.migrate import current_revision, head_revision
    from compare.store.revision import packaged_head

    assert packaged_head() == head_revision()
    url = f"sqlite:///{tmp_path / 'x.db'}"
    open_store(url).close()  # created at head through Alembic
    assert current_revision(url) == packaged_head()


def test_a_database_at_head_is_opened_without_importing_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    code = ("import sys\nfrom compare.store import open_store\nopen_store(sys.argv[1]).close()\n"
            "print('alembic' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True, cwd=REPO, env=env,
                           timeout=120) for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["True", "False"], runs[0].stderr + runs[1].stderr


def test_private_codes_are_the_list_they_replace():
    from compare.longtext import PRIVATE as _PRIVATE

    listed = [*range(0xE000, 0xF900), *range(0xF0000, 0xFFFFE), *range(0x100000, 0x10FFFE), *range(0x10000, 0xF0000)]
    assert len(_PRIVATE) == len(listed)
    assert all(_PRIVATE[i] == listed[i] for i in range(0, len(listed), 997))
    assert [_PRIVATE[i] for i in (0, 0xF8FF - 0xE000, 0xF900 - 0xE000, len(listed) - 1)] == \
        [listed[i] for i in (0, 0xF8FF - 0xE000, 0xF900 - 0xE000, len(listed) - 1)]
    with pytest.raises(IndexError):
        _PRIVATE[len(listed)]


def test_large_patterns_from_the_cache_are_the_patterns_re_compiles(tmp_path, monkeypatch):
    import re

    from compare import regex_cache
    from compare.jurisdiction import load_divisions
    from compare.jurisdiction.infer import start_pattern

    monkeypatch.setenv("LEGISCOMPARE_CACHE", str(tmp_path))
    names = sorted({d.name for d in load_divisions(None)}, key=lambda n: (-len(n), n))
    pattern = rf"(?P<div>{'|'.join(map(re.escape, names))})(?P<organ>人民政府|人民代表大会)?"
    assert len(pattern) > regex_cache.MIN_CHARS
    fresh = regex_cache.compile_large(pattern)  # compiled and stored
    assert list((tmp_path / "regex").glob("*.marshal"))
    cached = regex_cache.compile_large(pattern)  # rebuilt from the stored program
    reference = re.compile(pattern)
    text = (JJJ / "hebei-constructed.txt").read_text(encoding="utf-8") + "河北省人民政府与北京市、天津市人民代表大会"
    for compiled in (fresh, cached):
        assert compiled.pattern == reference.pattern and compiled.groupindex == reference.groupindex
        assert [(m.span(), m.groupdict()) for m in compiled.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in reference.finditer(text)]
    for path in (tmp_path / "regex").glob("*.marshal"):
        path.write_bytes(b"damaged")
    assert regex_cache.compile_large(pattern).pattern == pattern
    assert start_pattern(load_divisions(None)).match("北京市人民代表大会常务委员会关于…")
