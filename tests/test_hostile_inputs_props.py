"""Issue 31: generated hostile inputs (numerals, nesting, sizes) never end in an internal error.

Each case runs the command line in this process (``compare.cli.main``) and fails on exit
status 70 or a traceback; an error must be one line. The web forms get the same material.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from compare.cli import main
from compare.configfile import MAX_DEPTH, parse_toml, toml_depth
from compare.errors import InputError
from support import JJJ

BASE = JJJ / "beijing.txt"
DIGITS = "〇一二三四五六七八九十百千万两零0123456789"
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

numerals = st.one_of(st.text(DIGITS, min_size=1, max_size=40),
                     st.builds(lambda c, n: c * n, st.sampled_from(DIGITS), st.integers(1, 6_000)))


def run(capsys, args: list[str]) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """Exit status and stderr of ``legiscompare ARGS``; fails on 70 or a traceback."""
    with pytest.raises(SystemExit) as ended:
        main(args)
    err = capsys.readouterr().err
    code = ended.value.code or 0
    assert code != 70 and "Traceback" not in err, (args, err[:300])
    if code == 2:
        assert err.strip().count("\n") == 0, err[:300]
    return code, err


def nested(depth: int, kind: str) -> str:
    """A TOML document nesting ``depth`` levels of arrays, inline tables or dotted keys."""
    if kind == "array":
        return "x = " + "[" * depth + "]" * depth + "\n"
    if kind == "table":
        return "x = " + "{a = " * depth + "1" + "}" * depth + "\n"
    return "[group]\n" + ".".join(["a"] * depth) + " = 1\n"


@SETTINGS
@given(numerals, st.sampled_from(["第{}条 本条例。", "第一条第{}款", "第{}章 总则", "（{}）某项"]))
def test_parse_reads_any_numeral_or_refuses_it(tmp_path_factory, capsys, numeral, form) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("n") / "t.txt"
    path.write_text(f"某某条例\n第一条 总则。\n{form.format(numeral)}\n第二条 附则。\n", encoding="utf-8")
    run(capsys, ["parse", str(path)])


@SETTINGS
@given(numerals, st.sampled_from(["删去第{}条。", "将第{}条修改为：“第一条 新。”", "将第一条第{}款修改为：“新。”",
                                  "在第{}条后增加一条，作为第{}条之一：“新。”"]))
def test_apply_reads_any_numeral_or_refuses_it(tmp_path_factory, capsys, numeral, form) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("a")
    old, decision = folder / "old.txt", folder / "decision.txt"
    old.write_text("某某条例\n第一条 为了规范管理，制定本条例。\n第二条 本条例适用于本市。\n第三条 本条例自公布之日起施行。\n",
                   encoding="utf-8")
    decision.write_text("关于修改《某某条例》的决定\n"
                        f"一、{form.format(numeral, numeral)}\n本决定自公布之日起施行。\n", encoding="utf-8")
    code, err = run(capsys, ["apply", str(old), str(decision), "-o", str(folder / "out.txt")])
    assert code == 0 or "decision.txt" in err or "old.txt" in err


@SETTINGS
@given(st.integers(1, 100_000), st.sampled_from(["array", "table", "dotted"]), st.sampled_from(["divisions",
                                                                                                "institutions"]))
def test_configuration_files_of_any_depth_are_refused_in_one_line(tmp_path_factory, capsys, depth, kind,
                                                                  option) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("t")
    config = folder / "c.toml"
    config.write_text(nested(depth, kind), encoding="utf-8")
    code, err = run(capsys, ["compare", f"--{option}", str(config), str(BASE), str(JJJ / "tianjin-constructed.txt"),
                             "--no-db", "-o", str(folder / "r.html")])
    assert code == 2 and "c.toml" in err  # none of these is a valid table: each is named, in one line


@SETTINGS
@given(st.integers(1, 200_000))
def test_review_import_of_any_nesting_is_refused_in_one_line(tmp_path_factory, capsys, depth) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("j")
    export = folder / "e.json"
    export.write_text('{"format": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    code, err = run(capsys, ["review", "import", str(export), "--db", f"sqlite:///{folder / 'x.db'}"])
    assert code == 2 and "e.json" in err


def test_depth_scan_ignores_brackets_and_dots_in_strings_and_comments() -> None:
    text = ('name = "' + "[" * 100 + "a." * 100 + '"\n# ' + "{" * 100 + "\nlist = ['" + "]" * 50 + "']\n"
            'multi = """\n' + "[[[" * 40 + '\n"""\n[[group]]\nnames = ["甲", "乙"]\n')
    assert toml_depth(text) == 2
    assert parse_toml(text.encode(), "x.toml")["group"] == [{"names": ["甲", "乙"]}]


@pytest.mark.parametrize("kind", ["array", "table", "dotted"])
def test_depth_limit_is_exact(kind: str) -> None:
    parse_toml(nested(MAX_DEPTH - 1, kind).encode(), "ok.toml")
    with pytest.raises(InputError) as refused:
        parse_toml(nested(MAX_DEPTH + 1, kind).encode(), "deep.toml")
    assert refused.value.key == "too_deep"


def test_configuration_size_is_checked_before_reading(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LEGISCOMPARE_MAX_CONFIG_KB", "4")
    config = tmp_path / "big.toml"
    config.write_text("[[group]]\nnames = [" + ", ".join(f'"机构{i}"' for i in range(1_000)) + "]\n", encoding="utf-8")
    code, err = run(capsys, ["compare", "--institutions", str(config), str(BASE), str(JJJ / "tianjin-constructed.txt"),
                             "--no-db", "-o", str(tmp_path / "r.html")])
    assert code == 2 and "big.toml" in err and "LEGISCOMPARE_MAX_CONFIG_KB" in err
    monkeypatch.setenv("LEGISCOMPARE_MAX_CONFIG_KB", "64")
    run(capsys, ["compare", "--institutions", str(config), str(BASE), str(JJJ / "tianjin-constructed.txt"),
                 "--no-db", "-o", str(tmp_path / "r.html")])
    assert (tmp_path / "r.html").exists()


def test_a_group_of_many_members_loads_in_linear_time(tmp_path) -> None:
    """Members are looked up by name in an index (a scan of the table per member took minutes)."""
    from compare.jurisdiction.divisions import load_divisions

    config = tmp_path / "g.toml"
    config.write_text('[[group]]\nname = "大组"\nmembers = [' + ", ".join(['"北京"'] * 20_000) + "]\n", encoding="utf-8")
    assert len(load_divisions(config).groups["大组"]) == 20_000


@SETTINGS
@given(st.sampled_from(["comparison_id", "status", "note", "reviewer"]),
       st.one_of(numerals, st.text(min_size=0, max_size=50), st.builds(lambda n: "9" * n, st.integers(1, 10_000))))
def test_decision_forms_refuse_hostile_values_without_a_server_error(store_url, jjj_comparison, field,
                                                                     value) -> None:  # type: ignore[no-untyped-def]
    from compare.serve import create_app
    from test_serve import BASE as SITE
    from test_serve import csrf, post_decision, reviewable, seed

    cid = seed(store_url, jjj_comparison)
    target = reviewable(store_url, cid)[0]
    with TestClient(create_app(store_url), base_url=SITE, raise_server_exceptions=False) as client:
        data = {"comparison_id": str(cid), "status": "accepted", "note": "", "reviewer": "张三", "csrf": csrf(client)}
        data[field] = value
        response = post_decision(client, target.fingerprint, data["comparison_id"], data["status"], data["note"],
                                 data["reviewer"])
    assert response.status_code < 500 and "Traceback" not in response.text
