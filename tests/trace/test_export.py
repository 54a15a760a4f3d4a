"""Traces exported as W3C PROV-O and schema.org Claim JSON-LD parse back (rdflib, offline) into the
statements they should hold."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from sourcetrace.corpus import Corpus
from sourcetrace.trace import export_trace, trace

from .corpora import RELAY, Story

rdflib = pytest.importorskip("rdflib", reason="the PROV export needs rdflib (the rdf extra)")
from rdflib import RDF, Literal, Namespace, URIRef  # noqa: E402
from rdflib.namespace import DCTERMS, PROV  # noqa: E402

ST = Namespace("https://w3id.org/sourcetrace/ns#")
SCHEMA = Namespace("https://schema.org/")


def _relay_group(corpus: Corpus) -> int:
    return trace(corpus, '"ferry terminal"', limit=1).groups[0].group


def test_prov_turtle_holds_the_provenance(load: Callable[..., Corpus]) -> None:
    corpus = load(RELAY)
    group = _relay_group(corpus)
    graph = rdflib.Graph().parse(data=export_trace(corpus, "prov-ttl", query='"ferry terminal"', limit=1),
                                 format="turtle")
    claim = URIRef(f"urn:sourcetrace:claim:{group}")
    r1, r2, r3 = (URIRef(f"urn:sourcetrace:claim:{group}:r{i}") for i in (1, 2, 3))
    assert (claim, RDF.type, PROV.Collection) in graph
    assert {o for o in graph.objects(claim, PROV.hadMember)} == {r1, r2, r3}
    assert graph.value(claim, ST.independentSources).toPython() == 1
    assert (r2, PROV.wasDerivedFrom, r1) in graph and (r3, PROV.wasDerivedFrom, r1) in graph  # links, names
    (statement,) = graph.objects(r1, PROV.wasQuotedFrom)
    agent = graph.value(statement, PROV.wasAttributedTo)
    assert (agent, RDF.type, PROV.Agent) in graph and str(graph.value(agent, ST.sourceType)) == "anonymous"
    assert (statement, ST.origin, Literal(True)) in graph
    article = URIRef("https://gazette.example/news/ferry-terminal")
    assert (r1, DCTERMS.isPartOf, article) in graph
    assert str(graph.value(article, DCTERMS.issued)) == "2025-03-01"  # a date: PROV's time is a date-time
    outlet = graph.value(article, PROV.wasAttributedTo)
    assert (outlet, RDF.type, PROV.Organization) in graph


def test_prov_json_ld_is_the_same_graph(load: Callable[..., Corpus]) -> None:
    corpus = load(RELAY)
    turtle = rdflib.Graph().parse(data=export_trace(corpus, "prov-ttl", min_outlets=2), format="turtle")
    jsonld = rdflib.Graph().parse(data=export_trace(corpus, "prov-jsonld", min_outlets=2), format="json-ld")
    from rdflib.compare import isomorphic

    assert len(turtle) > 20 and isomorphic(turtle, jsonld)


def test_schema_claim_json_ld(load: Callable[..., Corpus]) -> None:
    corpus = load(RELAY)
    data = json.loads(export_trace(corpus, "schema-claim", query='"ferry terminal"', limit=1))
    assert data["@context"] == "https://schema.org"
    (claim,) = data["@graph"]
    assert claim["@type"] == "Claim"
    assert claim["firstAppearance"]["url"] == "https://gazette.example/news/ferry-terminal"
    assert [a["publisher"]["name"] for a in claim["appearance"]] == \
        ["Harbourton Gazette", "Coastline Courier", "Bay Herald"]
    assert "1 independent source behind it" in claim["description"] and "author" not in claim  # anonymous
    # Parsed with the schema.org vocabulary kept offline (no network).
    offline = json.dumps({**data, "@context": {"@vocab": str(SCHEMA)}})
    graph = rdflib.Graph().parse(data=offline, format="json-ld")
    subject = URIRef(claim["@id"])
    assert (subject, RDF.type, SCHEMA.Claim) in graph
    assert len(list(graph.objects(subject, SCHEMA.appearance))) == 3
    first = graph.value(subject, SCHEMA.firstAppearance)
    assert str(graph.value(first, SCHEMA.url)) == "https://gazette.example/news/ferry-terminal"


def test_named_origins_are_authors(load: Callable[..., Corpus]) -> None:
    from .corpora import QUOTED

    data = json.loads(export_trace(load(QUOTED), "schema-claim", query='"raise property taxes"', limit=1))
    assert data["@graph"][0]["author"] == [{"@type": "Person", "name": "Jane Holt"}]


def test_unknown_format_is_refused(load: Callable[..., Corpus]) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        corpus = load([Story("G", "https://g.example/x", "2025-01-01", "Title\n\nText here.")])
        export_trace(corpus, "rdf-xml")


def test_statements_belong_to_their_group_and_outlets_are_one_agent(load: Callable[..., Corpus]) -> None:
    from .corpora import ANONYMOUS, WIRE

    corpus = load(RELAY, ANONYMOUS, WIRE)
    graph = rdflib.Graph().parse(data=export_trace(corpus, "prov-ttl", min_outlets=2), format="turtle")
    for statement in graph.subjects(ST.origin, Literal(True)):
        assert str(statement).startswith("urn:sourcetrace:claim:")  # an origin of one group only
    agents = {str(s) for s in graph.subjects(RDF.type, PROV.Organization)}
    assert not any(":outlet:" in a and "source:outlet:" not in a for a in agents)
    gazette = [a for a in agents if a.endswith("outlet:harbourton%20gazette")]
    assert len(gazette) == 1


def test_first_appearance_counts_time_zones() -> None:
    from sourcetrace.model import ClaimTrace, Publication, Report, Trace
    from sourcetrace.trace import to_schema_claims

    # B's date sorts first as text, but 23:30 at UTC-5 is 04:30 UTC: A, at 01:00 UTC, came first.
    a = Publication(1, "A", "https://a.example/x", published="2025-03-02T01:00:00+00:00")
    b = Publication(2, "B", "https://b.example/x", published="2025-03-01T23:30:00-05:00")
    report = Report("r1", 1, (a, b), "x", "x", "unattributed")
    data = json.loads(to_schema_claims(Trace(None, (ClaimTrace(1, "x", (report,), (), (), (), 0),))))
    assert data["@graph"][0]["firstAppearance"]["url"] == "https://a.example/x"
