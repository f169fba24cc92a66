"""Telegram channel and bot: processed updates, delivered announcements, the outbox, channel
polls, accounts, appeal link tokens and links.

Revision ID: 0001_telegram_tables
Revises:
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001_telegram_tables"
down_revision = None
branch_labels = None
depends_on = None

TEXT = sa.UnicodeText


def upgrade():
    op.create_table(
        "telegram_update",
        sa.Column("update_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("received_at", sa.DateTime, nullable=False))
    op.create_table(
        "telegram_delivery",
        sa.Column("key", TEXT, primary_key=True),
        sa.Column("delivered_at", sa.DateTime, nullable=False))
    op.create_table(
        "telegram_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("method", TEXT, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("purpose", TEXT, nullable=False, server_default=""),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_try", sa.DateTime, nullable=False, index=True),
        sa.Column("sent_at", sa.DateTime, nullable=True, index=True),
        sa.Column("failed_at", sa.DateTime, nullable=True),
        sa.Column("error", TEXT, nullable=False, server_default=""),
        sa.Column("created", sa.DateTime, nullable=False))
    op.create_table(
        "telegram_poll",
        sa.Column("poll_id", TEXT, primary_key=True),
        sa.Column("telegram_poll_id", TEXT, nullable=True, unique=True),
        sa.Column("chat_id", TEXT, nullable=True),
        sa.Column("message_id", sa.BigInteger, nullable=True),
        sa.Column("votes", JSONB, nullable=False, server_default="[]"),
        sa.Column("voters", sa.Integer, nullable=False, server_default="0"),
        sa.Column("stop_queued_at", sa.DateTime, nullable=True),
        sa.Column("created", sa.DateTime, nullable=False))
    op.create_table(
        "telegram_account",
        sa.Column("telegram_user_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("user_id", TEXT, sa.ForeignKey("user.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        sa.Column("created", sa.DateTime, nullable=False))
    op.create_table(
        "telegram_link_token",
        sa.Column("token_hash", TEXT, primary_key=True),
        sa.Column("appeal_number", TEXT, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime, nullable=True))
    op.create_table(
        "telegram_appeal_link",
        sa.Column("appeal_number", TEXT, primary_key=True),
        sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("events_seen", sa.Integer, nullable=False, server_default="0"),
        sa.Column("language", TEXT, nullable=False, server_default=""),
        sa.Column("linked_at", sa.DateTime, nullable=False))


def downgrade():
    for table in ("telegram_appeal_link", "telegram_link_token", "telegram_account",
                  "telegram_poll", "telegram_outbox", "telegram_delivery", "telegram_update"):
        op.drop_table(table)
