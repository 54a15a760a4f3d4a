"""The :class:`Corpus`: articles and their analyses in a database, ingested, queried, exported."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from sourcetrace.corpus import _queries
from sourcetrace.corpus._queries import GroupCount
from sourcetrace.corpus._schema import articles, attributions, errors, feed_items, feeds, sources
from sourcetrace.corpus._store import (
    _reason,
    _shown,
    open_engine,
    schema_revision,
    write_analysis,
    write_error,
)
from sourcetrace.corpus._workers import analyze_in_workers
from sourcetrace.errors import SourcetraceError, StorageError
from sourcetrace.model import Analysis, Article

__all__ = ["Corpus", "IngestReport", "SourceCount"]


@dataclass
class IngestReport:
    """What one ingest did: articles stored (new or updated), how many of those replaced one
    stored earlier in the same run (same URL, or same outlet, date and text), and inputs that
    failed."""

    stored: int = 0
    errors: list[SourcetraceError] = field(default_factory=list)
    repeated: int = 0


@dataclass(frozen=True)
class SourceCount:
    """A source as cited across the corpus: its name and type, how many claims and articles
    cite it, and by which outlets."""

    name: str
    type: str
    claims: int
    articles: int
    outlets: tuple[str, ...]


class Corpus:
    """A corpus database: a SQLite file by default, PostgreSQL with a ``postgresql://`` URL.

    Opening it applies any pending schema migration; a database from a newer release is refused
    (``SchemaVersionError``).
    """

    def __init__(self, db: str | None = None) -> None:
        self.engine = open_engine(db)
        self.url = _shown(self.engine.url.render_as_string(hide_password=False))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return schema_revision(conn)

    # -- writing -------------------------------------------------------------------------------

    def add(self, analysis: Analysis) -> int:
        """Store one analysis in its own transaction (replacing the article's earlier one)."""
        try:
            with self.engine.begin() as conn:
                return write_analysis(conn, analysis)
        except (DBAPIError, SQLAlchemyError, OSError) as exc:
            where = analysis.article.source.input
            raise StorageError(self.url, f"cannot store {where}: {_reason(exc)}") from exc

    def add_error(self, error: SourcetraceError) -> None:
        try:
            with self.engine.begin() as conn:
                write_error(conn, error)
        except (DBAPIError, SQLAlchemyError, OSError) as exc:
            raise StorageError(self.url, f"cannot record an error: {_reason(exc)}") from exc

    def store(
        self,
        results: Iterable[Analysis | SourcetraceError],
        *,
        on_result: Callable[[Analysis | SourcetraceError], None] | None = None,
    ) -> IngestReport:
        """Write analyses and errors as they come, one article per transaction: a kill at any
        point leaves whole articles only, and running again replaces rather than duplicates."""
        report = IngestReport()
        written: set[int] = set()
        for result in results:
            if isinstance(result, SourcetraceError):
                self.add_error(result)
                report.errors.append(result)
            else:
                article_id = self.add(result)
                report.repeated += article_id in written
                written.add(article_id)
                report.stored += 1
            if on_result is not None:
                on_result(result)
        return report

    def ingest(
        self,
        items: Iterable[Article | SourcetraceError | str],
        *,
        workers: int = 1,
        lexicon_path: str | None = None,
        outlet_files: tuple[str, ...] = (),
        on_result: Callable[[Analysis | SourcetraceError], None] | None = None,
        engine: str = "hybrid",
    ) -> IngestReport:
        """Analyse and store ``items``: articles, or inputs as ``extract`` takes them (paths,
        URLs, ``-``), read here. Errors (given, or met reading) go to the ``errors`` table.
        Analysis runs in ``workers`` processes with the ``engine`` given (see
        :data:`sourcetrace.attribution.ENGINES`); one writer stores an article per transaction."""
        failed: list[SourcetraceError] = []

        def only_articles() -> Iterator[Article]:
            for item in items:
                if isinstance(item, str):
                    from sourcetrace.extract import extract_articles

                    for read in extract_articles([item]):
                        if isinstance(read, SourcetraceError):
                            failed.append(read)
                        else:
                            yield read
                elif isinstance(item, SourcetraceError):
                    failed.append(item)
                else:
                    yield item

        def results() -> Iterator[Analysis | SourcetraceError]:
            analyses = analyze_in_workers(only_articles(), workers=workers, lexicon_path=lexicon_path,
                                          outlet_files=outlet_files, engine=engine)
            for result in analyses:
                while failed:
                    yield failed.pop(0)
                yield result
            yield from failed

        return self.store(results(), on_result=on_result)

    # -- reading -------------------------------------------------------------------------------

    def get(self, ref: int | str) -> Analysis | None:
        """The stored analysis of an article, by id or by URL (``None`` if there is none)."""
        column = articles.c.id if isinstance(ref, int) or (str(ref).isascii() and str(ref).isdecimal()) \
            else articles.c.url
        value: Any = int(ref) if column is articles.c.id else ref
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.analysis).where(column == value)).scalar_one_or_none()
        return None if row is None else Analysis.from_dict(json.loads(row))

    def analyses(self) -> Iterator[Analysis]:
        """Every stored analysis, in id order."""
        for _, analysis in self.items():
            yield analysis

    def items(self) -> Iterator[tuple[int, Analysis]]:
        """Every stored analysis with its article id (the id ``get`` and ``show`` take)."""
        with self.engine.connect() as conn:
            query = select(articles.c.id, articles.c.analysis).order_by(articles.c.id)
            # Streamed: a large corpus is exported without holding it all in memory.
            for article_id, data in conn.execution_options(stream_results=True, yield_per=200).execute(query):
                yield int(article_id), Analysis.from_dict(json.loads(data))

    def stats(self) -> dict[str, Any]:
        """Counts: articles (by outlet, by wire agency, and the span of their dates), outlets,
        attributions, sources by type, errors by code."""
        with self.engine.connect() as conn:
            def scalar(query: Any) -> int:
                return int(conn.execute(query).scalar_one() or 0)

            by_type: dict[Any, Any] = dict(
                conn.execute(select(sources.c.type, func.count()).group_by(sources.c.type)).all())
            by_code: dict[Any, Any] = dict(
                conn.execute(select(errors.c.code, func.count()).group_by(errors.c.code)).all())
            dates = select(func.min(articles.c.published), func.max(articles.c.published))
            first, last = conn.execute(dates).one()
            return {
                "database": self.url,
                "schema_revision": schema_revision(conn),
                "articles": scalar(select(func.count()).select_from(articles)),
                "outlets": scalar(select(func.count(func.distinct(articles.c.outlet)))),
                "articles_by_outlet": self._counts(conn, articles.c.outlet),
                "articles_by_wire": self._counts(conn, articles.c.wire),
                "published": {"first": first, "last": last},
                "attributions": scalar(select(func.count()).select_from(attributions)),
                "unattributed": scalar(select(func.sum(articles.c.unattributed))),
                "sources_by_type": {str(k): int(v) for k, v in sorted(by_type.items())},
                "errors": scalar(select(func.count()).select_from(errors)),
                "errors_by_code": {str(k): int(v) for k, v in sorted(by_code.items())},
            }

    @staticmethod
    def _counts(conn: Any, column: Any) -> dict[str, int]:
        """Articles per value of ``column`` (outlet, wire), most first; unknown values left out."""
        query = (select(column, func.count()).where(column.is_not(None)).group_by(column)
                 .order_by(func.count().desc(), column))
        return {str(value): int(count) for value, count in conn.execute(query)}

    # -- claims ----------------------------------------------------------------------------------

    def _reading(self, work: Callable[[Any], Any]) -> Any:
        try:
            with self.engine.connect() as conn:
                return work(conn)
        except (DBAPIError, SQLAlchemyError, OSError) as exc:
            raise StorageError(self.url, f"cannot read claims: {_reason(exc)}") from exc

    def version(self) -> tuple[int, str, int]:
        """A value that changes whenever the corpus changes (articles stored, updated or failed):
        what a cache of anything read from the corpus is keyed by."""
        found: tuple[int, str, int] = self._reading(_queries.version)
        return found

    def article_count(self) -> int:
        return int(self._reading(_queries.count_articles))

    def index_pending(self) -> int:
        """Group the claims of articles stored before claims were kept; how many there were."""
        if not self._reading(_queries.pending):
            return 0
        try:
            return _queries.index_pending(self.engine)
        except (DBAPIError, SQLAlchemyError, OSError) as exc:
            raise StorageError(self.url, f"cannot index claims: {_reason(exc)}") from exc

    def regroup(self) -> int:
        """Group every claim of the corpus again, from the stored analyses (after the grouping
        settings, ``sourcetrace/data/claims.json``, changed); how many articles were read."""
        try:
            _queries.forget_claims(self.engine)
        except (DBAPIError, SQLAlchemyError, OSError) as exc:
            raise StorageError(self.url, f"cannot regroup claims: {_reason(exc)}") from exc
        return self.index_pending()

    def search_groups(self, query: str, *, limit: int | None = 10, min_reports: int = 1) -> list[GroupCount]:
        """The claim groups whose claims match ``query`` (full-text; every word, "phrases" as
        phrases) and that ``min_reports`` articles carry, most widely reported first."""
        return list(self._reading(
            lambda conn: _queries.search_groups(conn, query, limit=limit, min_reports=min_reports)))

    def claim_groups(self, *, min_outlets: int = 2, limit: int | None = 50,
                     min_reports: int = 1) -> list[GroupCount]:
        """The claim groups carried by at least ``min_outlets`` outlets and ``min_reports``
        articles, most widely reported first (all of them when ``limit`` is ``None``)."""
        return list(self._reading(lambda conn: _queries.list_groups(
            conn, min_outlets=min_outlets, limit=limit, min_reports=min_reports)))

    def recent(self, *, limit: int = 10, like: str | None = None) -> list[dict[str, Any]]:
        """The articles stored last, newest first, or those whose title, outlet or URL holds
        ``like``: id, title, outlet, published, url, ingested_at, claims."""
        return list(self._reading(lambda conn: _queries.recent_articles(conn, limit=limit, like=like)))

    def source_claims(self, name: str, kind: str, *, limit: int = 500) -> list[dict[str, Any]]:
        """Every claim attributed to the source ``name`` of type ``kind``, with its article
        (article_id, outlet, published, title, url), the claim's text, cue, certainty and group."""
        return list(self._reading(lambda conn: _queries.source_claims(conn, name, kind, limit=limit)))

    def feed_state(self, url: str) -> dict[str, Any] | None:
        """What ``watch`` kept of a feed: etag, last_modified, polled_at, status, stored."""
        with self.engine.connect() as conn:
            row = conn.execute(select(feeds).where(feeds.c.url == url)).mappings().first()
        return dict(row) if row else None

    def save_feed_state(self, url: str, *, etag: str | None, last_modified: str | None, status: int,
                        stored: int) -> None:
        """Record a feed's answer after a poll (``stored``: items stored from it this time)."""
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            known = conn.execute(select(feeds.c.stored).where(feeds.c.url == url)).scalar_one_or_none()
            values = {"etag": etag, "last_modified": last_modified, "polled_at": now, "status": status}
            if known is None:
                conn.execute(insert(feeds).values(url=url, stored=stored, **values))
            else:
                conn.execute(update(feeds).where(feeds.c.url == url).values(stored=known + stored, **values))

    def has_item(self, feed: str, link: str) -> bool:
        """Whether a feed item is stored: its link was stored from this feed, or an article has
        that URL."""
        with self.engine.connect() as conn:
            seen = select(feed_items.c.link).where(feed_items.c.feed == feed, feed_items.c.link == link)
            if conn.execute(seen.limit(1)).first() is not None:
                return True
            stored = select(articles.c.id).where(articles.c.url == link).limit(1)
            return conn.execute(stored).first() is not None

    def remember_item(self, feed: str, link: str, article_id: int) -> None:
        """Record that a feed item's article is stored (under whatever URL it has)."""
        with self.engine.begin() as conn:
            if conn.execute(select(feeds.c.url).where(feeds.c.url == feed)).first() is None:
                conn.execute(insert(feeds).values(url=feed, stored=0))
            conn.execute(delete(feed_items).where(feed_items.c.feed == feed, feed_items.c.link == link))
            conn.execute(insert(feed_items).values(feed=feed, link=link, article_id=article_id))

    def variant_links(self, groups: list[int] | None = None) -> list[tuple[int, int]]:
        """Pairs of claim groups one of whose claims is a variant of the other's (the same claim
        but for a negation or a number): all of them, or those touching ``groups``."""
        return list(self._reading(lambda conn: _queries.variant_links(conn, groups)))

    def analyses_of(self, article_ids: list[int]) -> dict[int, Analysis]:
        """The stored analyses of these articles, by id; an article that is not there (or whose
        analysis cannot be read back) is left out."""

        def read(conn: Any) -> dict[int, Analysis]:
            found = {}
            query = select(articles.c.id, articles.c.analysis).where(articles.c.id.in_(article_ids))
            for article_id, data in conn.execute(query):
                try:
                    found[int(article_id)] = Analysis.from_dict(json.loads(data))
                except (ValueError, KeyError, TypeError):
                    continue  # written by hand or by another program: the caller says it is missing
            return found

        return dict(self._reading(read)) if article_ids else {}

    def group_members(self, groups: list[int]) -> dict[int, list[dict[str, Any]]]:
        """Every claim of each group with its article's fields and links (for tracing)."""
        return dict(self._reading(lambda conn: _queries.group_members(conn, groups)))

    def errors(self) -> list[tuple[str, str, str]]:
        """Every recorded failure: input, error code, reason."""
        with self.engine.connect() as conn:
            query = select(errors.c.input, errors.c.code, errors.c.reason).order_by(errors.c.input)
            rows = conn.execute(query)
            return [(str(a), str(b), str(c)) for a, b, c in rows]

    def sources(
        self, *, type: str | None = None, outlet: str | None = None, limit: int = 50
    ) -> list[SourceCount]:
        """Who is cited across the corpus, most claims first; sources are grouped by name and type."""
        query = (
            select(sources.c.name, sources.c.type, func.sum(sources.c.claims),
                   func.count(func.distinct(sources.c.article_id)))
            .join(articles, articles.c.id == sources.c.article_id)
            .group_by(sources.c.name, sources.c.type)
            .order_by(func.sum(sources.c.claims).desc(), sources.c.name)
            .limit(limit)
        )
        if type is not None:
            query = query.where(sources.c.type == type)
        if outlet is not None:
            query = query.where(articles.c.outlet == outlet)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            out = []
            for name, kind, claims, count in rows:
                outlets_q = (select(func.distinct(articles.c.outlet))
                             .join(sources, sources.c.article_id == articles.c.id)
                             .where(sources.c.name == name, sources.c.type == kind,
                                    articles.c.outlet.is_not(None)))
                names = sorted(str(o) for (o,) in conn.execute(outlets_q))
                out.append(SourceCount(str(name), str(kind), int(claims or 0), int(count), tuple(names)))
            return out


