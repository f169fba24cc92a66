"""The stored document of a dataset (what `fl` returns) is kept compressed by the portal
(document.packed), and migration 0006 carries an existing index over and back."""
from __future__ import annotations

import json
import zlib

import pytest

import ckan.lib.search as search
from ckan.cli.cli import ckan as ckan_command
from ckan.tests import factories, helpers

from ckanext.transparency.search import document
from ckanext.transparency.search.document import STORED, TABLE
from ckanext.transparency.search.install import make_connection


def _stored(site_id: str) -> list:
    with make_connection()._cursor() as cursor:
        cursor.execute(f"""SELECT s.doc, pg_typeof(s.doc)::text FROM {STORED} s
                           JOIN {TABLE} d USING (index_id) WHERE d.site_id = %s""", (site_id,))
        return cursor.fetchall()


def _shown(name: str) -> dict:
    found = helpers.call_action("package_search", q=f"name:{name}", fl="name,data_dict,title")
    return found["results"][0]


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_a_stored_document_is_compressed_json(ckan_config):
    dataset = factories.Dataset(name="byudjet", title="Byudjet ijrosi",
                                notes="Ҳисоботлар choraklar boʻyicha " * 40)
    [(stored, kind)] = _stored(ckan_config["ckan.site_id"])
    assert kind == "bytea"
    text = zlib.decompress(stored)
    assert len(stored) < len(text) / 4
    doc = json.loads(text)
    assert doc["name"] == "byudjet"
    assert json.loads(doc["data_dict"])["id"] == dataset["id"]
    shown = _shown("byudjet")
    assert shown["title"] == "Byudjet ijrosi"
    assert json.loads(shown["data_dict"])["notes"].startswith("Ҳисоботлар choraklar")


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_migration_carries_the_documents_over_and_back(cli, ckan_config):
    dataset = factories.Dataset(name="byudjet", title="Byudjet ijrosi",
                                notes="Ҳисоботлар choraklar boʻyicha")
    site_id = ckan_config["ckan.site_id"]
    before = _shown("byudjet")
    downgraded = cli.invoke(ckan_command, ["db", "downgrade", "-p", "transparency_search",
                                           "-v", "0005_narrow_rows"])
    try:
        assert downgraded.exit_code == 0, downgraded.output
        [(doc, kind)] = _stored(site_id)
        assert kind == "jsonb"  # the document as 0005 kept it, decompressed
        assert doc["name"] == "byudjet" and doc["notes"] == "Ҳисоботлар choraklar boʻyicha"
    finally:
        upgraded = cli.invoke(ckan_command, ["db", "upgrade", "-p", "transparency_search"])
    assert upgraded.exit_code == 0, upgraded.output
    [(stored, kind)] = _stored(site_id)
    assert kind == "bytea" and bytes(stored).startswith(b"{")  # its JSON until indexed again
    assert document.unpacked(stored)["name"] == "byudjet"
    assert _shown("byudjet") == before

    search.rebuild(dataset["id"])
    [(stored, kind)] = _stored(site_id)
    assert zlib.decompress(stored)
    assert _shown("byudjet") == before
