"""Open dialogue: events, history, materials, questions, votes, polls, notifications.

Revision ID: 0001_dialogue_tables
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_dialogue_tables"
down_revision = None
branch_labels = None
depends_on = None

TEXT = sa.UnicodeText


def _id():
    return sa.Column("id", TEXT, primary_key=True)


def _fk(name, target, nullable=False, ondelete="CASCADE", index=False):
    return sa.Column(name, TEXT, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable,
                     index=index)


def _text(name, nullable=False, default=""):
    return sa.Column(name, TEXT, nullable=nullable,
                     server_default=None if default is None else default)


def upgrade():
    op.create_table(
        "dialogue_event", _id(),
        sa.Column("name", TEXT, nullable=False, unique=True),
        sa.Column("kind", TEXT, nullable=False),
        sa.Column("title", TEXT, nullable=False),
        _text("description"),
        _fk("owner_org", "group.id", index=True),
        sa.Column("start", sa.DateTime, nullable=False, index=True),
        sa.Column("end", sa.DateTime, nullable=False),
        _text("location"), _text("stream_url"),
        _text("status", default="announced"), _text("status_note"), _text("period"),
        sa.Column("questions_open", sa.Boolean, nullable=False, server_default=sa.true()),
        _text("summary"), _text("transcript"), _text("search_text"),
        sa.Column("sequence", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("modified", sa.DateTime, nullable=False),
    )
    op.create_table(
        "dialogue_event_change", _id(),
        _fk("event_id", "dialogue_event.id", index=True),
        sa.Column("timestamp", sa.DateTime, nullable=False),
        _text("user_id", nullable=True, default=None),
        sa.Column("action", TEXT, nullable=False),
        _text("status_from", nullable=True, default=None),
        _text("status_to", nullable=True, default=None),
        sa.Column("start_from", sa.DateTime, nullable=True),
        sa.Column("start_to", sa.DateTime, nullable=True),
        _text("note"),
        sa.Column("fields", TEXT, nullable=True),
    )
    op.create_table(
        "dialogue_material", _id(),
        _fk("event_id", "dialogue_event.id", index=True),
        sa.Column("kind", TEXT, nullable=False),
        _text("title"), _text("url"), _text("url_type"),
        sa.Column("size", sa.Integer, nullable=True),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_table(
        "dialogue_question", _id(),
        _fk("event_id", "dialogue_event.id", index=True),
        sa.Column("number", sa.Integer, nullable=False),
        _fk("user_id", "user.id"),
        sa.Column("text", TEXT, nullable=False),
        _text("status", default="pending"),
        _text("rejection_reason", nullable=True, default=None),
        _text("moderation_note"),
        sa.Column("moderated_at", sa.DateTime, nullable=True),
        _text("answer", nullable=True, default=None),
        _text("answer_mode", nullable=True, default=None),
        sa.Column("recording_time", sa.Integer, nullable=True),
        sa.Column("answered_at", sa.DateTime, nullable=True),
        sa.Column("votes", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.UniqueConstraint("event_id", "number"),
    )
    op.create_index("dialogue_question_status_idx", "dialogue_question", ["status"])
    op.create_table(
        "dialogue_question_vote",
        _fk("question_id", "dialogue_question.id"),
        _fk("user_id", "user.id"),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("question_id", "user_id"),
    )
    op.create_table(
        "dialogue_poll", _id(),
        sa.Column("name", TEXT, nullable=False, unique=True),
        _fk("owner_org", "group.id", index=True),
        _fk("event_id", "dialogue_event.id", nullable=True, ondelete="SET NULL"),
        sa.Column("question", TEXT, nullable=False),
        _text("description"),
        sa.Column("multiple", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("opens_at", sa.DateTime, nullable=False),
        sa.Column("closes_at", sa.DateTime, nullable=False),
        _text("results_visibility", default="after_vote"),
        sa.Column("voters", sa.Integer, nullable=False, server_default="0"),
        _text("dataset_id", nullable=True, default=None),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("modified", sa.DateTime, nullable=False),
    )
    op.create_table(
        "dialogue_poll_option", _id(),
        _fk("poll_id", "dialogue_poll.id", index=True),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("label", TEXT, nullable=False),
        sa.Column("votes", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "dialogue_poll_voter",
        _fk("poll_id", "dialogue_poll.id"),
        _fk("user_id", "user.id"),
        sa.PrimaryKeyConstraint("poll_id", "user_id"),
    )
    op.create_table(
        "dialogue_notification", _id(),
        _fk("user_id", "user.id", index=True),
        _fk("event_id", "dialogue_event.id"),
        _fk("question_id", "dialogue_question.id", nullable=True),
        sa.Column("kind", TEXT, nullable=False),
        sa.Column("data", TEXT, nullable=True),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("sent_at", sa.DateTime, nullable=True),
    )


def downgrade():
    for table in ("dialogue_notification", "dialogue_poll_voter", "dialogue_poll_option",
                  "dialogue_poll", "dialogue_question_vote", "dialogue_question",
                  "dialogue_material", "dialogue_event_change", "dialogue_event"):
        op.drop_table(table)
