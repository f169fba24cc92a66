"""The language the applicant wrote in: later e-mails about the appeal are written in it.

Revision ID: 0003_applicant_language
Revises: 0002_statistic_rollup_compact
"""
from alembic import op

revision = "0003_applicant_language"
down_revision = "0002_statistic_rollup_compact"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE appeal_applicant ADD COLUMN language text NOT NULL DEFAULT ''")


def downgrade():
    op.execute("ALTER TABLE appeal_applicant DROP COLUMN language")
