"""``similar``: for each provision of a text, the most similar provisions elsewhere in the index.

``similar_to_file(store, path, ...)`` parses and sketches the file in this process (the
same worker code as indexing; the file need not be indexed), ``similar_to_provision(store,
id, ...)`` starts from a stored corpus provision. Both query LSH buckets built from every
indexed signature (``compare.corpus.lsh.BandIndex``), verify the candidates with the
similarity of the normalised strings, and keep the best ``top`` at or above
``min_similarity`` from *other* documents (and, with ``other_jurisdictions``, other
jurisdictions only).

Each match carries ``compare_command``: the ``legiscompare compare A B`` line that opens
the two whole texts side by side, aligned provision by provision, so the reader sees the
match in context with every difference classified.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Indel
from sqlalchemy import select

from ..errors import InputError
from ..store import Store
from ..store import models as db
from ..store.corpus_models import CorpusFile, CorpusProvision
from . import messages  # noqa: F401  (registers the corpus error messages)
from .explain import member_info
from .families import Entries, load_entries
from .lsh import BandIndex
from .settings import IndexSettings, SearchSettings
from .worker import process_file


SIMILAR = SearchSettings(lsh_threshold=0.3, min_similarity=0.6)


@dataclass
class Match:
    id: int  # corpus provision id
    similarity: float  # 0–1 on normalised strings
    file: str
    title: str
    jurisdiction: str
    date: str | None
    number: str
    text: str
    compare_command: str  # ``legiscompare compare QUERY-FILE MATCH-FILE``


@dataclass
class Query:
    """One provision of the query text and its matches, best first."""

    number: str
    provision: str  # stable provision id
    text: str
    id: int | None = None  # corpus provision id, when the query is a stored provision
    matches: list[Match] = field(default_factory=list)


@dataclass
class SimilarResult:
    file: str
    title: str
    jurisdiction: str
    queries: list[Query]  # provisions long enough to compare, in text order


def similar_to_file(store: Store, path: str, top: int = 5, search: SearchSettings | None = None,
                    settings: IndexSettings | None = None, other_jurisdictions: bool = False) -> SimilarResult:
    """Matches for every provision of the file at ``path``."""
    settings = settings or IndexSettings()
    result = process_file(str(Path(path).resolve()), None, settings)
    if result.status != "indexed" or result.document is None:
        raise InputError(path, result.reason or "no_structure", **result.params)
    doc = result.document
    own = doc.jurisdiction
    assert own is not None
    with store.session() as session:
        doc_id = session.scalar(select(db.Document.id).where(db.Document.sha256 == result.sha256))
        jur_id = session.scalar(select(db.Jurisdiction.id).where(db.Jurisdiction.key == (own.code or f"name:{own.name}")))
    queries = [Query(doc.provisions[s.position].number, doc.provisions[s.position].id, doc.provisions[s.position].text)
               for s in result.sketches]
    sigs = np.frombuffer(b"".join(s.signature for s in result.sketches), dtype=np.uint32).reshape(len(queries), -1)
    _match(store, queries, [s.norm for s in result.sketches], sigs, doc_id, jur_id if other_jurisdictions else None,
           str(Path(path)), top, search or SIMILAR)
    return SimilarResult(file=str(path), title=doc.title, jurisdiction=own.name, queries=queries)


def similar_to_provision(store: Store, provision: int, top: int = 5, search: SearchSettings | None = None,
                         other_jurisdictions: bool = False) -> SimilarResult:
    """Matches for one stored corpus provision (its id as ``similar`` and ``families`` print it)."""
    with store.session() as session:
        row = session.execute(select(CorpusProvision, CorpusFile).join(CorpusFile, CorpusProvision.file_id == CorpusFile.id)
                              .where(CorpusProvision.id == provision)).first()
        if row is None:
            raise InputError(None, "unknown_provision", detail=str(provision))
        cp, cf = row
        norm, sig, doc_id, jur_id, path = cp.norm, cp.signature, cf.document_id, cf.jurisdiction_id, cf.path
    info = member_info(store, [provision])[provision]
    query = Query(info["number"], info["provision"], info["text"], id=provision)
    sigs = np.frombuffer(sig, dtype=np.uint32).reshape(1, -1)
    _match(store, [query], [norm], sigs, doc_id, jur_id if other_jurisdictions else None, path, top,
           search or SIMILAR)
    return SimilarResult(file=path, title=info["title"], jurisdiction=info["jurisdiction"], queries=[query])


def _match(store: Store, queries: list[Query], norms: list[str], sigs: np.ndarray, doc_id: int | None,
           jur_id: int | None, query_file: str, top: int, search: SearchSettings) -> None:
    entries = load_entries(store)
    if not entries.ids:
        raise InputError(None, "empty_index")
    index = BandIndex(entries.sigs, search.lsh_threshold)
    chosen: list[list[tuple[float, int]]] = []
    for norm, candidates in zip(norms, index.query(sigs)):
        scored = [(Indel.normalized_similarity(norm, entries.norms[c]), int(c)) for c in candidates
                  if _eligible(entries, int(c), doc_id, jur_id)]
        scored = [(s, c) for s, c in scored if s >= search.min_similarity - 1e-6]
        chosen.append(sorted(scored, key=lambda sc: (-sc[0], entries.dates[sc[1]] or "9999", sc[1]))[:top])
    info = member_info(store, sorted({entries.ids[c] for best in chosen for _, c in best}))
    for query, best in zip(queries, chosen):
        for score, c in best:
            m = info[entries.ids[c]]
            query.matches.append(Match(
                id=entries.ids[c], similarity=round(score, 3), file=m["file"], title=m["title"],
                jurisdiction=m["jurisdiction"], date=m["date"], number=m["number"], text=m["text"],
                compare_command=f"legiscompare compare {shlex.quote(query_file)} {shlex.quote(_typed(m['file']))}"))


def _typed(path: str) -> str:
    """A stored (absolute) path as one would type it here: relative to the current folder
    when that is shorter (../shared/corpus/…), as the query's own path usually is."""
    if not os.path.isabs(path):
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return relative if len(relative) < len(path) else path


def _eligible(entries: Entries, c: int, doc_id: int | None, jur_id: int | None) -> bool:
    if doc_id is not None and entries.documents[c] == doc_id:
        return False
    return jur_id is None or entries.works[c][0] != jur_id
