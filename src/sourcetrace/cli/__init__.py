"""The ``sourcetrace`` command line: thin commands over the library (needs the ``cli`` extra)."""

from __future__ import annotations

from sourcetrace.cli import _corpus_cmds, _discrepancy_cmds, _trace_cmds  # noqa: F401  (register their commands)
from sourcetrace.cli._app import cli, main

__all__ = ["cli", "main"]
