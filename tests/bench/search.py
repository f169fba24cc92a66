"""Benchmark of the PostgreSQL search engine at 100,000 datasets.

    make bench            (or: .venv/bin/python tests/bench/search.py --datasets 100000)

Builds N varied dataset documents (Uzbek Latin and Cyrillic, Russian and English words, eight
organizations, a long tail of tags, formats, groups, five years of dates, private datasets)
directly in the index of the test database, under a site id of its own: --unique of them
analysed by build_row in --processes processes and COPYed in, the rest copies of those under
new ids made in SQL (so --datasets 1000000 does not analyse a million documents). It prints
for
  (a) a two-word free-text query,
  (b) free text + three fq filters + four facets,
  (c) filters only, sorted by metadata_modified desc,
the median and 95th percentile latency of CKAN's package_search action in-process, of the
same statement as bare SQL on the same table, and of a bare count(*) of the rows its condition
matches (the floor: what any plan that counts the hits exactly pays in PostgreSQL, before
ranking, facets and the page), the load average, the index write rate
(datasets/s) of add() in CKAN's batches of 100, and (--rebuild N) CKAN's search-index rebuild
beside `ckan transparency search rebuild` over N real datasets. Its documents are removed at
the end unless --keep.
"""
from __future__ import annotations

import argparse
import io
import os
import json
import random
import statistics
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE_ID = "bench-search"

WORDS = (
    "byudjet ijrosi xarajatlar daromadlar chorak moliya davlat xaridlari shartnoma tender "
    "loyiha qurilish yoʻl koʻprik maktab kasalxona suv taʼminoti elektr energiya murojaat "
    "ariza taklif shikoyat qabul kunlari hokimlik tuman viloyat statistika hisobot reja "
    "ijtimoiy himoya taʼlim sogʻliqni saqlash qishloq xoʻjaligi transport aloqa investitsiya "
    "budget execution procurement contracts project status appeals reception schedule "
    "бюджет ижроси харажатлар даромадлар давлат харидлари шартнома лойиҳа қурилиш мурожаат "
    "ариза таклиф шикоят қабул кунлари ҳисобот статистика вилоят туман "
    "исполнение бюджета расходы доходы закупки контракт проект обращения отчет"
).split()
ORGS = ["finance", "procurement", "construction", "appeals", "education", "health",
        "transport", "agriculture"]
FORMATS = ["CSV", "XLSX", "JSON", "PDF", "XML", "DOCX"]
GROUPS = ["economy", "society", "infrastructure", "environment", "governance"]
FREQUENCIES = ["MONTHLY", "QUARTERLY", "ANNUAL", "IRREGULAR"]


def make_doc(i: int, rng: random.Random, now: datetime) -> dict:
    words = rng.sample(WORDS, 6)
    title = " ".join(words[:4]).capitalize() + f" {2020 + i % 6}"
    notes = " ".join(rng.choices(WORDS, k=30))
    org = ORGS[min(int(rng.paretovariate(1.2)) - 1, len(ORGS) - 1)]
    tags = sorted({f"tag{int(rng.paretovariate(0.8)) % 400}" for _ in range(rng.randint(1, 6))})
    formats = rng.sample(FORMATS, rng.randint(1, 3))
    private = rng.random() < 0.1
    created = now - timedelta(days=rng.uniform(0, 5 * 365))
    modified = created + timedelta(days=rng.uniform(0, (now - created).days or 1))
    dataset_id = str(uuid.UUID(int=rng.getrandbits(128)))
    name = f"bench-{i:06d}"
    package = {"id": dataset_id, "name": name, "title": title, "notes": notes,
               "owner_org": org, "private": private, "state": "active", "type": "dataset",
               "tags": [{"name": t} for t in tags],
               "resources": [{"format": f, "name": f"{title} ({f})"} for f in formats]}
    return {
        "index_id": uuid.uuid5(uuid.NAMESPACE_OID, name).hex, "id": dataset_id, "name": name,
        "site_id": SITE_ID, "entity_type": "package", "dataset_type": "dataset",
        "state": "active", "capacity": "private" if private else "public",
        "permission_labels": [f"member-{org}"] if private else ["public"],
        "title": title, "title_string": title, "notes": notes, "organization": org,
        "tags": tags, "groups": rng.sample(GROUPS, rng.randint(0, 2)), "res_format": formats,
        "res_name": [r["name"] for r in package["resources"]], "res_description": [],
        "license_id": "cc-by", "frequency": rng.choice(FREQUENCIES),
        "extras_frequency": rng.choice(FREQUENCIES), "fiscal_year": str(2020 + i % 6),
        "metadata_created": created.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "metadata_modified": modified.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "validated_data_dict": json.dumps(package), "data_dict": json.dumps(package),
    }


