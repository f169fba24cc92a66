"""The suite on several processes (tests/plugins/xdist_workers.py, scripts/portal.py): each
worker's settings name its own databases, Redis database and storage, and `scripts/portal.py
test` copies the databases for as many workers as pytest is asked for."""
import sys
from pathlib import Path

import pytest

from ckan.common import config

from .plugins.xdist_workers import worker, worker_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import portal  # noqa: E402  (scripts/portal.py)

SETTINGS = {
    "sqlalchemy.url": "postgresql://ckan_default:pw@127.0.0.1:5432/ckan_test",
    "ckan.datastore.write_url": "postgresql://ckan_default:pw@127.0.0.1:5432/datastore_test",
    "ckan.datastore.read_url": "postgresql://datastore_default:ro@127.0.0.1:5432/datastore_test",
    "ckanext.transparency.search.read_url": "postgresql://ckan_default:pw@127.0.0.1:6543/ckan_test",
    "ckan.redis.url": "redis://127.0.0.1:6379/1",
    "ckan.storage_path": "/srv/var/test-storage",
    "ckan.site_url": "http://test.ckan.net",
    "ckan.plugins": "transparency_search",
}


def test_each_worker_has_databases_redis_and_storage_of_its_own():
    first, second = worker_settings(SETTINGS, "gw0"), worker_settings(SETTINGS, "gw1")
    assert first == {
        "sqlalchemy.url": "postgresql://ckan_default:pw@127.0.0.1:5432/ckan_test_gw0",
        "ckan.datastore.write_url":
            "postgresql://ckan_default:pw@127.0.0.1:5432/datastore_test_gw0",
        "ckan.datastore.read_url":
            "postgresql://datastore_default:ro@127.0.0.1:5432/datastore_test_gw0",
        "ckanext.transparency.search.read_url":
            "postgresql://ckan_default:pw@127.0.0.1:6543/ckan_test_gw0",
        "ckan.redis.url": "redis://127.0.0.1:6379/2",
        "ckan.storage_path": "/srv/var/test-storage-gw0",
    }
    assert second["sqlalchemy.url"].endswith("/ckan_test_gw1")
    assert second["ckan.redis.url"] == "redis://127.0.0.1:6379/3"
    assert second["ckan.storage_path"] == "/srv/var/test-storage-gw1"


def test_more_workers_than_redis_has_databases_is_refused():
    with pytest.raises(pytest.UsageError, match="16 databases"):
        worker_settings(SETTINGS, "gw14")


@pytest.mark.parametrize("args, workers", [
    (["tests"], 0), (["-n", "2", "--dist", "loadfile", "tests"], 2), (["-n3", "tests"], 3),
    (["--numprocesses=4"], 4), (["-k", "n", "tests/dialogue"], 0)])
def test_the_test_command_prepares_databases_for_the_workers_asked_for(args, workers):
    assert portal.xdist_workers(args) == workers


def test_a_worker_runs_on_its_own_databases():
    if not worker():
        pytest.skip("not run by an xdist worker (make test runs -n 2)")
    assert config["sqlalchemy.url"].endswith(f"/ckan_test_{worker()}")
    assert config["ckan.datastore.write_url"].endswith(f"/datastore_test_{worker()}")
