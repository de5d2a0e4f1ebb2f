"""Which aligned provisions an amendment keeps in place (the rest are deleted or added).

``kept_rows(rows, old_id, new_id)`` reads the pipeline's alignment rows and returns, in
order, ``(old keys, new keys)`` (``provision_key``) for the rows that pair addressable provisions of
both texts and lie in the longest sequence ordered in both (a moved provision is outside
it: it is deleted where it was and added where it goes). The preamble is (0, 0).
"""

from __future__ import annotations

from bisect import bisect_left

from ..instrument.model import PREAMBLE, ArticleKey
from ..instrument.numbering import provision_key
from ..model import AlignmentRow, Cell

_KINDS = ("article", "item", "preamble")


def _numbers(cell: Cell | None) -> list[ArticleKey]:
    if cell is None:
        return []
    out = []
    for prov in cell.provisions:
        if prov.kind not in _KINDS or (prov.kind != "preamble" and prov.ordinal is None):
            return []
        out.append(provision_key(prov))
    return out


def kept_rows(rows: list[AlignmentRow], old_id: str,
              new_id: str) -> list[tuple[list[ArticleKey], list[ArticleKey]]]:
    """The rows kept in place, as (old numbers, new numbers), in order."""
    candidates = []
    for row in rows:
        olds, news = _numbers(row.cells.get(old_id)), _numbers(row.cells.get(new_id))
        if olds and news and (PREAMBLE in olds) == (PREAMBLE in news) and \
                (PREAMBLE not in olds or len(olds) == len(news) == 1):
            candidates.append((olds, news))
    if not any(PREAMBLE in olds for olds, _ in candidates) and _has_preamble(rows, old_id) and \
            _has_preamble(rows, new_id):
        candidates.append(([PREAMBLE], [PREAMBLE]))  # a text has one 序言: however changed, it is amended, not replaced
    candidates.sort(key=lambda c: c[0][0])
    chosen = _increasing([c[1][0] for c in candidates])
    return [candidates[i] for i in chosen]


def _has_preamble(rows: list[AlignmentRow], doc_id: str) -> bool:
    return any(prov.kind == "preamble" for row in rows if row.cells.get(doc_id) for prov in row.cells[doc_id].provisions)


def _increasing(values: list[ArticleKey]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of ``values``."""
    tails: list[ArticleKey] = []
    tail_index: list[int] = []
    parent = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_index.append(i)
        else:
            tails[k] = v
            tail_index[k] = i
        parent[i] = tail_index[k - 1] if k else -1
    out = []
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        out.append(i)
        i = parent[i]
    return out[::-1]
