"""Extract the text of a law from an HTML page saved from an official site.

Steps: decode the bytes (BOM, valid UTF-8, the page's ``<meta charset>``, then a guess;
GBK pages are decoded as GB18030); parse with lxml.html (no network, comments and
processing instructions dropped; libxml2's "huge" mode so pages nested up to
``MAX_HTML_DEPTH`` levels parse, deeper ones are refused with a message); remove page furniture (scripts, styles,
navigation, headers, footers, hidden and navigation-like elements); keep the main content
container (the deepest element holding nearly all ``第X条`` / ``一、`` lines) plus the
law's title just before it; render block elements and ``<br>`` as line breaks.
"""

from __future__ import annotations

import re

import lxml.etree as etree
import lxml.html

from ..errors import InputError
from .base import Extracted
from .decode import decode_bytes

MAX_HTML_DEPTH = 2048  # libxml2's nesting limit in huge mode (256 otherwise)
# Elements that never hold the law's text.
DROP_TAGS = {
    "head", "title", "script", "style", "noscript", "template", "nav", "aside", "iframe",
    "frame", "frameset", "object", "embed", "svg", "math", "canvas", "button", "select",
    "textarea", "input", "map", "audio", "video", "link", "meta",
}
# Page header and footer, unless inside the article (where <header> holds the title).
PAGE_TAGS = {"header", "footer"}
BLOCK_TAGS = {
    "address", "article", "blockquote", "body", "center", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li",
    "main", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul",
    "caption", "header", "footer",
}
CELL_TAGS = {"td", "th"}
# Words in class/id values that mark navigation and page furniture (pinyin ones included).
NAV_WORDS = {
    "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "crumb",
    "crumbs", "sidebar", "sidenav", "subnav", "toolbar", "topbar", "share", "bdshare",
    "copyright", "banner", "pagination", "pager", "skip", "login", "search", "searchbox",
    "related", "cookie", "cookies", "advert", "ads", "qrcode", "ewm", "daohang", "weizhi",
    "position", "location", "curpos", "friendlink", "links",
}
NAV_SUFFIXES = ("nav", "menu", "crumb", "crumbs")
PAGE_WORDS = {"header", "footer", "head", "foot", "top", "bottom", "site-header", "site-footer",
              "page-footer", "g-header", "g-footer"}
TITLE_WORDS = {"title", "tit", "bt", "biaoti", "headline"}
_WORD_SPLIT = re.compile(r"[\s_\-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""")
_NUM = "零〇一二三四五六七八九十百千两0-9０-９"
MARKER = re.compile(rf"^(第[{_NUM}]+[条章节编]|[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十]+[）)])")
LAW_TITLE = re.compile(r"(条例|法|规定|决定|办法|细则|规则|决议|章程|规程|准则)\s*(（[^）]*）)?$")
ADOPTION = re.compile(r"^[（(].{4,120}(通过|批准|修正|修订|公布|施行)[^（）()]*[）)]$")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_LINE_SPACES = re.compile(r"[ \u00a0]+")
_STRIP = " \t\u00a0\u3000\u200b"


def read_html(data: bytes, shown: str) -> Extracted:
    """Decode an HTML page and extract the law's text, one paragraph per line."""
    text, encoding = decode_bytes(data, shown, declared=declared_charset(data))
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, no_network=True,
                                  remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise InputError(shown, "empty") from None
    if any("Excessive depth" in entry.message for entry in parser.error_log):  # libxml2 stopped there
        raise InputError(shown, "too_deep", limit=MAX_HTML_DEPTH)
    body = root.find("body")
    if body is None:
        body = root
    _remove_furniture(body)
    return Extracted(extract_text(body), encoding)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in ``<meta charset>`` or an XML declaration."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def extract_text(body: lxml.html.HtmlElement) -> str:
    """The text of the main content (with the law's title) under ``body``."""
    core = _main_container(body)
    lines = _render(core)
    if core is not body:
        lines = _lead_lines(body, core, lines) + lines
    return "\n".join(lines)


