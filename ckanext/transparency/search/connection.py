"""A pysolr-compatible connection whose index is a PostgreSQL table.

CKAN talks to its search backend through `pysolr.Solr` objects made by
`ckan.lib.search.common.make_connection`: add, delete, commit and search returning
`pysolr.Results` (hits, docs, facets). `PostgresSolr` offers that interface, so that every line
of CKAN's index and query building (permission labels, facets, drafts, private datasets) stays
CKAN's own. Writes are committed at once, as a Solr with an immediate soft commit would do.
What a search runs is decided by the query planner (planner.py); this module holds the
connections, runs the statements and turns database errors into Solr's.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

import psycopg2
import psycopg2.extras
import pysolr
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from ckan.lib.search.common import SearchQueryError, solr_datetime_decoder
from ckan.plugins import toolkit as tk

from . import document, syntax
from .document import STORED, TABLE
from .planner import as_list, build_search, where_clause

log = logging.getLogger(__name__)

MISSING_TABLE_HINT = ("the search index table {table} does not exist: run "
                      "`ckan db upgrade -p transparency_search`")

_pools: dict[tuple[int, str, int], Engine] = {}
_pools_lock = threading.Lock()


def libpq_url(url: str) -> str:
    """A SQLAlchemy URL (postgresql+psycopg2://...) as libpq reads it."""
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)


