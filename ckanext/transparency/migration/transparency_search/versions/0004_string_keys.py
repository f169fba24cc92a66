"""Exact string values as "field=value" arrays (keys with a GIN index, flags without one), so
that a match needs no recheck of the row's jsonb (nor of its tsvector, which a recheck of the
row's other conditions reads too). Existing rows get their arrays from their terms here; no
re-index is needed.

Revision ID: 0004_string_keys
Revises: 0003_autocomplete_trigrams
Create Date: 2026-12-02
"""
from alembic import op

from ckanext.transparency.search import fields

revision = "0004_string_keys"
down_revision = "0003_autocomplete_trigrams"
branch_labels = None
depends_on = None

S = "transparency_search"


def _elements(flags: bool) -> str:
    """The array of a row's string values (fields.key), as document.build_row makes it."""
    not_strings = ", ".join(f"'{name}'" for name in sorted(fields._DATE_FIELDS | fields._INT_FIELDS))
    flag_fields = ", ".join(f"'{name}'" for name in sorted(fields.FLAG_FIELDS))
    return f"""ARRAY(SELECT DISTINCT e.k || '=' || v
                     FROM jsonb_each(terms) e(k, vs), jsonb_array_elements_text(e.vs) v
                     WHERE e.k NOT IN ({not_strings}) AND e.k NOT LIKE '%\\_date'
                       AND {'' if flags else 'NOT'} e.k IN ({flag_fields})
                       AND octet_length(e.k || '=' || v) <= {fields.MAX_KEY_BYTES})"""


def upgrade():
    op.execute(f"""
    ALTER TABLE {S}.document ADD COLUMN keys text[] NOT NULL DEFAULT '{{}}',
                             ADD COLUMN flags text[] NOT NULL DEFAULT '{{}}';
    UPDATE {S}.document SET keys = {_elements(False)}, flags = {_elements(True)};
    CREATE INDEX document_keys_idx ON {S}.document USING gin (keys);
    """)


def downgrade():
    op.execute(f"""
    DROP INDEX {S}.document_keys_idx;
    ALTER TABLE {S}.document DROP COLUMN keys, DROP COLUMN flags;
    """)
