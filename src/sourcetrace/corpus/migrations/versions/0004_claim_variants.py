"""Variants of a claim: two claims of different articles that would be one claim but for a
negation or a number ("money that should have been used", "money that shouldn't have been
used"). They stay in their own groups (two people saying opposite things are two claims), and
``sourcetrace discrepancies`` compares them. One row per pair, found as the later claim is grouped.

Claims stored before this revision have no variants recorded; ``sourcetrace claims --regroup``
finds them.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_variants",
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("other_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_claim_variants_other", "claim_variants", ["other_id"])


def downgrade() -> None:
    op.drop_table("claim_variants")
