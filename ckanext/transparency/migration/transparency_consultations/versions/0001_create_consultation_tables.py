"""Create the tables of public discussion: drafts, their articles and attachments, proposals,
support votes, reports of comments and e-mail subscriptions.

Revision ID: c0a1d2e3f401
Revises:
Create Date: 2025-11-26
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "c0a1d2e3f401"
down_revision = None
branch_labels = None
depends_on = None


def _fk(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


def upgrade():
    op.create_table(
        "consultation",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("name", sa.UnicodeText, nullable=False, unique=True),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("summary", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("owner_org", sa.UnicodeText, nullable=False, index=True),
        sa.Column("body", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("source_format", sa.UnicodeText, nullable=False, server_default="markdown"),
        sa.Column("opens_on", sa.Date, nullable=False),
        sa.Column("closes_on", sa.Date, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("modified", sa.DateTime, nullable=False),
        sa.Column("creator_user_id", sa.UnicodeText),
        sa.Column("withdrawn_at", sa.DateTime),
        sa.Column("withdrawn_reason", sa.UnicodeText),
        sa.Column("report_published_at", sa.DateTime),
        sa.Column("report", JSONB),
        sa.Column("report_package_id", sa.UnicodeText),
        sa.Column("adopted_at", sa.DateTime),
        sa.Column("adopted_on", sa.Date),
        sa.Column("adopted_reference", sa.UnicodeText),
        sa.Column("adopted_text", sa.UnicodeText),
        sa.Column("search_text", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("subscribers_notified_at", sa.DateTime),
    )
    op.create_table(
        "consultation_article",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("consultation_id", sa.UnicodeText, _fk("consultation"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("number", sa.UnicodeText, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("heading", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("text", sa.UnicodeText, nullable=False, server_default=""),
        sa.UniqueConstraint("consultation_id", "number"),
    )
    op.create_table(
        "consultation_attachment",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("consultation_id", sa.UnicodeText, _fk("consultation"), nullable=False,
                  index=True),
        sa.Column("filename", sa.UnicodeText, nullable=False),
        sa.Column("mimetype", sa.UnicodeText, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_table(
        "consultation_proposal",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("consultation_id", sa.UnicodeText, _fk("consultation"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("author_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("article_number", sa.UnicodeText),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("text", sa.UnicodeText, nullable=False),
        sa.Column("state", sa.UnicodeText, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("moderated_at", sa.DateTime),
        sa.Column("moderated_by", sa.UnicodeText),
        sa.Column("moderation_reason", sa.UnicodeText),
        sa.Column("moderation_note", sa.UnicodeText),
        sa.Column("duplicate_of", sa.Integer),
        sa.Column("duplicate_same_author", sa.Boolean, nullable=False, server_default="false"),
        sa.Column("decision", sa.UnicodeText),
        sa.Column("answer", sa.UnicodeText),
        sa.Column("answered_at", sa.DateTime),
        sa.Column("answered_by", sa.UnicodeText),
        sa.UniqueConstraint("consultation_id", "number"),
    )
    op.create_table(
        "consultation_vote",
        sa.Column("proposal_id", sa.UnicodeText, _fk("consultation_proposal"), primary_key=True),
        sa.Column("user_id", sa.UnicodeText, primary_key=True),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_table(
        "consultation_flag",
        sa.Column("proposal_id", sa.UnicodeText, _fk("consultation_proposal"), primary_key=True),
        sa.Column("user_id", sa.UnicodeText, primary_key=True),
        sa.Column("reason", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("resolved", sa.Boolean, nullable=False, server_default="false"),
    )
    op.create_table(
        "consultation_subscription",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("user_id", sa.UnicodeText, nullable=False),
        sa.Column("organization_id", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("kind", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.UniqueConstraint("user_id", "organization_id", "kind"),
    )


def downgrade():
    for table in ("consultation_subscription", "consultation_flag", "consultation_vote",
                  "consultation_proposal", "consultation_attachment", "consultation_article",
                  "consultation"):
        op.drop_table(table)
