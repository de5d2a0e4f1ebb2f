"""The inputs area: hostile files and names given to ``parse``, ``compare``, ``apply``,
``--divisions`` / ``--institutions``, ``review import`` and ``review set``, each in a fresh
process (see ``hostile_common`` for what fails a case)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import hostile_files as hf
from .hostile_common import A, B, C, Case, Spec, from_run, query, raw_unsafe, run_cli

AREA = "inputs"
BIDI_NAME = "\u202etxt.exe"  # shows as "exe.txt" reversed: a classic spoofing name
CONTROL_NAME = "red\x1b[31m\x07\x08\x7f.txt"
LONG_NAME = "长" * 83 + ".txt"  # 253 bytes: the longest a Linux name can be
Build = Callable[[Path], list[str]]
_DATABASES: dict[Path, Path] = {}


def _spec(name: str, build: Build, *, expect_ok: bool = False, seconds: float = 10, names: bool = False,
          check: Callable[[Path], list[str]] | None = None, folder: Path) -> Spec:
    """A case: ``build(folder)`` writes its files and gives the CLI arguments."""
    def thunk() -> Case:
        args = build(folder)
        ran = run_cli(args, folder, timeout=5 * seconds + 30, cpu_limit=seconds)
        case = from_run(AREA, name, _command(args, folder), ran, folder, expect_ok=expect_ok, seconds=seconds,
                        names=names)
        case.failed += check(folder) if check else []
        return case
    return name, thunk


def _command(args: list[str], folder: Path) -> str:
    """The arguments as shown in the table: paths relative to the case folder."""
    parts = [a.replace(str(folder) + "/", "").replace(str(A.parent) + "/", "") for a in args]
    return "legiscompare " + " ".join(p if len(p) < 40 else p[:37] + "…" for p in parts)


def review_db(folder: Path) -> Path:
    """A database holding the demo's comparison (made once per folder)."""
    if folder not in _DATABASES:
        db = folder / "review.db"
        ran = run_cli(["compare", str(A), str(B), str(C), "--db", f"sqlite:///{db}"], folder)
        if ran.code != 0:
            raise RuntimeError(f"cannot prepare the review database: {ran.first}")
        _DATABASES[folder] = db
    return _DATABASES[folder]


def _db_args(folder: Path) -> list[str]:
    """``--db`` with the review database of ``folder``."""
    return ["--db", f"sqlite:///{review_db(folder)}"]


def _fingerprint(folder: Path, offset: int = 0) -> str:
    """The fingerprint of the ``offset``-th stored difference."""
    return query(review_db(folder), "SELECT fingerprint FROM differences ORDER BY id LIMIT 1 OFFSET ?", (offset,))[0][0]


def _stored_raw_reviewer(folder: Path) -> list[str]:
    """Failure reasons when a reviewer name was stored with raw bidi or control characters."""
    names = [row[0] for row in query(review_db(folder), "SELECT reviewer FROM decisions")]
    found = sorted({u for name in names for u in raw_unsafe(name)})
    return [f"stored reviewer with raw {', '.join(found)}"] if found else []


def _parse_specs(folder: Path) -> list[Spec]:
    """parse: empty, binary and mis-encoded files, huge numerals and lines, hostile names."""
    law = hf.law()
    files: list[tuple[str, Build, dict]] = [
        ("parse: empty file", lambda f: [str(hf.write(f, "empty.txt", b""))], {}),
        ("parse: 200 KB of random bytes", lambda f: [str(hf.random_bytes(f, "random.txt"))], {}),
        ("parse: GBK-encoded law", lambda f: [str(hf.write(f, "gbk.txt", law.encode("gbk")))], {"expect_ok": True}),
        ("parse: UTF-16 law", lambda f: [str(hf.write(f, "utf16.txt", law.encode("utf-16")))], {"expect_ok": True}),
        ("parse: UTF-8 law decoded as Latin-1", lambda f: [str(hf.write(
            f, "latin.txt", law.encode("utf-8").decode("latin-1")))], {}),
        ("parse: NUL bytes in a law", lambda f: [str(hf.write(f, "nul.txt", law.replace("。", "\x00")))], {}),
        ("parse: 第+5,000×九+条", lambda f: [str(hf.write(f, "nines.txt", law + f"\n{hf.NINES}　施行。\n"))],
         {"expect_ok": True}),
        ("parse: 5 MB on one line", lambda f: [str(hf.write(f, "line.txt", "第一条　" + "甲" * 1_750_000))], {}),
        ("parse --json: U+202E in the file name", lambda f: ["--json", str(hf.write(f, BIDI_NAME, law))],
         {"expect_ok": True, "names": True}),
        ("parse: control characters in the file name", lambda f: [str(hf.write(f, CONTROL_NAME, law))],
         {"expect_ok": True, "names": True}),
        ("parse: 253-byte file name", lambda f: [str(hf.write(f, LONG_NAME, law))], {"expect_ok": True}),
        ("parse: U+202E in a missing file's name", lambda f: [str(f / ("missing" + BIDI_NAME))], {"names": True}),
        ("parse: 4,100-byte path", lambda f: [str(f / (("x" * 200 + "/") * 20)) + "a.txt"], {}),
    ]
    return [_spec(name, lambda f, b=build: ["parse", *b(f)], folder=folder, **opts) for name, build, opts in files]


