"""The ``sourcetrace`` command line: thin commands over the library (needs the ``cli`` extra)."""

from __future__ import annotations

from sourcetrace.cli._app import cli, main

__all__ = ["cli", "main"]
