"""One message catalogue: complete and current, and no English left in Chinese mode (nor Chinese in English).

The sweep runs every command's and subcommand's ``--help`` and the common error paths through
the real entry point (``compare.cli.main``, via ``CliRunner``) in both languages. An ASCII word
is allowed in Chinese output only when it is part of the command line's own vocabulary (command
and option names, choice values, metavars), a file name, path, URL or identifier, an acronym, or
a proper name in ``PROPER_NAMES``; anything else fails the test.
"""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from compare.cli import build_cli, main
from compare.i18n import _, translation

from support import JJJ_FILES, REPO

PROPER_NAMES = {
    "legiscompare", "Word", "Excel", "PowerPoint", "OpenDocument", "Chromium", "chromium", "OpenCC", "Argon2",
    "Dask", "SQLite", "PostgreSQL", "Unicode", "ToUnicode", "qpdf", "apt-get", "Ctrl+C", "pip", "Bash", "Windows",
    "sqlite", "postgresql", "psycopg", "mysql", "zh", "en", "lawrefbook", "OLD", "NEW", "BASE", "OTHER", "tcp",
    "UUID", "Excel .xlsx", "ZIP", "MHTML", "kind", "names", "group", "level", "parent", "code", "name", "members",
    "self_words", "override", "division", "fingerprint", "install",
}
USER_WORDS = {"nmae", "雄安新区", "某某"}  # written in the test's own bad TOML files: the user's data
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2e80-\u2fdf“”‘’…·—]")
# Chinese legal vocabulary that English help quotes on purpose (the texts' own words)
CJK_TERMS = {"本市", "本省", "本市/本省", "本市/本省…", "第X条", "一、", "第十条之一", "第X条 articles or 一、 items"}


def _messages_tool():
    spec = importlib.util.spec_from_file_location("messages_tool", REPO / "tools" / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


# --- (a) the catalogue ----------------------------------------------------------------------

def test_catalogue_is_complete_and_current() -> None:
    """Re-extracting gives no new or obsolete msgid, no empty or fuzzy translation, and the .mo is current."""
    pytest.importorskip("babel")
    problems = _messages_tool().problems()
    assert problems == [], "run `make messages` and translate:\n" + "\n".join(problems[:40])


def _fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0].split("!")[0] for _lit, name, _spec, _conv in string.Formatter().parse(text)
            if name is not None}


def test_translations_keep_the_placeholders_and_format() -> None:
    """Every translation uses only the msgid's placeholders, and both languages format with them."""
    pytest.importorskip("babel")
    tool = _messages_tool()
    for message in tool.read_catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        allowed = set().union(*(_fields(i) for i in ids))
        for text in strings:
            assert _fields(text) <= allowed, (message.id, text)
            if "%(" in text:
                continue  # click's one printf-style message
            values = {f: 1 for f in allowed}
            text.format(**values), ids[0].format(**values)


def test_english_needs_no_catalogue_and_chinese_is_the_default(monkeypatch) -> None:
    monkeypatch.delenv("LEGISCOMPARE_LANG", raising=False)
    assert _("file not found") == "文件不存在"
    assert _("file not found", "en") == "file not found"
    assert translation("zh").gettext("Show this message and exit.") == "显示此帮助并退出。"


# --- (b) the sweep ------------------------------------------------------------------------------

def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    out = [(path, group)]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            out += _commands(command, (*path, name))
        else:
            out.append(((*path, name), command))
    return out


def _vocabulary() -> set[str]:
    """Command names, option names, choice values and metavars of the whole command line."""
    words: set[str] = set()
    for path, command in _commands(build_cli()):
        words.update(path)
        for param in command.params:
            words.update(param.opts)
            words.update(param.secondary_opts)
            if param.name:
                words.add(param.name)
            if isinstance(param.type, click.Choice):
                words.update(str(c) for c in param.type.choices)
    return words


def _english_words(text: str, vocabulary: set[str]) -> list[str]:
    """The ASCII words of ``text`` that are neither vocabulary, names, paths nor identifiers
    (``vocabulary`` holds the command line's words and the user's own: arguments, file names)."""
    bad = []
    for token in re.split(r"[\s|]+|" + CJK.pattern, text):
        token = token.lstrip("'\"([{<`").rstrip("'\"()]}>,.;:!?`")
        if not re.search(r"[A-Za-z]{2,}", token):
            continue
        if (token in vocabulary or token in PROPER_NAMES or token.startswith("-")
                or re.search(r"[/\\=._@:#*+\[0-9]", token)  # paths, file names, URLs, ids, FILE=NAME, x>=1
                or token.upper() == token):  # metavars, environment variables, acronyms (PDF, URL, TOML)
            continue
        bad.append(token)
    return bad


