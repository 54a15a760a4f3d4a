"""The corpus tables (SQLAlchemy Core), one schema for SQLite and PostgreSQL.

``articles`` holds one row per article, keyed by ``key``: ``url:`` and the canonical URL, or
``sha256:`` and the hash of the outlet and text when there is no URL, so that ingesting an
article again updates its row. The analysis is stored twice, on purpose: as rows (``sources``,
``attributions``, ``links``) to query across the corpus, and whole (``analysis``, the
``sourcetrace.analysis/1`` JSON) so that ``show`` and ``export`` give back exactly what
``analyze`` printed. ``errors`` records the inputs that failed, for ``stats`` and
``ingest --retry-errors``.

Changes to these tables go through an Alembic migration in ``migrations/versions``.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["articles", "attributions", "errors", "links", "metadata", "sources"]

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(700), nullable=False, unique=True),
    Column("url", Text),
    Column("outlet", String(300)),
    Column("domain", String(300)),
    Column("title", Text),
    Column("byline", Text),
    Column("published", String(40)),
    Column("language", String(12)),
    Column("wire", String(300)),
    Column("extra", Text),  # the article's extra metadata, as a JSON object
    Column("input", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("analysis", Text, nullable=False),
    Column("claims", Integer, nullable=False),
    Column("unattributed", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_wire", articles.c.wire)
Index("ix_articles_sha256", articles.c.sha256)

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("sid", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("role", Text),
    Column("via", String(16)),
    Column("claims", Integer, nullable=False),
    UniqueConstraint("article_id", "sid"),
)
Index("ix_sources_type", sources.c.type)
Index("ix_sources_name", sources.c.name)

attributions = Table(
    "attributions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("sid", String(16)),
    Column("rule", String(40), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("certainty", String(12), nullable=False),
    Column("cue", Text, nullable=False),
    Column("source_text", Text, nullable=False),
    Column("content", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("parent", Integer),
    UniqueConstraint("article_id", "idx"),
)

links = Table(
    "links", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("href", Text, nullable=False),
    Column("anchor", Text, nullable=False),
)

errors = Table(
    "errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input_key", String(64), nullable=False, unique=True),
    Column("input", Text, nullable=False),
    Column("code", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
