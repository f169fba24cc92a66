"""A typed dataset's own page shows its data (issue #14, item 5): the chart of its kind, the
tables of the same numbers and the way to its category page; its metadata table has no empty
rows where the value is known elsewhere (item 8)."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import ckan.plugins.toolkit as tk
from ckan.tests import factories
from ckan.tests.helpers import call_action

from .conftest import page_soup

KINDS = {  # dataset type: (table schema, name, category page)
    "budget-execution": ("budget", "byudjet", "budget"),
    "procurement": ("ocds-releases", "xaridlar", "procurement"),
    "project-status": ("projects", "loyihalar", "projects"),
}


@pytest.fixture
def published(publish):
    return publish([(t, schema, name) for t, (schema, name, _) in KINDS.items()])


def _figures(page: BeautifulSoup):
    return page.find("section", class_="opendata-dataset-figures")


@pytest.mark.usefixtures("clean")
class TestDatasetPageShowsItsData:

    @pytest.mark.parametrize("dataset_type", list(KINDS))
    def test_chart_table_and_category_link(self, app, published, dataset_type):
        _, name, category = KINDS[dataset_type]
        figures = _figures(page_soup(app, f"/dataset/{name}"))
        assert figures is not None
        svg = figures.find("svg", class_="opendata-chart")
        assert svg is not None and svg.find("title").get_text() and svg.find("rect")
        assert figures.find("table").find("tbody").find("tr")
        link = figures.select_one(".opendata-category-link a")
        assert link["href"] == f"/open-data/{category}?dataset={name}"
        assert page_soup(app, link["href"]).find("h1")  # the category page answers

    def test_budget_table_has_the_numbers_of_the_chart(self, app, published):
        figures = _figures(page_soup(app, "/budget-execution/byudjet"))
        rows = figures.find("table").tbody.find_all("tr")
        assert [r.th.get_text() for r in rows] == ["2026 Q1", "2026 Q2", "2026 Q3"]
        labels = [t.get_text() for t in figures.find("svg").find_all("text")]
        for row in rows:
            assert row.find_all("td")[-1].get_text() in labels  # the execution rate
        api = call_action("opendata_dataset_figures", id="byudjet")
        assert api["category"] == "budget" and api["table_schema"] == "budget"
        assert [(t["year"], t["quarter"]) for t in api["table"]] == [
            (2026, 1), (2026, 2), (2026, 3)]
        assert [f"{t['rate']}%" for t in api["table"]] == [
            r.find_all("td")[-1].get_text() for r in rows]

    def test_procurement_totals_methods_and_largest_contracts(self, app, published):
        figures = _figures(page_soup(app, "/procurement/xaridlar"))
        totals = figures.find("dl", class_="opendata-totals").get_text(" ", strip=True)
        assert "Procedures 30" in totals
        captions = [c.get_text() for c in figures.find_all("caption")]
        assert captions == ["By procedure", "The ten largest awards"]
        largest = figures.find_all("table")[1].tbody.find_all("tr")
        assert 0 < len(largest) <= 10
        assert largest[0].td.get_text().startswith("ocds-")

    def test_projects_status_progress_and_spending(self, app, published):
        figures = _figures(page_soup(app, "/project-status/loyihalar"))
        by_status, projects = figures.find_all("table")
        assert sum(int(r.find_all("td")[0].get_text())
                   for r in by_status.tbody.find_all("tr")) == 12
        assert len(projects.tbody.find_all("tr")) == 12
        assert projects.tbody.find("svg", attrs={"role": "img"})  # the progress bar

    def test_no_data_no_chart(self, app, make_dataset):
        make_dataset("budget-execution", name="bosh")
        page = page_soup(app, "/dataset/bosh")
        assert _figures(page) is None
        assert call_action("opendata_dataset_figures", id="bosh") is None

    def test_the_action_refuses_a_dataset_of_no_type(self, app, org):
        plain = factories.Dataset(owner_org=org["id"])
        with pytest.raises(tk.ValidationError) as error:
            call_action("opendata_dataset_figures", id=plain["id"])
        assert "id" in error.value.error_dict

    def test_a_private_dataset_shows_no_figures_to_the_public(self, app, published, editor):
        call_action("package_patch", context={"user": editor["name"]}, id="byudjet",
                    private=True)
        with pytest.raises(tk.NotAuthorized):
            call_action("opendata_dataset_figures", context={"user": "", "ignore_auth": False},
                        id="byudjet")


@pytest.mark.usefixtures("clean")
class TestMetadataRows:

    @pytest.mark.parametrize("dataset_type", list(KINDS))
    def test_no_empty_rows_and_coverage_as_in_the_schedule(self, app, published,
                                                           dataset_type):
        _, name, _ = KINDS[dataset_type]
        page = page_soup(app, f"/dataset/{name}")
        rows = {r.th.get_text(strip=True): r.td.get_text(" ", strip=True)
                for r in page.select(".additional-info tbody tr")}
        assert all(rows.values()), rows
        panel = page.find("section", class_="opendata-schedule")
        data_up_to = panel.find("dt", string="Data up to").find_next("dd").get_text()
        assert rows["Temporal coverage to"] == data_up_to
        assert rows["Temporal coverage from"] <= data_up_to
        assert rows["Publisher"] == "Moliya boshqarmasi"
        assert "OCID prefix" not in rows and "Funding source" not in rows

    def test_a_value_the_editor_gave_is_kept(self, app, published, editor):
        call_action("package_patch", context={"user": editor["name"]}, id="byudjet",
                    temporal_end="2026-12-31", author="Moliya vazirligi", quarter="2", funding_source="Davlat byudjeti")
        rows = {r.th.get_text(strip=True): r.td.get_text(" ", strip=True)
                for r in page_soup(app, "/dataset/byudjet").select(".additional-info tbody tr")}
        assert rows["Temporal coverage to"] == "2026-12-31"
        assert rows["Publisher"] == "Moliya vazirligi"
        assert rows["Latest quarter reported"] == "Q2"
        assert rows["Funding source"] == "Davlat byudjeti"

    def test_latest_quarter_from_the_recorded_updates(self, app, published):
        rows = {r.th.get_text(strip=True): r.td.get_text(" ", strip=True)
                for r in page_soup(app, "/dataset/byudjet").select(".additional-info tbody tr")}
        assert rows["Latest quarter reported"] == "Q3"
