"""Terminal output through rich, imported only when something is printed (not for ``--help``).

``Console``, ``Table`` and ``escape`` stand for rich's own (same arguments). ``progress(label)``
is a context manager yielding ``update(done, total)``: a rich progress bar on stderr when
stderr is a terminal, else nothing at all (no bar, no final line), so redirected output and
logs hold no progress noise.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


def Console(*args: Any, **kwargs: Any) -> Any:  # noqa: N802 - stands for rich.console.Console
    """``rich.console.Console(*args, **kwargs)``."""
    from rich.console import Console as RichConsole

    return RichConsole(*args, **kwargs)


def Table(*args: Any, **kwargs: Any) -> Any:  # noqa: N802 - stands for rich.table.Table
    """``rich.table.Table(*args, **kwargs)``."""
    from rich.table import Table as RichTable

    return RichTable(*args, **kwargs)


def escape(text: str) -> str:
    """``rich.markup.escape``: ``text`` with rich markup made literal."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def stderr_is_terminal() -> bool:
    """Whether progress may be drawn: stderr is an interactive terminal."""
    stream = sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


Update = Callable[..., None]


@contextmanager
def progress(label: str, total: int | None = None, transient: bool = True) -> Iterator[Update]:
    """A progress bar labelled ``label`` on stderr; yields ``update(done, total=None)``.

    Not a terminal: ``update`` does nothing and nothing is printed. ``transient`` bars are
    erased when done."""
    if not stderr_is_terminal():
        yield lambda done=0, total=None: None
        return
    from rich.console import Console as RichConsole
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = RichConsole(stderr=True, force_terminal=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=transient) as bar:
        task = bar.add_task(label, total=total)

        def update(done: int = 0, total: int | None = None) -> None:
            if total is not None:
                bar.update(task, completed=done, total=total)
            else:
                bar.update(task, completed=done)

        yield update


@contextmanager
def status(label: str) -> Iterator[None]:
    """A spinner with ``label`` on stderr while the block runs; nothing when not a terminal."""
    if not stderr_is_terminal():
        yield
        return
    from rich.console import Console as RichConsole

    with RichConsole(stderr=True, force_terminal=True).status(label):
        yield


@contextmanager
def stages(labels: dict[str, str]) -> Iterator[Callable[[str, int, int | None], None]]:
    """Progress bars on stderr, one per stage as it starts (``labels``: stage → text);
    yields ``update(stage, done, total)``. Not a terminal: nothing is printed."""
    if not stderr_is_terminal():
        yield lambda stage, done, total=None: None
        return
    from rich.console import Console as RichConsole
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=RichConsole(stderr=True, force_terminal=True), transient=True) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int | None = None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(labels.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update
