"""Load benchmark: anonymous visitors on three shapes of the same portal, side by side.

    .venv/bin/python tests/bench/load.py [--clients 50] [--seconds 60] [--shapes dev,node,cluster]

The portal (demo data) lives in var/bench-load (PORTAL_VAR), made on the first run. Each shape
is started, warmed up, loaded by CLIENTS concurrent clients for SECONDS over the home page,
/dataset/ with a query, a dataset page, /open-data/budget and the API's package_search, then
stopped:
  dev      CKAN's development server (`ckan run`, threaded), as `make up` ran before
  node     one production web node (gunicorn, WEB_WORKERS workers), as `make up` runs now
  cluster  scripts/cluster.py: nginx (micro-caching anonymous pages) before two such nodes
Prints requests/s and p50/p95/p99 per kind of page, errors, the share of answers nginx gave from
its cache (X-Cache-Status HIT, UPDATING or STALE), and the machine's 1-minute load average sampled during each
run (the machine may be shared: a load above its cores means others took CPU too). Not a test:
nothing asserts.
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var" / "bench-load"
BIN = Path(sys.executable).parent
PAGES = {
    "home": "/",
    "search": "/dataset/?q=byudjet",
    "dataset": None,  # the first dataset of the search, found at start
    "budget": "/open-data/budget",
    "api search": "/api/3/action/package_search?q=xarid&rows=10",
}


def env(port: int) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("CKAN_")}
    return dict(base, PORTAL_VAR=str(VAR), PORT=str(port), DEMO="1",
                CKAN_INI=str(VAR / "ckan.ini"), WEB_WORKERS=os.environ.get("WEB_WORKERS", "3"))


def free_port() -> int:
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: int = 900) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10):
                return
        except Exception:
            time.sleep(1)
    raise SystemExit(f"{url} did not answer")


def prepare() -> None:
    """The portal with its demo, once (bootstrap is idempotent)."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "portal.py"), "bootstrap"],
                   env=env(free_port()), check=True, stdout=subprocess.DEVNULL)


def start(shape: str, port: int) -> subprocess.Popen:
    e = env(port)
    if shape == "dev":
        command = [str(BIN / "ckan"), "-c", str(VAR / "ckan.ini"), "run", "-H", "127.0.0.1",
                   "-p", str(port), "--disable-reloader", "--threaded"]
    elif shape == "node":
        command = [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers",
                   e["WEB_WORKERS"], "--chdir", str(ROOT), "config.wsgi:application"]
    else:
        command = [sys.executable, str(ROOT / "scripts" / "cluster.py"), "up"]
    log = open(VAR / f"bench-{shape}.log", "wb")
    process = subprocess.Popen(command, env=e, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                               start_new_session=True)
    wait_for(f"http://127.0.0.1:{port}/api/3/action/status_show")
    return process


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT if process.args[1:2] == [str(ROOT / "scripts" /
                                                                  "cluster.py")] else
                        signal.SIGTERM)
    try:
        process.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def load(port: int, clients: int, seconds: float) -> dict[str, dict]:
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    hits: dict[str, int] = defaultdict(int)
    load_averages: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    kinds = list(PAGES)

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        turn = number
        while time.monotonic() < stop_at:
            kind = kinds[turn % len(kinds)]
            began = time.perf_counter()
            try:
                connection.request("GET", PAGES[kind])
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
                # UPDATING, STALE: nginx answered from its copy while one request refreshes it
                cached = response.getheader("X-Cache-Status") in ("HIT", "UPDATING", "STALE")
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = time.perf_counter() - began
            with lock:
                if ok:
                    timings[kind].append(elapsed)
                    hits[kind] += cached
                else:
                    errors[kind] += 1
            turn += 1

    def sample_load() -> None:
        while time.monotonic() < stop_at:
            load_averages.append(os.getloadavg()[0])
            time.sleep(5)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    threads.append(threading.Thread(target=sample_load))
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    result = {}
    for kind in kinds:
        times = sorted(timings[kind])
        quantiles = statistics.quantiles(times, n=100) if len(times) > 1 else [0.0] * 99
        result[kind] = {"rps": len(times) / wall, "p50": quantiles[49] * 1000,
                        "p95": quantiles[94] * 1000, "p99": quantiles[98] * 1000,
                        "errors": errors[kind], "hits": hits[kind] / max(len(times), 1)}
    answered = sum(len(t) for t in timings.values())
    result["total"] = {"rps": answered / wall, "errors": sum(errors.values()),
                       "hits": sum(hits.values()) / max(answered, 1),
                       "load": (min(load_averages), statistics.mean(load_averages),
                                max(load_averages))}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--shapes", default="dev,node,cluster")
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    prepare()
    results = {}
    for shape in args.shapes.split(","):
        port = free_port()
        process = start(shape, port)
        try:
            if PAGES["dataset"] is None:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/3/action/"
                                            "package_search?q=byudjet&rows=1") as answer:
                    name = re.search(rb'"name": "([^"]+)"', answer.read()).group(1).decode()
                PAGES["dataset"] = f"/dataset/{name}"
            load(port, min(args.clients, 10), 5)  # warm-up: templates, caches, connections
            results[shape] = load(port, args.clients, args.seconds)
        finally:
            stop(process)
        total = results[shape]["total"]
        print(f"{shape}: {total['rps']:.1f} requests/s, {total['errors']} errors, "
              f"{total['hits']:.0%} from nginx's cache; load average (1 min) during the run "
              "min/mean/max {:.1f}/{:.1f}/{:.1f}".format(*total["load"]), flush=True)
    print(f"\n{args.clients} clients, {args.seconds:.0f} s per shape, "
          f"WEB_WORKERS={env(0)['WEB_WORKERS']}, {os.cpu_count()} cores")
    header = f"{'page':<12}" + "".join(f"{shape:>34}" for shape in results)
    print(header)
    print(f"{'':<12}" + "".join(f"{'req/s   p50   p95   p99 ms  err':>34}" for _ in results))
    for kind in [*PAGES, "total"]:
        row = f"{kind:<12}"
        for shape in results:
            figures = results[shape][kind]
            if kind == "total":
                row += f"{figures['rps']:>10.1f}{'':>19}{figures['errors']:>5}"
            else:
                row += (f"{figures['rps']:>10.1f}{figures['p50']:>6.0f}{figures['p95']:>6.0f}"
                        f"{figures['p99']:>6.0f}{figures['errors']:>9}")
        print(row)
    print("cache hits  " + "".join(f"{results[shape]['total']['hits']:>33.0%} "
                                   for shape in results))
    loads = ["{:.1f}/{:.1f}/{:.1f}".format(*results[shape]["total"]["load"]) for shape in results]
    print("load avg    " + "".join(f"{figures:>33} " for figures in loads)
          + " (1 min: min/mean/max)")


if __name__ == "__main__":
    main()
