"""Corpus scale: which other texts share a provision, and who copied whom, on Dask.

Public API:

- ``index_directory(root, store, settings, client, progress) -> IndexSummary``: parse every
  text under ``root`` on Dask workers (``compare.corpus.worker``) and store, per file, its
  document and, per provision, the jurisdiction-normalised string and MinHash signature
  (``compare.corpus.shingle``). Re-running reads only new or changed files.
- ``find_families(store, root, options, client) -> (families, timings)``: clusters of
  near-identical provisions across documents and jurisdictions, with each member's
  differences from the family's most common reading (``compare.corpus.families``).
- ``similar_to_file(store, path, top)`` / ``similar_to_provision(store, id, top)``: for each
  provision, the most similar provisions in other documents (``compare.corpus.similar``).
- ``render_families_html`` / ``families_to_json``: the families as a report.
- ``dask_client(scheduler, workers)``: a Dask client on local processes or a cluster.
- Settings with units and defaults: ``IndexSettings`` (stored sketches), ``SearchSettings``
  (LSH threshold, verification similarity), ``FamilyOptions``.

How: candidate pairs come from LSH bands over MinHash signatures of character 4-shingles
(no all-pairs comparison), verified by the edit similarity of the normalised strings;
families are cut from the connected components so similarity cannot chain. Only plain
data travels between the client and the workers; the client alone writes the database,
one transaction per batch of files.

Example::

    with open_store(database_url(None)) as store, dask_client() as client:
        index_directory("../shared/corpus/lawrefbook", store, client=client)
        families, _ = find_families(store, "../shared/corpus/lawrefbook", client=client)
"""

from __future__ import annotations

from . import messages  # noqa: F401  (registers the corpus error messages)
from .cluster import dask_client
from .explain import find_families
from .families import Family, FamilyOptions, Member
from .index import IndexSummary, index_directory
from .render import families_to_json, render_families_html
from .settings import IndexSettings, SearchSettings
from .similar import SimilarResult, similar_to_file, similar_to_provision

__all__ = [
    "Family", "FamilyOptions", "IndexSettings", "IndexSummary", "Member", "SearchSettings", "SimilarResult",
    "dask_client", "families_to_json", "find_families", "index_directory", "render_families_html",
    "similar_to_file", "similar_to_provision",
]
