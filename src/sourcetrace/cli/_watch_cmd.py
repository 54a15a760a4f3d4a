"""``sourcetrace watch``: poll RSS/Atom feeds and store new items as they appear."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import click

from sourcetrace.cli._app import cli
from sourcetrace.cli._corpus_cmds import _DB, _open
from sourcetrace.errors import ConfigError

__all__ = ["duration", "watch_command"]

_UNITS = {"s": 1, "m": 60, "h": 3600}


def duration(text: str) -> float:
    """Seconds from ``90s``, ``15m``, ``2h`` or a plain number of seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not match:
        raise click.BadParameter(f"{text!r} is not a duration such as 90s, 15m or 2h")
    return float(match.group(1)) * _UNITS.get(match.group(2) or "s", 1)


def _feeds(source: str) -> list[str]:
    """One feed URL, or a file listing them (one a line; # starts a comment)."""
    if source.lower().startswith(("http://", "https://")):
        return [source]
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(source, f"cannot be read ({exc.strerror or exc})") from exc
    feeds = [line.split("#", 1)[0].strip() for line in lines]
    found = [f for f in feeds if f]
    bad = [f for f in found if not f.lower().startswith(("http://", "https://"))]
    if bad:
        raise ConfigError(source, f"not a feed URL: {bad[0]!r}")
    if not found:
        raise ConfigError(source, "lists no feed")
    return found


@cli.command("watch")
@click.argument("feed_or_list")
@_DB
@click.option("--every", default="15m", show_default=True, help="How often to poll: 90s, 15m, 2h.")
@click.option("--once", is_flag=True, help="Poll once and stop (for cron).")
@click.option("--interval", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between two requests to one host.")
def watch_command(feed_or_list: str, db: str | None, every: str, once: bool, interval: float) -> None:
    """Poll RSS/Atom feeds and store the articles of new items.

    FEED_OR_LIST is a feed URL or a file listing feed URLs. Each poll asks each feed only for what
    changed (ETag, Last-Modified, kept in the corpus so a restart goes on where it stopped), skips
    items already stored, obeys robots.txt and Retry-After, and groups the new claims at once.
    Ctrl-C stops it cleanly.
    """
    from sourcetrace.attribution import Analyzer
    from sourcetrace.corpus._watch import PollReport, watch
    from sourcetrace.ingest._polite import PoliteClient

    feeds, seconds = _feeds(feed_or_list), duration(every)
    corpus = _open(db)
    client = PoliteClient(interval=interval)
    stop = threading.Event()
    count = [0]

    def polled(report: PollReport) -> None:
        count[0] += 1
        click.echo(f"Poll {count[0]}: {report.feeds} feed{'s' if report.feeds != 1 else ''}, "
                   f"{report.unchanged} unchanged, {report.stored} new articles stored, {report.known} "
                   f"already stored, {len(report.failed)} failed.", err=True)
        if once:
            stop.set()

    try:
        click.echo(f"Watching {len(feeds)} feed{'s' if len(feeds) != 1 else ''} into {corpus.url}"
                   f"{'' if once else f', every {every}'} (Ctrl-C stops).", err=True)
        watch(corpus, feeds, every=seconds, client=client, analyzer=Analyzer(), stop=stop,
              say=lambda line: click.echo(line, err=True) if line.startswith("Error") else None,
              polled=polled)
    except KeyboardInterrupt:
        click.echo(f"Stopped after {count[0]} poll{'s' if count[0] != 1 else ''}.", err=True)
    finally:
        client.close()
        corpus.close()
