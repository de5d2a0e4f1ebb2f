"""``related``: which indexed texts of other jurisdictions regulate what a draft regulates.

A drafter has one text and asks "who else regulates this?" (``compare DRAFT --similar-in
CORPUS``). ``related_texts(store, path, top)`` scores every indexed text of another
jurisdiction by two reasons, both reported:

- its title: the subject left when the enacting body is taken off (山东省志愿服务条例 →
  志愿服务条例), compared by the Jaccard similarity of character bigrams;
- its content: the share of the draft's provisions that have a similar provision in it
  (the corpus index's MinHash LSH candidates, verified at ``CONTENT_SIMILARITY``, as
  ``corpus similar`` does).

``score = TITLE_WEIGHT × title + (1 − TITLE_WEIGHT) × content``; texts below ``MIN_SCORE`` are
never chosen; one version per work (the latest); at most one text per jurisdiction when
``per_jurisdiction`` (a comparison wants the range of jurisdictions, not three cities of
one province's copies).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..errors import InputError
from ..store import Store
from ..store import models as db
from ..store.corpus_models import CorpusFile
from .settings import IndexSettings
from .similar import SIMILAR, similar_to_file

TITLE_WEIGHT = 0.6
MIN_SCORE = 0.3
CONTENT_SIMILARITY = 0.5  # a draft provision counts as shared with a text from this similarity
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
    shared: int  # draft provisions with a similar provision in this text
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
                  settings: IndexSettings | None = None) -> list[RelatedText]:
    """The ``top`` indexed texts of other jurisdictions closest to the file at ``path``."""
    search = dataclasses.replace(SIMILAR, min_similarity=CONTENT_SIMILARITY)
    found = similar_to_file(store, path, top=20, search=search, settings=settings, other_jurisdictions=True)
    draft_subject = subject(found.title, found.jurisdiction)
    shared: dict[str, set[str]] = {}
    for query in found.queries:
        for match in query.matches:
            shared.setdefault(str(Path(match.file)), set()).add(query.provision)
    total = max(1, len(found.queries))
    chosen: dict[tuple[str, str], RelatedText] = {}
    for file_path, title, place, date in _indexed(store):
        if place == found.jurisdiction:
            continue
        title_score = title_similarity(draft_subject, subject(title, place))
        count = len(shared.get(file_path, ()))
        score = TITLE_WEIGHT * title_score + (1 - TITLE_WEIGHT) * count / total
        if score < MIN_SCORE:
            continue
        text = RelatedText(file_path, title, place, date, round(title_score, 2), count, total, round(score, 3))
        work = (place, subject(title, place))
        held = chosen.get(work)
        if held is None or (date or "") > (held.date or ""):
            chosen[work] = text
    ranked = sorted(chosen.values(), key=lambda r: (-r.score, r.jurisdiction, r.path))
    if per_jurisdiction:
        seen: set[str] = set()
        ranked = [r for r in ranked if not (r.jurisdiction in seen or seen.add(r.jurisdiction))]  # type: ignore[func-returns-value]
    if not ranked:
        raise InputError(path, "no_related")
    return ranked[:top]


def _indexed(store: Store) -> list[tuple[str, str, str, str | None]]:
    """(path, title, jurisdiction name, date) of every indexed text."""
    query = (select(CorpusFile.path, db.Document.title, db.Jurisdiction.name, CorpusFile.date)
             .join(db.Document, CorpusFile.document_id == db.Document.id)
             .join(db.Jurisdiction, CorpusFile.jurisdiction_id == db.Jurisdiction.id)
             .where(CorpusFile.status == "indexed")
             .order_by(CorpusFile.path))
    with store.session() as session:
        return [(str(Path(p)), t, j, d) for p, t, j, d in session.execute(query)]
