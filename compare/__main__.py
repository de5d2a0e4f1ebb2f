"""``python -m compare`` runs the command-line interface."""

from .launch import main

main()
