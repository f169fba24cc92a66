"""appeal_statistics (one query over the trigger-kept rollup) against a plain recount of the
appeals, one by one in Python, unfiltered and filtered, after every kind of event: answered
on time and late, extended, forwarded on time and late, reopened, reopened and answered again,
handed to another department, rated, moved to earlier months, left open and overdue."""
from __future__ import annotations

import datetime as dt
import statistics as pystats

import pytest
import sqlalchemy as sa

import ckan.model as model
from ckan.tests import helpers

from ckanext.transparency.appeals import model as appeals_model
from ckanext.transparency.appeals import present, statistics, vocabulary

from .conftest import age, code, submit
from tests.helpers import act

pytestmark = pytest.mark.usefixtures("people")


def answer(number: str, outcome: str = "satisfied") -> None:
    act("appeal_answer", "water_editor", id=number, outcome=outcome,
        answer="An answer of proper length.")


def rate(receipt: dict, rating: int) -> None:
    helpers.call_action("appeal_rate", number=receipt["number"], code=code(receipt),
                        rating=rating)


def later(days: int) -> str:
    return (present.today() + dt.timedelta(days=days)).isoformat()


@pytest.fixture
def history():
    """Appeals of two departments, three types and several months through every event."""
    on_time = submit(subject="On time")
    answer(on_time["number"])
    rate(on_time, 5)

    late = submit(subject="Late", type="complaint", topic="tariffs")
    age(late["number"], 20)
    answer(late["number"], "rejected")
    rate(late, 2)

    extended = submit(subject="Extended, answered in the new term", type="complaint")
    act("appeal_extend", "water_admin", id=extended["number"], reason="Lab report due",
        until=later(25))
    age(extended["number"], 24)
    answer(extended["number"], "explained")

    extended_open = submit(subject="Extended, still open", channel="written",
                           context={"user": "water_editor"})
    act("appeal_extend", "water_admin", id=extended_open["number"],
        reason="Waiting for another body", until=later(20))

    forwarded = submit(subject="Forwarded in time", topic="construction")
    act("appeal_forward", "water_editor", id=forwarded["number"], to="The city construction office")

    forwarded_late = submit(subject="Forwarded late", type="proposal", topic="other")
    age(forwarded_late["number"], 9)
    act("appeal_forward", "water_editor", id=forwarded_late["number"], to="The ministry")

    reopened = submit(subject="Reopened", channel="phone", context={"user": "water_editor"})
    answer(reopened["number"], "explained")
    act("appeal_reopen", "water_editor", id=reopened["number"], note="Applicant wrote again")

    again = submit(subject="Reopened and answered again")
    answer(again["number"], "explained")
    rate(again, 4)
    act("appeal_reopen", "water_editor", id=again["number"], note="Not resolved")
    age(again["number"], 3)
    answer(again["number"], "satisfied")

    moved = submit(subject="Handed to heating", topic="heating")
    act("appeal_assign", "water_editor", id=moved["number"], owner_org="heating", note="Theirs")
    age(moved["number"], 45)  # last month or the one before

    overdue = submit("heating", subject="Overdue", topic="heating")
    age(overdue["number"], 40)

    old = submit("heating", subject="Last year", type="proposal", topic="meters",
                 channel="reception", context={"user": "heating_editor"})
    age(old["number"], 380)
    act("appeal_answer", "heating_editor", id=old["number"], outcome="satisfied",
        answer="Meters were replaced.")

    for i in range(3):
        receipt = submit("heating", subject=f"Heating {i}", topic="heating")
        age(receipt["number"], 70 + i)
        act("appeal_answer", "heating_admin", id=receipt["number"],
            outcome="explained", answer="Heating explained at length.")


def _in(filters: dict, appeal: dict) -> bool:
    month = appeal["registered_on"].strftime("%Y-%m")
    return ((not filters.get("period_from") or month >= filters["period_from"])
            and (not filters.get("period_to") or month <= filters["period_to"])
            and (not filters.get("type") or appeal["type"] == filters["type"])
            and (not filters.get("owner_org") or appeal["owner_org"] == filters["owner_org"]))


def _on_time(a: dict) -> bool:
    return a["completed_on"] <= (a["forward_due_on"] if a["outcome"] == "forwarded"
                                 else a["due_on"])


def _share(part: int, whole: int):
    return round(100.0 * part / whole, 1) if whole else None


def _median(days: list[int]):
    return float(pystats.median(days)) if days else None


