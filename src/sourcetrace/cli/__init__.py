"""The ``sourcetrace`` command line: thin commands over the library (needs the ``cli`` extra)."""

from __future__ import annotations

from sourcetrace.cli import _corpus_cmds  # noqa: F401  (registers the corpus commands)
from sourcetrace.cli._app import cli, main

__all__ = ["cli", "main"]
