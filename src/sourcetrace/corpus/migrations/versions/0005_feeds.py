"""The feeds ``sourcetrace watch`` polls: what each last answered (ETag, Last-Modified, for the
next conditional request), when it was polled and with what status, so that a restarted watch
asks each server only for what changed.

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


def downgrade() -> None:
    op.drop_table("feeds")
