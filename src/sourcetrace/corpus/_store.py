"""Opening a corpus database, keeping its schema current, and writing one analysis."""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, insert, select, update
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from sourcetrace.corpus._claims import article_signature, delete_claims, index_claims
from sourcetrace.corpus._schema import articles, attributions, errors, links, sources
from sourcetrace.errors import SchemaVersionError, SourcetraceError, StorageError
from sourcetrace.model import Analysis

__all__ = [
    "DEFAULT_DB",
    "SCHEMA_REVISION",
    "article_key",
    "database_url",
    "error_key",
    "extra_json",
    "failed_input",
    "open_engine",
    "write_analysis",
    "write_error",
]

DEFAULT_DB = "sourcetrace.db"
SCHEMA_REVISION = "0005"
"""The newest schema revision this release knows (its Alembic head)."""
_KNOWN = tuple(f"{n:04d}" for n in range(1, int(SCHEMA_REVISION) + 1))  # revisions are numbered in order
_MAX_KEY = 600  # characters of a URL kept as the key itself; longer ones are hashed


def database_url(db: str | None) -> str:
    """A SQLAlchemy URL from what a user gives: a file path (SQLite), ``sqlite:///…``, or
    ``postgresql://…`` (driven by psycopg 3). ``None`` means ``$SOURCETRACE_DB``, else
    ``./sourcetrace.db``."""
    db = db or os.environ.get("SOURCETRACE_DB") or DEFAULT_DB
    if "://" not in db:  # a path, taken as it is ("q?x.db" is a file name, not a query)
        return URL.create("sqlite", database=str(Path(db))).render_as_string()
    for prefix in ("postgresql://", "postgres://"):
        if db.startswith(prefix):
            return "postgresql+psycopg://" + db[len(prefix):]
    return db


def open_engine(db: str | None) -> Engine:
    """An engine on the database, its schema migrated to the newest revision. Raises
    ``StorageError`` when it cannot be reached and ``SchemaVersionError`` when its schema is
    newer than this release."""
    url = database_url(db)
    shown = _shown(url)
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise StorageError(shown, f"cannot use this database URL ({type(exc).__name__}: {exc})") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.begin() as conn:
            _migrate(conn, shown)
    except SourcetraceError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise StorageError(shown, f"cannot open the database ({_reason(exc)})") from exc
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers go on while the writer writes
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _migrate(conn: Connection, shown: str) -> None:
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(conn).get_current_revision()
    if current is not None and current not in _KNOWN:
        raise SchemaVersionError(
            shown, f"the database has schema revision {current}, newer than this sourcetrace knows "
            f"(up to {SCHEMA_REVISION}): upgrade sourcetrace to use it")
    if current == SCHEMA_REVISION:
        return
    from alembic import command

    config = Config()
    config.set_main_option("script_location", str(resources.files("sourcetrace.corpus") / "migrations"))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def schema_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def article_key(analysis: Analysis) -> str:
    """What makes two ingests the same article: its canonical URL (hashed when it is too long
    for an index), else its outlet, date and text: one wire story kept as text files from three
    outlets is three articles, and so is a story an outlet published again on another day."""
    article = analysis.article
    if article.url:
        return f"url:{article.url}" if len(article.url) <= _MAX_KEY else f"url-sha256:{_sha256(article.url)}"
    return text_key(article.outlet, article.published, article.text)


def text_key(outlet: str | None, published: str | None, text: str) -> str:
    """The key of an article without a URL: the hash of its outlet, date and text (the text
    alone when it has neither)."""
    if outlet is None and published is None:
        return "sha256:" + _sha256(text)
    return "sha256:" + _sha256(f"{outlet or ''}\n{published or ''}\n{text}")


def error_key(label: str) -> str:
    """The key a failure is recorded under, the same for an error's label (``c.warc [record 1]
    (https://…)``) and for the article that later reads well (``c.warc [record 1]``)."""
    return _sha256(_FROM_URL.sub("", label))


def failed_input(label: str) -> str:
    """The input to read again for a recorded failure: the label without the URL the bytes came
    from and the record or item inside the input (``crawl.warc [record 3] (https://…)`` → the
    archive; ``notes (1).txt`` stays whole)."""
    return _LOCATOR.sub("", _FROM_URL.sub("", label))


