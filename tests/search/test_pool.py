"""The search connection's pool size (`ckanext.transparency.search.pool_size`): how many
connections to the index's database a process keeps open once a burst of searches is over."""
from __future__ import annotations

import time
from contextlib import ExitStack

import pytest
from sqlalchemy import text

import ckan.model as model

from ckanext.transparency.search.connection import close_pools
from ckanext.transparency.search.install import make_connection


def _alive(backends: set[int]) -> int:
    """How many of these backends (pids) the server still runs: the search connections of this
    process only (a web server or worker of another test may hold ones of its own)."""
    with model.meta.engine.connect() as connection:  # a transaction of its own: a fresh view
        return connection.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ckan-search' "
            "AND pid = ANY(:pids)"), {"pids": list(backends)}).scalar()


def _settled(backends: set[int], expected: int) -> int:
    """The count once the server has ended the backends of connections the pool closed."""
    deadline = time.monotonic() + 10
    while (found := _alive(backends)) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


@pytest.mark.parametrize("pool_size", [2, 7])
@pytest.mark.usefixtures("with_plugins")
def test_the_pool_keeps_as_many_connections_as_configured(ckan_config, monkeypatch, pool_size):
    monkeypatch.setitem(ckan_config, "ckanext.transparency.search.pool_size", str(pool_size))
    close_pools()
    try:
        connection = make_connection()
        backends = set()
        with ExitStack() as burst:  # more searches at once than the pool keeps
            for _ in range(pool_size + 3):
                cursor = burst.enter_context(connection._cursor(read=True))
                cursor.execute("SELECT pg_backend_pid()")
                backends.add(cursor.fetchone()[0])
            assert len(backends) == pool_size + 3 == _alive(backends)
        assert _settled(backends, pool_size) == pool_size
    finally:
        close_pools()
