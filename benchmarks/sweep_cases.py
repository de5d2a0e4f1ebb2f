"""What the corpus sweep compares: version groups, same-topic sets and mutants, found in the corpus.

Nothing here is a list of laws: cases come from file names and titles, so a new corpus
gives its own cases.

- ``version_groups(files)``: files of one law in several versions (same name, different
  "(YYYY-MM-DD)" dates), oldest first.
- ``topic_sets(files, table)``: texts of the same title in at least three jurisdictions
  (河南省优化营商环境条例, 山东省优化营商环境条例 … share the key 优化营商环境条例), the latest
  version of each.
- ``mutate(text, seed)``: a reproducible damaged copy of a text (characters, lines and whole
  articles deleted, duplicated or swapped), its header kept so it keeps its jurisdiction.
- ``all_cases(root)`` / ``sample_cases(root, ...)``: the ``Case`` list of a sweep.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

VERSION = re.compile(r"^(?P<name>.+?)\((?P<date>\d{4}-\d{2}-\d{2})\)$")
ARTICLE_LINE = re.compile(r"^第[零〇一二三四五六七八九十百千两\d]+条")
_INFO_END = "<!-- INFO END -->"
MUTATIONS = ("delete_chars", "duplicate_line", "swap_lines", "delete_article", "duplicate_article",
             "swap_articles", "delete_line")


@dataclass(frozen=True)
class Case:
    """One comparison of the sweep."""

    kind: str  # "versions" (a consecutive pair), "versions_nway", "topic", "mutant"
    name: str  # what a reader recognises: the law's name or title key
    files: tuple[str, ...]
    seed: int = 0  # for "mutant": files[0] is compared with mutate(files[0], seed)


def corpus_files(root: Path) -> list[Path]:
    """Every Markdown or text file under ``root``, sorted."""
    return sorted(p for p in root.rglob("*") if p.suffix in (".md", ".txt") and p.is_file()
                  and not p.name.startswith("."))


def version_groups(files: list[Path]) -> dict[str, list[Path]]:
    """Law name → its versions oldest first, for names with two or more dated versions."""
    groups: dict[tuple[Path, str], list[tuple[str, Path]]] = defaultdict(list)
    for path in files:
        match = VERSION.match(path.stem)
        if match:
            groups[(path.parent, match["name"])].append((match["date"], path))
    return {name: [p for _, p in sorted(found)] for (_, name), found in sorted(groups.items()) if len(found) > 1}


def title_of(path: Path) -> str:
    """The first line of a file without its Markdown mark: the title."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.readline().lstrip("#").strip()


def topic_sets(files: list[Path], start_pattern: re.Pattern[str], min_jurisdictions: int = 3) -> dict[str, list[Path]]:
    """Title without its jurisdiction → one file (the latest version) per jurisdiction."""
    by_key: dict[str, dict[str, tuple[str, Path]]] = defaultdict(dict)
    for path in files:
        title = title_of(path)
        match = start_pattern.match(title)
        if not match or len(title) - match.end() < 4:
            continue
        key, place = title[match.end():], match.group(1)
        version = VERSION.match(path.stem)
        date = version["date"] if version else ""
        if place not in by_key[key] or by_key[key][place][0] < date:
            by_key[key][place] = (date, path)
    return {key: [p for _, (_, p) in sorted(places.items())] for key, places in sorted(by_key.items())
            if len(places) >= min_jurisdictions}


def mutate(text: str, seed: int) -> str:
    """A damaged copy of ``text``: 1–4 seeded edits to the body, the header left alone."""
    rng = random.Random(seed)
    head, body = _split_header(text)
    lines = body.split("\n")
    for _ in range(rng.randint(1, 4)):
        lines = _MUTATORS[rng.choice(MUTATIONS)](lines, rng)
    return head + "\n".join(lines)


def _split_header(text: str) -> tuple[str, str]:
    if _INFO_END in text:
        head, body = text.split(_INFO_END, 1)
        return head + _INFO_END, body
    lines = text.split("\n")
    cut = min(4, len(lines))
    return "\n".join(lines[:cut]) + "\n", "\n".join(lines[cut:])


def _content(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()]


def _delete_chars(lines: list[str], rng: random.Random) -> list[str]:
    indices = _content(lines)
    if not indices:
        return lines
    i = rng.choice(indices)
    line = lines[i]
    start = rng.randrange(len(line))
    return [*lines[:i], line[:start] + line[start + rng.randint(1, 12):], *lines[i + 1:]]


def _duplicate_line(lines: list[str], rng: random.Random) -> list[str]:
    indices = _content(lines)
    if not indices:
        return lines
    i = rng.choice(indices)
    return [*lines[:i + 1], lines[i], *lines[i + 1:]]


