"""A citizen opening a budget, a procurement or a project dataset sees its data: the chart of
its kind fits the screen on a desktop and on a phone (390 px), in Uzbek and in Russian
(issue #14, item 5). Screenshots go to var/e2e/."""
from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.transparency.opendata.types import MONTHLY, QUARTERLY
from tests.opendata.conftest import table_bytes

from .keyboard import fits_the_screen

pytestmark = pytest.mark.system

DATASETS = (  # type, table schema, name, frequency
    ("budget-execution", "budget", "byudjet-ijrosi", QUARTERLY),
    ("procurement", "ocds-releases", "davlat-xaridlari", MONTHLY),
    ("project-status", "projects", "loyihalar-holati", QUARTERLY),
)


@pytest.fixture
def published():
    editor = factories.User()
    org = factories.Organization(name="moliya", title="Moliya boshqarmasi",
                                 users=[{"name": editor["name"], "capacity": "editor"}])
    context = {"user": editor["name"]}
    for dataset_type, schema, name, frequency in DATASETS:
        dataset = call_action(
            "package_create", context=dict(context), type=dataset_type, name=name,
            title=f"{name.replace('-', ' ').capitalize()} 2026", owner_org=org["id"],
            frequency=frequency, language="uz-Latn", fiscal_year=2026,
            maintainer="Moliya boʻlimi", maintainer_email="moliya@example.uz")
        call_action("resource_create", context=dict(context), package_id=dataset["id"],
                    name="2026", upload=FileStorage(stream=io.BytesIO(table_bytes(schema)),
                                                    filename=f"{name}.csv"))


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "published")
@pytest.mark.parametrize("language", ["uz", "ru"])
def test_dataset_pages_show_their_chart_on_desktop_and_phone(live_server, browser, screenshot,
                                                             language):
    for width, height, device in ((1280, 900, "desktop"), (390, 844, "phone")):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      device_scale_factor=2 if width < 500 else 1,
                                      is_mobile=width < 500, has_touch=width < 500)
        page = context.new_page()
        for _, _, name, _ in DATASETS:
            page.goto(f"{live_server}/{language}/dataset/{name}")
            chart = page.locator(".opendata-dataset-figures svg.opendata-chart")
            assert chart.is_visible(), name
            box = chart.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, device)
            assert page.locator(".opendata-dataset-figures table tbody tr").count() > 0
            assert fits_the_screen(page), (name, device)
            screenshot(page, f"{name}-{device}")
        context.close()
