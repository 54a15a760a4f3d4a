"""Shared by the ingest tests: the saved fixtures and a WARC builder."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DATA = Path(__file__).resolve().parent.parent / "data" / "ingest"

# The saved feeds link to this placeholder host; tests point it at the local server.
FEED_BASE = "http://feeds.invalid/"


def data_bytes(name: str) -> bytes:
    return (DATA / name).read_bytes()


def data_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


class WarcBuilder:
    """A WARC archive written with warcio, record by record, as a crawler would."""

    def __init__(self, *, gzip: bool) -> None:
        self._buffer = io.BytesIO()
        self._writer = WARCWriter(self._buffer, gzip=gzip)
        self._writer.write_record(
            self._writer.create_warcinfo_record("crawl.warc", {"software": "sourcetrace-tests"})
        )

    def response(
        self,
        url: str,
        body: bytes,
        *,
        content_type: str = "text/html; charset=utf-8",
        status: str = "200 OK",
    ) -> WarcBuilder:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        self._writer.write_record(record)
        return self

    def request(self, url: str) -> WarcBuilder:
        parts = urlsplit(url)
        headers = StatusAndHeaders(
            f"GET {parts.path or '/'} HTTP/1.1", [("Host", parts.netloc)], is_http_request=True
        )
        self._writer.write_record(
            self._writer.create_warc_record(url, "request", http_headers=headers)
        )
        return self

    def bytes(self) -> bytes:
        return self._buffer.getvalue()
