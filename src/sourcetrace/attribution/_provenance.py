"""Chains of citation inside one article, and the article's provenance tree.

A source is cited *through* another in two ways:

``nested``   its attribution, or its mention, sits inside the other's reported content ("The
             Times reports that officials say …"; "The audit, first reported by the Courier,
             found …").
``relayed``  an anonymous source cited in the same or the next paragraph after an outlet's report
             ("according to", "reports that"), with no other outlet cited in between: the
             article is passing on what that outlet's unnamed sources said ("The New York Times
             reports … American officials say …"). This is an inference, and the source's
             ``via_reason`` says so.

The tree hangs every cited source from the article (its outlet, else its domain or title), and
each source cited through another from that one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from sourcetrace.model import Article, Attribution, ChainLink, ProvenanceNode, Source

__all__ = ["link_sources", "provenance_tree"]

AGENTLESS = "(no source given)"
_NEAR = 40  # attributions are in text order: a report holding a source is among its neighbours
# Attributions that relay an outlet's account of events ("According to the Times, …", "The Times
# reports that …"), after which unnamed sources are taken to be the outlet's. "The audit, first
# reported by the Courier" names the Courier without relaying its account. ``model``: a report only
# the trained model found, which, having no parse behind it, is taken as relaying.
_REPORTING_RULES = frozenset({"according_to", "verb_ccomp", "verb_quote", "headline_colon", "model"})


def link_sources(
    article: Article, attributions: list[Attribution], sources: list[Source]
) -> list[Source]:
    """``sources`` with ``via`` and ``via_reason`` set from the attributions' nesting and order."""
    by_id = {s.id: s for s in sources}
    via: dict[str, tuple[str, str]] = {}

    def reaches(start: str, target: str) -> bool:
        seen = set()
        node: str | None = start
        while node is not None and node not in seen:
            if node == target:
                return True
            seen.add(node)
            node = via.get(node, (None, ""))[0]
        return False

    for index, a in enumerate(attributions):
        parent_index = a.parent if a.parent is not None else _reported_source(attributions, index)
        if parent_index is None or a.source_id is None:
            continue
        parent = attributions[parent_index].source_id
        if parent is None or parent == a.source_id or a.source_id in via or reaches(parent, a.source_id):
            continue
        if by_id[a.source_id].type == "author" or by_id[parent].type == "author":
            continue  # the author is the tree's root: what it cites hangs there already
        via[a.source_id] = (parent, "cited inside its report")
    paragraph_of = _paragraph_index(article)
    outlet: tuple[str, int] | None = None
    for a in sorted(attributions, key=lambda a: a.cue[0].start if a.cue else a.sentence.start):
        where = paragraph_of(a.sentence.start)
        source = by_id.get(a.source_id or "")
        if source is None:
            continue
        if (source.type == "outlet" and a.parent is None and source.name != article.outlet
                and a.rule in _REPORTING_RULES):
            outlet = (source.id, where)
        elif (source.type == "anonymous" and outlet is not None and source.id not in via
              and where - outlet[1] <= 1 and not reaches(outlet[0], source.id)):
            via[source.id] = (outlet[0], "inferred: cited in the passage relaying its report")
    return [replace(s, via=via[s.id][0], via_reason=via[s.id][1]) if s.id in via else s for s in sources]


def provenance_tree(
    article: Article, attributions: list[Attribution], sources: list[Source]
) -> ProvenanceNode:
    """The article at the root, the sources it cites below, and who they cite below them."""
    claims = Counter(a.source_id for a in attributions)
    children: dict[str | None, list[Source]] = {}
    for s in sources:
        if s.type == "author":
            continue
        children.setdefault(s.via, []).append(s)

    def node(s: Source, depth: int) -> ProvenanceNode:
        kids = children.get(s.id, []) if depth < 8 else []
        return ProvenanceNode(
            label=s.name, type=s.type, source_id=s.id, claims=claims[s.id],
            link=None if s.via is None else _link(s.via_reason),
            children=tuple(node(k, depth + 1) for k in kids),
        )

    top = [node(s, 1) for s in children.get(None, [])]
    if claims[None]:
        top.append(ProvenanceNode(label=AGENTLESS, type="anonymous", claims=claims[None]))
    label = article.outlet or article.domain or article.title or "this article"
    author = _author_id(sources)
    return ProvenanceNode(label=label, type="article", claims=claims[author] if author else 0,
                          children=tuple(top))


def _reported_source(attributions: list[Attribution], index: int) -> int | None:
    """The attribution whose content holds this one's source: "The audit, first reported by
    the Courier, found …" makes the audit a source known through the Courier."""
    source = attributions[index].source
    if not source:
        return None
    start, end = source[0].start, source[-1].end
    for j in range(max(0, index - _NEAR), min(len(attributions), index + _NEAR + 1)):
        if j != index and any(s.start <= start and end <= s.end for s in attributions[j].content):
            return j
    return None


def _link(reason: str | None) -> ChainLink:
    return "relayed" if (reason or "").startswith("inferred") else "nested"


def _author_id(sources: list[Source]) -> str | None:
    return next((s.id for s in sources if s.type == "author"), None)


def _paragraph_index(article: Article):  # type: ignore[no-untyped-def]
    starts = [p.start for p in article.paragraphs]

    def index(offset: int) -> int:
        lo, hi = 0, len(starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if starts[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    return index
