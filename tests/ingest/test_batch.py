"""Batches mixing good and bad inputs: every bad one is an error naming it, the rest goes on."""

from __future__ import annotations

import gzip
import io
import pickle
import random
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import sourcetrace.extract
from sourcetrace import extract_articles
from sourcetrace.errors import (
    CorruptInputError,
    ExtractionError,
    FetchError,
    IngestError,
    InputTooLargeError,
    NotAnArticleError,
    SourcetraceError,
)
from sourcetrace.ingest import Fetcher, ReadOptions, read_inputs
from sourcetrace.model import Article, RawDocument

from .helpers import FEED_BASE, WarcBuilder, data_bytes, data_text

MARKET_HALL = data_bytes("market-hall.html")
SCHOOL_BUSES = data_bytes("school-buses.html")
NO_ARTICLE = data_bytes("no-article.html")
BUDGET = data_bytes("budget-scrape.txt")
HTML = "text/html; charset=utf-8"


def _files(root: Path, **contents: bytes) -> dict[str, str]:
    paths = {}
    for key, content in contents.items():
        path = root / key.replace("_", ".")
        path.write_bytes(content)
        paths[key] = str(path)
    return paths


def _warc() -> bytes:
    return (
        WarcBuilder(gzip=True)
        .response("https://courier.example/news/market-hall", MARKET_HALL)
        .response("https://gazette.example/schools/buses", SCHOOL_BUSES)
        .bytes()
    )


@pytest.mark.network
def test_read_inputs_mixed_batch_keeps_order(tmp_path: Path, httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(MARKET_HALL, content_type=HTML)

    httpserver.expect_request("/good").respond_with_data(SCHOOL_BUSES, content_type=HTML)
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    httpserver.expect_request("/slow").respond_with_handler(slow)
    httpserver.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    httpserver.expect_request("/big").respond_with_data(b"<p>" + b"x" * 60_000, content_type=HTML)
    url = httpserver.url_for
    f = _files(
        tmp_path,
        market_html=MARKET_HALL,
        empty_html=b"",
        junk_bin=random.Random(1).randbytes(2048),
        cut_html_gz=gzip.compress(MARKET_HALL)[:-40],
        budget_txt=BUDGET,
        crawl_warc_gz=_warc(),
    )
    inputs = [
        f["market_html"], str(tmp_path / "nowhere.html"), f["empty_html"], url("/good"),
        url("/missing"), f["junk_bin"], f["cut_html_gz"], url("/slow"), url("/loop"), "-",
        url("/big"), f["budget_txt"], f["crawl_warc_gz"],
    ]
    outcomes = list(
        read_inputs(inputs, ReadOptions(timeout=0.3, max_bytes=50_000), stdin=io.BytesIO(BUDGET))
    )
    assert [(type(o).__name__, o.input) for o in outcomes] == [
        ("RawDocument", f["market_html"]),
        ("IngestError", str(tmp_path / "nowhere.html")),
        ("NotAnArticleError", f["empty_html"]),
        ("RawDocument", url("/good")),
        ("FetchError", url("/missing")),
        ("NotAnArticleError", f["junk_bin"]),
        ("CorruptInputError", f["cut_html_gz"]),
        ("FetchError", url("/slow")),
        ("FetchError", url("/loop")),
        ("RawDocument", "-"),
        ("InputTooLargeError", url("/big")),
        ("RawDocument", f["budget_txt"]),
        ("RawDocument", f["crawl_warc_gz"]),
        ("RawDocument", f["crawl_warc_gz"]),
    ]
    docs = [o for o in outcomes if isinstance(o, RawDocument)]
    assert [d.data for d in docs] == [
        MARKET_HALL, SCHOOL_BUSES, BUDGET, BUDGET, MARKET_HALL, SCHOOL_BUSES,
    ]
    errors = [o for o in outcomes if isinstance(o, SourcetraceError)]
    assert [e.code for e in errors] == [
        "E100", "E201", "E101", "E201", "E103", "E101", "E101", "E102",
    ]
    for error in errors:
        assert error.message.startswith(f"[{error.code}] {error.input}: ")
        assert error.reason
    assert "timed out" in errors[5].reason
    assert "redirect loop" in errors[6].reason


@pytest.mark.network
def test_extract_articles_mixed_batch_keeps_order(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/buses").respond_with_data(SCHOOL_BUSES, content_type=HTML)
    httpserver.expect_request("/error").respond_with_data("oops", status=500)
    httpserver.expect_request("/sorry").respond_with_data(NO_ARTICLE, content_type=HTML)
    httpserver.expect_request("/news/market-hall").respond_with_data(MARKET_HALL, content_type=HTML)
    httpserver.expect_request("/news/bridge-closure").respond_with_data("no", status=404)
    httpserver.expect_request("/news/ferry-contract").respond_with_data("no", status=404)
    httpserver.expect_request("/news/school-buses").respond_with_data(SCHOOL_BUSES, content_type=HTML)
    url = httpserver.url_for
    rss = data_text("feed-rss.xml").replace(FEED_BASE, url("/")).encode("utf-8")
    f = _files(
        tmp_path,
        market_html=MARKET_HALL,
        sorry_html=NO_ARTICLE,
        empty_txt=b"\n\n",
        budget_txt=BUDGET,
        crawl_warc_gz=_warc(),
        local_rss=rss,
    )
    inputs = [
        f["market_html"], f["sorry_html"], url("/error"), f["empty_txt"], url("/buses"),
        url("/sorry"), f["crawl_warc_gz"], f["budget_txt"], f["local_rss"],
    ]
    outcomes = list(extract_articles(inputs))
    assert [
        (type(o).__name__, o.source.input if isinstance(o, Article) else o.input)
        for o in outcomes
    ] == [
        ("Article", f["market_html"]),
        ("NotAnArticleError", f["sorry_html"]),
        ("FetchError", url("/error")),
        ("NotAnArticleError", f["empty_txt"]),
        ("Article", url("/buses")),
        ("NotAnArticleError", url("/sorry")),
        ("Article", f["crawl_warc_gz"]),
        ("Article", f["crawl_warc_gz"]),
        ("Article", f["budget_txt"]),
        ("Article", f["local_rss"]),
        ("FetchError", f"{f['local_rss']} [item 2] ({url('/news/bridge-closure')})"),
        ("Article", f["local_rss"]),
        ("Article", f["local_rss"]),
    ]
    titles = [o.title for o in outcomes if isinstance(o, Article)]
    assert titles == [
        "Riverside market hall to reopen after two-year restoration",
        "County to add evening school buses after parents' petition",
        "Riverside market hall to reopen after two-year restoration",
        "County to add evening school buses after parents' petition",
        "Council Approves Leaner Budget as Reserves Run Low",
        "Riverside market hall to reopen after two-year restoration",
        "Ferry operator keeps harbour contract despite late sailings",
        "County to add evening school buses after parents' petition",
    ]
    sorry = outcomes[1]
    assert isinstance(sorry, NotAnArticleError)
    assert "after removing page chrome" in sorry.reason or "no article body" in sorry.reason


def test_extract_articles_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MARKET_HALL)))
    (article,) = extract_articles(["-"])
    assert isinstance(article, Article)
    assert (article.source.input, article.source.kind) == ("-", "stdin")
    assert article.title == "Riverside market hall to reopen after two-year restoration"