def _rows(chunk: tuple[int, int, float]) -> list[str]:
    """COPY lines (text format) of documents first..last-1, both tables' columns."""
    from ckanext.transparency.search import document

    first, last, now_ts = chunk
    now = datetime.fromtimestamp(now_ts, timezone.utc)
    lines = []
    for i in range(first, last):
        row = document.build_row(make_doc(i, random.Random(20261126 + i), now))
        row = dict(row, keys=json.dumps(row["keys"]), flags=json.dumps(row["flags"]),
                   doc="\\x" + row["doc"].hex())  # bytea's input form
        lines.append("\t".join(_copy_escape(row[c]) for c in (
            "index_id", "site_id", "terms", "tokens", "texts", "tsv", "keys", "flags", "doc")))
    return lines


def _copy_escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def index(conn, count: int, unique: int, processes: int) -> None:
    """The benchmark's documents, written in bulk: `unique` documents analysed by build_row in
    `processes` processes and COPYed in; above that, copies of them under new ids made in SQL.
    Then the index write rate through the connection's add(), in CKAN's batches of 100."""
    import multiprocessing
    from ckanext.transparency.search.document import STORED, TABLE

    conn.delete(q=f'site_id:"{SITE_ID}"')
    unique = min(unique, count)
    now = datetime.now(timezone.utc).timestamp()
    step = 1000
    chunks = [(i, min(i + step, unique), now) for i in range(0, unique, step)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool, conn._cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")  # the bulk statements take minutes
        cursor.execute("CREATE TEMP TABLE bench_rows (index_id text, site_id text, terms jsonb, "
                       "tokens jsonb, texts jsonb, tsv tsvector, keys jsonb, flags jsonb, doc bytea)")
        for lines in pool.imap(_rows, chunks):
            cursor.copy_expert("COPY bench_rows FROM STDIN", io.StringIO("\n".join(lines) + "\n"))
        built = time.perf_counter() - started
        copies = -(-count // unique)
        cursor.execute(f"""
            INSERT INTO {TABLE} (index_id, site_id, terms, tokens, texts, tsv, keys, flags)
            SELECT CASE WHEN k = 0 THEN index_id ELSE md5(index_id || k) END,
                   site_id, terms, tokens, texts, tsv,
                   ARRAY(SELECT jsonb_array_elements_text(keys)),
                   ARRAY(SELECT jsonb_array_elements_text(flags))
            FROM generate_series(0, %(copies)s - 1) k, bench_rows
            ORDER BY k LIMIT %(count)s""", {"copies": copies, "count": count})
        cursor.execute(f"""
            INSERT INTO {STORED} (index_id, doc)
            SELECT CASE WHEN k = 0 THEN index_id ELSE md5(index_id || k) END, doc
            FROM generate_series(0, %(copies)s - 1) k, bench_rows
            ORDER BY k LIMIT %(count)s""", {"copies": copies, "count": count})
        cursor.execute("DROP TABLE bench_rows")
        cursor.execute("RESET statement_timeout")
    with conn._cursor() as cursor:  # as autovacuum does after a bulk load: statistics, and
        cursor.execute("SET statement_timeout = 0")  # the GIN indexes' pending entries merged
        cursor.execute(f"VACUUM ANALYZE {TABLE}")
    elapsed = time.perf_counter() - started
    print(f"generated {count:,} documents in {elapsed:.0f} s ({unique:,} analysed in "
          f"{processes} processes in {built:.0f} s: {unique / built:,.0f} documents/s; "
          f"{copies - 1} copies of them under new ids made in SQL)" if copies > 1 else
          f"generated {count:,} documents in {elapsed:.0f} s ({processes} processes analysing, "
          f"{unique / built:,.0f} documents/s)")
    sample = min(count, 5000)
    rng = random.Random(5)
    docs = [dict(make_doc(i, rng, datetime.now(timezone.utc)), site_id=SITE_ID + "-writes",
                 index_id=f"bench-writes-{i}")
            for i in range(sample)]
    started = time.perf_counter()
    for offset in range(0, len(docs), 100):
        conn.add(docs[offset:offset + 100])
    elapsed = time.perf_counter() - started
    conn.delete(q=f'site_id:"{SITE_ID}-writes"')
    print(f"index writes through add(): {sample:,} datasets in {elapsed:.1f} s: "
          f"{sample / elapsed:,.0f} datasets/s (batches of 100, one process)")


PAGES_SAMPLE = 10  # statements of each shape whose pages read EXPLAIN counts


def pages_read(cursor, plan) -> int:
    """The 8 kB pages one statement reads (shared buffers hit or read: EXPLAIN BUFFERS)."""
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + plan.sql, plan.params)
    root = cursor.fetchone()[0][0]["Plan"]
    return root["Shared Hit Blocks"] + root["Shared Read Blocks"]


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--unique", type=int, default=100_000,
                        help="documents analysed one by one; the rest are copies made in SQL")
    parser.add_argument("--processes", type=int, default=2,
                        help="processes that analyse documents (and rebuild, for the rebuild figure)")
    parser.add_argument("--ini", default=str(ROOT / "test.ini"))
    parser.add_argument("--keep", action="store_true", help="leave the documents in the index")
    parser.add_argument("--reuse", action="store_true",
                        help="query the documents a --keep run left, without indexing again")
    parser.add_argument("--rebuild", type=int, default=1000, metavar="N",
                        help="also time `ckan search-index rebuild` over N real datasets (0: skip)")
    args = parser.parse_args()

    from ckan.cli import load_config
    from ckan.config.middleware import make_app
    import ckan.plugins.toolkit as tk

    config = load_config(args.ini)
    config["ckan.site_id"] = SITE_ID
    app = make_app(config)
    tk.config["ckan.site_id"] = SITE_ID
    from ckanext.transparency.search import planner
    from ckanext.transparency.search.install import make_connection

    conn = make_connection()
    if not args.reuse:
        index(conn, args.datasets, args.unique, args.processes)

    def query_a(r: random.Random) -> dict:
        return {"q": " ".join(r.sample(WORDS, 2))}

    def query_b(r: random.Random) -> dict:
        return {"q": " ".join(r.sample(WORDS, 2)),
                "fq": f"organization:{r.choice(ORGS[:4])} res_format:{r.choice(FORMATS[:3])} "
                      f"metadata_modified:[NOW-{r.randint(1, 4)}YEARS TO NOW]",
                "facet.field": ["organization", "tags", "res_format", "groups"]}

    def query_c(r: random.Random) -> dict:
        return {"fq": f"organization:{r.choice(ORGS[:4])} +frequency:{r.choice(FREQUENCIES)} "
                      f"res_format:{r.choice(FORMATS[:3])}",
                "sort": "metadata_modified desc"}

    package_search = tk.get_action("package_search")
    print(f"\nload average before the queries: {load()}")
    print(f"\n{'query':<44} {'package_search':>20} {'bare SQL':>20} {'count(*) only':>20}")
    print(f"{'':<44}" + f"{'median':>10}{'p95':>10}" * 3)
    with app._wsgi_app.test_request_context():
        for label, make in (("(a) two-word free text", query_a),
                            ("(b) free text + 3 fq + 4 facets", query_b),
                            ("(c) filters only, modified desc", query_c)):
            r = random.Random(7)
            params_list = [make(r) for _ in range(args.runs)]
            action_times, sql_times, count_times, hits, pages = [], [], [], [], []
            for params in params_list:
                t0 = time.perf_counter()
                result = package_search({"ignore_auth": True}, dict(params))
                action_times.append((time.perf_counter() - t0) * 1000)
                hits.append(result["count"])
            for i, params in enumerate(params_list):
                solr = solr_params(params)
                plan = planner.build_search(solr["q"], {k: v for k, v in solr.items() if k != "q"})
                with conn._cursor() as cursor:
                    t0 = time.perf_counter()
                    cursor.execute(plan.sql, plan.params)
                    cursor.fetchone()
                    sql_times.append((time.perf_counter() - t0) * 1000)
                    if i < PAGES_SAMPLE:
                        pages.append(pages_read(cursor, plan))
                    count_sql, count_params = floor_statement(solr)
                    t0 = time.perf_counter()
                    cursor.execute(count_sql, count_params)
                    cursor.fetchone()
                    count_times.append((time.perf_counter() - t0) * 1000)
            print(f"{label:<44}" + "".join(
                f"{statistics.median(times):8.1f}ms{percentile(times, 0.95):8.1f}ms"
                for times in (action_times, sql_times, count_times))
                + f"   (median hits {statistics.median(hits):,.0f}, "
                  f"pages {statistics.median(pages):,.0f})")
    print(f"load average after the queries: {load()}")
    if args.rebuild:
        with app._wsgi_app.test_request_context():
            time_rebuild(args.rebuild, args.processes)
    if not args.keep:
        conn.delete(q=f'site_id:"{SITE_ID}"')


