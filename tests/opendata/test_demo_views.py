"""Every DataStore resource of the demo has a table preview (issue #14, item 6), also in a demo
loaded before uploads added one: loading the demo again adds the views it lacks."""
from __future__ import annotations

import collections
import tempfile
from pathlib import Path

import pytest

from ckan.tests.helpers import call_action

from ckanext.transparency.core.context import site_context
from ckanext.transparency.demo import loader, organization
from ckanext.transparency.demo.datasets import DATASETS
from ckanext.transparency.opendata import demo as opendata_demo


@pytest.fixture
def some_demo(table_views, with_plugins, clean_db, clean_index):
    """One demo dataset of each type, loaded as `ckan transparency demo` loads them."""
    specs = list({spec.kind: spec for spec in DATASETS}.values())
    context = site_context()
    for department in organization.DEPARTMENTS:
        organization.ensure(context, department)
    with tempfile.TemporaryDirectory() as directory:
        for spec in specs:
            loader.ensure_dataset(context, spec, Path(directory), collections.Counter())
    opendata_demo.load(specs, echo=lambda line: None)
    return specs


def _datastore_resources(specs) -> list[dict]:
    resources = [r for spec in specs
                 for r in call_action("package_show", id=spec.name)["resources"]]
    return [r for r in resources if r.get("datastore_active")]


def test_every_datastore_resource_of_the_demo_has_a_table_preview(app, some_demo):
    resources = _datastore_resources(some_demo)
    assert len(resources) >= 5
    for resource in resources:
        views = call_action("resource_view_list", id=resource["id"])
        assert [v["view_type"] for v in views] == ["datatables_view"], resource["name"]
    page = app.get(f"/dataset/{resources[0]['package_id']}/resource/{resources[0]['id']}").body
    assert "There are no views created" not in page


def test_loading_the_demo_again_adds_the_views_an_older_demo_lacks(some_demo):
    resources = _datastore_resources(some_demo)
    for resource in resources:  # as a demo loaded before uploads added views
        for view in call_action("resource_view_list", id=resource["id"]):
            call_action("resource_view_delete", id=view["id"])
    lines: list[str] = []
    opendata_demo.load(some_demo, echo=lines.append)
    assert f"  resource views added: {len(resources)}" in lines
    for resource in resources:
        assert call_action("resource_view_list", id=resource["id"])
