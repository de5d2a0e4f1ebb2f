"""Write the frequency of every legal-domain word into ``compare/data/legal_words.txt``.

Run after adding or reordering words: ``python -m tools.legal_words``. Each word gets the
frequency jieba suggests for keeping it whole (``suggest_freq(word, tune=False)``, at least
``MIN_FREQ``), computed in file order on jieba's dictionary with the earlier words added,
exactly as a segmenter adds them. Storing the numbers makes every backend weigh the words
alike (rjieba's own ``suggest_freq`` rounds some of them one lower). Comments and blank
lines are kept; ``--check`` exits 1 if the file is not current.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import jieba

from compare.segment import MIN_FREQ

PATH = Path(__file__).resolve().parent.parent / "compare" / "data" / "legal_words.txt"


def current_lines(text: str) -> list[str]:
    """The file's lines with each word's frequency recomputed."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    out = []
    for line in text.splitlines():
        body, hash_, comment = line.partition("#")
        fields = body.split()
        if not fields:
            out.append(line)
            continue
        word = fields[0]
        freq = max(tokenizer.suggest_freq(word, False), MIN_FREQ)
        tokenizer.add_word(word, freq=freq)
        out.append(f"{word} {freq}" + (f"  #{comment}" if hash_ else ""))
    return out


def main(argv: list[str] | None = None) -> int:
    """Rewrite the file (or with ``--check`` report whether it is current)."""
    args = sys.argv[1:] if argv is None else argv
    text = PATH.read_text(encoding="utf-8")
    fresh = "\n".join(current_lines(text)) + "\n"
    if "--check" in args:
        return 0 if fresh == text else 1
    PATH.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
