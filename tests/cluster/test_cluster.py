"""The scaled-out shape (scripts/cluster.py: nginx, two web nodes, two jobs workers, a
PostgreSQL primary and streaming replica, Redis), run in a var directory and on a port of its
own. While 20 clients browse, search and submit appeals, one web node is killed. Then: no GET
failed (nginx sent it to the other node), every acknowledged appeal is stored exactly once, the
replica has them too, and its lag is printed."""
from __future__ import annotations

import http.client
import json
import secrets
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import psutil
import psycopg2
import pytest

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 20
LOAD_SECONDS = 24
KILL_AFTER = 8

sys.path.insert(0, str(ROOT / "scripts"))


def _call(url: str, data: dict | None = None, token: str = "") -> tuple[int, dict | bytes]:
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={
        "Content-Type": "application/json", **({"Authorization": token} if token else {})})
    try:
        with urllib.request.urlopen(request, timeout=180) as response:
            payload = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, http.client.HTTPException) \
            as error:
        return 0, repr(error).encode()
    try:
        return status, json.loads(payload)
    except ValueError:
        return status, payload


def _kill_node(port: int) -> int:
    """SIGKILL the gunicorn master listening on `port`, and its workers."""
    for connection in psutil.net_connections("tcp"):
        if connection.laddr and connection.laddr.port == port and connection.status == "LISTEN":
            master = psutil.Process(connection.pid)
            while master.parent() and "gunicorn" in " ".join(master.parent().cmdline()):
                master = master.parent()
            victims = [master, *master.children(recursive=True)]
            for process in victims:
                process.kill()
            return len(victims)
    raise AssertionError(f"no process listens on {port}")


def test_a_web_node_dies_under_load_and_nobody_notices(cluster):
    token = cluster.ckan("user", "token", "add", "admin", "cluster-test").strip().split()[-1]
    api = f"{cluster.url}/api/3/action"
    status, org = _call(f"{api}/organization_create",
                        {"name": "water", "title": "Ichimlik suvi"}, token)
    assert status == 200, org
    status, dataset = _call(f"{api}/package_create", {
        "name": "suv-hisoboti", "title": "Suv taʼminoti hisoboti", "owner_org": "water",
        "notes": "Har oy yangilanadi"}, token)
    assert status == 200, dataset
    status, table = _call(f"{api}/datastore_create", {
        "resource": {"package_id": dataset["result"]["id"], "name": "hisobot"},
        "fields": [{"id": "oy", "type": "text"}, {"id": "litr", "type": "int"}],
        "records": [{"oy": f"2026-{m:02d}", "litr": m * 1000} for m in range(1, 13)]}, token)
    assert status == 200, table
    resource_id = table["result"]["resource_id"]
    pages = ["/", "/dataset/?q=suv", "/dataset/suv-hisoboti",
             "/api/3/action/package_search?q=hisobot",
             f"/api/3/action/datastore_search?resource_id={resource_id}&limit=5"]

    gets: Counter = Counter()
    failed_gets: list[tuple[str, int]] = []
    acknowledged: list[str] = []
    refused: list[int] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + LOAD_SECONDS

    def client(number: int) -> None:
        turn = 0
        while time.monotonic() < stop_at:
            page = pages[turn % len(pages)]
            status, answer = _call(cluster.url + page)
            with lock:
                gets[status] += 1
                if status != 200:
                    failed_gets.append((page, status, answer[:300]))
            if turn % 3 == 0:
                key = secrets.token_hex(16)
                appeal = {"type": "application", "topic": "water", "owner_org": "water",
                          "subject": f"Suv yoʻq {number}-{turn}", "text": "Bir haftadan beri.",
                          "full_name": "Fuqaro Fuqarov", "address": "Toshkent",
                          "email": "f@example.uz", "submission_key": key, "consent": True}
                for _attempt in range(5):  # the same submission again, as a browser would
                    status, answer = _call(f"{api}/appeal_submit", appeal)
                    if status == 200:
                        with lock:
                            acknowledged.append(answer["result"]["number"])
                        break
                    if status not in (0, 502, 503):
                        with lock:
                            refused.append(status)
                        break
                    time.sleep(1)
            turn += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(KILL_AFTER)
    killed = _kill_node(cluster.nodes()[0])
    for thread in threads:
        thread.join()

    import services  # scripts/services.py, for the cluster's own var directory
    state = cluster.state()
    primary = psycopg2.connect(host="127.0.0.1", port=state["pg_port"], user="ckan_default",
                               password=state["ckan_password"], dbname="ckan_default")
    with primary, primary.cursor() as cursor:
        cursor.execute("SELECT number, count(*) FROM appeal GROUP BY number")
        stored = dict(cursor.fetchall())
    lag = None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lag = services.replica_lag_bytes(state)
        if lag == 0:
            break
        time.sleep(1)
    replica = psycopg2.connect(host="127.0.0.1", port=state["pg_replica_port"],
                               user="ckan_default", password=state["ckan_password"],
                               dbname="ckan_default")
    with replica, replica.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM appeal")
        on_replica = cursor.fetchone()[0]
        cursor.execute("SELECT pg_is_in_recovery()")
        in_recovery = cursor.fetchone()[0]
    print(f"\n[cluster] {CLIENTS} clients for {LOAD_SECONDS} s; killed web node 1 "
          f"({killed} processes) after {KILL_AFTER} s; GETs by status {dict(gets)}; "
          f"appeals acknowledged {len(acknowledged)}, stored {sum(stored.values())}, "
          f"refused {len(refused)}; replica lag {lag} bytes, replica has {on_replica}")

    assert failed_gets == []
    assert sum(gets.values()) > CLIENTS
    assert refused == []
    assert acknowledged and all(stored.get(number) == 1 for number in acknowledged)
    assert len(stored) == len(acknowledged)  # nothing stored that was not acknowledged
    assert in_recovery and lag == 0 and on_replica == len(stored)
