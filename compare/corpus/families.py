"""Text-reuse families: clusters of near-identical provisions across documents and jurisdictions.

``find_families(store, root, options, client)`` (in ``compare.corpus.explain``, which also
describes the members) works on the index only:

1. load every indexed provision under ``root`` (files with the same bytes count once);
2. identical normalised strings are one family member group from the start; LSH bands
   over the distinct strings give candidate pairs (``compare.corpus.lsh``), never all pairs;
3. a candidate pair is kept when its normalised strings reach ``min_similarity``
   (rapidfuzz Indel similarity: 1 − edit distance without substitutions / total length);
4. connected components of the kept pairs (union-find) are the families, kept when they
   span at least ``min_works`` works (a work is a title within a jurisdiction, so the
   2017 and 2023 versions of one law are one work) and ``min_jurisdictions`` jurisdictions;
5. a component is cut into stars (``split``) so that similarity cannot chain: its most
   common normalised string (ties: the most verified neighbours) is the family's
   *reading*, and the family is every string within ``min_similarity`` of it; the rest
   of the component is cut again. Every member is diffed against the reading's member word by word with the real
   lexer (``compare.corpus.explain``, on Dask), so jurisdictional wording (本市 / 本省,
   市 / 省人民政府, partner lists) is told from substantive change.

Families are ordered by size (members), then jurisdictions, then reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel
from sqlalchemy import select

from ..store import Store
from ..store import models as db
from ..store.corpus_models import CorpusFile, CorpusProvision
from .lsh import BandIndex
from .settings import SearchSettings

Stages = Callable[[str, int, "int | None"], None]  # progress(stage, done, total or None)


@dataclass(frozen=True)
class FamilyOptions:
    """Which components are families (see the module docs)."""

    search: SearchSettings = SearchSettings()
    min_jurisdictions: int = 2  # jurisdictions a family spans at least
    min_works: int = 2  # works (title within a jurisdiction) a family spans at least
    min_chars: int = 20  # members' normalised strings have at least this many characters
    limit: int | None = None  # keep only the first N families (after ordering)


@dataclass
class Entries:
    """Indexed provisions as parallel lists (row i = one provision)."""

    ids: list[int] = field(default_factory=list)  # corpus_provisions.id
    norms: list[str] = field(default_factory=list)
    works: list[tuple[int | None, str]] = field(default_factory=list)  # (jurisdiction id, title)
    documents: list[int] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)
    sigs: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.uint32))


@dataclass
class Member:
    """One provision of a family, with what a reader needs to find and check it."""

    id: int  # corpus provision id (``corpus similar ID``)
    file: str
    title: str
    jurisdiction: str
    jurisdiction_code: str | None
    date: str | None
    number: str  # e.g. 第八条
    provision: str  # stable provision id, e.g. ch1/art8
    text: str
    similarity: float  # to the reading, 0–1 on normalised strings
    reading: bool = False  # this member is the family's reading
    status: str = "identical"  # weightiest difference category against the reading
    spans: list[dict[str, Any]] = field(default_factory=list)  # diff against the reading
    differences: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Family:
    id: str  # "F1", "F2"… in report order
    members: list[Member]
    jurisdictions: list[str]
    documents: int
    works: int

    @property
    def reading(self) -> Member:
        return next(m for m in self.members if m.reading)


def load_entries(store: Store, root: Path | None = None, min_chars: int = 0) -> Entries:
    """Every indexed provision (under ``root`` if given), one file per document."""
    query = (select(CorpusProvision.id, CorpusProvision.norm, CorpusProvision.signature, CorpusFile.id,
                    CorpusFile.document_id, CorpusFile.jurisdiction_id, db.Document.title, CorpusFile.date)
             .join(CorpusFile, CorpusProvision.file_id == CorpusFile.id)
             .join(db.Document, CorpusFile.document_id == db.Document.id)
             .order_by(CorpusFile.path, CorpusProvision.position))
    if root is not None:
        query = query.where(CorpusFile.path.startswith(root.as_posix().rstrip("/") + "/", autoescape=True))
    out = Entries()
    sigs: list[bytes] = []
    first_file: dict[int, int] = {}
    with store.session() as session:
        for pid, norm, sig, file_id, doc_id, jur_id, title, date in session.execute(query):
            if first_file.setdefault(doc_id, file_id) != file_id or len(norm) < min_chars:
                continue
            out.ids.append(pid)
            out.norms.append(norm)
            out.works.append((jur_id, title))
            out.documents.append(doc_id)
            out.dates.append(date)
            sigs.append(sig)
    width = len(sigs[0]) // 4 if sigs else 0
    out.sigs = np.frombuffer(b"".join(sigs), dtype=np.uint32).reshape(len(sigs), width)
    return out


def verified_pairs(norms: list[str], sigs: np.ndarray, search: SearchSettings) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of distinct strings (indexes) that LSH proposes and the similarity confirms."""
    if len(norms) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    a, b = BandIndex(sigs, search.lsh_threshold).pairs(search.max_bucket)
    if not len(a):
        return a, b
    scores = process.cpdist([norms[i] for i in a], [norms[j] for j in b], scorer=Indel.normalized_similarity,
                            dtype=np.float32, workers=-1)
    keep = scores >= search.min_similarity - 1e-6
    return a[keep], b[keep]


