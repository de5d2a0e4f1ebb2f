"""N-way provision alignment: one row per provision, one column per document.

Public API:

- ``align(documents, base_id, keys, profiles, methods) -> list[AlignmentRow]``: ``keys``
  maps ``(doc_id, provision_id)`` to the provision's jurisdiction-normalised comparison
  string, so 本市 / 本省 never lowers a similarity; ``methods`` names, per other document,
  ``"sequence"`` (shared-draft texts, the default) or ``"content"`` (texts drafted
  independently: ``content``, which reads ``profiles``).
- ``choose_method(base, other, keys)``: ``"sequence"`` when two texts share a draft,
  ``"content"`` when not (``shared_share``).
- ``align_sequences`` / ``Link`` (from ``sequence``): the pairwise step, also used for
  paragraphs inside a row.

Method (centre-star multiple alignment):

1. Each other document is aligned to the base pairwise: by sequence
   (``sequence.align_sequences``: Needleman–Wunsch over a similarity matrix, then moves,
   splits and merges) or by content (``content.content_links``: a global assignment over
   TF-IDF similarity, order playing no part). A content-matched row also records each
   other text's counterparts with their similarity and shared terms
   (``AlignmentRow.counterparts``), including provisions that stand in another row.
2. Base provisions that one document merged into a single provision share a row (also
   when not adjacent), so a row may hold several provisions of one document (its cell
   lists them as parts).
3. With three or more documents, a provision the base did not match joins a base row when
   it resembles (≥ ``EXTRA_THRESHOLD``) another document's cell there and the row lacks its
   document: the base may word a shared article differently from two other texts. Among
   content-matched documents the test is their content partners (``partners``: each
   other's most similar provision, in one TF-IDF space of those texts).
4. Rows follow the base order. Provisions still unmatched are clustered across documents
   (similarity ≥ ``EXTRA_THRESHOLD`` to a member, or ≥ ``PAIR_FLOOR`` for two that are each
   other's best match in their documents, or content partners), and
   each cluster becomes a row after the row of the provision that precedes its first
   member in that member's document.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist, cpdist

from ..model import AlignmentRow, Cell, Counterpart, Document, Provision
from . import content, partners
from .content import ProvisionProfile
from .sequence import MAX_CELLS, Link, align_sequences

__all__ = ["align", "align_sequences", "choose_method", "shared_share", "Link", "Counterpart",
           "ProvisionProfile", "METHODS"]

METHODS = ("sequence", "content")
SHARED_SIMILARITY = 0.6  # a sequence link at least this similar is shared wording …
SHARED_DRAFT = 0.6  # … and texts whose shorter one has this share of such provisions share a draft

_Slot = dict[str, list[tuple[Provision, bool]]]  # doc id → its provisions in the row (moved?)
EXTRA_THRESHOLD = 0.60  # similarity for provisions the base lacks to share a row …
PAIR_FLOOR = 0.50  # … or this, for two that are each other's best match in their documents


def align(documents: list[Document], base_id: str, keys: dict[tuple[str, str], str],
          profiles: dict[tuple[str, str], ProvisionProfile] | None = None,
          methods: dict[str, str] | None = None) -> list[AlignmentRow]:
    """Align all documents against the base and merge into N-way rows."""
    methods = methods or {}
    base = next(d for d in documents if d.id == base_id)
    others = [d for d in documents if d.id != base_id]
    links: dict[str, list[Link]] = {}
    sims: dict[str, np.ndarray] = {}
    counted = content.UnitCounts()  # the base's provisions are counted once, not once per text
    for doc in others:
        if methods.get(doc.id) == "content" and profiles is not None:
            sims[doc.id] = content.similarity([profiles[(base.id, p.id)] for p in base.provisions],
                                              [profiles[(doc.id, p.id)] for p in doc.provisions], counted)
            links[doc.id] = content.content_links(sims[doc.id])
        else:
            links[doc.id] = pair_with_base(base, doc, keys)
    groups = _base_groups(len(base.provisions), links)
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    slots = [{base.id: [(base.provisions[i], False) for i in members]} for members in groups]
    extras: list[tuple[int, str, Provision]] = []  # (anchor group, doc id, provision) of unpaired ones
    last = len(groups) - 1
    for doc in others:
        owner = {j: link for link in links[doc.id] for j in link.b}
        anchor = -1
        for j, prov in enumerate(doc.provisions):
            link = owner.get(j)
            if link is None:
                extras.append((last if doc.id in sims else anchor, doc.id, prov))
                continue
            g = group_of[link.a[0]]
            slots[g].setdefault(doc.id, []).append((prov, link.moved))
            if not link.moved:
                anchor = g
    clusters, via = _place_leftovers(base, others, sims, slots, extras, keys, profiles or {}, counted)
    placed: dict[int, list[_Slot]] = {}
    for anchor, slot in clusters:
        placed.setdefault(anchor, []).append(slot)
    ordered: list[_Slot] = list(placed.get(-1, []))
    for g, slot in enumerate(slots):
        ordered.append(slot)
        ordered.extend(placed.get(g, []))
    rows = [_row(slot, documents) for slot in ordered]
    if sims:
        _record_counterparts(rows, base, {d.id: d for d in others}, sims, links, profiles or {}, via)
    return rows


def _place_leftovers(base: Document, others: list[Document], sims: dict[str, np.ndarray], slots: list[_Slot],
                     extras: list[tuple[int, str, Provision]], keys: dict[tuple[str, str], str],
                     profiles: dict[tuple[str, str], ProvisionProfile], counted: content.UnitCounts,
                     ) -> tuple[list[tuple[int, _Slot]], dict[tuple[str, str], tuple[tuple[str, str], ...]]]:
    """Steps 3 and 4 of the module docstring: provisions the base did not match join base
    rows (``slots``, in place) or form clusters of their own (returned, with their anchors),
    content-matched ones through their partners (``partners``; also returned: the partners
    that placed each one in a base row)."""
    by_content = [d for d in others if d.id in sims]
    links = partners.partner_links(by_content, profiles, counted) if len(by_content) > 1 else {}
    via: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
    if links:
        column = {(d.id, p.id): j for d in by_content for j, p in enumerate(d.provisions)}
        row = {p.id: i for i, p in enumerate(base.provisions)}

        def base_similarity(doc_id: str, prov: Provision, g: int) -> float:
            return max(float(sims[doc_id][row[p.id], column[(doc_id, prov.id)]]) for p, _ in slots[g][base.id])

        extras, via = partners.join_partner_rows(extras, slots, links, base_similarity)
    if len(others) > 1:  # by shared wording; content leftovers already had their partners' rows
        by_partners = [x for x in extras if links and x[1] in sims]
        by_wording = [x for x in extras if not (links and x[1] in sims)]
        extras = _join_rows(by_wording, slots, keys) + by_partners
    return _cluster_extras(extras, keys, links), via


def choose_method(base: Document, other: Document, keys: dict[tuple[str, str], str]) -> str:
    """``"sequence"`` for versions of one law (same jurisdiction and title: even a text
    revised throughout keeps its history of moves, splits and deletions) and for texts that
    share a draft (``shared_share`` ≥ ``SHARED_DRAFT``: coordinated texts), ``"content"``
    for texts drafted independently."""
    if same_work(base, other):
        return "sequence"
    return "sequence" if shared_share(pair_with_base(base, other, keys), base, other) >= SHARED_DRAFT else "content"


def same_work(a: Document, b: Document) -> bool:
    """Whether two documents are versions of one law: same jurisdiction, same title."""
    place_a = a.jurisdiction.name if a.jurisdiction else None
    place_b = b.jurisdiction.name if b.jurisdiction else None
    return place_a == place_b and "".join(a.title.split()) == "".join(b.title.split())


def shared_share(links: list[Link], base: Document, other: Document) -> float:
    """Share of the shorter text's provisions that sequence alignment pairs with at least
    ``SHARED_SIMILARITY`` similar wording."""
    shorter = min(len(base.provisions), len(other.provisions))
    if not shorter:
        return 1.0
    shared = sum(min(len(link.a), len(link.b)) for link in links if link.similarity >= SHARED_SIMILARITY)
    return shared / shorter


def _record_counterparts(rows: list[AlignmentRow], base: Document, others: dict[str, Document],
                         sims: dict[str, np.ndarray], links: dict[str, list[Link]],
                         profiles: dict[tuple[str, str], ProvisionProfile],
                         via: dict[tuple[str, str], tuple[tuple[str, str], ...]]) -> None:
    """Each base row's counterparts in every content-matched document: the provisions in
    its cell (with the other texts' provisions that placed it there, ``via``), then those
    standing in other rows that read like it (``content.extra_pairs``)."""
    index_a = {p.id: i for i, p in enumerate(base.provisions)}
    number = {(d.id, p.id): p.number for d in others.values() for p in d.provisions}
    for doc_id, sim in sims.items():
        doc = others[doc_id]
        weights = content.term_weights([profiles[(base.id, p.id)] for p in base.provisions]
                                       + [profiles[(doc_id, p.id)] for p in doc.provisions])
        extra: dict[int, list[int]] = {}
        for i, j in content.extra_pairs(sim, links[doc_id]):
            extra.setdefault(i, []).append(j)
        for row in rows:
            base_cell = row.cells.get(base.id)
            if base_cell is None:
                continue
            mine = [index_a[p.id] for p in base_cell.provisions]
            cell = row.cells.get(doc_id)
            index_b = {p.id: j for j, p in enumerate(doc.provisions)}
            placed = [index_b[p.id] for p in cell.provisions] if cell else []
            seen = [j for i in mine for j in extra.get(i, []) if j not in placed]
            found = [(j, True) for j in placed] + [(j, False) for j in dict.fromkeys(seen)]
            if found:
                row.counterparts[doc_id] = tuple(
                    _counterpart(base, doc, mine, j, in_row, sim, profiles, weights,
                                 tuple((d, number[(d, p)]) for d, p in via.get((doc_id, doc.provisions[j].id), ())))
                    for j, in_row in found)


def _counterpart(base: Document, doc: Document, mine: list[int], j: int, in_row: bool, sim: np.ndarray,
                 profiles: dict[tuple[str, str], ProvisionProfile], weights: dict[str, float],
                 via: tuple[tuple[str, str], ...] = ()) -> Counterpart:
    i = max(mine, key=lambda x: sim[x, j])
    prov = doc.provisions[j]
    terms = content.shared_terms(profiles[(base.id, base.provisions[i].id)], profiles[(doc.id, prov.id)], weights)
    return Counterpart(prov.id, prov.number, round(float(sim[i, j]), 2), terms, in_row, via if in_row else ())


def pair_with_base(base: Document, other: Document, keys: dict[tuple[str, str], str]) -> list[Link]:
    """Pairwise links between the base's provisions and another document's (by sequence)."""
    a = [keys[(base.id, p.id)] for p in base.provisions]
    b = [keys[(other.id, p.id)] for p in other.provisions]
    numbers = ([(p.kind, p.ordinal) for p in base.provisions], [(p.kind, p.ordinal) for p in other.provisions])
    return align_sequences(a, b, numbers)


def _base_groups(n: int, links: dict[str, list[Link]]) -> list[list[int]]:
    """Base indices that must share a row (merged in some document), in base order.

    Members of one link are joined even when not adjacent (第八条、第十条合并): the article
    between them keeps its own row, after the merged one.
    """
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for doc_links in links.values():
        for link in doc_links:
            for left, right in zip(link.a, link.a[1:]):
                parent[max(root(left), root(right))] = min(root(left), root(right))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return [groups[r] for r in sorted(groups)]


def _join_rows(extras: list[tuple[int, str, Provision]], slots: list[_Slot],
               keys: dict[tuple[str, str], str]) -> list[tuple[int, str, Provision]]:
    """Put a provision the base did not match into a base row whose other documents' cells
    are similar to it (≥ ``EXTRA_THRESHOLD`` to one of them), when the row lacks its
    document: two regulations may share an article the base words differently. Best
    pairs first; out of its document's order it is marked moved. Returns the rest."""
    members = [(g, d, keys[(d, p.id)]) for g, slot in enumerate(slots) for d, cell in slot.items() for p, _ in cell]
    if not extras or not members or len(extras) * len(members) > MAX_CELLS:
        return extras
    texts = [keys[(d, p.id)] for _, d, p in extras]
    sim = cdist(texts, [m[2] for m in members], scorer=fuzz.ratio, workers=1, dtype=np.float32,
                score_cutoff=EXTRA_THRESHOLD * 100)
    rows, cols = np.nonzero(sim >= EXTRA_THRESHOLD * 100)
    candidates = sorted(((float(sim[r, c]), -int(r), -members[c][0]) for r, c in zip(rows, cols)), reverse=True)
    taken: set[int] = set()
    for _score, neg_r, neg_g in candidates:
        r, g = -neg_r, -neg_g
        anchor, doc_id, prov = extras[r]
        if r in taken or doc_id in slots[g]:
            continue
        slots[g][doc_id] = [(prov, g < anchor)]
        taken.add(r)
    return [x for r, x in enumerate(extras) if r not in taken]


def _cluster_extras(extras: list[tuple[int, str, Provision]], keys: dict[tuple[str, str], str],
                    links: partners.Links | None = None) -> list[tuple[int, _Slot]]:
    """Group provisions no base provision matched: similar ones of different documents share
    a row (a provision the base lacks but several others have). Each row sits after the
    anchor of its first member; its members keep their documents' order. Two provisions
    that are each other's best match in the other's document share a row from
    ``PAIR_FLOOR``; others need ``EXTRA_THRESHOLD``. Only pairs at least ``PAIR_FLOOR``
    similar are ever looked at (``neighbours``), so the work grows with the similar pairs,
    not with the square of the leftovers. Content partners (``links``) count as each
    other's best match, their similarity mapped onto [``PAIR_FLOOR``, 1]."""
    texts = [keys[(d, p.id)] for _, d, p in extras]
    owners = [d for _, d, _ in extras]
    near = neighbours(texts, owners, PAIR_FLOOR)
    mutual = _mutual_best(near, owners)
    index = {(d, p.id): k for k, (_, d, p) in enumerate(extras)}
    for key, found in (links or {}).items():
        for other, score in found.items():
            k, m = index.get(key), index.get(other)
            if k is not None and m is not None:
                near[k][m] = max(near[k].get(m, 0.0), PAIR_FLOOR + score * (1.0 - PAIR_FLOOR))
                mutual.add((min(k, m), max(k, m)))
    clusters: list[tuple[int, _Slot]] = []  # anchor, slot
    cluster_of: dict[int, int] = {}  # leftover index → its cluster
    for k, (anchor, doc_id, prov) in enumerate(extras):
        best_member: dict[int, tuple[float, int]] = {}  # cluster → (score, member) of its most similar member
        for m, score in near[k].items():
            c = cluster_of.get(m)
            if c is not None and (score, m) > best_member.get(c, (-1.0, -1)):
                best_member[c] = (score, m)
        best, best_score = None, 0.0
        for c in sorted(best_member):  # creation order; a later cluster wins a tie
            score, member = best_member[c]
            floor = PAIR_FLOOR if (min(k, member), max(k, member)) in mutual else EXTRA_THRESHOLD
            if doc_id not in clusters[c][1] and score >= floor and score >= best_score:
                best, best_score = c, score
        if best is None:
            cluster_of[k] = len(clusters)
            clusters.append((anchor, {doc_id: [(prov, False)]}))
        else:
            clusters[best][1][doc_id] = [(prov, False)]
            cluster_of[k] = best
    return clusters


def neighbours(texts: list[str], owners: list[str], floor: float) -> list[dict[int, float]]:
    """For each text, the texts of other documents at least ``floor`` similar (rapidfuzz
    ``ratio``, 0..1) and their similarity. Up to ``MAX_CELLS`` pairs one matrix on both
    cores; beyond, blocks of rows, each pair first screened by the cosine of its character
    bigram sets (``screened_pairs``) so only plausible pairs are scored."""
    near: list[dict[int, float]] = [{} for _ in texts]
    if len(set(owners)) < 2:
        return near
    doc = np.array([hash(o) for o in owners])
    if len(texts) ** 2 <= MAX_CELLS:
        sim = cdist(texts, texts, scorer=fuzz.ratio, workers=-1, dtype=np.float32,
                    score_cutoff=floor * 100) / np.float32(100.0)
        sim[doc[:, None] == doc[None, :]] = 0.0
        rows, cols = np.nonzero(sim >= floor)
        scores = sim[rows, cols]
    else:
        rows, cols = screened_pairs(texts, doc)
        scores = cpdist([texts[i] for i in rows], [texts[j] for j in cols], scorer=fuzz.ratio, workers=-1,
                        dtype=np.float32) / np.float32(100.0)
        keep = scores >= floor
        rows, cols, scores = rows[keep], cols[keep], scores[keep]
    for i, j, score in zip(rows.tolist(), cols.tolist(), scores.tolist()):
        near[i][j] = score
    return near


SCREEN_COSINE = 0.25  # character-bigram set cosine below which a pair is never scored (large sets)
SCREEN_ROWS = 512  # rows of the screening product computed at once


def screened_pairs(texts: list[str], doc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j), i ≠ j, of different documents whose character-bigram sets have a cosine
    of at least ``SCREEN_COSINE`` (two texts ``ratio``-similar share most of their bigrams),
    computed a block of rows at a time so memory stays bounded."""
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, text in enumerate(texts):
        for gram in {text[i:i + 2] for i in range(len(text) - 1)}:
            rows.append(r)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                               shape=(len(texts), max(1, len(vocabulary))))
    norms = np.sqrt(np.asarray(matrix.sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms) @ matrix
    transposed = matrix.T.tocsc()
    found_i, found_j = [], []
    for start in range(0, len(texts), SCREEN_ROWS):
        block = (matrix[start:start + SCREEN_ROWS] @ transposed).toarray()
        block[doc[start:start + SCREEN_ROWS, None] == doc[None, :]] = 0.0
        i, j = np.nonzero(block >= SCREEN_COSINE)
        found_i.append(i + start)
        found_j.append(j)
    return np.concatenate(found_i), np.concatenate(found_j)


def _mutual_best(near: list[dict[int, float]], owners: list[str]) -> set[tuple[int, int]]:
    """Pairs (k < m) of different documents, each the other's best match in its document
    (the first on a tie), at least ``PAIR_FLOOR`` similar."""
    best_in: list[dict[str, int]] = []  # for every leftover: document → its best match there
    for candidates in near:
        best: dict[str, tuple[float, int]] = {}
        for m, score in candidates.items():
            held = best.get(owners[m])
            if held is None or score > held[0] or (score == held[0] and m < held[1]):
                best[owners[m]] = (score, m)
        best_in.append({d: m for d, (_, m) in best.items()})
    out = set()
    for k, found in enumerate(best_in):
        for m in found.values():
            if best_in[m].get(owners[k]) == k and near[k][m] >= PAIR_FLOOR:
                out.add((min(k, m), max(k, m)))
    return out


def _row(slot: _Slot, documents: list[Document]) -> AlignmentRow:
    cells = {d.id: (Cell(tuple(p for p, _ in slot[d.id]), moved=any(m for _, m in slot[d.id]))
                    if d.id in slot else None) for d in documents}
    owner = next(d.id for d in documents if d.id in slot)
    first = slot[owner][0][0]
    label = "、".join(p.number for p, _ in slot[owner])
    row_id = first.id if owner == documents[0].id else f"{first.id}@{owner}"
    return AlignmentRow(id=row_id, label=label, cells=cells)
