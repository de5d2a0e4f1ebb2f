"""The ``amend``, ``apply`` and ``harmonise`` commands (library: ``compare.amend``)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import language
from ..fileio import replace_file
from .common import handles_input_errors, jurisdiction_option, parse_jurisdictions

HELP = {
    "zh": {
        "amend": "起草修改决定：把 OLD 修改为 NEW 的指令（按 OLD 的条文编号），附修改前后对照表（--docx）。"
                 "\n\n示例：legiscompare amend 立法法(2015-03-15).md 立法法(2023-03-13).md -o 决定.txt --docx 决定.docx",
        "apply": "把修改决定适用于 OLD：执行各项指令，重新编排条文序号并调整援引，按 OLD 的格式写出修改后的文本。"
                 "\n\n示例：legiscompare apply 立法法(2015-03-15).md 决定.txt -o 立法法-修改后.md",
        "harmonise": "协同立法：为每个 OTHER 文本起草与 BASE 一致的修改决定，保留其自称（本市/本省）、"
                     "制定机关、协作方排列顺序和等同的机构名称。"
                     "\n\n示例：legiscompare harmonise --base texts/jjj-innovation-2023/beijing.txt "
                     "texts/jjj-innovation-2023/tianjin-constructed.txt -o drafts/",
        "output": "决定文本输出路径（默认输出到标准输出）。",
        "docx": "Word 文件（决定 + 修改前后对照表）输出路径。",
        "apply_output": "修改后文本的输出路径（默认输出到标准输出）。",
        "harmonise_output": "输出目录：每个文本写出 <文件名>.decision.txt（及 --docx 时的 .docx）。",
        "harmonise_docx": "同时写出 Word 文件（需要 -o 目录）。",
        "base": "基准文本（其他文本向其看齐）。",
        "db": "读取该数据库中的审查决定：差异均已被接受为地方差异的条款不起草修改指令。",
        "written": "已写入",
        "instructions": "条修改指令",
    },
    "en": {
        "amend": "Draft the amendment decision turning OLD into NEW (instructions against OLD's numbering), "
                 "with a before/after table (--docx).\n\nExample: legiscompare amend old.md new.md -o decision.txt "
                 "--docx decision.docx",
        "apply": "Apply an amendment decision to OLD: carry out its instructions, renumber the articles and the "
                 "cross-references, and write the amended text in OLD's format."
                 "\n\nExample: legiscompare apply old.md decision.txt -o amended.md",
        "harmonise": "Coordinated legislation: for each OTHER text, draft the decision bringing it in line with "
                     "BASE, keeping its self-references (本市/本省), enacting body, partner-list order and "
                     "equivalent institution names.\n\nExample: legiscompare harmonise --base "
                     "texts/jjj-innovation-2023/beijing.txt texts/jjj-innovation-2023/tianjin-constructed.txt -o drafts/",
        "output": "Path of the decision text (default: standard output).",
        "docx": "Path of the Word file (decision + before/after table).",
        "apply_output": "Path of the amended text (default: standard output).",
        "harmonise_output": "Output directory: <name>.decision.txt per text (and .docx with --docx).",
        "harmonise_docx": "Also write Word files (needs -o DIR).",
        "base": "The base text the others are brought in line with.",
        "db": "Read review decisions from this database: provisions whose differences were all accepted as "
              "local differences get no instruction.",
        "written": "Written to",
        "instructions": "instructions",
    },
}


def h(key: str) -> str:
    """Help or message text in the user's language."""
    return HELP[language()][key]


def _docx(decision, document, options) -> bytes:  # type: ignore[no-untyped-def]
    from ..amend.api import lexer_for
    from ..amend.apply import apply_decision
    from ..amend.docx import decision_docx

    amended = apply_decision(document, decision, lexer_for([document], options))
    return decision_docx(decision, amended, language())


def _emit(outputs: dict[str, bytes], stdout: str | None) -> None:
    """Write every output (all rendered first, so a failure writes nothing); else print."""
    for path, data in outputs.items():
        replace_file(path, data)
        click.echo(f"{h('written')} {path}", err=stdout is not None)
    if stdout is not None:
        click.echo(stdout, nl=False)


def register_amend(group: click.Group) -> None:
    """Register ``amend``, ``apply`` and ``harmonise`` on ``group``."""

    @group.command("amend", help=h("amend"))
    @click.argument("old", type=click.Path(dir_okay=False))
    @click.argument("new", type=click.Path(dir_okay=False))
    @click.option("-o", "--output", type=click.Path(dir_okay=False), help=h("output"))
    @click.option("--docx", "docx_path", type=click.Path(dir_okay=False), help=h("docx"))
    @jurisdiction_option
    @handles_input_errors
    def amend_cmd(old: str, new: str, output: str | None, docx_path: str | None,
                  jurisdictions: tuple[str, ...]) -> None:
        from ..amend import amend_files, decision_text
        from ..pipeline import Options

        options = Options(jurisdictions=parse_jurisdictions(jurisdictions))
        decision, comparison = amend_files(old, new, options)
        text = decision_text(decision, language())
        outputs = {output: text.encode("utf-8")} if output else {}
        if docx_path:
            base = next(d for d in comparison.documents if d.id == comparison.base)
            outputs[docx_path] = _docx(decision, base, options)
        _emit(outputs, None if output else text)
        if output:
            from ..amend.render import numbered_items

            click.echo(f"{len(numbered_items(decision))} {h('instructions')}")

    @group.command("apply", help=h("apply"))
    @click.argument("old", type=click.Path(dir_okay=False))
    @click.argument("decision", type=click.Path(dir_okay=False))
    @click.option("-o", "--output", type=click.Path(dir_okay=False), help=h("apply_output"))
    @jurisdiction_option
    @handles_input_errors
    def apply_cmd(old: str, decision: str, output: str | None, jurisdictions: tuple[str, ...]) -> None:
        from ..amend import apply_file
        from ..pipeline import Options

        text = apply_file(old, decision, Options(jurisdictions=parse_jurisdictions(jurisdictions)))
        _emit({output: text.encode("utf-8")} if output else {}, None if output else text)

    @group.command("harmonise", help=h("harmonise"))
    @click.argument("others", nargs=-1, required=True, type=click.Path(dir_okay=False))
    @click.option("--base", required=True, type=click.Path(dir_okay=False), help=h("base"))
    @click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), help=h("harmonise_output"))
    @click.option("--docx", "with_docx", is_flag=True, help=h("harmonise_docx"))
    @jurisdiction_option
    @click.option("--db", help=h("db"))
    @handles_input_errors
    def harmonise_cmd(others: tuple[str, ...], base: str, out_dir: str | None, with_docx: bool,
                      jurisdictions: tuple[str, ...], db: str | None) -> None:
        from ..amend import decision_text, harmonise_files
        from ..amend.api import load_document
        from ..pipeline import Options
        from ..store import database_url, require_database

        options = Options(jurisdictions=parse_jurisdictions(jurisdictions))
        url = require_database(database_url(db)) if db else None  # only reads decisions: never creates it
        drafts = harmonise_files(base, list(others), options, url)
        outputs: dict[str, bytes] = {}
        shown = []
        for path, decision in drafts:
            text = decision_text(decision, language())
            shown.append(f"# {path}\n\n{text}")
            if out_dir:
                stem = Path(out_dir) / Path(path).stem
                outputs[f"{stem}.decision.txt"] = text.encode("utf-8")
                if with_docx:
                    outputs[f"{stem}.decision.docx"] = _docx(decision, load_document(path, options), options)
        if out_dir:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
        _emit(outputs, None if out_dir else "\n".join(shown))
