"""Plain data of an amendment decision (修改决定): its instructions and where they point.

An ``Instruction`` is one change in drafting language, always addressed in the *old*
text's numbering (the text being amended). ``Decision`` is the whole instrument: the
title of the law amended, the instructions in order and the commencement date.

Kinds (``Instruction.kind``) and their conventional Chinese forms:

=================  ==========================================================
``replace``        将第X条[第Y款[第Z项]]修改为："…"
``substitute``     将第X条[第Y款]、第W条中的"A"修改为"B"
``delete_text``    删去第X条[第Y款]中的"A"
``insert_text``    在第X条[第Y款]中的"A"后增加"B"
``add_paragraph``  在第X条中增加一款，作为第Y款："…"
``add_item``       在第X条[第Y款]中增加一项，作为第Z项："…" (the later 项 numbered on)
``delete_paragraph`` 删去第X条第Y款
``add_article``    在第X条后增加一条，作为第Y条："…" (``before``: 在第X条前…; ``sub``: 作为第X条之一)
``delete``         删去第X条[、第W条], or 删去第X章 (``heading``): all its articles, so its heading
``merge``          将第X条、第W条合并，作为第Z条[，修改为："…"]
``rename_heading`` 将第X章[第Y节]的章名[节名]修改为"…" (``heading``: 第X章…, ``new``: the title)
``add_heading``    在第X条前增加一章，作为第Y章，章名为"…" (``heading``: its address once amended)
``delete_heading`` 删去第X章[第Y节]的章名[节名] (its articles join the heading before it)
``move_heading``   将第X章的章名移至第N条前 (the heading now opens at 第N条)
=================  ==========================================================

A heading that opens at an added article is written inside that article's quoted text
(在第X条后增加一章，作为第Y章：“第Y章　…“第N条　…”): ``Instruction.headings`` of the
first added article under it.

Article 0 stands for the preamble (序言), article -1 for the title (名称).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

KINDS = ("replace", "substitute", "delete_text", "insert_text", "add_paragraph", "add_item", "delete_paragraph",
         "add_article", "delete", "merge", "rename_heading", "add_heading", "delete_heading", "move_heading",
         "renumber")  # renumber: a stated new number (第A条至第B条相应改为第C条至第D条), checked, changes nothing
HEADING_KINDS = ("rename_heading", "add_heading", "delete_heading", "move_heading")


WHOLE_UNIT = "全部"  # ``heading`` of a replace whose ``old`` lines must be all of the unit's 款 (“A”“B”修改为…)
ArticleKey = tuple[int, int]  # an article's place: (ordinal, N of 第X条之N; 0 for a plain number)
PREAMBLE: ArticleKey = (0, 0)
TITLE: ArticleKey = (-1, 0)  # the text's name (将名称修改为), addressed like a one-款 article


@dataclass(frozen=True)
class Target:
    """第X条[之N][第Y款[第Z项]]: article ordinal, 款 and 项 numbers (1-based) and the N of
    第X条之N (0 for a plain number), in the old text."""

    article: int
    paragraph: int | None = None
    item: int | None = None
    sub: int = 0

    @property
    def key(self) -> ArticleKey:
        """The article addressed, as provisions are keyed (``provision_key``)."""
        return (self.article, self.sub)


def target_at(key: ArticleKey, paragraph: int | None = None, item: int | None = None) -> Target:
    """The ``Target`` of the article ``key`` (or of one of its 款 / 项)."""
    return Target(key[0], paragraph, item, key[1])


@dataclass(frozen=True)
class Instruction:
    """One amending instruction.

    ``old`` is the quoted text A (substitute, delete_text) or the anchor text after which
    ``new`` is inserted (insert_text); ``new`` is B or the full replacement / added text,
    its 款 joined by "\\n". ``position`` is the number the added or merged unit gets in
    the amended text (作为第Y条 / 第Y款 / 第Z条). ``heading`` is the address of a heading
    (第二章, 第二章第一节) in the old text (rename, delete and move; ``targets`` empty
    except for a move's 第N条) or, for ``add_heading``, in the amended one.
    ``source`` is the instruction as written, kept by the parser for error messages.
    """

    kind: str
    targets: tuple[Target, ...]
    old: str = ""
    new: str = ""
    position: int | None = None
    before: bool = False
    source: str = ""
    heading: str = ""
    sub: int = 0  # 作为第X条之N (a 修正案-style insertion, no renumbering): N, with position X
    headings: tuple[str, ...] = ()  # add_article: heading lines opening before it ("第六章　法律责任")
    last: int | None = None  # add_item / add_paragraph: the last old 项/款 a stated renumbering names

    @property
    def place(self) -> ArticleKey:
        """The number an added or merged article gets in the amended text: (Y, N) of 第Y条之N."""
        return (self.position or 0, self.sub)


def split_out(ins: Instruction) -> bool:
    """将第X条第Y款单列一条，作为第Z条: an added article made of (or replacing) a 款 of 第X条."""
    return ins.kind == "add_article" and bool(ins.targets) and ins.targets[0].paragraph is not None


@dataclass(frozen=True)
class WordingCheck:
    """A jurisdiction word ``harmonise`` carried over by role with nothing in the amended
    text to confirm it: the article (the amended text's number, or the base's for an added
    one), the word as the base has it, as drafted, and the reading by referent not taken."""

    article: int
    base: str
    drafted: str
    absolute: str


_NESTED = str.maketrans("“”‘’", "‘’“”")


def nest_quotes(text: str) -> str:
    """A text quoted in an instruction: its own quotation marks one level down (“双城记” →
    ‘双城记’, and ‘…’ → “…”), as Chinese drafting nests them."""
    return text.translate(_NESTED)


def unnest_quotes(text: str) -> str:
    """``nest_quotes`` undone for a quoted text that uses single quotes; one with only
    double quotes (a decision that did not nest them) is taken as written."""
    return text.translate(_NESTED) if "‘" in text or "’" in text else text


def with_quotes(ins: Instruction, convert: Callable[[str], str]) -> Instruction:
    """The instruction with ``convert`` applied to its quoted texts."""
    return replace(ins, old=convert(ins.old), new=convert(ins.new))


@dataclass
class Decision:
    """A 修改决定: ``title`` is the amended law's title (without 《》)."""

    title: str
    instructions: list[Instruction] = field(default_factory=list)
    effective: str | None = None  # "YYYY-MM-DD", "公布之日" or None (then 公布之日)
    unit: str = "条"  # what the provisions are called: 条 (articles or 一、 items of a decision)
    redrafted: tuple[ArticleKey, ...] = ()  # old provisions the drafting self-check turned into 修改为
    checks: tuple[WordingCheck, ...] = ()  # harmonise: jurisdiction words rendered without evidence
    name: str = ""  # a published instrument's own title: 中华人民共和国刑法修正案（十二）
    adopted: str = ""  # …and when and by whom it was adopted: 2023年12月29日 第十四届…第七次会议
    style: str = "decision"  # decision (关于修改《…》的决定) or amendment (…修正案: 将刑法第X条修改为)
    ordinal: int = 0  # an amendment's number: 12 for …修正案（十二） (0: none known)
