"""Raw documents → clean articles.

HTML goes through trafilatura and htmldate; plain text through the scrape cleaner in
``_plaintext``. Either way the result is an :class:`~sourcetrace.model.Article` whose outlet is
canonicalised with the outlet table.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from sourcetrace.errors import ExtractionError, NotAnArticleError, SourcetraceError
from sourcetrace.extract._builder import TextBuilder
from sourcetrace.extract._dates import find_date
from sourcetrace.extract._decode import decode
from sourcetrace.extract._html import extract_html
from sourcetrace.extract._language import guess_language
from sourcetrace.extract._plaintext import clean_plaintext
from sourcetrace.extract._text import MIN_WORDS, word_count
from sourcetrace.extract.outlets import (
    OutletTable,
    default_outlets,
    domain_of,
    load_outlets,
)
from sourcetrace.ingest import Fetcher, Inputs, ReadOptions, read_inputs
from sourcetrace.ingest._sniff import sniff
from sourcetrace.model import Article, DocumentFormat, DocumentSource, RawDocument

__all__ = [
    "OutletTable",
    "clean_plaintext",
    "default_outlets",
    "domain_of",
    "extract_article",
    "extract_articles",
    "extract_text",
    "find_date",
    "guess_language",
    "load_outlets",
]


def extract_article(raw: RawDocument, *, outlets: OutletTable | None = None) -> Article:
    """Turn one raw document into an article; raise ``ExtractionError`` when it holds none."""
    outlets = outlets or default_outlets()
    text = decode(raw.data, content_type=raw.content_type)
    if not text.strip():
        raise NotAnArticleError(raw.label, "empty input")
    fmt = raw.format or ("html" if sniff(raw.data, content_type=raw.content_type) == "html" else "text")
    if fmt == "html":
        page = extract_html(text, name=raw.label, url=raw.url)
        builder, url, language = page.builder, page.url, page.language
        title, byline, published = page.title, page.byline, page.published
        outlet_names = [page.sitename]
    else:
        plain = clean_plaintext(text)
        builder, url, language = plain.builder, raw.url, None
        title, byline, published = plain.title, plain.byline, plain.published
        outlet_names = [*plain.outlet_hints, *plain.byline_hints]
    _require_text(builder, raw.label)
    body = builder.text
    return Article(
        text=body,
        source=DocumentSource(
            input=raw.input, kind=raw.kind, sha256=raw.sha256, format=fmt, locator=raw.locator,
            url=raw.url,
        ),
        title=title or raw.hints.get("title"),
        url=url,
        outlet=outlets.canonical(*outlet_names, url=url),
        domain=domain_of(url),
        byline=byline or raw.hints.get("byline"),
        published=published or raw.hints.get("published"),
        language=language or guess_language(body),
        paragraphs=tuple(builder.paragraphs),
        links=tuple(builder.links),
    )


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
) -> Iterator[Article | SourcetraceError]:
    """Every article in ``inputs``, or the error that stopped each document; never raises for
    a bad input, so a batch always runs to its end.

    A failure inside a parser that is not one of ours (a library bug on a strange page) still
    stops only that document: it becomes an ``ExtractionError`` whose ``__cause__`` keeps the
    original exception for ``--debug``.
    """
    for item in read_inputs(inputs, options, fetcher=fetcher, stdin=stdin):
        if isinstance(item, SourcetraceError):
            yield item
            continue
        try:
            yield extract_article(item, outlets=outlets)
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
