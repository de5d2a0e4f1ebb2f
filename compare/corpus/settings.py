"""Tunables of the corpus index and of family search, each with its unit and default.

``IndexSettings`` decide what is stored: changing any of them (or the normaliser or parser
version) changes ``fingerprint()``, and the next ``corpus index`` run re-indexes every file.
``SearchSettings`` only affect ``similar`` and ``families`` and can change per run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..structure import PARSER_VERSION

NORMALISER_VERSION = 1  # bump when compare.corpus.shingle changes what a string looks like
SUFFIXES = (".md", ".txt", ".html", ".htm", ".docx", ".pdf")  # files ``corpus index`` reads


@dataclass(frozen=True)
class IndexSettings:
    """How provisions are sketched."""

    shingle: int = 4  # characters per shingle of the normalised string
    num_perm: int = 128  # MinHash permutations (signature: 4 bytes each)
    seed: int = 1  # MinHash permutation seed (datasketch)
    min_chars: int = 20  # provisions whose normalised string is shorter are not indexed
    divisions_file: str | None = None  # user TOML adding divisions (see compare.jurisdiction)
    institutions_file: str | None = None  # user TOML adding institution-name groups

    def fingerprint(self) -> str:
        """sha256 of everything that changes the stored strings and signatures."""
        data = asdict(self)
        for key in ("divisions_file", "institutions_file"):
            if data[key]:
                data[key] = hashlib.sha256(Path(data[key]).read_bytes()).hexdigest()
        data["normaliser"] = NORMALISER_VERSION
        data["parser"] = PARSER_VERSION
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SearchSettings:
    """How candidates are found and verified."""

    lsh_threshold: float = 0.4  # Jaccard of shingle sets at which LSH bands are tuned (datasketch)
    min_similarity: float = 0.8  # normalised Indel similarity (rapidfuzz, 0–1) a pair must reach
    max_bucket: int = 64  # members of one LSH bucket paired with each other (beyond: neighbours only)
