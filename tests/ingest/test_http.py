"""http(s) URLs, fetched for real from a local server: errors, limits and timeouts."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sourcetrace.errors import FetchError, InputTooLargeError, NotAnArticleError
from sourcetrace.ingest import Fetcher, ReadOptions, read_inputs
from sourcetrace.model import RawDocument

from .helpers import data_bytes

pytestmark = pytest.mark.network

MARKET_HALL = data_bytes("market-hall.html")
HTML = "text/html; charset=utf-8"


def _one(name: str, options: ReadOptions | None = None):
    outcomes = list(read_inputs([name], options))
    assert len(outcomes) == 1, outcomes
    return outcomes[0]


def test_page_is_fetched_with_its_content_type(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/news/market-hall").respond_with_data(MARKET_HALL, content_type=HTML)
    url = httpserver.url_for("/news/market-hall")
    doc = _one(url)
    assert doc == RawDocument(
        input=url, kind="url", data=MARKET_HALL, url=url, content_type=HTML, format="html"
    )


def test_requests_identify_sourcetrace(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data(MARKET_HALL, content_type=HTML)
    _one(httpserver.url_for("/a"), ReadOptions(user_agent="sourcetrace-test/9"))
    (request, _), = httpserver.log
    assert request.headers["User-Agent"] == "sourcetrace-test/9"


def test_redirect_is_followed_and_final_url_kept(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(MARKET_HALL, content_type=HTML)
    doc = _one(httpserver.url_for("/old"))
    assert isinstance(doc, RawDocument)
    assert doc.input == httpserver.url_for("/old")
    assert doc.url == httpserver.url_for("/new")
    assert doc.label == f"{httpserver.url_for('/old')} ({httpserver.url_for('/new')})"
    assert doc.data == MARKET_HALL


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "HTTP 404 NOT FOUND"), (500, "HTTP 500 INTERNAL SERVER ERROR")]
)
def test_http_error_status_is_a_fetch_error(
    httpserver: HTTPServer, status: int, reason: str
) -> None:
    httpserver.expect_request("/page").respond_with_data("<h1>Oops</h1>", status=status)
    url = httpserver.url_for("/page")
    error = _one(url)
    assert isinstance(error, FetchError)
    assert error.input == url
    assert error.reason == reason
    assert error.message == f"[E101] {url}: {reason}"


def test_timeout_is_a_fetch_error(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(MARKET_HALL, content_type=HTML)

    httpserver.expect_request("/slow").respond_with_handler(slow)
    url = httpserver.url_for("/slow")
    started = time.monotonic()
    error = _one(url, ReadOptions(timeout=0.3))
    assert time.monotonic() - started < 1.2  # well before the page would have come
    assert isinstance(error, FetchError)
    assert error.input == url
    assert error.reason == "timed out after 0.3 s (ReadTimeout)"


def test_slow_trickle_hits_the_whole_download_deadline(httpserver: HTTPServer) -> None:
    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            for _ in range(30):
                yield b"<p>still loading</p>\n"
                time.sleep(0.05)

        return Response(body(), content_type=HTML)

    httpserver.expect_request("/trickle").respond_with_handler(trickle)
    url = httpserver.url_for("/trickle")
    started = time.monotonic()
    # No single read waits 0.1 s, but the whole download may take only 4 × 0.1 s.
    error = _one(url, ReadOptions(timeout=0.1))
    assert time.monotonic() - started < 1.2
    assert isinstance(error, FetchError)
    assert error.input == url
    assert error.reason == "download took longer than 0.4 s"


def test_redirect_loop_is_a_fetch_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ping").respond_with_data("", status=302, headers={"Location": "/pong"})
    httpserver.expect_request("/pong").respond_with_data("", status=302, headers={"Location": "/ping"})
    url = httpserver.url_for("/ping")
    error = _one(url, ReadOptions(max_redirects=3))
    assert isinstance(error, FetchError)
    assert error.input == url
    assert error.reason == "too many redirects (over 3; a redirect loop?)"
    assert [request.path for request, _ in httpserver.log] == ["/ping", "/pong", "/ping", "/pong"]


def test_declared_length_over_the_limit_is_refused_before_the_body(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(b"<p>" + b"x" * 49_997, content_type=HTML)
    url = httpserver.url_for("/big")
    error = _one(url, ReadOptions(max_bytes=10_000))
    assert isinstance(error, InputTooLargeError)
    assert error.input == url
    assert error.reason.startswith("response of 50000 bytes is over the ")


def test_streamed_body_over_the_limit_is_cut_off(httpserver: HTTPServer) -> None:
    def endless(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield b"<html><body>"
            while True:  # no Content-Length: only the body itself can give the size away
                yield b"<p>" + b"x" * 4089 + b"</p>"

        return Response(body(), content_type=HTML)

    httpserver.expect_request("/endless").respond_with_handler(endless)
    url = httpserver.url_for("/endless")
    error = _one(url, ReadOptions(max_bytes=64 * 1024, timeout=5))
    assert isinstance(error, InputTooLargeError)
    assert error.input == url
    assert error.reason.startswith("response is over the ")
    assert "response of" not in error.reason  # not the Content-Length check


def test_streamed_body_under_the_limit_is_read(httpserver: HTTPServer) -> None:
    def chunked(request: Request) -> Response:
        return Response(iter([MARKET_HALL[:1000], MARKET_HALL[1000:]]), content_type=HTML)

    httpserver.expect_request("/chunked").respond_with_handler(chunked)
    doc = _one(httpserver.url_for("/chunked"), ReadOptions(max_bytes=len(MARKET_HALL)))
    assert isinstance(doc, RawDocument)
    assert doc.data == MARKET_HALL


def test_content_encoding_gzip_is_decoded(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(MARKET_HALL), content_type=HTML, headers={"Content-Encoding": "gzip"}
    )
    assert _one(httpserver.url_for("/gz")).data == MARKET_HALL


def test_content_encoding_bomb_is_cut_off(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/bomb").respond_with_data(
        gzip.compress(b"<p>" + b" " * 8_000_000), content_type=HTML,
        headers={"Content-Encoding": "gzip"},
    )
    error = _one(httpserver.url_for("/bomb"), ReadOptions(max_bytes=100_000))
    assert isinstance(error, InputTooLargeError)
    assert error.reason.startswith("response is over the ")


def test_gzip_file_download_is_decompressed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page.html.gz").respond_with_data(
        gzip.compress(MARKET_HALL), content_type="application/gzip"
    )
    doc = _one(httpserver.url_for("/page.html.gz"))
    assert isinstance(doc, RawDocument)
    assert doc.data == MARKET_HALL


def test_empty_response_is_not_an_article(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/empty").respond_with_data(b"", content_type=HTML)
    url = httpserver.url_for("/empty")
    error = _one(url)
    assert isinstance(error, NotAnArticleError)
    assert (error.input, error.reason) == (url, "empty input")


def test_binary_response_is_not_an_article(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/logo.png").respond_with_data(
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, content_type="image/png"
    )
    url = httpserver.url_for("/logo.png")
    error = _one(url)
    assert isinstance(error, NotAnArticleError)
    assert (error.input, error.reason) == (url, "binary data, not HTML or text")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_is_a_fetch_error() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/story"
    error = _one(url, ReadOptions(timeout=2))
    assert isinstance(error, FetchError)
    assert error.input == url
    assert error.reason.startswith("request failed: ConnectError")


def test_url_without_host_is_a_fetch_error() -> None:
    error = _one("http://")
    assert isinstance(error, FetchError)
    assert error.input == "http://"
    assert error.reason.startswith(("invalid URL", "request failed"))


def test_one_fetcher_serves_the_whole_batch_and_is_reusable(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data(MARKET_HALL, content_type=HTML)
    httpserver.expect_request("/b").respond_with_data("gone", status=404)
    urls = [httpserver.url_for("/a"), httpserver.url_for("/b"), httpserver.url_for("/a")]
    with Fetcher(ReadOptions()) as fetcher:
        first = list(read_inputs(urls, fetcher=fetcher))
        second = list(read_inputs(urls[:1], fetcher=fetcher))  # not closed by read_inputs
    assert [type(o).__name__ for o in first] == ["RawDocument", "FetchError", "RawDocument"]
    assert [o.input for o in first] == urls
    assert isinstance(second[0], RawDocument)


def test_urls_are_fetched_lazily_one_outcome_at_a_time(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data(MARKET_HALL, content_type=HTML)
    httpserver.expect_request("/b").respond_with_data(MARKET_HALL, content_type=HTML)
    outcomes = read_inputs([httpserver.url_for("/a"), httpserver.url_for("/b")])
    first = next(outcomes)
    outcomes.close()
    assert first.input == httpserver.url_for("/a")
    assert [request.path for request, _ in httpserver.log] == ["/a"]
