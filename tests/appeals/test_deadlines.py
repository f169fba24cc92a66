"""The deadline engine: each type, the extra-study term, the one extension, forwarding,
month ends and leap years, and the states an appeal goes through."""
from __future__ import annotations

import datetime as dt

import pytest

from ckanext.transparency.appeals import deadlines as d

D = dt.date
RULES = d.Rules.default()


@pytest.mark.parametrize("kind, registered, due", [
    ("application", D(2026, 3, 2), D(2026, 3, 17)),
    ("complaint", D(2026, 3, 2), D(2026, 3, 17)),
    ("proposal", D(2026, 3, 2), D(2026, 4, 2)),
    # 15 calendar days cross month and year ends
    ("application", D(2026, 12, 20), D(2027, 1, 4)),
    ("complaint", D(2026, 2, 20), D(2026, 3, 7)),
    ("application", D(2024, 2, 20), D(2024, 3, 6)),  # leap year: 29 February counts
])
def test_term_of_each_type(kind, registered, due):
    deadline = d.compute(kind, registered, rules=RULES)
    assert deadline.due == deadline.original_due == due
    assert not deadline.extended


@pytest.mark.parametrize("day, months, expected", [
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
    (D(2024, 2, 29), 1, D(2024, 3, 29)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2026, 3, 31), 1, D(2026, 4, 30)),
    (D(2026, 12, 31), 1, D(2027, 1, 31)),
    (D(2026, 11, 30), 3, D(2027, 2, 28)),
    (D(2026, 5, 15), 0, D(2026, 5, 15)),
])
def test_add_months_clamps_to_the_month_end(day, months, expected):
    assert d.add_months(day, months) == expected


def test_proposal_registered_on_a_month_end():
    assert d.compute("proposal", D(2026, 1, 31), rules=RULES).due == D(2026, 2, 28)
    assert d.compute("proposal", D(2028, 1, 31), rules=RULES).due == D(2028, 2, 29)


def test_extra_study_gives_applications_and_complaints_a_month():
    for kind in ("application", "complaint"):
        deadline = d.compute(kind, D(2026, 1, 31), needs_study=True, rules=RULES)
        assert deadline.due == D(2026, 2, 28)
    # a proposal already has a month: the flag changes nothing
    assert d.compute("proposal", D(2026, 5, 10), needs_study=True,
                     rules=RULES).due == D(2026, 6, 10)


def test_extension_moves_the_deadline_and_is_explained():
    deadline = d.compute("application", D(2026, 1, 10), extended_to=D(2026, 2, 20),
                         extension_reason="Expert opinion requested", rules=RULES)
    assert deadline.original_due == D(2026, 1, 25)
    assert deadline.due == D(2026, 2, 20)
    assert deadline.extended
    texts = " ".join(s.text for s in deadline.steps)
    assert "Expert opinion requested" in texts
    assert D(2026, 2, 20) in [s.date for s in deadline.steps]


def test_latest_extension_is_one_month_after_the_deadline():
    assert d.latest_extension(D(2026, 1, 31), RULES) == D(2026, 2, 28)
    assert d.latest_extension(D(2024, 1, 30), RULES) == D(2024, 2, 29)
    assert d.latest_extension(D(2026, 6, 15), RULES) == D(2026, 7, 15)


def test_forwarding_clock_is_five_days_for_every_type():
    for kind in d.TYPES:
        assert d.compute(kind, D(2026, 2, 26), rules=RULES).forward_due == D(2026, 3, 3)
    assert d.compute("proposal", D(2024, 2, 26), rules=RULES).forward_due == D(2024, 3, 2)
    assert d.compute("complaint", D(2026, 12, 29), rules=RULES).forward_due == D(2027, 1, 3)


def test_steps_explain_the_computation():
    deadline = d.compute("complaint", D(2026, 4, 1), rules=RULES)
    dates = [s.date for s in deadline.steps]
    assert dates[:2] == [D(2026, 4, 1), D(2026, 4, 16)]
    assert "15" in deadline.steps[1].text and "ZRU-445" in deadline.steps[1].text
    assert D(2026, 4, 6) in dates  # forwarding
    assert D(2026, 4, 13) in dates  # due soon from


@pytest.mark.parametrize("today, expected", [
    (D(2026, 3, 1), d.ON_TIME),
    (D(2026, 3, 13), d.ON_TIME),
    (D(2026, 3, 14), d.DUE_SOON),  # three days before
    (D(2026, 3, 17), d.DUE_SOON),  # the last day is still in time
    (D(2026, 3, 18), d.OVERDUE),
])
def test_state_of_an_open_appeal(today, expected):
    assert d.state(D(2026, 3, 17), today, due_soon_days=3) == expected


def test_state_of_a_finished_appeal_ignores_today():
    due = D(2026, 3, 17)
    assert d.state(due, D(2027, 1, 1), completed_on=D(2026, 3, 17)) == d.DONE_ON_TIME
    assert d.state(due, D(2026, 3, 18), completed_on=D(2026, 3, 18)) == d.DONE_LATE


def test_an_extended_appeal_is_not_overdue_after_its_original_deadline():
    deadline = d.compute("application", D(2026, 1, 10), extended_to=D(2026, 2, 20),
                         rules=RULES)
    assert d.state(deadline.due, D(2026, 2, 1)) == d.ON_TIME
    assert d.state(deadline.due, D(2026, 2, 21)) == d.OVERDUE


def test_configured_terms():
    rules = d.Rules(days={"application": 10, "complaint": 20, "proposal": None},
                    months={"proposal": 2}, forward_days=3)
    assert d.compute("application", D(2026, 1, 1), rules=rules).due == D(2026, 1, 11)
    assert d.compute("complaint", D(2026, 1, 1), rules=rules).due == D(2026, 1, 21)
    assert d.compute("proposal", D(2025, 12, 31), rules=rules).due == D(2026, 2, 28)
    assert d.compute("proposal", D(2026, 1, 1), rules=rules).forward_due == D(2026, 1, 4)


def test_rules_from_config(ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, "ckanext.transparency.appeals.deadline.application_days",
                        "12")
    rules = d.Rules.from_config()
    assert rules.days["application"] == 12 and rules.days["complaint"] == 15
    assert rules.months["proposal"] == 1 and rules.forward_days == 5


def test_unknown_type_is_refused():
    with pytest.raises(ValueError):
        d.compute("petition", D(2026, 1, 1), rules=RULES)
