"""Snapshots: taken once per period, never recomputed; a correction shows only in a later
snapshot; the job and the CLI."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

import ckan.model as model
from ckan.tests import helpers

from ckanext.transparency.rating import periods, snapshots
from ckanext.transparency.rating.model import Snapshot

from .conftest import act

pytestmark = pytest.mark.ckan_config("ckanext.transparency.rating.minimum_sample", 3)


def water(result: dict) -> dict:
    return next(d for d in result["departments"] if d["organization"] == "water")


def test_a_snapshot_never_changes(february, freezer):
    first = helpers.call_action("openness_rating_compute", period="2026-02")
    assert first["created"] and first["as_of"] == "2026-03-01"
    assert water(first)["score"] == 55.0 and water(first)["rank"] == 1
    heating = next(d for d in first["departments"] if d["organization"] == "heating")
    assert heating["band"] == "not_rated" and heating["rank"] is None
    # a correction: the second proposal is answered late, after the snapshot
    freezer.move_to("2026-03-05 09:00:00")
    act("consultation_proposal_answer", "water_editor",
        id=february["consultation"][1][1]["id"], decision="rejected", reason="Asossiz")
    again = helpers.call_action("openness_rating_compute", period="2026-02")
    assert not again["created"] and water(again)["score"] == 55.0
    assert again["computed_at"] == first["computed_at"]
    fresh = snapshots.compute(periods.parse("2026-02"))
    assert next(r for r in fresh if r["name"] == "water")["score"] == 60.5  # (33.3 + 73.3 + 75) / 3
    with pytest.raises(sa.exc.DBAPIError):  # and the database refuses to change it
        model.Session.execute(sa.text("UPDATE transparency_rating_entry SET score = 99"))
    model.Session.rollback()


def test_change_since_last_period(february, freezer):
    helpers.call_action("openness_rating_compute", period="2026-01", as_of="2026-02-01")
    feb = helpers.call_action("openness_rating_compute", period="2026-02")
    assert water(feb)["previous_score"] is None and water(feb)["change"] is None  # not rated
    assert water(feb)["measures"][0].get("evidence") is None  # the ranking has no evidence


def test_the_job_takes_the_periods_that_ended(february):
    taken = snapshots.take_due(dt.date(2026, 3, 1))
    assert sorted(s.label for s in taken) == ["2025", "2025-Q4", "2026-02"]
    assert snapshots.take_due(dt.date(2026, 3, 2)) == []


def test_cli_computes_any_past_period(february, cli):
    from ckan.cli.cli import ckan
    result = cli.invoke(ckan, ["transparency", "rating", "2026-02"])
    assert result.exit_code == 0, result.output
    assert "2026-02 as of 2026-03-01: computed" in result.output
    stored = water(helpers.call_action("openness_rating_show", period="2026-02"))
    shown = f"{stored['score']:5.1f} {stored['band']:<9} water" if stored["score"] is not None \
        else "not_rated water"  # (whether the command sees the test's minimum sample varies)
    assert shown in result.output
    result = cli.invoke(ckan, ["transparency", "rating", "2026-02"])
    assert "already taken, unchanged" in result.output
    result = cli.invoke(ckan, ["transparency", "rating", "2026-Q1"])
    assert result.exit_code == 0 and model.Session.query(Snapshot).count() == 2
    assert cli.invoke(ckan, ["transparency", "rating", "2026-14"]).exit_code != 0
