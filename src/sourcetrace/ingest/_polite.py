"""HTTP for a reader that comes back again and again (``sourcetrace watch``): a clear User-Agent,
conditional requests (``If-None-Match``, ``If-Modified-Since``), at most one request per host every
``interval`` seconds, robots.txt obeyed, and a host that answers 429 or 503 left alone for as long
as its ``Retry-After`` asks."""

from __future__ import annotations

import re
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from sourcetrace.errors import FetchError, InputTooLargeError
from sourcetrace.ingest._options import ReadOptions, megabytes

__all__ = ["PoliteClient", "Polled"]

_BACKOFF = 60.0  # seconds a host is left alone after a 429/503 without Retry-After


@dataclass(frozen=True, slots=True)
class Polled:
    """An answer: 200 with its body, or 304 (not modified) with none."""

    url: str
    status: int
    data: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class PoliteClient:
    """A reusable client; every failure is a :class:`FetchError` naming the URL and the reason."""

    options: ReadOptions = field(default_factory=ReadOptions)
    interval: float = 1.0
    transport: httpx.BaseTransport | None = None
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _client: httpx.Client | None = None
    _last: dict[str, float] = field(default_factory=dict)
    _until: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._client = httpx.Client(follow_redirects=True, max_redirects=self.options.max_redirects,
                                    timeout=httpx.Timeout(self.options.timeout), transport=self.transport,
                                    headers={"User-Agent": self.options.user_agent})

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Polled:
        host = _host(url)
        if self.clock() < self._until.get(host, 0.0):
            wait = self._until[host] - self.clock()
            raise FetchError(url, f"{host} asked to be left alone for {wait:.0f} s more")
        if not self._allowed(url):
            raise FetchError(url, "disallowed by the site's robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers)

    def _request(self, url: str, headers: dict[str, str]) -> Polled:
        host = _host(url)
        wait = self._last.get(host, -1e9) + self.interval - self.clock()
        if wait > 0:
            self.sleep(wait)
        self._last[host] = self.clock()
        assert self._client is not None
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code in (429, 503):
                    pause = _retry_after(response.headers.get("retry-after"))
                    self._until[host] = self.clock() + pause
                    code = response.status_code
                    raise FetchError(url, f"HTTP {code}: the server asks to wait {pause:.0f} s")
                if response.status_code == 304:
                    return Polled(str(response.url), 304, etag=headers.get("If-None-Match"),
                                  last_modified=headers.get("If-Modified-Since"))
                if response.status_code >= 400:
                    raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.options.max_bytes:
                        limit = megabytes(self.options.max_bytes)
                        raise InputTooLargeError(url, f"response is over the {limit} limit")
                return Polled(str(response.url), response.status_code, bytes(body),
                              response.headers.get("content-type"), response.headers.get("etag"),
                              response.headers.get("last-modified"))
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {self.options.timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed: {type(exc).__name__}: {exc}") from exc

    def _allowed(self, url: str) -> bool:
        """What the host's robots.txt says of ``url`` for our User-Agent (read once per host;
        none, or a 4xx, allows everything; a 5xx or no answer allows nothing, for now)."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                got = self._request(f"{root}/robots.txt", {})
                assert parser is not None
                parser.parse(got.data.decode("utf-8", errors="replace").splitlines())
            except FetchError as exc:
                missing = re.match(r"HTTP 4\d\d ", exc.reason) and not exc.reason.startswith("HTTP 429")
                if not missing:
                    return False  # not remembered: asked again on the next poll
                parser = None
            self._robots[root] = parser
        robots = self._robots[root]
        return robots is None or robots.can_fetch(self.options.user_agent, url)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _retry_after(value: str | None) -> float:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return _BACKOFF
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return _BACKOFF