def time_rebuild(count: int, processes: int) -> None:
    """CKAN's own rebuild (package_show of every dataset, then the index write) over `count`
    datasets made through package_create, in an organization of the benchmark's own."""
    import ckan.lib.search as search
    import ckan.model as model
    import ckan.plugins.toolkit as tk
    from ckanext.transparency.search.install import make_connection

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    context = {"user": site_user["name"], "ignore_auth": True}
    org = model.Group.get("bench-rebuild") or None
    if org is None:
        tk.get_action("organization_create")(dict(context), {"name": "bench-rebuild"})
    existing = model.Session.query(model.Package).filter(model.Package.name.like("bench-rebuild-%")).count()
    rng = random.Random(11)
    for i in range(existing, count):
        tk.get_action("package_create")(dict(context), {
            "name": f"bench-rebuild-{i:05d}", "title": " ".join(rng.sample(WORDS, 5)),
            "notes": " ".join(rng.choices(WORDS, k=40)), "owner_org": "bench-rebuild",
            "tags": [{"name": f"tag{rng.randint(0, 50)}"} for _ in range(3)],
            "extras": [{"key": "frequency", "value": rng.choice(FREQUENCIES)}],
            "resources": [{"url": f"http://example.uz/{i}.{f.lower()}", "format": f}
                          for f in rng.sample(FORMATS, 2)]})
    ids = [row[0] for row in model.Session.query(model.Package.id).filter(
        model.Package.name.like("bench-rebuild-%"))]
    started = time.perf_counter()
    search.rebuild(package_ids=ids, quiet=True)
    elapsed = time.perf_counter() - started
    print(f"\nckan search-index rebuild of {len(ids):,} real datasets (package_show + index): "
          f"{elapsed:.1f} s, {len(ids) / elapsed:,.0f} datasets/s")
    from ckanext.transparency.search import rebuild
    indexed, errors, elapsed = rebuild.rebuild(ids, processes=processes)
    print(f"ckan transparency search rebuild, {processes} processes, batches of 100: "
          f"{elapsed:.1f} s, {indexed / elapsed:,.0f} datasets/s ({len(errors)} errors); "
          f"load average {load()}")
    make_connection().delete(q="organization:bench-rebuild")


