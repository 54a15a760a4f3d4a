"""RSS and Atom feeds: every item becomes the page it links to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import feedparser

from sourcetrace.errors import CorruptInputError

__all__ = ["FeedItem", "parse_feed"]

# An item whose page cannot be fetched still yields an article when the feed carries at least
# this much of its text (content:encoded, Atom content).
MIN_EMBEDDED_CHARS = 500


@dataclass(frozen=True, slots=True)
class FeedItem:
    index: int
    link: str | None
    content: str | None
    hints: dict[str, str] = field(default_factory=dict)

    @property
    def has_full_content(self) -> bool:
        return self.content is not None and len(self.content) >= MIN_EMBEDDED_CHARS


def parse_feed(data: bytes, *, name: str, base_url: str | None = None) -> Iterator[FeedItem]:
    """Parse an RSS/Atom document; a feed that does not parse at all is a ``CorruptInputError``."""
    headers = {"content-location": base_url or "", "content-type": "application/xml"}
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as exc:  # feedparser raises on some malformed entities and encodings
        raise CorruptInputError(name, f"feed does not parse ({type(exc).__name__}: {exc})") from exc
    entries: list[Any] = list(parsed.entries)
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            raise CorruptInputError(name, f"feed does not parse ({reason})")
        raise CorruptInputError(name, "feed has no items")
    for index, entry in enumerate(entries, start=1):
        hints = {
            key: value
            for key, value in (
                ("title", entry.get("title")),
                ("published", _date(entry)),
                ("byline", entry.get("author")),
            )
            if value
        }
        content = None
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry.content), key=len) or None
        yield FeedItem(index, entry.get("link") or None, content, hints)


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}+00:00".format(*value[:6])
    return None
