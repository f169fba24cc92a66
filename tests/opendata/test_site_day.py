"""The update schedule counts days as the site does (ckan.display_timezone), not as the
server's UTC clock: at 20:00 UTC on 31 December it is already 1 January in Tashkent."""
from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from ckan.tests.helpers import call_action

from ckanext.transparency.demo import files
from ckanext.transparency.demo.tables import build
from ckanext.transparency.opendata import freshness
from ckanext.transparency.opendata.model import UpdateRecord
from ckanext.transparency.opendata.types import MONTHLY

pytestmark = pytest.mark.ckan_config("ckan.display_timezone", "Asia/Tashkent")
NEW_YEARS_EVE_20_00_UTC = "2026-12-31 20:00:00"


@freeze_time(NEW_YEARS_EVE_20_00_UTC)
@pytest.mark.ckan_config("ckanext.transparency.opendata.grace_days", 0)
@pytest.mark.usefixtures("with_plugins")
def test_data_due_on_the_last_day_of_the_year_is_overdue_on_the_sites_new_year():
    november = UpdateRecord(period_start=dt.date(2026, 11, 1), period_end=dt.date(2026, 11, 30),
                            updated_at=dt.datetime(2026, 12, 5, 9, 0))
    schedule = freshness.compute({"type": "budget-execution", "frequency": MONTHLY}, november)
    assert schedule.next_due == dt.date(2026, 12, 31)
    assert schedule.state == freshness.OVERDUE


@freeze_time(NEW_YEARS_EVE_20_00_UTC)
@pytest.mark.usefixtures("clean")
def test_fourth_quarter_data_uploaded_on_the_sites_new_year_covers_the_fourth_quarter(
        make_dataset, upload, editor):
    dataset = make_dataset()
    year = build("budget", "test", "latn", year=2026, last_quarter=4)
    upload(dataset, files.render(year, files.FileSpec("t.csv", files.CSV, files.UTF8)), "b.csv")
    [entry] = call_action("opendata_update_history", context={"user": editor["name"]},
                          id=dataset["name"])
    assert (entry["period_start"], entry["period_end"]) == ("2026-01-01", "2026-12-31")
    schedule = call_action("opendata_schedule_show", id=dataset["name"])
    assert (schedule["next_period"], schedule["next_due"]) == ("2027-Q1", "2027-04-15")
