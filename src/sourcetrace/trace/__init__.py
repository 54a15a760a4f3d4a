"""Tracing a claim across the corpus: who reported it, what each report cites, where it came
from, how many independent sources stand behind it, and when each outlet followed.

    >>> from sourcetrace.corpus import Corpus
    >>> from sourcetrace.trace import trace
    >>> with Corpus("sourcetrace.db") as corpus:
    ...     result = trace(corpus, '"ban on Muslims"')
    ...     [(g.claim, g.outlets, g.independence) for g in result.groups]

Claims are grouped as articles are ingested (``sourcetrace.corpus``); this stage builds each
group's provenance graph when it is asked for (``_graph``) and draws it for Graphviz (``_dot``).
"""

from __future__ import annotations

from sourcetrace.corpus import Corpus
from sourcetrace.errors import EmptyCorpusError
from sourcetrace.model import ClaimTrace, Trace
from sourcetrace.trace._dot import to_dot
from sourcetrace.trace._graph import build_trace

__all__ = ["build_trace", "claim_groups", "to_dot", "trace", "trace_groups"]


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