def _compare_specs(folder: Path) -> list[Spec]:
    """compare: bad files, archive and PDF bombs, deep HTML, megabyte articles, names."""
    law = hf.law()

    def pair(path: Callable[[Path], Path]) -> Build:
        return lambda f: ["compare", str(A), str(path(f)), "--no-db"]

    def huge(mb: int, changes: int) -> Build:
        return lambda f: ["compare", *map(str, hf.huge_pair(f, 340_000 * mb, changes)), "--no-db"]

    def named(name: str, out: str) -> Build:
        return lambda f: ["compare", str(hf.write(f, name, law)), str(C), "--no-db", "-o", str(f / out)]

    cases: list[tuple[str, Build, dict]] = [
        ("compare: empty file", pair(lambda f: hf.write(f, "empty.txt", b"")), {}),
        ("compare: 200 KB of random bytes", pair(lambda f: hf.random_bytes(f, "random.txt")), {}),
        ("compare: GBK-encoded law", pair(lambda f: hf.write(f, "gbk-b.txt", B.read_text("utf-8").encode("gbk"))),
         {"expect_ok": True}),
        ("compare: UTF-16 law", pair(lambda f: hf.write(f, "u16-b.txt", B.read_text("utf-8").encode("utf-16"))),
         {"expect_ok": True}),
        ("compare: 第+5,000×九+条 in a law", pair(lambda f: hf.write(f, "nines.txt", law + f"\n{hf.NINES}　施行。\n")),
         {"expect_ok": True}),
        ("compare: .docx unpacking to 200 MB", pair(hf.docx_bomb), {}),
        ("compare: PDF of 2 M text operators", pair(hf.ops_pdf), {}),
        ("compare: PDF of 256 MiB of spaces", pair(hf.spaces_pdf), {}),
        ("compare: HTML nested 5,000 deep", pair(hf.deep_html), {}),
        ("compare: 1 MB article, 2,000 changes", huge(1, 2000), {"expect_ok": True}),
        ("compare: 5 MB article, 2,000 changes", huge(5, 2000), {"expect_ok": True, "seconds": 30}),
        ("compare: 5 MB article, 10,000 changes", huge(5, 10_000), {"expect_ok": True, "seconds": 30}),
        ("compare: U+202E in input and output names", named(BIDI_NAME, BIDI_NAME + ".html"),
         {"expect_ok": True, "names": True}),
        ("compare: control characters in input and output names", named(CONTROL_NAME, CONTROL_NAME + ".html"),
         {"expect_ok": True, "names": True}),
        ("compare: 253-byte input name", named(LONG_NAME, "long.html"), {"expect_ok": True}),
        ("compare: 300-byte output name", lambda f: ["compare", str(A), str(C), "--no-db", "-o",
                                                     str(f / ("出" * 100 + ".html"))], {}),
        ("compare: U+202E in a missing input's name", pair(lambda f: f / ("missing" + BIDI_NAME)), {"names": True}),
    ]
    return [_spec(name, build, folder=folder, **opts) for name, build, opts in cases]


def _config_specs(folder: Path) -> list[Spec]:
    """--divisions and --institutions: deep keys and nesting, 5 MB, empty, binary, GBK."""
    specs = []
    gbk = {"divisions": '[[division]]\nname = "雄安测试新区"\nlevel = "prefecture"\nparent = "河北省"\n',
           "institutions": '[[group]]\nnames = ["测试机构", "测试机关"]\n'}
    big = {"divisions": hf.big_divisions, "institutions": hf.big_institutions}
    for option in ("divisions", "institutions"):
        builds: list[tuple[str, Callable[[Path], Path], dict]] = [
            ("dotted key of 50 KB", lambda f, o=option: hf.deep_keys(f, f"{o}-keys.toml"), {}),
            ("arrays nested 100,000 deep", lambda f, o=option: hf.deep_arrays(f, f"{o}-nest.toml"), {}),
            ("5 MB of valid entries", big[option], {}),
            ("empty file", lambda f, o=option: hf.write(f, f"{o}-empty.toml", b""), {"expect_ok": True}),
            ("random bytes", lambda f, o=option: hf.random_bytes(f, f"{o}-random.toml", 20_000), {}),
            ("GBK-encoded", lambda f, o=option: hf.write(f, f"{o}-gbk.toml", gbk[o].encode("gbk")), {}),
        ]
        for label, build, opts in builds:
            specs.append(_spec(f"compare --{option}: {label}",
                               lambda f, o=option, b=build: ["compare", str(A), str(C), "--no-db", f"--{o}", str(b(f))],
                               folder=folder, **opts))
    return specs


