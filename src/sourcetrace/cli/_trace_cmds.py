"""The tracing commands: ``trace`` (one claim across the corpus) and ``claims`` (the claims most
widely reported)."""

from __future__ import annotations

import io
import json
import shutil
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sourcetrace.cli._app import _write, cli
from sourcetrace.cli._corpus_cmds import _DB, _open
from sourcetrace.model import ClaimTrace, Trace
from sourcetrace.trace._dot import shorten as _short

__all__ = ["claims", "render_trace", "trace_command"]

_ORIGIN_MARK = "◆"
_QUOTES = " \"'“”‘’,"


@cli.command("trace")
@click.argument("query")
@_DB
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json", "dot")), default="text",
              show_default=True, help="text: a report; json: sourcetrace.trace/1; dot: a Graphviz graph.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="Claim groups to show, most widely reported first.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: on a terminal).")
def trace_command(query: str, db: str | None, fmt: str, limit: int, color: bool | None) -> None:
    """Trace the claims matching QUERY across the corpus.

    QUERY is searched in every claim (words, all of which must appear, and "quoted phrases").
    For each group of reports of the same claim: every report (outlet, date, sentence, source,
    cue, hedging), what each cites (an article of the corpus it links to or names, else its
    source), the origins and how many independent sources they are, and the timeline.
    """
    from sourcetrace.trace import trace

    corpus = _open(db)
    try:
        _index(corpus)
        result = trace(corpus, query, limit=limit)
    finally:
        corpus.close()
    if fmt == "json":
        _write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "dot":
        from sourcetrace.trace import to_dot

        _write(to_dot(result))
    elif result.groups:
        width = shutil.get_terminal_size((110, 24)).columns if sys.stdout.isatty() else 110
        _write(render_trace(result, color=sys.stdout.isatty() if color is None else color, width=width))
    if not result.groups:
        click.echo(f"No claim in {corpus.url} matches {query!r}.", err=True)
        raise SystemExit(1)


@cli.command()
@_DB
@click.option("--min-outlets", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only claims carried by at least this many outlets.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--regroup", is_flag=True,
              help="Group every claim again first (after the grouping settings changed).")
def claims(db: str | None, min_outlets: int, limit: int, fmt: str, regroup: bool) -> None:
    """The claims the most outlets carry, with how many independent sources stand behind each."""
    from sourcetrace.trace import claim_groups

    corpus = _open(db)
    try:
        if regroup:
            click.echo(f"Grouped the claims of {corpus.regroup()} articles again.", err=True)
        _index(corpus)
        groups = claim_groups(corpus, min_outlets=min_outlets, limit=limit)
    finally:
        corpus.close()
    if fmt == "json":
        _write(json.dumps(Trace(None, tuple(groups)).to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    if not groups:
        click.echo(f"No claim in {corpus.url} is carried by {min_outlets} outlets or more.", err=True)
        return
    _write(_listing(groups))


def _index(corpus: Any) -> None:
    done = corpus.index_pending()
    if done:
        click.echo(f"Grouped the claims of {done} articles stored before claims were grouped.", err=True)


def _listing(groups: list[ClaimTrace]) -> str:
    lines = [f"{'group':>6} {'outlets':>7} {'reports':>7} {'independent':>11}  {'first':<10}  "
             "claim  (origins)"]
    for g in groups:
        origins = "; ".join(_node_label(g, o) for o in g.origins)
        first = next((t.published[:10] for t in g.timeline if t.published), "-")
        lines.append(f"{g.group:>6} {len(g.outlets):>7} {sum(len(r.publications) for r in g.reports):>7} "
                     f"{g.independence:>11}  {first:<10}  {_short(g.claim, 90)}  ({_short(origins, 120)})")
    return "\n".join(lines) + "\n"


def render_trace(result: Trace, *, color: bool = False, width: int = 110) -> str:
    """The text report of a trace: per group, the reports, the provenance, the origins, the
    independence count with its notes, and the timeline."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    for i, group in enumerate(result.groups):
        if i:
            console.print()
        _group(console, group)
    return buffer.getvalue()


def _group(console: Console, group: ClaimTrace) -> None:
    publications = sum(len(r.publications) for r in group.reports)
    console.print(Text(f"Claim {group.group} · {_plural(publications, 'report')} in "
                       f"{_plural(len(group.outlets), 'outlet')} · "
                       f"{_plural(group.independence, 'independent source')}", style="bold"))
    console.print(Text(f"“{_short(group.claim.strip(_QUOTES), 300)}”", style="green"))
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    for name in ("", "date", "outlet", "source", "cue", "sentence", "certainty"):
        table.add_column(name, overflow="fold")
    for report in group.reports:
        source = f"{report.source} ({report.source_type})" if report.source else \
            "(quotation, speaker not named)" if report.quotation else "(no source)"
        outlets = ", ".join(report.outlets) + (f" — {report.original} copy" if report.original else "")
        certainty = report.certainty + (f": {', '.join(report.hedges)}" if report.hedges else "")
        table.add_row(report.id, (report.published or "-")[:10], outlets, source, report.cue,
                      _short(report.sentence, 160), certainty)
    console.print(table)
    console.print(Text("Provenance (each arrow: cites)", style="bold"))
    for report in group.reports:
        console.print(Text("  " + _path(group, report.id)))
    origins = ", ".join(_node_label(group, o) for o in group.origins)
    console.print(Text(f"Origins {_ORIGIN_MARK} {origins}", style="bold"))
    for note in group.notes:
        console.print(Text(f"  note: {note}", style="dim"))
    console.print(Text("Timeline", style="bold"))
    for entry in group.timeline:
        when = entry.published[:10] if entry.published else "date unknown"
        after = "first" if entry.days_after == 0 and entry is group.timeline[0] else \
            (f"+{entry.days_after} day{'' if entry.days_after == 1 else 's'}"
             if entry.days_after is not None else "")
        console.print(Text(f"  {when}  {after:<10} {entry.report} {', '.join(entry.outlets)}"))


def _path(group: ClaimTrace, start: str) -> str:
    """``r3 The Times ─names→ r1 HuffPost ─quotes→ Hillary Clinton ◆`` (first branch followed;
    other branches listed after it)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for edge in group.edges:
        out.setdefault(edge.source, []).append((edge.relation, edge.target))
    parts = [f"{start} {_node_label(group, start)}"]
    current, seen = start, {start}
    while out.get(current):
        (relation, target), *others = out[current]
        extra = "".join(f" (and ─{r}→ {_node_label(group, t)})" for r, t in others)
        parts.append(f"─{relation}→ {target if target.startswith('r') and target[1:].isdigit() else ''}"
                     f"{' ' if target[1:].isdigit() else ''}{_node_label(group, target)}{extra}")
        if target in seen:
            break
        seen.add(target)
        current = target
    if current in group.origins:
        parts[-1] += f" {_ORIGIN_MARK}"
    return " ".join(parts)


def _node_label(group: ClaimTrace, node_id: str) -> str:
    node = group.node(node_id)
    if node is None:
        return node_id
    if node.kind == "report":
        return node.label
    via = f", {node.cited_by}'s" if node.cited_by else ""
    return f"{node.label} ({node.type}{via})"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
