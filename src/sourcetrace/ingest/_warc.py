"""WARC archives (plain or gzipped, as crawlers write them): one document per HTML response."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sourcetrace.errors import CorruptInputError, InputTooLargeError, SourcetraceError
from sourcetrace.ingest._options import megabytes
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
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            locator = f"record {number}"
            if record.rec_type == "response":
                if record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                if not status.startswith("2"):
                    continue
                ctype = record.http_headers.get_header("Content-Type")
            else:
                ctype = record.rec_headers.get_header("Content-Type")
            if not ctype or ctype.split(";")[0].strip().lower() not in _HTML_TYPES:
                continue
            try:
                data = _read_bounded(record.content_stream(), max_bytes)
            except InputTooLargeError as exc:
                yield InputTooLargeError(f"{name} [{locator}] ({uri})", exc.reason)
                continue
            yield RawDocument(
                input=name, kind="warc", data=data, url=uri, content_type=ctype, locator=locator
            )
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        where = f"after record {number}" if number else "at the first record"
        yield CorruptInputError(name, f"damaged WARC data {where}: {_reason(exc)}")


def _read_bounded(stream: IO[bytes], max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(None, f"record is over the {megabytes(max_bytes)} limit")
    return bytes(data)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    detail = text[0] if text else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
