"""Plain data types passed between the pipeline stages.

Each stage takes and returns these values only, so stages can be tested, replaced and
stored independently:

``SourceText`` (ingest) → ``Document`` of ``Provision`` (structure) → ``Jurisdiction``
attached to the document (jurisdiction) → ``AlignmentRow`` (align) → ``Span`` lists (diff)
→ ``Difference`` (classify) → ``Comparison`` (the whole result, stored and rendered).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Difference categories, from lightest to weightiest. ``structural`` differences (a
# provision added, deleted, absent, unmatched, moved, split, merged or renumbered: see
# compare.classify.structural) stand for their class in a row's status.
CATEGORIES = ("formatting", "jurisdictional", "institution", "structural", "substantive")
# Row statuses, lightest first: a row's status is the weightiest status among its
# differences (a category, or a structural class), "identical" when there are none.
# "missing" is only read back from comparisons stored before structural differences
# existed (JSON schema_version 1): a document lacked the row, and nothing more was said.
STATUSES = ("identical", "formatting", "jurisdictional", "institution", "renumbered", "moved",
            "split", "merged", "unmatched", "substantive", "absent", "deleted", "added", "missing")


@dataclass(frozen=True)
class SourceText:
    """A decoded input file: the original text kept for display."""

    path: str  # the path as the user gave it
    name: str  # file name without directories
    text: str  # decoded text, line breaks normalised to "\n", nothing else changed
    encoding: str  # detected or declared encoding, e.g. "utf-8", "gb18030"
    format: str  # "txt", "md", ...
    sha256: str  # hash of the raw bytes, identifies the input
    warnings: tuple[str, ...] = ()  # reader warnings, e.g. "auto_numbering:12" (see compare.ingest)


@dataclass(frozen=True)
class Clause:
    """A sub-provision: a 款 (paragraph), 项 (item, （一）) or 目 (sub-item, 1.).

    A provision's clauses are its sub-provision tree flattened in pre-order; the tree is in
    the ids: ``ch2/art10/p2`` is the second paragraph, ``ch2/art10/p2/i3`` its third item,
    ``ch2/art10/p2/i3/s1`` that item's first sub-item.
    """

    id: str
    kind: str  # "paragraph" | "item" | "subitem"
    number: str  # the number as written: "（三）", "1.", "" for a paragraph
    text: str  # the text without the number


@dataclass(frozen=True)
class Provision:
    """One alignable unit of a text: the preamble, an item (一、) or an article (第X条).

    ``paragraphs`` are its 款 as displayed (the number prefix removed); ``text`` joins
    them with newlines.
    """

    id: str  # stable id from the place in the tree, e.g. "preamble", "item5", "ch2/art10"
    kind: str  # "preamble" | "item" | "article"
    number: str  # the number as written: "五", "第五条", "序言"
    ordinal: int | None  # numeric value of the number (5), None for the preamble
    paragraphs: tuple[str, ...]
    chapter: str | None = None  # heading of the enclosing chapter, e.g. "第二章　管理"
    part: str | None = None  # heading of the enclosing 编, e.g. "第三编 合同"
    subpart: str | None = None  # heading of the enclosing 分编, e.g. "第一分编 通则"
    section: str | None = None  # heading of the enclosing 节, e.g. "第一节 一般规定"
    clauses: tuple[Clause, ...] = ()  # the 款/项/目 tree, flattened in pre-order

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Jurisdiction:
    """The body that enacted a text: a division of China, with how it calls itself."""

    name: str  # full name, e.g. "北京市"
    level: str  # "province" | "prefecture" | "county"
    self_words: tuple[str, ...]  # words the text uses for itself: ("本市",) or ("本省",)
    government_prefix: str  # prefix of its own organs without a name: "市", "省", "自治区"
    code: str | None = None  # administrative division code, when known
    source: str = "inferred"  # "inferred" from the text or "given" by the user


@dataclass(frozen=True)
class Document:
    """A parsed text: metadata plus the ordered alignable provisions."""

    id: str  # short id used in rows and JSON, unique within a comparison
    source: SourceText
    title: str
    adoption_note: str | None  # the （…通过） line, without brackets
    adopted: str | None  # adoption date "YYYY-MM-DD" when the note gives one
    provisions: tuple[Provision, ...]
    jurisdiction: Jurisdiction | None = None
    warnings: tuple[str, ...] = ()
    enacting_body: str | None = None  # e.g. "北京市人民代表大会常务委员会"
    session: str | None = None  # e.g. "第十六届人民代表大会常务委员会第六次会议"
    revisions: tuple[str, ...] = ()  # revision-history notes, oldest first ("…第一次修正")
    effective: str | None = None  # "YYYY-MM-DD", or the phrase "公布之日" / "发布之日"
    version_date: str | None = None  # date of the latest adoption or revision note: which version this is


@dataclass(frozen=True)
class Span:
    """One piece of a diff: ``op`` is "equal", "delete" or "insert".

    Equal spans may still differ in surface between the two texts when they are
    equivalent (punctuation width, a resolved self-reference): ``old`` and ``new``
    then hold both surfaces and ``cls`` names the equivalence.
    """

    op: str
    old: str
    new: str
    cls: str | None = None
    mark: str | None = None  # "jurisdiction" for wording that names a jurisdiction (本市, 天津市)


@dataclass(frozen=True)
class Difference:
    """One classified difference between a provision and its counterpart."""

    document: str  # id of the document that reads ``new``
    against: str  # id of the document that reads ``old``
    category: str  # one of CATEGORIES
    cls: str  # finer class, e.g. "punctuation", "self_reference", "list_item", "wording"
    old: str
    new: str
    rule: str | None = None  # human-readable explanation of an equivalence


@dataclass(frozen=True)
class Cell:
    """The provision(s) one document contributes to a row."""

    provisions: tuple[Provision, ...]
    moved: bool = False

    @property
    def number(self) -> str:
        return "、".join(p.number for p in self.provisions)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.provisions)


@dataclass(frozen=True)
class Counterpart:
    """A provision of another text that regulates the same matter as a row's base provision
    (texts matched by content, ``compare.align.content``)."""

    provision: str  # id of the provision in its own document
    number: str  # its number as written, e.g. "第五条"
    similarity: float  # content similarity, 0..1, two decimals
    terms: tuple[str, ...]  # key terms both provisions share, weightiest first
    placed: bool = True  # in this row's cell; False when it stands in another row (另见)
    via: tuple[tuple[str, str], ...] = ()  # (doc id, number) of other texts' provisions in the row that placed it


@dataclass(frozen=True)
class AlignmentRow:
    """One row of the alignment table: at most one cell per document."""

    id: str
    label: str
    cells: dict[str, Cell | None]
    status: str = "identical"
    differences: list[Difference] = field(default_factory=list)
    spans: dict[str, tuple[Span, ...]] = field(default_factory=dict)  # doc id → diff vs base
    majority: tuple[str, ...] = ()  # ids of the documents sharing the most common reading
    counterparts: dict[str, tuple[Counterpart, ...]] = field(default_factory=dict)  # doc id → by content


@dataclass(frozen=True)
class Comparison:
    """The whole result of comparing N documents."""

    documents: tuple[Document, ...]
    base: str  # id of the document the others are diffed against
    rows: list[AlignmentRow]
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Token:
    """A word of a provision's text as the diff sees it.

    ``surface`` is the text as written; ``key`` is what it means for comparison: equal keys
    with different surfaces are equivalent readings (punctuation width, 本市 vs 北京市 in a
    Beijing text, a rotated partner list). ``kind`` says which equivalence applies:
    "word", "space", "punct", "number", "jurisdiction", "partner_list", "institution".
    """

    surface: str
    key: str
    kind: str = "word"
    note: str | None = None  # what the key resolved to, e.g. "本市 → 北京市"
