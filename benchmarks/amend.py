"""Round trip of amendment decisions over every consecutive version pair of the corpus.

``python -m benchmarks.amend [--limit N]``: versions of a law are the lawrefbook files
sharing a name once the "(YYYY-MM-DD)" is removed, ordered by that date. For each
consecutive pair, ``compare.amend.roundtrip.round_trip`` drafts the decision, applies it
to the older text and checks that the newer text's provisions come out (after width and
whitespace normalisation). Prints the share reproduced exactly, instructions against
changed rows, timings and every failure with its reason; then the published instruments
(``benchmarks.published``): applied exactly, and the draft's agreement with their wording.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

from compare.amend.roundtrip import RoundTrip, round_trip

from . import published
from .common import LAWREFBOOK, fmt, machine_line, markdown_table

_VERSION = re.compile(r"(.+)\((\d{4}-\d{2}-\d{2})\)\.md")


def version_pairs(root: Path = LAWREFBOOK, same_date: bool = False) -> list[tuple[Path, Path]]:
    """Consecutive (older, newer) versions of every law with several, sorted by name.

    Two files of one name and date are the same version filed in two folders: such pairs
    are left out (``same_date=True`` returns only them).
    """
    groups: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for path in root.rglob("*.md"):
        match = _VERSION.fullmatch(path.name)
        if match:
            groups[match.group(1)].append((match.group(2), path))
    pairs = []
    for name in sorted(groups):
        versions = sorted(groups[name])
        pairs.extend((a[1], b[1]) for a, b in zip(versions, versions[1:]) if (a[0] == b[0]) == same_date)
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pairs")
    args = parser.parse_args(argv)
    pairs = version_pairs()[:args.limit]
    results: list[RoundTrip] = []
    for old, new in pairs:
        results.append(round_trip(str(old), str(new)))
        print(".", end="", flush=True, file=sys.stderr)
    print(file=sys.stderr)
    print(machine_line())
    print(report(results))
    copies = version_pairs(same_date=True)
    print(f"\nLeft out: {len(copies)} pairs of one name and date (one version filed in two folders).")
    print()
    print(published.report())
    return 0


def report(results: list[RoundTrip]) -> str:
    """The summary table and the failures."""
    exact = [r for r in results if r.exact]
    times = [r.seconds for r in results] or [0.0]
    ratio = [r.instructions / r.changed for r in results if r.changed]
    rows = [["pairs", len(results)], ["reproduced exactly", f"{len(exact)} ({100 * len(exact) / max(len(results), 1):.1f} %)"],
            ["instructions (total)", sum(r.instructions for r in results)],
            ["changed rows (total)", sum(r.changed for r in results)],
            ["instructions per changed row (median)", fmt(statistics.median(ratio) if ratio else None, 2)],
            ["provisions redrafted as 修改为 by the self-check", sum(r.redrafted for r in results)],
            ["headings reproduced exactly (all pairs)", _share(sum(r.headings_exact for r in results), len(results))],
            ["pairs whose headings differ only in titles", sum(r.same_shape for r in results)],
            ["  of them, headings reproduced exactly",
             _share(sum(r.same_shape and r.headings_exact for r in results), sum(r.same_shape for r in results))],
            ["pairs whose headings were added, deleted, moved or renumbered", sum(not r.same_shape for r in results)],
            ["  of them, headings reproduced exactly",
             _share(sum(not r.same_shape and r.headings_exact for r in results),
                    sum(not r.same_shape for r in results))],
            ["seconds per pair (median / max)", f"{fmt(statistics.median(times), 2)} / {fmt(max(times), 2)}"],
            ["seconds (total)", fmt(sum(times), 1)]]
    out = [markdown_table(["measure", "value"], rows)]
    kinds = sum((r.kinds for r in results), Counter())
    out += ["", "Instructions by kind:", "",
            markdown_table(["kind", "count"], [[k, n] for k, n in kinds.most_common()])]
    failures = [[_name(r.old), _name(r.new), r.reason] for r in results if not r.exact]
    if failures:
        out += ["", "Failures:", "", markdown_table(["old", "new", "reason"], failures)]
    heads = [[_name(r.old), _name(r.new), r.heading_reason] for r in results if r.exact and not r.headings_exact]
    if heads:
        out += ["", "Provisions reproduced, headings not:", "",
                markdown_table(["old", "new", "first provision under another heading"], heads)]
    return "\n".join(out)


def _share(n: int, total: int) -> str:
    return f"{n} ({100 * n / max(total, 1):.1f} %)"


def _name(path: str) -> str:
    return Path(path).name


if __name__ == "__main__":
    sys.exit(main())
