"""``compare --open``: show the written report in the user's browser."""

from __future__ import annotations


def open_report(path: str) -> int:
    """Open the file at ``path`` with the system's default application (``click.launch``:
    xdg-open, open or start); its exit status, which ``compare`` does not treat as an error."""
    import click

    return click.launch(path)
