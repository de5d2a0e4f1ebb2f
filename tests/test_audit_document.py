"""The audit as a document: ``audit --html/--docx/--pdf`` (``compare.report.audit_document``)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from compare.audit import audit, audit_document
from compare.pipeline import Options, compare_files
from compare.report.audit_docx import audit_docx
from compare.report.audit_document import audit_html, audit_pdf, fragment
from support import JJJ_FILES, REPO, corpus_file, decision, write_text

BUSINESS = ("山东省优化营商环境条例(2020-09-25).md", "河南省优化营商环境条例(2020-11-28).md",
            "重庆市优化营商环境条例(2021-03-31).md")


@pytest.fixture(scope="module")
def jjj():
    comparison = compare_files(JJJ_FILES, Options())
    return comparison, audit(comparison)


@pytest.fixture(scope="module")
def business():
    """Three provinces' 优化营商环境条例, drafted independently (matched by content)."""
    files = [corpus_file(name) for name in BUSINESS]
    comparison = compare_files(files, Options(base=files[0]))
    return comparison, audit(comparison)


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compare", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=600, env={**os.environ, "LEGISCOMPARE_LANG": "zh", **(env or {})})


def test_the_document_counts_each_check_per_text_and_names_each_finding_by_its_own_number(jjj) -> None:
    comparison, report = jjj
    document = audit_document(report, comparison)
    assert document.subject == "关于推进京津冀协同创新共同体建设的决定" and not document.passed
    assert document.columns == ("北京市", "天津市", "河北省")  # no whole-set column: no such finding
    assert [t.label for t in document.texts] == ["北京市", "天津市", "河北省"] and document.texts[0].base
    differences = next(s for s in document.sections if s.key == "differences")
    assert not differences.passed and differences.counts == (0, 1, 4) and differences.count == 5
    assert [g.label for g in differences.groups] == ["天津市", "河北省"]
    assert [i.where for i in differences.groups[1].items] == ["河北省五", "河北省六", "河北省十五", "河北省十七"]
    assert all(i.anchor == f"row-{i.row}" or i.anchor.startswith("row-") for g in differences.groups for i in g.items)
    assert sum(s.passed for s in document.sections) == 5 and document.accepted is None


def test_findings_of_independent_texts_name_their_own_provisions_and_link_to_rows_that_exist(business) -> None:
    """河南省第四条 (not the base's number); each link lands on a row or a listed provision of
    the comparison report of the same texts."""
    from compare.report import render_html

    comparison, report = business
    document = audit_document(report, comparison)
    provisions = next(s for s in document.sections if s.key == "provisions")
    henan = next(g for g in provisions.groups if g.label == "河南省")
    assert all(i.where.startswith("河南省第") for i in henan.items)
    assert any(i.unmatched for i in henan.items)  # listed after the table, and said so
    page = audit_html(document, "zh", "r.html")
    ids = set(re.findall(r' id="([^"]+)"', render_html(comparison)))
    links = re.findall(r'href="r\.html#([^"]+)"', page)
    assert len(links) == sum(1 for s in document.sections for g in s.groups for i in g.items if i.anchor)
    assert links and all(link.replace("&amp;", "&") in ids for link in links), [x for x in links if x not in ids][:3]


def test_the_html_is_self_contained_deterministic_and_grouped(jjj) -> None:
    comparison, report = jjj
    document = audit_document(report, comparison)
    page = audit_html(document, "zh", "reports/jjj.html")
    assert page == audit_html(audit_document(audit(compare_files(JJJ_FILES, Options())), comparison), "zh",
                              "reports/jjj.html")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r'(src|href)="(https?:|//)', page)
    assert len(re.findall("<h1>", page)) == 1 and re.search("<h1>[^<]*关于推进京津冀协同创新共同体建设的决定</h1>", page)
    summary = page.split('id="summary"', 1)[1].split("</table>", 1)[0]
    assert summary.count("<tr>") == 7  # the header and one row per check
    section = page.split('id="check-differences"', 1)[1]
    assert section.index("天津市") < section.index("河北省五") < section.index("河北省十七")
    assert 'href="reports/jjj.html#row-' in page and page.count('<section class="check"') == 1
    inner = re.findall(r'href="#([^"]+)"', page)  # the summary's counts lead to their findings
    assert inner and set(inner) <= set(re.findall(r' id="([^"]+)"', page)), inner
    assert "href=" not in audit_html(document, "zh").split('id="check-differences"', 1)[1]  # no report: no links


def test_fragments_keep_chinese_and_escape_what_would_break_a_link() -> None:
    assert fragment("prov-河南省条例-art4") == "prov-河南省条例-art4"
    assert fragment("row-a b#c%") == "row-a%20b%23c%25"


def test_the_word_document_is_reproducible_with_chinese_fonts_and_every_finding(jjj) -> None:
    from docx import Document

    comparison, report = jjj
    document = audit_document(report, comparison)
    data = audit_docx(document, "zh")
    assert data == audit_docx(audit_document(report, comparison), "zh")
    word = Document(io.BytesIO(data))
    assert word.paragraphs[0].style.name == "Heading 1" and "关于推进京津冀协同创新共同体建设的决定" in word.paragraphs[0].text
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert {"河北省五", "河北省六", "河北省十五", "河北省十七", "天津市五"} <= set(cells)
    assert len(word.tables) == 2 + 2  # texts, summary, one findings table per text with findings
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="仿宋"' in xml and 'w:eastAsia="黑体"' in xml and "<w:tblHeader/>" in xml
    section = word.sections[0]
    assert section.page_width < section.page_height  # portrait, for a memo


