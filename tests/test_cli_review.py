"""Scripted review from the command line: list, decide, survive a re-run, upgrade."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from support import JJJ_FILES, Ran, run_cli


def cli(*args: str) -> Ran:
    return run_cli(*args)


def fingerprints(listing: str) -> list[str]:
    return re.findall(r"│ ([0-9a-f]{12}) ", listing)


def test_review_round_trip_and_rerun(tmp_path: Path) -> None:
    texts = [shutil.copy(f, tmp_path) for f in JJJ_FILES]
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert cli("compare", *texts, "--db", db).returncode == 0
    listing = cli("review", "list", "--db", db, "--category", "substantive")
    assert listing.returncode == 0, listing.stderr
    fps = fingerprints(listing.stdout)
    assert fps and "formatting" not in listing.stdout
    done = cli("review", "set", fps[0][:10], "accepted", "--note", "地方特色", "--reviewer", "张三", "--db", db)
    assert done.returncode == 0, done.stderr
    assert fps[0] not in fingerprints(cli("review", "list", "--db", db, "--category", "substantive").stdout)
    assert fps[0] in fingerprints(cli("review", "list", "--db", db, "--all").stdout)

    # Re-run after Hebei restores 鼓励 in 十五: its normative difference disappears.
    hebei = Path(texts[1])
    hebei.write_text(hebei.read_text(encoding="utf-8").replace("支持设立市场化基金", "鼓励设立市场化基金"), encoding="utf-8")
    assert cli("compare", *texts, "--db", db).returncode == 0
    normative = [fp for fp in fps if fp]
    for fp in normative:
        cli("review", "set", fp[:12], "needs_harmonisation", "--reviewer", "李四", "--db", db, "--comparison", "1")
    obsolete = cli("review", "obsolete", "--db", db)
    assert obsolete.returncode == 0
    assert "条款 · 文本" in obsolete.stdout and "十五 · hebei" in obsolete.stdout and "支持" in obsolete.stdout
    none = cli("review", "obsolete", "--db", db, "--comparison", "1")
    assert none.returncode == 0 and none.stdout.strip() == "比较 #1 没有失效的审查结论。"

    # the re-run supersedes comparison 1: listed as history only
    latest = cli("comparisons", "--db", db).stdout
    assert re.search(r"│ 2 ", latest) and not re.search(r"│ 1 ", latest)
    history = cli("comparisons", "--all", "--db", db).stdout
    assert "已被 #2 取代" in history and "最新" in history
    unconfirmed = cli("comparisons", "delete", "2", "--db", db)
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    archived = cli("comparisons", "delete", "2", "--yes", "--db", db)
    assert archived.returncode == 0 and "已归档比较 #2" in archived.stdout and "未删除任何数据" in archived.stdout
    assert "已归档" in cli("comparisons", "--all", "--db", db).stdout
    assert re.search(r"│ 1 ", cli("comparisons", "--db", db).stdout)  # the previous one is the latest again
    assert cli("review", "list", "--db", db, "--comparison", "2").returncode == 0  # still readable
    assert cli("comparisons", "delete", "2", "--restore", "--db", db).returncode == 0
    assert cli("comparisons", "delete", "99", "--yes", "--db", db).returncode == 2


def test_review_refuses_bad_input(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert cli("compare", *JJJ_FILES, "--db", db).returncode == 0
    fp = fingerprints(cli("review", "list", "--db", db).stdout)[0]
    long_note = cli("review", "set", fp, "accepted", "--note", "长" * 2001, "--reviewer", "王五", "--db", db)
    assert long_note.returncode == 2 and len(long_note.stderr.strip().splitlines()) == 1
    unknown = cli("review", "set", "deadbeefdead", "accepted", "--reviewer", "王五", "--db", db)
    assert unknown.returncode == 2 and "deadbeefdead" in unknown.stderr
    wrong_status = cli("review", "set", fp, "maybe", "--reviewer", "王五", "--db", db)
    assert wrong_status.returncode == 2
    for bad in (long_note, unknown):  # validation problems are not database errors
        assert "数据库错误" not in bad.stderr and "输入无效" in bad.stderr
    for command in ("list", "obsolete"):
        missing = cli("review", command, "--db", db, "--comparison", "999")
        assert missing.returncode == 2 and missing.stdout == ""
        assert missing.stderr.strip().splitlines() == ["legiscompare: 错误: 输入无效：没有编号为 999 的比较"]


def test_db_upgrade_reports_the_revision(tmp_path: Path) -> None:
    result = cli("db", "upgrade", "--db", f"sqlite:///{tmp_path / 'u.db'}")
    assert result.returncode == 0 and "0013" in result.stdout


def test_structural_differences_are_listed_decided_and_audited(tmp_path: Path) -> None:
    """A Hebei-only item: listed under --category structural, accepted, then audit passes."""
    import demo_variants

    texts = demo_variants.hebei_extra(tmp_path / "texts")
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert cli("compare", *texts, "--db", db).returncode == 0
    listing = cli("review", "list", "--db", db, "--category", "structural")
    assert listing.returncode == 0, listing.stderr
    # classes are shown in the reader's language: absent = 仅部分文本有, renumbered = 编号调整
    assert "仅部分文本有" in listing.stdout and "编号调整" in listing.stdout and "本省支持雄安新区" in listing.stdout
    assert cli("audit", *texts, "--db", db).returncode == 1
    absent = re.search(r"│ ([0-9a-f]{12}) .*仅部分文本有", listing.stdout).group(1)
    assert cli("review", "set", absent, "accepted", "--reviewer", "张三", "--db", db).returncode == 0
    from compare.store import open_store

    with open_store(db) as store:  # the other differences at once (one CLI call each is slow)
        cid = store.list_comparisons()[0].id
        for diff in store.undecided(cid):
            store.record_decision(diff.fingerprint, "accepted", "", "张三", comparison_id=cid)
    verdict = cli("audit", *texts, "--db", db)
    assert verdict.returncode == 0, verdict.stdout
    assert "审核通过" in verdict.stdout


def test_export_then_import_into_another_database(tmp_path: Path) -> None:
    import json

    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    assert cli("compare", *JJJ_FILES, "--db", first).returncode == 0
    fps = fingerprints(cli("review", "list", "--db", first).stdout)[:3]
    for fp in fps:
        assert cli("review", "set", fp, "fixed", "--note", "已改", "--reviewer", "张三", "--db", first).returncode == 0
    for fmt in ("json", "csv"):
        out = tmp_path / f"d.{fmt}"
        done = cli("review", "export", "--db", first, "--format", fmt, "-o", str(out))
        assert done.returncode == 0 and "已导出 3 条审查结论" in done.stdout
    records = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["decisions"]
    assert sorted(r["fingerprint"][:12] for r in records) == sorted(fps)
    records.append(dict(records[0], fingerprint="f" * 64))  # a difference the other database lacks
    (tmp_path / "d.json").write_text(json.dumps({"format": "legiscompare-decisions", "version": 1,
                                                 "decisions": records}), encoding="utf-8")
    assert cli("compare", *JJJ_FILES, "--db", second).returncode == 0
    imported = cli("review", "import", str(tmp_path / "d.json"), "--db", second)
    assert imported.returncode == 0 and "已记录 3 条，0 条已是当前结论，1 条未匹配" in imported.stdout
    assert "ffffffff" in imported.stdout
    again = cli("review", "import", str(tmp_path / "d.csv"), "--db", second)
    assert "已记录 0 条，3 条已是当前结论，0 条未匹配" in again.stdout
    assert not set(fps) & set(fingerprints(cli("review", "list", "--db", second).stdout))
    pair = [tmp_path / "x1.txt", tmp_path / "x2.txt"]  # another comparison: none of those differences
    for path, word in zip(pair, ("甲", "乙")):
        path.write_text(f"某某市测试条例\n第一条　为了测试，制定本条例。\n第二条　本条例自{word}日起施行。\n", encoding="utf-8")
    other = cli("compare", *map(str, pair), "--jurisdiction", "*=北京市", "--db", second)
    other_id = other.stdout.split("#")[-1].split()[0]
    elsewhere = cli("review", "import", str(tmp_path / "d.csv"), "--db", second, "--comparison", other_id)
    assert "已记录 0 条，0 条已是当前结论，3 条未匹配" in elsewhere.stdout, elsewhere.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    refused = cli("review", "import", str(bad), "--db", second)
    assert refused.returncode == 2 and "输入无效" in refused.stderr


def test_review_set_says_which_comparison_it_defaults_to(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert cli("compare", *JJJ_FILES, "--db", db).returncode == 0
    fps = fingerprints(cli("review", "list", "--db", db).stdout)
    done = cli("review", "set", fps[0], "accepted", "--reviewer", "张三", "--db", db)
    assert done.returncode == 0 and "已记录" in done.stdout
    said = done.stderr.strip().splitlines()
    assert len(said) == 1 and said[0].startswith("未指定 --comparison，使用最近的比较 #1：")
    assert all(Path(f).stem in said[0] for f in JJJ_FILES) and "、" in said[0]
    english = cli("--lang", "en", "review", "set", fps[1], "fixed", "--reviewer", "张三", "--db", db)
    assert english.returncode == 0
    assert english.stderr.startswith("no --comparison given: using the latest comparison #1: beijing, ")
    named = cli("review", "set", fps[2], "fixed", "--reviewer", "张三", "--db", db, "--comparison", "1")
    assert named.returncode == 0 and named.stderr == ""  # nothing to say when the comparison is named
    for args in (["list"], ["obsolete"], ["export", "-o", str(tmp_path / "d.csv")]):  # reading commands say it too
        result = cli("review", *args, "--db", db)
        assert result.returncode == 0 and result.stderr.startswith("未指定 --comparison，使用最近的比较 #1："), args
        assert cli("review", *args, "--db", db, "--comparison", "1").stderr == "", args


def test_review_list_with_nothing_to_show_says_so(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert cli("compare", *JJJ_FILES, "--db", db).returncode == 0
    empty = cli("review", "list", "--db", db, "--comparison", "1", "--category", "structural")
    assert empty.returncode == 0 and empty.stdout.strip() == "比较 #1 没有这些类别的待审差异。"


def _pair(folder: Path) -> list[str]:
    """Two small texts of another subject: a second comparison holding none of the demo's differences."""
    pair = [folder / "x1.txt", folder / "x2.txt"]
    for path, word in zip(pair, ("甲", "乙")):
        path.write_text(f"某某市测试条例\n第一条　为了测试，制定本条例。\n第二条　本条例自{word}日起施行。\n", encoding="utf-8")
    return [str(p) for p in pair]


