"""The reception days on the Open data page are the schedule /appeals/receptions shows (one
source: the appeals section's), with the department named in every row."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from ckan.tests import helpers

pytestmark = pytest.mark.usefixtures("people")
ADDRESS = "Toshkent shahri, Obod koʻchasi, 12-uy"


def _rows(app, url: str) -> list[str]:
    page = BeautifulSoup(app.get(url).body, "html.parser")
    table = page.find("table")
    return [row.get_text(" ", strip=True) for row in table.find("tbody").find_all("tr")]


def test_both_pages_show_one_schedule_naming_the_department(app):
    for user, org, position, room in (("water_admin", "water", "Boshqarma boshligʻi", "207"),
                                      ("heating_admin", "heating", "Boʻlim boshligʻi", "115")):
        helpers.call_action("appeal_reception_create", context={"user": user},
                            owner_org=org, position=position, weekday=2, weeks="",
                            starts="10:00", ends="12:00", place=f"{ADDRESS}, {room}-xona",
                            sign_up="Telefon orqali")
    open_data = _rows(app, "/open-data/appeals")
    appeals = _rows(app, "/appeals/receptions")
    for rows in (open_data, appeals):
        assert any("207-xona" in r for r in rows) and any("115-xona" in r for r in rows)
        for row in rows:
            department = "Ichimlik suvi" if "207-xona" in row else "Issiqlik"
            assert department in row, row
    assert len(open_data) >= 2 * 5  # six weeks of Wednesdays, two receptions
    assert all("10:00–12:00" in row for row in open_data)