def _redacted(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def _pool(url: str, timeout: float | None, pool_size: int) -> Engine:
    key = (os.getpid(), url, pool_size)  # a forked worker opens its own connections
    with _pools_lock:
        if key not in _pools:
            # one search is one short statement: parallel workers cost more than they save.
            # A row's vector and values are out of line (migration 0005), which the planner
            # does not count when it weighs scanning every row against the indexes; and a
            # bitmap of hits that outgrows work_mem turns lossy, so that every row of its pages
            # is checked again on the out-of-line vector (at 1,000,000 documents, 180,000 hits:
            # 2.2 million pages read with 4 MB, 83,000 with enough).
            options = (f"-c statement_timeout={int((timeout or 60) * 1000)} "
                       "-c max_parallel_workers_per_gather=0 -c enable_seqscan=off "
                       "-c work_mem=32MB")
            engine = create_engine(
                libpq_url(url), pool_size=pool_size, max_overflow=30, pool_pre_ping=True,
                hide_parameters=True,
                connect_args={"options": options, "application_name": "ckan-search"})
            # every statement is its own transaction, but for add()'s explicit BEGIN/COMMIT
            event.listen(engine, "connect",
                         lambda dbapi_connection, _: setattr(dbapi_connection, "autocommit", True))
            _pools[key] = engine
        return _pools[key]


def close_pools() -> None:
    with _pools_lock:
        for pool in _pools.values():
            pool.dispose()
        _pools.clear()


def _primary(error: Exception) -> str:
    """The first line of a database error: what went wrong, without the values of a row."""
    diag = getattr(error, "diag", None)
    return (getattr(diag, "message_primary", None) or str(error).strip().splitlines()[0])



class PostgresSolr:
    """The subset of pysolr.Solr that CKAN and its extensions use."""

    def __init__(self, url: str, timeout: float | None = None, decode_dates: bool = True,
                 limits: syntax.Limits = syntax.Limits(), read_url: str | None = None,
                 pool_size: int = 5):
        self.db_url = url
        self.read_url = read_url or url  # queries; index writes always go to `url`
        self.limits = limits
        self.url = _redacted(libpq_url(url)) + "#" + TABLE
        self.timeout = timeout
        self.decode_dates = decode_dates
        self.pool_size = pool_size  # connections kept open per database

    @contextmanager
    def _cursor(self, read: bool = False) -> Iterator[Any]:
        """A pooled cursor, on the read-only copy for queries (`read`). Errors name no
        connection details (the user sees them): those go to the log only."""
        try:
            conn = _pool(self.read_url if read else self.db_url, self.timeout,
                         self.pool_size).raw_connection()
        except (psycopg2.OperationalError, OperationalError) as error:
            log.error("Search index: cannot connect to %s: %s", self.url, error)
            raise pysolr.SolrError("Failed to connect to server (the search index database); "
                                   "see the server log") from None
        broken = False
        try:
            with conn.cursor() as cursor:
                yield cursor
        except psycopg2.errors.UndefinedTable:
            raise pysolr.SolrError(MISSING_TABLE_HINT.format(table=TABLE)) from None
        except psycopg2.errors.QueryCanceled:
            raise pysolr.SolrError("Search timed out") from None
        except psycopg2.errors.InvalidRegularExpression as error:
            raise SearchQueryError(tk._("Invalid regular expression: {error}").format(
                error=_primary(error))) from None
        except psycopg2.DataError as error:
            raise SearchQueryError(tk._("Invalid search value: {error}").format(
                error=_primary(error))) from None
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as error:
            broken = bool(getattr(conn, "closed", True))
            if not broken and isinstance(error, psycopg2.OperationalError) and error.pgcode:
                # a statement the server refused (e.g. a limit), not a lost connection
                log.error("Search index refused a statement: %s", _primary(error))
                raise pysolr.SolrError(f"The search index refused the request: {_primary(error)}") from None
            broken = True
            log.error("Search index: connection to %s failed: %s", self.url, error)
            raise pysolr.SolrError("Connection to server (the search index database) failed; "
                                   "see the server log") from None
        except psycopg2.Error as error:
            log.error("Search index error: %s", _primary(error))
            raise pysolr.SolrError(f"The search index refused the request: {_primary(error)}") from None
        finally:
            if broken:
                conn.invalidate()
            conn.close()  # back to the pool

    # -- writing ------------------------------------------------------------------------------
    def add(self, docs: Iterable[dict[str, Any]], boost: Any = None, fieldUpdates: Any = None,
            commit: bool | None = None, softCommit: bool = False, commitWithin: Any = None,
            waitFlush: Any = None, waitSearcher: Any = None, overwrite: bool = True,
            handler: str = "update", min_score: Any = None) -> str:
        return self.write_rows([document.build_row(doc) for doc in docs])

    def write_rows(self, rows: list[dict[str, Any]]) -> str:
        """Write index rows made by document.build_row, in one statement."""
        if not rows:
            return ""
        for row in rows:
            if not row["index_id"]:
                raise pysolr.SolrError("Document is missing mandatory uniqueKey field: index_id")
        # one statement (so one transaction) writes both tables
        with self._cursor() as cursor:
            psycopg2.extras.execute_values(
                cursor,
                f"""WITH input (index_id, site_id, terms, tokens, texts, tsv, keys, flags, doc)
                    AS (VALUES %s),
                    written AS (
                        INSERT INTO {TABLE} AS t (index_id, site_id, terms, tokens, texts, tsv,
                                                  keys, flags)
                        SELECT index_id, site_id, terms, tokens, texts, tsv, keys, flags
                        FROM input
                        ON CONFLICT (index_id) DO UPDATE SET
                            site_id = EXCLUDED.site_id, terms = EXCLUDED.terms,
                            tokens = EXCLUDED.tokens, texts = EXCLUDED.texts, tsv = EXCLUDED.tsv,
                            keys = EXCLUDED.keys, flags = EXCLUDED.flags,
                            seq = nextval('transparency_search.document_seq')
                        RETURNING index_id)
                    INSERT INTO {STORED} (index_id, doc)
                    SELECT input.index_id, input.doc FROM input JOIN written USING (index_id)
                    ON CONFLICT (index_id) DO UPDATE SET doc = EXCLUDED.doc""",
                [(r["index_id"], r["site_id"], r["terms"], r["tokens"], r["texts"], r["tsv"],
                  r["keys"], r["flags"], r["doc"]) for r in rows],
                template="(%s, %s, %s::jsonb, %s::jsonb, %s::jsonb, %s::tsvector, %s::text[], "
                         "%s::text[], %s)",
                page_size=len(rows))
        return json.dumps({"responseHeader": {"status": 0}})

    def delete(self, id: Any = None, q: str | None = None, commit: bool | None = None,
               softCommit: bool = False, waitFlush: Any = None, waitSearcher: Any = None,
               handler: str = "update") -> str:
        if id is None and q is None:
            raise ValueError('You must specify "id" or "q".')
        if id is not None and q is not None:
            raise ValueError('You many only specify "id" OR "q", not both.')
        with self._cursor() as cursor:
            if id is not None:
                cursor.execute(f"DELETE FROM {TABLE} WHERE index_id = ANY(%s)",
                               ([str(i) for i in as_list(id)],))
            else:
                params: dict[str, Any] = {}
                condition = where_clause([q], {}, params)[0]
                cursor.execute(f"DELETE FROM {TABLE} d WHERE {condition}", params)
        return json.dumps({"responseHeader": {"status": 0}})

    def commit(self, *args: Any, **kwargs: Any) -> str:
        """Writes are visible when they return; nothing is left to commit."""
        return json.dumps({"responseHeader": {"status": 0}})

    def optimize(self, *args: Any, **kwargs: Any) -> str:
        with self._cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")
        return json.dumps({"responseHeader": {"status": 0}})

    def ping(self, handler: str = "admin/ping", **kwargs: Any) -> str:
        with self._cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {TABLE} LIMIT 1")
        return json.dumps({"status": "OK"})

    def extract(self, *args: Any, **kwargs: Any) -> Any:
        raise pysolr.SolrError("Content extraction is not available in the PostgreSQL search engine")

    # -- searching ----------------------------------------------------------------------------
    def search(self, q: str = "*:*", search_handler: str | None = None, **kwargs: Any) -> pysolr.Results:
        started = time.perf_counter()
        plan = build_search(q, kwargs, self.limits)
        with self._cursor(read=True) as cursor:
            cursor.execute(plan.sql, plan.params)
            hits, page, *facet_values = cursor.fetchone()
            docs = self._fetch_docs(cursor, page, kwargs.get("fl"))
        if self.decode_dates:  # as pysolr does with CKAN's decoder
            docs = [solr_datetime_decoder(doc) for doc in docs]
        decoded = {
            "responseHeader": {"status": 0, "QTime": int((time.perf_counter() - started) * 1000),
                               "params": {"q": q}},
            "response": {"numFound": hits, "start": plan.start, "docs": docs},
            "facet_counts": {"facet_fields": {
                name: [item for pair in values for item in pair]
                for name, values in zip(plan.facet_fields, facet_values)}}
            if plan.facet_fields else {},
        }
        return pysolr.Results(decoded)

    def _fetch_docs(self, cursor: Any, page: list[list[Any]], fl: Any) -> list[dict[str, Any]]:
        if not page:
            return []
        wanted = [f for item in as_list(fl) for f in re.split(r"[\s,]+", str(item)) if f]
        with_score = "score" in wanted
        wanted = [f for f in wanted if f != "score"]
        cursor.execute(f"SELECT index_id, doc FROM {STORED} WHERE index_id = ANY(%s)",
                       ([index_id for index_id, _ in page],))
        stored = {index_id: document.unpacked(doc) for index_id, doc in cursor.fetchall()}
        docs = []
        for index_id, score in page:
            if index_id not in stored:  # deleted between the two statements
                continue
            doc = document.stored_fields(stored[index_id],
                                         None if not wanted or "*" in wanted else wanted)
            if with_score:
                doc["score"] = score
            docs.append(doc)
        return docs
