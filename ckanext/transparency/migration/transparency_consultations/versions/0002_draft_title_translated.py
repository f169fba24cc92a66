"""Draft titles in several languages: `title_translated`, {language: text} beside the Uzbek
`title` (i18n/fluent.py); a draft entered before has none, and shows its Uzbek title.

Revision ID: 0002_draft_title_translated
Revises: c0a1d2e3f401
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002_draft_title_translated"
down_revision = "c0a1d2e3f401"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("consultation", sa.Column("title_translated", JSONB, nullable=False,
                                            server_default=sa.text("'{}'::jsonb")))


def downgrade():
    op.drop_column("consultation", "title_translated")
