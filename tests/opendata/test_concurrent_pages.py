"""Every kind of page, file and API answer of the open data, loaded by 20 clients at once on a
threaded server (`ckan run`, as the e2e tests serve) and on gunicorn's worker processes (as
`make up` serves): no 5xx (issue 12, item 19: the budget page answered 500 "cursor already
closed" under load on the threaded server)."""
from __future__ import annotations

import collections
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ckan.common import config
from ckan.tests.helpers import call_action

from tests import live

from .test_pages import published  # noqa: F401 - the fixture

pytestmark = pytest.mark.system

CLIENTS = 20
SECONDS = 10
LOGS = Path(__file__).resolve().parents[2] / "var" / "load"


def _addresses(published: dict) -> list[str]:  # noqa: F811
    budget = call_action("package_show", id=published["budget-execution"]["id"])
    resource = budget["resources"][0]["id"]
    procurement = published["procurement"]["name"]
    return ["/", "/dataset/", f"/dataset/{budget['name']}",
            f"/dataset/{budget['name']}/resource/{resource}",
            "/open-data", "/open-data/budget", "/open-data/procurement", "/open-data/projects",
            "/open-data/appeals", "/ru/open-data/budget", "/uz_Cyrl/open-data/projects",
            f"/datastore/dump/{resource}?format=csv", f"/datastore/dump/{resource}?format=xlsx",
            f"/datastore/dump/{resource}?format=json&labels=true",
            f"/api/3/action/datastore_search?resource_id={resource}&limit=5",
            f"/api/3/action/datastore_info?id={resource}",
            "/api/3/action/package_search?q=byudjet",
            f"/dataset/{procurement}/ocds.json", f"/dataset/{procurement}/ocds.xlsx",
            "/appeals", "/appeals/new", "/appeals/statistics", "/consultations", "/dialogue",
            "/rating", "/organization/"]


def _load(base: str, addresses: list[str]) -> collections.Counter:
    statuses: collections.Counter = collections.Counter()
    lock = threading.Lock()
    end = time.monotonic() + SECONDS

    def client(offset: int) -> None:
        n = offset
        while time.monotonic() < end:
            address = addresses[n % len(addresses)]
            n += 1
            try:
                with urllib.request.urlopen(base + address, timeout=60) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            with lock:
                statuses[(status, address if status >= 500 else "")] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.usefixtures("clean")
@pytest.mark.parametrize("server", [live.threaded, live.processes],
                         ids=["threads", "processes"])
def test_no_page_fails_under_concurrent_load(published, server, capsys):  # noqa: F811
    addresses = _addresses(published)
    with live.serve(server, config["__file__"], LOGS / f"{server.__name__}.log") as base:
        for address in addresses:  # each answers on its own first
            with urllib.request.urlopen(base + address, timeout=60) as response:
                assert response.status == 200, address
        statuses = _load(base, addresses)
    failed = {f"{status} {address}": count for (status, address), count in statuses.items()
              if status >= 500}
    with capsys.disabled():
        print(f"\n[load] {server.__name__}: {sum(statuses.values())} requests by {CLIENTS} "
              f"clients in {SECONDS} s, failed: {failed or 'none'}")
    assert not failed