def components(n: int, a: np.ndarray, b: np.ndarray) -> list[list[int]]:
    """Connected components of the graph on ``n`` nodes with edges ``a[k]–b[k]`` (singletons too)."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in zip(a.tolist(), b.tolist()):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    groups: dict[int, list[int]] = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    return list(groups.values())


def cluster(entries: Entries, options: FamilyOptions, progress: Stages | None = None) -> list[list[int]]:
    """Families as lists of entry indexes, the reading's entry first, filtered and ordered
    (``progress(stage, done, total)`` hears of the "pairs" and "families" stages)."""
    distinct: dict[str, int] = {}
    group_of = [distinct.setdefault(s, len(distinct)) for s in entries.norms]
    members: dict[int, list[int]] = {}
    for i, g in enumerate(group_of):
        members.setdefault(g, []).append(i)
    reps = [members[g][0] for g in range(len(distinct))]
    norms = [entries.norms[i] for i in reps]
    if progress:
        progress("pairs", 0, None)
    a, b = verified_pairs(norms, entries.sigs[reps], options.search)
    if progress:
        progress("pairs", len(a), len(a))
    degree = np.bincount(np.concatenate([a, b]), minlength=len(reps)) if len(a) else np.zeros(len(reps), int)
    weight = [len(members[g]) for g in range(len(reps))]
    found: list[list[int]] = []
    comps = components(len(reps), a, b)
    for done, comp in enumerate(comps, 1):
        if progress and (done % 500 == 0 or done == len(comps)):
            progress("families", done, len(comps))
        for part in split(comp, weight, degree, norms, options.search.min_similarity):
            center = sorted(members[part[0]], key=lambda i: (entries.dates[i] or "9999", i))
            found.append(center + [i for g in part[1:] for i in members[g]])
    kept = [f for f in found if len(f) > 1 and len({entries.works[i] for i in f}) >= options.min_works
            and len({entries.works[i][0] for i in f}) >= options.min_jurisdictions]
    kept.sort(key=lambda f: (-len(f), -len({entries.works[i][0] for i in f}), entries.norms[f[0]]))
    return kept[:options.limit] if options.limit else kept


def split(comp: list[int], weight: list[int], degree: np.ndarray, norms: list[str],
          min_similarity: float) -> list[list[int]]:
    """Cut a connected component into stars, so similarity cannot chain.

    A component links A to C through B even when A and C differ a lot. Repeatedly take
    the most common reading left (most members with that exact string, then most
    verified neighbours: the medoid-like centre) and make its family of everything left
    within ``min_similarity`` of it. Each part lists the centre first.
    """
    left = sorted(comp)
    parts: list[list[int]] = []
    while left and (len(left) > 1 or weight[left[0]] > 1):
        center = max(left, key=lambda g: (weight[g], degree[g], -g))
        if len(left) == 1:
            parts.append(left)
            break
        scores = process.cdist([norms[center]], [norms[g] for g in left], scorer=Indel.normalized_similarity,
                               dtype=np.float32)[0]
        near = scores >= min_similarity - 1e-6
        parts.append([center] + [g for g, close in zip(left, near) if close and g != center])
        left = [g for g, close in zip(left, near) if not close]
    return parts
