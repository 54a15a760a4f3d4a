"""The ``sourcetrace`` command line: thin commands over the library (needs the ``cli`` extra)."""

from __future__ import annotations

from sourcetrace.cli import (  # noqa: F401  (register their commands)
    _corpus_cmds,
    _discrepancy_cmds,
    _serve_cmd,
    _spark_cmd,
    _trace_cmds,
    _watch_cmd,
)
from sourcetrace.cli._app import cli, main

__all__ = ["cli", "main"]
