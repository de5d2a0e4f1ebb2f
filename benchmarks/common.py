"""Helpers shared by the benchmarks: corpus location, markdown tables, machine line."""

from __future__ import annotations

import os
import platform
import sys
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
LAWREFBOOK = CORPUS / "lawrefbook"


def fmt(value: float | None, digits: int = 3) -> str:
    """A number for a table cell; ``None`` (undefined) as an en dash."""
    return "–" if value is None else f"{value:.{digits}f}"


def markdown_table(headers: list[str], rows: list[list[object]]) -> str:
    """A GitHub markdown table with padded columns, so it reads well in a terminal too."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(_width(r[k]) for r in cells) for k in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("| " + " | ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def machine_line() -> str:
    """Date, CPU count, Python and platform, printed above every benchmark's tables."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{date.today().isoformat()} · {cores} cores · Python {sys.version.split()[0]} · "
            f"{platform.system()} {platform.machine()}")
