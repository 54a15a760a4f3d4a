"""WARC archives, plain and gzipped, built with warcio as a crawler would write them."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from sourcetrace import extract_articles
from sourcetrace.errors import CorruptInputError, InputTooLargeError
from sourcetrace.ingest import ReadOptions, read_inputs
from sourcetrace.model import Article, RawDocument

from .helpers import WarcBuilder, data_bytes

MARKET_HALL = data_bytes("market-hall.html")
SCHOOL_BUSES = data_bytes("school-buses.html")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))

GZIP = pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])


def _crawl(gz: bool) -> bytes:
    """warcinfo, request, HTML, PNG, HTML 404, HTML: records 1 to 6."""
    return (
        WarcBuilder(gzip=gz)
        .request("https://courier.example/news/market-hall")
        .response("https://courier.example/news/market-hall", MARKET_HALL)
        .response("https://courier.example/logo.png", PNG, content_type="image/png")
        .response(
            "https://courier.example/missing", b"<html><body><p>Not found</p></body></html>",
            status="404 Not Found",
        )
        .response(
            "https://gazette.example/schools/buses", SCHOOL_BUSES,
            content_type="application/xhtml+xml",
        )
        .bytes()
    )


def _write(tmp_path: Path, gz: bool, content: bytes, stem: str = "crawl") -> str:
    path = tmp_path / (f"{stem}.warc.gz" if gz else f"{stem}.warc")
    path.write_bytes(content)
    return str(path)


def _expected(name: str) -> list[RawDocument]:
    return [
        RawDocument(
            input=name, kind="warc", data=MARKET_HALL,
            url="https://courier.example/news/market-hall",
            content_type="text/html; charset=utf-8", locator="record 3", format="html",
        ),
        RawDocument(
            input=name, kind="warc", data=SCHOOL_BUSES,
            url="https://gazette.example/schools/buses",
            content_type="application/xhtml+xml", locator="record 6", format="html",
        ),
    ]


@GZIP
def test_only_successful_html_responses_become_documents(tmp_path: Path, gz: bool) -> None:
    path = _write(tmp_path, gz, _crawl(gz))
    assert list(read_inputs([path])) == _expected(path)


def test_gzipped_warc_is_recognised_by_content_under_any_name(tmp_path: Path) -> None:
    path = tmp_path / "crawl-2024-03.gz"
    path.write_bytes(_crawl(True))
    assert list(read_inputs([str(path)])) == _expected(str(path))


@GZIP
def test_warc_on_stdin(gz: bool) -> None:
    assert list(read_inputs(["-"], stdin=io.BytesIO(_crawl(gz)))) == _expected("-")


def test_record_label_names_archive_record_and_url(tmp_path: Path) -> None:
    path = _write(tmp_path, True, _crawl(True))
    first = next(iter(read_inputs([path])))
    assert first.label == f"{path} [record 3] (https://courier.example/news/market-hall)"


def test_html_resource_record_is_read(tmp_path: Path) -> None:
    record = (
        b"WARC/1.0\r\nWARC-Type: resource\r\n"
        b"WARC-Target-URI: https://courier.example/saved\r\n"
        b"WARC-Record-ID: <urn:uuid:3c5e0b4a-1f2d-4e6f-9a8b-7c6d5e4f3a2b>\r\n"
        b"WARC-Date: 2024-03-05T10:00:00Z\r\n"
        b"Content-Type: text/html\r\n"
        b"Content-Length: " + str(len(MARKET_HALL)).encode() + b"\r\n\r\n" + MARKET_HALL + b"\r\n\r\n"
    )
    path = _write(tmp_path, False, record)
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDocument)
    assert (doc.locator, doc.url, doc.data) == (
        "record 1", "https://courier.example/saved", MARKET_HALL
    )


@GZIP
def test_record_over_the_limit_is_an_error_and_the_rest_goes_on(tmp_path: Path, gz: bool) -> None:
    assert len(SCHOOL_BUSES) < 2500 < len(MARKET_HALL)
    path = _write(tmp_path, gz, _crawl(gz))
    outcomes = list(read_inputs([path], ReadOptions(max_bytes=2500)))
    assert len(outcomes) == 2
    error, doc = outcomes
    assert isinstance(error, InputTooLargeError)
    assert error.input == f"{path} [record 3] (https://courier.example/news/market-hall)"
    assert error.reason.startswith("record is over the ")
    assert doc == _expected(path)[1]


def test_whole_archive_may_exceed_the_limit_when_each_record_fits(tmp_path: Path) -> None:
    content = _crawl(True)
    path = _write(tmp_path, True, content)
    limit = max(len(MARKET_HALL), len(SCHOOL_BUSES))
    assert len(content) > limit
    assert list(read_inputs([path], ReadOptions(max_bytes=limit))) == _expected(path)


def test_damage_after_good_records_keeps_them_and_adds_one_error(tmp_path: Path) -> None:
    damaged = _crawl(False) + gzip.compress(b"not a WARC record at all\r\n\r\n")
    path = _write(tmp_path, False, damaged)
    outcomes = list(read_inputs([path]))
    assert outcomes[:2] == _expected(path)
    assert len(outcomes) == 3
    error = outcomes[2]
    assert isinstance(error, CorruptInputError)
    assert error.input == path
    assert error.reason.startswith("damaged WARC data after record 6: ArchiveLoadFailed: ")


def test_gzipped_html_named_warc_gz_is_corrupt(tmp_path: Path) -> None:
    path = _write(tmp_path, True, gzip.compress(MARKET_HALL))
    (error,) = read_inputs([path])
    assert isinstance(error, CorruptInputError)
    assert error.input == path
    assert error.reason.startswith("damaged WARC data at the first record: ArchiveLoadFailed: ")


@GZIP
def test_truncated_archive_keeps_records_before_the_damage(tmp_path: Path, gz: bool) -> None:
    content = (
        WarcBuilder(gzip=gz)
        .response("https://courier.example/news/market-hall", MARKET_HALL)
        .response("https://gazette.example/schools/buses", SCHOOL_BUSES)
        .bytes()
    )
    path = _write(tmp_path, gz, content[:-300], stem="cut")  # inside the last record's payload
    outcomes = list(read_inputs([path]))
    assert len(outcomes) == 2, outcomes
    first, error = outcomes
    assert isinstance(first, RawDocument)
    assert (first.locator, first.data) == ("record 2", MARKET_HALL)
    assert isinstance(error, CorruptInputError)
    assert error.input == path
    assert error.reason == "damaged WARC data in record 3: the record is truncated"


def test_unparseable_record_header_is_corrupt(tmp_path: Path) -> None:
    path = _write(
        tmp_path, False,
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\n<p>hello</p>\r\n\r\n",
    )
    outcomes = list(read_inputs([path]))
    assert len(outcomes) == 1, outcomes
    assert isinstance(outcomes[0], CorruptInputError)
    assert outcomes[0].input == path


def test_extract_articles_from_a_warc(tmp_path: Path) -> None:
    path = _write(tmp_path, True, _crawl(True))
    articles = list(extract_articles([path]))
    assert all(isinstance(a, Article) for a in articles), articles
    assert [(a.source.input, a.source.kind, a.source.locator) for a in articles] == [
        (path, "warc", "record 3"),
        (path, "warc", "record 6"),
    ]
    assert [a.domain for a in articles] == ["courier.example", "gazette.example"]
    assert articles[0].title == "Riverside market hall to reopen after two-year restoration"
    assert "rents would be frozen for the first year" in articles[0].text
    assert "evening bus service from October" in articles[1].text
    assert "Privacy policy" not in articles[0].text
