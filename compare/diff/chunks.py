"""The runs of a token diff (``Chunk``) and their merging: the plain value every diff
function returns."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Token


@dataclass(frozen=True)
class Chunk:
    """A run of the diff: ``op`` is "equal" (paired tokens) or "change"."""

    op: str
    old: tuple[Token, ...]
    new: tuple[Token, ...]

    @property
    def old_text(self) -> str:
        return "".join(t.surface for t in self.old)

    @property
    def new_text(self) -> str:
        return "".join(t.surface for t in self.new)


def merge_runs(chunks: list[Chunk]) -> list[Chunk]:
    """Adjacent chunks of the same kind joined (as one whole-text diff would give them)."""
    out: list[Chunk] = []
    for chunk in chunks:
        if out and out[-1].op == chunk.op:
            last = out.pop()
            out.append(Chunk(chunk.op, last.old + chunk.old, last.new + chunk.new))
        else:
            out.append(chunk)
    return out
