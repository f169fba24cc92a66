"""The ranking says why a department is not rated, the evidence names records by their titles,
and without a chosen period the page shows the latest one that rates a department, or says why
none does."""
from __future__ import annotations

import pytest

from ckan.tests import helpers

pytestmark = pytest.mark.ckan_config("ckanext.transparency.rating.minimum_sample", 3)


def _compute(period: str, minimum: int, monkeypatch, **extra) -> None:
    import ckan.plugins.toolkit as tk
    monkeypatch.setitem(tk.config, "ckanext.transparency.rating.minimum_sample", minimum)
    helpers.call_action("openness_rating_compute", period=period, **extra)
    helpers.call_action("openness_rating_publish", period=period)


def _real_clock(freezer):
    from freezegun.api import real_datetime
    freezer.move_to(real_datetime.now())


def test_not_rated_says_why_beside_its_figures(app, february, freezer, monkeypatch):
    _compute("2026-02", 3, monkeypatch)
    _real_clock(freezer)
    page = app.get("/rating?period=2026-02").body
    heating = page[page.index("/rating/department/heating"):]
    heating = heating[:heating.index("</tr>")]
    assert "Not rated" in heating
    assert "Timeliness: 0 records judged, at least 3 needed" in heating
    russian = app.get("/ru/rating?period=2026-02").body
    assert "нужно не менее 3" in russian


def test_evidence_names_records_by_title(app, february, freezer, monkeypatch):
    _compute("2026-02", 3, monkeypatch)
    _real_clock(freezer)
    page = app.get("/rating/department/water?period=2026-02").body
    evidence = page[page.index("<h2>Evidence</h2>"):page.index("<h2>Score history</h2>")]
    assert "Xaridlar C" in evidence and "zakupki-c" not in evidence
    assert "<th scope=\"col\">Dataset</th>" not in evidence


def test_the_default_period_is_the_latest_that_rates(app, february, freezer, monkeypatch):
    _compute("2026-02", 3, monkeypatch)
    freezer.move_to("2026-04-02 09:00:00")
    _compute("2026-03", 1000, monkeypatch)  # too few records in March
    _real_clock(freezer)
    page = app.get("/rating").body
    assert "<strong>2026-02</strong>" in page and "2026-03" not in page
    assert "No department can be rated" not in page
    assert "<strong>2026-03</strong>" in app.get("/rating?period=2026-03").body


def test_the_page_explains_why_no_period_rates(app, february, freezer, monkeypatch):
    _compute("2026-02", 1000, monkeypatch)
    _real_clock(freezer)
    page = app.get("/rating").body
    assert "No department can be rated in this period" in page
    assert "at least 1000 records judged" in page
    assert "No earlier period rates a department either." in page
