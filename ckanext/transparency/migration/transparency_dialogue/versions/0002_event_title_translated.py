"""Event titles in several languages: `title_translated`, {language: text} beside the Uzbek
`title` (i18n/fluent.py); an event entered before has none, and shows its Uzbek title.

Revision ID: 0002_event_title_translated
Revises: 0001_dialogue_tables
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002_event_title_translated"
down_revision = "0001_dialogue_tables"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("dialogue_event", sa.Column("title_translated", JSONB, nullable=False,
                                              server_default=sa.text("'{}'::jsonb")))


def downgrade():
    op.drop_column("dialogue_event", "title_translated")
