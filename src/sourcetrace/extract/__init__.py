"""Raw documents → clean articles.

HTML goes through trafilatura and htmldate; plain text through the scrape cleaner in
``_plaintext``. Either way the result is an :class:`~sourcetrace.model.Article` whose outlet is
canonicalised with the outlet table.

What a user says about a document wins over what extraction reads: a manifest row
(:func:`load_manifest`) over a front-matter block at the top of the file, and that over the
page's own metadata. Wire copy is recognised by metadata, or by the dateline, byline or credit
line an agency leaves (``_wire``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import BinaryIO

from sourcetrace.errors import ExtractionError, NotAnArticleError, SourcetraceError
from sourcetrace.extract._builder import TextBuilder
from sourcetrace.extract._dates import find_date
from sourcetrace.extract._decode import decode
from sourcetrace.extract._frontmatter import front_matter_metadata, split_front_matter
from sourcetrace.extract._html import extract_html
from sourcetrace.extract._language import guess_language
from sourcetrace.extract._manifest import Manifest, ManifestRow, load_manifest
from sourcetrace.extract._plaintext import clean_plaintext
from sourcetrace.extract._text import MIN_WORDS, word_count
from sourcetrace.extract._wire import detect_wire
from sourcetrace.extract.outlets import (
    OutletTable,
    default_outlets,
    domain_of,
    load_outlets,
    tidy_name,
)
from sourcetrace.ingest import Fetcher, Inputs, ReadOptions, read_inputs
from sourcetrace.ingest._sniff import sniff
from sourcetrace.model import Article, DocumentFormat, DocumentMetadata, DocumentSource, RawDocument

__all__ = [
    "Manifest",
    "ManifestRow",
    "OutletTable",
    "clean_plaintext",
    "default_outlets",
    "detect_wire",
    "domain_of",
    "extract_article",
    "extract_articles",
    "extract_documents",
    "extract_text",
    "find_date",
    "guess_language",
    "load_manifest",
    "load_outlets",
]


def extract_article(
    raw: RawDocument,
    *,
    outlets: OutletTable | None = None,
    metadata: DocumentMetadata | None = None,
    lenient: bool = False,
) -> Article:
    """Turn one raw document into an article; raise ``ExtractionError`` when it holds none.

    ``metadata`` (a manifest's row) wins over the document's front matter, which wins over what
    extraction reads. A front-matter value that cannot be used raises ``FrontMatterError``;
    with ``lenient`` it is dropped with a ``MetadataWarning``.
    """
    outlets = outlets or default_outlets()
    text = decode(raw.data, content_type=raw.content_type)
    if not text.strip():
        raise NotAnArticleError(raw.label, "empty input")
    fmt = raw.format or ("html" if sniff(raw.data, content_type=raw.content_type) == "html" else "text")
    front, text = split_front_matter(text, label=raw.label)
    if front is not None:
        own = front_matter_metadata(front, label=raw.label, lenient=lenient, given=_stated(metadata))
        metadata = metadata.over(own) if metadata else own
        fmt = "html" if sniff(text.encode("utf-8", "surrogatepass")) == "html" else "text"
    meta = metadata or DocumentMetadata()
    read = _read(text, fmt, raw, base_url=raw.url or meta.url)
    builder = read.builder
    _require_text(builder, raw.label)
    body = builder.text
    url = meta.url or read.url
    byline = meta.byline or read.byline or raw.hints.get("byline")
    outlet = _named(meta.outlet, outlets) or outlets.canonical(*read.outlet_names, url=url)
    return Article(
        text=body,
        source=DocumentSource(
            input=raw.input, kind=raw.kind, sha256=raw.sha256, format=fmt, locator=raw.locator,
            url=raw.url, metadata=meta.origin,
        ),
        title=meta.title or read.title or raw.hints.get("title"),
        url=url,
        outlet=outlet,
        domain=domain_of(url),
        byline=byline,
        published=meta.published or read.published or raw.hints.get("published"),
        language=meta.language or read.language or guess_language(body),
        paragraphs=tuple(builder.paragraphs),
        links=tuple(builder.links),
        wire=_wire(meta.wire, [body[p.start : p.end] for p in builder.paragraphs], byline=byline,
                   outlet=outlet, outlets=outlets, head=read.head),
        extra=dict(meta.extra),
    )


@dataclass(frozen=True)
class _Read:
    """What extraction read from a document, before the user's metadata is laid over it."""

    builder: TextBuilder
    url: str | None
    title: str | None
    byline: str | None
    published: str | None
    language: str | None
    outlet_names: list[str | None]
    head: list[str]
    """The first lines as they were read (a plain-text cleaner may drop a wire dateline)."""


def _stated(metadata: DocumentMetadata | None) -> frozenset[str]:
    """The fields a manifest row gives, which front matter need not (and may not) give."""
    if metadata is None:
        return frozenset()
    return frozenset(f.name for f in fields(metadata) if f.name not in ("extra", "origin")
                     and getattr(metadata, f.name))


def _read(text: str, fmt: DocumentFormat, raw: RawDocument, *, base_url: str | None) -> _Read:
    """``base_url`` resolves the page's relative links: where it was fetched from, else the URL
    its metadata gives."""
    if fmt == "html":
        page = extract_html(text, name=raw.label, url=base_url)
        return _Read(page.builder, page.url, page.title, page.byline, page.published, page.language,
                     [page.sitename], [])
    plain = clean_plaintext(text)
    head = [line.strip() for line in text[:4000].splitlines() if line.strip()]
    return _Read(plain.builder, raw.url, plain.title, plain.byline, plain.published, None,
                 [*plain.outlet_hints, *plain.byline_hints], head)


def _named(name: str | None, outlets: OutletTable) -> str | None:
    """An outlet or agency a user named: its canonical name when the table knows it, else the
    name as written (tidied)."""
    if not name:
        return None
    known = outlets.known(name)
    return known.name if known else tidy_name(name) or name


def _wire(given: str | None, paragraphs: list[str], *, byline: str | None, outlet: str | None,
          outlets: OutletTable, head: list[str]) -> str | None:
    """The agency whose copy the article is: as the metadata says, else as its text shows,
    else the outlet itself when it is an agency (an AP story on apnews.com is AP copy)."""
    if given:
        return _named(given, outlets)
    found = detect_wire(paragraphs, byline=byline, outlets=outlets, head=head)
    if found:
        return found
    known = outlets.by_name(outlet) if outlet else None
    return known.name if known is not None and known.kind == "agency" else None


def extract_text(text: str, *, input: str = "<text>", url: str | None = None) -> Article:
    """Extract an article from text already in memory (HTML or a plain-text scrape)."""
    data = text.encode("utf-8")
    fmt: DocumentFormat = "html" if sniff(data) == "html" else "text"
    raw = RawDocument(input=input, kind="file", data=data, url=url,
                      content_type=f"text/{'html' if fmt == 'html' else 'plain'}; charset=utf-8",
                      format=fmt)
    return extract_article(raw)


def extract_articles(
    inputs: Inputs,
    options: ReadOptions | None = None,
    *,
    outlets: OutletTable | None = None,
    fetcher: Fetcher | None = None,
    stdin: BinaryIO | None = None,
    manifest: Manifest | None = None,
    lenient: bool = False,
) -> Iterator[Article | SourcetraceError]:
    """Every article in ``inputs``, or the error that stopped each document; never raises for
    a bad input, so a batch always runs to its end.

    With a ``manifest``, each document takes the metadata of the row that names it (the
    manifest records the matches; its ``warnings()`` then tell what was left unmatched).
    ``lenient`` drops a front-matter value that cannot be used instead of failing the document.

    A failure inside a parser that is not one of ours (a library bug on a strange page) still
    stops only that document: it becomes an ``ExtractionError`` whose ``__cause__`` keeps the
    original exception for ``--debug``.
    """
    documents = read_inputs(inputs, options, fetcher=fetcher, stdin=stdin)
    yield from extract_documents(documents, outlets=outlets, manifest=manifest, lenient=lenient)


def extract_documents(
    documents: Iterable[RawDocument | SourcetraceError],
    *,
    outlets: OutletTable | None = None,
    manifest: Manifest | None = None,
    lenient: bool = False,
) -> Iterator[Article | SourcetraceError]:
    """The article of each raw document (errors passed on): :func:`extract_articles` after the
    reading, for documents read another way (the Spark job reads WARC archives itself)."""
    for item in documents:
        if isinstance(item, SourcetraceError):
            yield item
            continue
        try:
            metadata = manifest.match(item) if manifest is not None else None
            yield extract_article(item, outlets=outlets, metadata=metadata, lenient=lenient)
        except SourcetraceError as exc:
            yield exc
        except Exception as exc:
            error = ExtractionError(item.label, f"extraction failed: {type(exc).__name__}: {exc}")
            error.__cause__ = exc
            yield error


def _require_text(builder: TextBuilder, label: str) -> None:
    words = sum(word_count(part) for part in builder.parts)
    if words < MIN_WORDS:
        what = "no article text" if not words else f"only {words} words of text"
        raise NotAnArticleError(label, f"{what} after removing page chrome")
