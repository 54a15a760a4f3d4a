"""Tracing a claim across the corpus: who reported it, what each report cites, where it came
from, how many independent sources stand behind it, and when each outlet followed.

    >>> from sourcetrace.corpus import Corpus
    >>> from sourcetrace.trace import trace
    >>> with Corpus("sourcetrace.db") as corpus:
    ...     result = trace(corpus, '"ban on Muslims"')
    ...     [(g.claim, g.outlets, g.independence) for g in result.groups]

Claims are grouped as articles are ingested (``sourcetrace.corpus``); this stage builds each
group's provenance graph when it is asked for (``_graph``) and draws it for Graphviz (``_dot``),
and finds where the reports of a claim disagree (``_discrepancies``: wording compared word by word
in ``_wording``, occasions read in ``_occasion``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sourcetrace.corpus import Corpus
from sourcetrace.errors import ConfigError, EmptyCorpusError
from sourcetrace.model import DISCREPANCY_KINDS, Analysis, ClaimTrace, Discrepancies, DiscrepancyKind, Trace
from sourcetrace.trace._discrepancies import Skip, compare_group
from sourcetrace.trace._dot import to_dot
from sourcetrace.trace._export import to_prov, to_schema_claims
from sourcetrace.trace._graph import build_trace
from sourcetrace.trace._wording import LEVELS

__all__ = ["LEVELS", "build_trace", "claim_groups", "compare_group", "discrepancies", "export_trace",
           "to_dot", "to_prov", "to_schema_claims", "trace", "trace_groups"]

_BATCH = 200
_KEPT = 2000  # analyses kept between batches


def trace(corpus: Corpus, query: str, *, limit: int = 10) -> Trace:
    """The traces of the claim groups matching ``query`` (full-text search over claims: every
    word, "quoted phrases" as phrases; any other character is just text), most widely reported
    first. Raises ``EmptyCorpusError`` when nothing was ingested."""
    _ready(corpus)
    groups = [g.group for g in corpus.search_groups(query, limit=limit)]
    return Trace(query=query, groups=tuple(trace_groups(corpus, groups)))


def claim_groups(corpus: Corpus, *, min_outlets: int = 2, limit: int = 50) -> list[ClaimTrace]:
    """The claim groups at least ``min_outlets`` outlets carry, most widely reported first, each
    traced (so with its independence count)."""
    _ready(corpus)
    return trace_groups(corpus, [g.group for g in corpus.claim_groups(min_outlets=min_outlets, limit=limit)])


def trace_groups(corpus: Corpus, groups: list[int]) -> list[ClaimTrace]:
    members = corpus.group_members(groups)
    return [build_trace(group, members[group]) for group in groups if members.get(group)]


def _ready(corpus: Corpus) -> None:
    if not corpus.article_count():
        raise EmptyCorpusError(corpus.url, "no articles in this corpus: run `sourcetrace ingest` first")
    corpus.index_pending()


def discrepancies(corpus: Corpus, query: str | None = None, *,
                  kinds: Iterable[DiscrepancyKind] = DISCREPANCY_KINDS, level: str = "substantive",
                  limit: int | None = None, progress: Callable[[int, int], None] | None = None,
                  group: int | None = None) -> Discrepancies:
    """The claim groups whose reports disagree (all the groups two articles carry, or those
    matching ``query``), most serious first: quotations worded differently (at ``level`` or
    worse: ``cosmetic``, ``abridged``, ``reworded``, ``substantive``), the same words given to
    different speakers or placed at different occasions, a claim stated as fact or unhedged that
    others attribute or hedge. A group is compared together with the groups holding its
    variants (the same claim but for a negation or a number). ``group`` compares that one group
    (with its variants) alone. ``progress(done, total)`` is called after each batch of groups."""
    if level not in LEVELS:
        raise ValueError(f"unknown wording level {level!r}; expected one of {', '.join(LEVELS)}")
    wanted = tuple(k for k in DISCREPANCY_KINDS if k in set(kinds))
    _ready(corpus)
    skipped: list[Skip] = []
    if group is not None:
        counts, links = {group: 0}, corpus.variant_links([group])
    elif query is None:
        counts = {g.group: g.reports for g in corpus.claim_groups(min_outlets=1, min_reports=2, limit=None)}
        links = corpus.variant_links()
    else:
        found = corpus.search_groups(query, limit=None)
        counts = {g.group: g.reports for g in found}
        links = corpus.variant_links(list(counts)) if counts else []
    components = _components(list(counts), links)
    results, compared = [], 0
    read: dict[int, Analysis] = {}  # an article is in many groups: each is read once a while
    for start in range(0, len(components), _BATCH):
        batch = components[start : start + _BATCH]
        members = corpus.group_members(sorted({g for c in batch for g in c}))
        wanted_ids = {int(m["article_id"]) for ms in members.values() for m in ms}
        if len(read) > _KEPT:
            read = {i: a for i, a in read.items() if i in wanted_ids}
        read |= corpus.analyses_of(sorted(wanted_ids - set(read)))
        analyses = {i: read[i] for i in wanted_ids if i in read}
        for component in batch:
            rows = [m for g in component for m in members.get(g, [])]
            if len({m["article_id"] for m in rows}) < 2:
                skipped.append((component[0], None, "only one article carries this claim"))
                continue
            result, skips = compare_group(component[0], rows, analyses, variants=component[1:], kinds=wanted,
                                          level=level)
            compared += 1
            skipped += skips
            if result is not None:
                results.append(result)
        if progress:
            progress(min(start + _BATCH, len(components)), len(components))
    results.sort(key=lambda g: (-g.severity, -len(g.outlets), -g.reports, g.group))
    return Discrepancies(query=query, kinds=wanted, level=level, groups=tuple(results[:limit]),
                         checked=compared, found=len(results), skipped=tuple(skipped))


def _components(groups: list[int], links: list[tuple[int, int]]) -> list[list[int]]:
    """The groups joined by variant links, each component led by its first group in ``groups``
    order (the most widely reported), then the groups only a link brings in."""
    parent: dict[int, int] = {}

    def find(g: int) -> int:
        while parent.get(g, g) != g:
            g = parent[g]
        return g

    linked = sorted({g for pair in links for g in pair} - set(groups))
    order = {g: i for i, g in enumerate([*groups, *linked])}
    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=order.__getitem__)] = min(ra, rb, key=order.__getitem__)
    components: dict[int, list[int]] = {}
    for g in sorted(order, key=order.__getitem__):
        components.setdefault(find(g), []).append(g)
    return list(components.values())


def export_trace(corpus: Corpus, fmt: str, *, query: str | None = None, min_outlets: int = 2,
                 limit: int = 1000) -> str:
    """The claims matching ``query`` (or carried by ``min_outlets`` outlets), traced, as
    ``prov-ttl`` or ``prov-jsonld`` (W3C PROV-O; needs rdflib: the ``rdf`` extra) or
    ``schema-claim`` (schema.org ``Claim`` JSON-LD)."""
    if fmt not in ("prov-ttl", "prov-jsonld", "schema-claim"):
        raise ValueError(f"unknown export format {fmt!r}")
    if query is not None:
        result = trace(corpus, query, limit=limit)
    else:
        result = Trace(None, tuple(claim_groups(corpus, min_outlets=min_outlets, limit=limit)))
    if fmt == "schema-claim":
        return to_schema_claims(result) + "\n"
    try:
        import rdflib  # noqa: F401
    except ImportError as exc:
        raise ConfigError(f"--format {fmt}", 'needs rdflib: pip install "sourcetrace[rdf]"') from exc
    return to_prov(result, "json-ld" if fmt == "prov-jsonld" else "turtle")
