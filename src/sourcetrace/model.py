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
    "ARTICLE_SCHEMA",
    "Article",
    "DocumentFormat",
    "DocumentSource",
    "Link",
    "Paragraph",
    "ParagraphKind",
    "RawDocument",
    "SourceKind",
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
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        source = DocumentSource(input=input, kind="file", sha256=sha, format="text")
        return cls(text=text, source=source, paragraphs=tuple(paragraphs), **fields)
