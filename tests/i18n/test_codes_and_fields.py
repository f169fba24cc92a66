"""Pages name things in the reader's language, not by their internal names: form fields in
error summaries, codelist values, chart axes and quarters, the administration pages."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from ckan.tests import factories

from ckanext.transparency.i18n import formatting
from ckanext.transparency import svg_charts
from tests.appeals.conftest import appeal_data, people  # noqa: F401 (fixture)
from tests.opendata.conftest import clean, editor, make_dataset, org, table_bytes, upload  # noqa: F401

PROJECT_CODES = {"identification", "preparation", "implementation", "completion",
                 "maintenance", "decommissioning", "decommissioned", "cancelled"}


def _page(app, url: str, **kwargs) -> BeautifulSoup:
    response = app.get(url, **kwargs)
    assert response.status_code == 200, url
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _summary(response) -> list[str]:
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [li.get_text(" ", strip=True) for li in page.select(".alert-danger li")]


@pytest.mark.usefixtures("people")
def test_error_summaries_name_fields_by_their_labels(app):
    data = appeal_data(full_name="", address="", topic="", type="", owner_org="",
                       submission_key="web-form-key-0123456789")
    summary = _summary(app.post("/ru/appeals/new", data=data))
    assert summary
    assert not [line for line in summary
                if re.match(r"(address|full_name|owner_org|topic|type)\b", line)]
    labels = {line.split(":")[0] for line in summary}
    assert {"Почтовый адрес", "ФИО", "Отдел", "Тема", "Вид"} <= labels
    summary = _summary(app.post("/uz_Cyrl/appeals/track", data={"number": "2026-000001",
                                                                 "code": "x"}))
    assert summary and not [line for line in summary if line.startswith(("code", "number"))]


@pytest.mark.parametrize("locale, value, expected", [
    ("en", 50e9, "50B"), ("uz", 50e9, "50 mlrd"), ("uz_Cyrl", 50e9, "50 млрд"),
    ("ru", 1.5e12, "1,5 трлн"), ("uz", 500e6, "500 mln"), ("ru", 500e6, "500 млн"),
    ("en", 950.0, "950"),
])
def test_chart_axes_abbreviate_in_the_readers_language(app, locale, value, expected):
    with app.flask_app.test_request_context("/", environ_base={"CKAN_LANG": locale}):
        assert svg_charts.short_number(value) == expected


@pytest.mark.parametrize("locale, expected", [
    ("en", "2026 Q1"), ("uz", "2026-yil I chorak"), ("uz_Cyrl", "2026-йил I чорак"),
    ("ru", "I квартал 2026 г."),
])
def test_quarters_as_the_language_writes_them(app, locale, expected):
    with app.flask_app.test_request_context("/", environ_base={"CKAN_LANG": locale}):
        assert formatting.transparency_quarter(2026, 1) == expected


@pytest.fixture
def published(make_dataset, upload):
    for dataset_type, schema, name in (("budget-execution", "budget", "byudjet"),
                                       ("procurement", "ocds-releases", "xaridlar"),
                                       ("project-status", "projects", "loyihalar")):
        upload(make_dataset(dataset_type, name=name), table_bytes(schema), f"{name}.csv")


@pytest.mark.usefixtures("published")
def test_section_pages_show_codes_by_their_labels(app):
    page = _page(app, "/uz_Cyrl/open-data/projects")
    statuses = [r.th.get_text() for r in page.find("table").tbody.find_all("tr")]
    assert statuses and not set(statuses) & PROJECT_CODES
    options = [o.get_text() for o in page.select("#opendata-status option")]
    assert not set(options) & PROJECT_CODES
    axis = [t.get_text() for t in page.find("svg", class_="opendata-chart").find_all("text")]
    assert not [t for t in axis if re.fullmatch(r"[\d.,]+[KMBT]", t)]
    assert not set(axis) & PROJECT_CODES
    page = _page(app, "/uz/open-data/budget")
    assert [r.th.get_text() for r in page.find("table").tbody.find_all("tr")] == [
        "2026-yil I chorak", "2026-yil II chorak", "2026-yil III chorak"]
    page = _page(app, "/ru/open-data/procurement")
    methods = {o["value"]: o.get_text() for o in page.select("#opendata-method option")}
    assert methods.get("direct") == "Прямая"


def test_the_administration_pages_in_uzbek_cyrillic(app, clean):
    admin = factories.SysadminWithToken()
    page = _page(app, "/uz_Cyrl/ckan-admin/", headers={"Authorization": admin["token"]})
    text = page.get_text(" ")
    assert "Бошқарув" in text and "Administration" not in text


def test_the_state_of_a_dataset_in_the_readers_language(app, clean):
    admin = factories.SysadminWithToken()
    dataset = factories.Dataset()
    for locale, state in (("uz_Cyrl", "фаол"), ("uz", "faol"), ("ru", "активен")):
        page = _page(app, f"/{locale}/dataset/{dataset['name']}",
                     headers={"Authorization": admin["token"]})
        cells = [td.get_text(strip=True) for td in page.select("td.dataset-details")]
        assert state in cells and "active" not in cells
