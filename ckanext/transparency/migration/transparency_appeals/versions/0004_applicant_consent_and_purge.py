"""The applicant's consent to the processing of personal data (Law ZRU-547), when it was given;
and when the personal data of a completed appeal was removed after the retention period.

Revision ID: 0004_applicant_consent_and_purge
Revises: 0003_applicant_language
"""
from alembic import op

revision = "0004_applicant_consent_and_purge"
down_revision = "0003_applicant_language"
branch_labels = None
depends_on = None


def upgrade():
    # appeals stored before the form asked for consent have none recorded (NULL)
    op.execute("ALTER TABLE appeal_applicant ADD COLUMN consent_at timestamp without time zone")
    op.execute("ALTER TABLE appeal_applicant ADD COLUMN purged_at timestamp without time zone")


def downgrade():
    op.execute("ALTER TABLE appeal_applicant DROP COLUMN purged_at")
    op.execute("ALTER TABLE appeal_applicant DROP COLUMN consent_at")
