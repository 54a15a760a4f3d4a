"""Analyses as the CLI prints them: a readable terminal report (rich), JSON and JSON Lines.

The report shows the article with every attribution drawn on it (source, cue and content in
their own colours, and with brackets so it still reads without colour: ``[source]``, ``{cue}``,
``«content»``), then the attributions, the sources, the provenance tree, the unattributed claims
and the summary.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from sourcetrace.model import Analysis, ProvenanceNode

__all__ = ["ANALYSIS_FORMATS", "render_analyses", "render_report"]

ANALYSIS_FORMATS = ("text", "json", "jsonl")
STYLES = {"source": "bold cyan", "cue": "bold magenta", "content": "green"}
MARKS = {"source": ("[", "]"), "cue": ("{", "}"), "content": ("«", "»")}
_TYPE_STYLE = {
    "person": "cyan", "organisation": "blue", "outlet": "yellow", "anonymous": "red",
    "document": "white", "author": "dim", "unspecified": "magenta", "article": "bold",
}


def render_analyses(analyses: Sequence[Analysis], fmt: str, *, color: bool = False, width: int = 100) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in analyses)
    if fmt == "json":
        data = [a.to_dict() for a in analyses]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    return "\n".join(render_report(a, color=color, width=width) for a in analyses)


def render_report(analysis: Analysis, *, color: bool = False, width: int = 100) -> str:
    """The terminal report of one analysis; ANSI colours only when ``color``."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color
                      else None, highlight=False, emoji=False)
    console.print(_heading(analysis))
    console.print(_body(analysis))
    console.print(Text("Legend: [source] {cue} «content»", style="dim"))
    if analysis.attributions:
        console.print(_attributions(analysis, width))
    if analysis.sources:
        console.print(_sources(analysis))
    if analysis.provenance is not None:
        console.print(Text("Provenance", style="bold"))
        console.print(_tree(analysis.provenance))
    if analysis.unattributed:
        console.print(_unattributed(analysis))
    console.print(_summary(analysis))
    for warning in analysis.warnings:
        console.print(Text(f"Warning: {warning}", style="yellow"))
    return buffer.getvalue()


def _heading(analysis: Analysis) -> Group:
    article = analysis.article
    title = Text(article.title or "(untitled)", style="bold")
    meta = " · ".join(p for p in (article.outlet or article.domain, article.byline and f"by {article.byline}",
                                  article.published, article.url) if p)
    lines = [title, Text(meta, style="dim")]
    supplied = [f"wire copy: {article.wire}"] if article.wire else []
    supplied += [f"{key}: {value}" for key, value in article.extra.items()]
    if article.source.metadata:
        supplied.append(f"(metadata from {article.source.metadata})")
    if supplied:
        lines.append(Text(" · ".join(supplied), style="dim"))
    return Group(*lines, Text(""))


def _body(analysis: Analysis) -> Group:
    text = analysis.article.text
    marks: dict[int, list[str]] = {}
    styles: list[tuple[int, int, str]] = []
    for a in analysis.attributions:
        for role, spans in (("content", a.content), ("source", a.source), ("cue", a.cue)):
            for span in spans:
                opening, closing = MARKS[role]
                marks.setdefault(span.start, []).append(opening)
                marks.setdefault(span.end, []).insert(0, closing)
                styles.append((span.start, span.end, STYLES[role]))
    blocks = [(p.start, p.end) for p in analysis.article.paragraphs] or [(0, len(text))]
    parts = []
    for start, end in blocks:
        parts.append(_marked(text, start, end, marks, styles))
    return Group(*parts)


def _marked(text: str, start: int, end: int, marks: dict[int, list[str]],
            styles: list[tuple[int, int, str]]) -> Text:
    """``text[start:end]`` with the bracket marks inserted and the role styles applied."""
    out = Text()
    offsets: list[int] = []  # position in ``out`` of each source offset from start to end
    for i in range(start, end + 1):
        for mark in marks.get(i, ()):
            out.append(mark, style="dim")
        offsets.append(len(out.plain))
        if i < end:
            out.append(text[i])
    for s, e, style in styles:
        if s < end and start < e:
            out.stylize(style, offsets[max(s, start) - start], offsets[min(e, end) - start])
    out.append("\n")
    return out


