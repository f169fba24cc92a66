"""Each measure, the normalisation, the indicators, the weights, the bands at their edges and the
minimum sample, from records with known numbers (see conftest)."""
from __future__ import annotations

import datetime as dt

import pytest

from ckanext.transparency.appeals.rating_measures import appeals_days_to_answer, appeals_on_time
from ckanext.transparency.consultations.rating_measures import proposals_answered
from ckanext.transparency.dialogue.rating_measures import events_held, polls_run, questions_answered
from ckanext.transparency.opendata.rating_measures import dataset_updates
from ckanext.transparency.rating import indicators, periods

MARCH_1 = dt.date(2026, 3, 1)
FEB = periods.parse("2026-02")


def measure(result: dict, key: str) -> dict:
    return next(m for m in result["measures"] if m["key"] == key)


def test_dataset_updates(february):
    found = dataset_updates(february["water"]["id"], FEB, MARCH_1)
    assert (found.numerator, found.denominator) == (1, 3)
    by_name = {e["dataset"]: e for e in found.evidence}
    assert by_name["zakupki-a"]["on_time"] and by_name["zakupki-a"]["days_late"] is None
    assert by_name["zakupki-b"]["days_late"] == 5 and by_name["zakupki-b"]["updated"] == \
        "2026-02-20"
    assert by_name["zakupki-c"]["days_late"] == 14 and by_name["zakupki-c"]["updated"] is None
    assert {e["due"] for e in found.evidence} == {"2026-02-15"}
    assert {e["data_period"] for e in found.evidence} == {"2026-01"}
    # December's data was due on 15 January: not in February
    january = dataset_updates(february["water"]["id"], periods.parse("2026-01"),
                                      MARCH_1)
    assert january.denominator == 3 and january.numerator == 0


def test_appeals(february):
    on_time = appeals_on_time(february["water"]["id"], FEB, MARCH_1)
    assert (on_time.numerator, on_time.denominator) == (2, 4)
    assert sorted(e["days_late"] for e in on_time.evidence if not e["on_time"]) == [4, 13]
    days = appeals_days_to_answer(february["water"]["id"], FEB, MARCH_1)
    assert days.value == 9.0 and days.denominator == 3
    assert sorted(e["days"] for e in days.evidence) == [4, 9, 19]
    assert not any("Fuqaro" in str(e) or "@" in str(e) for e in on_time.evidence + days.evidence)


def test_proposals(february):
    found = proposals_answered(february["water"]["id"], FEB, MARCH_1)
    assert (found.numerator, found.denominator) == (1, 2)
    assert [e["proposal"] for e in found.evidence if not e["on_time"]] == [2]


def test_dialogue(february):
    org = february["water"]["id"]
    events = events_held(org, FEB, MARCH_1)
    assert (events.numerator, events.denominator) == (3, 4)
    assert [e["status"] for e in events.evidence] == ["held", "held", "held", "cancelled"]
    questions = questions_answered(org, FEB, MARCH_1)
    assert (questions.numerator, questions.denominator) == (1, 2)
    polls = polls_run(org, FEB, MARCH_1)
    assert polls.numerator == 1 and len(polls.evidence) == 1


@pytest.mark.ckan_config("ckanext.transparency.rating.minimum_sample", 3)
def test_department_score(february):
    result = indicators.department(february["water"]["id"], FEB, MARCH_1)
    assert measure(result, "datasets_on_time")["score"] == 33.3
    assert measure(result, "appeals_on_time")["score"] == 50.0
    assert measure(result, "appeals_median_days")["score"] == 70.0
    assert measure(result, "proposals_answered")["score"] == 50.0
    assert measure(result, "events_held")["score"] == 75.0
    assert measure(result, "questions_answered")["score"] == 50.0
    assert measure(result, "polls_run")["score"] == 100.0
    ind = result["indicators"]
    assert (ind["timeliness"]["score"], ind["timeliness"]["sample"]) == (33.3, 3)
    assert (ind["responsiveness"]["score"], ind["responsiveness"]["sample"]) == (56.7, 6)
    assert (ind["activity"]["score"], ind["activity"]["sample"]) == (75.0, 6)
    assert result["score"] == round((33.3 + 56.7 + 75.0) / 3, 1) == 55.0
    assert result["band"] == indicators.YELLOW  # 55 exactly is yellow


@pytest.mark.ckan_config("ckanext.transparency.rating.minimum_sample", 3)
def test_weights(february, ckan_config):
    # set in the test body: the weights are runtime-editable options, and loading the
    # plugins resets those from CKAN's cache of configured values
    ckan_config["ckanext.transparency.rating.weight.timeliness"] = 0
    ckan_config["ckanext.transparency.rating.weight.activity"] = 3
    result = indicators.department(february["water"]["id"], FEB, MARCH_1)
    assert result["score"] == round((1 * 56.7 + 3 * 75.0) / 4, 1) == 70.4
    assert result["band"] == indicators.YELLOW


def test_minimum_sample(february):
    water = indicators.department(february["water"]["id"], FEB, MARCH_1)  # default minimum 5
    assert not water["rated"] and water["score"] is None and water["band"] == "not_rated"
    assert water["not_rated_because"] == [{"indicator": "timeliness", "sample": 3,
                                           "minimum": 5}]
    heating = indicators.department(february["heating"]["id"], FEB, MARCH_1)
    assert {r["indicator"] for r in heating["not_rated_because"]} == set(indicators.INDICATORS)
    assert heating["indicators"]["activity"]["score"] is None  # a poll target alone rates nothing


@pytest.mark.ckan_config("ckanext.transparency.rating.median_days_zero", 18)
def test_median_normalisation_is_configurable(february):
    result = indicators.department(february["water"]["id"], FEB, MARCH_1, minimum=0)
    assert measure(result, "appeals_median_days")["score"] == 50.0


@pytest.mark.parametrize("score, band", [
    (100, "green"), (71.0, "green"), (70.9, "yellow"), (55.0, "yellow"), (54.9, "red"),
    (0, "red"), (None, "not_rated")])
def test_band_edges(score, band):
    assert indicators.band(score) == band


def test_periods():
    assert periods.parse("2026-Q3").start == dt.date(2026, 7, 1)
    assert periods.parse("2026-Q3").end == dt.date(2026, 9, 30)
    assert periods.parse("2026").previous().label == "2025"
    assert periods.parse("2026-01").previous().label == "2025-12"
    for bad in ("2026-13", "2026-Q5", "last month", ""):
        with pytest.raises(ValueError):
            periods.parse(bad)