_FROM_URL = re.compile(r" \((?:https?|ftp)://[^()\s]*\)$")
_LOCATOR = re.compile(r" \[[^\[\]]*\]$")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def extra_json(extra: dict[str, str]) -> str | None:
    """An article's extra metadata as stored and exported: a JSON object, ``None`` when empty."""
    return json.dumps(extra, ensure_ascii=False) if extra else None


def write_analysis(conn: Connection, analysis: Analysis) -> int:
    """Store one analysis in the open transaction ``conn``: insert the article, or replace
    everything stored for it; returns its id. The caller commits, so an article is stored whole
    or not at all."""
    article = analysis.article
    key = article_key(analysis)
    now = datetime.now(UTC)
    summary = analysis.summary()
    row = {
        "url": article.url, "outlet": article.outlet, "domain": article.domain, "title": article.title,
        "byline": article.byline, "published": article.published, "language": article.language,
        "wire": article.wire,
        "extra": extra_json(article.extra),
        "input": article.source.label,
        "sha256": article.source.sha256, "text": article.text,
        "analysis": json.dumps(analysis.to_dict(), ensure_ascii=False),
        "claims": summary["attributed"], "unattributed": summary["unattributed"], "updated_at": now,
        "signature": article_signature(article.text), "claims_indexed": True,
    }
    found = conn.execute(select(articles.c.id).where(articles.c.key == key)).scalar_one_or_none()
    if found is None:
        # The same document read again from the same input, stored under another key before
        # (ingested before a manifest gave it a URL or an outlet), is this article: it is
        # updated and re-keyed, not stored twice.
        same = select(articles.c.id).where(articles.c.sha256 == row["sha256"],
                                           articles.c.input == row["input"])
        found = conn.execute(same.limit(1)).scalar_one_or_none()
        row["key"] = key
    if found is None:
        row.pop("key", None)
        inserted = conn.execute(insert(articles).values(key=key, ingested_at=now, **row)).inserted_primary_key
        assert inserted is not None
        article_id = int(inserted[0])
    else:
        article_id = int(found)
        conn.execute(update(articles).where(articles.c.id == article_id).values(**row))
        for table in (sources, attributions, links):
            conn.execute(delete(table).where(table.c.article_id == article_id))
        delete_claims(conn, article_id)
    _write_children(conn, article_id, analysis, summary)
    index_claims(conn, article_id, analysis)
    conn.execute(delete(errors).where(errors.c.input_key == error_key(row["input"])))
    return article_id


def _write_children(conn: Connection, article_id: int, analysis: Analysis, summary: dict[str, Any]) -> None:
    text = analysis.article.text
    claims = {s["id"]: s["claims"] for s in summary["sources"]}
    if analysis.sources:
        conn.execute(insert(sources), [
            {"article_id": article_id, "sid": s.id, "name": s.name, "type": s.type, "role": s.role,
             "via": s.via, "claims": claims.get(s.id, 0)}
            for s in analysis.sources
        ])
    if analysis.attributions:
        conn.execute(insert(attributions), [
            {"article_id": article_id, "idx": i, "sid": a.source_id, "rule": a.rule, "kind": a.kind,
             "certainty": a.certainty, "cue": _text(text, a.cue), "source_text": _text(text, a.source),
             "content": _text(text, a.content), "start": a.sentence.start, "end": a.sentence.end,
             "parent": a.parent}
            for i, a in enumerate(analysis.attributions)
        ])
    if analysis.article.links:
        conn.execute(insert(links), [
            {"article_id": article_id, "start": link.start, "end": link.end, "href": link.href,
             "anchor": link.anchor}
            for link in analysis.article.links
        ])


def write_error(conn: Connection, error: SourcetraceError) -> None:
    """Record (or update) the failure of one input."""
    label = error.input or "(unknown input)"
    now = datetime.now(UTC)
    key = error_key(label)
    conn.execute(delete(errors).where(errors.c.input_key == key))
    row = {"input_key": key, "input": label, "code": error.code, "reason": error.reason, "at": now}
    conn.execute(insert(errors).values(**row))


def _text(text: str, spans: Any) -> str:
    return " … ".join(text[s.start : s.end] for s in spans)


def _shown(url: str) -> str:
    """The URL as error messages show it: as the user wrote it (``postgresql://``), without its
    password."""
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        shown = url
    return shown.replace("postgresql+psycopg://", "postgresql://", 1)


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return f"{type(orig).__name__}: {' '.join(str(orig).split())}"