def test_review_set_takes_chinese_words_and_names_the_comparison(tmp_path: Path) -> None:
    from compare.store import open_store
    from compare.store.records import DECISION_STATUSES
    from compare.vocabulary import DECISIONS

    assert DECISIONS == DECISION_STATUSES
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert cli("compare", *JJJ_FILES, "--db", db).returncode == 0
    fps = fingerprints(cli("review", "list", "--db", db, "--comparison", "1").stdout)
    said = [cli("review", "set", fp, word, "--reviewer", "张三", "--db", db, "--comparison", "1")
            for fp, word in zip(fps, ("需协调", "驳回", "不予采纳", "已修正"))]
    assert all(s.returncode == 0 for s in said), said
    assert said[0].stdout.strip() == f"已记录在比较 #1：{fps[0]} 需协调"
    assert said[1].stdout.strip() == f"已记录在比较 #1：{fps[1]} 不予采纳"
    english = cli("--lang", "en", "review", "set", fps[4], "Needs-Harmonisation", "--reviewer", "张三", "--db", db)
    assert english.stdout.strip() == f"Recorded on comparison #1: {fps[4]} needs harmonisation", english.stderr
    with open_store(db) as store:
        decided = store.decisions_for(1)
    full = {fp[:12]: decided[fp].status for fp in decided}
    assert [full[fp] for fp in fps[:5]] == ["needs_harmonisation", "rejected", "rejected", "fixed",
                                            "needs_harmonisation"]
    wrong = cli("review", "set", fps[5], "同意", "--reviewer", "张三", "--db", db)
    assert wrong.returncode == 2 and "'同意'：不是审查结论；请用 接受、需协调、已修正、不予采纳 之一" in wrong.stderr

    # after review list --comparison 1, a newer comparison is the default one: the error names #1
    assert cli("compare", *_pair(tmp_path), "--jurisdiction", "*=北京市", "--db", db).returncode == 0
    elsewhere = cli("review", "set", fps[5], "accepted", "--reviewer", "张三", "--db", db)
    assert elsewhere.returncode == 2 and len(elsewhere.stderr.strip().splitlines()) == 1
    assert (f"比较 #2 中没有指纹为 {fps[5]} 的差异；该差异属于比较 #1（beijing、tianjin-constructed、"
            f"hebei-constructed）：请加 --comparison 1") in elsewhere.stderr
    nowhere = cli("review", "set", "deadbeefdead", "accepted", "--reviewer", "张三", "--db", db)
    assert "比较 #2 中没有指纹为 deadbeefdead 的差异，其他已存储的比较中也没有" in nowhere.stderr


