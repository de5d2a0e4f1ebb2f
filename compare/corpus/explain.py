"""Family members with display data and their differences from the family's reading.

``describe(store, entries, groups, client)`` turns clustered entry indexes into ``Family``
values: it reads each member's file, title, jurisdiction, date, number and text from the
store, takes the reading (the group's first entry, see ``families.cluster``), and diffs every other member against
it on Dask (``explain_batch``): the texts are lexed with the real ``JurisdictionLexer``
(jieba words, HMM off), diffed with ``compare.diff.diff_tokens`` plus the relative
self-reference pass, and classified with ``compare.classify.classify_chunks``, exactly
the word-level diff ``legiscompare compare`` shows for one aligned row.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Indel
from sqlalchemy import select

from ..classify import classify_chunks, row_status
from ..diff import diff_tokens, marked_spans, refine_relative, to_spans
from ..jurisdiction import JurisdictionLexer, lexer_for
from ..model import Document, Jurisdiction, SourceText
from ..store import Store
from ..store import models as db
from ..store.corpus_models import CorpusFile, CorpusProvision
from .cluster import run_batches
from .families import Entries, Family, FamilyOptions, Member, Stages, cluster, load_entries

PAIRS_PER_TASK = 200  # member/reading diffs per Dask task
Pair = tuple[str, Jurisdiction, str, Jurisdiction]  # (reading text, its jurisdiction, member text, its jurisdiction)


def describe(store: Store, entries: Entries, groups: list[list[int]], client: Any = None,
             progress: Any = None) -> list[Family]:
    """Families with members, readings and differences (see the module docs); ``progress``
    as for ``find_families`` ("explain": member pairs compared)."""
    info = member_info(store, [entries.ids[i] for g in groups for i in g])
    families: list[Family] = []
    pairs: dict[Pair, int] = {}
    for number, group in enumerate(groups, 1):
        ids = [entries.ids[i] for i in group]
        norms = [entries.norms[i] for i in group]
        members = [Member(id=pid, similarity=round(Indel.normalized_similarity(norms[k], norms[0]), 3),
                          reading=k == 0, **{key: info[pid][key] for key in _FIELDS})
                   for k, pid in enumerate(ids)]
        members.sort(key=lambda m: (not m.reading, m.date or "9999", m.jurisdiction, m.title, m.id))
        jurisdictions = sorted({m.jurisdiction for m in members})
        families.append(Family(id=f"F{number}", members=members, jurisdictions=jurisdictions,
                               documents=len({entries.documents[i] for i in group}),
                               works=len({entries.works[i] for i in group})))
        reading = members[0]
        for m in members:
            pairs.setdefault(_pair(reading, m, info), len(pairs))
    ordered = list(pairs)
    batches = [ordered[i:i + PAIRS_PER_TASK] for i in range(0, len(ordered), PAIRS_PER_TASK)]
    results: dict[Pair, dict[str, Any]] = {}
    if progress:
        progress("explain", 0, len(ordered))
    for batch, explained in run_batches(client, explain_batch, batches):
        results.update(zip(batch, explained))
        if progress:
            progress("explain", len(results), len(ordered))
    for family in families:
        reading = family.reading
        for m in family.members:
            found = results[_pair(reading, m, info)]
            m.spans, m.differences, m.status = found["spans"], found["differences"], found["status"]
    return families


_FIELDS = ("file", "title", "jurisdiction", "jurisdiction_code", "date", "number", "provision", "text")


def _pair(reading: Member, member: Member, info: dict[int, dict[str, Any]]) -> Pair:
    return (reading.text, info[reading.id]["own"], member.text, info[member.id]["own"])


def member_info(store: Store, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Display data of corpus provisions by id: file, title, jurisdiction, date, number, text."""
    out: dict[int, dict[str, Any]] = {}
    query = (select(CorpusProvision.id, CorpusFile.path, CorpusFile.date, db.Document.title, CorpusProvision.number,
                    CorpusProvision.provision_id, db.Provision.text, db.Jurisdiction)
             .join(CorpusFile, CorpusProvision.file_id == CorpusFile.id)
             .join(db.Document, CorpusFile.document_id == db.Document.id)
             .join(db.Provision, CorpusProvision.provision_row_id == db.Provision.id)
             .outerjoin(db.Jurisdiction, CorpusFile.jurisdiction_id == db.Jurisdiction.id))
    with store.session() as session:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for pid, path, date, title, number, provision, text, jur in session.execute(
                    query.where(CorpusProvision.id.in_(chunk))):
                own = to_model(jur)
                out[pid] = dict(file=path, date=date, title=title, number=number, provision=provision, text=text,
                                jurisdiction=own.name, jurisdiction_code=own.code, own=own)
    return out


def to_model(row: db.Jurisdiction | None) -> Jurisdiction:
    """The pipeline's ``Jurisdiction`` for a stored row (the national one when None)."""
    if row is None:
        from ..jurisdiction import NATIONAL

        return NATIONAL
    return Jurisdiction(name=row.name, level=row.level, self_words=tuple(row.self_words),
                        government_prefix=row.government_prefix, code=row.code)


@lru_cache(maxsize=1)
def _lexer() -> JurisdictionLexer:
    return lexer_for()


def _stub(doc_id: str, own: Jurisdiction) -> Document:
    source = SourceText(path=doc_id, name=doc_id, text="", encoding="utf-8", format="txt", sha256="")
    return Document(id=doc_id, source=source, title="", adoption_note=None, adopted=None, provisions=(),
                    jurisdiction=own)


def explain_batch(pairs: list[Pair]) -> list[dict[str, Any]]:
    """For each (reading, member) pair: display spans, classified differences and status."""
    lexer = _lexer()
    out = []
    for old_text, old_own, new_text, new_own in pairs:
        old = lexer.tokens(old_text, old_own)
        if old_text == new_text and old_own == new_own:
            spans = marked_spans(old)
            differences = []
        else:
            chunks = refine_relative(diff_tokens(old, lexer.tokens(new_text, new_own)), old_own.code, new_own.code)
            spans = to_spans(chunks)
            differences = classify_chunks(chunks, _stub("reading", old_own), _stub("member", new_own))
        out.append({
            "spans": [{"op": s.op, "old": s.old, "new": s.new, "cls": s.cls, "mark": s.mark} for s in spans],
            "differences": [{"category": d.category, "class": d.cls, "old": d.old, "new": d.new, "rule": d.rule}
                            for d in differences],
            "status": row_status(differences, True),
        })
    return out


def find_families(store: Store, root: str | Path | None, options: FamilyOptions | None = None,
                  client: Any = None, progress: Stages | None = None) -> tuple[list[Family], dict[str, float]]:
    """The families under ``root`` (all indexed files when None) and timings in seconds.

    ``progress(stage, done, total)`` is told of the stages "provisions" (loaded), "pairs"
    (candidate pairs verified), "families" (connected groups split) and "explain" (families
    described); ``total`` is None while unknown."""
    options = options or FamilyOptions()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    if progress:
        progress("provisions", 0, None)
    entries = load_entries(store, Path(root).resolve() if root else None, options.min_chars)
    if progress:
        progress("provisions", len(entries.ids), len(entries.ids))
    timings["load"] = time.perf_counter() - start
    groups = cluster(entries, options, progress)
    timings["cluster"] = time.perf_counter() - start - timings["load"]
    families = describe(store, entries, groups, client, progress)
    timings["explain"] = time.perf_counter() - start - timings["load"] - timings["cluster"]
    timings["provisions"] = float(len(entries.ids))
    return families, timings
