"""Search queries on a read-only copy (`ckanext.transparency.search.read_url`): a second
embedded PostgreSQL, a streaming replica of the test database's server. Index writes still go
to the primary (the replica refuses writes), queries go to the replica."""
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

import ckan.lib.search.common as search_common
from ckan.tests import factories, helpers

from ckanext.transparency.search.connection import close_pools

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import services  # noqa: E402  (scripts/services.py: the embedded PostgreSQL of the tests)

pytestmark = pytest.mark.system


@pytest.fixture
def replica(ckan_config, monkeypatch):
    state = services._load_state()
    if not state.get("pg_superuser_password"):
        pytest.skip("the tests' PostgreSQL is not the embedded one")
    services.start_replica(state)
    state = services._load_state()
    url = services._pg_url(dict(state, pg_port=state["pg_replica_port"]),
                           ckan_config["sqlalchemy.url"].rsplit("/", 1)[1])
    monkeypatch.setitem(ckan_config, "ckanext.transparency.search.read_url", url)
    try:
        yield state
    finally:
        close_pools()
        services.stop_replica()
        shutil.rmtree(services._replica_data(), ignore_errors=True)
        state.pop("pg_replica_port", None)
        services._save_state(state)


def _caught_up(state: dict) -> None:
    deadline = time.monotonic() + 30
    while services.replica_lag_bytes(state) != 0:
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.2)


@pytest.mark.usefixtures("clean_db", "clean_index", "with_plugins")
def test_queries_go_to_the_replica_and_writes_to_the_primary(replica):
    factories.Dataset(name="suv-hisoboti", title="Suv hisoboti")  # an index write: primary
    _caught_up(replica)
    found = helpers.call_action("package_search", q="hisoboti")
    assert [d["name"] for d in found["results"]] == ["suv-hisoboti"]

    services.stop_replica()  # queries now fail; writes do not
    close_pools()
    with pytest.raises(search_common.SolrConnectionError):
        helpers.call_action("package_search", q="hisoboti")
    factories.Dataset(name="yana-biri")
