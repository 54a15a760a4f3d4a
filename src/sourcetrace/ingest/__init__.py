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
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from sourcetrace.errors import (
    IngestError,
    InputTooLargeError,
    NotAnArticleError,
    SourcetraceError,
)
from sourcetrace.ingest._feeds import parse_feed
from sourcetrace.ingest._gzip import gunzip
from sourcetrace.ingest._http import Fetched, Fetcher
from sourcetrace.ingest._options import DEFAULT_MAX_BYTES, ReadOptions, megabytes
from sourcetrace.ingest._sniff import GZIP_MAGIC, sniff
from sourcetrace.ingest._warc import read_warc
from sourcetrace.model import RawDocument, SourceKind

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DOCUMENT_SUFFIXES",
    "Fetcher",
    "ReadOptions",
    "expand_inputs",
    "is_url",
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


def expand_inputs(inputs: Iterable[str]) -> Iterator[str]:
    """Each input as given, with directories replaced by the document files under them."""
    for name in inputs:
        if name != "-" and not is_url(name) and os.path.isdir(name):
            yield from _walk(Path(name))
        else:
            yield name


def _walk(root: Path) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            path = Path(dirpath, filename)
            if filename.startswith(".") or _suffix(path) not in DOCUMENT_SUFFIXES:
                continue
            yield str(path)


def _suffix(path: Path) -> str:
    # ".mp4" and ".woff2" are extensions; the ".05" of "story.2024-03-05" is not.
    suffix = path.suffix.lower()
    rest = suffix[1:]
    return suffix if rest.isalnum() and any(c.isalpha() for c in rest) else ""


def read_inputs(
    inputs: Iterable[str],
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
            data = _read_stream(stdin or sys.stdin.buffer, "-", options.max_bytes)
            yield from _documents(data, name="-", kind="stdin", options=options, fetcher=fetcher)
        elif is_url(name):
            got = fetcher.get(name)
            yield from _documents(
                got.data, name=name, kind="url", options=options, fetcher=fetcher,
                url=got.url, content_type=got.content_type,
            )
        else:
            yield from _read_file(name, options, fetcher)
    except SourcetraceError as exc:
        yield exc
    except Exception as exc:
        error = IngestError(name, f"reading failed: {type(exc).__name__}: {exc}")
        error.__cause__ = exc
        yield error


def _read_file(name: str, options: ReadOptions, fetcher: Fetcher) -> Iterator[Outcome]:
    path = Path(name)
    try:
        with path.open("rb") as fh:
            head = fh.read(64)
            if head.startswith(b"WARC/") or (head.startswith(GZIP_MAGIC) and _is_gzipped_warc(path)):
                fh.seek(0)
                yield from read_warc(fh, name=name, max_bytes=options.max_bytes)
                return
            size = os.fstat(fh.fileno()).st_size
            if size > options.max_bytes:
                raise InputTooLargeError(
                    name, f"file of {size} bytes is over the {megabytes(options.max_bytes)} limit"
                )
            fh.seek(0)
            data = fh.read()
    except FileNotFoundError as exc:
        raise IngestError(name, "no such file or directory") from exc
    except IsADirectoryError as exc:
        raise IngestError(name, "is a directory") from exc
    except PermissionError as exc:
        raise IngestError(name, "permission denied") from exc
    except OSError as exc:
        raise IngestError(name, f"cannot be read ({exc.strerror or exc})") from exc
    yield from _documents(data, name=name, kind="file", options=options, fetcher=fetcher)


def _is_gzipped_warc(path: Path) -> bool:
    if path.name.lower().endswith((".warc.gz", ".arc.gz")):
        return True
    try:
        with path.open("rb") as fh:
            return _gunzip_head(fh.read(1 << 16)).startswith(b"WARC/")
    except OSError:
        return False


def _gunzip_head(data: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream, however damaged its end."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 64)
    except zlib.error:
        return b""


def _documents(
    data: bytes,
    *,
    name: str,
    kind: SourceKind,
    options: ReadOptions,
    fetcher: Fetcher,
    url: str | None = None,
    content_type: str | None = None,
) -> Iterator[Outcome]:
    what = sniff(data, content_type=content_type)
    if what == "gzip":
        data = gunzip(data, name=name, max_bytes=options.max_bytes)
        what = sniff(data)
    if what == "warc":
        yield from read_warc(io.BytesIO(data), name=name, max_bytes=options.max_bytes)
    elif what == "feed":
        yield from _feed_documents(data, name=name, options=options, fetcher=fetcher, url=url)
    elif what == "empty":
        yield NotAnArticleError(name, "empty input")
    elif what == "binary":
        yield NotAnArticleError(name, "binary data, not HTML or text")
    else:
        if content_type is None:
            content_type = "text/html" if what == "html" else "text/plain"
        yield RawDocument(input=name, kind=kind, data=data, url=url, content_type=content_type)


def _feed_documents(
    data: bytes, *, name: str, options: ReadOptions, fetcher: Fetcher, url: str | None
) -> Iterator[Outcome]:
    for item in parse_feed(data, name=name, base_url=url):
        locator = f"item {item.index}"
        if item.link and options.fetch_feed_items:
            try:
                page = fetcher.get(item.link)
            except IngestError as exc:
                if not item.has_full_content:
                    yield type(exc)(f"{name} [{locator}] ({item.link})", exc.reason)
                    continue
            else:
                kind = sniff(page.data, content_type=page.content_type)
                if kind in ("empty", "binary"):
                    what = "an empty page" if kind == "empty" else "binary data, not HTML or text"
                    yield NotAnArticleError(f"{name} [{locator}] ({page.url})", f"item link gives {what}")
                else:
                    yield _feed_document(name, locator, page, item.hints)
                continue
        if item.content:
            page = Fetched(item.link or url or name, item.content.encode("utf-8"), "text/html; charset=utf-8")
            yield _feed_document(name, locator, page, item.hints)
        elif item.link:
            yield NotAnArticleError(
                f"{name} [{locator}] ({item.link})",
                "feed item carries no content of its own and fetching feed items is off",
            )
        else:
            yield NotAnArticleError(f"{name} [{locator}]", "feed item has neither a link nor content")


def _feed_document(name: str, locator: str, page: Fetched, hints: dict[str, str]) -> RawDocument:
    return RawDocument(
        input=name, kind="feed", data=page.data, url=page.url, content_type=page.content_type,
        locator=locator, hints=hints,
    )


def _read_stream(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(name, f"input is over the {megabytes(max_bytes)} limit")
    return data


