"""Create the search index table and its indexes.

Revision ID: 0001_create_document
Revises:
Create Date: 2026-11-26
"""
from alembic import op

revision = "0001_create_document"
down_revision = None
branch_labels = None
depends_on = None

S = "transparency_search"


def upgrade():
    op.execute(f"""
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    -- Casts that give NULL instead of an error, immutable so that indexes can use them:
    -- index values are ISO dates in UTC (with Z) and plain numbers.
    CREATE FUNCTION {S}.to_ts(value text) RETURNS timestamptz
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
        RETURN value::timestamptz;
    EXCEPTION WHEN others THEN
        RETURN NULL;
    END $$;

    CREATE FUNCTION {S}.to_num(value text) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
        RETURN value::double precision;
    EXCEPTION WHEN others THEN
        RETURN NULL;
    END $$;

    CREATE SEQUENCE {S}.document_seq;

    CREATE TABLE {S}.document (
        index_id text PRIMARY KEY,
        site_id  text NOT NULL,
        seq      bigint NOT NULL DEFAULT nextval('{S}.document_seq'),
        doc      jsonb NOT NULL,
        terms    jsonb NOT NULL,
        tokens   jsonb NOT NULL,
        texts    jsonb NOT NULL,
        tsv      tsvector NOT NULL
    );

    CREATE INDEX document_terms_idx ON {S}.document USING gin (terms jsonb_path_ops);
    CREATE INDEX document_tokens_idx ON {S}.document USING gin (tokens jsonb_path_ops);
    CREATE INDEX document_tsv_idx ON {S}.document USING gin (tsv);
    CREATE INDEX document_modified_idx
        ON {S}.document ({S}.to_ts(terms->'metadata_modified'->>0));
    CREATE INDEX document_created_idx
        ON {S}.document ({S}.to_ts(terms->'metadata_created'->>0));
    CREATE INDEX document_title_idx
        ON {S}.document ((terms->'title_string'->>0) COLLATE "C");
    CREATE INDEX document_name_idx ON {S}.document ((terms->'name'->>0) COLLATE "C");
    """)


def downgrade():
    op.execute(f"""
    DROP TABLE {S}.document;
    DROP SEQUENCE {S}.document_seq;
    DROP FUNCTION {S}.to_ts(text);
    DROP FUNCTION {S}.to_num(text);
    """)
