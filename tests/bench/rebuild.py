"""Re-indexing: CKAN's `search-index rebuild` beside `ckan transparency search rebuild`.

    .venv/bin/python scripts/portal.py prepare-tests     (once: services and test databases)
    .venv/bin/python tests/bench/rebuild.py --datasets 2000 [--processes 2] [--profile]

Makes --datasets datasets through package_create in the test database (kept for the next run,
under organizations named bench-reindex-*): six in ten of CKAN's own type with tags, an extra
and two resources, three in ten of the portal's typed open data (demo/datasets.py) with Russian
and English titles, descriptions and resource names, one in ten private; every third in a
group. Then it times, over those datasets, CKAN's rebuild (`ckan.lib.search.rebuild` with
package_ids: package_show and index_package one dataset at a time) and ours, with the load
average (`os.getloadavg`, as `uptime` prints it) beside each figure. --profile prints a
cProfile of one batch of ours (sorted by cumulative and by own time) and its SQL statements.
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import cProfile
import io
import os
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "bench-reindex"
WORDS = ("byudjet ijrosi xarajatlar daromadlar chorak moliya davlat xaridlari shartnoma tender "
         "loyiha qurilish yoʻl koʻprik maktab kasalxona suv taʼminoti elektr energiya murojaat "
         "бюджет ижроси харажатлар даромадлар исполнение бюджета расходы доходы закупки").split()
FORMATS = ["CSV", "XLSX", "JSON", "PDF"]
FREQUENCIES = ["MONTHLY", "QUARTERLY", "ANNUAL"]


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def plain_dataset(i: int, rng: random.Random) -> dict:
    return {
        "title": " ".join(rng.sample(WORDS, 5)), "notes": " ".join(rng.choices(WORDS, k=40)),
        "tags": [{"name": f"tag{n}"} for n in rng.sample(range(50), 3)],
        "extras": [{"key": "frequency", "value": rng.choice(FREQUENCIES)}],
        "resources": [{"url": f"http://example.uz/{i}.{f.lower()}", "format": f,
                       "name": f"{f} {i}"} for f in rng.sample(FORMATS, 2)],
    }


def typed_dataset(i: int) -> dict:
    """A copy of a demo dataset of the portal's types, with its translations, files as links."""
    from ckanext.transparency.demo.datasets import DATASETS

    spec = DATASETS[i % len(DATASETS)]
    package = spec.package_dict()
    package.pop("owner_org")
    table = spec.table()
    package["resources"] = [dict(spec.resource_dict(file, table), url=f"http://example.uz/{i}/"
                                 + file.filename) for file in spec.files]
    return package


def make_datasets(count: int) -> list[str]:
    import ckan.model as model
    import ckan.plugins.toolkit as tk

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}
    for name, action in ((f"{PREFIX}-a", "organization_create"),
                         (f"{PREFIX}-b", "organization_create"),
                         (f"{PREFIX}-g0", "group_create"), (f"{PREFIX}-g1", "group_create")):
        if model.Group.get(name) is None:
            tk.get_action(action)(dict(context), {"name": name, "title": name.upper()})
    names = {row[0] for row in model.Session.query(model.Package.name).filter(
        model.Package.name.like(f"{PREFIX}-%"))}
    rng = random.Random(11)
    started, made = time.perf_counter(), 0
    for i in range(count):
        name = f"{PREFIX}-{i:06d}"
        kind = i % 10
        package = typed_dataset(i) if kind in (6, 7, 8) else plain_dataset(i, rng)
        if name in names:
            continue
        package.update(name=name, owner_org=f"{PREFIX}-{'ab'[i % 2]}", private=kind == 9)
        if i % 3 == 0:
            package["groups"] = [{"name": f"{PREFIX}-g{i % 2}"}]
        tk.get_action("package_create")(dict(context), package)
        made += 1
        if made % 200 == 0:
            print(f"  made {made} datasets ({made / (time.perf_counter() - started):.0f}/s)",
                  flush=True)
    model.Session.remove()
    return [row[0] for row in model.Session.query(model.Package.id).filter(
        model.Package.name.like(f"{PREFIX}-%")).order_by(model.Package.name).limit(count)]


def profile(ids: list[str]) -> None:
    import sqlalchemy
    import ckan.model as model
    from ckanext.transparency.search import rebuild

    statements: collections.Counter = collections.Counter()

    def listener(conn, cursor, statement, *args):
        statements[" ".join(statement.split())[:110]] += 1
    sqlalchemy.event.listen(model.meta.engine, "before_cursor_execute", listener)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    rebuild.index_batch(ids)
    profiler.disable()
    elapsed = time.perf_counter() - started
    sqlalchemy.event.remove(model.meta.engine, "before_cursor_execute", listener)
    print(f"\ncProfile of one batch of {len(ids)} datasets: {elapsed:.2f} s, "
          f"{sum(statements.values())} SQL statements through CKAN's engine; load average {load()}")
    for statement, count in statements.most_common(15):
        print(f"{count:6} {statement}")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(35)
        print("\n".join(out.getvalue().splitlines()[4:]))