def _attributions(analysis: Analysis, width: int) -> Table:
    text = analysis.article.text
    table = Table(title="Attributions", title_justify="left", show_lines=False)
    # Fixed widths for the short columns so that no word is cut; the content takes the rest.
    fixed = {"#": 2, "source": 16, "cue": 11, "certainty · rule": 17}
    content_width = max(24, width - sum(fixed.values()) - 3 * (len(fixed) + 1) - 1)
    for column in ("#", "source", "cue", "content", "certainty · rule"):
        table.add_column(column, width=fixed.get(column, content_width), overflow="fold",
                         justify="right" if column == "#" else "left")
    for i, a in enumerate(analysis.attributions, 1):
        source = analysis.source(a.source_id)
        who = Text(f"{source.name} ({source.type})" if source else "(no source given)",
                   style=_TYPE_STYLE.get(source.type if source else "anonymous", ""))
        content = " … ".join(text[s.start : s.end] for s in a.content)
        kind = "“quoted”" if a.kind == "direct" else a.kind
        nested = f" (in #{a.parent + 1})" if a.parent is not None else ""
        certainty = a.certainty + (f": {', '.join(h.cue for h in a.hedges)}" if a.hedges else "")
        how = Text(certainty + "\n")
        how.append(a.found_by, style="dim")
        # Article text goes in as Text, never as a string: rich would read "[/caption]" as markup.
        table.add_row(str(i), who, Text(" … ".join(text[s.start : s.end] for s in a.cue)),
                      Text(f"{_shorten(content, 240)} [{kind}{nested}]"), how)
    return table


def _sources(analysis: Analysis) -> Table:
    counts = {row["id"]: row["claims"] for row in analysis.summary()["sources"]}
    by_id = {s.id: s for s in analysis.sources}
    table = Table(title="Sources", title_justify="left", expand=True)
    for column, ratio in (("source", 6), ("type", 3), ("role", 3), ("claims", 2), ("cited through", 6)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for s in analysis.sources:
        via = by_id[s.via].name + f" ({s.via_reason})" if s.via in by_id else ""
        table.add_row(Text(s.name), Text(s.type, style=_TYPE_STYLE[s.type]), Text(s.role or ""),
                      str(counts.get(s.id, 0)), Text(via))
    return table


def _tree(node: ProvenanceNode, tree: Tree | None = None) -> Tree:
    label = Text(node.label, style=_TYPE_STYLE.get(node.type, ""))
    detail: list[str] = [node.type]
    if node.claims:
        detail.append(f"{node.claims} claim{'s' if node.claims != 1 else ''}")
    if node.link:
        detail.append(node.link)
    label.append(f"  ({', '.join(detail)})", style="dim")
    branch = Tree(label) if tree is None else tree.add(label)
    for child in node.children:
        _tree(child, branch)
    return branch


def _unattributed(analysis: Analysis) -> Table:
    text = analysis.article.text
    table = Table(title="Unattributed claims (the article's own voice)", title_justify="left", expand=True)
    table.add_column("claim", ratio=8, overflow="fold")
    table.add_column("certainty", ratio=2)
    for claim in analysis.unattributed:
        table.add_row(Text(_shorten(text[claim.span.start : claim.span.end], 200)), claim.certainty)
    return table


def _summary(analysis: Analysis) -> Text:
    s = analysis.summary()
    ranked = sorted(s["claims_by_source_type"].items(), key=lambda kv: -kv[1])
    by_type = ", ".join(f"{k} {v}" for k, v in ranked if v)
    lines = [
        f"Summary: {s['claims']} claims, {s['attributed']} attributed to {len(s['sources'])} sources"
        + (f" ({by_type})" if by_type else ""),
        f"  anonymous or agentless {s['share_anonymous']:.0%} of attributed · "
        f"hedged {s['share_hedged']:.0%} · unattributed {s['share_unattributed']:.0%}",
    ]
    lines += ["  chain: " + " ← ".join(chain) for chain in s["chains"] if len(chain) > 2]
    return Text("\n".join(lines))


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
