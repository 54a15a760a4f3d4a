"""``sourcetrace discrepancies``: the claims whose reports disagree, most serious first, with the
reports side by side and a word diff of the quotations."""

from __future__ import annotations

import io
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from sourcetrace.cli._app import _write, cli
from sourcetrace.cli._corpus_cmds import _DB, _open
from sourcetrace.cli._trace_cmds import _index, _plural
from sourcetrace.model import DISCREPANCY_KINDS, Discrepancies, Discrepancy, GroupDiscrepancies
from sourcetrace.trace._dot import shorten as _short
from sourcetrace.trace._wording import LEVELS

__all__ = ["discrepancies_command", "render_discrepancies", "word_diff"]

_QUOTES = " \"'“”‘’,"


@cli.command("discrepancies")
@click.argument("query", required=False)
@_DB
@click.option("--kind", "kinds", type=click.Choice(DISCREPANCY_KINDS), multiple=True,
              help="Only these kinds (repeat the option for several; default: all).")
@click.option("--level", type=click.Choice(LEVELS), default="substantive", show_default=True,
              help="The least serious wording change shown: cosmetic, abridged, reworded or substantive.")
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text: a report; json: sourcetrace.discrepancy/1.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Claim groups to show, most serious first.")
@click.option("--verbose", "-v", is_flag=True, help="Also list the groups and reports not compared, and why.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal).")
def discrepancies_command(query: str | None, db: str | None, kinds: tuple[str, ...], level: str, fmt: str,
                          limit: int, verbose: bool, color: bool | None) -> None:
    """Where the reports of a claim disagree, most serious first.

    Every claim two articles or more carry (or those matching QUERY, searched as `trace` does)
    is compared across its reports: a quotation's words changed (a negation, number, name or
    modal, or a word reversing the sense), the same words given to another speaker or placed at
    another occasion, and a claim stated as fact, or without a hedge, that other reports
    attribute to a source or hedge. Each finding gives its reason and the words in each article.
    """
    from sourcetrace.trace import discrepancies

    corpus = _open(db)
    try:
        _index(corpus)
        wanted = [k for k in DISCREPANCY_KINDS if not kinds or k in kinds]
        with _progress() as progress:
            result = discrepancies(corpus, query, kinds=wanted, level=level, limit=limit, progress=progress)
    finally:
        corpus.close()
    if fmt == "json":
        _write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        width = shutil.get_terminal_size((110, 24)).columns if sys.stdout.isatty() else 110
        color = sys.stdout.isatty() if color is None else color
        _write(render_discrepancies(result, color=color, width=width))
    if verbose:
        for group, article, reason in result.skipped:
            where = f"claim {group}" + (f", article {article}" if article is not None else "")
            click.echo(f"Skipped {where}: {reason}", err=True)
    if query is not None and not result.checked:
        click.echo(f"No claim carried by two articles or more in {corpus.url} matches {query!r}.", err=True)
        raise SystemExit(1)


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar over the claim groups compared, on a terminal only (silence when piped)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("comparing claim groups"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("compare", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def render_discrepancies(result: Discrepancies, *, color: bool = False, width: int = 110) -> str:
    """The text report: a summary line, then per claim group its findings, each with its
    reason, the reports side by side, and for wording the word diff."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    shown = sum(len(g.discrepancies) for g in result.groups)
    most = f", the {len(result.groups)} most serious of {result.found}" \
        if result.found > len(result.groups) else ""
    console.print(Text(f"{_plural(shown, 'finding')} in {_plural(len(result.groups), 'claim group')}{most} "
                       f"({result.checked} compared; kinds: {', '.join(result.kinds)}; "
                       f"wording: {result.level} and worse)", style="bold"))
    for group in result.groups:
        console.print()
        _group(console, group, color=color)
    return buffer.getvalue()


def _group(console: Console, group: GroupDiscrepancies, *, color: bool) -> None:
    console.print(Text(f"Claim {group.group} · {group.reports} reports in {len(group.outlets)} outlet"
                       f"{'' if len(group.outlets) == 1 else 's'}", style="bold"))
    console.print(Text(f"“{_short(group.claim.strip(_QUOTES), 200)}”", style="green"))
    for finding in group.discrepancies:
        _finding(console, finding, color=color)


def _finding(console: Console, finding: Discrepancy, *, color: bool) -> None:
    level = f" ({finding.level})" if finding.level and finding.level != finding.finding else ""
    head = Text()
    head.append(f"  [{finding.severity}] {finding.kind}: {finding.finding}{level}", style="bold yellow")
    head.append(f" — {finding.reason}")
    console.print(head)
    table = Table(show_header=False, box=None, pad_edge=False, expand=False, padding=(0, 1))
    for name in ("report", "date", "outlet", "what", "words"):
        table.add_column(name, overflow="fold")
    for side in finding.evidence:
        table.add_row(side.report, (side.published or "-")[:10], side.outlet or "-", side.detail,
                      f"“{_short(side.text.strip(_QUOTES), 160)}”")
    console.print(Padding(table, (0, 0, 0, 4)))
    if finding.diff and finding.level != "cosmetic":  # the same words: nothing to mark
        console.print(Text("    diff: ") + word_diff(finding.diff, color=color))


def word_diff(ops: tuple[tuple[str, str, str], ...], *, color: bool) -> Text:
    """A word diff: words only in the first wording struck out (``[-…-]`` without colour),
    words only in the second underlined (``{+…+}``)."""
    out = Text()
    for tag, a, b in ops:
        if out:
            out.append(" ")
        if tag == "equal":
            out.append(a)
            continue
        if a:
            out.append(a if color else f"[-{a}-]", style="red strike" if color else "")
        if a and b:
            out.append(" ")
        if b:
            out.append(b if color else f"{{+{b}+}}", style="green underline" if color else "")
    return out