def _chinese_words(text: str) -> list[str]:
    """The runs of Chinese in ``text`` outside quotes and the quoted legal vocabulary."""
    unquoted = re.sub(r"“[^”]*”|‘[^’]*’|'[^']*'", "", text)
    runs = re.findall(r"\S*[\u3400-\u9fff]\S*", unquoted)
    return [r for r in runs if r.strip("()（）,.;:") not in CJK_TERMS | USER_WORDS]


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> dict[str, str]:
    """A database holding one comparison of the demo texts, and some bad inputs."""
    folder = tmp_path_factory.mktemp("i18n")
    db = f"sqlite:///{folder / 'review.db'}"
    code, out = _run(["compare", *JJJ_FILES, "--db", db])
    assert code == 0, out
    (folder / "bad.toml").write_text("[[division]]\nname = \"雄安新区\"\nnmae = 1\n", encoding="utf-8")
    (folder / "broken.toml").write_text("[[group\n", encoding="utf-8")
    (folder / "bad-institutions.toml").write_text("[[group]]\nname = 1\n", encoding="utf-8")
    (folder / "nokind.toml").write_text("[[division]]\nname = \"某某\"\nlevel = \"county\"\nparent = \"北京市\"\n",
                                        encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return {"db": db, "dir": str(folder), "bad": str(folder / "bad.toml"), "broken": str(folder / "broken.toml"),
            "institutions": str(folder / "bad-institutions.toml"), "nokind": str(folder / "nokind.toml"),
            "empty": str(folder / "empty.txt")}


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                 "help_option_names": []})
@click.pass_context
def _entry(ctx: click.Context) -> None:
    main(list(ctx.args))


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(_entry, args, catch_exceptions=False)
    return result.exit_code, result.output


def _error_paths(s: dict[str, str]) -> list[list[str]]:
    a, b, c = JJJ_FILES
    db = ["--db", s["db"]]
    return [
        [], ["compre"], ["compare"], ["compare", "--nope"], ["audit", a, b, "--fail-on", "x"],
        ["compare", s["dir"], a], ["compare", "missing-1.txt", "missing-2.txt", "--no-db"],
        ["compare", a, b, "--no-db", "--divisions", s["bad"]], ["compare", a, b, "--no-db", "--divisions", s["broken"]],
        ["compare", a, b, "--no-db", "--divisions", s["nokind"]],
        ["compare", a, b, "--no-db", "--institutions", s["institutions"]],
        ["compare", a, b, "--no-db", "--jurisdiction", "oops"], ["compare", a, "--no-db"],
        ["compare", a, b, "--no-db", "-o", "report.pdf"], ["parse", s["empty"]], ["parse", s["dir"]],
        ["review", "list", "--db", "notaurl"], ["review", "list", "--db", "mysql+mysqldb://u@127.0.0.1/x"],
        ["review", "list", "--db", "sqlite:////nonexistent-folder/x.db"],
        ["review", "list", "--db", f"sqlite:///{s['dir']}/absent.db"],
        ["review", "list", *db], ["review", "list", "--all", *db], ["review", "list", "--comparison", "abc", *db],
        ["review", "list", "--comparison", "99", *db], ["review", "obsolete", *db],
        ["review", "set", "short", "accepted", "--reviewer", "x", *db],
        ["review", "set", "deadbeefdeadbeef", "accepted", "--reviewer", "x", *db],
        ["review", "set", "deadbeefdeadbeef", "maybe", "--reviewer", "x", *db],
        ["review", "set", "deadbeefdeadbeef", "accepted", *db],
        ["review", "import", s["empty"], *db], ["comparisons", *db], ["comparisons", "--all", *db],
        ["comparisons", "delete", "99", *db], ["comparisons", "delete", "1", *db],
        ["serve", "--host", "0.0.0.0", *db], ["serve", "--port", "0", *db],
        ["accounts", "list", *db], ["corpus", "stats", "missing-folder"],
        ["corpus", "index", s["dir"], "--workers", "100000", *db],
        ["corpus", "similar", "1", "--db", f"sqlite:///{s['dir']}/absent.db"],
        ["amend", a], ["harmonise", a], ["db", "upgrade", "--db", "notaurl"], ["--lang", "fr"],
    ]


def _reviewer_too_long(s: dict[str, str]) -> list[str]:
    from compare.store import open_store

    with open_store(s["db"]) as store:
        cid = max(c.id for c in store.list_comparisons())
        fingerprint = store.differences(cid)[0].fingerprint
    return ["review", "set", fingerprint[:12], "accepted", "--reviewer", "x" * 300, "--db", s["db"]]


def _sweep(s: dict[str, str]) -> list[list[str]]:
    helps = [[*path, "--help"] for path, _command in _commands(build_cli())]
    return helps + _error_paths(s) + [_reviewer_too_long(s)]


