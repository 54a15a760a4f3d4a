"""Opening a corpus database, keeping its schema current, and writing one analysis."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, insert, select, update
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from sourcetrace.corpus._claims import delete_claims, index_claims
from sourcetrace.corpus._rows import article_key, article_row, child_rows, extra_json, sha256_hex, text_key
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
    "text_key",
    "write_analysis",
    "write_error",
]

DEFAULT_DB = "sourcetrace.db"
SCHEMA_REVISION = "0005"
"""The newest schema revision this release knows (its Alembic head)."""
_KNOWN = tuple(f"{n:04d}" for n in range(1, int(SCHEMA_REVISION) + 1))  # revisions are numbered in order
_TABLES = {"sources": sources, "attributions": attributions, "links": links}


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


def error_key(label: str) -> str:
    """The key a failure is recorded under, the same for an error's label (``c.warc [record 1]
    (https://…)``) and for the article that later reads well (``c.warc [record 1]``)."""
    return sha256_hex(_FROM_URL.sub("", label))


def failed_input(label: str) -> str:
    """The input to read again for a recorded failure: the label without the URL the bytes came
    from and the record or item inside the input (``crawl.warc [record 3] (https://…)`` → the
    archive; ``notes (1).txt`` stays whole)."""
    return _LOCATOR.sub("", _FROM_URL.sub("", label))


_FROM_URL = re.compile(r" \((?:https?|ftp)://[^()\s]*\)$")
_LOCATOR = re.compile(r" \[[^\[\]]*\]$")


def write_analysis(conn: Connection, analysis: Analysis) -> int:
    """Store one analysis in the open transaction ``conn``: insert the article, or replace
    everything stored for it; returns its id. The caller commits, so an article is stored whole
    or not at all."""
    key = article_key(analysis)
    now = datetime.now(UTC)
    row = article_row(analysis) | {"updated_at": now, "claims_indexed": True}
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
    for name, rows in child_rows(analysis).items():
        if rows:
            conn.execute(insert(_TABLES[name]), [{"article_id": article_id, **r} for r in rows])
    index_claims(conn, article_id, analysis)
    conn.execute(delete(errors).where(errors.c.input_key == error_key(row["input"])))
    return article_id


def write_error(conn: Connection, error: SourcetraceError) -> None:
    """Record (or update) the failure of one input."""
    label = error.input or "(unknown input)"
    now = datetime.now(UTC)
    key = error_key(label)
    conn.execute(delete(errors).where(errors.c.input_key == key))
    row = {"input_key": key, "input": label, "code": error.code, "reason": error.reason, "at": now}
    conn.execute(insert(errors).values(**row))


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
