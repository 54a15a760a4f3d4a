"""Fetching a URL a visitor gave: only public addresses, checked after DNS and on every redirect,
the body capped, slow servers cut off."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sourcetrace.errors import FetchError, InputTooLargeError
from sourcetrace.web._fetch import GuardedTransport, fetch_article, public_address

PAGE = ("<html><head><title>Harbour Plan</title></head><body><article><h1>Harbour Plan</h1>"
        "<p>\"We will not sell the harbour to anyone,\" Mayor Jane Holt said on Tuesday, according to "
        "the council's minutes.</p><p>The council will vote on the plan in August, officials said, "
        "after a long consultation with fishermen and traders.</p></article></body></html>")


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
                                     "100.64.0.1", "0.0.0.0", "224.0.0.1", "192.0.0.8", "::1", "fe80::1",
                                     "fc00::1", "fec0::1", "::ffff:127.0.0.1", "::127.0.0.1",
                                     "::ffff:0:7f00:1",
                                     "64:ff9b::a9fe:a9fe", "64:ff9b:1::a9fe:a9fe", "2002:a9fe:a9fe::",
                                     "2001:0:4136:e378:8000:63bf:80ff:fffe", "fd00:ec2::254"])
def test_private_loopback_link_local_and_metadata_addresses_are_refused(address: str) -> None:
    assert not public_address(address)


def test_public_addresses_are_allowed() -> None:
    assert public_address("93.184.216.34") and public_address("2606:4700:4700::1111")


def _transport(server: HTTPServer, names: dict[str, str]) -> GuardedTransport:
    """Names resolved as ``names`` says; the test server's own address counts as public here."""
    def resolve(host: str, port: int) -> list[str]:
        return [names.get(host, host)]
    return GuardedTransport(resolver=resolve, allow=lambda address: address == "127.0.0.1"
                            or public_address(address))


def test_a_public_page_is_fetched_through_the_checked_address(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    transport = _transport(httpserver, {"news.test": "127.0.0.1"})
    url = f"http://news.test:{httpserver.port}/story"
    article = fetch_article(url, max_bytes=100_000, transport=transport)
    assert article.title == "Harbour Plan" and "sell the harbour" in article.text
    assert article.url == url  # filed under its name, not under the address it was fetched from
    assert httpserver.log[0][0].headers["Host"] == f"news.test:{httpserver.port}"


def test_a_name_resolving_to_a_private_address_is_refused(httpserver: HTTPServer) -> None:
    transport = GuardedTransport(resolver=lambda host, port: ["127.0.0.1"])
    with pytest.raises(FetchError, match=r"innocent\.example does not resolve to public addresses only"):
        fetch_article(f"http://innocent.example:{httpserver.port}/", max_bytes=100_000, transport=transport)
    assert httpserver.log == []  # nothing was sent


def test_a_redirect_to_a_private_address_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/go").respond_with_response(
        Response(status=302, headers={"Location": f"http://metadata.test:{httpserver.port}/secret"}))
    transport = _transport(httpserver, {"news.test": "127.0.0.1", "metadata.test": "169.254.169.254"})
    with pytest.raises(FetchError, match=r"metadata\.test does not resolve to public addresses only"):
        fetch_article(f"http://news.test:{httpserver.port}/go", max_bytes=100_000, transport=transport)


def test_other_schemes_big_bodies_and_slow_servers(httpserver: HTTPServer) -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/", "http:/../secret.txt",
                " http://example.org/", "http:secret.txt"):
        with pytest.raises(FetchError, match="only http:// and https://"):
            fetch_article(url, max_bytes=1000)
    httpserver.expect_request("/big").respond_with_data("x" * 5000, content_type="text/html")
    transport = _transport(httpserver, {"news.test": "127.0.0.1"})
    with pytest.raises(InputTooLargeError):
        fetch_article(f"http://news.test:{httpserver.port}/big", max_bytes=1000, transport=transport)

    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(FetchError, match="timed out"):
        fetch_article(f"http://news.test:{httpserver.port}/slow", max_bytes=100_000, timeout=0.5,
                      transport=transport)


def test_the_page_fetches_only_when_allowed(make_client: Callable[..., TestClient]) -> None:
    closed = make_client()
    refused = closed.post("/analyse", data={"url": "http://example.org/"})
    assert refused.status_code == 403 and "--allow-fetch" in refused.text
    assert closed.post("/api/analyse", json={"url": "http://example.org/"}).status_code == 403
    opened = make_client(allow_fetch=True)
    local = opened.post("/analyse", data={"url": "http://127.0.0.1:9/"})
    assert local.status_code == 400 and "does not resolve to public addresses only" in local.text
    assert 'id="url"' in opened.get("/analyse").text and 'id="url"' not in closed.get("/analyse").text
