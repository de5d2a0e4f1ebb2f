"""The files offices send, read back: .doc, .wps, OFD, and scans recognised by OCR.

``python -m benchmarks.ocr [--texts N] [--seed S]`` makes every office form of the
行政复议法 pair (2017, 2023) and N more corpus laws chosen by the seed
(``benchmarks.office_files``: LibreOffice for .doc and PDF, a 300 dpi JPEG scan of the PDF,
an OFD of the PDF's text lines, an OFD of page images), reads each form with
``compare.ingest.read_source`` and prints, per text: whether .doc, .wps and OFD give the
text's very words, and the character accuracy of OCR on the scanned PDF and scanned OFD
(1 − Levenshtein distance / length, whitespace aside, NFKC on both sides), with seconds per
page against reading the text PDF (the reference, measured in the same run). The texts are
also compared as a pair in each form, and the row statuses checked against the text pair's.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from .common import machine_line, markdown_table
from .office_files import office_files

REPO = Path(__file__).resolve().parents[1]
LAWREFBOOK = REPO.parent / "shared" / "corpus" / "lawrefbook"
PAIR = ("诉讼与非诉讼程序法/行政复议法(2017-09-01).md", "诉讼与非诉讼程序法/行政复议法(2023-09-01).md")


def _plain(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _words(text: str) -> list[str]:
    """The words of ``text``, invisible format characters (a stray U+200B of the corpus) aside."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").split()


def accuracy(truth: str, got: str) -> float:
    """Characters right: 1 − edit distance / length, whitespace aside, NFKC on both sides."""
    a, b = _plain(truth), _plain(got)
    return 1 - Levenshtein.distance(a, b) / max(len(a), 1)


def _timed(path: Path) -> tuple[object, float]:
    from compare.ingest import read_source

    started = time.perf_counter()
    source = read_source(path)
    return source, time.perf_counter() - started


def measure(source: Path, folder: Path) -> dict[str, object]:
    """Every form of ``source`` read back: exact words, OCR accuracy, seconds per page."""
    files = office_files(source, folder)
    text, _ = _timed(files["txt"])
    pdf, pdf_seconds = _timed(files["pdf"])
    row: dict[str, object] = {"text": source.stem}
    for kind in ("doc", "wps", "ofd"):
        read, _ = _timed(files[kind])
        row[kind] = "yes" if _words(read.text) == _words(text.text) else "NO"  # type: ignore[attr-defined]
    for kind in ("scanned-pdf", "scanned-ofd"):
        read, seconds = _timed(files[kind])
        pages = int(read.warnings[0].split(":")[1]) if read.warnings else 1  # type: ignore[attr-defined]
        row[kind] = accuracy(pdf.text, read.text)  # type: ignore[attr-defined]
        row[f"{kind} s/page"] = seconds / pages
        row["pages"] = pages
    row["pdf s/page"] = pdf_seconds / row["pages"]  # type: ignore[operator]
    row["files"] = files
    return row


def pair_statuses(rows: list[dict[str, object]], kind: str) -> list[tuple[str, str]]:
    """The row statuses of the first two texts compared in form ``kind``."""
    from compare.pipeline import compare_files

    comparison = compare_files([str(r["files"][kind]) for r in rows[:2]])  # type: ignore[index]
    return [(row.label, row.status) for row in comparison.rows]


def _agreement(got: list[tuple[str, str]], reference: list[tuple[str, str]]) -> float:
    """Rows of ``reference`` found, in order, with the same label and status in ``got`` (an extra
    row shifts nothing)."""
    from difflib import SequenceMatcher

    matched = sum(block.size for block in SequenceMatcher(None, got, reference, autojunk=False).get_matching_blocks())
    return matched / max(len(reference), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=3, help="corpus laws beside the 行政复议法 pair")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not LAWREFBOOK.is_dir():
        print("benchmarks.ocr: ../shared/corpus/lawrefbook is not present")
        return 0
    pool = sorted(p for p in LAWREFBOOK.rglob("*.md") if 3_000 < p.stat().st_size < 12_000)
    sources = [LAWREFBOOK / p for p in PAIR] + random.Random(args.seed).sample(pool, args.texts)
    print("# Office files and OCR (`python -m benchmarks.ocr`)\n")
    print(machine_line() + "\n")
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(source, Path(tmp) / str(i)) for i, source in enumerate(sources)]
        reference = pair_statuses(rows, "txt")
        agree = {kind: _agreement(pair_statuses(rows, kind), reference)
                 for kind in ("doc", "wps", "ofd", "scanned-pdf", "scanned-ofd")}
    headers = ["text", "pages", ".doc", ".wps", "OFD", "scan PDF OCR", "scan OFD OCR", "OCR s/page", "text PDF s/page"]
    table = [[r["text"], r["pages"], r["doc"], r["wps"], r["ofd"], f"{r['scanned-pdf']:.2%}",
              f"{r['scanned-ofd']:.2%}", f"{r['scanned-pdf s/page']:.2f}", f"{r['pdf s/page']:.3f}"] for r in rows]
    print(markdown_table(headers, table))
    chars = [float(r["scanned-pdf"]) for r in rows]  # type: ignore[arg-type]
    print(f"\nOCR accuracy, scanned PDF: mean {sum(chars) / len(chars):.2%}, lowest {min(chars):.2%} "
          f"(goal ≥ 99 % at 300 dpi)")
    print("行政复议法 2017 ↔ 2023 compared in each form: rows of the text pair found with their label and status: "
          + ", ".join(f"{k} {v:.1%}" for k, v in agree.items()))
    exact = all(r[k] == "yes" for r in rows for k in ("doc", "wps", "ofd"))
    return 0 if exact and min(chars) >= 0.99 else 1


if __name__ == "__main__":
    sys.exit(main())
