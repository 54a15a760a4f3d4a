"""Inputs → raw documents.

:func:`read_inputs` takes what a user names on the command line (files, directories, ``-`` for
standard input, http(s) URLs, WARC archives, RSS/Atom feeds) and yields one
:class:`~sourcetrace.model.RawDocument` per document, or a
:class:`~sourcetrace.errors.SourcetraceError` for each one that cannot be read. It never raises
for a bad input: a batch goes on past it.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import BinaryIO

from sourcetrace.errors import (
    IngestError,
    NotAnArticleError,
    SourcetraceError,
)
from sourcetrace.ingest._archives import open_path, read_archive
from sourcetrace.ingest._feeds import FeedItem, parse_feed
from sourcetrace.ingest._gzip import gunzip
from sourcetrace.ingest._http import Fetcher
from sourcetrace.ingest._options import DEFAULT_MAX_BYTES, ReadOptions, read_bounded
from sourcetrace.ingest._prefixed import HEAD_BYTES, Prefixed, is_warc
from sourcetrace.ingest._sniff import sniff
from sourcetrace.ingest._warc import read_warc
from sourcetrace.model import RawDocument, SourceKind

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DOCUMENT_SUFFIXES",
    "Fetcher",
    "Inputs",
    "ReadOptions",
    "expand_inputs",
    "is_url",
    "open_path",
    "read_archive",
    "read_inputs",
]

Outcome = RawDocument | SourcetraceError

# Inside a directory only files that can hold a document are read (a manifest, images and the
# like sit beside them); a file named on the command line is always read.
DOCUMENT_SUFFIXES = frozenset(
    {"", ".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".gz", ".warc", ".xml", ".rss",
     ".atom", ".feed"}
)


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


Inputs = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def expand_inputs(inputs: Inputs) -> Iterator[str | IngestError]:
    """Each input as given, with directories replaced by the document files under them; a
    directory with none, or a folder under it that cannot be read, gives an ``IngestError``."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    for given in inputs:
        name = os.fspath(given)
        if name != "-" and not is_url(name) and os.path.isdir(name):
            yield from _walk(name)
        else:
            yield name


