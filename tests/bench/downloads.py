"""Benchmark of DataStore downloads: CKAN's CSV dump against our XLSX at the same address.

    .venv/bin/python tests/bench/downloads.py --ini var/test-opendata-root.ini [--rows 1000000]

Fills a DataStore table with ROWS rows x 10 columns (text, Cyrillic text, integers, numerics,
dates) behind a public resource, then, each in a fresh process, downloads
/datastore/dump/<id>?format=csv (CKAN's own), ?format=csv&labels=true&bom=true and
?format=xlsx (ours) through the WSGI app,
reading the streamed body chunk by chunk, and prints wall time, rows per second, bytes, the RSS
before the download (after a warm-up request) and the peak RSS during the download, and the
peak RSS of the whole process (start-up and warm-up included). Targets: XLSX at most
3 x the CSV time, peak memory under 200 MB. The table, dataset and organization are removed at
the end. Use a test ini: the benchmark writes to that configuration's databases.
"""
from __future__ import annotations

import argparse
import json
import os
import resource as rusage
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAME = "bench-downloads"


def _app(ini: str):
    for name in ("CKAN_SQLALCHEMY_URL", "CKAN_DATASTORE_WRITE_URL", "CKAN_DATASTORE_READ_URL",
                 "CKAN_INI"):
        os.environ.pop(name, None)
    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    return make_app(load_config(ini))


