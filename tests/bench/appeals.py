"""Benchmark of the appeals module.

    .venv/bin/python tests/bench/appeals.py [--ini test.ini] [--seconds 30] [--clients 20]
                                            [--appeals 1000000]

(a) Submissions per second sustained over loopback HTTP: a `ckan run` server on the test
    database (rate limit off), 20 concurrent clients posting `appeal_submit` to the Action API
    for 30 s; prints acknowledged submissions, the appeals stored (they must be equal) and the
    rate.
(b) `appeal_statistics` latency over N appeals (default 1,000,000), in-process: N generated
    appeals are inserted through the statistics trigger (the insert rate is printed too), then
    the median and 95th percentile of the action, without and with filters.
Everything the benchmark added is removed at the end. Never point it at a production database.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics as stats
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "bench-"
DEPARTMENT = "bench-appeals"


def _app(ini: str):
    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    return make_app(load_config(ini))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ensure_department(tk) -> str:
    site = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    try:
        return tk.get_action("organization_show")({"user": site}, {"id": DEPARTMENT})["id"]
    except tk.ObjectNotFound:
        return tk.get_action("organization_create")({"user": site}, {"name": DEPARTMENT})["id"]


def _client(port: int, stop: float, counts: list, lock: threading.Lock, worker: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    acknowledged = errors = 0
    n = 0
    while time.monotonic() < stop:
        n += 1
        body = json.dumps({
            "type": "application", "topic": "water", "owner_org": DEPARTMENT,
            "subject": f"Bench appeal {worker}-{n}", "text": "Benchmark appeal text " * 5,
            "full_name": "Bench Applicant", "address": "Bench street 1", "consent": True,
            "submission_key": f"{PREFIX}{uuid.uuid4().hex}"})
        for _attempt in range(5):  # a client retries with the same key: one appeal
            try:
                connection.request("POST", "/api/3/action/appeal_submit", body,
                                   {"Content-Type": "application/json"})
                response = connection.getresponse()
                payload = response.read()
                if response.status == 200 and json.loads(payload).get("success"):
                    acknowledged += 1
                    break
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            errors += 1
    with lock:
        counts.append((acknowledged, errors))


def bench_http(ini: str, seconds: int, clients: int) -> None:
    import ckan.plugins.toolkit as tk
    import sqlalchemy as sa
    from ckanext.transparency.appeals import model
    with _app(ini)._wsgi_app.test_request_context():
        org_id = _ensure_department(tk)
        model.session().commit()
    port = _free_port()
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as conf:
        conf.write(f"[app:main]\nuse = config:{os.path.abspath(ini)}\n"
                   "ckanext.transparency.appeals.rate_limit = 0\n"
                   "ckan.devserver.threaded = true\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}
    server = subprocess.Popen([str(ROOT / ".venv/bin/ckan"), "-c", conf.name, "run", "-H",
                               "127.0.0.1", "-p", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/api/3")
                break
            except OSError:
                time.sleep(0.5)
        counts: list = []
        lock = threading.Lock()
        started = time.monotonic()
        threads = [threading.Thread(target=_client, args=(port, started + seconds, counts, lock,
                                                          i)) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(10)
        os.unlink(conf.name)
    acknowledged = sum(a for a, _e in counts)
    errors = sum(e for _a, e in counts)
    with _app(ini)._wsgi_app.test_request_context():
        t = model.Appeal.__table__
        stored = model.session().execute(sa.select(sa.func.count()).where(
            t.c.owner_org == org_id, t.c.submission_key.like(PREFIX + "%"))).scalar()
        model.session().execute(t.delete().where(t.c.owner_org == org_id))
        model.session().execute(model.Statistic.__table__.delete().where(
            model.Statistic.__table__.c.owner_org == org_id))
        model.session().commit()
    print(f"(a) HTTP submissions, {clients} clients, {elapsed:.1f} s: {acknowledged} "
          f"acknowledged, {stored} stored ({'equal' if stored == acknowledged else 'DIFFERENT'})"
          f", {errors} retried attempts, {acknowledged / elapsed:.1f} submissions/s "
          "(CKAN's threaded development server)")


GENERATE = """
INSERT INTO appeal (id, number, access_code_hash, submission_key, type, channel, topic,
    owner_org, subject, text, status, outcome, registered_at, registered_on, needs_study,
    original_due_on, due_on, extended, forward_due_on, completed_on, rating, modified)
SELECT 'bench-' || g, 'B' || g, 'x', NULL,
    (ARRAY['application','proposal','complaint'])[1 + g % 3],
    (ARRAY['web','written','reception','phone'])[1 + g % 4],
    (ARRAY['water','heating','sewerage','meters','tariffs','construction','employment','other'])
        [1 + (g / 7) % 8],
    'bench-dept-' || (g % 7), 'Bench', 'Bench', 
    CASE WHEN g % 10 = 0 THEN 'in_progress' ELSE 'answered' END,
    CASE WHEN g % 10 = 0 THEN NULL
         ELSE (ARRAY['satisfied','explained','rejected','forwarded'])[1 + (g / 3) % 4] END,
    now(), d, false, d + 15, d + CASE WHEN g % 20 = 0 THEN 40 ELSE 15 END, g % 20 = 0, d + 5,
    CASE WHEN g % 10 = 0 THEN NULL ELSE d + (g % 29) END,
    CASE WHEN g % 3 = 0 THEN 1 + g % 5 END, now()
FROM (SELECT g, (DATE '2025-01-01' + (g % 700)) AS d
      FROM generate_series(:start, :stop - 1) g) s
"""


def bench_statistics(ini: str, count: int, repeat: int = 50) -> None:
    import ckan.plugins.toolkit as tk
    import sqlalchemy as sa
    from ckanext.transparency.appeals import model
    with _app(ini)._wsgi_app.test_request_context():
        session = model.session()
        started = time.monotonic()
        batch = 50_000
        for start in range(0, count, batch):
            session.execute(sa.text(GENERATE), {"start": start, "stop": min(count, start + batch)})
            session.commit()
        inserted = time.monotonic() - started
        session.execute(sa.text("ANALYZE appeal; ANALYZE appeal_statistic"))
        session.commit()
        print(f"(b) {count} appeals inserted through the statistics trigger in {inserted:.0f} s "
              f"({count / inserted:.0f} appeals/s)")
        try:
            for label, data in (("no filters", {}),
                                ("department + type + period", {
                                    "type": "complaint", "period_from": "2025-03",
                                    "period_to": "2025-12"})):
                timings = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    result = tk.get_action("appeal_statistics")({"ignore_auth": True}, data)
                    timings.append((time.perf_counter() - t0) * 1000)
                timings.sort()
                print(f"    appeal_statistics ({label}): median {stats.median(timings):.1f} ms, "
                      f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms "
                      f"(total counted {result['total']})")
        finally:
            session.rollback()
            session.execute(sa.text("DELETE FROM appeal WHERE id LIKE 'bench-%'"))
            session.execute(sa.text(
                "DELETE FROM appeal_statistic WHERE owner_org LIKE 'bench-dept-%'"))
            session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ini", default=str(ROOT / "test.ini"))
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--appeals", type=int, default=1_000_000)
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args()
    for name in [k for k in os.environ if k.startswith("CKAN_")]:
        os.environ.pop(name)
    if not args.skip_http:
        bench_http(args.ini, args.seconds, args.clients)
    bench_statistics(args.ini, args.appeals)


if __name__ == "__main__":
    sys.exit(main())
