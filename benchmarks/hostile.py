"""The hostile campaign: five areas of attack on the command line and the review server,
each case in fresh processes, printed as a table per area and a summary (tried / failed /
lost). ``python -m benchmarks.hostile [--seed N] [--sample K] [--areas a,b] [--list] [--no-mount]``.

- inputs (``hostile_inputs``): hostile files and names to parse, compare, apply,
  --divisions / --institutions, review import and review set (archive and PDF bombs, deep
  nesting, megabyte articles, 第+5,000×九+条, bad encodings, bidi and control characters);
- kills (``hostile_kills``): compare with three outputs and a database, SIGKILLed at
  moments spread over a measured run and as the database log, a staged output or the first
  output appears;
- full disk (``hostile_disk``): outputs and databases on a full tmpfs;
- concurrency (``hostile_concurrency``): review set from several processes on one database;
- web (``hostile_web``): forged requests to ``legiscompare serve``.

What fails a case and what counts as lost is said in ``hostile_common`` and in each area's
module. ``--sample K`` runs a seeded random sample of K cases per area. Exit status 1 when a
case failed or lost data.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import hostile_concurrency, hostile_disk, hostile_inputs, hostile_kills, hostile_web
from .common import machine_line
from .hostile_common import Case, Spec, case_table, run_specs, sample, summary_table

AREAS = ("inputs", "kills", "full disk", "concurrency", "web")


def _area_specs(area: str, folder: Path, resources: dict, mount: bool = True) -> list[Spec]:
    """The cases of ``area`` with their files under ``folder`` (servers and the full disk
    go into ``resources`` to be closed afterwards)."""
    if area == "inputs":
        return hostile_inputs.specs(folder)
    if area == "kills":
        return hostile_kills.kill_specs(folder)
    if area == "full disk":
        def disk_of() -> hostile_disk.FullDisk:
            if "disk" not in resources:
                resources["disk"] = hostile_disk.FullDisk(folder, mount)
            return resources["disk"]
        return hostile_disk.specs(folder, disk_of)
    if area == "concurrency":
        return hostile_concurrency.specs(folder)
    resources["servers"] = hostile_web.Servers(folder)
    return hostile_web.specs(resources["servers"])


def campaign(root: Path, seed: int = 1, k: int | None = None, areas: tuple[str, ...] = AREAS,
             report: Callable[[str, list[Case]], None] | None = None, include: frozenset[str] = frozenset(),
             dry: bool = False, mount: bool = True) -> dict[str, list[Case]]:
    """Run the chosen areas (``k`` sampled cases each, seeded by ``seed`` and the area's
    name, plus the cases named in ``include``) in folders under ``root``; ``report(area,
    cases)`` is called as each area ends. ``dry``: only name the cases (nothing runs);
    ``mount=False``: the full disk is a file-size limit, not a tmpfs."""
    results: dict[str, list[Case]] = {}
    for area in areas:
        folder = root / area.replace(" ", "-")
        folder.mkdir()
        resources: dict = {}
        try:
            specs = _area_specs(area, folder, resources, mount)
            chosen = {name for name, _ in sample(specs, k, random.Random(f"{seed}:{area}"))} | include
            picked = [spec for spec in specs if spec[0] in chosen]
            results[area] = [Case(area, name, "–") for name, _ in picked] if dry else run_specs(area, picked)
        finally:
            if "servers" in resources:
                resources["servers"].close()
            if "disk" in resources:
                resources["disk"].close()
        if report:
            report(area, results[area])
    return results


def _print_area(area: str, cases: list[Case]) -> None:
    """Print one area's table as soon as it ends."""
    print(f"\n{area}:\n")
    print(case_table(cases), flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the campaign and print its tables; status 1 if a case failed or lost data."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="seed of the sample (default 1)")
    parser.add_argument("--sample", type=int, metavar="K", help="K random cases per area (default: all)")
    parser.add_argument("--areas", default=",".join(AREAS), help=f"comma-separated, of: {', '.join(AREAS)}")
    parser.add_argument("--list", action="store_true", help="only list the cases the options choose")
    parser.add_argument("--no-mount", action="store_true", help="full disk by RLIMIT_FSIZE, not a tmpfs")
    args = parser.parse_args(argv)
    areas = tuple(a.strip() for a in args.areas.split(",") if a.strip())
    unknown = [a for a in areas if a not in AREAS]
    if unknown:
        parser.error(f"unknown area {unknown[0]!r}")
    print(machine_line() + (f" · seed {args.seed} · {args.sample} cases per area" if args.sample else ""))
    with tempfile.TemporaryDirectory(prefix="legiscompare-hostile-") as tmp:
        if args.list:
            for area, cases in campaign(Path(tmp), args.seed, args.sample, areas, dry=True).items():
                print("\n".join(f"{area}: {case.name}" for case in cases))
            return 0
        results = campaign(Path(tmp), args.seed, args.sample, areas, _print_area, mount=not args.no_mount)
    print("\nsummary:\n")
    print(summary_table(results))
    bad = any(c.failed or c.lost for cases in results.values() for c in cases)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
