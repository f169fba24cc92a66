"""Followers (of the follow feature) linked to a chat, and link tokens that name a follower
instead of an appeal.

Revision ID: 0002_follower_links
Revises: 0001_telegram_tables
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_follower_links"
down_revision = "0001_telegram_tables"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column("telegram_link_token", "appeal_number", nullable=True)
    op.add_column("telegram_link_token", sa.Column("follower", sa.UnicodeText, nullable=True))
    op.create_table(
        "telegram_follower_link",
        sa.Column("follower", sa.UnicodeText, primary_key=True),
        sa.Column("chat_id", sa.BigInteger, nullable=False, index=True),
        sa.Column("linked_at", sa.DateTime, nullable=False))


def downgrade():
    op.drop_table("telegram_follower_link")
    op.execute("DELETE FROM telegram_link_token WHERE appeal_number IS NULL")
    op.drop_column("telegram_link_token", "follower")
    op.alter_column("telegram_link_token", "appeal_number", nullable=False)
