"""A trace as a Graphviz graph: one cluster per claim group; reports are boxes (their outlets
and date), sources are ellipses, origins have a double border; an arrow goes from a report to
what it cites, labelled with how (``links``, ``names``, ``quotes``, ``relays``, ``wire``).

    sourcetrace trace "ban on Muslims" --format dot | dot -Tsvg > trace.svg
"""

from __future__ import annotations

from sourcetrace.model import ClaimTrace, Trace

__all__ = ["shorten", "to_dot"]

_SHAPES = {"report": "box", "outlet": "box3d"}
_COLOURS = {
    "report": "#e8eef7", "person": "#d9f0e3", "organisation": "#dde3f7", "outlet": "#f7efd9",
    "anonymous": "#f7dcdc", "unspecified": "#efdcf2", "document": "#eeeeee",
}


def to_dot(trace: Trace) -> str:
    lines = ["digraph trace {", '  graph [rankdir=LR, fontname="Helvetica", labelloc=t];',
             '  node [fontname="Helvetica", fontsize=10, style=filled];',
             '  edge [fontname="Helvetica", fontsize=9];']
    for group in trace.groups:
        lines.extend(_cluster(group))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _cluster(group: ClaimTrace) -> list[str]:
    prefix = f"g{group.group}_"
    title = f"{shorten(group.claim, 80)}\\n{len(group.outlets)} outlets, {group.independence} independent"
    lines = [f"  subgraph cluster_{group.group} {{", f'    label="{_escape(title)}";']
    origins = set(group.origins)
    for node in group.nodes:
        if node.kind == "report":
            report = next(r for r in group.reports if r.id == node.id)
            wire = f"\\n(wire copy of {report.original})" if report.original else ""
            label = f"{node.id}: {node.label}{wire}\\n{shorten(report.content, 60)}"
        else:
            label = f"{node.label}\\n({node.type}{', as cited by ' + node.cited_by if node.cited_by else ''})"
        shape = _SHAPES.get(node.type, "ellipse")
        extra = ", peripheries=2, penwidth=1.5" if node.id in origins else ""
        colour = _COLOURS.get(node.type, "#ffffff")
        lines.append(f'    "{prefix}{_escape(node.id)}" [label="{_escape(label)}", shape={shape}, '
                     f'fillcolor="{colour}"{extra}];')
    for edge in group.edges:
        lines.append(f'    "{prefix}{_escape(edge.source)}" -> "{prefix}{_escape(edge.target)}" '
                     f'[label="{edge.relation}"];')
    lines.append("  }")
    return lines


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape(text: str) -> str:
    """Text inside a double-quoted DOT string; ``\\n`` line breaks already in it are kept."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\\\\n", "\\n")
