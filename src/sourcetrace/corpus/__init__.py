"""The corpus: articles and their analyses stored in SQLite (default) or PostgreSQL.

    >>> from sourcetrace.corpus import Corpus
    >>> with Corpus("sourcetrace.db") as corpus:          # or "postgresql://host/db"
    ...     corpus.ingest(articles, workers=2)
    ...     corpus.get("https://example.org/story").attributions

One schema (SQLAlchemy Core) serves both databases; Alembic migrations are applied when a corpus
is opened, and a database from a newer release is refused with both revisions named.
"""

from __future__ import annotations

from sourcetrace.corpus._corpus import Corpus, IngestReport, SourceCount
from sourcetrace.corpus._queries import GroupCount
from sourcetrace.corpus._store import DEFAULT_DB, SCHEMA_REVISION, article_key, database_url

__all__ = [
    "DEFAULT_DB",
    "SCHEMA_REVISION",
    "Corpus",
    "GroupCount",
    "IngestReport",
    "SourceCount",
    "article_key",
    "database_url",
]
