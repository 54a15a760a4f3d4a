"""Fetching URLs with httpx: timeouts, a redirect limit and a size cap on every response."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from sourcetrace.errors import FetchError, InputTooLargeError
from sourcetrace.ingest._options import ReadOptions, megabytes

__all__ = ["Fetched", "Fetcher"]


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    """The final URL, after redirects."""
    data: bytes
    content_type: str | None


class Fetcher:
    """A reusable HTTP client that turns every failure into a :class:`FetchError`."""

    def __init__(self, options: ReadOptions, *, transport: httpx.BaseTransport | None = None):
        self.options = options
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=options.max_redirects,
            timeout=httpx.Timeout(options.timeout),
            headers={"User-Agent": options.user_agent, "Accept": "*/*"},
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> Fetched:
        try:
            return self._get(url)
        except httpx.TooManyRedirects as exc:
            limit = self.options.max_redirects
            raise FetchError(url, f"too many redirects (over {limit}; a redirect loop?)") from exc
        except httpx.TimeoutException as exc:
            what = type(exc).__name__
            raise FetchError(url, f"timed out after {self.options.timeout:g} s ({what})") from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, UnicodeError, ValueError) as exc:
            # httpx lets IDNA errors through for hosts like "a..b".
            raise FetchError(url, f"invalid URL ({exc})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed: {type(exc).__name__}: {exc}") from exc

    def _get(self, url: str) -> Fetched:
        limit = self.options.max_bytes
        deadline = time.monotonic() + 4 * self.options.timeout
        with self._client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise InputTooLargeError(
                    url, f"response of {declared} bytes is over the {megabytes(limit)} limit"
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise InputTooLargeError(url, f"response is over the {megabytes(limit)} limit")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"download took longer than {4 * self.options.timeout:g} s")
            return Fetched(str(response.url), bytes(body), response.headers.get("content-type"))

