"""Telling inputs apart by their first bytes; the package's public surface and limits."""

from __future__ import annotations

import codecs
import gzip

import pytest

import sourcetrace.ingest
from sourcetrace.ingest import DEFAULT_MAX_BYTES, ReadOptions
from sourcetrace.ingest._options import megabytes
from sourcetrace.ingest._sniff import sniff

from .helpers import data_bytes

MARKET_HALL = data_bytes("market-hall.html")


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (b"", None, "empty"),
        (b" \r\n\t \n", None, "empty"),
        (gzip.compress(b"<p>x</p>"), None, "gzip"),
        (gzip.compress(b"<p>x</p>"), "text/html", "gzip"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", None, "warc"),
        (b"<p>abc\x00def</p>", None, "binary"),
        (b"\x01\x02\x03\x04 some text \x05\x06\x07", None, "binary"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', None, "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', None, "feed"),
        (codecs.BOM_UTF8 + b'<rss version="2.0"><channel>', None, "feed"),
        (b"<title>Not a feed</title><p>Body</p>", "application/rss+xml", "feed"),
        (MARKET_HALL, None, "html"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', None, "html"),
        (b"<div class='story'><p>Fragment of a page.</p></div>", None, "html"),
        (b"Plain words with a < sign and no markup at all.", "text/html", "html"),
        (b"Plain words with a < sign and no markup at all.\n", None, "text"),
        (b"Headline\n\nBody text of a scrape.\x0c\n", None, "text"),
        ("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), None, "text"),
        (codecs.BOM_UTF16_LE + "Plain UTF-16 text.".encode("utf-16-le"), None, "text"),
    ],
)
def test_sniff(data: bytes, content_type: str | None, expected: str) -> None:
    assert sniff(data, content_type=content_type) == expected


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_sniff_utf16_html(codec: str) -> None:
    data = MARKET_HALL.decode("utf-8").encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert sniff(data) == "html"


def test_read_options_defaults() -> None:
    options = ReadOptions()
    assert options.max_bytes == DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    assert options.fetch_feed_items is True
    assert options.max_redirects == 10
    assert options.user_agent.startswith("sourcetrace/")


@pytest.mark.parametrize(
    ("n", "text"),
    [(20 * 1024 * 1024, "20 MB"), (1024 * 1024, "1 MB"), (512 * 1024, "512 KB"), (1500, "1.46 KB"),
     (300, "300 bytes")],
)
def test_megabytes(n: int, text: str) -> None:
    assert megabytes(n) == text


def test_all_is_complete_and_importable() -> None:
    exported = set(sourcetrace.ingest.__all__)
    assert {"read_inputs", "expand_inputs", "is_url", "ReadOptions", "Fetcher"} <= exported
    for name in exported:
        assert hasattr(sourcetrace.ingest, name), name
    defined_here = {
        name for name, value in vars(sourcetrace.ingest).items()
        if not name.startswith("_") and getattr(value, "__module__", "") == "sourcetrace.ingest"
    }
    # Everything public defined in the package itself is exported, but for read_inputs' helper.
    assert defined_here - exported == {"read_input"}
