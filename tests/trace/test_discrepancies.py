"""Discrepancies on small corpora written for them (``discrepant.py``), analysed by the real
engine and stored in real SQLite and PostgreSQL databases: each kind of disagreement is found
with its evidence, and the harmless differences are not flagged."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import update

from sourcetrace.corpus import Corpus
from sourcetrace.corpus._schema import articles
from sourcetrace.errors import EmptyCorpusError
from sourcetrace.model import Discrepancies, Discrepancy
from sourcetrace.trace import discrepancies

from . import discrepant as d
from .corpora import QUOTED, RELAY


def _findings(result: Discrepancies) -> list[Discrepancy]:
    return [f for g in result.groups for f in g.discrepancies]


def _only(result: Discrepancies) -> Discrepancy:
    found = _findings(result)
    assert len(found) == 1, [(f.kind, f.finding, f.reason) for f in found]
    return found[0]


def test_a_negation_added_to_a_quotation(load: Callable[..., Corpus]) -> None:
    corpus = load(d.NEGATION)
    finding = _only(discrepancies(corpus))
    assert (finding.kind, finding.finding, finding.level, finding.severity) == \
        ("wording", "negation", "substantive", 5)
    assert finding.reason == \
        "a negation is added in Bay Herald: “should” in Harbourton Gazette is “shouldn't”"
    first, second = finding.evidence
    assert (first.outlet, second.outlet) == ("Harbourton Gazette", "Bay Herald")
    assert first.group != second.group  # variants: not one claim group, compared all the same
    analysis = corpus.get(second.article_id)
    assert analysis is not None
    (start, end), = second.spans
    assert analysis.article.text[start:end] == \
        "The money shouldn't have been used for the flood defences in the lower town,"
    assert ("replace", "should", "shouldn't") in finding.diff or ("insert", "", "shouldn't") in finding.diff


def test_a_number_changed_in_a_quotation(load: Callable[..., Corpus]) -> None:
    finding = _only(discrepancies(load(d.NUMBER)))
    assert (finding.kind, finding.finding) == ("wording", "number")
    assert [(c.kind, c.a, c.b) for c in finding.changes] == [("number", "400", "40")]


def test_cosmetic_and_abridged_wordings_are_shown_only_when_asked(load: Callable[..., Corpus]) -> None:
    corpus = load(d.COSMETIC, d.ABRIDGED)
    assert _findings(discrepancies(corpus)) == []  # the default: substantive changes only
    found = {(f.finding, f.evidence[-1].outlet) for f in _findings(discrepancies(corpus, level="cosmetic"))}
    assert found == {("cosmetic", "Bay Herald"), ("abridged", "Bay Herald")}
    assert {f.finding for f in _findings(discrepancies(corpus, level="abridged"))} == {"abridged"}


def test_the_same_words_given_to_two_people(load: Callable[..., Corpus]) -> None:
    finding = _only(discrepancies(load(d.SPEAKERS)))
    assert (finding.kind, finding.finding) == ("speaker", "people")
    assert [(e.source, e.detail) for e in finding.evidence] == [
        ("Tom Reyes", "Tom Reyes (person)"), ("Maria Chen", "Maria Chen (person)")]


def test_a_person_a_document_and_no_one(load: Callable[..., Corpus]) -> None:
    found = {(f.finding, f.evidence[-1].outlet) for f in _findings(discrepancies(load(d.DOCUMENT)))}
    assert found == {("document", "Bay Herald"), ("unattributed", "Coastline Courier")}


def test_harmless_speakers_are_not_flagged(load: Callable[..., Corpus]) -> None:
    # a spokesman and the minister he speaks for; "she" and "Jane Holt"; an outlet relaying the
    # mayor's words to it; two people saying opposite things (a debate, not a misquotation)
    corpus = load(d.SPOKESPERSON, QUOTED, d.RELAYED, d.DEBATE, d.COSMETIC)
    assert _findings(discrepancies(corpus)) == []
    assert _findings(discrepancies(corpus, kinds=["speaker"], level="cosmetic")) == []


def test_the_same_words_at_two_occasions(load: Callable[..., Corpus]) -> None:
    found = {f.finding: f for f in _findings(discrepancies(load(d.OCCASION)))}
    assert set(found) == {"medium", "date"}
    assert [e.detail for e in found["medium"].evidence] == ["in an interview with CNN", "told Fox News"]
    assert [e.detail for e in found["date"].evidence] == ["Sunday", "Thursday"]


def test_a_claim_stated_as_fact_that_another_attributes(load: Callable[..., Corpus]) -> None:
    finding = _only(discrepancies(load(d.LAUNDERED)))
    assert (finding.kind, finding.finding, finding.severity) == ("attribution", "fact", 5)
    assert finding.reason == ("Bay Herald states as fact (2 days later) what Harbourton Gazette attributes "
                              "to Unnamed officials")
    assert [e.detail for e in finding.evidence] == ["attributed to Unnamed officials", "stated as fact"]


def test_a_dropped_hedge(load: Callable[..., Corpus]) -> None:
    finding = _only(discrepancies(load(d.HEDGE)))
    assert (finding.kind, finding.finding) == ("attribution", "hedge")
    assert finding.reason == "Bay Herald drops the hedge “could” that Harbourton Gazette keeps"


def test_two_outlets_contradicting_each_other(load: Callable[..., Corpus]) -> None:
    finding = _only(discrepancies(load(d.CONTRADICTION)))
    assert (finding.kind, finding.finding, finding.severity) == ("wording", "negation", 4)  # not quotations


def test_a_relay_chain_is_not_a_discrepancy(load: Callable[..., Corpus]) -> None:
    assert _findings(discrepancies(load(RELAY), level="cosmetic", kinds=["speaker", "attribution"])) == []


def test_most_serious_first_kinds_query_and_limit(load: Callable[..., Corpus]) -> None:
    corpus = load(d.NEGATION, d.OCCASION, d.HEDGE)
    result = discrepancies(corpus)
    severities = [g.severity for g in result.groups]
    assert severities == sorted(severities, reverse=True) and severities[0] == 5
    assert {f.kind for f in _findings(discrepancies(corpus, kinds=["occasion"]))} == {"occasion"}
    assert [g.group for g in discrepancies(corpus, limit=1).groups] == [result.groups[0].group]
    only = discrepancies(corpus, "water next year")
    assert {f.kind for f in _findings(only)} == {"occasion"} and only.query == "water next year"


def test_json_round_trip(load: Callable[..., Corpus]) -> None:
    result = discrepancies(load(d.NEGATION, d.DOCUMENT), level="cosmetic")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["schema"] == "sourcetrace.discrepancy/1"
    assert Discrepancies.from_dict(data) == result
    with pytest.raises(ValueError, match="unsupported discrepancy schema"):
        Discrepancies.from_dict({**data, "schema": "sourcetrace.discrepancy/0"})


def test_what_cannot_be_compared_is_skipped_with_the_reason(load: Callable[..., Corpus]) -> None:
    corpus = load(d.SPEAKERS, QUOTED)
    single = discrepancies(corpus, "winter storms arrive")
    assert single.checked == 1
    # The text of one report is no longer what its claims were read from.
    with corpus.engine.begin() as conn:
        row = conn.execute(articles.select().where(articles.c.url.like("%bridge-finish"))).mappings().one()
        data = json.loads(row["analysis"])
        data["article"]["text"] = data["article"]["text"].replace("new bridge", "old bridge")
        conn.execute(update(articles).where(articles.c.id == row["id"]).values(analysis=json.dumps(data)))
    result = discrepancies(corpus, "winter storms arrive")
    assert _findings(result) == []
    reasons = {reason for _, _, reason in result.skipped}
    assert "the stored text no longer holds this claim (run `sourcetrace claims --regroup`)" in reasons
    assert "fewer than two reports to compare" in reasons
    short = discrepancies(corpus, "Harbourton council")
    assert short.checked == 0


def test_short_quotations_are_skipped(load: Callable[..., Corpus]) -> None:
    result = discrepancies(load(d.SHORT), level="cosmetic")
    assert _findings(result) == []
    assert [reason for _, _, reason in result.skipped] == \
        ["its quotation is under 5 words: not compared word by word"] * 2


def test_an_empty_corpus_is_an_error(db: str) -> None:
    with Corpus(db) as corpus, pytest.raises(EmptyCorpusError):
        discrepancies(corpus)
    with Corpus(db) as corpus, pytest.raises(ValueError, match="unknown wording level"):
        discrepancies(corpus, level="minor")