def stages(ids: list[str], batch: int) -> None:
    """Milliseconds per dataset of each stage of ours, in one process, timed one by one."""
    import ckan.lib.search.index as search_index
    import ckan.model as model
    from ckan.plugins import PluginImplementations
    from ckanext.transparency.core import interfaces
    from ckanext.transparency.search import document, show_many
    from ckanext.transparency.search.install import make_connection

    class Captured:  # what index_package hands to its connection
        docs: list = []

        def add(self, docs, **kwargs):
            self.docs.extend(docs)

    spent: collections.Counter = collections.Counter()

    def timed(stage: str, function, *args):
        started = time.perf_counter()
        result = function(*args)
        spent[stage] += time.perf_counter() - started
        return result

    conn, captured = make_connection(), Captured()
    original = search_index.make_connection
    search_index.make_connection = lambda *args, **kwargs: captured
    context = {"ignore_auth": True, "model": model, "session": model.Session, "user": "",
               "use_cache": False, "validate": False}
    print(f"\nstages of ours, one process, batches of {batch}; load average {load()}")
    started = time.perf_counter()
    try:
        for offset in range(0, len(ids), batch):
            chunk = ids[offset:offset + batch]
            packages = timed("read the batch's rows (SQL)", lambda: {
                pkg.id: pkg for pkg in model.Session.query(model.Package).filter(
                    model.Package.id.in_(chunk))})
            rows = timed("read the batch's rows (SQL)", show_many._Rows, list(packages))
            timed("read the batch's rows (SQL)", rows.organizations,
                  {pkg.owner_org for pkg in packages.values() if pkg.owner_org}, dict(context))
            documents = []
            plugins_batches = contextlib.ExitStack()
            for plugin in PluginImplementations(interfaces.IIndexBatches):  # as rebuild.py
                plugin_batch = timed("read the batch's rows (SQL)", plugin.index_batch, chunk)
                if plugin_batch is not None:
                    timed("read the batch's rows (SQL)", plugins_batches.enter_context,
                          plugin_batch)
            for package_id in chunk:
                pkg = packages[package_id]
                dataset_context = dict(context, package=pkg)
                pkg_dict = timed("dictize (package_dictize's dicts)", show_many._dictize, pkg,
                                 rows, dataset_context)
                shown = timed("validate twice, show hooks", show_many._shown, pkg, pkg_dict,
                              dataset_context)
                captured.docs = []
                timed("index_package (its hooks, labels)",
                      search_index.PackageSearchIndex().index_package,
                      dict(shown[0], with_custom_schema=shown[1]), True)
                documents += [timed("build_row (text analysis)", document.build_row, doc)
                              for doc in captured.docs]
            timed("index_package (its hooks, labels)", plugins_batches.close)
            timed("write_rows (one statement a batch)", conn.write_rows, documents)
            model.Session.remove()
    finally:
        search_index.make_connection = original
    elapsed = time.perf_counter() - started
    for stage, seconds in spent.items():
        print(f"  {stage:<40} {seconds * 1000 / len(ids):6.2f} ms a dataset")
    print(f"  {len(ids):,} datasets in {elapsed:.1f} s, {len(ids) / elapsed:,.0f} datasets/s; "
          f"load average {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ini", default=str(ROOT / "test.ini"))
    parser.add_argument("--datasets", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--profile", action="store_true",
                        help="a cProfile of one batch instead of the timings")
    parser.add_argument("--stages", action="store_true",
                        help="the time of each stage of ours, in one process, instead")
    parser.add_argument("--skip-ckan", action="store_true",
                        help="time only ours (CKAN's path takes a minute per 1,000 datasets)")
    args = parser.parse_args()

    from ckan.cli import load_config
    from ckan.config.middleware import make_app

    app = make_app(load_config(args.ini))
    import ckan.lib.search as search
    from ckanext.transparency.search import rebuild

    with app._wsgi_app.test_request_context():
        ids = make_datasets(args.datasets)
        if args.profile:
            profile(ids[:args.batch])
            return
        if args.stages:
            stages(ids, args.batch)
            return
        if not args.skip_ckan:
            print(f"\nload average before CKAN's rebuild: {load()}", flush=True)
            started = time.perf_counter()
            search.rebuild(package_ids=ids, quiet=True)
            elapsed = time.perf_counter() - started
            print(f"ckan search-index rebuild of {len(ids):,} datasets: {elapsed:.1f} s, "
                  f"{len(ids) / elapsed:,.0f} datasets/s; load average {load()}", flush=True)
        print(f"load average before ours: {load()}", flush=True)
        indexed, errors, elapsed = rebuild.rebuild(ids, processes=args.processes,
                                                   batch_size=args.batch)
        print(f"ckan transparency search rebuild, {args.processes} processes, batches of "
              f"{args.batch}: {indexed:,} datasets in {elapsed:.1f} s, {indexed / elapsed:,.0f} "
              f"datasets/s ({len(errors)} errors); load average {load()}")


if __name__ == "__main__":
    sys.exit(main())
