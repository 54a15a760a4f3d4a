"""Watching feeds against a local server the test runs: new items stored, unchanged feeds asked
conditionally (304), known items not fetched again, robots.txt obeyed, a 429 retried on the next
poll, and a restarted watch going on from the state kept in the corpus."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sourcetrace.corpus import Corpus
from sourcetrace.corpus._watch import poll, watch
from sourcetrace.errors import FetchError
from sourcetrace.ingest._options import ReadOptions
from sourcetrace.ingest._polite import PoliteClient

PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>\"We will keep the "
        "{title} open all year,\" Mayor Jane Holt said on Tuesday, according to the council minutes "
        "published this week.</p><p>The council will vote on the plan in August after a consultation "
        "with residents and traders, officials said.</p></article></body></html>")


def _feed(server: HTTPServer, paths: list[str]) -> str:
    items = "".join(f"<item><title>{p}</title><link>{server.url_for(p)}</link></item>" for p in paths)
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Gazette</title>{items}</channel></rss>"


class Site:
    """A feed that changes between polls, answers 304 to its own ETag, and pages."""

    def __init__(self, server: HTTPServer) -> None:
        self.server, self.version, self.paths = server, 1, ["/news/harbour", "/news/library"]
        self.limited: set[str] = set()
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
        server.expect_request("/feed.xml").respond_with_handler(self.feed)
        server.expect_request("/news/harbour").respond_with_handler(self.page)
        server.expect_request("/news/library").respond_with_handler(self.page)
        server.expect_request("/news/market").respond_with_handler(self.page)
        server.expect_request("/private/memo").respond_with_handler(self.page)

    def feed(self, request: Request) -> Response:
        etag = f'"v{self.version}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(_feed(self.server, self.paths), content_type="application/rss+xml",
                        headers={"ETag": etag})

    def page(self, request: Request) -> Response:
        if request.path in self.limited:
            return Response("slow down", status=429, headers={"Retry-After": "0"})
        return Response(PAGE.format(title=request.path.rsplit("/", 1)[-1]), content_type="text/html")

    def requested(self, path: str) -> int:
        return sum(1 for request, _ in self.server.log if request.path == path)


@pytest.fixture
def site(httpserver: HTTPServer) -> Site:
    return Site(httpserver)


@pytest.fixture
def client() -> Any:
    polite = PoliteClient(ReadOptions(timeout=5), interval=0.0)
    yield polite
    polite.close()


def test_new_items_then_nothing_then_only_what_is_new(site: Site, client: Any, db: str,
                                                       analyzer: Any) -> None:
    feed = site.server.url_for("/feed.xml")
    with Corpus(db) as corpus:
        first = poll(corpus, [feed], client=client, analyzer=analyzer)
        assert (first.stored, first.unchanged, first.failed) == (2, 0, [])
        assert corpus.article_count() == 2
        second = poll(corpus, [feed], client=client, analyzer=analyzer)
        assert (second.stored, second.unchanged) == (0, 1)  # 304: the feed was not sent again
        site.version, site.paths = 2, [*site.paths, "/news/market"]
        third = poll(corpus, [feed], client=client, analyzer=analyzer)
        assert (third.stored, third.known) == (1, 2)
        state = corpus.feed_state(feed)
        assert state is not None and (state["etag"], state["stored"]) == ('"v2"', 3)
    assert site.requested("/news/harbour") == 1 and site.requested("/news/market") == 1
    assert site.requested("/robots.txt") == 1


def test_robots_txt_and_rate_limits(site: Site, client: Any, db: str, analyzer: Any) -> None:
    feed = site.server.url_for("/feed.xml")
    site.paths = ["/news/harbour", "/private/memo", "/news/library"]
    site.limited = {"/news/library"}
    with Corpus(db) as corpus:
        report = poll(corpus, [feed], client=client, analyzer=analyzer)
        assert report.stored == 1 and len(report.failed) == 2
        assert any("disallowed by the site's robots.txt" in f for f in report.failed)
        assert any("HTTP 429" in f for f in report.failed)
        assert corpus.feed_state(feed)["etag"] is None  # so that the next poll reads the feed again
        site.limited = set()
        retry = poll(corpus, [feed], client=client, analyzer=analyzer)
        assert retry.stored == 1 and retry.known == 1
        assert {code for _, code, _ in corpus.errors()} == {"E101"}
    assert site.requested("/private/memo") == 0


def test_a_restarted_watch_goes_on_from_its_state(site: Site, db: str, analyzer: Any) -> None:
    feed = site.server.url_for("/feed.xml")
    with Corpus(db) as corpus:
        polite = PoliteClient(ReadOptions(timeout=5), interval=0.0)
        poll(corpus, [feed], client=polite, analyzer=analyzer)
        polite.close()
    with Corpus(db) as corpus:  # a new process: new client, state from the database
        again = PoliteClient(ReadOptions(timeout=5), interval=0.0)
        report = poll(corpus, [feed], client=again, analyzer=analyzer)
        again.close()
    assert report.unchanged == 1 and report.stored == 0


def test_watch_polls_until_stopped(site: Site, client: Any, db: str, analyzer: Any) -> None:
    feed = site.server.url_for("/feed.xml")
    stop = threading.Event()
    reports = []

    def polled(report: Any) -> None:
        reports.append(report)
        if len(reports) == 3:
            stop.set()

    with Corpus(db) as corpus:
        polls = watch(corpus, [feed], every=0.01, client=client, analyzer=analyzer, stop=stop, polled=polled)
    assert polls == 3 and [r.stored for r in reports] == [2, 0, 0]


def test_the_client_waits_between_requests_to_one_host() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    polite = PoliteClient(interval=2.0, clock=lambda: now[0], sleep=sleep)
    polite._last["news.example"] = 0.0
    polite._robots["http://news.example"] = None
    with pytest.raises(FetchError):  # no such host: what matters is the wait before
        polite.get("http://news.example/x")
    assert slept == [2.0]
    polite.close()


def test_the_command_polls_once(site: Site, tmp_path: Any) -> None:
    from click.testing import CliRunner

    from sourcetrace.cli import cli
    from sourcetrace.cli._watch_cmd import duration

    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# the gazette\n{site.server.url_for('/feed.xml')}\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(cli, ["watch", str(listing), "--db", db, "--once", "--interval", "0"])
    assert result.exit_code == 0, result.output
    assert "Poll 1: 1 feed, 0 unchanged, 2 new articles stored, 0 already stored, 0 failed." in result.stderr
    assert (duration("90s"), duration("15m"), duration("2h"), duration("5")) == (90, 900, 7200, 5)
    bad = tmp_path / "bad.txt"
    bad.write_text("feeds.example/rss\n", encoding="utf-8")
    refused = CliRunner().invoke(cli, ["watch", str(bad), "--db", db, "--once"])
    assert refused.exit_code != 0 and "not a feed URL: 'feeds.example/rss'" in refused.stderr


def test_robots_txt_unavailable_for_now_is_retried(httpserver: HTTPServer, client: Any, db: str,
                                                   analyzer: Any) -> None:
    down = [True]

    def robots(request: Request) -> Response:
        return Response("busy", status=503) if down[0] else Response("User-agent: *\nDisallow:\n")

    httpserver.expect_request("/robots.txt").respond_with_handler(robots)
    httpserver.expect_request("/feed.xml").respond_with_data(_feed(httpserver, ["/a"]),
                                                             headers={"ETag": '"v1"'})
    httpserver.expect_request("/a").respond_with_data(PAGE.format(title="a"), content_type="text/html")
    with Corpus(db) as corpus:
        first = poll(corpus, [httpserver.url_for("/feed.xml")], client=client, analyzer=analyzer)
        assert first.stored == 0 and "robots.txt unavailable" in first.failed[0]
        down[0] = False
        client._robots.clear()  # as a new process would: the 503 also asked for a minute's rest
        client._until.clear()
        second = poll(corpus, [httpserver.url_for("/feed.xml")], client=client, analyzer=analyzer)
        assert second.stored == 1  # the feed was read again: its ETag had not been kept


def test_bad_links_and_empty_feeds_do_not_stop_a_poll(httpserver: HTTPServer, client: Any, db: str,
                                                      analyzer: Any) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)  # none: all allowed
    items = ("<item><link>http://[::1/x</link></item><item><link>http://\u2603\u2603..com/x</link></item>"
             f"<item><link>{httpserver.url_for('/good')}</link></item>")
    httpserver.expect_request("/feed.xml").respond_with_data(
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>G</title>{items}</channel></rss>")
    httpserver.expect_request("/empty.xml").respond_with_data(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Quiet</title></channel></rss>")
    httpserver.expect_request("/good").respond_with_data(PAGE.format(title="good"), content_type="text/html")
    with Corpus(db) as corpus:
        report = poll(corpus, [httpserver.url_for("/empty.xml"), httpserver.url_for("/feed.xml")],
                      client=client, analyzer=analyzer)
        assert report.stored == 1 and report.failed and all("invalid URL" in f for f in report.failed)
        assert corpus.feed_state(httpserver.url_for("/empty.xml"))["status"] == 200


def test_an_item_stored_under_its_canonical_url_is_not_fetched_again(httpserver: HTTPServer, client: Any,
                                                                     db: str, analyzer: Any) -> None:
    page = PAGE.format(title="moved").replace("<head>", "<head><link rel='canonical' "
                                              "href='https://gazette.example/stories/moved'>")
    version = [1]

    def feed(request: Request) -> Response:
        version[0] += 1  # a new ETag each time: the feed is read every poll
        return Response(_feed(httpserver, ["/moved"]), headers={"ETag": f'"v{version[0]}"'})

    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    httpserver.expect_request("/moved").respond_with_data(page, content_type="text/html")
    with Corpus(db) as corpus:
        for _ in range(3):
            poll(corpus, [httpserver.url_for("/feed.xml")], client=client, analyzer=analyzer)
        assert corpus.article_count() == 1 and corpus.recent(limit=1)[0]["url"].endswith("/stories/moved")
    assert sum(1 for request, _ in httpserver.log if request.path == "/moved") == 1


def test_a_redirect_to_another_host_asks_that_host_for_its_robots(httpserver: HTTPServer,
                                                                   client: Any) -> None:
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:
        other.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /secret\n")
        other.expect_request("/secret").respond_with_data("secret page")
        httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
        httpserver.expect_request("/go").respond_with_response(
            Response(status=302, headers={"Location": other.url_for("/secret")}))
        with pytest.raises(FetchError, match=r"disallowed by the site's robots\.txt"):
            client.get(httpserver.url_for("/go"))
        assert [r.path for r, _ in other.log] == ["/robots.txt"]
    finally:
        other.clear()
        other.stop()
