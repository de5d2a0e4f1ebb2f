"""Run the stages in order: ingest → structure → jurisdiction → align → diff → classify.

``compare_files(paths, options)`` is the library entry point the CLI and the tests use. It
reads and checks every input before computing anything, so bad input fails fast and
nothing is stored for it. Document order (and so every output) does not depend on the
order the files were given in: the base is ``--base`` or the earliest text (by the date of
its latest adoption or revision note), and the other columns follow by that date, then file
name.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from . import references
from .align import Link, align, align_sequences, choose_method
from .align.content import content_profiles
from .classify import classify_chunks, row_status
from .classify.structural import StructureContext, structural_differences
from .diff import Chunk, marked_spans, refine_relative, to_spans
from .diff.finer import finer_spans
from .diff.paragraphs import diff_paragraphs
from .errors import InputError, shown_path
from .ingest import read_source
from .ingest.script import looks_traditional
from .jurisdiction import (
    lexer_for,
    load_divisions,
    with_jurisdictions,
)
from .jurisdiction.lexer import join_paragraphs
from .jurisdiction.tokens import TokenCache
from .model import (
    AlignmentRow,
    Cell,
    Comparison,
    Difference,
    Document,
    Provision,
    Span,
    Token,
)
from .structure import parse


@dataclass
class Options:
    """What the user chose; recorded with the comparison."""

    base: str | None = None  # path of the base (lead drafter's) text
    jurisdictions: dict[str, str] = field(default_factory=dict)  # path → jurisdiction name
    divisions_file: str | None = None  # user TOML adding/overriding divisions
    institutions_file: str | None = None  # user TOML adding institution-name groups
    traditional: bool = False  # convert traditional-script input to simplified (OpenCC t2s)
    match: str = "auto"  # "auto" (decided per pair of texts), "content" or "sequence" (compare.align)
    chosen: dict[str, str] = field(default_factory=dict)  # path → why --similar-in chose it (shown in reports)
    docx_view: str = "accepted"  # the view of a Word file's tracked changes: "accepted" or "original"

    def as_record(self) -> dict[str, str]:
        record = {"base": self.base or "", "traditional": "yes" if self.traditional else ""}
        if self.match != "auto":  # recorded only when chosen, so earlier comparisons keep their identity
            record["match"] = self.match
        if self.docx_view != "accepted":
            record["docx_view"] = self.docx_view
        record.update({f"chosen:{k}": v for k, v in sorted(self.chosen.items())})
        record.update({f"jurisdiction:{k}": v for k, v in sorted(self.jurisdictions.items())})
        return record


def load_documents(paths: list[str], options: Options,
                   notice: Callable[[str], None] | None = None) -> list[Document]:
    """Read, parse and place every file, ordered independently of the argument order (by
    date; texts ``--similar-in`` chose after the others, the closest first).

    ``notice(path)`` is called, before parsing, for each file that looks like traditional
    script while ``options.traditional`` is off (``ingest.script.looks_traditional``)."""
    if len(paths) < 2:
        raise InputError(None, "too_few")
    sources = [read_source(p, traditional_to_simplified=options.traditional, docx_view=options.docx_view)
               for p in paths]
    if notice is not None and not options.traditional:
        for src in sources:
            if looks_traditional(src.text):
                notice(src.path)
    seen: dict[str, str] = {}
    for src in sources:
        if src.sha256 in seen:
            raise InputError(src.path, "duplicate_input")
        seen[src.sha256] = src.path
    ids = document_ids([s.path for s in sources])
    docs = [parse(src, ids[src.path]) for src in sources]
    table = load_divisions(options.divisions_file)
    docs = with_jurisdictions(docs, table, _by_path(options.jurisdictions, paths))
    chosen = {shown_path(p): k for k, p in enumerate(options.chosen)}  # --similar-in: closest first
    return sorted(docs, key=lambda d: (chosen.get(d.source.path, -1), d.version_date or d.adopted or "9999",
                                       d.source.name, d.source.sha256))


def compare_documents(docs: list[Document], options: Options) -> Comparison:
    """Align, diff and classify already-loaded documents: each stage once, each giving new values."""
    base = _choose_base(docs, options.base)
    docs = [base] + [d for d in docs if d.id != base.id]
    by_id = {d.id: d for d in docs}
    tokens = lex_documents(docs, options)
    keys = {(d.id, p.id): comparison_key(join_paragraphs(tokens.provision(p, d))) for d in docs for p in d.provisions}
    methods = {d.id: options.match if options.match != "auto" else choose_method(base, d, keys) for d in docs[1:]}
    content_docs = [d for d in docs if d.id == base.id or methods.get(d.id) == "content"]
    profiles = content_profiles(content_docs, tokens) if len(content_docs) > 1 else None
    rows = align(docs, base.id, keys, profiles, methods)
    diffs = diff_rows(rows, by_id, base.id, tokens)
    rows = classify_rows(rows, diffs, by_id, base.id, StructureContext(by_id, methods), tokens)
    record = options.as_record() | {f"method:{d}": m for d, m in methods.items()}
    return Comparison(documents=tuple(docs), base=base.id, rows=rows, options=record)


def lex_documents(docs: list[Document], options: Options) -> TokenCache:
    """The jurisdiction stage: every paragraph of every document as tokens (words, with
    jurisdiction words, institutions and numbers resolved), computed here once."""
    lexer = lexer_for(docs, options.divisions_file, options.institutions_file)
    tokens = TokenCache(lexer)
    lexer.segmenter.expect(sum(len(text) for text in {p for d in docs for prov in d.provisions for p in prov.paragraphs}))
    for doc in docs:
        for prov in doc.provisions:
            tokens.provision(prov, doc)
    return tokens


@dataclass(frozen=True)
class RowDiff:
    """The diff stage's result for one row: the document it is diffed against, each
    document's display spans, and each other document's chunks against the reference."""

    reference: str
    spans: dict[str, tuple[Span, ...]]
    chunks: dict[str, list[Chunk]]


def diff_rows(rows: list[AlignmentRow], docs: dict[str, Document], base_id: str, tokens: TokenCache) -> list[RowDiff]:
    """The diff stage: every row's cells diffed word by word against its reference cell, 款
    against 款 (as the paragraphs align), references that follow renumbered articles grouped."""
    plans = [_plan_row(row, docs, base_id, tokens) for row in rows]
    renumbering = _renumbering(rows, plans, docs, tokens)
    return [_diff_row(row, plan, docs, tokens, renumbering) for row, plan in zip(rows, plans)]


def classify_rows(rows: list[AlignmentRow], diffs: list[RowDiff], docs: dict[str, Document], base_id: str,
                  context: StructureContext, tokens: TokenCache) -> list[AlignmentRow]:
    """The classify stage: new rows carrying their differences (structural ones from the
    alignment, then each document's chunks classified), spans, status and majority."""
    out = []
    for row, found in zip(rows, diffs):
        differences = structural_differences(row, docs, base_id, context)
        reference = docs[found.reference]
        for doc_id, chunks in found.chunks.items():
            differences.extend(classify_chunks(chunks, reference, docs[doc_id]))
        out.append(replace(row, differences=differences, spans=found.spans,
                           status=row_status(differences, all(row.cells.values())),
                           majority=_majority(row, differences, found.reference, docs, tokens)))
    return out


def compare_files(paths: list[str], options: Options | None = None,
                  notice: Callable[[str], None] | None = None) -> Comparison:
    """The whole pipeline on files: the comparison, or ``InputError`` for bad input
    (``notice`` as for ``load_documents``)."""
    options = options or Options()
    return compare_documents(load_documents(paths, options, notice), options)


def comparison_key(tokens: list[Token]) -> str:
    """The string alignment compares: token keys without whitespace, equivalents equal.

    Ordinary words contribute their normalised text; a resolved jurisdiction, partner
    list, institution or number contributes one stable private-use character for its key,
    so 本市 and 北京市 (in Beijing's text) count as the same single unit and no markup is
    shared by unrelated provisions.
    """
    return "".join([t.key if t.kind not in _SPECIAL_KINDS else _unit_of(t.key) for t in tokens if t.kind != "space"])


_SPECIAL_KINDS = {"jurisdiction", "partner_list", "institution", "number"}


@lru_cache(maxsize=4096)
def _unit_of(key: str) -> str:
    """The one private-use character standing for a resolved jurisdiction, partner list,
    institution or number (its key's CRC-32: stable across runs)."""
    return chr(0xF0000 + zlib.crc32(key.encode("utf-8")) % 0xFFFD)


_Plan = tuple[str, dict[str, list[Link]]]  # a row's reference document, its 款 links with each other one


def _plan_row(row: AlignmentRow, docs: dict[str, Document], base_id: str, tokens: TokenCache) -> _Plan:
    """The document a row is diffed against (the base when present) and how the 款 of every
    other cell align with the reference cell's."""
    reference_id = base_id if row.cells.get(base_id) else next(k for k, v in row.cells.items() if v)
    ref_keys = [comparison_key(p) for p in tokens.cell(row.cells[reference_id], docs[reference_id])]
    links = {doc_id: align_sequences(ref_keys, [comparison_key(p) for p in tokens.cell(cell, docs[doc_id])])
             for doc_id, cell in row.cells.items() if cell is not None and doc_id != reference_id}
    return reference_id, links


def _renumbering(rows: list[AlignmentRow], plans: list[_Plan], docs: dict[str, Document],
                 tokens: TokenCache) -> dict[tuple[str, str], references.Renumbering]:
    """For each pair of documents some row diffs (its reference, another), where the
    reference document's articles and 款 went.

    A row whose cell in one document is a single article maps every article of the other
    document's cell onto it (a merge: 第八条、第十条 → 第八条); a split maps its source onto
    the first part. 款 follow the row's paragraph links.
    """
    out: dict[tuple[str, str], references.Renumbering] = {}
    read: dict[str, set[str]] = {}  # the pairs read: a row's reference → the documents diffed against it
    for reference_id, links in plans:
        read.setdefault(reference_id, set()).update(links)
    diffed = {reference_id: sorted(doc_ids) for reference_id, doc_ids in read.items()}
    for row, (reference_id, links) in zip(rows, plans):
        articles = {d: [p for p in c.provisions if p.kind == "article" and p.ordinal is not None]
                    for d, c in row.cells.items() if c is not None}
        for a, na in articles.items():
            for b in diffed.get(a, ()):
                nb = articles.get(b)
                if na and nb:
                    out.setdefault((a, b), references.Renumbering()).articles.update(_article_map(na, nb))
        old_places = _places(row.cells[reference_id], docs[reference_id], tokens)
        for doc_id, doc_links in links.items():
            new_places = _places(row.cells[doc_id], docs[doc_id], tokens)
            target = out.setdefault((reference_id, doc_id), references.Renumbering()).paragraphs
            for link in doc_links:
                for offset, i in enumerate(link.a):
                    old, new = old_places[i], new_places[link.b[min(offset, len(link.b) - 1)]]
                    if old and new:
                        target[old] = new
    return out


def _article_map(old: list[Provision], new: list[Provision]) -> dict[int, int]:
    """Old article ordinal → new one within a row: onto the only new article (a merge), from
    the only old one onto the first part (a split), else onto the most similar."""
    if len(new) == 1 or len(old) == 1:
        return {p.ordinal: new[0].ordinal for p in old}  # type: ignore[misc]
    scores = process.cdist([p.text for p in old], [q.text for q in new], scorer=fuzz.partial_ratio,
                           dtype=np.float64)
    return {p.ordinal: new[int(scores[k].argmax())].ordinal for k, p in enumerate(old)}  # type: ignore[misc]


def _places(cell: Cell, doc: Document, tokens: TokenCache) -> list[tuple[int, int] | None]:
    """(article ordinal, 1-based 款) of each paragraph of a cell; None outside articles."""
    return [(prov.ordinal, k) if prov.kind == "article" and prov.ordinal is not None else None
            for prov in cell.provisions for k in range(1, len(tokens.provision(prov, doc)) + 1)]


def _grouped(cell: Cell, doc: Document, tokens: TokenCache,
             renumbering: references.Renumbering = references.NO_RENUMBERING) -> list[list[Token]]:
    """The cell's paragraphs with references merged (``references.group``)."""
    return [references.group(para, renumbering, prov.ordinal if prov.kind == "article" else None, k)
            for prov in cell.provisions for k, para in enumerate(tokens.provision(prov, doc), 1)]


def fill_spans(comparison: Comparison, options: Options | None = None) -> Comparison:
    """``comparison`` with the display spans of every row recomputed (a stored comparison
    comes back without them): the diff stage alone; differences, statuses and majorities as
    they were."""
    docs = list(comparison.documents)
    by_id = {d.id: d for d in docs}
    tokens = lex_documents(docs, options or Options())
    rows = [row for row in comparison.rows if any(row.cells.values())]
    spans = {row.id: found.spans for row, found in zip(rows, diff_rows(rows, by_id, comparison.base, tokens))}
    return replace(comparison, rows=[replace(row, spans=spans[row.id]) if row.id in spans else row
                                     for row in comparison.rows])


def _diff_row(row: AlignmentRow, plan: _Plan, docs: dict[str, Document], tokens: TokenCache,
              renumbering: dict[tuple[str, str], references.Renumbering]) -> RowDiff:
    reference_id, links = plan
    ref_doc = docs[reference_id]
    spans = {reference_id: marked_spans(join_paragraphs(tokens.cell(row.cells[reference_id], ref_doc)))}
    chunks_of: dict[str, list[Chunk]] = {}
    for doc_id, cell in row.cells.items():
        if cell is None or doc_id == reference_id:
            continue
        doc = docs[doc_id]
        paras = _grouped(cell, doc, tokens)
        ref_paras = _grouped(row.cells[reference_id], ref_doc, tokens,
                             renumbering.get((reference_id, doc_id), references.NO_RENUMBERING))
        ordered = [(link.a, link.b) for link in links[doc_id] if not link.moved]
        chunks = diff_paragraphs(ref_paras, paras, ordered,
                                 lambda c, a=_code(ref_doc), b=_code(doc): refine_relative(c, a, b))
        spans[doc_id] = finer_spans(to_spans(chunks))
        chunks_of[doc_id] = chunks
    return RowDiff(reference_id, spans, chunks_of)


def _majority(row: AlignmentRow, differences: list[Difference], reference_id: str, docs: dict[str, Document],
              tokens: TokenCache) -> tuple[str, ...]:
    """The documents that share the most common reading of the row.

    A document agrees with the reference when its differences are at most jurisdictional;
    the others are grouped by their reading with self-references made relative. A group is
    the majority only when at least two documents share it and it is larger than every
    other group; otherwise (every document reads differently, or a tie) there is none and
    the result is empty.
    """
    substantive = {d.document for d in differences if d.category in ("institution", "substantive")}
    present = [doc_id for doc_id in docs if row.cells.get(doc_id) is not None]
    groups: list[list[str]] = [[d for d in present if d == reference_id or d not in substantive]]
    readings: dict[str, list[str]] = {}
    for doc_id in present:
        if doc_id not in groups[0]:
            readings.setdefault(_relative_reading(tokens.cell(row.cells[doc_id], docs[doc_id]), docs[doc_id]),
                                []).append(doc_id)
    groups.extend(readings.values())
    sizes = sorted((len(g) for g in groups), reverse=True)
    if sizes[0] < 2 or (len(sizes) > 1 and sizes[1] == sizes[0]):
        return ()
    return tuple(max(groups, key=len))


def _relative_reading(paragraphs: list[list[Token]], doc: Document) -> str:
    code = _code(doc)
    words = [t for para in paragraphs for t in para if t.kind not in ("space", "punct")]
    return "".join(t.key.replace(code, "SELF") if code and t.kind in ("jurisdiction", "partner_list") else t.key
                   for t in words)


def _code(doc: Document) -> str | None:
    return doc.jurisdiction.code if doc.jurisdiction else None


def _choose_base(docs: list[Document], base_path: str | None) -> Document:
    if not base_path:
        return docs[0]
    shown = shown_path(base_path)  # as ingest names a file (compare.errors.shown_path)
    wanted = Path(shown).resolve()
    for doc in docs:
        if Path(doc.source.path).resolve() == wanted:
            return doc
    named = [d for d in docs if shown in (d.source.name, Path(d.source.path).stem, d.id)]
    if len(named) == 1:  # a file name or stem, as --jurisdiction accepts
        return named[0]
    raise InputError(base_path, "unknown_input", option="--base")


def document_ids(paths: list[str]) -> dict[str, str]:
    """Short unique ids from file names: ``texts/x/beijing.txt`` → ``beijing``."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for path in sorted(paths):
        stem = re.sub(r"[^\w\-]+", "-", Path(path).stem).strip("-") or "doc"
        candidate, n = stem, 2
        while candidate in used:
            candidate, n = f"{stem}-{n}", n + 1
        used.add(candidate)
        ids[path] = candidate
    return ids


def _by_path(given: dict[str, str], paths: list[str]) -> dict[str, str]:
    """Map user-given jurisdictions (keyed by path or file name) onto the input paths."""
    out = {}
    used: set[str] = set()
    for path in paths:
        for key in (path, Path(path).name, Path(path).stem):
            if key in given:
                out[shown_path(path)] = given[key]  # keyed as the document's source.path
                used.add(key)
    unknown = sorted(set(given) - used - {"*"})
    if unknown:
        raise InputError(unknown[0], "unknown_input", option="--jurisdiction")
    if "*" in given:
        for path in paths:
            out.setdefault(shown_path(path), given["*"])
    return out