class _BrokenFetcher(Fetcher):
    """A fetcher with a bug: not every failure inside a reader is one of ours."""

    def get(self, url: str):  # type: ignore[override]
        raise RuntimeError(f"fetcher bug on {url}")


def test_unexpected_reader_failure_stops_only_that_input(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(MARKET_HALL)
    url = "http://127.0.0.1:9/story"
    with _BrokenFetcher(ReadOptions()) as fetcher:
        error, doc = read_inputs([url, str(page)], fetcher=fetcher)
    assert type(error) is IngestError
    assert error.input == url
    assert error.reason == f"reading failed: RuntimeError: fetcher bug on {url}"
    assert isinstance(error.__cause__, RuntimeError)
    assert isinstance(doc, RawDocument)
    assert doc.input == str(page)


def test_unexpected_extractor_failure_stops_only_that_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = sourcetrace.extract.extract_article

    def flaky(raw: RawDocument, **kwargs: object) -> Article:
        if raw.data == BUDGET:
            raise ValueError("parser exploded")
        return original(raw, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sourcetrace.extract, "extract_article", flaky)
    f = _files(tmp_path, market_html=MARKET_HALL, budget_txt=BUDGET, buses_html=SCHOOL_BUSES)
    first, error, last = extract_articles([f["market_html"], f["budget_txt"], f["buses_html"]])
    assert isinstance(first, Article)
    assert type(error) is ExtractionError
    assert error.input == f["budget_txt"]
    assert error.reason == "extraction failed: ValueError: parser exploded"
    assert isinstance(error.__cause__, ValueError)
    assert isinstance(last, Article)
    assert last.source.input == f["buses_html"]


@pytest.mark.parametrize(
    "error",
    [
        IngestError("a.html", "no such file or directory"),
        FetchError("https://example.org/x", "HTTP 404 NOT FOUND"),
        InputTooLargeError("<stdin>", "input is over the 20 MB limit"),
        CorruptInputError("crawl.warc.gz", "damaged WARC data after record 3"),
        NotAnArticleError("feed.xml [item 2] (https://example.org/2)", "empty input"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_errors_survive_pickling(error: SourcetraceError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (copy.input, copy.reason, copy.message) == (error.input, error.reason, error.message)


_SEEDS = [
    MARKET_HALL,
    BUDGET,
    gzip.compress(MARKET_HALL),
    _warc(),
    data_bytes("feed-rss.xml").replace(b"http://feeds.invalid/", b"http://127.0.0.1:9/"),
]


@st.composite
def _damaged_inputs(draw: st.DrawFn) -> bytes:
    """Bytes of every kind we read, cut short or with bytes overwritten, or pure noise."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=3000))
    data = bytearray(draw(st.sampled_from(_SEEDS)))
    data = data[: draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 4))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@settings(
    max_examples=60, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=_damaged_inputs())
def test_damaged_inputs_never_raise(data: bytes) -> None:
    options = ReadOptions(timeout=0.5)
    with tempfile.TemporaryDirectory() as root:
        path = Path(root, "input")
        path.write_bytes(data)
        outcomes = list(extract_articles([str(path), str(path)], options))
    assert len(outcomes) % 2 == 0
    half = len(outcomes) // 2
    assert [type(o) for o in outcomes[:half]] == [type(o) for o in outcomes[half:]]
    for outcome in outcomes:
        assert isinstance(outcome, Article | SourcetraceError)
        if isinstance(outcome, SourcetraceError):
            assert outcome.input and outcome.input.startswith(str(path))
            assert outcome.reason
