"""Synthetic alignment cases: a real regulation and a variant made from it by known edits.

``generate(seed, count)`` picks regulations of 30–150 articles from the lawrefbook corpus
(deterministically for a seed) and returns ``Case`` values. Each case keeps the base
articles and the variant's ``Piece`` list; a piece records which base article(s) its text
comes from, which is the ground truth the aligner is scored against.

Edits (``k = max(1, n // 30)`` of each per case, on distinct, non-adjacent articles whose
text is unlike every other article of the regulation):

- ``insert``: an unrelated article from another regulation (similarity < 0.4 to all);
- ``delete``: an article dropped;
- ``replace``: an article dropped and an unrelated one written in its place (the hardest
  case for false matches: same neighbours, often the same number);
- ``move``: an article moved 3–12 positions;
- ``split``: an article cut at a random 。 into two consecutive articles (each ≥ 20 %);
- ``merge``: two consecutive articles of one chapter joined as the 款 of one article;
- ``reword10`` / ``reword30`` / ``reword50``: that fraction of the characters of Chinese
  words replaced by words (same length when possible) from the other regulation.

Moves, splits and merges are also lightly reworded (0, 0, 10, 20 or 40 %) and labelled by
how much text survives: ``split`` when the ratio of joined texts is ≥ 0.70, else
``split<70``. Untouched articles are ``kept``, or ``renumber`` when their number changed.
Moved and inserted articles land between two untouched articles, so a split's parts stay
consecutive and every edit has untouched neighbours. Variants are written with sequential
numbers, so every edit renumbers what follows.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from compare.references import parse as parse_references
from compare.errors import InputError
from compare.ingest import read_source
from compare.segment import default_segmenter
from compare.structure import parse
from compare.numerals import chinese_to_int

from .common import LAWREFBOOK

MIN_ARTICLES, MAX_ARTICLES = 30, 150
SIMILAR = 0.70  # edits at least this similar to their source count toward the F1 goal
DISTINCT = 0.5  # an edited article is less similar than this to every other article
UNRELATED = 0.4  # an inserted article is less similar than this to every base article
LIGHT_REWORD = (0.0, 0.0, 0.1, 0.2, 0.4)  # strengths drawn for moves, splits and merges
REWORD_KINDS = ("reword10", "reword30", "reword50")
NO_COUNTERPART = ("insert", "delete", "replace")
EDIT_KINDS = ("insert", "delete", "replace", "move", "split", "merge", *REWORD_KINDS)
# The extended set (``generate(..., extended=True)``): edits real amendments make that the
# basic set lacks. Each case also deletes articles, so everything after them is renumbered.
EXTENDED_KINDS = ("merge_far", "move+款", "split+insert", "delete")
_ARTICLE_LINE = re.compile(r"^第[零〇一二三四五六七八九十百千两\d]+条", re.M)
_SKIP_DIRS = ("案例", "其他")


@dataclass(frozen=True)
class Article:
    """An article's text as 款 paragraphs, with its chapter heading."""

    paragraphs: tuple[str, ...]
    chapter: str | None = None

    @property
    def text(self) -> str:
        return "".join(self.paragraphs)


@dataclass
class Piece:
    """One article of the variant: its text, its base source indices and its edit label."""

    article: Article
    sources: tuple[int, ...]  # base indices; () for an inserted article
    label: str  # "kept", "renumber", "insert", "move", "move<70", "split", "reword30", ...
    refs: str = ""  # "renumbered": its references were rewritten to follow their articles; "lost": one names a deleted article


@dataclass
class Case:
    """A base regulation, its edited variant, and the truth linking them."""

    name: str
    title: str
    note: str | None
    base: list[Article]
    variant: list[Piece]
    base_labels: list[str]  # label of each base article ("delete" for dropped ones)
    edits: list[str] = field(default_factory=list)  # one label per edit made

    @property
    def truth(self) -> set[tuple[int, int]]:
        """(base index, variant index) pairs that come from the same text."""
        return {(i, j) for j, p in enumerate(self.variant) for i in p.sources}


def candidate_files(root: Path = LAWREFBOOK) -> list[Path]:
    """Sorted corpus files with 30–150 ``第X条`` lines."""
    out = []
    for path in sorted(root.rglob("*.md")):
        if any(part in _SKIP_DIRS for part in path.relative_to(root).parts):
            continue
        count = len(_ARTICLE_LINE.findall(path.read_text(encoding="utf-8", errors="replace")))
        if MIN_ARTICLES <= count <= MAX_ARTICLES:
            out.append(path)
    return out


