"""``legiscompare audit``: one verdict on coordinated texts, for scripts and CI.

Exit status 0 when the texts pass, 1 when a check fails, 2 on bad input.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..terminal import Console, Table, escape
from ..errors import language
from .common import handles_input_errors, parse_jurisdictions

CHECK_NAMES = {
    "zh": {"provisions": "条款齐全", "numbering": "编号一致", "differences": "差异在允许范围内",
           "cross_references": "援引条文存在", "effective_date": "施行日期一致", "jurisdiction": "制定机关与行政区一致"},
    "en": {"provisions": "every provision present", "numbering": "numbering consistent",
           "differences": "no difference above the level", "cross_references": "cited provisions exist",
           "effective_date": "effective dates agree", "jurisdiction": "enacting body matches jurisdiction"},
}
TEXT = {
    "zh": {"help": "审核协同立法文本：除行政区表述外是否一致。通过退出码 0，不通过 1，输入错误 2。\n\n"
                   "示例：legiscompare audit texts/jjj-innovation-2023/*.txt --fail-on substantive",
           "fail_on": "不允许的最低差异级别：substantive（实质性，默认）、institution（含机构名称）、any（含行政区表述）。",
           "json": "审核结果 JSON 输出路径。", "db": "读取审查结论的数据库 URL（默认 legiscompare.db 或 LEGISCOMPARE_DB；已接受的差异不计为不通过）。",
           "no_db": "不读写数据库（不考虑审查结论）。", "base": "基准文本。",
           "jurisdiction": "指定某文件的制定机关所属行政区，格式 文件=名称。",
           "check": "检查项", "result": "结果", "findings": "问题", "pass": "通过", "fail": "不通过",
           "verdict_pass": "审核通过", "verdict_fail": "审核不通过", "rows": "涉及条款"},
    "en": {"help": "Audit coordinated texts: do they agree on all but jurisdictional wording? Exit 0 pass, 1 fail, 2 bad input.\n\n"
                   "Example: legiscompare audit texts/jjj-innovation-2023/*.txt --fail-on substantive",
           "fail_on": "Lowest level that fails: substantive (default), institution, any (jurisdictional too).",
           "json": "Path of the audit result as JSON.", "db": "Database URL with review decisions (default legiscompare.db or LEGISCOMPARE_DB; accepted differences pass).",
           "no_db": "Use no database (review decisions are not considered).", "base": "Base text.",
           "jurisdiction": "Enacting jurisdiction of a file, as FILE=NAME.",
           "check": "Check", "result": "Result", "findings": "Findings", "pass": "pass", "fail": "FAIL",
           "verdict_pass": "Audit passed", "verdict_fail": "Audit failed", "rows": "rows"},
}


def register_audit(group: click.Group) -> None:
    """Add the ``audit`` command to ``group``."""
    from ..fileio import write_text

    t = TEXT[language()]

    @group.command("audit", help=t["help"])
    @click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
    @click.option("--base", type=click.Path(dir_okay=False), help=t["base"])
    @click.option("--fail-on", type=click.Choice(["substantive", "institution", "any"]), default="substantive",
                  show_default=True, help=t["fail_on"])
    @click.option("--json", "json_path", type=click.Path(dir_okay=False), help=t["json"])
    @click.option("--jurisdiction", "jurisdictions", multiple=True, metavar="FILE=NAME", help=t["jurisdiction"])
    @click.option("--db", help=t["db"])
    @click.option("--no-db", is_flag=True, help=t["no_db"])
    @handles_input_errors
    def audit_cmd(files: tuple[str, ...], base: str | None, fail_on: str, json_path: str | None,
                  jurisdictions: tuple[str, ...], db: str | None, no_db: bool) -> None:
        from ..audit import audit
        from ..pipeline import Options, compare_files
        from ..store import database_url

        comparison = compare_files(list(files), Options(base=base, jurisdictions=parse_jurisdictions(jurisdictions)))
        accepted, fingerprints = _accepted(comparison, None if no_db else database_url(db))
        report = audit(comparison, fail_on, accepted, fingerprints)
        _print(report)
        if json_path:
            write_text(json_path, json.dumps(_as_dict(report), ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        sys.exit(0 if report.passed else 1)


def _accepted(comparison: Any, db: str | None) -> tuple[set[str], Any]:
    """Fingerprints of differences a stored review decision accepted (none without --db).

    Reads only: the audit never stores the comparison, nor creates a database.
    """
    if not db:
        return set(), None
    from ..store import database_exists, difference_fingerprints, open_store

    fingerprints = difference_fingerprints(comparison)
    if not database_exists(db):
        return set(), fingerprints
    store = open_store(db)
    try:
        decisions = store.current_decisions([fp for row in fingerprints for fp in row])
    finally:
        store.close()
    return {fp for fp, d in decisions.items() if d.status == "accepted"}, fingerprints


def _print(report: Any) -> None:
    lang = language()
    t, names = TEXT[lang], CHECK_NAMES[lang]
    table = Table(show_lines=False)
    for column in (t["check"], t["result"], t["findings"]):
        table.add_column(column)
    for check in report.checks:
        findings = "\n".join(f"{f.where}{'：' if lang == 'zh' else ': '}{f.detail}" for f in check.findings)
        table.add_row(names[check.name], t["pass"] if check.passed else t["fail"], escape(findings))
    console = Console(soft_wrap=True, width=120)
    console.print(table)
    verdict = t["verdict_pass"] if report.passed else t["verdict_fail"]
    rows = report.failing_rows()
    listed = f"（{t['rows']}：{'、'.join(rows)}）" if lang == "zh" else f" ({t['rows']}: {', '.join(rows)})"
    console.print(escape(verdict + (listed if rows else "")))


def _as_dict(report: Any) -> dict[str, Any]:
    return {
        "passed": report.passed,
        "fail_on": report.fail_on,
        "failing_rows": report.failing_rows(),
        "checks": [{"name": c.name, "passed": c.passed,
                    "findings": [{"where": f.where, "detail": f.detail, "row": f.row_id} for f in c.findings]}
                   for c in report.checks],
    }