def _delete_line(lines: list[str], rng: random.Random) -> list[str]:
    indices = _content(lines)
    if len(indices) < 2:
        return lines
    i = rng.choice(indices)
    return [*lines[:i], *lines[i + 1:]]


def _swap_lines(lines: list[str], rng: random.Random) -> list[str]:
    indices = _content(lines)
    if len(indices) < 2:
        return lines
    a, b = rng.sample(indices, 2)
    out = list(lines)
    out[a], out[b] = out[b], out[a]
    return out


def _articles(lines: list[str]) -> list[tuple[int, int]]:
    """(first line, end line) of each 第X条 article block."""
    starts = [i for i, line in enumerate(lines) if ARTICLE_LINE.match(line.strip())]
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(lines)])]


def _delete_article(lines: list[str], rng: random.Random) -> list[str]:
    blocks = _articles(lines)
    if len(blocks) < 2:
        return _delete_line(lines, rng)
    s, e = rng.choice(blocks)
    return [*lines[:s], *lines[e:]]


def _duplicate_article(lines: list[str], rng: random.Random) -> list[str]:
    blocks = _articles(lines)
    if not blocks:
        return _duplicate_line(lines, rng)
    s, e = rng.choice(blocks)
    return [*lines[:e], *lines[s:e], *lines[e:]]


def _swap_articles(lines: list[str], rng: random.Random) -> list[str]:
    blocks = _articles(lines)
    if len(blocks) < 2:
        return _swap_lines(lines, rng)
    k = rng.randrange(len(blocks) - 1)
    (s1, e1), (s2, e2) = blocks[k], blocks[k + 1]
    return [*lines[:s1], *lines[s2:e2], *lines[s1:e1], *lines[e2:]]


_MUTATORS = {"delete_chars": _delete_chars, "duplicate_line": _duplicate_line, "swap_lines": _swap_lines,
             "delete_article": _delete_article, "duplicate_article": _duplicate_article,
             "swap_articles": _swap_articles, "delete_line": _delete_line}


def _start_pattern() -> re.Pattern[str]:
    from compare.jurisdiction import load_divisions
    from compare.jurisdiction.infer import start_pattern

    return start_pattern(load_divisions())


def all_cases(root: Path, kinds: tuple[str, ...] = ("versions", "topic", "mutant")) -> list[Case]:
    """Every case of a full sweep of ``root``, in a stable order."""
    files = corpus_files(root)
    cases: list[Case] = []
    if "versions" in kinds:
        for name, versions in version_groups(files).items():
            cases += [Case("versions", name, (str(a), str(b))) for a, b in zip(versions, versions[1:])]
            if len(versions) > 2:
                cases.append(Case("versions_nway", name, tuple(map(str, versions))))
    if "topic" in kinds:
        cases += [Case("topic", key, tuple(map(str, members)))
                  for key, members in topic_sets(files, _start_pattern()).items()]
    if "mutant" in kinds:
        cases += [Case("mutant", path.stem, (str(path),), seed=n) for n, path in enumerate(files)]
    return cases


def sample_cases(root: Path, warned: list[str], seed: int = 13, per_kind: int = 6) -> list[Case]:
    """A small seeded sample: files with each warning kind, long laws, N-way sets, mutants.

    ``warned`` holds one file per parser-warning kind (found by the caller, who parses).
    """
    rng = random.Random(seed)
    files = corpus_files(root)
    groups = version_groups(files)
    names = sorted(groups)
    chosen = [Case("versions", n, tuple(map(str, groups[n][-2:]))) for n in rng.sample(names, min(per_kind, len(names)))]
    longest = sorted(files, key=lambda p: -p.stat().st_size)
    long_pairs = [n for n in names if groups[n][-1] in longest[:200]][:2]
    chosen += [Case("versions", n, tuple(map(str, groups[n][-2:]))) for n in long_pairs]
    nway = [n for n in names if len(groups[n]) > 2]
    chosen += [Case("versions_nway", n, tuple(map(str, groups[n]))) for n in rng.sample(nway, min(2, len(nway)))]
    topics = topic_sets(files, _start_pattern())
    for key in rng.sample(sorted(topics), min(3, len(topics))):
        chosen.append(Case("topic", key, tuple(map(str, topics[key][:6]))))
    for n, path in enumerate(rng.sample(files, min(per_kind, len(files)))):
        chosen.append(Case("mutant", Path(path).stem, (str(path),), seed=seed + n))
    chosen += [Case("mutant", Path(p).stem, (p,), seed=seed) for p in warned]
    return chosen
