"""Watching feeds: poll RSS/Atom feeds and store the articles of new items as they appear.

Each poll asks each feed only for what changed (its ETag and Last-Modified are kept in the
corpus, so a restarted watch goes on where it stopped), skips items whose page is already stored,
and fetches the others politely (:class:`sourcetrace.ingest.PoliteClient`: one request per host
at a time, robots.txt, Retry-After). An item that failed for a reason that may pass (a 429, a
timeout) leaves the feed's ETag unrecorded, so the next poll reads the feed again and retries it.
Claims are grouped as each article is stored, as ``ingest`` does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sourcetrace.errors import CorruptInputError, FetchError, IngestError, SourcetraceError
from sourcetrace.model import RawDocument

__all__ = ["PollReport", "poll", "watch"]


@dataclass
class PollReport:
    """What one poll did: feeds unchanged (304), items stored, items already stored, failures."""

    feeds: int = 0
    unchanged: int = 0
    stored: int = 0
    known: int = 0
    failed: list[str] = field(default_factory=list)


def poll(corpus: Any, feeds: Iterable[str], *, client: Any, analyzer: Any,
         say: Callable[[str], None] | None = None) -> PollReport:
    """Poll each feed once and store the articles of its new items."""
    report = PollReport()
    for feed in feeds:
        report.feeds += 1
        state = corpus.feed_state(feed) or {}
        try:
            got = client.get(feed, etag=state.get("etag"), last_modified=state.get("last_modified"))
            if got.status == 304:
                report.unchanged += 1
                corpus.save_feed_state(feed, etag=got.etag, last_modified=got.last_modified, status=304,
                                       stored=0)
                continue
            items = _items(got, feed)
        except SourcetraceError as exc:
            _failed(corpus, report, exc, say)
            corpus.save_feed_state(feed, etag=None, last_modified=None, status=0, stored=0)
            continue
        stored, complete = 0, True
        for item in items:
            if not item.link:
                continue
            if corpus.has_item(feed, item.link):
                report.known += 1
                continue
            try:
                article_id = corpus.add(analyzer.analyze(_article(client, feed, item)))
                corpus.remember_item(feed, item.link, article_id)
                stored += 1
                if say:
                    say(f"stored {item.link}")
            except SourcetraceError as exc:
                complete = complete and not (isinstance(exc, FetchError) and _passing(exc))
                _failed(corpus, report, exc, say)
            except Exception as exc:  # a parser bug on one item must not end the watch
                error = IngestError(f"{feed} [{item.link}]", f"reading failed: {type(exc).__name__}: {exc}")
                error.__cause__ = exc
                _failed(corpus, report, error, say)
        report.stored += stored
        corpus.save_feed_state(feed, etag=got.etag if complete else None,
                               last_modified=got.last_modified if complete else None,
                               status=got.status, stored=stored)
    return report


def _items(got: Any, feed: str) -> list[Any]:
    """A feed's items; a feed that parses but holds none has none (not a failure)."""
    from sourcetrace.ingest._feeds import parse_feed

    try:
        return list(parse_feed(got.data, name=feed, base_url=got.url))
    except CorruptInputError as exc:
        if exc.reason == "feed has no items":
            return []
        raise


def _article(client: Any, feed: str, item: Any) -> Any:
    from sourcetrace.extract import extract_article

    page = client.get(item.link)
    raw = RawDocument(feed, "feed", page.data, page.url, page.content_type, f"item {item.index}", item.hints)
    return extract_article(raw)


def _passing(exc: FetchError) -> bool:
    """Whether a failure may pass by the next poll (rate limit, overload, timeout, network)."""
    reason = exc.reason
    from sourcetrace.ingest._polite import UNAVAILABLE

    passing = ("HTTP 429", "HTTP 503", "timed out", "request failed", UNAVAILABLE)
    return reason.startswith(passing) or "left alone" in reason


def _failed(corpus: Any, report: PollReport, exc: SourcetraceError,
            say: Callable[[str], None] | None) -> None:
    report.failed.append(exc.message)
    corpus.add_error(exc)
    if say:
        say(f"Error: {exc.message}")


def watch(corpus: Any, feeds: list[str], *, every: float, client: Any, analyzer: Any,
          stop: threading.Event | None = None, say: Callable[[str], None] | None = None,
          polled: Callable[[PollReport], None] | None = None) -> int:
    """Poll the feeds every ``every`` seconds until ``stop`` is set; how many polls ran."""
    stop = stop or threading.Event()
    polls = 0
    while not stop.is_set():
        report = poll(corpus, feeds, client=client, analyzer=analyzer, say=say)
        polls += 1
        if polled:
            polled(report)
        stop.wait(every)
    return polls
