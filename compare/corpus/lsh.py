"""Candidate pairs from MinHash signatures by LSH banding, vectorised; no all-pairs comparison.

``BandIndex(signatures, threshold)`` cuts each signature into ``b`` bands of ``r`` values,
with ``(b, r)`` chosen exactly as ``datasketch.MinHashLSH(threshold, num_perm)`` chooses
them (the bands that minimise false positives plus false negatives at that Jaccard
threshold), and puts two signatures in the same bucket when a whole band agrees, as
``MinHashLSH`` does. Datasketch keeps one Python dict per band and hashes every band of
every signature in Python; here each band becomes one uint64 key per signature with
numpy, and buckets are runs of equal keys after sorting, which is ~30 times faster on
140,000 provisions. The candidate sets are the same as ``MinHashLSH.query`` returns
(``tests/test_corpus_sketch.py``); a 64-bit key collision could only add a candidate,
which verification then drops.

- ``pairs(max_bucket)``: every pair sharing a bucket, as two index arrays (i < j). Members
  of a bucket larger than ``max_bucket`` are paired with their ``max_bucket`` neighbours
  in key order only: enough to connect them all when they really are similar, without
  the quadratic blow-up of boilerplate.
- ``query(signatures)``: for each given signature, the indexed ones sharing a bucket.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from datasketch import MinHashLSH

_FNV = np.uint64(0x100000001B3)
_OFFSET = np.uint64(0xCBF29CE484222325)


@lru_cache(maxsize=16)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows per band)`` that datasketch's ``MinHashLSH`` uses for these settings."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One uint64 key per (signature, band): FNV-1a over the band's values."""
    keys = np.empty((len(sigs), bands), dtype=np.uint64)
    values = sigs.astype(np.uint64)
    with np.errstate(over="ignore"):
        for band in range(bands):
            h = np.full(len(sigs), _OFFSET, dtype=np.uint64)
            for col in range(band * rows, (band + 1) * rows):
                h = (h ^ values[:, col]) * _FNV
            keys[:, band] = h
    return keys


class BandIndex:
    """LSH buckets of a set of signatures (rows of ``sigs``, uint32)."""

    def __init__(self, sigs: np.ndarray, threshold: float) -> None:
        self.size = len(sigs)
        self.bands, self.rows = lsh_params(threshold, sigs.shape[1] if sigs.ndim == 2 else 1)
        self.keys = band_keys(sigs, self.bands, self.rows) if self.size else np.zeros((0, self.bands), np.uint64)
        self._order = [np.argsort(self.keys[:, b], kind="stable") for b in range(self.bands)]
        self._sorted = [self.keys[order, b] for b, order in enumerate(self._order)]

    def pairs(self, max_bucket: int = 64) -> tuple[np.ndarray, np.ndarray]:
        """Candidate pairs ``(i, j)``, ``i < j``, each once."""
        found: list[np.ndarray] = []
        for order, keys in zip(self._order, self._sorted):
            for gap in range(1, max_bucket + 1):
                same = np.flatnonzero(keys[gap:] == keys[:-gap]) if gap < len(keys) else np.zeros(0, np.int64)
                if not len(same):
                    break  # no bucket has more than ``gap`` members
                a, b = order[same], order[same + gap]
                found.append(np.minimum(a, b).astype(np.int64) * self.size + np.maximum(a, b))
        if not found:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        codes = np.unique(np.concatenate(found))
        return codes // self.size, codes % self.size

    def query(self, sigs: np.ndarray) -> list[np.ndarray]:
        """For each row of ``sigs``, the indexes of the indexed signatures sharing a bucket."""
        if not self.size:
            return [np.zeros(0, np.int64) for _ in range(len(sigs))]
        keys = band_keys(sigs, self.bands, self.rows)
        out: list[np.ndarray] = []
        for row in keys:
            hits = []
            for band, (order, sorted_keys) in enumerate(zip(self._order, self._sorted)):
                lo, hi = np.searchsorted(sorted_keys, row[band], "left"), np.searchsorted(sorted_keys, row[band], "right")
                if hi > lo:
                    hits.append(order[lo:hi])
            out.append(np.unique(np.concatenate(hits)) if hits else np.zeros(0, np.int64))
        return out
