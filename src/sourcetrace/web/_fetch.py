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


def public_address(address: str) -> bool:
    """Whether an IP address is one the public internet routes to."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
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
        refused = [a for a in addresses if not self._allow(a)]
        if refused or not addresses:
            raise RefusedAddress(f"{host} resolves to {refused[0] if refused else 'nothing'}, "
                           "which is not a public address")
        request.headers["Host"] = url.netloc.decode("ascii")
        request.extensions = {**request.extensions, "sni_hostname": host}
        request.url = url.copy_with(host=addresses[0])
        return super().handle_request(request)


class RefusedAddress(httpx.TransportError):
    """A request to an address the server must not reach."""


def fetch_article(url: str, *, max_bytes: int, timeout: float = 10.0,
                  transport: httpx.BaseTransport | None = None) -> Article:
    """The article at ``url``, fetched through :class:`GuardedTransport`; a refusal or failure
    is a :class:`FetchError` (``InputTooLargeError`` for a body over ``max_bytes``)."""
    from sourcetrace.extract import extract_article
    from sourcetrace.ingest import Fetcher, ReadOptions, read_input

    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(url, "only http and https URLs can be fetched")
    options = ReadOptions(max_bytes=max_bytes, timeout=timeout, max_redirects=5, fetch_feed_items=False)
    try:
        with Fetcher(options, transport=transport or GuardedTransport()) as fetcher:
            for outcome in read_input(url, options, fetcher=fetcher):
                if isinstance(outcome, SourcetraceError):
                    raise outcome
                return extract_article(outcome)
    except httpx.TransportError as exc:  # a refusal raised outside the fetcher's own handling
        raise FetchError(url, str(exc)) from exc
    raise FetchError(url, "no document at this URL")
