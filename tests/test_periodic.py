"""`ckan transparency periodic`: each job once per day or month, failures retried, nothing
personal in the log."""
from __future__ import annotations

import datetime as dt

import pytest

from ckan.model.system_info import get_system_info
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.transparency import periodic

DAY = dt.date(2026, 11, 26)


@pytest.fixture
def department(with_plugins, clean_db, clean_index):
    return factories.Organization(name="devonxona")


def test_each_job_runs_once_per_its_period(department):
    first = dict(periodic.run(DAY))
    assert set(first) == {job.name for job in periodic.JOBS}
    assert "failed" not in first.values()
    assert first["appeals-statistics"].startswith("published")
    assert get_system_info(periodic.KEY_PREFIX + "opendata-freshness") == "2026-11-26"
    assert get_system_info(periodic.KEY_PREFIX + "appeals-statistics") == "2026-11"
    published = call_action("package_show", id="appeals-statistics")

    again = dict(periodic.run(DAY))
    assert again["opendata-freshness"] == again["rating-snapshots"] == "done already"
    assert again["appeals-statistics"] == "done already"
    assert again["dialogue-notifications"].startswith("sent")  # every run
    assert call_action("package_show", id="appeals-statistics")["metadata_modified"] == \
        published["metadata_modified"]

    next_day = dict(periodic.run(DAY + dt.timedelta(days=1)))
    assert next_day["opendata-freshness"].startswith("re-indexed")
    assert next_day["appeals-statistics"] == "done already"

    next_month = dict(periodic.run(dt.date(2026, 12, 1)))
    assert next_month["appeals-statistics"].endswith("up to 2026-11")
    assert get_system_info(periodic.KEY_PREFIX + "appeals-statistics") == "2026-12"


def test_a_failed_job_is_retried_and_does_not_stop_the_others(department, caplog,
                                                              monkeypatch):
    def broken(day):
        raise ValueError("could not mail applicant.secret@example.uz")
    ran = []
    jobs = (periodic.Job("broken", "transparency", periodic.DAILY, broken),
            periodic.Job("fine", "transparency", periodic.DAILY,
                         lambda day: ran.append(day) or "ok"))
    # the test configuration's logging setup disables loggers imported before it
    monkeypatch.setattr(periodic.log, "disabled", False)
    assert periodic.run(DAY, jobs) == [("broken", "failed"), ("fine", "ok")]
    assert "applicant.secret@example.uz" not in caplog.text
    assert "broken" in caplog.text
    assert get_system_info(periodic.KEY_PREFIX + "broken") is None
    assert periodic.run(DAY, jobs) == [("broken", "failed"), ("fine", "done already")]
    assert ran == [DAY]


def test_jobs_of_plugins_not_loaded_are_skipped(department):
    jobs = (periodic.Job("elsewhere", "no_such_plugin", periodic.EVERY_RUN, lambda day: "ran"),)
    assert periodic.run(DAY, jobs) == []
