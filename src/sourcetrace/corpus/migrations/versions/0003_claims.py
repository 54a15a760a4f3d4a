"""Claims across the corpus, for tracing: one row per claim of every article (an attribution's
content, or a sentence the article asserts), the claim group each belongs to, the MinHash LSH
buckets that find its candidates, full-text search over claims and their sources (SQLite FTS5,
PostgreSQL ``to_tsvector``; both match words as written, case aside, without stemming or
stopwords, so that a query finds the same claims in both), and a MinHash signature of each
article's text.

Articles stored before this revision have ``claims_indexed`` false: the corpus indexes them the
first time claims are asked for (``Corpus.index_pending``).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SEARCHED = "coalesce(text, '') || ' ' || coalesce(source, '')"


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("signature", sa.LargeBinary))
        batch.add_column(sa.Column("claims_indexed", sa.Boolean, nullable=False, server_default="0"))
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("source_type", sa.String(16)),
        sa.Column("via", sa.Text),
        sa.Column("cue", sa.Text, nullable=False),
        sa.Column("certainty", sa.String(12), nullable=False),
        sa.Column("hedges", sa.Text),
        sa.Column("directness", sa.String(12)),
        sa.Column("parent", sa.Integer),
        sa.Column("rule", sa.String(40)),
        sa.Column("words", sa.Text, nullable=False),
        sa.Column("names", sa.Text),
        sa.Column("grp", sa.Integer),
        sa.UniqueConstraint("article_id", "idx"),
    )
    op.create_index("ix_claims_grp", "claims", ["grp"])
    op.create_table(
        "claim_buckets",
        sa.Column("bucket", sa.BigInteger, primary_key=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_claim_buckets_claim", "claim_buckets", ["claim_id"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE claims_fts USING fts5(text, source, tokenize = 'unicode61')")
    else:
        op.execute(f"CREATE INDEX ix_claims_search ON claims USING gin (to_tsvector('simple', {SEARCHED}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE claims_fts")
    op.drop_table("claim_buckets")
    op.drop_table("claims")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("claims_indexed")
        batch.drop_column("signature")