def test_chinese_mode_shows_no_english(monkeypatch, stored) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    monkeypatch.chdir(stored["dir"])  # a bare "notaurl" is a SQLite file name: keep it out of the repo
    vocabulary = _vocabulary() | {Path(f).stem for f in JJJ_FILES}  # document names are the user's
    leaks = {}
    for args in _sweep(stored):
        _code, out = _run(args)
        words = _english_words(out, vocabulary | USER_WORDS | set(args))  # what the user typed is echoed
        if words:
            leaks[" ".join(args)] = (sorted(set(words))[:12], out[:300])
    assert not leaks, "\n".join(f"{k}: {v[0]}\n    {v[1]!r}" for k, v in leaks.items())


def test_english_mode_shows_no_chinese(monkeypatch, stored) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    monkeypatch.chdir(stored["dir"])
    leaks = {}
    for args in _sweep(stored):
        if args[:2] == ["review", "list"] or args[:1] == ["comparisons"] or args[:1] == ["--lang"]:
            continue  # these list the texts' own (Chinese) titles and provisions (user data), or set the language
        _code, out = _run(["--lang", "en", *args])
        words = _chinese_words(out)
        if words:
            leaks[" ".join(args)] = (sorted(set(words))[:12], out[:300])
    assert not leaks, "\n".join(f"{k}: {v[0]}\n    {v[1]!r}" for k, v in leaks.items())


def test_the_sweep_reaches_every_command() -> None:
    paths = {" ".join(p) for p, _c in _commands(build_cli())}
    assert {"compare", "review set", "corpus families", "accounts add", "db upgrade", "amend"} <= paths


def test_review_list_names_categories_and_classes_in_the_readers_language(monkeypatch, stored) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    _code, out = _run(["review", "list", "--all", "--db", stored["db"]])
    assert "行政区表述" in out and "jurisdictional" not in out and "self_reference" not in out


def test_review_set_help_keeps_words_whole(monkeypatch) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    _code, out = _run(["review", "set", "--help"])
    assert re.search(r"^\s*已修正\s+fixed\s+已修改", out, re.M), out
    for word in ("accepted", "needs_harmonisation", "rejected", "接受", "需协调", "驳回"):
        assert word in out


def test_bad_reviewer_name_is_invalid_input_not_a_database_error(monkeypatch, stored) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    code, out = _run(_reviewer_too_long(stored))
    assert code == 2 and "输入无效" in out and "数据库错误" not in out and "审查人姓名" in out, out


def test_every_category_class_and_status_has_a_name_in_both_languages() -> None:
    """What reports, the review pages and ``review list`` show for a code: never the code itself in Chinese."""
    from compare.vocabulary import CLASS_CATEGORY, NAMES
    from compare.vocabulary import STRUCTURAL_CLASSES as CLASSES
    from compare.model import CATEGORIES, STATUSES
    from compare.store.records import DECISION_STATUSES

    codes = {*CATEGORIES, *STATUSES, *CLASS_CATEGORY, *CLASSES, *DECISION_STATUSES}
    assert codes <= set(NAMES["en"]), codes - set(NAMES["en"])
    for code in codes:
        assert NAMES["zh"][code] != code and not re.search(r"[A-Za-z]", NAMES["zh"][code]), code


def test_an_unknown_language_is_refused_not_ignored(monkeypatch) -> None:
    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    code, out = _run(["--lang", "fr"])
    assert code == 2 and "'fr'" in out and len(out.strip().splitlines()) == 1, out


def test_help_placeholders_are_in_the_readers_language_and_summaries_whole(monkeypatch) -> None:
    from compare.cli.common import _columns

    monkeypatch.setenv("LEGISCOMPARE_LANG", "zh")
    assert _run(["amend", "--help"])[1].startswith("用法: legiscompare amend [选项] 原文本 新文本\n\n  起草修改决定：把原文本修改为新文本")
    assert _run(["compare", "--help"])[1].startswith("用法: legiscompare compare [选项] 文件...")
    assert "用法: legiscompare harmonise [选项] 其他文本...\n" in _run(["harmonise", "--help"])[1]
    listing = _run(["--help"])[1]
    assert listing.startswith("用法: legiscompare [选项] 命令 [参数]...")
    assert "协同立法：为每个其他文本起草与基准文本一致的修改决定，保留其自称（本市/本省）、制定机关、协作方排列顺序和等同的机构名称。" in listing
    options = [line for line in _run(["review", "set", "--help"])[1].splitlines() if line.startswith("  --")]
    starts = {_columns(line[:re.match(r"  \S.*?\s{2,}(?=\S)", line).end()]) for line in options}
    assert any("--note 文字" in line for line in options) and len(starts) == 1, options  # aligned on screen
    monkeypatch.setenv("LEGISCOMPARE_LANG", "en")
    assert _run(["amend", "--help"])[1].startswith("Usage: legiscompare amend [OPTIONS] OLD NEW\n\n  Draft the "
                                                   "amendment decision turning OLD into NEW")
    commands = " ".join(_run(["--help"])[1].split("Commands:")[1].split())
    assert "in line with BASE, keeping" in commands and "institution names. parse" in commands
    assert "..." not in commands  # no summary cut