def load_articles(path: Path) -> tuple[str, str | None, list[Article]] | None:
    """Title, adoption note and articles of a corpus file, or None if unusable."""
    try:
        doc = parse(read_source(path), "src")
    except InputError:
        return None
    arts = [Article(tuple(p.paragraphs), p.chapter) for p in doc.provisions if p.kind == "article"]
    arts = [a for a in arts if a.paragraphs and a.text.strip()]
    if not MIN_ARTICLES <= len(arts) <= MAX_ARTICLES or sum(a.text.count("。") for a in arts) < len(arts):
        return None
    return doc.title, doc.adoption_note, arts


def generate(seed: int, count: int, root: Path = LAWREFBOOK, extended: bool = False) -> list[Case]:
    """``count`` cases from regulations sampled with ``seed`` (the extended edit kinds when
    ``extended``: ``merge_far`` two articles two places apart merged, ``move+款`` an article
    moved that gained or lost a 款, ``split+insert`` a split with an unrelated article
    inserted right after its parts, and deletions)."""
    rng = random.Random(seed)
    files = candidate_files(root)
    rng.shuffle(files)
    cases: list[Case] = []
    loaded = (x for x in ((f, load_articles(f)) for f in files) if x[1] is not None)
    for (path, base), (_, donor) in zip(loaded, loaded):  # each base gets the next file as donor
        cases.append(make_case(path.stem, base, donor[2], rng, extended))
        if len(cases) == count:
            break
    return cases


def generate_nway(seed: int, count: int, versions: int = 5, root: Path = LAWREFBOOK) -> list[list[Case]]:
    """``count`` regulations, each with ``versions`` independently edited variants (odd ones
    with the extended edit kinds), for N-way comparisons of one base with all of them."""
    rng = random.Random(seed)
    files = candidate_files(root)
    rng.shuffle(files)
    groups: list[list[Case]] = []
    loaded = (x for x in ((f, load_articles(f)) for f in files) if x[1] is not None)
    for (path, base), (_, donor) in zip(loaded, loaded):
        groups.append([make_case(path.stem, base, donor[2], rng, k % 2 == 1) for k in range(versions)])
        if len(groups) == count:
            break
    return groups


