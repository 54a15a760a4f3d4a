"""What ``trace`` finds, in open formats other tools read: W3C PROV-O (Turtle or JSON-LD, with
rdflib) and schema.org ``Claim`` JSON-LD.

PROV-O, for each claim group:

- the group is a ``prov:Collection`` (``st:ClaimGroup``) whose members are its reports, with its
  claim (``prov:value``) and its independence count (``st:independentSources``);
- each report is a ``prov:Entity`` (``st:Report``) attributed to the outlets that published it,
  and part of (``dcterms:isPartOf``) each article carrying it, an entity of its own (its URL when
  it has one) generated at its publication time (``prov:generatedAtTime``; a date alone is
  ``dcterms:issued``, PROV's time being a date-time);
- what a report cites: an earlier report it links to or names (``prov:wasDerivedFrom``), or a
  source outside the corpus, drawn as that source's statement of this claim (an entity of the
  group, attributed to the source, an agent: ``prov:Person``, ``prov:Organization``, else
  ``prov:Agent`` with its type; named agents are one across groups, unnamed ones one per group)
  which the report quotes (``prov:wasQuotedFrom``); a source relaying another's word derives its
  statement from the other's; wire copy derives from the agency's statement; an outlet that
  publishes and one that is cited are one agent;
- the origins are marked ``st:origin true``.

schema.org: one ``Claim`` per group, ``appearance`` for every article carrying it,
``firstAppearance`` for the earliest, ``author`` for its origins that are named people or
organisations, and the outlet and independence counts in its ``description``.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from sourcetrace.model import ClaimTrace, Publication, Report, Trace, TraceNode

__all__ = ["ST", "prov_graph", "to_prov", "to_schema_claims"]

ST = "https://w3id.org/sourcetrace/ns#"
"""The few terms PROV-O does not have (report, claim group, origin, independence count)."""
_BASE = "urn:sourcetrace:"


def to_prov(result: Trace, fmt: str = "turtle") -> str:
    """The trace as PROV-O, serialised as ``turtle`` or ``json-ld``."""
    graph = prov_graph(result)
    return str(graph.serialize(format="json-ld" if fmt == "json-ld" else "turtle"))


def prov_graph(result: Trace) -> Any:
    """The trace as an rdflib ``Graph`` of PROV-O statements."""
    from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, PROV

    st = Namespace(ST)
    graph = Graph()
    graph.bind("prov", PROV)
    graph.bind("st", st)
    graph.bind("dcterms", DCTERMS)
    for group in result.groups:
        claim = URIRef(f"{_BASE}claim:{group.group}")
        graph.add((claim, RDF.type, PROV.Collection))
        graph.add((claim, RDF.type, st.ClaimGroup))
        graph.add((claim, PROV.value, Literal(group.claim)))
        graph.add((claim, st.independentSources, Literal(group.independence, datatype=XSD.integer)))
        nodes = {n.id: n for n in group.nodes}
        term = {node_id: _node_term(group, node) for node_id, node in nodes.items()}
        statement = {node_id: f"{_BASE}claim:{group.group}:statement:{quote(node_id, safe=':@')}"
                     for node_id, node in nodes.items() if node.kind == "source"}
        for report in group.reports:
            _report(graph, claim, URIRef(term[report.id]), report)
        for node in nodes.values():
            if node.kind == "source":
                _source(graph, URIRef(term[node.id]), URIRef(statement[node.id]), node)
        for edge in group.edges:
            source = URIRef(statement.get(edge.source, term[edge.source]))
            if nodes[edge.target].kind == "report":
                graph.add((source, PROV.wasDerivedFrom, URIRef(term[edge.target])))
            else:
                relation = PROV.wasQuotedFrom if edge.relation == "quotes" else PROV.wasDerivedFrom
                graph.add((source, relation, URIRef(statement[edge.target])))
        for origin in group.origins:
            marked = URIRef(statement.get(origin, term[origin]))
            graph.add((marked, st.origin, Literal(True)))
            graph.add((marked, RDFS.comment, Literal("an origin of the claim: it cites nothing further")))
    return graph


def _node_term(group: ClaimTrace, node: TraceNode) -> str:
    """A report's name (in its group); a source's: named sources are one agent across groups,
    unnamed ones (counted per outlet) are named within their group, since the "officials" of two
    claims are not known to be the same people."""
    if node.kind == "report":
        return f"{_BASE}claim:{group.group}:{node.id}"
    if node.type in ("anonymous", "unspecified"):
        return f"{_BASE}claim:{group.group}:source:{quote(node.id, safe=':@')}"
    return f"{_BASE}source:{quote(node.id, safe=':@')}"


def _outlet_term(name: str) -> str:
    """An outlet's name as the trace keys it, so that a publisher and a cited outlet are one agent."""
    from sourcetrace.extract.outlets import name_key

    return f"{_BASE}source:{quote('outlet:' + name_key(name), safe=':@')}"