def recount(filters: dict) -> dict:
    """The statistics computed the plain way: every appeal read and counted in Python."""
    rows = model.Session.execute(sa.select(appeals_model.Appeal.__table__)).mappings().all()
    appeals = [dict(r) for r in rows if _in(filters, r)]
    today = present.today()
    done = [a for a in appeals if a["completed_on"] is not None]
    days = [(a["completed_on"] - a["registered_on"]).days for a in done]
    ratings = [a["rating"] for a in appeals if a["rating"] is not None]

    def counts(key) -> dict:
        out: dict = {}
        for a in appeals:
            out[key(a)] = out.get(key(a), 0) + 1
        return out

    months: dict[str, dict] = {}
    for a in appeals:
        row = months.setdefault(a["registered_on"].strftime("%Y-%m"),
                                {"count": 0, "answered": 0, "answered_on_time": 0})
        row["count"] += 1
        if a["completed_on"] is not None:
            row["answered"] += 1
            row["answered_on_time"] += _on_time(a)
    departments = {}
    for org in {a["owner_org"] for a in appeals}:
        mine = [a for a in done if a["owner_org"] == org]
        departments[org] = {
            "count": sum(a["owner_org"] == org for a in appeals), "answered": len(mine),
            "on_time_share": _share(sum(map(_on_time, mine)), len(mine)),
            "median_days": _median([(a["completed_on"] - a["registered_on"]).days
                                    for a in mine])}
    return {
        "total": len(appeals),
        "answered": len(done),
        "answered_on_time": sum(map(_on_time, done)),
        "on_time_share": _share(sum(map(_on_time, done)), len(done)),
        "extended": sum(a["extended"] for a in appeals),
        "open_now": sum(a["completed_on"] is None for a in appeals),
        "overdue_now": sum(a["completed_on"] is None and a["due_on"] < today for a in appeals),
        "median_days": _median(days),
        "days": [sum(low <= d and (high is None or d <= high) for d in days)
                 for low, high in statistics.BUCKETS],
        "by_type": {k: counts(lambda a: a["type"]).get(k, 0) for k in vocabulary.TYPES},
        "by_channel": counts(lambda a: a["channel"]),
        "by_topic": counts(lambda a: a["topic"]),
        "by_outcome": counts(lambda a: a["outcome"] or "pending"),
        "by_month": [dict(v, month=k) for k, v in sorted(months.items())],
        "by_department": departments,
        "rated": len(ratings),
        "average": round(sum(ratings) / len(ratings), 2) if ratings else None,
        "satisfied_share": _share(sum(r >= 4 for r in ratings), len(ratings)),
        "ratings": [ratings.count(r) for r in range(1, 6)],
    }


def reported(filters: dict) -> dict:
    stats = helpers.call_action("appeal_statistics", **filters)
    pairs = lambda rows: {r["value"]: r["count"] for r in rows}  # noqa: E731
    return {
        **{k: stats[k] for k in ("total", "answered", "answered_on_time", "on_time_share",
                                 "extended", "open_now", "overdue_now", "median_days")},
        "days": [r["count"] for r in stats["days_distribution"]],
        "by_type": pairs(stats["by_type"]),
        "by_channel": pairs(stats["by_channel"]),
        "by_topic": pairs(stats["by_topic"]),
        "by_outcome": pairs(stats["by_outcome"]),
        "by_month": stats["by_month"],
        "by_department": {r["id"]: {k: r[k] for k in ("count", "answered", "on_time_share",
                                                      "median_days")}
                          for r in stats["by_department"]},
        "rated": stats["satisfaction"]["rated"],
        "average": stats["satisfaction"]["average"],
        "satisfied_share": stats["satisfaction"]["satisfied_share"],
        "ratings": [r["count"] for r in stats["satisfaction"]["distribution"]],
    }


def _filters() -> list[dict]:
    this_month = present.today().strftime("%Y-%m")
    month_ago = (present.today() - dt.timedelta(days=45)).strftime("%Y-%m")
    year_ago = (present.today() - dt.timedelta(days=380)).strftime("%Y-%m")
    water, heating = (model.Group.get(name).id for name in ("water", "heating"))
    return [{}, {"owner_org": water}, {"owner_org": heating}, {"type": "complaint"},
            {"type": "proposal"}, {"period_from": this_month},
            {"period_from": month_ago, "period_to": month_ago},
            {"period_to": year_ago}, {"period_from": year_ago, "period_to": month_ago},
            {"owner_org": heating, "type": "application", "period_to": this_month}]


def test_the_history_covers_every_case(history):
    everything = recount({})
    assert everything["total"] == 14
    assert everything["extended"] == 2 and everything["overdue_now"] >= 1
    assert everything["answered"] > everything["answered_on_time"] > 0
    assert everything["by_outcome"]["forwarded"] == 2 and everything["by_outcome"]["pending"]
    assert len(everything["by_month"]) >= 3 and len(everything["by_department"]) == 2


@pytest.mark.ckan_config("ckanext.transparency.appeals.ranking_minimum", 2)
def test_statistics_equal_a_plain_recount(history):
    for filters in _filters():
        assert reported(filters) == recount(filters), filters


def test_recount_still_equal_after_more_events(history):
    """The rollup follows changes of appeals counted before: reopen, re-rate, hand over."""
    t = appeals_model.Appeal.__table__
    numbers = dict(model.Session.execute(sa.select(t.c.subject, t.c.number)).all())
    act("appeal_reopen", "water_editor", id=numbers["On time"], note="Again")
    act("appeal_assign", "water_editor", id=numbers["Extended, still open"], owner_org="heating")
    answer(numbers["Reopened"], "rejected")
    model.Session.execute(t.update().where(t.c.number == numbers["Late"]).values(rating=1))
    model.Session.commit()
    for filters in _filters():
        assert reported(filters) == recount(filters), filters


def test_open_and_overdue_follow_the_date(history):
    """Overdue is decided against today when asked, not when the appeal last changed."""
    stats = helpers.call_action("appeal_statistics")
    t = appeals_model.Appeal.__table__
    open_due = model.Session.execute(sa.select(t.c.due_on).where(
        t.c.completed_on.is_(None))).scalars().all()
    assert stats["open_now"] == len(open_due)
    assert stats["overdue_now"] == sum(d < present.today() for d in open_due)
    assert stats["overdue_now"] < stats["open_now"]


def test_a_purged_appeal_stays_received_but_is_no_longer_open(history):
    before = helpers.call_action("appeal_statistics")
    t = appeals_model.Appeal.__table__
    model.Session.execute(t.delete().where(t.c.subject == "Overdue"))
    model.Session.commit()
    after = helpers.call_action("appeal_statistics")
    assert after["total"] == before["total"]
    assert (after["open_now"], after["overdue_now"]) == (
        before["open_now"] - 1, before["overdue_now"] - 1)
    assert (after["open_now"], after["overdue_now"]) == (
        recount({})["open_now"], recount({})["overdue_now"])