def _apply_specs(folder: Path) -> list[Spec]:
    """apply: empty and binary decisions, huge numerals, deep quotes, 200,000 instructions."""
    def apply(path: Callable[[Path], Path], old: Callable[[Path], Path] = lambda f: A) -> Build:
        return lambda f: ["apply", str(old(f)), str(path(f))]

    cases: list[tuple[str, Build, dict]] = [
        ("apply: empty decision", apply(lambda f: hf.write(f, "dec-empty.txt", b"")), {}),
        ("apply: random bytes as decision", apply(lambda f: hf.random_bytes(f, "dec-random.txt")), {}),
        ("apply: 第+5,000×九+条 in an instruction", apply(lambda f: hf.write(
            f, "dec-nines.txt", hf.decision(f"一、将{hf.NINES}修改为：“甲。”"))), {}),
        ("apply: quotes nested 100,000 deep", apply(lambda f: hf.write(
            f, "dec-quotes.txt", hf.decision("一、将第一条修改为：" + "“" * 100_000 + "甲" + "”" * 100_000))), {}),
        ("apply: 200,000 instructions (5 MB)", apply(lambda f: hf.write(
            f, "dec-many.txt", hf.decision("".join(f"{n}、删去第一条。\n" for n in range(1, 200_001))))), {}),
        ("apply: random bytes as OLD", apply(lambda f: hf.write(f, "dec-ok.txt", hf.decision("一、删去第一条。")),
                                             lambda f: hf.random_bytes(f, "old-random.txt")), {}),
        ("apply: U+202E in the decision's name", apply(lambda f: hf.write(f, "dec" + BIDI_NAME, b"")),
         {"names": True}),
    ]
    return [_spec(name, build, folder=folder, **opts) for name, build, opts in cases]


def _review_specs(folder: Path) -> list[Spec]:
    """review import, set and list: deep JSON, huge files and cells, hostile names and ids."""
    def imported(path: Callable[[Path], Path]) -> Build:
        return lambda f: ["review", "import", str(path(f)), *_db_args(f)]

    def review_set(reviewer: str, note: str = "", fingerprint: Callable[[Path], str] = _fingerprint) -> Build:
        return lambda f: ["review", "set", fingerprint(f), "accepted", "--reviewer", reviewer, "--note", note,
                          *_db_args(f)]

    cases: list[tuple[str, Build, dict]] = [
        ("review import: JSON arrays nested 100,000 deep", imported(
            lambda f: hf.nested_json(f, "deep-arrays.json", "[", "]")), {}),
        ("review import: JSON objects nested 100,000 deep", imported(
            lambda f: hf.nested_json(f, "deep-objects.json", '{"a":', "}")), {}),
        ("review import: empty file", imported(lambda f: hf.write(f, "import-empty.json", b"")), {}),
        ("review import: random bytes", imported(lambda f: hf.random_bytes(f, "import-random.csv")), {}),
        ("review import: 40,000 unknown decisions (5 MB)", imported(hf.big_export), {}),
        ("review import: CSV with a 1 MB cell", imported(lambda f: hf.write(
            f, "import-cell.csv", "fingerprint,status,note,reviewer\r\nab,accepted," + "长" * 350_000 + ",x\r\n")), {}),
        ("review set: U+202E and ESC in --reviewer", review_set("\u202e三张\x1b[2J", fingerprint=lambda f: _fingerprint(
            f, 7)), {"names": True, "check": _stored_raw_reviewer}),
        ("review set: 120 KB note", review_set("张三", "注" * 40_000), {}),
        ("review set: fingerprint ../../etc/passwd", review_set("张三", fingerprint=lambda f: "../../etc/passwd"), {}),
        ("review list: --comparison 10**30", lambda f: ["review", "list", "--comparison", str(10**30), *_db_args(f)],
         {}),
    ]
    return [_spec(name, build, folder=folder, **opts) for name, build, opts in cases]


def specs(folder: Path) -> list[Spec]:
    """Every case of the area, files written under ``folder`` when a case runs."""
    return [*_parse_specs(folder), *_compare_specs(folder), *_config_specs(folder), *_apply_specs(folder),
            *_review_specs(folder)]
