"""An article's text cut into pieces for the page, each piece with the roles it plays (source,
cue, content of which attributions; an unattributed claim; a hedge), so that every attribution
can be drawn on the text it was read from."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from sourcetrace.model import Analysis

__all__ = ["Block", "Piece", "blocks"]

ROLES = ("source", "cue", "content", "hedge", "unattributed")


@dataclass(frozen=True, slots=True)
class Piece:
    """``text`` at ``start`` in the article; ``roles`` it plays and the attributions (indexes)
    it belongs to; ``first`` the attributions whose content starts here (where a reader jumps to)."""

    text: str
    start: int
    roles: tuple[str, ...] = ()
    attributions: tuple[int, ...] = ()
    first: tuple[int, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.roles)


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the article (``kind``: paragraph, heading, quote, list) as pieces."""

    kind: str
    pieces: tuple[Piece, ...]


def blocks(analysis: Analysis) -> list[Block]:
    """The article's paragraphs, each cut where a role starts or ends."""
    text = analysis.article.text
    spans: list[tuple[int, int, str, int | None]] = []
    for i, a in enumerate(analysis.attributions):
        spans += [(s.start, s.end, "source", i) for s in a.source]
        spans += [(s.start, s.end, "cue", i) for s in a.cue]
        spans += [(s.start, s.end, "content", i) for s in a.content]
        spans += [(h.start, h.end, "hedge", i) for h in a.hedges]
    for claim in analysis.unattributed:
        spans.append((claim.span.start, claim.span.end, "unattributed", None))
        spans += [(h.start, h.end, "hedge", None) for h in claim.hedges]
    firsts: dict[int, list[int]] = {}  # where contents start: several claims can start at one place
    for i, a in enumerate(analysis.attributions):
        if a.content:
            firsts.setdefault(a.content[0].start, []).append(i)
    paragraphs = analysis.article.paragraphs or ()
    ranges = [(p.start, p.end, p.kind) for p in paragraphs] or [(0, len(text), "paragraph")]
    out = []
    for start, end, kind in ranges:
        inside = [s for s in spans if s[0] < end and start < s[1]]
        cuts = sorted({start, end, *(max(s[0], start) for s in inside), *(min(s[1], end) for s in inside)})
        pieces = []
        for left, right in pairwise(cuts):
            active = [s for s in inside if s[0] <= left and right <= s[1]]
            roles = tuple(r for r in ROLES if any(s[2] == r for s in active))
            ids = tuple(sorted({s[3] for s in active if s[3] is not None}))
            first = tuple(i for i in firsts.get(left, ()) if i in ids)
            pieces.append(Piece(text[left:right], left, roles, ids, first))
        out.append(Block(kind, tuple(pieces)))
    return out