def _words(el: lxml.html.HtmlElement) -> tuple[set[str], set[str]]:
    """(words of the class and id values, whole class/id values), lower case."""
    values = [v.lower() for v in ((el.get("class") or "").split() + [el.get("id") or ""]) if v]
    words = {w for v in values for w in _WORD_SPLIT.split(v) if w}
    return words, set(values)


def _is_furniture(el: lxml.html.HtmlElement) -> bool:
    tag = el.tag
    if tag in DROP_TAGS:
        return True
    if tag in PAGE_TAGS and not any(a.tag in ("article", "main") for a in el.iterancestors()):
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    words, values = _words(el)
    if values & PAGE_WORDS or words & NAV_WORDS:
        return True
    return any(w.endswith(NAV_SUFFIXES) for w in words)


def _remove_furniture(body: lxml.html.HtmlElement) -> None:
    """Drop furniture elements (keeping their tail text), but never one holding provisions."""
    doomed = [el for el in body.iter() if isinstance(el.tag, str) and el is not body and _is_furniture(el)]
    for el in doomed:
        if el.tag not in DROP_TAGS and _marker_count(el) >= 2:
            continue  # a mislabelled content container
        if el.getparent() is not None:
            el.drop_tree()


def _marker_count(el: lxml.html.HtmlElement) -> int:
    nodes = [el.text] + [c.text for c in el.iterdescendants()] + [c.tail for c in el.iterdescendants()]
    return sum(1 for t in nodes if t and MARKER.match(t.strip(_STRIP + "\r\n")))


def _main_container(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The deepest element holding at least 90% of the provision-start text nodes."""
    counts: dict[lxml.html.HtmlElement, int] = {}
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        for text, owner in ((el.text, el), (el.tail, el.getparent())):
            if owner is None or not text or not MARKER.match(text.strip(_STRIP + "\r\n")):
                continue
            counts[owner] = counts.get(owner, 0) + 1
            for ancestor in owner.iterancestors():
                counts[ancestor] = counts.get(ancestor, 0) + 1
    total = counts.get(body, 0)
    if total < 2:
        return body
    core = body
    while True:
        child = next((c for c in core if counts.get(c, 0) >= 0.9 * total), None)
        if child is None:
            return core
        core = child


def _lead_lines(body: lxml.html.HtmlElement, core: lxml.html.HtmlElement, lines: list[str]) -> list[str]:
    """The title (and adoption note) printed before the content container, if it lacks them."""
    skip = set(core.iterancestors())
    title: str | None = None
    notes: list[str] = []
    for el in body.iter():
        if el is core:
            break
        if el in skip or not isinstance(el.tag, str) or len(el) > 3:
            continue
        words, _ = _words(el)
        is_heading = el.tag in ("h1", "h2", "h3") or bool(words & TITLE_WORDS)
        if not is_heading and title is None:
            continue
        text = " ".join(_render(el))
        if not text or len(text) > 120:
            continue
        if is_heading and LAW_TITLE.search(text):
            title, notes = text, []
        elif title is not None and ADOPTION.match(text) and text not in notes:
            notes.append(text)
    head = {_SPACES.sub("", line) for line in lines[:4]}
    return [t for t in ([title] if title else []) + notes if _SPACES.sub("", t) not in head]


def _render(el: lxml.html.HtmlElement) -> list[str]:
    """Non-empty lines of ``el``'s text: blocks and <br> break lines, cells are tab-separated."""
    out: list[str] = []
    pre = 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if tag == "br" or tag in BLOCK_TAGS:
                out.append("\n")
            if tag == "pre":
                pre += 1
            if node.text and tag:
                out.append(_whitespace(node.text, pre))
        else:
            if tag in BLOCK_TAGS:
                out.append("\n")
            elif tag in CELL_TAGS:
                out.append("\t")
            if tag == "pre":
                pre -= 1
            if node is not el and node.tail:
                out.append(_whitespace(node.tail, pre))
    lines = []
    for line in "".join(out).split("\n"):
        line = _LINE_SPACES.sub(" ", line.strip(_STRIP + "\r"))
        if line:
            lines.append(line)
    return lines


def _whitespace(text: str, pre: int) -> str:
    """HTML whitespace rules: runs collapse to one space, or vanish at a break between CJK."""
    if pre:
        return text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text))