def make_case(name: str, base_info: tuple[str, str | None, list[Article]], donor: list[Article],
              rng: random.Random, extended: bool = False) -> Case:
    """Apply the planned edits to one regulation."""
    title, note, base = base_info
    texts = [a.text for a in base]
    sim = cdist(texts, texts, scorer=fuzz.ratio, workers=1) / 100.0
    for i in range(len(texts)):
        sim[i][i] = 0.0
    distinct = [float(sim[i].max()) < DISTINCT for i in range(len(texts))]
    plan = _plan(base, distinct, rng, extended)
    pool = _word_pool(donor)
    strangers = _unrelated(donor, texts, rng)
    labels = ["kept"] * len(base)
    variant: list[Piece] = []
    moves: list[Piece] = []
    edits: list[str] = []
    for i, art in enumerate(base):
        kind = plan.get(i)
        if kind == "delete" or (kind == "replace" and not strangers):
            labels[i] = "delete"
            edits.append("delete")
        elif kind == "replace":
            variant.append(Piece(Article(strangers.pop().paragraphs, art.chapter), (), "replace"))
            labels[i] = "replace"
            edits.append("replace")
        elif kind in REWORD_KINDS:
            new = _reword(art, int(kind[6:]) / 100, pool, rng)
            variant.append(Piece(new, (i,), kind))
            labels[i] = kind
            edits.append(kind)
        elif kind in ("move", "split", "merge"):
            sources = (i, i + 1) if kind == "merge" else (i,)
            joined = Article(sum((base[s].paragraphs for s in sources), ()), art.chapter)
            new = _reword(joined, rng.choice(LIGHT_REWORD), pool, rng)
            ratio = fuzz.ratio("".join(base[s].text for s in sources), new.text) / 100
            label = kind if ratio >= SIMILAR else f"{kind}<70"
            parts = _split(new, rng) if kind == "split" else [new]
            pieces = [Piece(p, sources, label) for p in parts]
            variant.extend(pieces)
            moves.extend(pieces if kind == "move" else [])
            for s in sources:
                labels[s] = label
            edits.append(label)
        elif kind in EXTENDED_KINDS:
            pieces = _extended(kind, i, base, strangers, rng)
            variant.extend(pieces)
            moves.extend(pieces if kind == "move+款" else [])
            for s in {s for p in pieces for s in p.sources}:
                labels[s] = kind
            edits.append(kind)
        elif kind != "merged":
            variant.append(Piece(art, (i,), "kept"))
    for piece in moves:
        _move(variant, piece, rng)
    _insert(variant, strangers, max(1, len(base) // 30), rng, edits)
    for j, piece in enumerate(variant):
        if piece.label == "kept" and piece.sources[0] != j:
            piece.label = labels[piece.sources[0]] = "renumber"
    renumber_references(variant)
    return Case(name, title, note, base, variant, labels, edits)


def renumber_references(variant: list[Piece]) -> None:
    """Rewrite the variant's references to this text so they follow their renumbered
    articles, as an amendment decision does (lists, ranges, 款/项 references alike)."""
    where: dict[int, int] = {}  # base article number → variant article number
    same_paragraphs: set[int] = set()  # base articles whose 款 keep their numbers in the variant
    for j, piece in enumerate(variant):
        for s in piece.sources:
            where.setdefault(s + 1, j + 1)
        if piece.sources and not piece.label.startswith(("split", "move+")):
            same_paragraphs.add(piece.sources[0] + 1)
    for piece in variant:  # an article reworded below the F1 goal's 70 % is not known to follow
        if "<70" in piece.label:
            for s in piece.sources:
                where.pop(s + 1, None)
    for piece in variant:
        texts, states = zip(*(_follow(p, where, same_paragraphs) for p in piece.article.paragraphs))
        if "lost" in states or "renumbered" in states:
            piece.refs = "lost" if "lost" in states else "renumbered"
            piece.article = Article(tuple(texts), piece.article.chapter)


def _follow(text: str, where: dict[int, int], same_paragraphs: set[int]) -> tuple[str, str]:
    """``text`` with each 第N条 of an internal reference renumbered; and "", "renumbered" or
    "lost" (a cited article is gone, or a cited 款 of it may have another number now)."""
    state, out, done = "", [], 0
    for ref in parse_references(text):
        cited = re.findall(r"第([零〇一二三四五六七八九十百千两\d]+)条第", text[ref.start:ref.end])
        if any(chinese_to_int(n) not in same_paragraphs for n in cited):
            state = "lost"

        def one(m: re.Match[str]) -> str:
            nonlocal state
            value = chinese_to_int(m.group(1))
            if value not in where:
                state = "lost"
                return m.group(0)
            if where[value] != value and state != "lost":
                state = "renumbered"
            return f"第{numeral(where[value])}条"

        out += [text[done:ref.start], re.sub(r"第([零〇一二三四五六七八九十百千两\d]+)条(?!之)", one, text[ref.start:ref.end])]
        done = ref.end
    return "".join(out) + text[done:], state


def _extended(kind: str, i: int, base: list[Article], strangers: list[Article], rng: random.Random) -> list[Piece]:
    """The variant pieces of one extended edit of base article ``i``."""
    art = base[i]
    if kind == "merge_far":  # base i and i + 2 become one article at i's place; i + 1 stays after it
        return [Piece(Article(art.paragraphs + base[i + 2].paragraphs, art.chapter), (i, i + 2), kind)]
    if kind == "move+款":
        if len(art.paragraphs) > 1 and rng.random() < 0.5:  # a 款 dropped
            return [Piece(Article(art.paragraphs[:-1], art.chapter), (i,), kind)]
        extra = strangers.pop().paragraphs[0] if strangers else "本条规定的事项，由有关部门依法处理。"
        return [Piece(Article(art.paragraphs + (extra,), art.chapter), (i,), kind)]
    parts = [Piece(p, (i,), kind) for p in _split(art, rng)]
    if strangers:
        parts.append(Piece(Article(strangers.pop().paragraphs, art.chapter), (), "insert"))
    return parts


def _plan(base: list[Article], distinct: list[bool], rng: random.Random, extended: bool = False) -> dict[int, str]:
    """Which base article gets which edit; edited articles are never adjacent."""
    n, k = len(base), max(1, len(base) // 30)
    plan: dict[int, str] = {}
    order = rng.sample(range(n), n)

    def free(i: int) -> bool:
        return 0 <= i < n and distinct[i] and all(j not in plan for j in (i - 1, i, i + 1))

    kinds = list(EXTENDED_KINDS) * k if extended else \
        ["merge"] * k + ["split"] * k + ["delete", "replace", "move", *REWORD_KINDS] * k
    for kind in kinds:
        for i in order:
            if not free(i):
                continue
            if kind == "merge" and not (free(i + 1) and base[i].chapter == base[i + 1].chapter):
                continue
            if kind == "merge_far" and not (free(i + 2) and free(i + 1) and base[i].chapter == base[i + 2].chapter):
                continue
            if kind in ("split", "split+insert") and not _cut_points(base[i].paragraphs):
                continue
            plan[i] = kind
            if kind == "merge":
                plan[i + 1] = "merged"
            if kind == "merge_far":
                plan[i + 2] = "merged"
            break
    return plan


def _cut_points(paragraphs: tuple[str, ...]) -> list[int]:
    """Offsets in the newline-joined text just after a 。 leaving ≥ 20 % on each side."""
    text = "\n".join(paragraphs)
    size = len(text)
    return [k + 1 for k, ch in enumerate(text)
            if ch == "。" and 0.2 * size <= k + 1 <= 0.8 * size and text[k + 1:].strip()]


def _split(article: Article, rng: random.Random) -> list[Article]:
    text = "\n".join(article.paragraphs)
    points = _cut_points(article.paragraphs)
    if not points:  # rewording cannot remove 。, but stay safe
        return [article]
    cut = rng.choice(points)
    return [Article(tuple(x for x in part.split("\n") if x), article.chapter)
            for part in (text[:cut], text[cut:])]


def _move(variant: list[Piece], piece: Piece, rng: random.Random) -> None:
    """Move ``piece`` 3–12 places, between two untouched articles, into their chapter."""
    old = variant.index(piece)
    variant.pop(old)
    slots = _slots(variant)
    near = [at for at in slots if 3 <= abs(at - old) <= 12] or [at for at in slots if abs(at - old) >= 3]
    new = rng.choice(near) if near else old
    variant.insert(new, piece)
    _adopt_chapter(variant, new)


def _slots(variant: list[Piece]) -> list[int]:
    """Places between two untouched articles: an article put there keeps other edits clean."""
    return [at for at in range(1, len(variant)) if variant[at - 1].label == variant[at].label == "kept"]


def _unrelated(donor: list[Article], base_texts: list[str], rng: random.Random) -> list[Article]:
    """Donor articles of 30–400 characters unlike every base article, shuffled."""
    fits = [a for a in donor if 30 <= len(a.text) <= 400]
    if not fits:
        return []
    far = cdist([a.text for a in fits], base_texts, scorer=fuzz.ratio, workers=1).max(axis=1) / 100
    fits = [a for a, s in zip(fits, far) if s < UNRELATED]
    rng.shuffle(fits)
    return fits


def _insert(variant: list[Piece], strangers: list[Article], k: int, rng: random.Random,
            edits: list[str]) -> None:
    """Insert ``k`` unrelated articles at random places."""
    for art in [strangers.pop() for _ in range(min(k, len(strangers)))]:
        slots = _slots(variant)
        if not slots:
            return
        at = rng.choice(slots)
        variant.insert(at, Piece(art, (), "insert"))
        _adopt_chapter(variant, at)
        edits.append("insert")


def _adopt_chapter(variant: list[Piece], at: int) -> None:
    """Keep chapters in order: a moved or inserted article joins its neighbour's chapter."""
    neighbour = variant[at - 1] if at > 0 else variant[at + 1]
    piece = variant[at]
    piece.article = Article(piece.article.paragraphs, neighbour.article.chapter)


def _word_pool(donor: list[Article]) -> dict[int, list[str]]:
    """Chinese words of the donor text, by length."""
    pool: dict[int, list[str]] = {}
    for art in donor:
        for tok in default_segmenter().cut(art.text):
            if _is_word(tok):
                pool.setdefault(len(tok), []).append(tok)
    return pool


def _is_word(token: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in token)


def _reword(article: Article, strength: float, pool: dict[int, list[str]], rng: random.Random) -> Article:
    """Replace about ``strength`` of the word characters by donor words, keep the rest."""
    if strength <= 0:
        return article
    tokens = default_segmenter().cut("\n".join(article.paragraphs))
    words = [k for k, t in enumerate(tokens) if _is_word(t)]
    total = sum(len(tokens[k]) for k in words)
    changed = 0
    for k in rng.sample(words, len(words)):
        if changed >= strength * total:
            break
        old = tokens[k]
        choices = [w for w in pool.get(len(old), []) if w != old] or \
                  [w for n in sorted(pool) for w in pool[n] if w != old]
        if choices:
            tokens[k] = rng.choice(choices)
            changed += len(old)
    return Article(tuple(x for x in "".join(tokens).split("\n") if x), article.chapter)


def render(title: str, note: str | None, articles: list[Article]) -> str:
    """The lawrefbook markdown form of a text, numbered 第一条, 第二条, … in order."""
    lines = [f"# {title}", "", note or "", "", "<!-- INFO END -->", ""]
    chapter = None
    for n, art in enumerate(articles, 1):
        if art.chapter and art.chapter != chapter:
            lines += [f"## {art.chapter}", ""]
            chapter = art.chapter
        first, *rest = art.paragraphs
        lines += [f"第{numeral(n)}条 {first}", ""]
        for para in rest:
            lines += [para, ""]
    return "\n".join(lines)


def numeral(n: int) -> str:
    """Chinese numeral for 1–999 as written in article numbers: 十一, 二十, 一百零五."""
    digits = "零一二三四五六七八九"
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    out = f"{digits[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (digits[ones] if ones else "")
