"""Followers (accounts and confirmed e-mail addresses), account choices, deliveries.

Revision ID: 0001_follow
Revises:
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001_follow"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "transparency_follow",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("subject_type", sa.UnicodeText, nullable=False),
        sa.Column("subject_id", sa.UnicodeText, nullable=False),
        sa.Column("user_id", sa.UnicodeText),
        sa.Column("email", sa.UnicodeText),
        sa.Column("language", sa.UnicodeText, nullable=False),
        sa.Column("frequency", sa.UnicodeText, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("confirmed_at", sa.DateTime),
        sa.UniqueConstraint("subject_type", "subject_id", "user_id"),
        sa.UniqueConstraint("subject_type", "subject_id", "email"),
        sa.CheckConstraint("(user_id IS NULL) <> (email IS NULL)"),
    )
    op.create_table(
        "transparency_follow_choice",
        sa.Column("user_id", sa.UnicodeText, primary_key=True),
        sa.Column("language", sa.UnicodeText, nullable=False),
        sa.Column("frequency", sa.UnicodeText, nullable=False),
    )
    op.create_table(
        "transparency_follow_delivery",
        sa.Column("follower", sa.UnicodeText, primary_key=True),
        sa.Column("happening_key", sa.UnicodeText, primary_key=True),
        sa.Column("frequency", sa.UnicodeText, nullable=False),
        sa.Column("happening", JSONB, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("sent_at", sa.DateTime),
    )
    op.create_index("transparency_follow_delivery_unsent", "transparency_follow_delivery",
                    ["sent_at"])


def downgrade():
    op.drop_table("transparency_follow_delivery")
    op.drop_table("transparency_follow_choice")
    op.drop_table("transparency_follow")
