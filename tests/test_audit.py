"""Audit: one verdict on coordinated texts; each check fails on its own."""

from __future__ import annotations

import subprocess
import sys

from compare.audit import audit, effective_date
from compare.pipeline import Options, compare_files
from support import JJJ_FILES, REPO, decision, write_text

BJ_BODY, TJ_BODY = "北京市人民代表大会常务委员会", "天津市人民代表大会常务委员会"
ITEMS = ["本市与天津市加强合作。", "市人民政府负责组织实施。", "本决定自公布之日起施行。"]


def failing(report) -> dict[str, list[str]]:
    return {c.name: [f.where for f in c.findings] for c in report.checks if not c.passed}


def pair(tmp_path, tj_items: list[str], **opts):
    bj = write_text(tmp_path, "bj.txt", decision(BJ_BODY, ITEMS))
    tj = write_text(tmp_path, "tj.txt", decision(TJ_BODY, tj_items, date="2023年11月29日", session="第十八届"))
    return compare_files([bj, tj], Options(**opts))


def test_equivalent_texts_pass(tmp_path) -> None:
    report = audit(pair(tmp_path, ["本市与北京市加强合作。", "市人民政府负责组织实施。", "本决定自公布之日起施行。"]))
    assert report.passed, failing(report)


def test_jjj_fails_on_exactly_the_substantive_items() -> None:
    report = audit(compare_files(JJJ_FILES, Options()))
    assert not report.passed
    assert failing(report) == {"differences": ["天津市五", "河北省五", "河北省六", "河北省十五", "河北省十七"]}
    assert report.failing_rows() == ["五", "六", "十五", "十七"]


def test_missing_provision_fails_provisions(tmp_path) -> None:
    report = audit(pair(tmp_path, ["本市与北京市加强合作。", "本决定自公布之日起施行。"]))
    assert "北京市二" in failing(report)["provisions"]  # the text that has it, and its own number


def test_effective_date_disagreement(tmp_path) -> None:
    comparison = pair(tmp_path, ["本市与北京市加强合作。", "市人民政府负责组织实施。", "本决定自2024年1月1日起施行。"])
    assert [effective_date(d) for d in comparison.documents] == ["公布之日", "2024-01-01"]
    assert "effective_date" in failing(audit(comparison))


def test_broken_cross_reference_and_numbering(tmp_path) -> None:
    law = "北京市测试条例\n\n（2020年1月1日北京市第十五届人民代表大会常务委员会第十次会议通过）\n\n第一条 为了测试，制定本条例。\n\n第二条 违反本条例第九条规定的，依法处理。\n\n第四条 本条例自公布之日起施行。\n"
    a = write_text(tmp_path, "a.txt", law)
    b = write_text(tmp_path, "b.txt", law.replace("北京市测试条例", "北京市测试条例（修订）").replace("依法处理", "依法予以处理"))
    report = audit(compare_files([a, b], Options()))
    found = failing(report)
    assert found["cross_references"] and found["numbering"]


def test_jurisdiction_named_in_title_must_match(tmp_path) -> None:
    report = audit(pair(tmp_path, ["本市与北京市加强合作。", "市人民政府负责组织实施。", "本决定自公布之日起施行。"],
                        jurisdictions={"tj.txt": "河北省"}))
    assert "jurisdiction" in failing(report)


