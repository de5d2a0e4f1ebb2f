"""Extract the text of a Word .docx file with python-docx.

Body paragraphs and tables are read in document order (as ``Document.iter_inner_content()``
does, plus the content of block-level content controls). A paragraph's text includes
hyperlinks and leaves out text boxes. Tracked changes are read in one of two views: "accepted"
(the default: insertions in, deletions out, as if every change were accepted) or "original"
(as before the changes); a file with tracked changes gets the warning
``docx_changes:VIEW:N`` and one with comments ``docx_comments:N`` (comments are not read),
so the report says which text was compared. A table
row becomes one line with its cells separated by tabs; a one-cell row (a layout table)
gives its paragraphs as lines. Word auto-numbering ("第%1条" list levels) is not part of
the text: paragraphs that use it are counted and reported as warning
``auto_numbering:N``. Headers, footers, footnotes and comments are not read.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn

from ..errors import InputError
from .base import Extracted, check_package_size

MAX_TABLE_DEPTH = 32

_W_P, _W_TBL, _W_TR, _W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_W_T, _W_TAB, _W_BR, _W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_W_NOBREAK_HYPHEN = qn("w:noBreakHyphen")
# Subtrees whose text is not part of the paragraph as read, in each view of tracked changes.
_NEVER = {qn(t) for t in ("w:txbxContent", "w:pPr", "w:rPr", "w:instrText", "w:delInstrText",
                          "w:footnoteReference", "w:endnoteReference", "w:commentReference")}
_INSERTED, _DELETED = {qn("w:ins"), qn("w:moveTo")}, {qn("w:del"), qn("w:moveFrom")}
VIEWS = ("accepted", "original")
_SKIP = {"accepted": _NEVER | _DELETED, "original": _NEVER | _INSERTED}
_TEXT = {"accepted": {_W_T}, "original": {_W_T, qn("w:delText")}}
_BLOCKS = ("./w:p | ./w:tbl | ./w:sdt/w:sdtContent/w:p | ./w:sdt/w:sdtContent/w:tbl"
           " | ./w:customXml/w:p | ./w:customXml/w:tbl")


def read_docx(data: bytes, shown: str, view: str = "accepted") -> Extracted:
    """Read a .docx file's body text, one paragraph per line, in ``view`` of its tracked changes."""
    _check_archive(data, shown)
    try:
        document = docx.Document(io.BytesIO(data))
        numbered_styles = _numbered_styles(document)
        lines: list[str] = []
        numbered = _read_blocks(document.element.body, lines, numbered_styles, 0, view)
        changes, comments = _revisions(document)
    except MemoryError:
        raise
    except Exception as exc:  # any failure inside the package or its XML means a damaged file
        if "Excessive depth" in str(exc):  # libxml2's nesting limit (256 levels)
            raise InputError(shown, "too_deep", limit=256) from None
        raise InputError(shown, "corrupt", kind="Word .docx") from None
    warnings = ((f"auto_numbering:{numbered}",) if numbered else ()) + \
        ((f"docx_changes:{view}:{changes}",) if changes else ()) + ((f"docx_comments:{comments}",) if comments else ())
    return Extracted("\n".join(lines), "utf-8", warnings)


def _revisions(document: docx.document.Document) -> tuple[int, int]:
    """How many tracked changes the body holds, and how many comments the file has."""
    body = document.element.body
    changes = sum(1 for e in body.iter(*(_INSERTED | _DELETED)))
    comments = sum(1 for _ in body.iter(qn("w:commentRangeStart"))) or sum(1 for _ in body.iter(qn("w:commentReference")))
    return changes, comments


def _check_archive(data: bytes, shown: str) -> None:
    """Refuse a damaged archive or one that would unpack to an unreasonable size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(shown, "corrupt", kind="Word .docx") from None
    if "word/document.xml" not in {info.filename for info in infos}:
        raise InputError(shown, "corrupt", kind="Word .docx")
    check_package_size(infos, shown)


def _numbered_styles(document: docx.document.Document) -> set[str]:
    """Ids of paragraph styles that carry numbering, directly or through ``basedOn``."""
    styles = document.styles.element
    based_on: dict[str, str] = {}
    direct: set[str] = set()
    for style in styles.findall(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        if not sid:
            continue
        base = style.find(qn("w:basedOn"))
        if base is not None and base.get(qn("w:val")):
            based_on[sid] = base.get(qn("w:val"))
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None and num_id.get(qn("w:val")) not in (None, "0"):
            direct.add(sid)
    result = set()
    for sid in set(based_on) | direct:
        seen, current = set(), sid
        while current and current not in seen:
            if current in direct:
                result.add(sid)
                break
            seen.add(current)
            current = based_on.get(current)
    return result


def _is_numbered(p, numbered_styles: set[str]) -> bool:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        return False
    num_id = ppr.find(f"{qn('w:numPr')}/{qn('w:numId')}")
    if num_id is not None:
        return num_id.get(qn("w:val")) != "0"  # numId 0 switches inherited numbering off
    style = ppr.find(qn("w:pStyle"))
    return style is not None and style.get(qn("w:val")) in numbered_styles


def _read_blocks(container, lines: list[str], numbered_styles: set[str], depth: int, view: str) -> int:
    """Append the lines of ``container``'s paragraphs and tables; return numbered paragraphs."""
    numbered = 0
    for block in container.xpath(_BLOCKS):
        if block.tag == _W_P:
            text = paragraph_text(block, view)
            if text.strip():
                lines.extend(part for part in text.split("\n") if part.strip())
                numbered += _is_numbered(block, numbered_styles)
        else:
            numbered += _read_table(block, lines, numbered_styles, depth + 1, view)
    return numbered


def _read_table(tbl, lines: list[str], numbered_styles: set[str], depth: int, view: str) -> int:
    numbered = 0
    for tr in tbl.iterchildren(_W_TR):
        cells = list(tr.iterchildren(_W_TC))
        if len(cells) == 1 and depth <= MAX_TABLE_DEPTH:
            numbered += _read_blocks(cells[0], lines, numbered_styles, depth, view)
            continue
        texts = []
        for tc in cells:
            paragraphs = (paragraph_text(p, view) for p in tc.iter(_W_P))
            texts.append(" ".join(t.replace("\n", " ").strip() for t in paragraphs if t.strip()))
        if any(texts):
            lines.append("\t".join(texts))
    return numbered


def paragraph_text(p, view: str = "accepted") -> str:
    """The text of a ``w:p`` element as Word shows it in ``view``, without auto-numbering."""
    skip, text_tags = _SKIP[view], _TEXT[view]
    out: list[str] = []
    stack = [iter(p)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        tag = node.tag
        if not isinstance(tag, str) or tag in skip:
            continue
        if tag in text_tags:
            out.append(node.text or "")
        elif tag == _W_TAB:
            out.append("\t")
        elif tag in (_W_BR, _W_CR):
            if node.get(qn("w:type")) not in ("page", "column"):
                out.append("\n")
        elif tag == _W_NOBREAK_HYPHEN:
            out.append("-")
        elif tag == _W_P:
            continue  # a paragraph nested in a text box or shape: not in the flow
        else:
            stack.append(iter(node))
    return "".join(out)

