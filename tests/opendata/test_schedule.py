"""The update schedule: due dates, states, the update history, the search facet, the daily job
(re-indexing and reminders) and `ckan transparency freshness`."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from freezegun import freeze_time

import ckan.plugins.toolkit as tk
from ckan.cli.cli import ckan
from ckan.tests import factories
from ckan.tests.helpers import call_action

from ckanext.transparency.opendata import freshness, jobs
from ckanext.transparency.opendata.model import UpdateRecord
from ckanext.transparency.opendata.types import ANNUAL, IRREGULAR, MONTHLY, QUARTERLY

from .conftest import table_bytes

D = dt.date


class _Record:
    def __init__(self, period_end, updated_at=None):
        self.period_end = period_end
        self.updated_at = updated_at or dt.datetime.combine(period_end, dt.time(12))


def _state(frequency, covered_until, today, **dataset):
    return freshness.compute(dict(frequency=frequency, **dataset), _Record(covered_until),
                             today)


@pytest.mark.usefixtures("with_plugins")
class TestDueDates:

    @pytest.mark.parametrize("today, state", [
        (D(2026, 12, 1), freshness.ON_TIME),
        (D(2027, 1, 7), freshness.ON_TIME),   # 8 days before
        (D(2027, 1, 8), freshness.DUE_SOON),  # 7 days before
        (D(2027, 1, 15), freshness.DUE_SOON),  # the due date itself
        (D(2027, 1, 16), freshness.OVERDUE),
    ])
    def test_quarterly_around_the_due_date(self, today, state):
        schedule = _state(QUARTERLY, D(2026, 9, 30), today)
        assert schedule.next_period.label == "2026-Q4"
        assert schedule.next_due == D(2027, 1, 15)  # end of Q4 + 15 days
        assert schedule.state == state

    def test_monthly_and_annual(self):
        monthly = _state(MONTHLY, D(2026, 10, 31), D(2026, 11, 26))
        assert (monthly.next_period.label, monthly.next_due) == ("2026-11", D(2026, 12, 15))
        assert _state(MONTHLY, D(2026, 9, 30), D(2026, 11, 26)).state == freshness.OVERDUE
        annual = _state(ANNUAL, D(2025, 12, 31), D(2026, 11, 26))
        assert (annual.next_period.label, annual.next_due) == ("2026", D(2027, 1, 15))

    def test_irregular_and_finished_series_have_no_due_date(self):
        assert _state(IRREGULAR, D(2020, 1, 31), D(2026, 1, 1)).state == freshness.UNSCHEDULED
        done = _state(QUARTERLY, D(2025, 12, 31), D(2026, 11, 26), temporal_end="2025-12-31")
        assert done.state == freshness.UNSCHEDULED and done.next_due is None
        running = _state(QUARTERLY, D(2025, 12, 31), D(2026, 11, 26), temporal_end="2026-12-31")
        assert running.state == freshness.OVERDUE

    def test_reception_days_are_due_when_the_period_they_announce_starts(self):
        schedule = _state(QUARTERLY, D(2026, 12, 31), D(2026, 11, 26), type="reception-schedule")
        assert (schedule.next_period.label, schedule.next_due) == ("2027-Q1", D(2027, 1, 1))
        assert schedule.state == freshness.ON_TIME
        assert _state(QUARTERLY, D(2026, 12, 31), D(2027, 1, 2),
                      type="reception-schedule").state == freshness.OVERDUE

    def test_data_cannot_cover_a_period_that_has_not_ended(self):
        from ckanext.transparency.opendata.periods import Period
        year = Period(D(2026, 1, 1), D(2026, 12, 31))
        covered = freshness.published_period(year, MONTHLY, "procurement", D(2026, 11, 26))
        assert covered == Period(D(2026, 1, 1), D(2026, 10, 31))
        covered = freshness.published_period(year, QUARTERLY, "budget-execution",
                                             D(2026, 11, 26))
        assert covered.end == D(2026, 9, 30)
        assert freshness.published_period(year, QUARTERLY, "reception-schedule",
                                          D(2026, 11, 26)) == year

    def test_a_new_dataset_is_due_after_the_period_it_was_created_in(self):
        schedule = freshness.compute({"frequency": QUARTERLY,
                                      "metadata_created": "2026-11-20T10:00:00"},
                                     None, D(2026, 11, 26))
        assert (schedule.next_period.label, schedule.next_due) == ("2026-Q4", D(2027, 1, 15))

    @pytest.mark.ckan_config("ckanext.transparency.opendata.grace_days", "30")
    @pytest.mark.ckan_config("ckanext.transparency.opendata.due_soon_days", "3")
    def test_grace_and_warning_are_configurable(self):
        assert _state(QUARTERLY, D(2026, 9, 30), D(2027, 1, 26)).next_due == D(2027, 1, 30)
        assert _state(QUARTERLY, D(2026, 9, 30), D(2027, 1, 26)).state == freshness.ON_TIME
        assert _state(QUARTERLY, D(2026, 9, 30), D(2027, 1, 27)).state == freshness.DUE_SOON

    def test_timeliness_of_a_past_update(self):
        assert freshness.on_time(_Record(D(2026, 3, 31), dt.datetime(2026, 4, 15, 18)))
        assert not freshness.on_time(_Record(D(2026, 3, 31), dt.datetime(2026, 4, 16, 9)))


def _record(dataset, start, end, updated_at):
    UpdateRecord(package_id=dataset["id"], updated_at=updated_at, period_start=start,
                 period_end=end, source="test").save()
    from ckan.lib.search import rebuild
    rebuild(dataset["id"])


@pytest.mark.usefixtures("clean")
class TestHistory:

    @freeze_time("2026-11-26 10:00:00")
    def test_an_upload_records_when_who_and_which_period(self, make_dataset, upload, editor):
        dataset = make_dataset()
        upload(dataset, table_bytes("budget"), "b.csv")
        [entry] = call_action("opendata_update_history",
                              context={"user": editor["name"], "ignore_auth": False},
                              id=dataset["name"])
        assert entry["user"] == editor["name"]
        assert entry["updated_at"].startswith("2026-11-26T10:00")
        # the demo's 2026 budget reaches the third quarter
        assert (entry["period_start"], entry["period_end"]) == ("2026-01-01", "2026-09-30")
        assert entry["period"] == "2026-01-01/2026-09-30"
        assert entry["on_time"] is False  # Q3 data after 15 October
        schedule = call_action("opendata_schedule_show", id=dataset["name"])
        assert schedule["state"] == freshness.ON_TIME
        assert (schedule["next_period"], schedule["next_due"]) == ("2026-Q4", "2027-01-15")

    def test_who_is_not_shown_to_the_public(self, make_dataset, upload):
        dataset = make_dataset()
        upload(dataset, table_bytes("budget"), "b.csv")
        [entry] = call_action("opendata_update_history",
                              context={"user": "", "ignore_auth": False}, id=dataset["name"])
        assert "user" not in entry

    def test_an_update_without_upload_is_recorded_by_editors_only(self, make_dataset, editor):
        dataset = make_dataset()
        outsider = factories.User()
        with pytest.raises(tk.NotAuthorized):
            call_action("opendata_update_record",
                        context={"user": outsider["name"], "ignore_auth": False},
                        id=dataset["id"], period_start="2026-07-01", period_end="2026-09-30")
        with pytest.raises(tk.ValidationError) as error:
            call_action("opendata_update_record", context={"user": editor["name"]},
                        id=dataset["id"], period_start="2026-09-30", period_end="2026-07-01")
        assert "period_end" in error.value.error_dict
        schedule = call_action("opendata_update_record", context={"user": editor["name"]},
                               id=dataset["id"], period_start="2026-07-01",
                               period_end="2026-09-30")
        assert schedule["next_period"] == "2026-Q4"
        [entry] = UpdateRecord.for_package(dataset["id"])
        assert entry.source == "api" and entry.period_end == D(2026, 9, 30)

    def test_an_update_names_a_resource_of_its_own_dataset(self, make_dataset, editor):
        dataset = make_dataset()
        elsewhere = factories.Resource(package_id=factories.Dataset()["id"], format="PDF")
        with pytest.raises(tk.ValidationError) as error:
            call_action("opendata_update_record", context={"user": editor["name"]},
                        id=dataset["id"], period_start="2026-07-01", period_end="2026-09-30",
                        resource_id=elsewhere["id"])
        assert "resource_id" in error.value.error_dict
        assert UpdateRecord.for_package(dataset["id"]) == []


@pytest.mark.usefixtures("clean")
class TestFacetAndDailyJob:

    @pytest.fixture
    def two_datasets(self, make_dataset):
        fresh = make_dataset(name="fresh")
        late = make_dataset(name="late")
        _record(fresh, D(2026, 7, 1), D(2026, 9, 30), dt.datetime(2026, 10, 10))
        _record(late, D(2026, 4, 1), D(2026, 6, 30), dt.datetime(2026, 7, 10))
        return fresh, late

    @freeze_time("2026-11-26")
    def test_the_state_is_a_facet_and_a_filter(self, two_datasets):
        result = call_action("package_search", q="*:*",
                             **{"facet.field": json.dumps([freshness.INDEX_FIELD])})
        items = {i["name"]: i for i in
                 result["search_facets"][freshness.INDEX_FIELD]["items"]}
        assert items["on_time"]["count"] == 1 and items["overdue"]["count"] == 1
        assert items["overdue"]["display_name"] == "Overdue"
        found = call_action("package_search", fq=f"{freshness.INDEX_FIELD}:overdue")
        assert [d["name"] for d in found["results"]] == ["late"]
        assert found["results"][0]["opendata_schedule"]["next_due"] == "2026-10-15"

    def test_the_daily_job_reindexes_states_that_changed_with_time(self, two_datasets):
        with freeze_time("2026-11-26"):
            from ckan.lib.search import rebuild
            rebuild()
            assert jobs.reindex_changed() == []
        with freeze_time("2027-01-10"):  # "fresh" is now due soon
            assert jobs.reindex_changed() == ["fresh"]
            found = call_action("package_search", fq=f"{freshness.INDEX_FIELD}:due_soon")
            assert [d["name"] for d in found["results"]] == ["fresh"]
            assert jobs.reindex_changed() == []

    def test_reminders_before_the_due_date_and_when_it_passed(self, two_datasets, mail_server,
                                                              editor):
        sent = jobs.remind(D(2027, 1, 8))  # 7 days before fresh's due date; late is overdue
        assert sorted((name, kind) for name, kind, _ in sent) == [
            ("fresh", "due_soon"), ("late", "overdue")]
        assert {email for *_, email in sent} == {editor["email"]}
        messages = mail_server.get_smtp_messages()
        assert len(messages) == 2
        assert any("2027-01-15" in m[3] for m in messages)
        assert jobs.remind(D(2027, 1, 9)) == []  # once per due date
        sent = jobs.remind(D(2027, 1, 16))
        assert [(name, kind) for name, kind, _ in sent] == [("fresh", "overdue")]


    @pytest.mark.ckan_config("ckan.locale_default", "ru")
    def test_reminders_are_written_in_the_sites_language(self, two_datasets, smtp, editor):
        """The job has no page language: the editors read the site's (here Russian)."""
        jobs.remind(D(2027, 1, 8))
        subjects = sorted(str(message["Subject"]) for _, message in smtp.messages)
        assert [s.split(":")[0] for s in subjects] == ["Просрочено", "Срок 2027-01-15"]


@pytest.mark.usefixtures("clean")
class TestCommand:

    @freeze_time("2026-11-26")
    def test_freshness_prints_the_schedule(self, cli, make_dataset):
        fresh = make_dataset(name="fresh")
        late = make_dataset(name="late", frequency=MONTHLY)
        _record(fresh, D(2026, 7, 1), D(2026, 9, 30), dt.datetime(2026, 10, 10))
        _record(late, D(2026, 9, 1), D(2026, 9, 30), dt.datetime(2026, 10, 10))
        result = cli.invoke(ckan, ["transparency", "freshness"])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert lines[0].split() == ["overdue", "2026-11-15", "2026-10", "late"]
        assert lines[1].split() == ["on_time", "2027-01-15", "2026-Q4", "fresh"]
        assert "1 on_time, 0 due_soon, 1 overdue, 0 unscheduled" in result.output
        result = cli.invoke(ckan, ["transparency", "freshness", "--state", "overdue", "--json"])
        [line] = result.output.splitlines()
        assert json.loads(line)["name"] == "late"