def test_cli_exit_codes_and_accepted_decisions_pass(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    cmd = [sys.executable, "-m", "compare", "audit", *JJJ_FILES, "--db", db, "--json", str(tmp_path / "a.json")]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert first.returncode == 1, first.stderr
    assert "五、六、十五、十七" in first.stdout
    assert not (tmp_path / "a.db").exists()  # the audit only reads: it never creates a database

    stored = subprocess.run([sys.executable, "-m", "compare", "compare", *JJJ_FILES, "--db", db],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert stored.returncode == 0, stored.stderr
    from compare.store import open_store

    store = open_store(db)
    try:
        comparison = store.list_comparisons()[0]
        for diff in store.undecided(comparison.id):
            if diff.category == "substantive":
                store.record_decision(diff.fingerprint, "accepted", "协同立法允许的地方差异", "审查员")
    finally:
        store.close()
    second = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert second.returncode == 0, second.stdout
    bad = subprocess.run([sys.executable, "-m", "compare", "audit", JJJ_FILES[0], str(tmp_path / "missing.txt")],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    assert bad.returncode == 2


def test_title_naming_another_jurisdiction_fails(tmp_path) -> None:
    bj = write_text(tmp_path, "bj.txt", decision(BJ_BODY, ITEMS))
    odd = decision(TJ_BODY, ["本市与北京市加强合作。", "市人民政府负责组织实施。", "本决定自公布之日起施行。"],
                   date="2023年11月29日", session="第十八届").replace(f"{TJ_BODY}关于测试事项的决定", "河北省测试事项的决定")
    tj = write_text(tmp_path, "tj.txt", odd)
    report = audit(compare_files([bj, tj], Options()))
    assert "jurisdiction" in failing(report)


def test_place_counts_are_singular_or_plural(monkeypatch) -> None:
    comparison = compare_files(JJJ_FILES, Options())
    for lang, one, many in (("en", " (1 place)", " (7 places)"), ("zh", "（1 处）", "（7 处）")):
        monkeypatch.setenv("LEGISCOMPARE_LANG", lang)
        details = [f.detail for c in audit(comparison).checks for f in c.findings]
        assert sum(d.endswith(one) for d in details) == 4 and sum(d.endswith(many) for d in details) == 1, details


def test_cli_audits_the_texts_of_a_folder_like_compare() -> None:
    from support import JJJ

    folder = subprocess.run([sys.executable, "-m", "compare", "audit", str(JJJ), "--no-db"], capture_output=True,
                            text=True, cwd=REPO, timeout=300)
    files = subprocess.run([sys.executable, "-m", "compare", "audit", *JJJ_FILES, "--no-db"], capture_output=True,
                           text=True, cwd=REPO, timeout=300)
    assert folder.returncode == files.returncode == 1 and folder.stdout == files.stdout, folder.stderr


def test_independent_texts_are_audited_by_document_with_their_own_numbers(tmp_path) -> None:
    """Findings name the document and its own number, grouped by document; a base provision
    several texts lack is one finding naming them all; numbering is not compared."""
    from support import corpus_file

    files = [corpus_file(n) for n in ("山东省志愿服务条例(2021-12-03).md", "泰安市志愿服务促进条例(2022-01-21).md",
                                      "宁波市志愿服务条例(2021-12-03).md")]
    comparison = compare_files(files, Options(base=files[0]))
    report = audit(comparison)
    provisions = next(c for c in report.checks if c.name == "provisions")
    grouped = report.by_document(provisions)
    names = {report.labels[d] for d in grouped}
    assert names <= {"山东省", "泰安市", "宁波市"} and len(names) >= 2
    for doc_id, found in grouped.items():
        assert all(f.where.startswith(report.labels[doc_id] + "第") for f in found), found[:3]
        assert [f.position for f in found] == sorted(f.position for f in found)
    assert any("宁波市、泰安市无对应条款" in f.detail for f in grouped[comparison.base])
    numbering = next(c for c in report.checks if c.name == "numbering")
    assert not [f for f in numbering.findings if f.row_id]  # parser notes only: numbers are each text's own
    effective = next(c for c in report.checks if c.name == "effective_date")
    assert effective.passed  # each enacted on its own: not compared
    differences = next(c for c in report.checks if c.name == "differences")
    assert not any("措辞" in f.detail and "、" not in f.detail for f in differences.findings)  # rewording alone: not listed


def test_cli_prints_a_summary_then_the_first_findings_of_each_check(tmp_path) -> None:
    """The summary table (result, count, per text), then at most 5 findings per check, taken
    from every text, and a line saying how many more and which options write them all."""
    from support import corpus_file

    files = [corpus_file(n) for n in ("山东省志愿服务条例(2021-12-03).md", "泰安市志愿服务促进条例(2022-01-21).md")]
    out = subprocess.run([sys.executable, "-m", "compare", "audit", *files, "--no-db"], capture_output=True,
                         text=True, cwd=REPO, timeout=300)
    assert out.returncode == 1, out.stderr
    summary, _, details = out.stdout.partition("\n条款齐全：")
    assert "泰安市" in summary and "山东省" in summary
    first = details.split("\n\n")[0].splitlines()[1:]
    total = int(details.split(" ", 1)[0])  # "条款齐全：14 处"
    assert len(first) == 6 and f" {total - 5} " in first[-1] and "--docx" in first[-1], first
    assert any(line.strip().startswith("山东省第") for line in first)
    assert any(line.strip().startswith("泰安市第") for line in first)
    assert len(out.stdout.splitlines()) < 40
