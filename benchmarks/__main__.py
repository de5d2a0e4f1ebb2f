"""Run every benchmark in turn: ``python -m benchmarks`` (what ``make bench`` does).

Order: alignment quality on synthetic edits (pairs, then N-way), alignment on real texts,
every consecutive version pair of the corpus, independently drafted texts against the
hand-judged gold lists (two at a time, then three), N-way comparison at scale, the hostile campaign (``hostile``: hostile
inputs, kills, a full disk, concurrent reviewers, forged web requests),
start-up and short-run wall clock (``startup``), the pipeline's cost against reading and
segmenting alone and the segmenter's break-even (``pipeline_cost``),
then the corpus parse benchmark when ``benchmarks/parse_corpus.py`` exists.
"""

from __future__ import annotations

import importlib.util
import runpy
import sys

from . import (align_crossjurisdiction, align_crossjurisdiction_nway, align_nway, align_quality, align_real, align_scale, align_versions, hostile,
               pipeline_cost, startup)


def main() -> int:
    status = align_quality.main([])
    print()
    status |= align_nway.main([])
    print()
    status |= align_real.main([])
    print()
    status |= align_versions.main([])
    print()
    status |= align_crossjurisdiction.main([])
    print()
    status |= align_crossjurisdiction_nway.main([])
    print()
    status |= align_scale.main([])
    print()
    status |= hostile.main([])
    print()
    status |= startup.main([])
    print()
    status |= pipeline_cost.main([])
    if importlib.util.find_spec("benchmarks.parse_corpus") is not None:
        print()
        saved, sys.argv = sys.argv, ["benchmarks.parse_corpus"]
        try:
            runpy.run_module("benchmarks.parse_corpus", run_name="__main__")
        except SystemExit as stop:
            status |= int(stop.code or 0) if isinstance(stop.code, int) else 1
        finally:
            sys.argv = saved
    return status


if __name__ == "__main__":
    raise SystemExit(main())
