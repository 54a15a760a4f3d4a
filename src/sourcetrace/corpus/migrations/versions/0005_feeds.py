"""The feeds ``sourcetrace watch`` polls: what each last answered (ETag, Last-Modified, for the
next conditional request), when it was polled and with what status, so that a restarted watch
asks each server only for what changed; and the item links already stored from each (an item's
article may be stored under another URL, its canonical one, than the link the feed gives).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("url", sa.String(700), primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("polled_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.Integer),
        sa.Column("stored", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "feed_items",
        sa.Column("feed", sa.String(700), sa.ForeignKey("feeds.url", ondelete="CASCADE"), primary_key=True),
        sa.Column("link", sa.String(700), primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE")),
    )


def downgrade() -> None:
    op.drop_table("feed_items")
    op.drop_table("feeds")
