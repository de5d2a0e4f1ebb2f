"""Parse every text of a directory and count what the parser found.

Public API:

- ``corpus_stats(root, progress=None) -> CorpusStats``: read (``compare.ingest.read_source``)
  and parse every ``.md`` / ``.txt`` file under ``root``, in sorted path order. A file the
  user could fix (``InputError``: empty, undecodable, no provisions…) is counted as failed
  with its message; any other exception is a bug and propagates.
- ``format_stats(stats, lang) -> str``: a readable summary, Chinese by default, English
  when ``lang == "en"``.

Example::

    >>> stats = corpus_stats(Path("../shared/corpus/lawrefbook"))  # doctest: +SKIP
    >>> print(format_stats(stats, "en"))  # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MESSAGES, InputError
from ..fileio import shown_path, walk_files
from ..ingest import read_source
from ..model import Document
from . import parse, read_header
from .anomalies import warning_kind
from .describe import describe_warning  # noqa: F401  (re-exported)
from ..i18n import N_, _, by_language

SUFFIXES = (".md", ".txt")
Progress = Callable[[int, int, Path], None]  # (files done, files in all, file just done)


@dataclass
class CorpusStats:
    """What parsing a directory found. Counts are summed over the files parsed."""

    root: Path
    files_read: int = 0  # files parsed into a Document
    files_failed: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason)
    failure_kinds: Counter[str] = field(default_factory=Counter)  # InputError key → files
    stubs: int = 0  # failed files whose body is empty: a title and notes, no text
    provisions: int = 0  # alignable units, all kinds
    provision_kinds: Counter[str] = field(default_factory=Counter)  # "article", "item", "annex"…
    articles: int = 0  # 第X条 articles
    chapters: int = 0  # chapters holding at least one provision
    clauses: Counter[str] = field(default_factory=Counter)  # "paragraph" / "item" / "subitem"
    anomalies: Counter[str] = field(default_factory=Counter)  # warning kind → warnings
    files_with_anomalies: int = 0
    elapsed: float = 0.0  # seconds, reading and parsing

    @property
    def files(self) -> int:
        return self.files_read + len(self.files_failed)


def corpus_files(root: Path) -> list[Path]:
    """The ``.md`` and ``.txt`` files under ``root``, sorted."""
    return walk_files(root, SUFFIXES)[0]


def corpus_stats(root: Path, progress: Progress | None = None) -> CorpusStats:
    """Parse every text file under ``root`` and count files, provisions, clauses, anomalies."""
    started = time.perf_counter()
    stats = CorpusStats(Path(root))
    files, unreadable = walk_files(root, SUFFIXES)
    for folder, reason in unreadable:  # reported, not skipped silently
        stats.files_failed.append((Path(folder), _(MESSAGES["unreadable"]).format(detail=reason)))
        stats.failure_kinds["unreadable"] += 1
    for done, path in enumerate(files, 1):
        source = None
        try:
            source = read_source(path)
            doc = parse(source, path.stem)
        except InputError as exc:
            _count_failure(stats, path, exc, source.text if source else None)
        else:
            _count_document(stats, doc)
        if progress is not None:
            progress(done, len(files), path)
    stats.elapsed = time.perf_counter() - started
    return stats


def _count_failure(stats: CorpusStats, path: Path, exc: InputError, text: str | None) -> None:
    stats.files_failed.append((path, _(MESSAGES[exc.key]).format(**exc.params)))
    stats.failure_kinds[exc.key] += 1
    if text is not None and not read_header(text)[1]:
        stats.stubs += 1


def _count_document(stats: CorpusStats, doc: Document) -> None:
    stats.files_read += 1
    stats.provisions += len(doc.provisions)
    previous = None
    for prov in doc.provisions:
        stats.provision_kinds[prov.kind] += 1
        stats.clauses.update(c.kind for c in prov.clauses)
        place = (prov.part, prov.subpart, prov.chapter)
        if prov.chapter and place != previous:
            stats.chapters += 1
        previous = place
    stats.articles += sum(1 for prov in doc.provisions if prov.kind == "article")
    stats.anomalies.update(warning_kind(w) for w in doc.warnings)
    stats.files_with_anomalies += bool(doc.warnings)


_LABELS = by_language({
    "title": N_("Corpus statistics: {root}"),
    "files": N_("{read} files parsed, {failed} failed ({stubs} of them stubs), in {elapsed:.1f} s"),
    "provisions": N_("{provisions} provisions: {kinds}"),
    "chapters": N_("{chapters} chapters; {paragraph} paragraphs, {item} items, {subitem} sub-items"),
    "anomalies": N_("{total} structure anomalies in {files} files: {kinds}"),
    "no_anomalies": N_("no structure anomalies"),
    "failures": N_("failures: {kinds}"),
    "examples": N_("failed files (first {n}):"),
    "sep": N_(", "),
})
_KIND_NAMES = by_language({
    "article": N_("articles"),
    "item": N_("items"),
    "preamble": N_("preambles"),
    "annex": N_("annexes"),
    "text": N_("unnumbered texts"),
    "skipped_number": N_("skipped numbers"),
    "repeated_number": N_("repeated numbers"),
    "out_of_order": N_("out of order"),
    "outside_chapter": N_("outside a chapter"),
    "empty_provision": N_("empty provisions"),
    "joined_provisions": N_("joined lines"),
    "orphan_text": N_("unnumbered text under a heading"),
    "unnumbered_heading": N_("headings without a number"),
    "inferred_heading_number": N_("heading numbers inferred"),
})


def format_stats(stats: CorpusStats, lang: str = "zh", examples: int = 10) -> str:
    """A readable summary of ``stats`` in Chinese, or English when ``lang == "en"``."""
    lang = "en" if lang == "en" else "zh"
    text, names = _LABELS[lang], _KIND_NAMES[lang]

    def listing(counter: Counter[str], naming: Callable[[str], str]) -> str:
        return text["sep"].join(f"{naming(k)} {v}" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    def name(kind: str) -> str:
        return names.get(kind, kind)

    def failure(key: str) -> str:
        template = _(MESSAGES[key], lang) if key in MESSAGES else key
        return key if "{" in template else template

    lines = [
        text["title"].format(root=stats.root),
        text["files"].format(read=stats.files_read, failed=len(stats.files_failed), stubs=stats.stubs,
                             elapsed=stats.elapsed),
        text["provisions"].format(provisions=stats.provisions, kinds=listing(stats.provision_kinds, name)),
        text["chapters"].format(chapters=stats.chapters, paragraph=stats.clauses["paragraph"],
                                item=stats.clauses["item"], subitem=stats.clauses["subitem"]),
    ]
    if stats.anomalies:
        lines.append(text["anomalies"].format(total=sum(stats.anomalies.values()), files=stats.files_with_anomalies,
                                              kinds=listing(stats.anomalies, name)))
    else:
        lines.append(text["no_anomalies"])
    if stats.files_failed:
        lines.append(text["failures"].format(kinds=listing(stats.failure_kinds, failure)))
    if stats.files_failed and examples > 0:
        lines.append(text["examples"].format(n=min(examples, len(stats.files_failed))))
        for path, reason in stats.files_failed[:examples]:
            shown = path.relative_to(stats.root) if path.is_relative_to(stats.root) else path
            lines.append(f"  {shown_path(shown)}: {_translated(reason, lang)}")
    return "\n".join(lines)


def _translated(reason: str, lang: str) -> str:
    """A fixed failure message (one without parameters) in ``lang``; others as recorded."""
    for message in MESSAGES.values():
        if "{" not in message and reason in (message, _(message, "zh")):
            return _(message, lang)
    return reason
