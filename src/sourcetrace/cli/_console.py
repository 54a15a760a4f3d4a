"""Terminal plumbing shared by commands: error and warning lines, and a progress bar only on a
terminal."""

from __future__ import annotations

import sys
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sourcetrace.errors import SourcetraceError, SourcetraceWarning

__all__ = ["Reporter", "reporter", "warning", "warnings_as_lines"]

_active: list[Reporter] = []
"""The reporter of the command running, if any: warnings print through its progress bar."""


@dataclass
class Reporter:
    """Counts documents and errors, prints each error as one ``Error: …`` line on stderr, and
    drives the progress bar when there is one."""

    debug: bool = False
    articles: int = 0
    errors: int = 0
    _progress: Any = None
    _task: Any = None
    _notes: list[str] = field(default_factory=list)

    def article(self) -> None:
        self.articles += 1
        self._update()

    def error(self, exc: SourcetraceError) -> None:
        self.errors += 1
        self._print(f"Error: {exc.message}")
        if self.debug:
            cause = exc.__cause__ or exc
            self._print("".join(traceback.format_exception(cause)).rstrip())
        self._update()

    def warning(self, line: str) -> None:
        self._print(f"Warning: {line}")

    def input_done(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def _print(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def _update(self) -> None:
        if self._progress is not None:
            elapsed = self._progress.tasks[0].elapsed or 0.0
            rate = f", {self.articles / elapsed:.1f}/s" if elapsed > 0.5 else ""
            self._progress.update(
                self._task, description=f"{self.articles} articles, {self.errors} errors{rate}"
            )


@contextmanager
def reporter(*, total: int, show: bool | None, debug: bool) -> Iterator[Reporter]:
    """A :class:`Reporter`; with a rich progress bar on stderr when ``show`` is true, or when it
    is ``None`` and stderr is a terminal and there is more than one input."""
    rep = Reporter(debug=debug)
    _active.append(rep)
    try:
        yield from _reporting(rep, total=total, show=show)
    finally:
        _active.remove(rep)


def _reporting(rep: Reporter, *, total: int, show: bool | None) -> Iterator[Reporter]:
    if show is None:
        show = total > 1 and sys.stderr.isatty()
    if not show:
        yield rep
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("inputs"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        # Output goes to stdout; it may only pass through the bar's console when both are the
        # same terminal, or a redirected stdout would end up on stderr.
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=False,
        transient=False,
    ) as progress:
        rep._progress = progress
        rep._task = progress.add_task("0 articles, 0 errors", total=total)
        yield rep


def warning(line: str) -> None:
    """Print ``Warning: line`` on stderr (through the progress bar when one is shown)."""
    if _active:
        _active[-1].warning(line)
    else:
        print(f"Warning: {line}", file=sys.stderr, flush=True)


@contextmanager
def warnings_as_lines() -> Iterator[None]:
    """While a command runs, sourcetrace's warnings (``SourcetraceWarning``) print as one
    ``Warning: …`` line each, every time; other warnings are left to Python."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", SourcetraceWarning)
        previous = warnings.showwarning

        def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                 file: Any = None, line: str | None = None) -> None:
            if issubclass(category, SourcetraceWarning):
                warning(str(message))
            else:
                previous(message, category, filename, lineno, file, line)

        warnings.showwarning = show
        yield
