"""The schedule figure of the home page: datasets on schedule and overdue, from updates recorded
through opendata_update_record."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from freezegun import freeze_time

from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("clean")


@pytest.fixture
def three_datasets(make_dataset, editor):
    """Quarterly datasets: two cover Q3 2026 (due 15 January), one only Q2 (due 15 October)."""
    for name, start, end in (("fresh", "2026-07-01", "2026-09-30"),
                             ("also-fresh", "2026-07-01", "2026-09-30"),
                             ("late", "2026-04-01", "2026-06-30")):
        dataset = make_dataset(name=name)
        call_action("opendata_update_record", context={"user": editor["name"]},
                    id=dataset["id"], period_start=start, period_end=end)


@freeze_time("2026-11-26 10:00:00")
def test_datasets_on_schedule_and_overdue(three_datasets, app):
    [figure] = call_action("front_page_figures", name="schedule")["figures"]
    assert figure["data"] == {"on_schedule": 2, "overdue": 1, "due_soon": 0, "scheduled": 3}
    assert figure["evidence"] == "http://test.ckan.net/open-data#schedule"
    assert figure["badge"] == {"label": "Datasets on schedule", "value": "2 of 3 · 1 overdue"}
    page = BeautifulSoup(app.get("/ru/").body, "html.parser")
    card = page.find("article", attrs={"aria-labelledby": "front-figure-schedule"})
    assert "1 набор данных просрочен" in card.get_text()
    assert card.find("a", class_="front-figure-alert")["href"].endswith(
        "/ru/dataset/?q=opendata_freshness:overdue")


@freeze_time("2027-01-10 10:00:00")
def test_due_soon_is_still_on_schedule(three_datasets):
    [figure] = call_action("front_page_figures", name="schedule")["figures"]
    assert figure["data"] == {"on_schedule": 2, "overdue": 1, "due_soon": 2, "scheduled": 3}


def test_no_schedule_yet(app):
    [figure] = call_action("front_page_figures", name="schedule")["figures"]
    assert figure["data"]["scheduled"] == 0
    assert "Ни у одного набора данных пока нет графика обновления." in app.get("/ru/").body