def floor_statement(solr: dict) -> tuple[str, dict]:
    """SELECT count(*) of the rows the search's q and fq match: no rank, facets nor page."""
    from ckanext.transparency.search import planner
    from ckanext.transparency.search.document import TABLE

    params: dict = {}
    options = dict(solr, is_q=True, now=datetime.now(timezone.utc))
    condition, _rank = planner.where_clause([solr["q"], *solr["fq"]], options, params)
    return f"SELECT count(*) FROM {TABLE} d WHERE {condition}", params


def solr_params(params: dict) -> dict:
    """What package_search sends to the engine for these parameters (see ckan.lib.search.query)."""
    q = params.get("q") or "*:*"
    fq = ["+capacity:public " + params.get("fq", "") + " +state:(active)", f'+site_id:"{SITE_ID}"']
    solr = {"q": q, "fq": fq, "rows": 11, "start": 0, "fl": "id validated_data_dict",
            "sort": params.get("sort", "score desc, metadata_modified desc"), "wt": "json",
            "facet": "true", "facet.limit": 50, "facet.mincount": 1, "q.op": "AND", "df": "text"}
    if params.get("facet.field"):
        solr["facet.field"] = params["facet.field"]
    if ":" not in q:
        solr.update({"defType": "dismax", "tie": "0.1", "mm": "2<-1 5<80%",
                     "qf": "name^4 title^4 tags^2 groups^2 text"})
    return solr


if __name__ == "__main__":
    sys.exit(main())
