"""Article metadata a user supplies: the wire agency whose copy an article is, and the extra
columns of a manifest or front matter (JSON). Existing rows keep NULL: they were stored before
either was known.

Articles without a URL are now keyed by their outlet, date and text, not their text alone, so
that one wire story kept as text files from several outlets stays several articles: their keys
are computed again here (as ``sourcetrace.corpus._store.text_key`` does, written out so that
this revision stays what it is when that code changes). Documents are also found by their
hash (an index on ``sha256``).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("wire", sa.String(300)))
        batch.add_column(sa.Column("extra", sa.Text))
    op.create_index("ix_articles_wire", "articles", ["wire"])
    op.create_index("ix_articles_sha256", "articles", ["sha256"])
    articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("key", sa.String),
                        sa.column("outlet", sa.String), sa.column("published", sa.String),
                        sa.column("text", sa.Text))
    conn = op.get_bind()
    known = sa.or_(articles.c.outlet.is_not(None), articles.c.published.is_not(None))
    query = sa.select(articles.c.id, articles.c.outlet, articles.c.published, articles.c.text)
    ids = [i for (i,) in conn.execute(sa.select(articles.c.id).where(articles.c.key.like("sha256:%"), known))]
    for start in range(0, len(ids), _BATCH):  # texts a batch at a time, not the whole corpus at once
        rows = conn.execute(query.where(articles.c.id.in_(ids[start : start + _BATCH]))).all()
        for article_id, outlet, published, text in rows:
            key = _sha256(f"{outlet or ''}\n{published or ''}\n{text}")
            conn.execute(sa.update(articles).where(articles.c.id == article_id).values(key=key))


_BATCH = 500


def _sha256(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def downgrade() -> None:
    # Revision 0001 keys an article without a URL by its text alone; two outlets' copies of one
    # text cannot both be kept there, and the unique key refuses the downgrade rather than lose one.
    articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("key", sa.String),
                        sa.column("text", sa.Text))
    conn = op.get_bind()
    ids = [i for (i,) in conn.execute(sa.select(articles.c.id).where(articles.c.key.like("sha256:%")))]
    for start in range(0, len(ids), _BATCH):
        rows = conn.execute(sa.select(articles.c.id, articles.c.text)
                            .where(articles.c.id.in_(ids[start : start + _BATCH]))).all()
        for article_id, text in rows:
            conn.execute(sa.update(articles).where(articles.c.id == article_id).values(key=_sha256(text)))
    op.drop_index("ix_articles_sha256", table_name="articles")
    op.drop_index("ix_articles_wire", table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("extra")
        batch.drop_column("wire")