def _report(graph: Any, claim: Any, report_term: Any, report: Report) -> None:
    from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, PROV

    st = Namespace(ST)
    graph.add((claim, PROV.hadMember, report_term))
    graph.add((report_term, RDF.type, PROV.Entity))
    graph.add((report_term, RDF.type, st.Report))
    graph.add((report_term, PROV.value, Literal(report.content)))
    outlets = ", ".join(report.outlets) or "unknown outlet"
    graph.add((report_term, RDFS.label, Literal(f"{report.id}: {outlets}")))
    for publication in report.publications:
        article = URIRef(_iri(publication.url) or f"{_BASE}article:{publication.article_id}")
        graph.add((report_term, DCTERMS.isPartOf, article))
        graph.add((article, RDF.type, PROV.Entity))
        if publication.title:
            graph.add((article, DCTERMS.title, Literal(publication.title)))
        when = _time(publication.published)
        if when is not None:
            dated = PROV.generatedAtTime if when.datatype == XSD.dateTime else DCTERMS.issued
            graph.add((article, dated, when))
        if publication.outlet:
            outlet = URIRef(_outlet_term(publication.outlet))
            graph.add((outlet, RDF.type, PROV.Organization))
            graph.add((outlet, RDFS.label, Literal(publication.outlet)))
            graph.add((article, PROV.wasAttributedTo, outlet))
            graph.add((report_term, PROV.wasAttributedTo, outlet))


def _iri(url: str | None) -> str | None:
    """An article's address as an IRI: http(s) only, characters an IRI cannot hold escaped."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    return quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~")


def _source(graph: Any, agent: Any, statement: Any, node: TraceNode) -> None:
    from rdflib import RDF, RDFS, Literal, Namespace
    from rdflib.namespace import PROV

    st = Namespace(ST)
    kind = {"person": PROV.Person, "organisation": PROV.Organization, "outlet": PROV.Organization}
    graph.add((agent, RDF.type, kind.get(node.type, PROV.Agent)))
    graph.add((agent, RDFS.label, Literal(node.label)))
    graph.add((agent, st.sourceType, Literal(node.type)))
    if node.cited_by:
        graph.add((agent, st.citedBy, Literal(node.cited_by)))
    graph.add((statement, RDF.type, PROV.Entity))
    graph.add((statement, PROV.wasAttributedTo, agent))
    graph.add((statement, RDFS.label, Literal(f"what {node.label} said")))


def _time(published: str | None) -> Any:
    from rdflib import XSD, Literal

    if not published:
        return None
    try:
        if len(published) <= 10:
            return Literal(date.fromisoformat(published).isoformat(), datatype=XSD.date)
        return Literal(datetime.fromisoformat(published).isoformat(), datatype=XSD.dateTime)
    except ValueError:
        return None


def to_schema_claims(result: Trace) -> str:
    """The trace as schema.org ``Claim`` objects in one JSON-LD document."""
    claims = [_claim(group) for group in result.groups]
    return json.dumps({"@context": "https://schema.org", "@graph": claims}, ensure_ascii=False, indent=2)


def _claim(group: ClaimTrace) -> dict[str, Any]:
    publications = sorted((p for r in group.reports for p in r.publications),
                          key=lambda p: (_instant(p.published), p.article_id))
    appearances = [_appearance(p) for p in publications]
    authors = []
    for origin in group.origins:
        node = group.node(origin)
        if node is not None and node.kind == "source" and node.type in ("person", "organisation", "outlet"):
            kind = "Person" if node.type == "person" else "Organization"
            authors.append({"@type": kind, "name": node.label})
    claim: dict[str, Any] = {
        "@type": "Claim", "@id": f"{_BASE}claim:{group.group}", "text": group.claim,
        "appearance": appearances,
        "description": f"Reported by {len(group.outlets)} outlet{'' if len(group.outlets) == 1 else 's'}; "
                       f"{group.independence} independent source{'' if group.independence == 1 else 's'} "
                       "behind it (sourcetrace's count of its origins).",
    }
    if appearances:
        claim["firstAppearance"] = appearances[0]
    if authors:
        claim["author"] = authors
    return claim


def _instant(published: str | None) -> float:
    """When a publication appeared, as a timestamp (time zones counted; a date is its midnight
    UTC; unknown last)."""
    from datetime import UTC

    if not published:
        return float("inf")
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return float("inf")
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _appearance(publication: Publication) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle"}
    if publication.url:
        work["url"] = publication.url
    if publication.title:
        work["headline"] = publication.title
    if publication.published:
        work["datePublished"] = publication.published
    if publication.outlet:
        work["publisher"] = {"@type": "Organization", "name": publication.outlet}
    return work
