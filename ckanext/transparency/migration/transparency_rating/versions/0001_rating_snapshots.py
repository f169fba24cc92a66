"""Openness rating snapshots and their entries.

Revision ID: 0001_rating
Revises:
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001_rating"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "transparency_rating_snapshot",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("label", sa.UnicodeText, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("computed_at", sa.DateTime, nullable=False),
        sa.Column("method", JSONB, nullable=False),
        sa.Column("published", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("published_at", sa.DateTime),
        sa.UniqueConstraint("kind", "period_start"),
    )
    op.create_table(
        "transparency_rating_entry",
        sa.Column("snapshot_id", sa.UnicodeText,
                  sa.ForeignKey("transparency_rating_snapshot.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, primary_key=True),
        sa.Column("name", sa.UnicodeText, nullable=False),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("band", sa.UnicodeText, nullable=False),
        sa.Column("rank", sa.Integer),
        sa.Column("result", JSONB, nullable=False),
    )
    # immutability in the database too: scores of a snapshot are never updated
    op.execute("""
        CREATE OR REPLACE FUNCTION transparency_rating_entry_immutable() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'rating snapshots are immutable'; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER transparency_rating_entry_no_update BEFORE UPDATE
            ON transparency_rating_entry FOR EACH ROW
            EXECUTE FUNCTION transparency_rating_entry_immutable();
    """)


def downgrade():
    op.drop_table("transparency_rating_entry")
    op.execute("DROP FUNCTION IF EXISTS transparency_rating_entry_immutable()")
    op.drop_table("transparency_rating_snapshot")
