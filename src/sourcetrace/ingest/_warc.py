"""WARC archives (plain or gzipped, as crawlers write them): one document per HTML response."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from sourcetrace.errors import CorruptInputError, InputTooLargeError, SourcetraceError
from sourcetrace.ingest._options import read_bounded
from sourcetrace.model import RawDocument

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DETAIL = 120


def read_warc(
    stream: IO[bytes], *, name: str, max_bytes: int
) -> Iterator[RawDocument | SourcetraceError]:
    """Yield every HTML response of a WARC file, and an error for each record that cannot be read.

    A damaged record ends the file (WARC offers no way to resynchronise reliably), but every
    record read before it is kept.
    """
    number = 0
    counted = _Counting(stream)
    records = ArchiveIterator(io.BufferedReader(counted), arc2warc=True)
    try:
        for record in records:
            number += 1
            length = record.rec_headers.get_header("Content-Length") or ""
            if not length.strip().isdigit():
                yield CorruptInputError(
                    name, f"damaged WARC data in record {number}: invalid Content-Length {length[:40]!r}"
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
        return
    except Exception as exc:  # warcio fails in other ways on some damaged headers
        error = CorruptInputError(name, f"damaged WARC data after record {number}: {_reason(exc)}")
        error.__cause__ = exc
        yield error
        return
    if counted.bytes_read > records.offset:
        # warcio stops without a word when the archive ends inside a record's header: the
        # bytes past the last record it finished were read but never made a record.
        unread = counted.bytes_read - records.offset
        yield CorruptInputError(
            name, f"damaged WARC data after record {number}: the archive ends inside a record "
                  f"({unread} bytes left over)"
        )


class _Counting(io.RawIOBase):
    """Counts the bytes read from a stream, to tell a finished archive from a cut one."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._stream.read(len(buffer))
        buffer[: len(chunk)] = chunk
        self.bytes_read += len(chunk)
        return len(chunk)


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
    found = RawDocument(
        input=name, kind="warc", data=b"", url=record.rec_headers.get_header("WARC-Target-URI"),
        content_type=ctype, locator=f"record {number}", format="html",
    )
    try:
        data = read_bounded(record.content_stream(), max_bytes, name=found.label, what="record")
    except InputTooLargeError as exc:
        return exc
    return replace(found, data=data)


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
    if len(detail) > _DETAIL:  # warcio quotes the bytes it could not read: a few are enough
        detail = detail[:_DETAIL] + "…"
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
