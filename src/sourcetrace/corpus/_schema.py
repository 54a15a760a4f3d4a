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
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "articles", "attributions", "claim_buckets", "claim_variants", "claims", "errors", "feed_items", "feeds",
    "links", "metadata", "sources",
]

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
    Column("signature", LargeBinary),  # MinHash of the text: copies of one story are told apart by it
    Column("claims_indexed", Boolean, nullable=False, server_default="0"),
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

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),  # the attribution's index; unattributed claims follow them
    Column("kind", String(16), nullable=False),  # attributed, unattributed
    Column("text", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("source", Text),
    Column("source_type", String(16)),
    Column("via", Text),  # JSON: [[name, type], …], the sources it was cited through
    Column("cue", Text, nullable=False),
    Column("certainty", String(12), nullable=False),
    Column("hedges", Text),  # JSON list of the hedge words
    Column("directness", String(12)),
    Column("parent", Integer),
    Column("rule", String(40)),
    Column("words", Text, nullable=False),  # the content words, sorted, space-separated
    Column("names", Text),  # the words among them that are names
    Column("grp", Integer),  # the claim group: the id of one of its claims
    UniqueConstraint("article_id", "idx"),
)
Index("ix_claims_grp", claims.c.grp)

claim_buckets = Table(
    "claim_buckets", metadata,
    Column("bucket", BigInteger, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_claim_buckets_claim", claim_buckets.c.claim_id)

claim_variants = Table(
    "claim_variants", metadata,
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("other_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_claim_variants_other", claim_variants.c.other_id)

errors = Table(
    "errors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input_key", String(64), nullable=False, unique=True),
    Column("input", Text, nullable=False),
    Column("code", String(8), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

feeds = Table(
    "feeds", metadata,
    Column("url", String(700), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("polled_at", DateTime(timezone=True)),
    Column("status", Integer),
    Column("stored", Integer, nullable=False, server_default="0"),  # items stored from it, in all
)

feed_items = Table(
    "feed_items", metadata,
    Column("feed", String(700), ForeignKey("feeds.url", ondelete="CASCADE"), primary_key=True),
    Column("link", String(700), primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE")),
)
