"""CKAN's PostgreSQL DataStore backend, with its alias lookup reading its row while it still
holds the connection.

CKAN 2.12's `resource_id_from_alias` (behind datastore_search, datastore_info and
/datastore/dump) fetches the row after the `with engine.connect()` block has handed the
connection back to the pool. When more connections were out at once than the pool keeps
(`ckan.datastore.sqlalchemy.pool_size`, 5: a threaded server under load), the pool closes the
connection it gets back, which closes the cursor too, and the request fails with psycopg2's
"cursor already closed". The transparency_opendata plugin registers this class for the postgresql URLs.
"""
from __future__ import annotations

import sqlalchemy as sa

from ckanext.datastore.backend.postgres import DatastorePostgresqlBackend

_ALIAS_OF = sa.text('SELECT alias_of FROM "_table_metadata" WHERE name = :id')


class PortalDatastoreBackend(DatastorePostgresqlBackend):

    def resource_id_from_alias(self, alias: str) -> tuple[bool, str | None]:
        with self._get_read_engine().connect() as connection:
            row = connection.execute(_ALIAS_OF, {"id": alias}).first()
        return (True, row[0]) if row else (False, None)


BACKENDS = {"postgresql": PortalDatastoreBackend, "postgres": PortalDatastoreBackend}
