"""Trigram indexes on the name and the words of the title, which answer the autocomplete
fields name_ngram and title_ngram (any 2 to 10 letter piece of them).

Revision ID: 0003_autocomplete_trigrams
Revises: 0002_safe_to_num
Create Date: 2026-12-02
"""
from alembic import op

revision = "0003_autocomplete_trigrams"
down_revision = "0002_safe_to_num"
branch_labels = None
depends_on = None

S = "transparency_search"


def upgrade():
    op.execute(f"""
    CREATE INDEX document_name_trgm_idx
        ON {S}.document USING gin ((terms->'name'->>0) gin_trgm_ops);
    CREATE INDEX document_title_words_trgm_idx
        ON {S}.document USING gin ((texts->>'title') gin_trgm_ops);
    """)


def downgrade():
    op.execute(f"""
    DROP INDEX {S}.document_name_trgm_idx;
    DROP INDEX {S}.document_title_words_trgm_idx;
    """)
