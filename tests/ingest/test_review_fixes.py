"""Inputs a reviewer found escaping the never-raise contract or read without bound."""

from __future__ import annotations

import gzip
import io
import os
import threading
from pathlib import Path

from pytest_httpserver import HTTPServer

from sourcetrace import extract_articles
from sourcetrace.errors import FetchError, IngestError, InputTooLargeError
from sourcetrace.ingest import ReadOptions, read_inputs
from sourcetrace.model import Article, RawDocument

from .helpers import WarcBuilder, data_bytes

MARKET_HALL = data_bytes("market-hall.html")


def test_device_file_is_read_only_up_to_the_limit() -> None:
    (error,) = list(read_inputs(["/dev/zero"], ReadOptions(max_bytes=4096)))
    assert isinstance(error, InputTooLargeError)
    assert error.input == "/dev/zero"
    assert error.reason == "file is over the 4 KB limit"


def test_pipe_named_as_a_path_is_read() -> None:
    read_fd, write_fd = os.pipe()
    writer = threading.Thread(target=lambda: (os.write(write_fd, MARKET_HALL), os.close(write_fd)))
    writer.start()
    try:
        (doc,) = list(read_inputs([f"/dev/fd/{read_fd}"]))
    finally:
        writer.join()
        os.close(read_fd)
    assert isinstance(doc, RawDocument)
    assert doc.data == MARKET_HALL and doc.format == "html"


def test_fifo_inside_a_directory_is_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "page.html").write_bytes(MARKET_HALL)
    outcomes = list(read_inputs([str(tmp_path)]))
    assert [o.input for o in outcomes] == [str(tmp_path / "page.html")]


def test_path_objects_and_a_single_string_are_inputs(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(MARKET_HALL)
    assert [a.source.input for a in extract_articles([page])] == [str(page)]
    assert [a.source.input for a in extract_articles(str(page))] == [str(page)]


def test_invalid_link_in_a_feed_stops_only_that_item(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/a").respond_with_data(MARKET_HALL, content_type="text/html")
    feed = tmp_path / "feed.xml"
    items = "".join(f"<item><title>{n}</title><link>{link}</link></item>"
                    for n, link in enumerate([httpserver.url_for("/a"), "http://a..b/",
                                              httpserver.url_for("/a")]))
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}'
                    "</channel></rss>", encoding="utf-8")
    outcomes = list(read_inputs([str(feed)]))
    assert [type(o).__name__ for o in outcomes] == ["RawDocument", "FetchError", "RawDocument"]
    error = outcomes[1]
    assert isinstance(error, FetchError)
    assert error.input == f"{feed} [item 2] (http://a..b/)"
    assert error.reason.startswith("invalid URL")
    assert error.__cause__ is not None  # --debug can show what httpx said


def test_warc_on_stdin_is_streamed_with_a_limit_per_record() -> None:
    archive = (WarcBuilder(gzip=True)
               .response("https://courier.example/a", MARKET_HALL)
               .response("https://courier.example/b", MARKET_HALL)
               .bytes())
    limit = len(MARKET_HALL) + 10
    assert len(gzip.decompress(archive)) > limit
    outcomes = list(read_inputs(["-"], ReadOptions(max_bytes=limit), stdin=io.BytesIO(archive)))
    assert [(o.kind, o.url) for o in outcomes if isinstance(o, RawDocument)] == [
        ("warc", "https://courier.example/a"), ("warc", "https://courier.example/b")]
    assert len(outcomes) == 2


def test_html_served_as_plain_text_is_read_as_html(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page.txt").respond_with_data(MARKET_HALL, content_type="text/plain")
    (article,) = list(extract_articles([httpserver.url_for("/page.txt")]))
    assert isinstance(article, Article)
    assert article.source.format == "html"
    assert article.source.url == httpserver.url_for("/page.txt")
    assert "<p>" not in article.text


def test_unreadable_subdirectory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(MARKET_HALL)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inner.html").write_bytes(MARKET_HALL)
    locked.chmod(0)
    try:
        outcomes = list(read_inputs([str(tmp_path)]))
    finally:
        locked.chmod(0o755)
    if os.geteuid() == 0:  # root reads any folder: then both pages come out
        assert [type(o).__name__ for o in outcomes] == ["RawDocument", "RawDocument"]
    else:
        assert [type(o).__name__ for o in outcomes] == ["RawDocument", "IngestError"]
        assert isinstance(outcomes[1], IngestError) and outcomes[1].input == str(locked)


def test_one_bad_item_page_does_not_end_the_feed(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/a").respond_with_data(MARKET_HALL, content_type="text/html")
    cut = gzip.compress(MARKET_HALL)[:-40]
    httpserver.expect_request("/cut").respond_with_data(cut, content_type="application/octet-stream")
    links = [httpserver.url_for("/a"), httpserver.url_for("/cut"), httpserver.url_for("/a")]
    feed = tmp_path / "feed.xml"
    items = "".join(f"<item><title>{n}</title><link>{link}</link></item>" for n, link in enumerate(links))
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}'
                    "</channel></rss>", encoding="utf-8")
    outcomes = list(read_inputs([str(feed)]))
    assert [type(o).__name__ for o in outcomes] == ["RawDocument", "CorruptInputError", "RawDocument"]
    assert outcomes[1].input == f"{feed} [item 2] ({links[1]})"


def test_feed_content_of_one_element_is_an_article(tmp_path: Path) -> None:
    body = "The harbour board voted on Friday to renew the island ferry contract. " * 10
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>T</title><item><title>Ferry</title>"
        f"<content:encoded><![CDATA[<div><p>{body}</p></div>]]></content:encoded></item>"
        "</channel></rss>", encoding="utf-8")
    (article,) = list(extract_articles([str(feed)]))
    assert isinstance(article, Article)
    assert article.text.startswith("The harbour board voted on Friday")
    assert article.title == "Ferry"


def test_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/bad\xffname.html"
    with open(raw, "wb") as fh:
        fh.write(MARKET_HALL)
    (article,) = list(extract_articles([str(tmp_path)]))
    assert isinstance(article, Article)
    assert article.source.input == f"{tmp_path}/bad\\xffname.html"
    article.source.input.encode("utf-8")  # valid text, printable and storable


def test_archive_cut_inside_a_record_header_is_reported(tmp_path: Path) -> None:
    whole = (WarcBuilder(gzip=True)
             .response("https://courier.example/a", MARKET_HALL)
             .response("https://courier.example/b", MARKET_HALL)
             .bytes())
    first_two = len(WarcBuilder(gzip=True).response("https://courier.example/a", MARKET_HALL).bytes())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: first_two + 60])  # inside the next record's first gzip member
    outcomes = list(read_inputs([str(path)]))
    assert [type(o).__name__ for o in outcomes] == ["RawDocument", "CorruptInputError"]
    assert "ends inside a record" in outcomes[1].reason or "truncated" in outcomes[1].reason


def test_error_messages_are_one_line() -> None:
    error = IngestError("odd\nname.html", "reason with\r\na break")
    assert error.message == "[E100] odd\\nname.html: reason with\\r\\na break"
