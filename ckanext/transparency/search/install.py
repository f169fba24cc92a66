"""The one deliberate seam into CKAN core: its search connection factory.

`ckan.lib.search` makes every connection with `make_connection`, imported by name into
`common`, `index`, `query` and the package itself; pointing those names at ours puts the
PostgreSQL engine behind all of CKAN's indexing and querying. The seam stays in place once
installed (CKAN's test harness unloads plugins between tests, and core keeps using search).
"""
from __future__ import annotations

import logging
from dataclasses import asdict

import ckan.lib.search as search
import ckan.lib.search.common as search_common
import ckan.lib.search.index as search_index
import ckan.lib.search.query as search_query
import ckan.plugins.toolkit as tk

from .connection import PostgresSolr
from .syntax import Limits

log = logging.getLogger(__name__)

_MODULES = (search, search_common, search_index, search_query)


def limits() -> Limits:
    prefix = "ckanext.transparency.search."
    return Limits(**{name: tk.asint(tk.config.get(prefix + name, default))
                     for name, default in asdict(Limits()).items()})


def make_connection(decode_dates: bool = True) -> PostgresSolr:
    url = tk.config.get("ckanext.transparency.search.sqlalchemy_url", "") or tk.config.get("sqlalchemy.url")
    return PostgresSolr(url, timeout=tk.config.get("solr_timeout"), decode_dates=decode_dates,
                        limits=limits(),
                        read_url=tk.config.get("ckanext.transparency.search.read_url", "") or None,
                        pool_size=tk.asint(tk.config.get("ckanext.transparency.search.pool_size", 5)))


_check_solr_schema_version = search.check_solr_schema_version


def check_schema_version(schema_file: str | None = None) -> bool:
    """CKAN checks a Solr schema at start-up; ours is the migration, so only say if it is there.
    A schema file named explicitly is still checked as CKAN does."""
    if schema_file:
        return _check_solr_schema_version(schema_file)
    try:
        make_connection().ping()
    except Exception as error:  # the app must start even before `ckan db upgrade`
        log.warning("Search index not ready: %s", error)
        return False
    return True


def install() -> None:
    for module in _MODULES:
        module.make_connection = make_connection
    search.check_solr_schema_version = check_schema_version


def is_installed() -> bool:
    return search_query.make_connection is make_connection
