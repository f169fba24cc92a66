"""Rating snapshots are taken by the site's day (ckan.display_timezone), not the server's UTC
clock: at 20:00 UTC on 31 December the year has ended in Tashkent."""
from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from ckanext.transparency.rating import snapshots


@pytest.mark.ckan_config("ckan.display_timezone", "Asia/Tashkent")
@pytest.mark.usefixtures("clean_db", "with_plugins")
@freeze_time("2026-12-31 20:00:00")
def test_the_snapshots_of_december_are_taken_on_the_sites_new_year():
    taken = {snapshot.kind: snapshot for snapshot in snapshots.take_due()}
    assert {kind: (s.period_start, s.period_end) for kind, s in taken.items()} == {
        "month": (dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
        "quarter": (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        "year": (dt.date(2026, 1, 1), dt.date(2026, 12, 31))}
    assert {s.as_of for s in taken.values()} == {dt.date(2027, 1, 1)}
