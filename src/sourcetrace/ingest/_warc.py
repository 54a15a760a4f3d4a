"""WARC archives (plain or gzipped, as crawlers write them): one document per HTML response."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from sourcetrace.errors import CorruptInputError, InputTooLargeError, SourcetraceError
from sourcetrace.ingest._options import read_bounded
from sourcetrace.model import RawDocument

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: IO[bytes], *, name: str, max_bytes: int
) -> Iterator[RawDocument | SourcetraceError]:
    """Yield every HTML response of a WARC file, and an error for each record that cannot be read.

    A damaged record ends the file (WARC offers no way to resynchronise reliably), but every
    record read before it is kept.
    """
    number = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            number += 1
            length = record.rec_headers.get_header("Content-Length") or ""
            if not length.strip().isdigit():
                yield CorruptInputError(
                    name, f"damaged WARC data in record {number}: invalid Content-Length {length!r}"
                )
                return
            found = _html_document(record, name=name, number=number, max_bytes=max_bytes)
            if _truncated(record):
                reason = f"damaged WARC data in record {number}: the record is truncated"
                yield CorruptInputError(name, reason)
                return
            if found is not None:
                yield found
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        where = f"after record {number}" if number else "at the first record"
        yield CorruptInputError(name, f"damaged WARC data {where}: {_reason(exc)}")


def _html_document(
    record: ArcWarcRecord, *, name: str, number: int, max_bytes: int
) -> RawDocument | SourcetraceError | None:
    """The record as a document when it is a successful HTML response (or resource)."""
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None or not record.http_headers.get_statuscode().startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type")
    else:
        ctype = record.rec_headers.get_header("Content-Type")
    if not ctype or ctype.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    locator = f"record {number}"
    try:
        label = f"{name} [{locator}] ({uri})"
        data = read_bounded(record.content_stream(), max_bytes, name=label, what="record")
    except InputTooLargeError as exc:
        return exc
    return RawDocument(input=name, kind="warc", data=data, url=uri, content_type=ctype, locator=locator)


def _truncated(record: ArcWarcRecord) -> bool:
    """warcio does not raise when a file ends inside a record: the record's declared length
    is simply not reached. Drain what is left and see."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return bool(getattr(raw, "limit", 0))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    detail = text[0] if text else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
