"""The portal without the open dialogue plugin: the rating lacks the public activity indicator
and is weighted over the other two; the periodic jobs, demo steps, methodology and pages are
those of the plugins that are loaded (core/interfaces.py)."""
from __future__ import annotations

import datetime as dt

import pytest

import ckan.plugins as p
from ckan.common import config

from ckanext.transparency import periodic
from ckanext.transparency.demo import loader
from ckanext.transparency.rating import indicators, methodology, periods

from .conftest import _appeals, _consultation, _datasets

WITHOUT_DIALOGUE = " ".join(name for name in config["ckan.plugins"]
                            if name != "transparency_dialogue")
FEB, MARCH_1 = periods.parse("2026-02"), dt.date(2026, 3, 1)
DIALOGUE_MEASURES = {"events_held", "questions_answered", "polls_run"}


@pytest.fixture
def february_without_dialogue(people, freezer):
    data = {"datasets": _datasets(people, freezer), "appeals": _appeals(freezer),
            "consultation": _consultation(people, freezer)}
    freezer.move_to("2026-03-01 09:00:00")
    return dict(people, **data)


@pytest.mark.ckan_config("ckan.plugins", WITHOUT_DIALOGUE)
@pytest.mark.ckan_config("ckanext.transparency.rating.minimum_sample", 3)
def test_the_rating_lacks_the_activity_indicator(february_without_dialogue, app):
    assert not p.plugin_loaded("transparency_dialogue")
    result = indicators.department(february_without_dialogue["water"]["id"], FEB, MARCH_1)
    assert [m["key"] for m in result["measures"]] == [
        "datasets_on_time", "appeals_on_time", "appeals_median_days", "proposals_answered"]
    ind = result["indicators"]
    assert (ind["timeliness"]["score"], ind["responsiveness"]["score"]) == (33.3, 56.7)
    assert ind["activity"] == {"score": None, "sample": 0, "rated": False, "weight": 0.0}
    assert result["rated"] and result["score"] == round((33.3 + 56.7) / 2, 1) == 45.0
    assert {s["measure"] for s in methodology.sources()} == {
        "datasets_on_time", "appeals_on_time", "appeals_median_days", "proposals_answered"}

    assert not {job.name for job in periodic.JOBS} & {"dialogue-notifications", "dialogue-polls"}
    assert [step.name for step in loader.steps()] == [
        "about", "consultations", "appeals", "opendata", "rating"]

    for url in ("/rating", "/rating/methodology"):
        page = app.get(url)
        assert page.status_code == 200, url
        assert "Announced events held" not in page.body


@pytest.mark.ckan_config("ckanext.transparency.rating.minimum_sample", 3)
def test_with_every_plugin_the_dialogue_measures_are_there(people):
    """The counterpart: with open dialogue loaded, its measures, jobs and demo step are in."""
    assert {m.key for m in indicators.measures()} >= DIALOGUE_MEASURES
    assert {job.name for job in periodic.JOBS} >= {"dialogue-notifications", "dialogue-polls"}
    assert [step.name for step in loader.steps()] == [
        "about", "consultations", "dialogue", "appeals", "opendata", "rating"]