def test_export_in_the_readers_language_and_import_of_either(tmp_path: Path) -> None:
    import csv
    import io

    from compare.store import open_store

    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    assert cli("compare", *JJJ_FILES, "--db", first).returncode == 0
    assert cli("compare", *JJJ_FILES, "--db", second, "--csv", str(tmp_path / "compared.csv")).returncode == 0
    listing = cli("review", "list", "--db", first, "--category", "jurisdictional").stdout
    fps = fingerprints(listing)[:2]
    noted = cli("review", "set", fps[0], "需协调", "--note", "=SUM(A1)", "--reviewer", "张三", "--db", first)
    assert noted.returncode == 0
    assert cli("review", "set", fps[1], "accepted", "--reviewer", "李四", "--db", first).returncode == 0

    chinese, english, berlin = tmp_path / "zh.csv", tmp_path / "en.csv", tmp_path / "berlin.csv"
    assert cli("review", "export", "--db", first, "-o", str(chinese)).returncode == 0
    assert cli("--lang", "en", "review", "export", "--db", first, "-o", str(english)).returncode == 0
    elsewhere_in_time = run_cli("review", "export", "--db", first, "-o", str(berlin),
                                env={"LEGISCOMPARE_TZ": "Europe/Berlin"})
    assert elsewhere_in_time.returncode == 0
    zh = list(csv.reader(io.StringIO(chinese.read_text(encoding="utf-8-sig"))))
    assert zh[0] == ["差异指纹", "审查结论", "审查备注", "审查人", "记录时间", "行标识", "条款", "文本", "对照文本",
                     "差异性质", "类别", "对照文本表述", "本文本表述", "讨论"]
    assert [row[1] for row in zh[1:]] == ["需协调", "接受"] and {row[9] for row in zh[1:]} == {"行政区表述"}
    assert zh[1][2] == "'=SUM(A1)" and zh[1][4].endswith("+08:00")  # Asia/Shanghai unless LEGISCOMPARE_TZ
    en = list(csv.reader(io.StringIO(english.read_text(encoding="utf-8-sig"))))
    assert en[0][:5] == ["fingerprint", "status", "note", "reviewer", "recorded_at"]
    assert [row[1] for row in en[1:]] == ["needs_harmonisation", "accepted"] and en[1][9] == "jurisdictional"
    away = list(csv.reader(io.StringIO(berlin.read_text(encoding="utf-8-sig"))))[1][4]
    assert away[-6:] in ("+01:00", "+02:00") and away[:10] <= zh[1][4][:10]

    into = cli("review", "import", str(chinese), "--db", second, "--comparison", "1")
    assert into.returncode == 0, into.stderr
    assert into.stdout.splitlines()[:2] == ["导入到比较 #1：beijing、tianjin-constructed、hebei-constructed",
                                            "已记录 2 条，0 条已是当前结论，0 条未匹配"]
    again = cli("review", "import", str(english), "--db", second)
    assert "未指定 --comparison：每条结论记录到含有该差异的最近一次比较" in again.stderr
    assert "已记录 0 条，2 条已是当前结论，0 条未匹配" in again.stdout
    typed = tmp_path / "typed.csv"  # written by hand in Chinese: 驳回 for rejected
    typed.write_text(f"差异指纹,审查结论,审查人\n{zh[1][0]},驳回,王五\n", encoding="utf-8")
    rejected = cli("review", "import", str(typed), "--db", second)
    assert "已记录 1 条" in rejected.stdout and "1 条记录在比较 #1：beijing、" in rejected.stdout
    with open_store(second) as store:
        assert store.decisions_for(1)[zh[1][0]].status == "rejected"

    compared = list(csv.reader(io.StringIO((tmp_path / "compared.csv").read_text(encoding="utf-8-sig"))))
    filled = next(row for row in compared[1:] if row[13] and row[13] not in (zh[1][0], zh[2][0]))
    filled[14:17] = ["已修正", "已改", "赵六"]  # a decision typed into compare's own CSV
    with (tmp_path / "filled.csv").open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(compared)
    from_compare = cli("review", "import", str(tmp_path / "filled.csv"), "--db", second)
    assert "已记录 1 条，0 条已是当前结论，0 条未匹配" in from_compare.stdout  # lines without a decision passed over
    with open_store(second) as store:
        assert (store.decisions_for(1)[filled[13]].status, store.decisions_for(1)[filled[13]].note) == ("fixed", "已改")

    assert cli("compare", *_pair(tmp_path), "--jurisdiction", "*=北京市", "--db", second).returncode == 0
    elsewhere = cli("review", "import", str(english), "--db", second, "--comparison", "2")
    assert "已记录 0 条，0 条已是当前结论，2 条未匹配" in elsewhere.stdout and "所在比较" in elsewhere.stdout
    assert elsewhere.stdout.count("│ #1") == 2  # each unmatched decision names the comparison holding it


def test_listings_show_times_in_the_readers_zone(tmp_path: Path) -> None:
    from compare.i18n import local_time
    from compare.store import open_store

    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert cli("compare", *_pair(tmp_path), "--jurisdiction", "*=北京市", "--db", db).returncode == 0
    with open_store(db) as store:
        updated = store.list_comparisons()[0].updated_at
    shanghai = cli("comparisons", "--db", db).stdout
    utc = run_cli("comparisons", "--db", db, env={"LEGISCOMPARE_TZ": "UTC"}).stdout
    assert local_time(updated) in shanghai and updated.strftime("%Y-%m-%d %H:%M") in utc
    assert local_time(updated) != updated.strftime("%Y-%m-%d %H:%M")  # eight hours apart