def test_cli_writes_every_document_and_keeps_its_exit_status(tmp_path: Path) -> None:
    out = {kind: tmp_path / f"a.{kind}" for kind in ("html", "docx", "json")}
    result = cli("audit", *JJJ_FILES, "--no-db", "--html", str(out["html"]), "--docx", str(out["docx"]),
                 "--json", str(out["json"]), "--report", str(tmp_path / "r.html"))
    assert result.returncode == 1, result.stderr
    assert all(p.stat().st_size for p in out.values())
    assert 'href="r.html#row-' in out["html"].read_text(encoding="utf-8")
    assert "r.html" in result.stderr  # the report the links lead to does not exist yet: said so
    assert json.loads(out["json"].read_text(encoding="utf-8"))["passed"] is False
    assert str(out["docx"].name) in result.stdout  # where the findings are, and what was written
    texts = [write_text(tmp_path, name, decision(body, ["本市加强合作。", "本决定自公布之日起施行。"]))
             for name, body in (("bj.txt", "北京市人民代表大会常务委员会"), ("tj.txt", "天津市人民代表大会常务委员会"))]
    passing = cli("audit", *texts, "--no-db", "--docx", str(tmp_path / "pass.docx"))
    assert passing.returncode == 0 and (tmp_path / "pass.docx").exists(), passing.stdout + passing.stderr


def test_cli_refuses_bad_outputs_with_status_2_and_writes_nothing(tmp_path: Path) -> None:
    html, docx = tmp_path / "a.html", tmp_path / "a.docx"
    for args in (["--html", str(tmp_path / "a.pdf")], ["--docx", str(html)], ["--html", JJJ_FILES[0] + ".html",
                 "--report", JJJ_FILES[0] + ".html"], ["--report", str(tmp_path / "r.html")],
                 ["--html", str(html), "--docx", str(html)]):
        result = cli("audit", *JJJ_FILES, "--no-db", *args)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, (args, result.stderr)
    missing = cli("audit", *JJJ_FILES, "--no-db", "--html", str(html), "--docx", str(docx), "--pdf",
                  str(tmp_path / "a.pdf"), env={"LEGISCOMPARE_CHROMIUM": str(tmp_path / "no-browser")})
    assert missing.returncode == 2, missing.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # all or nothing: no HTML or Word without the PDF


def test_cli_notes_a_report_of_other_texts(tmp_path: Path) -> None:
    other = tmp_path / "other.html"
    made = cli("compare", JJJ_FILES[0], JJJ_FILES[1], "--no-db", "-o", str(other))
    assert made.returncode == 0, made.stderr
    result = cli("audit", *JJJ_FILES, "--no-db", "--html", str(tmp_path / "a.html"), "--report", str(other))
    assert result.returncode == 1 and "other.html" in result.stderr and "compare … -o" in result.stderr
    same = tmp_path / "same.html"
    assert cli("compare", *JJJ_FILES, "--no-db", "-o", str(same)).returncode == 0
    quiet = cli("audit", *JJJ_FILES, "--no-db", "--html", str(tmp_path / "a.html"), "--report", str(same))
    assert quiet.returncode == 1 and quiet.stderr == "", quiet.stderr


def test_cross_reference_findings_carry_their_row(tmp_path: Path) -> None:
    law = ("北京市测试条例\n\n（2020年1月1日北京市第十五届人民代表大会常务委员会第十次会议通过）\n\n第一条 为了测试，制定本条例。"
           "\n\n第二条 违反本条例第九条规定的，依法处理。\n\n第三条 本条例自公布之日起施行。\n")
    a = write_text(tmp_path, "a.txt", law)
    b = write_text(tmp_path, "b.txt", law.replace("依法处理", "依法予以处理"))
    comparison = compare_files([a, b], Options())
    check = next(c for c in audit(comparison).checks if c.name == "cross_references")
    assert [(f.row_id, f.row_label, f.position) for f in check.findings] == [("art2", "第二条", 1)] * 2
    assert all(f.where.endswith("第二条") for f in check.findings)


def test_first_findings_take_every_text_in_turn(business) -> None:
    _comparison, report = business
    check = next(c for c in report.checks if c.name == "provisions")
    first = report.first_findings(check, 5)
    assert len(first) == 5 and len({f.document for f in first}) == len(report.by_document(check))
    order = list(report.by_document(check))
    assert [order.index(f.document) for f in first] == sorted(order.index(f.document) for f in first)


@pytest.mark.skipif(not os.access("/usr/bin/chromium", os.X_OK), reason="no Chromium to print the PDF")
def test_the_pdf_is_printed_portrait_and_reproducible(jjj) -> None:
    comparison, report = jjj
    document = audit_document(report, comparison)
    first, second = audit_pdf(document, "zh"), audit_pdf(document, "zh")
    assert first.startswith(b"%PDF") and first == second
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", first)
    assert box and float(box.group(1)) < float(box.group(2))
