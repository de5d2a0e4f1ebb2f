"""Ingest format readers: HTML pages and Word .docx files, with damaged and hostile input.

Fixtures are built here (python-docx writes the .docx files); PDFs are in test_ingest_pdf.py.
"""

from __future__ import annotations

import doctest
import html
import time
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import compare.ingest.convert
import compare.ingest.decode
from compare.ingest import read_source
from test_ingest import expect_error, write

CORPUS = Path(__file__).resolve().parent.parent / "texts" / "jjj-innovation-2023" / "beijing.txt"
ART1 = "第一条　为了规范地方性法规的制定，根据宪法和立法法，制定本条例。"
ART2 = "第二条　本条例适用于本市行政区域内的立法活动。"


def test_module_doctests():
    for module in (compare.ingest.decode, compare.ingest.convert):
        result = doctest.testmod(module)
        assert result.attempted and not result.failed


def corpus_lines() -> list[str]:
    return [line for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus text not present")
def test_round_trip_of_a_real_text_through_html_and_docx(tmp_path):
    lines = corpus_lines()
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    assert read_source(write(tmp_path, "law.html", page.encode("gb18030"))).text.split("\n") == lines
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(tmp_path / "law.docx")
    assert read_source(tmp_path / "law.docx").text.split("\n") == lines


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>北京市促进科技条例_北京人大网</title><style>p {{ color: red }}</style>
<script>var nav = "第九条　脚本里的假条文";</script></head>
<body>
<div class="header"><a href="/">首页</a><a href="/fg">法规库</a></div>
<ul id="mainNav"><li>首页</li><li>立法动态</li></ul>
<div class="position">当前位置：首页 &gt; 法规库</div>
<div class="container">
  <div class="left-col"><h1 class="title">北京市促进科技条例</h1>
  <div class="info">来源：北京人大网　发布时间：2023-11-24</div>
  <div id="Zoom">
    <p align="center">（2023年11月24日北京市第十六届人民代表大会常务委员会第六次会议通过）</p>
    <p>第一章　总　　则</p>
    <p>&nbsp;&nbsp;&nbsp;&nbsp;第一条　为了规范地方性法规的制定，
根据宪法和立法法，制定本条例。</p>
    <p>　　第二条　本条例适用于<br>本市行政区域内的立法活动。</p>
    <p>第三条　“&lt;script&gt;”是字面文字，<b>保留</b>。</p>
  </div></div>
  <div class="sidebar"><h3>相关法规</h3><p>北京市其他条例</p></div>
</div>
<div class="footer">版权所有：北京市人大常委会 京ICP备05000000号</div>
<noscript>请启用脚本</noscript>
</body></html>"""
PAGE_TEXT = (
    "北京市促进科技条例\n"
    "（2023年11月24日北京市第十六届人民代表大会常务委员会第六次会议通过）\n"
    "第一章　总　　则\n"
    "第一条　为了规范地方性法规的制定，根据宪法和立法法，制定本条例。\n"
    "第二条　本条例适用于\n本市行政区域内的立法活动。\n"
    "第三条　“<script>”是字面文字，保留。"
)


@pytest.mark.parametrize("charset, codec, encoding", [
    ("utf-8", "utf-8", "utf-8"), ("gb2312", "gb18030", "gb18030"), ("GBK", "gbk", "gb18030"),
])
def test_html_official_page(tmp_path, charset, codec, encoding):
    src = read_source(write(tmp_path, "page.html", PAGE.format(charset=charset).encode(codec)))
    assert (src.format, src.encoding) == ("html", encoding)
    assert src.text == PAGE_TEXT


def test_html_gb18030_page_outside_gb2312(tmp_path):
    page = '<html><head><meta charset="gb18030"></head><body><p>第一条　朱镕基与王䶮、𠀀。</p></body></html>'
    src = read_source(write(tmp_path, "page.htm", page.encode("gb18030")))
    assert src.text == "第一条　朱镕基与王䶮、𠀀。" and src.encoding == "gb18030"


def test_html_big5_page_with_conversion(tmp_path):
    page = '<html><head><meta charset="big5"></head><body><p>第一條　為了規範。</p><p>第二條　適用於本省。</p></body></html>'
    path = write(tmp_path, "page.html", page.encode("big5"))
    assert read_source(path).text == "第一條　為了規範。\n第二條　適用於本省。"
    assert read_source(path, traditional_to_simplified=True).text == "第一条　为了规范。\n第二条　适用于本省。"


def test_html_wrong_meta_charset_but_valid_utf8(tmp_path):
    page = '<html><head><meta charset="gbk"></head><body><p>第一条　正文。</p></body></html>'
    assert read_source(write(tmp_path, "page.html", page)).text == "第一条　正文。"


def test_html_western_meta_charset_not_believed_for_chinese(tmp_path):
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>第一条　为了规范地方性法规的制定。</p></body></html>'
    src = read_source(write(tmp_path, "page.html", page.encode("gbk")))
    assert src.text == "第一条　为了规范地方性法规的制定。" and src.encoding == "gb18030"


def test_mhtml_archive_refused(tmp_path):
    data = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\n"
    assert "MHTML" in expect_error(write(tmp_path, "page.mht", data), "unsupported_format").message("en")


def test_html_without_provisions_keeps_body_text(tmp_path):
    page = "<html><body><nav>导航</nav><div>说明文字</div><p>第二段</p></body></html>"
    assert read_source(write(tmp_path, "page.html", page)).text == "说明文字\n第二段"


def test_html_content_container_with_nav_like_class_is_kept(tmp_path):
    page = ('<html><body><div class="menu">首页</div><div class="content search-result">'
            f"<p>{ART1}</p><p>{ART2}</p></div></body></html>")
    assert read_source(write(tmp_path, "page.html", page)).text == f"{ART1}\n{ART2}"


def test_html_table_cells_and_pre(tmp_path):
    page = ("<html><body><table><tr><td>序号</td><td>事项</td></tr><tr><td>1</td><td>备案</td></tr></table>"
            "<pre>第一条  保留\n  空格</pre></body></html>")
    assert read_source(write(tmp_path, "page.html", page)).text == "序号\t事项\n1\t备案\n第一条 保留\n空格"


@pytest.mark.parametrize("page", [
    "<html><body><script>document.write('第一条')</script><style>p{}</style></body></html>",
    "<html><head><title>只有标题</title></head><body>   </body></html>",
    "<!DOCTYPE html><html></html>",
])
def test_html_without_text_is_empty(tmp_path, page):
    expect_error(write(tmp_path, "page.html", page), "empty")


def test_html_hostile_input_does_not_hang(tmp_path):
    deep = "<html><body>" + "<div>" * 50000 + "深层" + "</div>" * 50000 + f"<p>{ART1}</p></body></html>"
    bomb = ('<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body><p>&c;&c;&c;</p>'
            f"<p>{ART1}</p><script>{'x' * 100000}</script></body></html>")
    unclosed = "<html><body>" + "<p><b><i><span>" * 2000 + ART1
    for name, page in (("deep.html", deep), ("bomb.html", bomb), ("unclosed.html", unclosed)):
        start = time.process_time()
        try:
            text = read_source(write(tmp_path, name, page)).text
            assert "aaaaaaaaaa" not in text and "xxxx" not in text
        except Exception as exc:  # an InputError is acceptable, nothing else
            assert type(exc).__name__ == "InputError"
        assert time.process_time() - start < 5


# --- .docx ----------------------------------------------------------------------------------

def make_docx(path, numbered: bool = False) -> None:
    document = docx.Document()
    document.add_paragraph("北京市促进科技条例")
    document.add_paragraph("（2023年11月24日通过）")
    document.add_paragraph(ART1)
    if numbered:
        document.add_paragraph("第%1条 的正文由自动编号产生", style="List Number")
        document.add_paragraph("又一条", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "事项"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "备案"
    document.add_paragraph(ART2)
    document.save(path)


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    path = tmp_path / "law.docx"
    make_docx(path)
    src = read_source(path)
    assert (src.format, src.encoding, src.warnings) == ("docx", "utf-8", ())
    assert src.text == f"北京市促进科技条例\n（2023年11月24日通过）\n{ART1}\n序号\t事项\n1\t备案\n{ART2}"


def test_docx_auto_numbering_warned(tmp_path):
    path = tmp_path / "law.docx"
    make_docx(path, numbered=True)
    assert read_source(path).warnings == ("auto_numbering:2",)


def test_docx_direct_numbering_and_tracked_changes(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("第一条　本条例自")
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>公布之日</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>明年</w:delText></w:r></w:del>'))
    paragraph.add_run("起施行。")
    numbered = document.add_paragraph("编号段落")
    numbered._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    path = tmp_path / "law.docx"
    document.save(path)
    src = read_source(path)
    assert src.text == "第一条　本条例自公布之日起施行。\n编号段落"
    assert src.warnings == ("auto_numbering:1", "docx_changes:accepted:2")
    original = read_source(path, docx_view="original")
    assert original.text == "第一条　本条例自明年起施行。\n编号段落"
    assert original.warnings == ("auto_numbering:1", "docx_changes:original:2")


def test_docx_comments_are_counted_and_said_in_the_report(tmp_path):
    from compare.structure.describe import describe_warning

    document = docx.Document()
    paragraph = document.add_paragraph("第一条　本条例自公布之日起施行。")
    paragraph._p.insert(0, parse_xml(f'<w:commentRangeStart {nsdecls("w")} w:id="0"/>'))
    paragraph._p.append(parse_xml(f'<w:commentRangeEnd {nsdecls("w")} w:id="0"/>'))
    path = tmp_path / "law.docx"
    document.save(path)
    src = read_source(path)
    assert src.text == "第一条　本条例自公布之日起施行。" and src.warnings == ("docx_comments:1",)
    assert describe_warning("docx_changes:original:2") == "该 Word 文件含 2 处修订痕迹：按修订前的文本比较（--docx-view accepted 则按接受修订后的文本比较）"
    assert "1 comment(s)" in describe_warning("docx_comments:1", "en")


def test_docx_with_wrong_extension_sniffed(tmp_path):
    path = tmp_path / "law.txt"
    make_docx(path)
    assert read_source(path).format == "docx"


def test_docx_truncated(tmp_path):
    path = tmp_path / "law.docx"
    make_docx(path)
    data = path.read_bytes()
    expect_error(write(tmp_path, "cut.docx", data[: len(data) // 2]), "corrupt")
    expect_error(write(tmp_path, "cut.txt", data[: len(data) // 2]), "corrupt", "unsupported_format")


def test_docx_without_text_is_empty(tmp_path):
    path = tmp_path / "blank.docx"
    docx.Document().save(path)
    expect_error(path, "empty")
