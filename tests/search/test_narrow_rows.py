"""A search reads small rows: the wide columns of a document live out of line, a small vector
of its title, name, tags, groups and organization stays in the row, and a query with more
hits than planner.CANDIDATES reads the full vector only for that many (migration 0005)."""
from __future__ import annotations

import json

import pytest

from ckan.cli.cli import ckan as ckan_command
from ckan.tests import factories, helpers

from ckanext.transparency.search import planner
from ckanext.transparency.search.document import TABLE
from ckanext.transparency.search.install import make_connection

# a row of a few kB: over PostgreSQL's threshold for moving values out of line (2 kB), under
# the 8 kB that 0004 kept in line
LONG_NOTES = " ".join(f"hisobot{i} xarajatlar" for i in range(60))


def _storage(site_id: str) -> list[tuple]:
    """Per document: whether tsv is out of line, terms in line, and head the A and B classes
    of tsv."""
    with make_connection()._cursor() as cursor:
        cursor.execute(
            f"""SELECT pg_column_toast_chunk_id(tsv) IS NOT NULL,
                       pg_column_toast_chunk_id(terms) IS NULL,
                       head = ts_filter(tsv, '{{a,b}}') AND length(head) > 0
                FROM {TABLE} WHERE site_id = %s""", (site_id,))
        return cursor.fetchall()


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_wide_columns_are_out_of_line_and_the_title_vector_in_the_row(ckan_config):
    factories.Dataset(name="byudjet", title="Byudjet ijrosi", notes=LONG_NOTES,
                      tags=[{"name": "moliya"}])
    assert _storage(ckan_config["ckan.site_id"]) == [(True, True, True)]
    assert helpers.call_action("package_search", q="ijrosi hisobot7")["count"] == 1


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_migration_moves_an_existing_index_over(cli, ckan_config):
    factories.Dataset(name="byudjet", title="Byudjet ijrosi", notes=LONG_NOTES,
                      tags=[{"name": "moliya"}])
    site_id = ckan_config["ckan.site_id"]
    downgraded = cli.invoke(ckan_command, ["db", "downgrade", "-p", "transparency_search",
                                           "-v", "0004_string_keys"])
    try:
        assert downgraded.exit_code == 0, downgraded.output
        with make_connection()._cursor() as cursor:
            # the row written again (a new vector) where 0004 puts it
            cursor.execute(f"UPDATE {TABLE} SET tsv = tsv || ''::tsvector WHERE site_id = %s",
                           (site_id,))
            cursor.execute(f"SELECT pg_column_toast_chunk_id(tsv) FROM {TABLE} "
                           "WHERE site_id = %s", (site_id,))
            assert cursor.fetchall() == [(None,)]  # the row as 0004 kept it: all in line
    finally:
        upgraded = cli.invoke(ckan_command, ["db", "upgrade", "-p", "transparency_search"])
    assert upgraded.exit_code == 0, upgraded.output
    assert _storage(site_id) == [(True, True, True)]
    assert [d["name"] for d in helpers.call_action(
        "package_search", q="moliya ijrosi")["results"]] == ["byudjet"]


def _rows_ranked_on_the_full_vector(plan: planner.SearchPlan) -> int:
    """The most rows any step of the statement computed ts_rank of the full vector for."""
    with make_connection()._cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) " + plan.sql, plan.params)
        root = cursor.fetchone()[0]
        root = json.loads(root) if isinstance(root, str) else root

    def walk(node: dict) -> int:
        own = node["Actual Rows"] * node["Actual Loops"] if any(
            "ts_rank(" in output and ".tsv," in output for output in node.get("Output", [])) else 0
        return max([own, *(walk(child) for child in node.get("Plans", []))])

    return int(walk(root[0]["Plan"]))


@pytest.mark.usefixtures("clean_index")
def test_many_hits_are_ranked_on_the_full_vector_only_as_candidates(ckan_config):
    site_id = ckan_config["ckan.site_id"]
    count = planner.CANDIDATES + 100
    docs = [{"index_id": f"narrow-{i}", "id": f"narrow-{i}", "name": f"narrow-{i}",
             "site_id": site_id, "entity_type": "package", "dataset_type": "dataset",
             "state": "active", "capacity": "public", "permission_labels": ["public"],
             "title": "Suv taʼminoti" if i % 50 == 7 else f"Hisobot {i}",
             "notes": "suv " * (1 + i % 5) + "xarajatlar"} for i in range(count)]
    make_connection().add(docs)
    params = {"fq": [f'+site_id:"{site_id}"'], "defType": "dismax", "qf": "title^4 text",
              "rows": 5, "sort": "score desc, metadata_modified desc", "fl": "id score"}

    plan = planner.build_search("suv", dict(params))
    assert _rows_ranked_on_the_full_vector(plan) == planner.CANDIDATES

    result = make_connection().search("suv", **params)
    assert result.hits == count
    # the title matches come first, as ranking every hit puts them
    assert {doc["id"] for doc in result.docs} <= {f"narrow-{i}" for i in range(7, count, 50)}
    deep = make_connection().search("suv", **dict(params, start=count - 3, rows=10))
    assert len(deep.docs) == 3  # a page past the first block ranks the next one
    pages = [doc["id"] for start in range(0, count, 70)
             for doc in make_connection().search("suv", **dict(params, start=start, rows=70)).docs]
    assert len(pages) == len(set(pages)) == count  # pages across blocks: each hit once
