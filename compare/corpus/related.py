"""``related``: which indexed texts of other jurisdictions regulate what a draft regulates.

A drafter has one text and asks "who else regulates this?" (``compare DRAFT --similar-in
CORPUS``). ``related_texts(store, path, top)`` scores every indexed text of another
jurisdiction by two reasons, both reported:

- its title: the subject left when the enacting body is taken off (山东省志愿服务条例 →
  志愿服务条例), compared by the Jaccard similarity of character bigrams;
- its content: the share of the draft's provisions that have a counterpart in it, matched
  as ``compare --match content`` matches them (``compare.align.content``: independently
  drafted texts share few sentences, so near-duplicate provisions alone would leave the
  title to decide).

Every text is first scored by its title and by the draft provisions the corpus index's
MinHash LSH finds near-duplicated in it (as ``corpus similar`` does); the best
``CANDIDATES_PER_CHOICE`` × ``top`` of those (one version per work, the latest) are then
matched with the draft. ``score = TITLE_WEIGHT × title + (1 − TITLE_WEIGHT) × content``;
texts below ``MIN_SCORE`` are never chosen; at most one text per jurisdiction when
``per_jurisdiction`` (a comparison wants the range of jurisdictions, not three cities of
one province's copies).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..align.content import content_links, content_profiles, similarity
from ..errors import InputError
from ..pipeline import Options, lex_documents, load_documents
from ..store import Store
from ..store import models as db
from ..store.corpus_models import CorpusFile
from .settings import IndexSettings
from .similar import SIMILAR, similar_to_file

TITLE_WEIGHT = 0.6
MIN_SCORE = 0.3
CONTENT_SIMILARITY = 0.5  # a draft provision counts as near-duplicated in a text from this similarity
CANDIDATES_PER_CHOICE = 4  # texts matched with the draft per text asked for (at least MIN_CANDIDATES)
MIN_CANDIDATES = 12
_ORGANS = re.compile(r"^(?:人民代表大会常务委员会|人民代表大会|人民政府|人大常委会)")
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")


@dataclass(frozen=True)
class RelatedText:
    """An indexed text chosen for comparison with the draft, and why."""

    path: str
    title: str
    jurisdiction: str
    date: str | None
    title_similarity: float  # 0..1
    shared: int  # draft provisions with a counterpart in this text (content matching)
    provisions: int  # draft provisions compared
    score: float


def subject(title: str, jurisdiction: str | None) -> str:
    """A title without its enacting body and bracketed notes: what the text regulates."""
    text = _BRACKETS.sub("", title)
    if jurisdiction and text.startswith(jurisdiction):
        text = text[len(jurisdiction):]
    return _ORGANS.sub("", text)


def title_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the character bigrams of two subjects."""
    grams_a = {a[i:i + 2] for i in range(len(a) - 1)} or {a}
    grams_b = {b[i:i + 2] for i in range(len(b) - 1)} or {b}
    return len(grams_a & grams_b) / len(grams_a | grams_b)


def related_texts(store: Store, path: str, top: int = 5, per_jurisdiction: bool = True,
                  settings: IndexSettings | None = None) -> tuple[list[RelatedText], int]:
    """The ``top`` indexed texts of other jurisdictions closest to the file at ``path``, and
    how many texts were matched with it to choose them (the candidates)."""
    search = dataclasses.replace(SIMILAR, min_similarity=CONTENT_SIMILARITY)
    found = similar_to_file(store, path, top=20, search=search, settings=settings, other_jurisdictions=True)
    draft_subject = subject(found.title, found.jurisdiction)
    near: dict[str, set[str]] = {}
    for query in found.queries:
        for match in query.matches:
            near.setdefault(str(Path(match.file)), set()).add(query.provision)
    total = max(1, len(found.queries))
    latest: dict[tuple[str, str], tuple[float, RelatedText]] = {}
    for file_path, title, place, date in _indexed(store):
        if place == found.jurisdiction:
            continue
        title_score = title_similarity(draft_subject, subject(title, place))
        first = TITLE_WEIGHT * title_score + (1 - TITLE_WEIGHT) * len(near.get(file_path, ())) / total
        text = RelatedText(file_path, title, place, date, round(title_score, 2), 0, total, 0.0)
        work = (place, subject(title, place))
        held = latest.get(work)
        if held is None or (date or "") > (held[1].date or ""):
            latest[work] = (first, text)
    candidates = sorted(latest.values(), key=lambda x: (-x[0], x[1].jurisdiction, x[1].path))
    checked = candidates[:max(MIN_CANDIDATES, CANDIDATES_PER_CHOICE * top)]
    verified = [_verified(path, text) for _first, text in checked]
    ranked = sorted((r for r in verified if r is not None and r.score >= MIN_SCORE),
                    key=lambda r: (-r.score, r.jurisdiction, r.path))
    if per_jurisdiction:
        seen: set[str] = set()
        ranked = [r for r in ranked if not (r.jurisdiction in seen or seen.add(r.jurisdiction))]  # type: ignore[func-returns-value]
    if not ranked:
        raise InputError(path, "no_related")
    return ranked[:top], len(checked)


def _verified(draft: str, text: RelatedText) -> RelatedText | None:
    """``text`` scored with the share of the draft's provisions it has a counterpart for
    (None when it cannot be read or is the draft itself)."""
    try:
        matched, total = counterparts(draft, text.path)
    except InputError:
        return None
    share = matched / total if total else 0.0
    score = TITLE_WEIGHT * text.title_similarity + (1 - TITLE_WEIGHT) * share
    return dataclasses.replace(text, shared=matched, provisions=total, score=round(score, 3))


def counterparts(draft: str, other: str) -> tuple[int, int]:
    """How many of the draft's provisions have a counterpart in ``other`` when matched by
    content (as ``compare --match content`` pairs them), and how many it has."""
    options = Options(match="content")
    docs = load_documents([draft, other], options)
    mine = next(d for d in docs if Path(d.source.path) == Path(draft))
    theirs = next(d for d in docs if d is not mine)
    profiles = content_profiles(docs, lex_documents(docs, options))
    sim = similarity([profiles[(mine.id, p.id)] for p in mine.provisions],
                     [profiles[(theirs.id, p.id)] for p in theirs.provisions])
    return len(content_links(sim)), len(mine.provisions)


def _indexed(store: Store) -> list[tuple[str, str, str, str | None]]:
    """(path, title, jurisdiction name, date) of every indexed text."""
    query = (select(CorpusFile.path, db.Document.title, db.Jurisdiction.name, CorpusFile.date)
             .join(db.Document, CorpusFile.document_id == db.Document.id)
             .join(db.Jurisdiction, CorpusFile.jurisdiction_id == db.Jurisdiction.id)
             .where(CorpusFile.status == "indexed")
             .order_by(CorpusFile.path))
    with store.session() as session:
        return [(str(Path(p)), t, j, d) for p, t, j, d in session.execute(query)]