def _walk(root: str) -> Iterator[str | IngestError]:
    problems: list[OSError] = []
    found = 0
    for dirpath, dirnames, filenames in os.walk(root, onerror=problems.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            path = os.path.join(dirpath, filename)
            # Pipes and devices are not documents, and reading one could block the batch.
            wanted = not filename.startswith(".") and _suffix(filename) in DOCUMENT_SUFFIXES
            if not wanted or not os.path.isfile(path):
                continue
            found += 1
            yield path
        while problems:
            problem = problems.pop(0)
            where = _shown_name(str(problem.filename or root))
            yield IngestError(where, f"cannot be read ({problem.strerror or problem})")
    if not found:
        yield IngestError(_shown_name(root), "no document files under this directory")


def _shown_name(path: str) -> str:
    """``path`` as valid text: bytes the file system gave that are not UTF-8 become escapes."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _suffix(filename: str) -> str:
    # ".mp4" and ".woff2" are extensions; the ".05" of "story.2024-03-05" is not.
    suffix = os.path.splitext(filename)[1].lower()
    rest = suffix[1:]
    return suffix if rest.isalnum() and any(c.isalpha() for c in rest) else ""


def read_inputs(
    inputs: Inputs,
    options: ReadOptions | None = None,
    *,
    fetcher: Fetcher | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Outcome]:
    """Yield a raw document or an error for every document in ``inputs`` (directories expanded)."""
    options = options or ReadOptions()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(options)
    try:
        for name in expand_inputs(inputs):
            if isinstance(name, IngestError):
                yield name
            else:
                yield from read_input(name, options, fetcher=fetcher, stdin=stdin)
    finally:
        if own_fetcher:
            fetcher.close()


def read_input(
    name: str, options: ReadOptions, *, fetcher: Fetcher, stdin: BinaryIO | None = None
) -> Iterator[Outcome]:
    """Every document in one input (a file, ``-`` or a URL); errors are yielded, not raised."""
    try:
        if name == "-":
            yield from _read_stream(stdin or sys.stdin.buffer, "-", "stdin", options, fetcher)
        elif is_url(name):
            got = fetcher.get(name)
            source = RawDocument(name, "url", b"", got.url, got.content_type)
            yield from _documents(got.data, source, options=options, fetcher=fetcher)
        else:
            yield from _read_file(name, options, fetcher)
    except SourcetraceError as exc:
        yield exc
    except Exception as exc:  # a parser bug on one input must not end a batch
        error = IngestError(_shown_name(name), f"reading failed: {type(exc).__name__}: {exc}")
        error.__cause__ = exc
        yield error


def _read_file(path: str, options: ReadOptions, fetcher: Fetcher) -> Iterator[Outcome]:
    # A file name that is not valid UTF-8 is opened as it is but shown escaped, so that what we
    # print and store is always valid text.
    name = _shown_name(path)
    try:
        with open(path, "rb") as fh:
            yield from _read_stream(fh, name, "file", options, fetcher)
    except FileNotFoundError as exc:
        raise IngestError(name, "no such file or directory") from exc
    except IsADirectoryError as exc:
        raise IngestError(name, "is a directory") from exc
    except PermissionError as exc:
        raise IngestError(name, "permission denied") from exc
    except OSError as exc:
        raise IngestError(name, f"cannot be read ({exc.strerror or exc})") from exc


def _read_stream(
    stream: BinaryIO, name: str, kind: SourceKind, options: ReadOptions, fetcher: Fetcher
) -> Iterator[Outcome]:
    """A file or standard input: a WARC archive is streamed record by record (the size limit
    applies to each record); anything else is read whole, up to the limit."""
    head = stream.read(min(HEAD_BYTES, options.max_bytes + 1))
    if is_warc(head, name):
        archive = io.BufferedReader(Prefixed(head, stream))
        yield from read_warc(archive, name=name, max_bytes=options.max_bytes)
        return
    data = read_bounded(stream, options.max_bytes, name=name, prefix=head, what=kind)
    yield from _documents(data, RawDocument(name, kind, b""), options=options, fetcher=fetcher)




def _documents(
    data: bytes, source: RawDocument, *, options: ReadOptions, fetcher: Fetcher
) -> Iterator[Outcome]:
    """What one run of bytes from ``source`` (a document without its data yet) holds: a
    document, an archive, a feed, or an error. Archives and feeds are opened only at the top
    level: a feed item's page is a page."""
    what = sniff(data, content_type=source.content_type)
    if what == "gzip":
        data = gunzip(data, name=source.label, max_bytes=options.max_bytes)
        what = sniff(data)
    nested = source.locator is not None
    if what == "warc" and not nested:
        yield from read_warc(io.BytesIO(data), name=source.input, max_bytes=options.max_bytes)
    elif what == "feed" and not nested:
        yield from _feed_documents(data, source, options=options, fetcher=fetcher)
    elif what in ("warc", "feed"):
        yield NotAnArticleError(source.label, f"the item's link gives a {what}, not a page")
    elif what == "empty":
        yield NotAnArticleError(source.label, "empty input")
    elif what == "binary":
        yield NotAnArticleError(source.label, "binary data, not HTML or text")
    else:
        html = what == "html"
        yield replace(
            source, data=data, format="html" if html else "text",
            content_type=source.content_type or ("text/html" if html else "text/plain"),
        )


def _feed_documents(
    data: bytes, feed: RawDocument, *, options: ReadOptions, fetcher: Fetcher
) -> Iterator[Outcome]:
    for item in parse_feed(data, name=feed.input, base_url=feed.url):
        item_source = RawDocument(feed.input, "feed", b"", item.link, None, f"item {item.index}", item.hints)
        try:
            yield from _feed_item(item, item_source, feed, options=options, fetcher=fetcher)
        except SourcetraceError as exc:  # one bad item page must not end the feed
            yield exc
        except Exception as exc:
            error = IngestError(item_source.label, f"reading failed: {type(exc).__name__}: {exc}")
            error.__cause__ = exc
            yield error


def _feed_item(
    item: FeedItem, item_source: RawDocument, feed: RawDocument, *, options: ReadOptions,
    fetcher: Fetcher,
) -> Iterator[Outcome]:
    """The page behind one feed item; the text the feed carries for it when the page cannot be
    had (or fetching is off) and that text is the whole article."""
    if item.link and options.fetch_feed_items:
        try:
            page = fetcher.get(item.link)
            page_source = replace(item_source, url=page.url, content_type=page.content_type)
            outcomes = list(_documents(page.data, page_source, options=options, fetcher=fetcher))
        except IngestError as exc:
            error = type(exc)(item_source.label, exc.reason)
            error.__cause__ = exc
            outcomes = [error]
        if not item.has_full_content or not all(isinstance(o, SourcetraceError) for o in outcomes):
            yield from outcomes
            return
    if item.content:
        embedded = replace(item_source, url=item.link or feed.url, content_type="text/html; charset=utf-8")
        yield from _documents(item.content.encode("utf-8"), embedded, options=options, fetcher=fetcher)
    elif item.link:
        reason = "feed item carries no content of its own and fetching feed items is off"
        yield NotAnArticleError(item_source.label, reason)
    else:
        yield NotAnArticleError(item_source.label, "feed item has neither a link nor content")
