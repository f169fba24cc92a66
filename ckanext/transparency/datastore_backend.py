"""CKAN's PostgreSQL DataStore backend, safe under concurrent requests.

CKAN 2.12's backend often reads a result after its `with engine.connect()` block has handed the
connection back to the pool (`resource_id_from_alias` behind datastore_search and
/datastore/dump, `resource_fields` behind datastore_info, `resource_exists`). When more
connections were out at once than the pool keeps (`pool_size`; a threaded server under load),
the pool closes a connection it gets back, which closes the cursor too, and the request fails
with psycopg2's "cursor already closed". A pool without overflow never closes a connection it
gets back: beyond `pool_size`, a request waits for a connection (`pool_timeout`) instead. The
alias lookup, on the path of every DataStore read, also fetches its row before letting go.
The transparency_opendata plugin registers this class for the postgresql URLs.
"""
from __future__ import annotations

import sqlalchemy as sa

from ckanext.datastore.backend.postgres import DatastorePostgresqlBackend

POOL_DEFAULTS = {"ckan.datastore.sqlalchemy.max_overflow": 0,
                 "ckan.datastore.sqlalchemy.pool_size": 10}
_ALIAS_OF = sa.text('SELECT alias_of FROM "_table_metadata" WHERE name = :id')


class PortalDatastoreBackend(DatastorePostgresqlBackend):

    def configure(self, config):
        for key, value in POOL_DEFAULTS.items():
            config.setdefault(key, value)
        return super().configure(config)

    def resource_id_from_alias(self, alias: str) -> tuple[bool, str | None]:
        with self._get_read_engine().connect() as connection:
            row = connection.execute(_ALIAS_OF, {"id": alias}).first()
        return (True, row[0]) if row else (False, None)


BACKENDS = {"postgresql": PortalDatastoreBackend, "postgres": PortalDatastoreBackend}
