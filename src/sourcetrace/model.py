"""The data types every stage shares.

An :class:`Article` holds the clean text of one news document and everything located in it by
character offsets into ``Article.text``: paragraphs, outbound links, and (in later stages)
attributions. Offsets are Python string indices (code points), end-exclusive, so
``article.text[p.start:p.end]`` is always the span.

The JSON form is versioned by ``ARTICLE_SCHEMA``; ``Article.to_dict`` and ``Article.from_dict``
are exact inverses.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "ANALYSIS_SCHEMA",
    "ARTICLE_SCHEMA",
    "CERTAINTIES",
    "DISCREPANCY_KINDS",
    "DISCREPANCY_SCHEMA",
    "SOURCE_TYPES",
    "TRACE_SCHEMA",
    "Analysis",
    "Article",
    "Attribution",
    "Certainty",
    "ChainLink",
    "Claim",
    "ClaimTrace",
    "Directness",
    "Discrepancies",
    "Discrepancy",
    "DiscrepancyKind",
    "DocumentFormat",
    "DocumentMetadata",
    "DocumentSource",
    "Evidence",
    "GroupDiscrepancies",
    "Hedge",
    "Link",
    "Paragraph",
    "ParagraphKind",
    "ProvenanceNode",
    "Publication",
    "RawDocument",
    "Relation",
    "Report",
    "Source",
    "SourceKind",
    "SourceType",
    "Span",
    "TimelineEntry",
    "Trace",
    "TraceEdge",
    "TraceNode",
    "WordChange",
]

ARTICLE_SCHEMA = "sourcetrace.article/1"

ParagraphKind = Literal["paragraph", "heading", "quote", "list"]

# How a document reached us: a file on disk (plain or gzipped), standard input, an http(s) URL,
# one record of a WARC archive, or the page behind one item of an RSS/Atom feed.
SourceKind = Literal["file", "stdin", "url", "warc", "feed"]
DocumentFormat = Literal["html", "text"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read from an input, before extraction.

    ``input`` names where it came from as the user gave it (a path, ``-``, a URL); ``locator``
    narrows it down inside that input (a WARC record number, a feed item); ``url`` is where the
    bytes were served from, if anywhere. ``hints`` carries metadata the input itself supplied (a
    feed item's title, date and author).
    """

    input: str
    kind: SourceKind
    data: bytes
    url: str | None = None
    content_type: str | None = None
    locator: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    format: DocumentFormat | None = None
    """``html`` or ``text`` as the reader found it; ``None`` leaves it to the extractor."""

    @property
    def label(self) -> str:
        """How error messages name this document."""
        parts = [self.input]
        if self.locator:
            parts.append(f"[{self.locator}]")
        if self.url and self.url != self.input:
            parts.append(f"({self.url})")
        return " ".join(parts)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the article text: ``text[start:end]``, without its trailing newline."""

    start: int
    end: int
    kind: ParagraphKind = "paragraph"


@dataclass(frozen=True, slots=True)
class Link:
    """An outbound link inside the article body: the anchor is ``text[start:end]``."""

    start: int
    end: int
    href: str
    anchor: str


@dataclass(frozen=True, slots=True)
class DocumentSource:
    """Where an article came from: the input as given, how it was read, where its bytes were
    served from (``url``, which may differ from the article's canonical URL), and their hash."""

    input: str
    kind: SourceKind
    sha256: str
    format: DocumentFormat = "html"
    locator: str | None = None
    url: str | None = None
    metadata: str | None = None
    """Where metadata the user supplied came from (``metadata.tsv line 12``, ``front matter``)."""

    @property
    def label(self) -> str:
        """How messages and the corpus's error records name the document: the input, and the
        record or item inside it (``crawl.warc [record 3]``)."""
        return f"{self.input} [{self.locator}]" if self.locator else self.input


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """What a user says about one document: a manifest row, or a front-matter block at the top
    of a text file. ``None`` means "not stated", so what extraction read stands.

    Values are already checked and normalised: ``published`` is ISO 8601, ``language`` an ISO
    639-1 code; ``outlet`` and ``wire`` are as written (extraction canonicalises them with the
    outlet table). ``extra`` holds every other column; ``origin`` says where it was read.
    """

    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    byline: str | None = None
    language: str | None = None
    wire: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    origin: str | None = None

    def over(self, weaker: DocumentMetadata | None) -> DocumentMetadata:
        """This metadata with what it leaves unstated taken from ``weaker`` (a manifest row over
        front matter); extra columns are merged the same way."""
        if weaker is None:
            return self
        origins = [o for o in (self.origin, weaker.origin) if o]
        return DocumentMetadata(
            url=self.url or weaker.url, outlet=self.outlet or weaker.outlet,
            published=self.published or weaker.published, title=self.title or weaker.title,
            byline=self.byline or weaker.byline, language=self.language or weaker.language,
            wire=self.wire or weaker.wire, extra={**weaker.extra, **self.extra},
            origin=", ".join(origins) or None,
        )


@dataclass(frozen=True, slots=True)
class Article:
    """A clean news article.

    ``outlet`` is the canonical publication name (``The New York Times``); ``domain`` the host it
    was served from, without ``www.``; ``published`` an ISO 8601 date or date-time.
    """

    text: str
    source: DocumentSource
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    domain: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    links: tuple[Link, ...] = ()
    wire: str | None = None
    """The news agency whose copy this is (``Associated Press``), when the article is wire copy."""
    extra: dict[str, str] = field(default_factory=dict)
    """Metadata columns the user supplied beyond the known fields, kept as given."""

    def __post_init__(self) -> None:
        n = len(self.text)
        spans: tuple[Paragraph | Link, ...] = (*self.paragraphs, *self.links)
        for span in spans:
            if not 0 <= span.start <= span.end <= n:
                raise ValueError(f"span {span.start}:{span.end} outside text of length {n}")

    def paragraph_texts(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs]

    def to_dict(self) -> dict[str, Any]:
        """The ``sourcetrace.article/1`` JSON object (see the README for the schema)."""
        source = {k: v for k, v in asdict(self.source).items() if v is not None}
        return {
            "schema": ARTICLE_SCHEMA,
            "url": self.url,
            "outlet": self.outlet,
            "domain": self.domain,
            "title": self.title,
            "byline": self.byline,
            "published": self.published,
            "language": self.language,
            "wire": self.wire,
            "extra": dict(self.extra),
            "text": self.text,
            "paragraphs": [asdict(p) for p in self.paragraphs],
            "links": [asdict(link) for link in self.links],
            "source": source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        schema = data.get("schema")
        if schema != ARTICLE_SCHEMA:
            raise ValueError(f"unsupported article schema {schema!r}; expected {ARTICLE_SCHEMA!r}")
        return cls(
            text=data["text"],
            source=DocumentSource(**data["source"]),
            title=data.get("title"),
            url=data.get("url"),
            outlet=data.get("outlet"),
            domain=data.get("domain"),
            byline=data.get("byline"),
            published=data.get("published"),
            language=data.get("language"),
            paragraphs=tuple(Paragraph(**p) for p in data.get("paragraphs", ())),
            links=tuple(Link(**link) for link in data.get("links", ())),
            wire=data.get("wire"),
            extra={str(k): str(v) for k, v in (data.get("extra") or {}).items()},
        )

    @classmethod
    def from_text(cls, text: str, *, input: str = "<text>", **fields: Any) -> Article:
        """An article over ``text`` exactly as given (no cleaning), one paragraph per block.

        Used where offsets must stay those of an existing file, as in annotated corpora.
        """
        paragraphs = []
        pos = 0
        for block in text.split("\n"):
            stripped = block.strip()
            if stripped:
                start = pos + block.index(stripped)
                paragraphs.append(Paragraph(start, start + len(stripped)))
            pos += len(block) + 1
        sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        source = DocumentSource(input=input, kind="file", sha256=sha, format="text")
        return cls(text=text, source=source, paragraphs=tuple(paragraphs), **fields)


# -- attribution analysis --------------------------------------------------------------------------

ANALYSIS_SCHEMA = "sourcetrace.analysis/1"

SourceType = Literal["person", "organisation", "outlet", "anonymous", "document", "author", "unspecified"]
SOURCE_TYPES: tuple[SourceType, ...] = (
    "person", "organisation", "outlet", "anonymous", "document", "author", "unspecified",
)
Certainty = Literal["asserted", "hedged", "speculative"]
CERTAINTIES: tuple[Certainty, ...] = ("asserted", "hedged", "speculative")
Directness = Literal["direct", "indirect", "mixed"]
"""``direct``: the content is a quotation; ``indirect``: a paraphrase; ``mixed``: a paraphrase that
quotes some of the words."""
ChainLink = Literal["nested", "relayed"]


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` of the article."""

    start: int
    end: int


def _spans(items: tuple[Span, ...]) -> list[list[int]]:
    return [[s.start, s.end] for s in items]


def _from_spans(items: Any) -> tuple[Span, ...]:
    return tuple(Span(int(s), int(e)) for s, e in items or ())


@dataclass(frozen=True, slots=True)
class Hedge:
    """A word or phrase that lowers a claim's certainty: ``text[start:end]``, and the level it sets."""

    start: int
    end: int
    cue: str
    level: Certainty


@dataclass(frozen=True, slots=True)
class Source:
    """Who a claim is attributed to, merged over its mentions in one article.

    ``name`` is the fullest form the article gives (``President Joe Biden``; for outlets the
    canonical name from the outlet table); ``role`` a title or function when the text gives one;
    ``via`` the id of the source this one was cited through, when it was (the chain).
    """

    id: str
    name: str
    type: SourceType
    mentions: tuple[Span, ...] = ()
    role: str | None = None
    via: str | None = None
    via_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type, "role": self.role,
            "mentions": _spans(self.mentions), "via": self.via, "via_reason": self.via_reason,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(
            id=data["id"], name=data["name"], type=data["type"], role=data.get("role"),
            mentions=_from_spans(data.get("mentions")), via=data.get("via"),
            via_reason=data.get("via_reason"),
        )


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attributed claim: who (``source``), how (``cue``), what (``content``).

    Each role is a tuple of spans, since a quotation can be interrupted by its cue ("We will
    not," she said, "back down."). ``source_id`` points into :attr:`Analysis.sources`
    (``None`` for agentless reports: "it was reported", "reportedly"). ``parent`` is the index
    of the attribution whose content holds this one (a nested report); ``rule`` names what
    produced it: a rule of the engine, or ``model`` for what only the trained model found. When the
    trained model found it, ``model`` names the model and ``confidence`` (0 to 1) is the lowest of
    its spans' mean label probabilities.
    """

    cue: tuple[Span, ...]
    content: tuple[Span, ...]
    source: tuple[Span, ...]
    source_id: str | None
    kind: Directness
    certainty: Certainty
    rule: str
    sentence: Span
    hedges: tuple[Hedge, ...] = ()
    parent: int | None = None
    model: str | None = None
    confidence: float | None = None

    @property
    def found_by(self) -> str:
        """What found it, for people: ``verb_ccomp``, ``verb_ccomp + model 0.93``, ``model 0.81``."""
        if self.model is None:
            return self.rule
        model = f"model {self.confidence:.2f}" if self.confidence is not None else "model"
        return model if self.rule == "model" else f"{self.rule} + {model}"

    def to_dict(self, text: str) -> dict[str, Any]:
        return {
            "source": _role(text, self.source), "source_id": self.source_id,
            "cue": _role(text, self.cue), "content": _role(text, self.content),
            "kind": self.kind, "certainty": self.certainty,
            "hedges": [asdict(h) for h in self.hedges], "rule": self.rule,
            "model": self.model, "confidence": self.confidence,
            "sentence": [self.sentence.start, self.sentence.end], "parent": self.parent,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        return cls(
            cue=_from_spans(data["cue"]["spans"]), content=_from_spans(data["content"]["spans"]),
            source=_from_spans(data["source"]["spans"]), source_id=data.get("source_id"),
            kind=data["kind"], certainty=data["certainty"], rule=data["rule"],
            sentence=Span(*data["sentence"]), hedges=tuple(Hedge(**h) for h in data.get("hedges", ())),
            parent=data.get("parent"), model=data.get("model"), confidence=data.get("confidence"),
        )


def _role(text: str, spans: tuple[Span, ...]) -> dict[str, Any]:
    return {"spans": _spans(spans), "text": " … ".join(text[s.start : s.end] for s in spans)}


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence asserting something in the article's own voice, with no source given."""

    span: Span
    certainty: Certainty
    hedges: tuple[Hedge, ...] = ()

    def to_dict(self, text: str) -> dict[str, Any]:
        return {
            "span": [self.span.start, self.span.end], "text": text[self.span.start : self.span.end],
            "certainty": self.certainty, "hedges": [asdict(h) for h in self.hedges],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(span=Span(*data["span"]), certainty=data["certainty"],
                   hedges=tuple(Hedge(**h) for h in data.get("hedges", ())))


@dataclass(frozen=True, slots=True)
class ProvenanceNode:
    """One node of an article's provenance tree: the article itself at the root, then the sources
    it cites, each with the sources cited through it. ``claims`` counts the attributions made to
    this source directly; ``link`` says how the node hangs from its parent (``nested``: the
    citation sits inside the parent's reported content; ``relayed``: it follows the parent's
    report in the same passage and is taken as part of it)."""

    label: str
    type: SourceType | Literal["article"]
    source_id: str | None = None
    claims: int = 0
    link: ChainLink | None = None
    children: tuple[ProvenanceNode, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label, "type": self.type, "source_id": self.source_id,
            "claims": self.claims, "link": self.link,
            "children": [c.to_dict() for c in self.children],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProvenanceNode:
        return cls(
            label=data["label"], type=data["type"], source_id=data.get("source_id"),
            claims=data.get("claims", 0), link=data.get("link"),
            children=tuple(cls.from_dict(c) for c in data.get("children", ())),
        )

    def chains(self) -> list[list[str]]:
        """Every root-to-leaf path as labels: ``[["EU Today", "The New York Times", "unnamed
        American officials"], …]``."""
        if not self.children:
            return [[self.label]]
        return [[self.label, *path] for child in self.children for path in child.chains()]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the attribution engine found in one article."""

    article: Article
    attributions: tuple[Attribution, ...] = ()
    sources: tuple[Source, ...] = ()
    unattributed: tuple[Claim, ...] = ()
    provenance: ProvenanceNode | None = None
    warnings: tuple[str, ...] = ()
    engine: str = ""

    def source(self, source_id: str | None) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def summary(self) -> dict[str, Any]:
        """Sources with their claim counts and types, and the share of claims that are anonymous,
        hedged (hedged or speculative) and unattributed."""
        counts: dict[str, int] = {}
        for a in self.attributions:
            if a.source_id is not None:
                counts[a.source_id] = counts.get(a.source_id, 0) + 1
        by_type: dict[str, int] = {}
        for s in self.sources:
            by_type[s.type] = by_type.get(s.type, 0) + counts.get(s.id, 0)
        attributed = len(self.attributions)
        claims = attributed + len(self.unattributed)
        anonymous = sum(
            1 for a in self.attributions
            if a.source_id is None or ((src := self.source(a.source_id)) is not None
            and src.type == "anonymous")
        )
        hedged = sum(1 for a in self.attributions if a.certainty != "asserted")
        hedged += sum(1 for c in self.unattributed if c.certainty != "asserted")
        return {
            "claims": claims,
            "attributed": attributed,
            "unattributed": len(self.unattributed),
            "sources": [
                {"id": s.id, "name": s.name, "type": s.type, "claims": counts.get(s.id, 0)}
                for s in sorted(self.sources, key=lambda s: (-counts.get(s.id, 0), s.id))
            ],
            "claims_by_source_type": by_type,
            "share_anonymous": _share(anonymous, attributed),
            "share_hedged": _share(hedged, claims),
            "share_unattributed": _share(len(self.unattributed), claims),
            "chains": self.provenance.chains() if self.provenance else [],
        }

    def to_dict(self) -> dict[str, Any]:
        """The ``sourcetrace.analysis/1`` JSON object (see the README for the schema)."""
        text = self.article.text
        return {
            "schema": ANALYSIS_SCHEMA,
            "engine": self.engine,
            "article": self.article.to_dict(),
            "attributions": [a.to_dict(text) for a in self.attributions],
            "sources": [s.to_dict() for s in self.sources],
            "unattributed": [c.to_dict(text) for c in self.unattributed],
            "provenance": self.provenance.to_dict() if self.provenance else None,
            "summary": self.summary(),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        schema = data.get("schema")
        if schema != ANALYSIS_SCHEMA:
            raise ValueError(f"unsupported analysis schema {schema!r}; expected {ANALYSIS_SCHEMA!r}")
        provenance = data.get("provenance")
        return cls(
            article=Article.from_dict(data["article"]),
            attributions=tuple(Attribution.from_dict(a) for a in data.get("attributions", ())),
            sources=tuple(Source.from_dict(s) for s in data.get("sources", ())),
            unattributed=tuple(Claim.from_dict(c) for c in data.get("unattributed", ())),
            provenance=ProvenanceNode.from_dict(provenance) if provenance else None,
            warnings=tuple(data.get("warnings", ())),
            engine=data.get("engine", ""),
        )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


# -- tracing a claim across the corpus ----------------------------------------------------------

TRACE_SCHEMA = "sourcetrace.trace/1"

Relation = Literal["links", "names", "quotes", "relays", "wire"]
"""How a report cites what it cites: ``links`` (an outbound link to the cited article), ``names``
(it names the outlet whose older article carries the claim), ``quotes`` (it attributes the claim
to a source outside the corpus), ``relays`` (a source passes on another's word: an outlet its
anonymous officials), ``wire`` (copy of a news agency's story)."""


@dataclass(frozen=True, slots=True)
class Publication:
    """One article carrying a report: which, by whom, when."""

    article_id: int
    outlet: str | None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    wire: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """One report of a claim: what one article says, with its attribution. Copies of one story
    (wire copy, rewrites) are one report with several publications; ``original`` is the news
    agency whose story it is, when it is wire copy; ``quotation``: the report prints the words as
    a quotation without naming their speaker in that sentence."""

    id: str
    claim_id: int
    publications: tuple[Publication, ...]
    content: str
    sentence: str
    kind: Literal["attributed", "unattributed"]
    source: str | None = None
    source_type: str | None = None
    cue: str = ""
    certainty: Certainty = "asserted"
    hedges: tuple[str, ...] = ()
    via: tuple[tuple[str, str], ...] = ()
    original: str | None = None
    quotation: bool = False

    @property
    def published(self) -> str | None:
        """When it first appeared (the earliest publication date known)."""
        dates = sorted(p.published for p in self.publications if p.published)
        return dates[0] if dates else None

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.outlet for p in self.publications if p.outlet))


@dataclass(frozen=True, slots=True)
class TraceNode:
    """A node of a claim's provenance graph: a report, or a source outside the corpus. An
    anonymous or unspecified source is one node per outlet citing it (``cited_by``): the
    "unnamed officials" of two outlets are not known to be the same people."""

    id: str
    kind: Literal["report", "source"]
    label: str
    type: str
    cited_by: str | None = None


@dataclass(frozen=True, slots=True)
class TraceEdge:
    """``source`` cites ``target`` (node ids), in the way ``relation`` says."""

    source: str
    target: str
    relation: Relation


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """When a report appeared, in which outlets, and how many days after the first."""

    report: str
    published: str | None
    outlets: tuple[str, ...]
    days_after: int | None


@dataclass(frozen=True, slots=True)
class ClaimTrace:
    """One claim across the corpus: its reports, the provenance graph (edges point from a report
    to what it cites), the origins (nodes that cite nothing further), how many independent
    sources they are, and the timeline."""

    group: int
    claim: str
    reports: tuple[Report, ...]
    nodes: tuple[TraceNode, ...]
    edges: tuple[TraceEdge, ...]
    origins: tuple[str, ...]
    independence: int
    notes: tuple[str, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(o for r in self.reports for o in r.outlets))

    def node(self, node_id: str) -> TraceNode | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group, "claim": self.claim, "outlets": list(self.outlets),
            "independence": self.independence, "origins": list(self.origins), "notes": list(self.notes),
            "reports": [_report_dict(r) for r in self.reports],
            "nodes": [asdict(n) for n in self.nodes],
            "edges": [asdict(e) for e in self.edges],
            "timeline": [asdict(t) | {"outlets": list(t.outlets)} for t in self.timeline],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimTrace:
        return cls(
            group=data["group"], claim=data["claim"],
            reports=tuple(_report_from(r) for r in data["reports"]),
            nodes=tuple(TraceNode(**n) for n in data["nodes"]),
            edges=tuple(TraceEdge(**e) for e in data["edges"]),
            origins=tuple(data["origins"]), independence=data["independence"],
            notes=tuple(data.get("notes", ())),
            timeline=tuple(TimelineEntry(**(t | {"outlets": tuple(t["outlets"])}))
                           for t in data.get("timeline", ())),
        )


def _report_dict(report: Report) -> dict[str, Any]:
    data = asdict(report)
    data["publications"] = [asdict(p) for p in report.publications]
    data["hedges"] = list(report.hedges)
    data["via"] = [list(v) for v in report.via]
    data["published"] = report.published
    return data


def _report_from(data: dict[str, Any]) -> Report:
    fields = {k: v for k, v in data.items() if k != "published"}
    fields["publications"] = tuple(Publication(**p) for p in data["publications"])
    fields["hedges"] = tuple(data.get("hedges", ()))
    fields["via"] = tuple(tuple(v) for v in data.get("via", ()))
    return Report(**fields)


@dataclass(frozen=True, slots=True)
class Trace:
    """What ``trace`` found for a query: every matching claim group, most widely reported first."""

    query: str | None
    groups: tuple[ClaimTrace, ...]

    def to_dict(self) -> dict[str, Any]:
        """The ``sourcetrace.trace/1`` JSON object (see the README for the schema)."""
        return {"schema": TRACE_SCHEMA, "query": self.query, "groups": [g.to_dict() for g in self.groups]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trace:
        schema = data.get("schema")
        if schema != TRACE_SCHEMA:
            raise ValueError(f"unsupported trace schema {schema!r}; expected {TRACE_SCHEMA!r}")
        return cls(query=data.get("query"), groups=tuple(ClaimTrace.from_dict(g) for g in data["groups"]))


# -- where the reports of a claim disagree -------------------------------------------------------

DISCREPANCY_SCHEMA = "sourcetrace.discrepancy/1"

DiscrepancyKind = Literal["wording", "speaker", "occasion", "attribution"]
DISCREPANCY_KINDS: tuple[DiscrepancyKind, ...] = ("wording", "speaker", "occasion", "attribution")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One side of a disagreement: what one report says, where (``spans``: offsets into the
    article's text of the words compared), and in a few words what it is on this side
    (``detail``: "attributed to Hillary Clinton", "told CNN", "hedged: could")."""

    report: str
    article_id: int
    outlet: str | None
    published: str | None
    text: str
    spans: tuple[tuple[int, int], ...]
    sentence: tuple[int, int]
    detail: str = ""
    url: str | None = None
    source: str | None = None
    source_type: str | None = None
    group: int | None = None


@dataclass(frozen=True, slots=True)
class WordChange:
    """A difference between two wordings: ``negation``, ``reversal``, ``number``, ``name``,
    ``modal``, ``reworded``, ``abridged`` or ``cosmetic``; the words on each side as written."""

    kind: str
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Reports of one claim that disagree. ``finding`` says how (for ``wording``: the most serious
    change; ``speaker``: ``people``, ``document``, ``organisation``, ``anonymous``,
    ``unattributed``; ``occasion``: ``medium``, ``event``, ``place``, ``date``; ``attribution``:
    ``fact``, ``hedge``); ``reason`` says it in one line. ``evidence`` puts the reference
    (the wording most reports carry, or the earliest) first. For wording, ``level`` and the word
    diff (``diff``: ``(tag, a, b)`` pieces, tags as difflib's) of the first two sides."""

    kind: DiscrepancyKind
    finding: str
    severity: int
    reason: str
    evidence: tuple[Evidence, ...]
    level: str | None = None
    changes: tuple[WordChange, ...] = ()
    diff: tuple[tuple[str, str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["diff"] = [list(op) for op in self.diff]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Discrepancy:
        evidence = tuple(Evidence(**(e | {"spans": tuple(tuple(s) for s in e["spans"]),
                                          "sentence": tuple(e["sentence"])})) for e in data["evidence"])
        return cls(kind=data["kind"], finding=data["finding"], severity=data["severity"],
                   reason=data["reason"], evidence=evidence, level=data.get("level"),
                   changes=tuple(WordChange(**c) for c in data.get("changes", ())),
                   diff=tuple((str(t), str(a), str(b)) for t, a, b in data.get("diff", ())))


@dataclass(frozen=True, slots=True)
class GroupDiscrepancies:
    """The disagreements among the reports of one claim group, most serious first; ``variants``
    the groups compared with it because they hold the same claim but for a negation or a number
    (each evidence says its ``group``)."""

    group: int
    claim: str
    reports: int
    outlets: tuple[str, ...]
    discrepancies: tuple[Discrepancy, ...]
    variants: tuple[int, ...] = ()

    @property
    def severity(self) -> int:
        return max((d.severity for d in self.discrepancies), default=0)


@dataclass(frozen=True, slots=True)
class Discrepancies:
    """What ``discrepancies`` found: the groups whose reports disagree, most serious first;
    ``skipped`` the groups and reports not compared, with the reason (``group``, article id or
    ``None``, reason); ``checked`` how many groups were compared, ``found`` how many disagree
    (``groups`` holds the most serious of them, up to the limit asked for)."""

    query: str | None
    kinds: tuple[DiscrepancyKind, ...]
    level: str
    groups: tuple[GroupDiscrepancies, ...]
    checked: int = 0
    found: int = 0
    skipped: tuple[tuple[int, int | None, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``sourcetrace.discrepancy/1`` JSON object (see the README for the schema)."""
        return {
            "schema": DISCREPANCY_SCHEMA, "query": self.query, "kinds": list(self.kinds), "level": self.level,
            "checked": self.checked, "found": self.found,
            "groups": [{"group": g.group, "claim": g.claim, "reports": g.reports, "outlets": list(g.outlets),
                        "variants": list(g.variants), "severity": g.severity,
                        "discrepancies": [d.to_dict() for d in g.discrepancies]}
                       for g in self.groups],
            "skipped": [{"group": g, "article_id": a, "reason": r} for g, a, r in self.skipped],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Discrepancies:
        if data.get("schema") != DISCREPANCY_SCHEMA:
            raise ValueError(f"unsupported discrepancy schema {data.get('schema')!r}; "
                             f"expected {DISCREPANCY_SCHEMA!r}")
        groups = tuple(GroupDiscrepancies(g["group"], g["claim"], g["reports"], tuple(g["outlets"]),
                                          tuple(Discrepancy.from_dict(d) for d in g["discrepancies"]),
                                          tuple(g.get("variants", ())))
                       for g in data["groups"])
        return cls(query=data.get("query"), kinds=tuple(data["kinds"]), level=data["level"], groups=groups,
                   checked=data.get("checked", 0), found=data.get("found", 0),
                   skipped=tuple((s["group"], s["article_id"], s["reason"]) for s in data.get("skipped", ())))
