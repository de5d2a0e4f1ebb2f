"""Counterparts between the other texts of an N-way comparison by content (立法比较).

Rows follow the base: each other text is matched to the base (``content.content_links``),
so two other texts meet only where both matched the same base provision. The provisions
the base left over are matched across the other texts too:

1. Partners: two provisions of two content-matched texts that are each other's most
   similar provision in the other text, at least ``PARTNER_FLOOR`` similar. Similarity is
   the cosine of TF-IDF vectors (jieba words and character bigrams, as in ``content``)
   over one space of all those texts' provisions, computed ``BLOCK_ROWS`` rows at a time,
   so the cost grows with the number of provisions times the number of texts' best
   matches kept, and memory stays bounded.
2. A leftover provision joins the base row holding most of its partners (then the most
   similar), when that row has no provision of its own text and its similarity to the
   base provision reaches ``JOIN_FLOOR`` (as for a provision between matched neighbours):
   the base words the matter so differently that the other texts are needed to link it.
   Its counterpart entry names those partners (``Counterpart.via``).
   A provision whose strongest partner is itself left over stays with it instead.
3. Provisions still left over are grouped with their partners among the other leftovers
   (``align._cluster_extras``: partners count as each other's best match), at most one
   per text in a group: matters the base does not regulate that several other texts share.

Public API: ``partner_links(docs, profiles, counted)``, ``join_partner_rows(extras, slots, links,
base_similarity)``; ``Links``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..model import Document, Provision
from . import content
from .content import ProvisionProfile

PARTNER_FLOOR = 0.15  # two mutual best provisions of two other texts are partners from this similarity
JOIN_FLOOR = content.GAP_FLOOR  # … and joins a base row only when at least this similar to its base provision
BLOCK_ROWS = 512  # rows of the similarity product computed at once

Key = tuple[str, str]  # (document id, provision id)
Slot = dict[str, list[tuple[Provision, bool]]]  # doc id → its provisions in the row (moved?)
Extra = tuple[int, str, Provision]  # (anchor row, doc id, provision) of a provision no base row holds
Links = dict[Key, dict[Key, float]]  # provision → its partners in the other texts and their similarity


def partner_links(docs: list[Document], profiles: dict[Key, ProvisionProfile],
                  counted: content.UnitCounts | None = None) -> Links:
    """Each provision's partners: in every other of ``docs``, the provision it is most
    similar to when that one is most similar to it too (at least ``PARTNER_FLOOR``);
    ``counted`` keeps unit counts already made."""
    keys = [(d.id, p.id) for d in docs for p in d.provisions]
    if not keys:
        return {}
    owner = np.repeat(np.arange(len(docs)), [len(d.provisions) for d in docs])
    best, score = _best_per_document(_vectors([profiles[k] for k in keys], counted or content.UnitCounts()),
                                     np.array([profiles[k].penalty for k in keys]), owner, len(docs))
    rows, cols = np.nonzero((score >= PARTNER_FLOOR) & (owner[:, None] != np.arange(len(docs))[None, :]))
    match = best[rows, cols]
    mutual = best[match, owner[rows]] == rows
    out: Links = {}
    for k, m, s in zip(rows[mutual].tolist(), match[mutual].tolist(), score[rows, cols][mutual].tolist()):
        out.setdefault(keys[k], {})[keys[m]] = round(float(s), 4)
    return out


def _vectors(profiles: list[ProvisionProfile], counted: content.UnitCounts):  # type: ignore[no-untyped-def]
    """Unit TF-IDF vectors of the whole provisions, words and bigrams weighted as in
    ``content`` (their parts and first sentences are not compared here)."""
    from scipy import sparse

    parts = []
    for weight, analyse in ((content.WORD_WEIGHT, content.words), (1.0 - content.WORD_WEIGHT, content.bigrams)):
        parts.append(content.tfidf(counted.matrix([p.terms for p in profiles], analyse)) * np.sqrt(weight))
    return sparse.hstack(parts).tocsr()


def _best_per_document(matrix, penalty: np.ndarray, owner: np.ndarray,  # type: ignore[no-untyped-def]
                       n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """For each provision and document: the index of its most similar provision there and
    that similarity (a penalty provision against an ordinary one scaled as in ``content``)."""
    bounds = np.searchsorted(owner, np.arange(n_docs + 1))
    best = np.zeros((matrix.shape[0], n_docs), dtype=np.int64)
    score = np.zeros((matrix.shape[0], n_docs), dtype=np.float32)
    transposed = matrix.T.tocsc()
    for start in range(0, matrix.shape[0], BLOCK_ROWS):
        block = (matrix[start:start + BLOCK_ROWS] @ transposed).toarray().astype(np.float32)
        mismatch = penalty[start:start + BLOCK_ROWS, None] != penalty[None, :]
        block[mismatch] *= content.PENALTY_MISMATCH
        for d in range(n_docs):
            if bounds[d + 1] > bounds[d]:
                part = block[:, bounds[d]:bounds[d + 1]]
                best[start:start + BLOCK_ROWS, d] = part.argmax(axis=1) + bounds[d]
                score[start:start + BLOCK_ROWS, d] = part.max(axis=1)
    return best, score


def join_partner_rows(extras: list[Extra], slots: list[Slot], links: Links,
                      base_similarity: Callable[[str, Provision, int], float]) -> tuple[list[Extra], dict[Key, tuple[Key, ...]]]:
    """Put each leftover provision into the base row holding most of its partners (then the
    most similar), when that row has none of its own text's provisions and
    ``base_similarity(doc id, provision, row)`` reaches ``JOIN_FLOOR`` and its strongest
    partner is not itself left over. Returns the rest
    and, for each provision placed, the partners in its row."""
    row_of = {(doc_id, p.id): g for g, slot in enumerate(slots) for doc_id, cell in slot.items() for p, _ in cell}
    left = {(doc_id, prov.id) for _a, doc_id, prov in extras}
    choices = []
    for k, (_anchor, doc_id, prov) in enumerate(extras):
        votes: dict[int, tuple[int, float]] = {}
        found = links.get((doc_id, prov.id), {})
        strongest = max(found.values(), default=0.0)
        if any(p in left and score == strongest for p, score in found.items()):
            continue  # its strongest partner is left over too: they stay together
        for partner, score in found.items():
            g = row_of.get(partner)
            if g is not None and doc_id not in slots[g] and base_similarity(doc_id, prov, g) >= JOIN_FLOOR:
                count, total = votes.get(g, (0, 0.0))
                votes[g] = (count + 1, total + score)
        if votes:
            g, (count, total) = max(votes.items(), key=lambda item: (item[1], -item[0]))
            choices.append((count, total, -k, g))
    taken: dict[int, int] = {}
    for _count, _total, neg_k, g in sorted(choices, reverse=True):
        _anchor, doc_id, prov = extras[-neg_k]
        if doc_id not in slots[g]:
            slots[g][doc_id] = [(prov, False)]
            taken[-neg_k] = g
    via = {(extras[k][1], extras[k][2].id): _in_reading_order(slots[g], links[(extras[k][1], extras[k][2].id)], row_of, g)
           for k, g in taken.items()}
    return [x for k, x in enumerate(extras) if k not in taken], via


def _in_reading_order(slot: Slot, partners: dict[Key, float], row_of: dict[Key, int], g: int) -> tuple[Key, ...]:
    """The partners that stood in row ``g`` before any leftover joined it (those that placed
    the provision), in the row's reading order (text by text, then provision by provision)."""
    return tuple((doc_id, p.id) for doc_id, cell in slot.items() for p, _ in cell
                 if (doc_id, p.id) in partners and row_of.get((doc_id, p.id)) == g)
