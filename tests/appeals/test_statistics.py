"""Public statistics from the rollup: counts, on-time share, median days, satisfaction,
ranking only above the minimum; the monthly publication into the open-data section."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

import ckan.model as model

import ckan.plugins.toolkit as tk
from ckan.tests import factories, helpers

from ckanext.transparency.appeals import present, statistics

from .conftest import age, code, submit

pytestmark = pytest.mark.usefixtures("people")


def answer(number: str, outcome: str = "satisfied") -> None:
    helpers.call_action("appeal_answer", context={"user": "sysadmin"}, id=number,
                        outcome=outcome, answer="An answer of proper length.")


@pytest.fixture
def appeals():
    """water: 3 appeals (one answered on time, one late, one open); heating: 1 proposal."""
    on_time = submit(subject="On time")
    answer(on_time["number"])
    helpers.call_action("appeal_rate", number=on_time["number"], code=code(on_time), rating=5)
    late = submit(subject="Late", type="complaint", topic="tariffs")["number"]
    age(late, 20)
    answer(late, "rejected")
    submit(subject="Open", channel="reception", context={"user": "water_editor"})
    submit("heating", subject="Heating proposal", type="proposal", topic="heating")


@pytest.mark.ckan_config("ckanext.transparency.appeals.ranking_minimum", 2)
def test_counts_and_shares(appeals):
    stats = helpers.call_action("appeal_statistics")
    assert stats["total"] == 4
    assert {r["value"]: r["count"] for r in stats["by_type"]} == {
        "application": 2, "complaint": 1, "proposal": 1}
    assert {r["value"]: r["count"] for r in stats["by_channel"]} == {"web": 3, "reception": 1}
    assert {r["value"]: r["count"] for r in stats["by_outcome"]} == {
        "satisfied": 1, "rejected": 1, "pending": 2}
    assert {r["value"]: r["count"] for r in stats["by_topic"]} == {
        "water": 2, "tariffs": 1, "heating": 1}
    assert stats["answered"] == 2 and stats["answered_on_time"] == 1
    assert stats["on_time_share"] == 50.0
    assert stats["median_days"] == 10.0  # 0 and 20 days
    assert stats["satisfaction"]["rated"] == 1 and stats["satisfaction"]["average"] == 5
    assert stats["open_now"] == 2 and stats["overdue_now"] == 0
    assert sum(r["count"] for r in stats["days_distribution"]) == 2
    month = present.today().strftime("%Y-%m")
    assert month in [r["month"] for r in stats["by_month"]]
    assert sum(r["count"] for r in stats["by_month"]) == 4  # received, month by month
    assert sum(r["answered"] for r in stats["by_month"]) == 2
    departments = {r["name"]: r for r in stats["by_department"]}
    assert departments["water"]["ranked"] and departments["water"]["rank"] == 1
    assert not departments["heating"]["ranked"] and departments["heating"]["rank"] is None


def test_filters(appeals):
    assert helpers.call_action("appeal_statistics", owner_org="heating")["total"] == 1
    assert helpers.call_action("appeal_statistics", type="complaint")["total"] == 1
    month = present.today().strftime("%Y-%m")
    assert helpers.call_action("appeal_statistics", period_from=month,
                               period_to=month)["total"] >= 3
    assert helpers.call_action("appeal_statistics", period_to="2001-01")["total"] == 0
    for bad in ({"period_from": "2026-13"}, {"period_to": "last year"},
                {"type": "petition"}, {"owner_org": "nowhere"}):
        with pytest.raises(tk.ValidationError) as error:
            helpers.call_action("appeal_statistics", **bad)
        assert error.value.error_dict.keys() == bad.keys()


def test_rollup_matches_a_direct_count(appeals):
    """The trigger-kept rollup gives what counting the appeals gives."""
    direct = model.Session.execute(sa.text(
        "SELECT count(*), count(*) FILTER (WHERE outcome IS NULL) FROM appeal")).one()
    stats = statistics.compute({})
    assert (stats["total"], {r["value"]: r["count"] for r in stats["by_outcome"]}["pending"]) \
        == tuple(direct)


def test_median():
    assert statistics.median({}) is None
    assert statistics.median({3: 1}) == 3
    assert statistics.median({1: 1, 5: 1}) == 3
    assert statistics.median({1: 2, 9: 1}) == 1
    assert statistics.median({0: 1, 10: 2, 30: 1}) == 10


def test_monthly_publication(appeals):
    month = present.today().strftime("%Y-%m")
    result = helpers.call_action("appeal_publish_statistics", month=month)
    assert result["rows"] == 4  # month x department x type x outcome
    dataset = helpers.call_action("package_show", id="appeals-statistics")
    assert {r["format"] for r in dataset["resources"]} == {"CSV", "XLSX"}
    rows = helpers.call_action("datastore_search", resource_id=result["resources"]["csv"])
    assert rows["total"] == 4
    assert {r["outcome"] for r in rows["records"]} == {"satisfied", "rejected", "pending"}
    # again: replaced, not duplicated
    helpers.call_action("appeal_publish_statistics", month=month)
    dataset = helpers.call_action("package_show", id="appeals-statistics")
    assert len(dataset["resources"]) == 2
    assert helpers.call_action("datastore_search",
                               resource_id=result["resources"]["csv"])["total"] == 4
    assert helpers.call_action("package_show", id="reception-schedule")
    with pytest.raises(tk.ValidationError) as error:
        helpers.call_action("appeal_publish_statistics", month="2026-1")
    assert "month" in error.value.error_dict


def test_xloader_leaves_the_published_tables_alone(appeals):
    """They are loaded with their types by the publishing; xloader would reload them as text
    (and, in a worker, fail on the type change)."""
    from ckan.plugins import get_plugin
    plugin = get_plugin("transparency_appeals")
    result = helpers.call_action("appeal_publish_statistics",
                                 month=present.today().strftime("%Y-%m"))
    assert not plugin.can_upload(result["resources"]["csv"])
    assert not plugin.can_upload(result["resources"]["xlsx"])
    other = factories.Resource(format="PDF")
    assert plugin.can_upload(other["id"])


def test_demo_year_of_appeals():
    from ckanext.transparency.appeals import demo
    from ckan.tests import factories
    for name, _weight in demo.DEPARTMENTS:
        factories.Organization(name=name)
    assert demo.load(echo=lambda line: None, count=300) == 300
    assert demo.load(echo=lambda line: None, count=300) == 0  # idempotent
    stats = helpers.call_action("appeal_statistics")
    assert stats["total"] == 300
    assert stats["extended"] > 0 and stats["answered"] > stats["answered_on_time"] > 0
    assert len(stats["by_month"]) >= 12
    assert helpers.call_action("appeal_reception_list")
