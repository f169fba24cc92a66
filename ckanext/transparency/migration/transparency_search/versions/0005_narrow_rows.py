"""Rows that a search reads stay small: the wide columns that only their indexes or a page
of results read (tokens, texts, the full vector, keys) move out of line into the table's
TOAST, and a small vector of the title, name, tags, groups and organization words (`head`,
the A and B classes of `tsv`) stays in the row, so that a query with many hits counts and
pre-ranks them from fewer pages and reads the full vector only for the candidates of its page
(planner.py). `terms` stays in the row (MAIN): facets, sorts and date ranges read it for
every hit, and out of line each read is a lookup in the TOAST table. Existing rows are rewritten here
(the generated column rewrites the table); no re-index is needed.

Revision ID: 0005_narrow_rows
Revises: 0004_string_keys
Create Date: 2026-12-03
"""
from alembic import op

revision = "0005_narrow_rows"
down_revision = "0004_string_keys"
branch_labels = None
depends_on = None

S = "transparency_search"
OUT_OF_LINE = ("tokens", "texts", "tsv", "keys")


def upgrade():
    moved = ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTERNAL" for column in OUT_OF_LINE)
    op.execute(f"""
    ALTER TABLE {S}.document SET (toast_tuple_target = 128),
        {moved},
        ALTER COLUMN terms SET STORAGE MAIN,
        ALTER COLUMN flags SET STORAGE PLAIN;
    ALTER TABLE {S}.document
        ADD COLUMN head tsvector STORAGE MAIN GENERATED ALWAYS AS (ts_filter(tsv, '{{a,b}}')) STORED;
    """)


def downgrade():
    restored = ", ".join(f"ALTER COLUMN {column} SET STORAGE EXTENDED" for column in OUT_OF_LINE)
    op.execute(f"""
    ALTER TABLE {S}.document DROP COLUMN head;
    ALTER TABLE {S}.document SET (toast_tuple_target = 8160), {restored},
        ALTER COLUMN terms SET STORAGE EXTENDED, ALTER COLUMN flags SET STORAGE EXTENDED;
    """)
