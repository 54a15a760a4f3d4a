"""Tracing claims on small corpora written for it (``corpora.py``), analysed by the real engine
and stored in real SQLite and PostgreSQL databases: the graph, the origins and the independence
count of each way a claim travels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sourcetrace.corpus import Corpus
from sourcetrace.model import ClaimTrace, Trace
from sourcetrace.trace import claim_groups, to_dot, trace

from .corpora import ANONYMOUS, QUOTED, RELAY, UNNAMED, WIRE, Story


def _one(result: Trace) -> ClaimTrace:
    """The most widely reported group found (the others are single reports)."""
    assert result.groups, "nothing found"
    assert all(len(g.outlets) == 1 for g in result.groups[1:]), [g.claim for g in result.groups]
    return result.groups[0]


def _edges(group: ClaimTrace) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.relation) for e in group.edges}


def test_a_wire_story_syndicated_by_three_outlets_is_one_report(
    load: Callable[[list[Story]], Corpus]
) -> None:
    corpus = load(WIRE)
    group = _one(trace(corpus, "docking fees"))
    (report,) = group.reports
    assert sorted(report.outlets) == ["Bay Herald", "Coastline Courier", "Harbourton Gazette"]
    assert report.original == "Associated Press"
    assert (report.source, report.source_type) == ("Ana Lopez", "person")
    assert _edges(group) == {("r1", "person:ana lopez", "quotes")}
    assert group.origins == ("person:ana lopez",)
    assert group.independence == 1
    assert any("one story published 3 times" in note and "Associated Press" in note for note in group.notes)
    headline = _one(trace(corpus, '"Port Fees To Rise"'))
    assert _edges(headline) == {("r1", "outlet:associated press", "wire")}  # unsourced wire copy: the agency
    assert headline.independence == 1


def test_a_claim_passed_on_by_link_and_by_name(load: Callable[[list[Story]], Corpus]) -> None:
    group = _one(trace(load(RELAY), "ferry terminal"))
    by_id = {r.id: r for r in group.reports}
    assert [by_id[i].outlets for i in ("r1", "r2", "r3")] == [
        ("Harbourton Gazette",), ("Coastline Courier",), ("Bay Herald",)]
    anonymous = "anonymous:officials@Harbourton Gazette"
    assert _edges(group) == {("r1", anonymous, "quotes"), ("r2", "r1", "links"), ("r3", "r1", "names")}
    assert group.origins == (anonymous,)
    assert group.independence == 1
    assert [(t.report, t.days_after) for t in group.timeline] == [("r1", 0), ("r2", 1), ("r3", 2)]


def test_two_outlets_quoting_their_own_unnamed_officials_are_two_sources(
    load: Callable[[list[Story]], Corpus]
) -> None:
    group = _one(trace(load(ANONYMOUS), "grain export licences"))
    assert set(group.origins) == {"anonymous:unnamed officials@Bay Herald",
                                  "anonymous:officials@Coastline Courier"}
    assert group.independence == 2
    nodes = [group.node(o) for o in group.origins]
    assert {n.cited_by for n in nodes if n} == {"Bay Herald", "Coastline Courier"}
    assert any("not known to be the same people" in note for note in group.notes)


def test_a_person_quoted_by_several_outlets_is_one_source(load: Callable[[list[Story]], Corpus]) -> None:
    group = _one(trace(load(QUOTED), '"raise property taxes"'))
    assert len(group.reports) == 3 and len(group.outlets) == 3
    assert {r.source for r in group.reports} == {"Jane Holt", "Holt"}
    assert _edges(group) == {(f"r{i}", "person:jane holt", "quotes") for i in (1, 2, 3)}
    assert group.origins == ("person:jane holt",)
    assert group.independence == 1
    holt = group.node("person:jane holt")
    assert holt is not None and holt.label == "Jane Holt"


def test_a_quotation_printed_without_its_speaker_is_not_one_more_source(
    load: Callable[[list[Story]], Corpus]
) -> None:
    group = _one(trace(load(QUOTED + UNNAMED), '"raise property taxes"'))
    assert len(group.outlets) == 4
    (unnamed,) = [r for r in group.reports if r.outlets == ("Island Post",)]
    assert unnamed.quotation and unnamed.source is None
    assert (unnamed.id, "person:jane holt", "quotes") in _edges(group)
    assert group.origins == ("person:jane holt",) and group.independence == 1
    assert any(n.startswith(f"{unnamed.id} quotes the words without naming the speaker") for n in group.notes)


def test_claims_lists_groups_by_outlets(load: Callable[[list[Story]], Corpus]) -> None:
    corpus = load(RELAY + ANONYMOUS)
    groups = claim_groups(corpus, min_outlets=2)
    assert [(len(g.outlets), g.independence) for g in groups] == [(3, 1), (2, 2)]
    (widest,) = claim_groups(corpus, min_outlets=3)
    assert widest.claim.startswith("the city will close the old ferry terminal")


@pytest.mark.parametrize("query", ['ferry (terminal "', "*ferry* -terminal", "(ferry) [terminal]",
                                   "ferry: terminal^", '"old ferry terminal" ferry*'])
def test_search_characters_are_text(load: Callable[[list[Story]], Corpus], query: str) -> None:
    result = trace(load(RELAY), query)  # the words are ferry and terminal: found, never an error
    assert result.groups and "ferry terminal" in result.groups[0].claim


@pytest.mark.parametrize("query", ["'; DROP TABLE claims; --", "ferry AND terminal OR NOT", '""', "*"])
def test_search_operators_are_words_too(load: Callable[[list[Story]], Corpus], query: str) -> None:
    corpus = load(RELAY)
    assert trace(corpus, query).groups == ()  # "drop", "and", "or", "not" are in no claim
    assert corpus.article_count() == 3


def test_both_databases_search_words_as_written(load: Callable[[list[Story]], Corpus]) -> None:
    corpus = load(QUOTED + WIRE)
    negated = trace(corpus, '"will not raise"')
    assert [g.claim for g in negated.groups] == ['"We will not raise property taxes this year,"']
    assert trace(corpus, "Property TAXES").groups == negated.groups  # case aside


def test_an_article_stored_again_keeps_its_claims_once(load: Callable[[list[Story]], Corpus],
                                                        analyzer: Any) -> None:
    corpus = load(RELAY)
    before = trace(corpus, "ferry terminal").groups[0]
    corpus.add(analyzer.analyze(RELAY[1].article()))  # the Courier's article, ingested again
    after = trace(corpus, "ferry terminal").groups[0]
    assert len(after.reports) == len(before.reports) == 3
    assert _edges(after) == _edges(before)


def test_a_relay_that_comes_back_on_itself_is_cut(db: str) -> None:
    from sourcetrace.trace import build_trace

    def member(article: int, source: str, via: list[tuple[str, str]]) -> dict[str, Any]:
        return {"id": article, "article_id": article, "idx": 0, "grp": 1, "kind": "attributed",
                "text": "the port will raise fees", "sentence": "", "source": source,
                "source_type": "person", "via": via, "cue": "said", "certainty": "asserted", "hedges": [],
                "outlet": f"Outlet {article}",
                "domain": None, "input": f"{article}.txt", "url": None, "title": None,
                "published": f"2025-03-0{article}", "wire": None, "signature": None, "links": []}

    group = build_trace(1, [member(1, "Marco Rubio", [("he", "person")]), member(2, "Rubio", [])])
    assert group.origins == ("person:marco rubio",)
    assert group.independence == 1
    assert all(e.source != e.target for e in group.edges)


def test_a_query_without_a_match_finds_nothing(load: Callable[[list[Story]], Corpus]) -> None:
    assert trace(load(RELAY), "volcano eruption").groups == ()
    assert trace(load(RELAY), "!!! ???").groups == ()


def test_the_trace_json_round_trips_and_the_dot_graph_draws_it(load: Callable[[list[Story]], Corpus]) -> None:
    result = trace(load(RELAY), "ferry terminal")
    data = result.to_dict()
    assert data["schema"] == "sourcetrace.trace/1"
    assert Trace.from_dict(data) == result
    dot = to_dot(result)
    assert dot.startswith("digraph trace {") and dot.rstrip().endswith("}")
    assert '-> "g' in dot and 'label="links"' in dot and "peripheries=2" in dot


def test_articles_stored_before_claims_were_grouped_are_grouped_when_first_traced(
    load: Callable[[list[Story]], Corpus]
) -> None:
    from sourcetrace.corpus._queries import forget_claims

    corpus = load(RELAY)
    before = trace(corpus, "ferry terminal")
    forget_claims(corpus.engine)  # as a corpus from before claims were kept
    assert corpus.search_groups("ferry terminal") == []
    again = trace(corpus, "ferry terminal")
    assert [(len(g.reports), g.independence) for g in again.groups] == [
        (len(g.reports), g.independence) for g in before.groups]
    assert corpus.regroup() == 3
    assert _edges(trace(corpus, "ferry terminal").groups[0]) == _edges(before.groups[0])


def test_copies_of_a_claim_add_no_buckets(load: Callable[[list[Story]], Corpus]) -> None:
    from sqlalchemy import func, select

    from sourcetrace.corpus._schema import claim_buckets

    def buckets_stored(corpus: Corpus) -> int:
        with corpus.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(claim_buckets)).scalar_one())

    one = buckets_stored(load(WIRE[:1]))
    three = load(WIRE[1:])  # the same story from two more outlets, into the same database
    assert buckets_stored(three) == one > 0
    assert len(trace(three, "docking fees").groups[0].reports[0].publications) == 3
