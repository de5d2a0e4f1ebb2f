"""legiscompare: cross-jurisdiction comparison of Chinese legislation.

Stages (each a module with one job, plain dataclasses between them, see ``model``):
``ingest`` → ``structure`` → ``jurisdiction`` → ``align`` → ``diff`` → ``classify`` →
``store`` → ``report``; ``cli`` drives them. ``pipeline.compare_files`` runs them all.
"""

__version__ = "0.1.0"
