"""The stored documents (what `fl` returns) are kept as the portal compresses them
(document.packed: JSON, zlib) instead of as jsonb, which PostgreSQL parsed and compressed on
every write. Existing rows keep their JSON, as bytes, until they are indexed again
(document.stored_json reads both); no re-index is needed. The downgrade turns every document
back into jsonb, in batches.

Revision ID: 0006_packed_documents
Revises: 0005_narrow_rows
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

from ckanext.transparency.search import document

revision = "0006_packed_documents"
down_revision = "0005_narrow_rows"
branch_labels = None
depends_on = None

S = "transparency_search"
BATCH = 1000


def upgrade():
    op.execute(f"ALTER TABLE {S}.stored ALTER COLUMN doc TYPE bytea "
               "USING convert_to(doc::text, 'UTF8')")


def downgrade():
    bind = op.get_bind()
    op.execute(f"ALTER TABLE {S}.stored ADD COLUMN json_doc jsonb")
    last = ""
    while True:
        rows = bind.execute(sa.text(
            f"SELECT index_id, doc FROM {S}.stored WHERE index_id > :last "
            "ORDER BY index_id LIMIT :batch"), {"last": last, "batch": BATCH}).fetchall()
        if not rows:
            break
        bind.execute(sa.text(f"UPDATE {S}.stored SET json_doc = CAST(:doc AS jsonb) "
                             "WHERE index_id = :index_id"),
                     [{"index_id": index_id, "doc": document.stored_json(doc).decode("utf-8")}
                      for index_id, doc in rows])
        last = rows[-1][0]
    op.execute(f"""
    ALTER TABLE {S}.stored DROP COLUMN doc;
    ALTER TABLE {S}.stored RENAME COLUMN json_doc TO doc;
    ALTER TABLE {S}.stored ALTER COLUMN doc SET NOT NULL;
    """)