def _status_mb(key: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def fill(ini: str, rows: int) -> str:
    app = _app(ini)
    with app._wsgi_app.test_request_context():
        import ckan.plugins.toolkit as tk
        from ckanext.datastore.backend.postgres import get_write_engine
        site = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        context = lambda: {"user": site["name"], "ignore_auth": True}  # noqa: E731
        cleanup(ini, app)
        org = tk.get_action("organization_create")(context(), {"name": NAME})
        dataset = tk.get_action("package_create")(context(), {"name": NAME, "owner_org": org["id"]})
        resource = tk.get_action("resource_create")(context(), {
            "package_id": dataset["id"], "url": "http://example.uz/bench.csv", "format": "CSV"})
        fields = [{"id": "id", "type": "int8"}, {"id": "code", "type": "text"},
                  {"id": "title", "type": "text"}, {"id": "region", "type": "text"},
                  {"id": "approved", "type": "int8"}, {"id": "executed", "type": "int8"},
                  {"id": "rate", "type": "numeric"}, {"id": "day", "type": "date"},
                  {"id": "status", "type": "text"}, {"id": "note", "type": "text"}]
        tk.get_action("datastore_create")(context(), {"resource_id": resource["id"],
                                                      "fields": fields, "force": True})
        started = time.monotonic()
        with get_write_engine().begin() as connection:
            connection.exec_driver_sql((f'''
                INSERT INTO "{resource['id']}" (id, code, title, region, approved, executed,
                                                rate, day, status, note)
                SELECT n, lpad((n % 9999999)::text, 7, '0'),
                       'Харажат моддаси № ' || n || ' (ижро)',
                       (ARRAY['Тошкент шаҳри','Samarqand viloyati','Фарғона вилояти'])[n % 3 + 1],
                       n * 1000, n * 930, round((n % 1000) / 10.0, 1),
                       date '2026-01-01' + (n % 365),
                       (ARRAY['active','complete','cancelled'])[n % 3 + 1],
                       CASE WHEN n % 5 = 0 THEN NULL ELSE 'izoh "' || n || '", ёзув' END
                FROM generate_series(1, {rows}) AS n''').replace("%", "%%"))
        print(f"filled {rows:,} rows x 10 columns in {time.monotonic() - started:.1f} s")
        return resource["id"]


def existing(ini: str, rows: int) -> str | None:
    app = _app(ini)
    with app._wsgi_app.test_request_context():
        import ckan.plugins.toolkit as tk
        try:
            dataset = tk.get_action("package_show")({"ignore_auth": True}, {"id": NAME})
            resource_id = dataset["resources"][0]["id"]
            total = tk.get_action("datastore_search")({"ignore_auth": True}, {
                "resource_id": resource_id, "limit": 0})["total"]
        except (tk.ObjectNotFound, IndexError):
            return None
        return resource_id if total == rows else None


def cleanup(ini: str, app=None) -> None:
    app = app or _app(ini)
    with app._wsgi_app.test_request_context():
        import ckan.plugins.toolkit as tk
        site = tk.get_action("get_site_user")({"ignore_auth": True}, {})
        context = {"user": site["name"], "ignore_auth": True}
        try:
            dataset = tk.get_action("package_show")(dict(context), {"id": NAME})
        except tk.ObjectNotFound:
            return
        for res in dataset["resources"]:
            try:
                tk.get_action("datastore_delete")(dict(context), {"resource_id": res["id"],
                                                                  "force": True})
            except tk.ObjectNotFound:
                pass
        tk.get_action("dataset_purge")(dict(context), {"id": NAME})
        tk.get_action("group_purge")(dict(context), {"id": NAME})


DOWNLOADS = (("csv", "format=csv", "CKAN CSV dump"),
             ("csv-labels", "format=csv&labels=true&bom=true", "CSV, labels (ours)"),
             ("xlsx", "format=xlsx", "XLSX (transparency)"))


def measure(ini: str, resource_id: str, fmt: str, rows: int) -> dict:
    query = {key: q for key, q, _ in DOWNLOADS}[fmt]
    app = _app(ini)
    client = app.test_client()
    # a first small request loads what any first request loads (templates, schemas); then the
    # peak RSS is reset (Linux: clear_refs 5) so that `peak_mb` is the download's own peak
    warm = client.get(f"/datastore/dump/{resource_id}?{query}&limit=10")
    warm.close()
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_mb("VmRSS")
    started = time.monotonic()
    response = client.get(f"/datastore/dump/{resource_id}?{query}", buffered=False)
    assert response.status_code == 200, response.status_code
    size = 0
    for chunk in response.response:
        size += len(chunk)
    response.close()
    seconds = time.monotonic() - started
    return {"format": fmt, "seconds": seconds, "rows_per_s": rows / seconds, "bytes": size,
            "rss_before_mb": before, "peak_mb": _status_mb("VmHWM"),
            "lifetime_peak_mb": rusage.getrusage(rusage.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ini", default=str(ROOT / "var" / "test-opendata-root.ini"))
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--measure", nargs=2, metavar=("RESOURCE", "FORMAT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="Keep the table afterwards.")
    parser.add_argument("--reuse", action="store_true",
                        help="Reuse a table kept by --keep when it has ROWS rows.")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.ini, args.measure[0], args.measure[1], args.rows)))
        return
    resource_id = (existing(args.ini, args.rows) if args.reuse else None) or fill(args.ini,
                                                                                args.rows)
    results = {}
    try:
        for fmt, _, _ in DOWNLOADS:
            output = subprocess.run(
                [sys.executable, __file__, "--ini", args.ini, "--rows", str(args.rows),
                 "--measure", resource_id, fmt], check=True, capture_output=True, text=True)
            results[fmt] = json.loads(output.stdout.strip().splitlines()[-1])
    finally:
        if not args.keep:
            cleanup(args.ini)
    print(f"{'download':<22}{'wall s':>8}{'rows/s':>10}{'MB out':>8}{'RSS before':>12}"
          f"{'peak RSS':>10}{'process peak':>14}")
    for fmt, _, label in DOWNLOADS:
        r = results[fmt]
        print(f"{label:<22}{r['seconds']:>8.1f}{r['rows_per_s']:>10,.0f}"
              f"{r['bytes'] / 1e6:>8.1f}{r['rss_before_mb']:>10.0f}MB{r['peak_mb']:>8.0f}MB"
              f"{r['lifetime_peak_mb']:>12.0f}MB")
    ratio = results["xlsx"]["seconds"] / results["csv"]["seconds"]
    peak = results["xlsx"]["peak_mb"]
    print(f"XLSX / CSV time: {ratio:.2f} (target <= 3); XLSX peak memory {peak:.0f} MB "
          f"(target < 200 MB): {'met' if ratio <= 3 and peak < 200 else 'NOT met'}")


if __name__ == "__main__":
    main()
