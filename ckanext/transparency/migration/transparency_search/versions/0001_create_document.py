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
    op.execute(rf"""
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    -- Casts for range queries on values of any field: NULL for a value that is not a date
    -- (or a number), checked by pattern rather than by catching errors (a subtransaction
    -- per row). Date fields proper are compared as fixed-width UTC text instead.
    CREATE FUNCTION {S}.to_ts(value text) RETURNS timestamptz
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
        IF value ~ '^\d{{4}}-\d{{2}}-\d{{2}}([T ]\d{{2}}:\d{{2}}(:\d{{2}}(\.\d+)?)?)?(Z|[+-]\d{{2}}(:?\d{{2}})?)?$'
           AND substr(value, 6, 2)::int BETWEEN 1 AND 12
           AND substr(value, 9, 2)::int BETWEEN 1 AND 28 + (CASE WHEN substr(value, 6, 2) = '02' THEN 1 ELSE 3 END)
        THEN
            RETURN value::timestamptz;
        END IF;
        RETURN NULL;
    END $$;

    CREATE FUNCTION {S}.to_num(value text) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
        IF value ~ '^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$' THEN
            RETURN value::double precision;
        END IF;
        RETURN NULL;
    END $$;

    CREATE SEQUENCE {S}.document_seq;

    -- What queries read, kept narrow so that a row stays in its heap page; the stored
    -- document (what `fl` returns) is only read for the page of results.
    CREATE TABLE {S}.document (
        index_id text PRIMARY KEY,
        site_id  text NOT NULL,
        seq      bigint NOT NULL DEFAULT nextval('{S}.document_seq'),
        terms    jsonb NOT NULL,
        tokens   jsonb NOT NULL,
        texts    jsonb NOT NULL,
        tsv      tsvector NOT NULL
    ) WITH (toast_tuple_target = 8160);

    CREATE TABLE {S}.stored (
        index_id text PRIMARY KEY REFERENCES {S}.document ON DELETE CASCADE,
        doc      jsonb NOT NULL
    );

    CREATE INDEX document_terms_idx ON {S}.document USING gin (terms jsonb_path_ops);
    CREATE INDEX document_tokens_idx ON {S}.document USING gin (tokens jsonb_path_ops);
    CREATE INDEX document_tsv_idx ON {S}.document USING gin (tsv);
    CREATE INDEX document_modified_idx
        ON {S}.document ((terms->'metadata_modified'->>0) COLLATE "C");
    CREATE INDEX document_created_idx
        ON {S}.document ((terms->'metadata_created'->>0) COLLATE "C");
    CREATE INDEX document_title_idx
        ON {S}.document ((terms->'title_string'->>0) COLLATE "C");
    CREATE INDEX document_name_idx ON {S}.document ((terms->'name'->>0) COLLATE "C");
    """)


def downgrade():
    op.execute(rf"""
    DROP TABLE {S}.stored;
    DROP TABLE {S}.document;
    DROP SEQUENCE {S}.document_seq;
    DROP FUNCTION {S}.to_ts(text);
    DROP FUNCTION {S}.to_num(text);
    """)
