"""``python -m compare`` runs the command-line interface."""

from .cli import main

main()
