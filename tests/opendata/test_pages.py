"""The /open-data section, its category pages with SVG charts and tables, and the schedule on
dataset pages and in search results."""
from __future__ import annotations

import pytest

from .conftest import page_soup


@pytest.fixture
def published(publish):
    return publish()


@pytest.mark.usefixtures("clean")
class TestSection:

    def test_index_has_categories_schedule_and_recent(self, app, published):
        page = page_soup(app, "/open-data")
        cards = [c.get_text(" ", strip=True) for c in page.select(".card")]
        assert len(cards) == 4
        assert any("Budget execution" in c and "1 datasets" in c for c in cards)
        assert any("Reception days and appeals" in c and "2 datasets" in c for c in cards)
        assert page.select(".opendata-state")
        recent = page.find("h2", string="Recently updated").find_next("ul")
        assert len(recent.select("li")) == 5

    @pytest.mark.parametrize("category", ["budget", "procurement", "projects", "appeals"])
    def test_category_pages_have_a_chart_with_a_table_and_downloads(self, app, published,
                                                                    category):
        page = page_soup(app, f"/open-data/{category}")
        svg = page.find("svg", class_="opendata-chart")
        assert svg is not None and svg.find("title").get_text()
        assert svg.find("rect")
        assert page.find("table").find("tbody").find("tr")
        links = [a["href"] for a in page.select(".opendata-downloads a")]
        assert any("format=xlsx" in link for link in links)
        assert any("bom=true" in link for link in links)

    def test_a_category_page_passes_over_a_table_the_database_no_longer_has(
            self, app, published, reset_db):
        """The search index can be out of step with the database (a restore of one without
        the other, a write that failed half-way): the page was a 500 for a table it named."""
        reset_db()  # the database emptied, the index left as it was
        page = page_soup(app, "/open-data/appeals")
        assert page.find("svg", class_="opendata-chart") is None
        assert "No data published yet." in page.get_text()

    def test_budget_table_has_the_numbers_of_the_chart(self, app, published):
        page = page_soup(app, "/open-data/budget")
        rows = page.find("table").find("tbody").find_all("tr")
        assert [r.th.get_text() for r in rows] == ["2026 Q1", "2026 Q2", "2026 Q3"]
        labels = [t.get_text() for t in page.find("svg").find_all("text")]
        for row in rows:
            assert row.find_all("td")[-1].get_text() in labels  # the execution rate

    def test_procurement_filters(self, app, published):
        page = page_soup(app, "/open-data/procurement?method=direct")
        methods = {r.th.get_text() for r in page.find_all("table")[0].tbody.find_all("tr")}
        assert methods == {"Toʻgʻridan-toʻgʻri shartnoma"}

    def test_unknown_category(self, app):
        assert app.get("/open-data/nothing").status_code == 404

    def test_dataset_page_and_search_show_the_state(self, app, published):
        page = page_soup(app, "/budget-execution/byudjet")
        panel = page.find("section", class_="opendata-schedule")
        assert panel is not None
        assert "2026-Q4" in panel.get_text() and "2027-01-15" in panel.get_text()
        page = page_soup(app, "/dataset/?q=byudjet")
        assert page.select(".dataset-item .opendata-state")
        page = page_soup(app, "/dataset/")
        heading = page.find(string=lambda t: t and t.strip() == "Update schedule")
        assert heading is not None  # the facet, with readable state names
        assert "On time" in heading.find_parent("section").get_text()
