"""to_num gives NULL, not an error, for a stored number a double cannot hold (1e999), so that
a range query on a field holding one is not refused for a dataset's value.

Revision ID: 0002_safe_to_num
Revises: 0001_create_document
Create Date: 2026-12-02
"""
from alembic import op

revision = "0002_safe_to_num"
down_revision = "0001_create_document"
branch_labels = None
depends_on = None

S = "transparency_search"


def upgrade():
    op.execute(rf"""
    CREATE OR REPLACE FUNCTION {S}.to_num(value text) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
        -- at most 200 digits on either side of the point and a two-digit exponent: always
        -- within the range of a double (about 1e-307 to 1e308)
        IF value ~ '^\s*[+-]?(\d{{1,200}}\.?\d{{0,200}}|\.\d{{1,200}})([eE][+-]?\d{{1,2}})?\s*$' THEN
            RETURN value::double precision;
        END IF;
        RETURN NULL;
    END $$;
    """)


def downgrade():
    op.execute(rf"""
    CREATE OR REPLACE FUNCTION {S}.to_num(value text) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
        IF value ~ '^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$' THEN
            RETURN value::double precision;
        END IF;
        RETURN NULL;
    END $$;
    """)
