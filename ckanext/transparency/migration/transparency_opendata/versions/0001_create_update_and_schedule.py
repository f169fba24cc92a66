"""Update history and schedule state of typed open datasets.

Revision ID: 0001_opendata
Revises:
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

revision = "0001_opendata"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "transparency_opendata_update",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("resource_id", sa.UnicodeText),
        sa.Column("user_id", sa.UnicodeText),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("rows", sa.Integer),
        sa.Column("source", sa.UnicodeText, nullable=False, server_default="upload"),
    )
    op.create_table(
        "transparency_opendata_schedule",
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("indexed_state", sa.UnicodeText),
        sa.Column("next_due", sa.Date),
        sa.Column("reminded_soon", sa.Date),
        sa.Column("reminded_overdue", sa.Date),
    )


def downgrade():
    op.drop_table("transparency_opendata_schedule")
    op.drop_table("transparency_opendata_update")
