"""HTTP for a reader that comes back again and again (``sourcetrace watch``): a clear User-Agent,
conditional requests (``If-None-Match``, ``If-Modified-Since``), at most one request per host every
``interval`` seconds, robots.txt obeyed (RFC 9309: a 4xx allows everything, a 5xx or no answer
nothing for now; the first 500 KiB read), a host that answers 429 or 503 left alone for as long as
its ``Retry-After`` asks — and every redirect followed here, so that its target's host is
rate-limited and asked for its robots.txt too."""

from __future__ import annotations

import re
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx

from sourcetrace.errors import FetchError, InputTooLargeError
from sourcetrace.ingest._options import ReadOptions, megabytes

__all__ = ["UNAVAILABLE", "PoliteClient", "Polled"]

_BACKOFF = 60.0  # seconds a host is left alone after a 429/503 without Retry-After
_ROBOTS_BYTES = 500 * 1024
UNAVAILABLE = "robots.txt unavailable"
"""How a refusal begins when the site's robots.txt could not be read: it may pass."""


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
        self._client = httpx.Client(follow_redirects=False, timeout=httpx.Timeout(self.options.timeout),
                                    transport=self.transport,
                                    headers={"User-Agent": self.options.user_agent})

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Polled:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        asked = url
        for _ in range(self.options.max_redirects + 1):
            self._may_ask(asked, url)
            polled = self._request(asked, headers)
            if not isinstance(polled, str):
                return polled
            asked = polled  # a redirect: its target is checked as any URL is
        raise FetchError(url, f"too many redirects (over {self.options.max_redirects})")

    def _may_ask(self, target: str, url: str) -> None:
        parts = _parts(target, url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, f"not an http(s) URL: {target}")
        host = parts.netloc.lower()
        if self.clock() < self._until.get(host, 0.0):
            wait = self._until[host] - self.clock()
            raise FetchError(url, f"{host} asked to be left alone for {wait:.0f} s more")
        if not self._allowed(f"{parts.scheme}://{parts.netloc}", target, url):
            raise FetchError(url, "disallowed by the site's robots.txt")

    def _request(self, url: str, headers: dict[str, str], *, truncate: int | None = None) -> Polled | str:
        """The answer to one GET, or the URL a redirect points to."""
        host = urlsplit(url).netloc.lower()
        wait = self._last.get(host, -1e9) + self.interval - self.clock()
        if wait > 0:
            self.sleep(wait)
        self._last[host] = self.clock()
        assert self._client is not None
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                return self._answer(url, host, headers, response, truncate)
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out after {self.options.timeout:g} s") from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError, ValueError) as exc:
            raise FetchError(url, f"invalid URL ({exc})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed: {type(exc).__name__}: {exc}") from exc

    def _answer(self, url: str, host: str, headers: dict[str, str], response: httpx.Response,
                truncate: int | None) -> Polled | str:
        code = response.status_code
        if code in (301, 302, 303, 307, 308) and response.headers.get("location"):
            return urljoin(url, response.headers["location"])
        if code in (429, 503):
            pause = _retry_after(response.headers.get("retry-after"))
            self._until[host] = self.clock() + pause
            raise FetchError(url, f"HTTP {code}: the server asks to wait {pause:.0f} s")
        if code == 304:
            return Polled(url, 304, etag=headers.get("If-None-Match"),
                          last_modified=headers.get("If-Modified-Since"))
        if code >= 400:
            raise FetchError(url, f"HTTP {code} {response.reason_phrase}".strip())
        limit = truncate or self.options.max_bytes
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > limit:
                if truncate:
                    del body[limit:]
                    break
                raise InputTooLargeError(url, f"response is over the {megabytes(limit)} limit")
        return Polled(url, code, bytes(body), response.headers.get("content-type"),
                      response.headers.get("etag"), response.headers.get("last-modified"))

    def _allowed(self, root: str, target: str, url: str) -> bool:
        """What ``root``'s robots.txt says of ``target`` for our User-Agent (read once per host).
        Raises a :class:`FetchError` beginning with :data:`UNAVAILABLE` when it cannot be read
        for now (a 5xx, a 429, no answer): asked again on the next request to that host."""
        if root not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                got = self._robots_txt(root)
                if got is None:
                    parser = None  # none, or a 4xx: everything is allowed
                else:
                    assert parser is not None
                    parser.parse(got.decode("utf-8", errors="replace").splitlines())
            except FetchError as exc:
                raise FetchError(url, f"{UNAVAILABLE} ({exc.reason})") from exc
            self._robots[root] = parser
        robots = self._robots[root]
        return robots is None or robots.can_fetch(self.options.user_agent, target)

    def _robots_txt(self, root: str) -> bytes | None:
        target = f"{root}/robots.txt"
        for _ in range(5):
            try:
                got = self._request(target, {}, truncate=_ROBOTS_BYTES)
            except FetchError as exc:
                if re.match(r"HTTP 4\d\d ", exc.reason):
                    return None
                raise
            if isinstance(got, str):
                target = got
                continue
            return got.data
        return None


def _parts(target: str, url: str) -> SplitResult:
    try:
        parts = urlsplit(target)
        _ = parts.port, httpx.URL(target).raw_host  # a bad port or host name raises here
    except (ValueError, UnicodeError, httpx.InvalidURL) as exc:
        raise FetchError(url, f"invalid URL ({exc})") from exc
    return parts


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
