"""Errors a user can act on, with messages in Simplified Chinese and English.

Every stage raises ``InputError`` for bad input; the CLI prints it as one line naming the
file and the problem and exits with status 2. Message templates live in ``MESSAGES`` so
both languages stay side by side.
"""

from __future__ import annotations

import os

MESSAGES: dict[str, dict[str, str]] = {
    "not_found": {"zh": "文件不存在", "en": "file not found"},
    "no_database": {"zh": "数据库不存在（未新建文件）", "en": "no such database (no file was created)"},
    "not_a_file": {"zh": "不是普通文件", "en": "not a regular file"},
    "unreadable": {"zh": "无法读取：{detail}", "en": "cannot read: {detail}"},
    "empty": {"zh": "文件为空", "en": "file is empty"},
    "binary": {"zh": "不是文本文件（看起来是二进制数据）", "en": "not a text file (looks like binary data)"},
    "undecodable": {"zh": "无法识别文本编码", "en": "cannot determine the text encoding"},
    "too_large": {
        "zh": "文件过大（{size} MB，上限 {limit} MB）",
        "en": "file too large ({size} MB, limit {limit} MB)",
    },
    "no_structure": {
        "zh": "未识别出任何条款（没有“第X条”或“一、”式编号）",
        "en": "no provisions recognised (no 第X条 articles or 一、 items)",
    },
    "unsupported_format": {"zh": "不支持的文件格式：{detail}", "en": "unsupported file format: {detail}"},
    "no_jurisdiction": {
        "zh": "无法推断制定机关所属行政区，请用 --jurisdiction 指定",
        "en": "cannot infer the enacting jurisdiction; give it with --jurisdiction",
    },
    "unknown_jurisdiction": {
        "zh": "未知的行政区名称：{detail}",
        "en": "unknown jurisdiction name: {detail}",
    },
    "ambiguous_jurisdiction": {
        "zh": "行政区名称 {detail} 不唯一（代码 {codes}），请改用代码",
        "en": "jurisdiction name {detail} is ambiguous (codes {codes}); give the code instead",
    },
    "cannot_listen": {"zh": "无法在此地址监听：{detail}", "en": "cannot listen on this address: {detail}"},
    "too_few": {"zh": "至少需要两个文件进行比较", "en": "at least two files are needed for a comparison"},
    "too_few_in_folder": {"zh": "文件夹中可比较的文本不足两个（找到 {count} 个；支持 {suffixes}）",
                          "en": "fewer than two texts to compare in this folder (found {count}; supported: {suffixes})"},
    "duplicate_input": {"zh": "同一文件内容重复给出", "en": "the same content was given twice"},
    "database": {"zh": "数据库错误：{detail}", "en": "database error: {detail}"},
    "no_postgres_driver": {
        "zh": "{url}：未安装 PostgreSQL 驱动 psycopg，请运行 pip install 'legiscompare[postgres]'（在源码目录中：pip install '.[postgres]'）",
        "en": "{url}: the PostgreSQL driver psycopg is not installed; run pip install 'legiscompare[postgres]' "
              "(in a checkout: pip install '.[postgres]')",
    },
    "no_postgres_driver_url": {
        "zh": "{url}：没有该 PostgreSQL 驱动；请写 postgresql+psycopg://…，并运行 pip install 'legiscompare[postgres]'（在源码目录中：pip install '.[postgres]'）",
        "en": "{url}: no such PostgreSQL driver; write postgresql+psycopg://… and run "
              "pip install 'legiscompare[postgres]' (in a checkout: pip install '.[postgres]')",
    },
    "invalid": {"zh": "输入无效：{detail}", "en": "invalid input: {detail}"},
    "too_many_words": {
        "zh": "一个条款中的不同词语过多（上限 {limit} 个），无法逐词比较",
        "en": "a provision has too many distinct words (limit {limit}) for a word-level diff",
    },
    "unknown_input": {
        "zh": "{option} 指定的文件不在比较的文件之中",
        "en": "{option} names a file that is not among the files compared",
    },
    "bad_option": {"zh": "选项格式错误：{detail}", "en": "malformed option: {detail}"},
    "wrong_extension": {
        "zh": "{option} 的输出文件应以 {expected} 结尾",
        "en": "the output file of {option} must end in {expected}",
    },
    "pdf_engine_missing": {
        "zh": "生成 PDF 需要 Chromium 浏览器（apt-get install chromium，或设置 LEGISCOMPARE_CHROMIUM）",
        "en": "PDF output needs the Chromium browser (apt-get install chromium, or set LEGISCOMPARE_CHROMIUM)",
    },
    "pdf_failed": {"zh": "Chromium 未能生成 PDF（{detail}）", "en": "Chromium did not produce a PDF ({detail})"},
    "too_large_to_align": {
        "zh": "文本过大，无法对齐（{n}×{m} 个条款）",
        "en": "texts too large to align ({n}×{m} provisions)",
    },
    "corrupt": {"zh": "文件已损坏或不完整（{kind}）", "en": "file is damaged or truncated ({kind})"},
    "encrypted": {"zh": "文件受密码保护（{kind}）", "en": "file is password-protected ({kind})"},
    "pdf_scanned": {
        "zh": "PDF 没有文字层（可能是扫描件），请先进行文字识别（OCR）",
        "en": "PDF has no text layer (probably a scan); run OCR on it first",
    },
    "pdf_no_unicode": {
        "zh": "PDF 字体缺少 Unicode 映射（ToUnicode），无法提取文字",
        "en": "PDF fonts lack a Unicode mapping (ToUnicode); the text cannot be extracted",
    },
    "too_large_unpacked": {
        "zh": "解压后内容过大（{size} MB，上限 {limit} MB，可用 LEGISCOMPARE_MAX_DOCX_MB 调整）",
        "en": "content too large once unpacked ({size} MB, limit {limit} MB; see LEGISCOMPARE_MAX_DOCX_MB)",
    },
    "output_is_input": {
        "zh": "输出文件与输入文件相同，拒绝覆盖",
        "en": "output is the same file as an input; refusing to overwrite it",
    },
    "output_is_database": {
        "zh": "输出文件就是数据库文件，拒绝覆盖",
        "en": "output is the database file; refusing to overwrite it",
    },
    "output_twice": {"zh": "同一输出文件被指定了两次", "en": "the same output file is given twice"},
    "pdf_content_too_large": {
        "zh": "PDF 页面内容流解压后过大（上限 {limit} MB，可用 LEGISCOMPARE_MAX_PDF_CONTENT_MB 调整）",
        "en": "PDF page content too large once decoded (limit {limit} MB; see LEGISCOMPARE_MAX_PDF_CONTENT_MB)",
    },
    "pdf_too_many_operators": {
        "zh": "PDF 文字绘制指令过多（上限 {limit} 个，可用 LEGISCOMPARE_MAX_PDF_TEXT_OPS 调整）",
        "en": "PDF has too many text operators (limit {limit}; see LEGISCOMPARE_MAX_PDF_TEXT_OPS)",
    },
    "pdf_encrypted_text": {
        "zh": "PDF 已加密（仅设所有者密码），无法提取其文字；请先解除保护（如 qpdf --decrypt）",
        "en": "PDF is encrypted (owner password only) and its text cannot be extracted; "
              "remove the protection first (e.g. qpdf --decrypt)",
    },
    "docx_too_many_members": {
        "zh": "Word 文件包含的部件过多（{count} 个，上限 {limit} 个，可用 LEGISCOMPARE_MAX_DOCX_MEMBERS 调整）",
        "en": "Word file has too many parts ({count}, limit {limit}; see LEGISCOMPARE_MAX_DOCX_MEMBERS)",
    },
    "too_many_workers": {
        "zh": "工作进程数 {count} 过多（上限 {limit}，即 CPU 数的 4 倍，可用 LEGISCOMPARE_MAX_WORKERS 调整）",
        "en": "{count} worker processes are too many (limit {limit}, 4 × the CPU count; see LEGISCOMPARE_MAX_WORKERS)",
    },
    "too_deep": {
        "zh": "元素嵌套过深（超过 {limit} 层）",
        "en": "elements nested too deeply (more than {limit} levels)",
    },
    "bad_file_name": {
        "zh": "文件名不是有效的 UTF-8，无法存储，请重命名",
        "en": "file name is not valid UTF-8 and cannot be stored; rename the file",
    },
    "not_writable": {"zh": "无法写入：{detail}", "en": "cannot be written: {detail}"},
}


def language() -> str:
    """The user-facing language: "zh" (default) or "en", from LEGISCOMPARE_LANG."""
    lang = os.environ.get("LEGISCOMPARE_LANG", "zh").lower()
    return "en" if lang.startswith("en") else "zh"


class InputError(Exception):
    """Bad input from the user: a file that cannot be read, decoded, parsed or placed."""

    def __init__(self, file: str | None, key: str, **params: object) -> None:
        self.file = file
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        """The one-line message in ``lang`` (default: the user's language)."""
        from .fileio import shown_path

        text = MESSAGES[self.key][lang or language()].format(**self.params)
        return f"{shown_path(self.file)}: {text}" if self.file else text
