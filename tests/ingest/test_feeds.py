"""RSS and Atom feeds: every item's page is fetched; embedded content is the fallback."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from sourcetrace import extract_articles
from sourcetrace.errors import CorruptInputError, FetchError, InputTooLargeError, NotAnArticleError
from sourcetrace.ingest import ReadOptions, read_inputs
from sourcetrace.model import Article, RawDocument

from .helpers import FEED_BASE, data_bytes, data_text

pytestmark = pytest.mark.network

MARKET_HALL = data_bytes("market-hall.html")
SCHOOL_BUSES = data_bytes("school-buses.html")
HTML = "text/html; charset=utf-8"
FERRY_OPENING = "<p>The harbour board voted on Friday to renew the island ferry contract"


def _serve_rss_pages(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/news/market-hall").respond_with_data(MARKET_HALL, content_type=HTML)
    httpserver.expect_request("/news/bridge-closure").respond_with_data("not here", status=404)
    httpserver.expect_request("/news/ferry-contract").respond_with_data("not here", status=404)
    httpserver.expect_request("/news/school-buses").respond_with_data(SCHOOL_BUSES, content_type=HTML)


def _serve_atom_pages(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/schools/evening-buses").respond_with_data(
        SCHOOL_BUSES, content_type=HTML
    )
    httpserver.expect_request("/harbour/ferry-contract").respond_with_data("gone", status=404)
    httpserver.expect_request("/council/library-hours").respond_with_data("gone", status=404)


def test_rss_items_are_fetched_in_order(httpserver: HTTPServer, feed_file) -> None:
    _serve_rss_pages(httpserver)
    feed = str(feed_file("feed-rss.xml"))
    url = httpserver.url_for
    outcomes = list(read_inputs([feed]))
    assert [request.path for request, _ in httpserver.log] == [
        "/news/market-hall", "/news/bridge-closure", "/news/ferry-contract", "/news/school-buses",
    ]
    assert len(outcomes) == 4
    market, missing, ferry, buses = outcomes

    assert market == RawDocument(
        input=feed, kind="feed", data=MARKET_HALL, url=url("/news/market-hall"),
        content_type=HTML, locator="item 1", format="html",
        hints={
            "title": "Riverside market hall to reopen after two-year restoration",
            "published": "2024-03-05T14:30:00+00:00",  # 09:30 -05:00 in UTC
            "byline": "Marta Jiménez",
        },
    )

    assert isinstance(missing, FetchError)
    assert missing.input == f"{feed} [item 2] ({url('/news/bridge-closure')})"
    assert missing.reason == "HTTP 404 NOT FOUND"
    assert missing.message == f"[E101] {missing.input}: HTTP 404 NOT FOUND"

    # The page is gone, but content:encoded carries the whole story.
    assert isinstance(ferry, RawDocument)
    assert (ferry.input, ferry.kind, ferry.locator) == (feed, "feed", "item 3")
    assert ferry.url == url("/news/ferry-contract")
    assert ferry.content_type == HTML
    assert len(ferry.data.decode("utf-8")) > 500
    assert ferry.data.decode("utf-8").startswith(FERRY_OPENING)
    assert "“We have listened to passengers" in ferry.data.decode("utf-8")
    assert ferry.hints == {
        "title": "Ferry operator keeps harbour contract despite late sailings",
        "published": "2024-03-03T12:00:00+00:00",
        "byline": "Owen Pritchard",
    }

    assert isinstance(buses, RawDocument)
    assert (buses.locator, buses.data, buses.url) == ("item 4", SCHOOL_BUSES, url("/news/school-buses"))
    assert buses.hints == {
        "title": "County to add evening school buses after parents' petition",
        "published": "2024-03-02T08:15:00+00:00",
    }


def test_atom_entries_are_fetched_in_order(httpserver: HTTPServer, feed_file) -> None:
    _serve_atom_pages(httpserver)
    feed = str(feed_file("feed-atom.xml"))
    url = httpserver.url_for
    outcomes = list(read_inputs([feed]))
    assert len(outcomes) == 3
    buses, ferry, library = outcomes

    assert buses == RawDocument(
        input=feed, kind="feed", data=SCHOOL_BUSES, url=url("/schools/evening-buses"),
        content_type=HTML, locator="item 1", format="html",
        hints={
            "title": "County to add evening school buses after parents' petition",
            "published": "2024-09-12T06:00:00+00:00",
            "byline": "Daniel Okafor",
        },
    )

    assert isinstance(ferry, RawDocument)
    assert (ferry.locator, ferry.url) == ("item 2", url("/harbour/ferry-contract"))
    assert ferry.data.decode("utf-8").startswith(FERRY_OPENING)
    assert ferry.hints == {
        "title": "Ferry operator keeps harbour contract despite late sailings",
        "published": "2024-09-11T18:20:00+00:00",  # no <published>: <updated> stands in
        "byline": "Owen Pritchard",
    }

    # Too little embedded text to stand in for the page: the fetch error is reported.
    assert isinstance(library, FetchError)
    assert library.input == f"{feed} [item 3] ({url('/council/library-hours')})"
    assert library.reason == "HTTP 404 NOT FOUND"


def test_feed_fetched_from_a_url(httpserver: HTTPServer) -> None:
    _serve_rss_pages(httpserver)
    rss = data_text("feed-rss.xml").replace(FEED_BASE, httpserver.url_for("/"))
    httpserver.expect_request("/feeds/local.rss").respond_with_data(
        rss, content_type="application/rss+xml"
    )
    feed = httpserver.url_for("/feeds/local.rss")
    outcomes = list(read_inputs([feed]))
    assert [type(o).__name__ for o in outcomes] == [
        "RawDocument", "FetchError", "RawDocument", "RawDocument",
    ]
    assert {o.input.split(" ")[0] for o in outcomes} == {feed}
    assert outcomes[0].data == MARKET_HALL
    assert outcomes[1].input == f"{feed} [item 2] ({httpserver.url_for('/news/bridge-closure')})"


def test_relative_item_links_resolve_against_the_feed_url(httpserver: HTTPServer) -> None:
    atom = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title><id>urn:x</id>'
        "<updated>2024-09-12T07:00:00Z</updated>"
        '<entry><title>Buses</title><id>urn:x:1</id><updated>2024-09-12T07:00:00Z</updated>'
        '<link href="../schools/evening-buses"/></entry></feed>'
    )
    httpserver.expect_request("/feeds/atom.xml").respond_with_data(
        atom, content_type="application/atom+xml"
    )
    _serve_atom_pages(httpserver)
    (doc,) = read_inputs([httpserver.url_for("/feeds/atom.xml")])
    assert isinstance(doc, RawDocument)
    assert doc.url == httpserver.url_for("/schools/evening-buses")
    assert doc.data == SCHOOL_BUSES


def test_item_page_over_the_limit_names_feed_and_item(httpserver: HTTPServer, feed_file) -> None:
    httpserver.expect_request("/schools/evening-buses").respond_with_data(
        b"<p>" + b"x" * 200_000, content_type=HTML
    )
    httpserver.expect_request("/harbour/ferry-contract").respond_with_data("gone", status=404)
    httpserver.expect_request("/council/library-hours").respond_with_data("gone", status=404)
    feed = str(feed_file("feed-atom.xml"))
    first = next(iter(read_inputs([feed], ReadOptions(max_bytes=100_000))))
    assert isinstance(first, InputTooLargeError)
    assert first.input == f"{feed} [item 1] ({httpserver.url_for('/schools/evening-buses')})"
    assert first.reason.startswith("response of 200003 bytes is over the ")


def test_without_fetching_embedded_content_is_used(httpserver: HTTPServer, feed_file) -> None:
    feed = str(feed_file("feed-rss.xml"))
    outcomes = list(read_inputs([feed], ReadOptions(fetch_feed_items=False)))
    assert httpserver.log == []
    assert [type(o).__name__ for o in outcomes] == [
        "NotAnArticleError", "NotAnArticleError", "RawDocument", "NotAnArticleError",
    ]
    assert outcomes[0].input == f"{feed} [item 1] ({httpserver.url_for('/news/market-hall')})"
    assert outcomes[2].data.decode("utf-8").startswith(FERRY_OPENING)
    assert outcomes[2].url == httpserver.url_for("/news/ferry-contract")


def test_without_fetching_error_does_not_deny_the_link(feed_file) -> None:
    feed = str(feed_file("feed-rss.xml"))
    first = next(iter(read_inputs([feed], ReadOptions(fetch_feed_items=False))))
    assert isinstance(first, NotAnArticleError)
    assert "neither a link" not in first.reason


def test_item_without_link_or_content_is_not_an_article() -> None:
    rss = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>Headline only</title><description>Teaser.</description></item>"
        b"</channel></rss>"
    )
    (error,) = read_inputs(["-"], stdin=io.BytesIO(rss))
    assert isinstance(error, NotAnArticleError)
    assert error.input == "- [item 1]"
    assert error.reason == "feed item has neither a link nor content"


def test_feed_that_does_not_parse_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_bytes(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x<item><ti')
    (error,) = read_inputs([str(path)])
    assert isinstance(error, CorruptInputError)
    assert error.input == str(path)
    assert error.reason.startswith("feed does not parse (")


def test_feed_without_items_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_bytes(
        b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Nothing yet</title>'
        b"<link>https://courier.example/</link><description>-</description></channel></rss>"
    )
    (error,) = read_inputs([str(path)])
    assert isinstance(error, CorruptInputError)
    assert error.input == str(path)


def test_feed_without_items_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_bytes(
        b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Nothing yet</title>'
        b"<link>https://courier.example/</link><description>-</description></channel></rss>"
    )
    (error,) = read_inputs([str(path)])
    assert error.reason == "feed has no items"


def test_extract_articles_from_a_feed(httpserver: HTTPServer, feed_file) -> None:
    _serve_rss_pages(httpserver)
    feed = str(feed_file("feed-rss.xml"))
    outcomes = list(extract_articles([feed]))
    assert [type(o).__name__ for o in outcomes] == ["Article", "FetchError", "Article", "Article"]
    market, _, ferry, buses = outcomes
    assert isinstance(market, Article)
    assert market.source.locator == "item 1"
    assert market.title == "Riverside market hall to reopen after two-year restoration"
    assert "Forty-two stalls will open" in market.text
    # The embedded fallback has no <title> or byline of its own: the feed's hints fill in.
    assert isinstance(ferry, Article)
    assert (ferry.source.input, ferry.source.kind, ferry.source.locator) == (feed, "feed", "item 3")
    assert ferry.title == "Ferry operator keeps harbour contract despite late sailings"
    assert ferry.byline == "Owen Pritchard"
    assert ferry.url == httpserver.url_for("/news/ferry-contract")
    assert "a second vessel on summer weekends" in ferry.text
    assert isinstance(buses, Article)
    assert "evening bus service from October" in buses.text


def test_item_page_that_is_binary_is_named_as_such(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/img").respond_with_data(bytes(range(256)) * 4, content_type="image/png")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f'<item><title>Pic</title><link>{httpserver.url_for("/img")}</link></item>'
        "</channel></rss>",
        encoding="utf-8",
    )
    (error,) = list(read_inputs([str(feed)]))
    assert isinstance(error, NotAnArticleError)
    assert error.input == f"{feed} [item 1] ({httpserver.url_for('/img')})"
    assert error.reason == "binary data, not HTML or text"
