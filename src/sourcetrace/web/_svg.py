"""A claim group's provenance graph drawn as SVG on the server (no script, works offline and
without JavaScript): reports in the first column, by date; the sources they cite in the next
columns, each one column further than the furthest node citing it; origins with a double border.
Report nodes link to their article's page."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from sourcetrace.model import ClaimTrace

__all__ = ["trace_svg"]

_W, _H, _GAP_X, _GAP_Y, _PAD, _LANE = 230, 44, 70, 16, 12, 12


def trace_svg(group: ClaimTrace) -> str:
    """The group's graph as an ``<svg>`` element (labels escaped)."""
    column = _columns(group)
    rows: dict[int, list[str]] = {}
    for node in group.nodes:
        rows.setdefault(column[node.id], []).append(node.id)
    place = {node_id: (_PAD + c * (_W + _GAP_X), _PAD + r * (_H + _GAP_Y))
             for c, ids in rows.items() for r, node_id in enumerate(ids)}
    width = _PAD * 2 + (max(rows, default=0) + 1) * (_W + _GAP_X) - _GAP_X
    bottom = _PAD + max((len(ids) for ids in rows.values()), default=1) * (_H + _GAP_Y) - _GAP_Y
    # An edge that skips a column runs in a lane of its own below the nodes, never behind one.
    long_edges = [e for e in group.edges if column[e.target] - column[e.source] > 1]
    lanes = {(e.source, e.target): bottom + _LANE * (i + 1) for i, e in enumerate(long_edges)}
    height = bottom + _LANE * len(long_edges) + _PAD
    parts = [f'<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-labelledby="graph-title">',
             f'<title id="graph-title">Provenance of claim {group.group}: each arrow points from a '
             'report to what it cites</title>',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
             'class="arrowhead"/></marker></defs>']
    for edge in group.edges:
        (x1, y1), (x2, y2) = place[edge.source], place[edge.target]
        sx, sy, tx, ty = x1 + _W, y1 + _H / 2, x2, y2 + _H / 2
        if x2 <= x1:  # a report citing an earlier report: drawn from its left side
            sx, tx = x1, x2 + _W
        lane = lanes.get((edge.source, edge.target))
        if lane is not None:
            turn = _GAP_X / 2
            path = (f"M {sx} {sy} C {sx + turn} {sy}, {sx + turn} {lane}, {sx + _GAP_X} {lane} "
                    f"L {tx - _GAP_X} {lane} C {tx - turn} {lane}, {tx - turn} {ty}, {tx} {ty}")
        else:
            bend = max(abs(tx - sx) / 2, 30)
            direction = 1 if tx >= sx else -1
            path = f"M {sx} {sy} C {sx + bend * direction} {sy}, {tx - bend * direction} {ty}, {tx} {ty}"
        relation = escape(edge.relation)
        parts.append(f'<path class="edge {relation}" d="{path}" marker-end="url(#arrow)">'
                     f"<title>{escape(edge.source)} {relation} {escape(edge.target)}</title></path>")
    origins = set(group.origins)
    for node in group.nodes:
        x, y = place[node.id]
        kind = "report" if node.kind == "report" else f"source {escape(node.type)}"
        label = node.label if node.kind == "source" else f"{node.id} {node.label}"
        if node.cited_by:
            label = f"{label} ({node.cited_by}'s)"
        lines = _wrap(label, 34)
        shape = (f'<rect class="node {kind}{" origin" if node.id in origins else ""}" x="{x}" y="{y}" '
                 f'width="{_W}" height="{_H}" rx="{4 if node.kind == "report" else 18}"/>')
        middle = y + _H / 2 + 4 - (len(lines) - 1) * 7
        text = "".join(f'<text x="{x + _W / 2}" y="{middle + i * 14}">{escape(line)}</text>'
                       for i, line in enumerate(lines))
        origin = ", origin" if node.id in origins else ""
        tip = f"<title>{escape(label)} — {escape(node.type)}{origin}</title>"
        article = _article_of(group, node.id)
        if article is not None:
            parts.append(f'<a href="/articles/{quote(str(article))}">{shape}{text}{tip}</a>')
        else:
            parts.append(f"<g>{shape}{text}{tip}</g>")
    parts.append("</svg>")
    return "".join(parts)


def _columns(group: ClaimTrace) -> dict[str, int]:
    """Reports in column 0; a source one column right of the furthest node citing it."""
    column = {n.id: 0 for n in group.nodes}
    reports = {n.id for n in group.nodes if n.kind == "report"}
    for _ in range(len(group.nodes)):
        changed = False
        for edge in group.edges:
            if edge.target in reports:
                continue
            wanted = column[edge.source] + 1
            if column[edge.target] < wanted:
                column[edge.target], changed = wanted, True
        if not changed:
            break
    return column


def _article_of(group: ClaimTrace, node_id: str) -> int | None:
    report = next((r for r in group.reports if r.id == node_id), None)
    return report.publications[0].article_id if report and report.publications else None


def _wrap(label: str, width: int) -> list[str]:
    """At most two lines of ``width`` characters, the second cut with an ellipsis."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return [ln if len(ln) <= width else ln[: width - 1] + "…" for ln in lines]
