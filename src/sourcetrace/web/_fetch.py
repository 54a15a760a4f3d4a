"""Fetching a URL a web visitor typed, without letting them reach what the server can reach:
only http and https; the host resolved here and every address it has must be public (not
private, loopback, link-local — cloud metadata at 169.254.169.254 among them — shared, reserved
or multicast), and the connection goes to the address that was checked (so a name cannot
resolve to another address a moment later); the same on every redirect; the body capped in size
and the download in time (the CLI's fetcher: :class:`sourcetrace.ingest.Fetcher`)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from sourcetrace.errors import FetchError, SourcetraceError
from sourcetrace.model import Article

__all__ = ["GuardedTransport", "RefusedAddress", "fetch_article", "public_address"]

Resolver = Callable[[str, int], list[str]]


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_EMBEDDING = (ipaddress.ip_network("::/96"), ipaddress.ip_network("::ffff:0:0/96"),
              ipaddress.ip_network("::ffff:0:0:0/96"))
_NOT_GLOBAL_V4 = (ipaddress.ip_network("192.0.0.0/24"),)


def public_address(address: str) -> bool:
    """Whether an IP address is one the public internet routes to. An IPv6 address that carries
    an IPv4 one (mapped, compatible, translated, NAT64, 6to4, Teredo) is judged by the IPv4
    address it leads to; site-local IPv6 addresses are private."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and any(ip in net for net in (*_NAT64, *_EMBEDDING)):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return public_address(str(embedded))
        if ip.is_site_local:
            return False
    elif any(ip in net for net in _NOT_GLOBAL_V4):
        return False
    return ip.is_global and not ip.is_multicast


class GuardedTransport(httpx.HTTPTransport):
    """An httpx transport that checks where each request goes, and goes only there."""

    def __init__(self, *, resolver: Resolver | None = None, allow: Callable[[str], bool] = public_address,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._resolver = resolver or _resolve
        self._allow = allow

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol(f"{url.scheme} URLs are refused")
        host, port = url.host, url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = self._resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpx.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses or not all(self._allow(a) for a in addresses):
            # The answer itself is not repeated: it would tell a visitor about the server's network.
            raise RefusedAddress(f"{host} does not resolve to public addresses only")
        # The connection goes to the address checked; the request the client keeps (and the
        # response's URL, and relative redirects) still names the host.
        headers = httpx.Headers(request.headers)
        headers["Host"] = url.netloc.decode("ascii")
        direct = httpx.Request(request.method, url.copy_with(host=addresses[0]), headers=headers,
                               stream=request.stream,
                               extensions={**request.extensions, "sni_hostname": host})
        return super().handle_request(direct)


class RefusedAddress(httpx.TransportError):
    """A request to an address the server must not reach."""


def fetch_article(url: str, *, max_bytes: int, timeout: float = 10.0,
                  transport: httpx.BaseTransport | None = None) -> Article:
    """The article at ``url``, fetched through :class:`GuardedTransport`; a refusal or failure
    is a :class:`FetchError` (``InputTooLargeError`` for a body over ``max_bytes``)."""
    from sourcetrace.extract import extract_article
    from sourcetrace.ingest import Fetcher, ReadOptions, is_url, read_input

    if urlsplit(url).scheme not in ("http", "https") or not is_url(url):
        raise FetchError(url, "only http:// and https:// URLs can be fetched")
    options = ReadOptions(max_bytes=max_bytes, timeout=timeout, max_redirects=5, fetch_feed_items=False)
    try:
        with Fetcher(options, transport=transport or GuardedTransport()) as fetcher:
            for outcome in read_input(url, options, fetcher=fetcher):
                if isinstance(outcome, SourcetraceError):
                    raise outcome
                if outcome.kind != "url":  # never a file, whatever the text looked like
                    raise FetchError(url, "not read from the network")
                return extract_article(outcome)
    except httpx.TransportError as exc:  # a refusal raised outside the fetcher's own handling
        raise FetchError(url, str(exc)) from exc
    raise FetchError(url, "no document at this URL")
