"""`ckan transparency search rebuild` indexes exactly what CKAN's `search-index rebuild` does;
the string-value arrays that the migration fills are the ones build_row makes."""
import gc
import importlib

import pytest

import ckan.lib.search as search
import ckan.model as model
from ckan.cli.cli import ckan as ckan_command
from ckan.tests import factories, helpers

from ckanext.transparency.search.document import STORED, TABLE
from ckanext.transparency.search.install import make_connection


def _index(site_id: str) -> list[tuple]:
    """Every column that searches read, less the time of indexing. (The stored documents are
    not compared: the resources in CKAN's own validated_data_dict come out differently from
    one dataset to the next in one run, as it passes one context along.)"""
    with make_connection()._cursor() as cursor:
        cursor.execute(
            f"""SELECT d.index_id, d.terms - 'indexed_ts', d.tokens, d.texts, d.tsv::text,
                       d.keys, d.flags
                FROM {TABLE} d JOIN {STORED} s USING (index_id)
                WHERE d.site_id = %s ORDER BY d.index_id""", (site_id,))
        return cursor.fetchall()


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_parallel_rebuild_indexes_what_ckan_rebuild_does(cli, ckan_config):
    org = factories.Organization(name="moliya")
    for i in range(5):
        factories.Dataset(name=f"hisobot-{i}", title=f"Byudjet hisobotlari {i}", owner_org=org["id"],
                          notes="Ҳисоботлар choraklar boʻyicha", tags=[{"name": "byudjet"}],
                          extras=[{"key": "frequency", "value": "QUARTERLY"}],
                          resources=[{"url": "http://example.uz/a.csv", "format": "CSV"}])
    factories.Dataset(name="yopiq", owner_org=org["id"], private=True)
    gone = factories.Dataset(name="ochirilgan", owner_org=org["id"])
    # as a user: with the activity plugin loaded (by an earlier test) an action records who
    helpers.call_action("package_delete", {"user": factories.Sysadmin()["name"]}, id=gone["id"])
    site_id = ckan_config["ckan.site_id"]

    search.clear_all()
    model.Session.remove()  # read from the database, as a fresh `ckan search-index rebuild`
    search.rebuild(quiet=True)
    expected = _index(site_id)
    assert len(expected) == 6

    search.clear_all()
    assert _index(site_id) == []
    result = cli.invoke(ckan_command, ["transparency", "search", "rebuild",
                                       "--processes", "1"])
    assert result.exit_code == 0, result.output
    assert "Indexed 6 datasets" in result.output  # not the deleted one, as in CKAN
    assert _index(site_id) == expected

    search.clear_all()
    result = cli.invoke(ckan_command, ["transparency", "search", "rebuild",
                                       "--processes", "2", "--batch", "2"])
    assert result.exit_code == 0, result.output
    assert _index(site_id) == expected
    assert gc.get_freeze_count() == 0  # what the workers shared is collected again here
    assert helpers.call_action("package_search", q="hisobot")["count"] == 5


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_migration_fills_the_arrays_as_build_row_does(ckan_config):
    org = factories.Organization(name="xaridlar")
    factories.Dataset(name="shartnomalar", owner_org=org["id"], tags=[{"name": "tender"}],
                      groups=[factories.Group(name="iqtisodiyot")],
                      extras=[{"key": "fiscal_year", "value": "2026"}],
                      resources=[{"url": "http://example.uz/" + "x" * 1200, "format": "XLSX"}])
    site_id = ckan_config["ckan.site_id"]
    migration = importlib.import_module(
        "ckanext.transparency.migration.transparency_search.versions.0004_string_keys")
    with make_connection()._cursor() as cursor:
        cursor.execute(f"SELECT keys, flags FROM {TABLE} WHERE site_id = %s", (site_id,))
        keys, flags = cursor.fetchone()
        arrays = f"{migration._elements(False)}, {migration._elements(True)}".replace("%", "%%")
        cursor.execute(f"SELECT {arrays} FROM {TABLE} WHERE site_id = %s", (site_id,))
        assert [sorted(a) for a in cursor.fetchone()] == [sorted(keys), sorted(flags)]
    assert "tags=tender" in keys and "groups=iqtisodiyot" in keys and "res_format=XLSX" in keys
    assert not any(k.startswith("res_url=") for k in keys)  # too long for an array element
    assert "capacity=public" in flags and f"site_id={site_id}" in flags
    assert helpers.call_action("package_search", fq="tags:tender res_format:XLSX")["count"] == 1
