"""The DataStore alias lookup under a full connection pool (issue 12, item 19): CKAN 2.12 read
its row after handing the connection back, and a pool that closed it made datastore_search
fail with "cursor already closed" under concurrent load."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.datastore.backend import DatastoreBackend
from ckanext.datastore.backend import postgres as datastore_postgres

from ckanext.transparency.datastore_backend import PortalDatastoreBackend


@pytest.fixture
def small_pool(ckan_config, monkeypatch):
    """DataStore engines that keep one idle connection and may open more (the portal's
    default opens none beyond its pool), made afresh."""
    monkeypatch.setitem(ckan_config, "ckan.datastore.sqlalchemy.pool_size", 1)
    monkeypatch.setitem(ckan_config, "ckan.datastore.sqlalchemy.max_overflow", 5)
    datastore_postgres._dispose_engines()
    yield
    datastore_postgres._dispose_engines()


@pytest.fixture
def table(with_plugins, clean_db, clean_index):
    admin = factories.Sysadmin()
    dataset = factories.Dataset(user=admin)
    created = call_action("datastore_create", context={"user": admin["name"]},
                          resource={"package_id": dataset["id"]},
                          fields=[{"id": "yil", "type": "int"}],
                          records=[{"yil": 2025}, {"yil": 2026}])
    return {"id": created["resource_id"]}


def test_the_portal_backend_is_the_active_one(table):
    assert isinstance(DatastoreBackend.get_active_backend(), PortalDatastoreBackend)


def test_search_while_another_request_returns_its_connection(table, small_pool):
    engine = DatastoreBackend.get_active_backend()._get_read_engine()
    other_request = engine.connect()  # the one connection the pool keeps is out

    def other_request_ends(*_):
        # The search has just taken a second connection: when it gives that one back, the
        # pool already holds as many idle connections as it keeps, so it closes it.
        other_request.close()

    event.listen(engine, "checkout", other_request_ends, once=True)
    result = call_action("datastore_search", resource_id=table["id"], sort="_id")
    assert [r["yil"] for r in result["records"]] == [2025, 2026]


def test_the_pool_never_closes_a_connection_it_gets_back(table):
    pool = DatastoreBackend.get_active_backend()._get_read_engine().pool
    assert pool.overflow() <= 0 and pool._max_overflow == 0


def test_an_unknown_table_is_still_not_found(table):
    from ckan.logic import NotFound
    with pytest.raises(NotFound):
        call_action("datastore_search", resource_id="no-such-table")
