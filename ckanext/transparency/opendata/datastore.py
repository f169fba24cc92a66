"""Loading a table into the DataStore as UTF-8: typed by its table schema (typed datasets) or
all text (any other data file, as xloader loads it).

A new version of a resource's data is loaded into a staging table inside one DataStore
transaction, while the published table stays as it is. The staging table then takes the
published one's place (drop and rename) in that same transaction, still uncommitted, before the
resource itself is saved; only once the resource is saved is the transaction committed. On any
failure before that it is rolled back and nothing published has changed; what is left after
the resource is saved is the commit alone, so the resource cannot end up pointing at a table
that a failed rename left missing.
"""
from __future__ import annotations

import re
import tempfile
import uuid
from typing import Any, IO

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckanext.datastore.backend import postgres as backend
from psycopg2 import DataError, IntegrityError

from . import tableschema

SPOOL_BYTES = 8 * 1024 * 1024
_COPY_CONTEXT = re.compile(r"COPY [^,]+, line (\d+)(?:, column ([^:]+))?")
_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})
_OUT_OF_RANGE = "22003"


def available() -> bool:
    try:
        tk.get_action("datastore_create")
    except KeyError:
        return False
    return True


class LoadFailed(Exception):
    """PostgreSQL refused a value: the record (numbered from 1) and field, when it says."""

    def __init__(self, record: int | None, field: str | None, out_of_range: bool):
        super().__init__(record, field)
        self.record, self.field, self.out_of_range = record, field, out_of_range


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    return str(value).translate(_ESCAPES)


class RecordFile:
    """Typed records written as the lines of a PostgreSQL COPY (text format), kept in memory
    up to SPOOL_BYTES and on disk past that. Every record has the same fields, in order."""

    def __init__(self):
        self.names: list[str] = []
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)

    def write(self, record: dict) -> None:
        if not self.names:
            self.names = list(record)
        line = "\t".join(_copy_value(record.get(name)) for name in self.names)
        self.file.write(line.encode("utf-8") + b"\n")

    def close(self) -> None:
        self.file.close()


def typed_fields(fields: list[dict]) -> list[dict]:
    """The DataStore fields of a table schema's fields."""
    return [{"id": f["name"], "type": tableschema.datastore_type(f),
             "info": {"label": tableschema.label(f, "uz"), "notes": f.get("unit", "")}}
            for f in fields]


def text_fields(names: list[str]) -> list[dict]:
    return [{"id": name, "type": "text"} for name in names]


class StagedTable:
    """A new version of a resource's DataStore table, loaded but not yet published."""

    def __init__(self, fields: list[dict]):
        """`fields`: DataStore fields (id, type, info)."""
        self._backend = backend
        self.name = f"_staging_{uuid.uuid4().hex}"
        engine = backend.get_write_engine()
        backend._cache_types(engine)
        self.connection = engine.connect()
        self.transaction = self.connection.begin()
        context = {"connection": self.connection}
        backend.create_table(context, {"resource_id": self.name,
                                       "fields": fields}, {})
        backend._create_fulltext_trigger(self.connection, self.name)

    def load(self, records: RecordFile) -> None:
        """COPY the records in; LoadFailed names the record and field PostgreSQL refused."""
        records.file.seek(0)
        if not records.names:
            return self._index()
        columns = ", ".join(self._backend.identifier(n) for n in records.names)
        sql = f"COPY {self._backend.identifier(self.name)} ({columns}) FROM STDIN"
        cursor = self.connection.connection.dbapi_connection.cursor()
        try:
            cursor.copy_expert(sql, records.file)
        except (DataError, IntegrityError) as error:
            match = _COPY_CONTEXT.search(getattr(error.diag, "context", None) or "")
            raise LoadFailed(int(match.group(1)) if match else None,
                             match.group(2) if match else None,
                             error.pgcode == _OUT_OF_RANGE) from None
        finally:
            cursor.close()
        self._index()

    def _index(self) -> None:
        self._backend.create_indexes({"connection": self.connection},
                                     {"resource_id": self.name})

    def swap(self, resource_id: str) -> None:
        """Put the staged table in the place of the resource's table, uncommitted: readers
        see the published table until `commit`; `discard` brings it back."""
        table = self._backend.identifier(resource_id)
        self.connection.execute(sa.text(f"DROP TABLE IF EXISTS {table} CASCADE"))
        self.connection.execute(sa.text(
            f"ALTER TABLE {self._backend.identifier(self.name)} RENAME TO {table}"))

    def commit(self) -> None:
        self.transaction.commit()
        self.connection.close()

    def discard(self) -> None:
        if self.transaction.is_active:
            self.transaction.rollback()
        self.connection.close()
