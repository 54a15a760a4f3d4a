"""The first corpus schema: articles, sources, attributions, links, errors.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _article_fk() -> sa.Column:  # type: ignore[type-arg]
    target = sa.ForeignKey("articles.id", ondelete="CASCADE")
    return sa.Column("article_id", sa.Integer, target, nullable=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(700), nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.String(300)),
        sa.Column("domain", sa.String(300)),
        sa.Column("title", sa.Text),
        sa.Column("byline", sa.Text),
        sa.Column("published", sa.String(40)),
        sa.Column("language", sa.String(12)),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("analysis", sa.Text, nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("unattributed", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_fk(),
        sa.Column("sid", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("role", sa.Text),
        sa.Column("via", sa.String(16)),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.UniqueConstraint("article_id", "sid"),
    )
    op.create_index("ix_sources_type", "sources", ["type"])
    op.create_index("ix_sources_name", "sources", ["name"])
    op.create_table(
        "attributions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_fk(),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("sid", sa.String(16)),
        sa.Column("rule", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("certainty", sa.String(12), nullable=False),
        sa.Column("cue", sa.Text, nullable=False),
        sa.Column("source_text", sa.Text, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("parent", sa.Integer),
        sa.UniqueConstraint("article_id", "idx"),
    )
    op.create_table(
        "links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_fk(),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("href", sa.Text, nullable=False),
        sa.Column("anchor", sa.Text, nullable=False),
    )
    op.create_table(
        "errors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("input_key", sa.String(64), nullable=False, unique=True),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in ("errors", "links", "attributions", "sources", "articles"):
        op.drop_table(table)
