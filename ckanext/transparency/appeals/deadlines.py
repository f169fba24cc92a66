"""The deadline engine (Law ZRU-445, see DOMAIN.md): due dates in calendar days from
registration, the extra-study term, the head's one extension, the 5-day forwarding clock, and
the state an appeal is in on a given day. Pure functions; `Rules.from_config()` reads the
configured terms."""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from typing import Optional

import ckan.plugins.toolkit as tk

TYPES = ("application", "proposal", "complaint")
LAW = "ZRU-445"

ON_TIME, DUE_SOON, OVERDUE = "on_time", "due_soon", "overdue"
DONE_ON_TIME, DONE_LATE = "answered_on_time", "answered_late"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it has no such day
    (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclasses.dataclass(frozen=True)
class Rules:
    days: dict  # type -> calendar days, or None when the term is in months
    months: dict  # type -> months (used when days is None)
    study_months: int = 1
    extension_months: int = 1
    forward_days: int = 5
    due_soon_days: int = 3

    @classmethod
    def default(cls) -> "Rules":
        return cls(days={"application": 15, "complaint": 15, "proposal": None},
                   months={"proposal": 1})

    @classmethod
    def from_config(cls) -> "Rules":
        c = tk.config
        prefix = "ckanext.transparency.appeals.deadline."
        proposal_months = int(c.get(prefix + "proposal_months"))
        return cls(
            days={"application": int(c.get(prefix + "application_days")),
                  "complaint": int(c.get(prefix + "complaint_days")), "proposal": None},
            months={"proposal": proposal_months},
            study_months=int(c.get(prefix + "study_months")),
            extension_months=int(c.get(prefix + "extension_months")),
            forward_days=int(c.get(prefix + "forward_days")),
            due_soon_days=int(c.get(prefix + "due_soon_days")),
        )


@dataclasses.dataclass(frozen=True)
class Step:
    """One line of "how the deadline was computed": a sentence and the date it gives."""
    text: str
    date: Optional[dt.date] = None


@dataclasses.dataclass(frozen=True)
class Deadline:
    registered_on: dt.date
    original_due: dt.date  # the type's term (or the extra-study term)
    due: dt.date  # after the extension, if any
    forward_due: dt.date
    extended: bool
    steps: tuple[Step, ...]


def _base_term(kind: str, registered_on: dt.date, needs_study: bool,
               rules: Rules) -> tuple[dt.date, str]:
    if kind not in TYPES:
        raise ValueError(kind)
    if needs_study and rules.days.get(kind) is not None:
        return (add_months(registered_on, rules.study_months),
                tk._("Extra study or documents needed: up to {n} month(s) from registration "
                     "({law}).").format(n=rules.study_months, law=LAW))
    if rules.days.get(kind) is not None:
        days = rules.days[kind]
        return (registered_on + dt.timedelta(days=days),
                tk._("{kind}: {n} calendar days from registration ({law}).").format(
                    kind=type_label(kind), n=days, law=LAW))
    months = rules.months[kind]
    return (add_months(registered_on, months),
            tk._("{kind}: up to {n} month(s) from registration ({law}).").format(
                kind=type_label(kind), n=months, law=LAW))


def latest_extension(due: dt.date, rules: Rules) -> dt.date:
    """The furthest date the head's one extension may move `due` to."""
    return add_months(due, rules.extension_months)


def compute(kind: str, registered_on: dt.date, *, needs_study: bool = False,
            extended_to: Optional[dt.date] = None, extension_reason: str = "",
            rules: Optional[Rules] = None) -> Deadline:
    rules = rules or Rules.default()
    original, rule = _base_term(kind, registered_on, needs_study, rules)
    steps = [Step(tk._("Registered."), registered_on), Step(rule, original)]
    due = original
    if extended_to is not None:
        due = extended_to
        steps.append(Step(tk._("Extended once by the head of the body (at most {n} month(s) "
                               "more){reason}; the appeal is judged against the new "
                               "deadline.").format(
            n=rules.extension_months,
            reason=f": {extension_reason}" if extension_reason else ""), due))
    forward_due = registered_on + dt.timedelta(days=rules.forward_days)
    steps.append(Step(tk._("If the appeal is outside the body's competence, it is forwarded to "
                           "the competent body within {n} days and the applicant is "
                           "told.").format(n=rules.forward_days), forward_due))
    steps.append(Step(tk._("Shown as due soon from {n} days before the deadline.").format(
        n=rules.due_soon_days), due - dt.timedelta(days=rules.due_soon_days)))
    return Deadline(registered_on, original, due, forward_due, extended_to is not None,
                    tuple(steps))


def state(due: dt.date, today: dt.date, *, completed_on: Optional[dt.date] = None,
          due_soon_days: int = 3) -> str:
    """on_time, due_soon or overdue for an open appeal; answered_on_time or answered_late
    for a finished one. `due` is the deadline in force (after an extension; the forwarding
    deadline for a forwarded appeal)."""
    if completed_on is not None:
        return DONE_ON_TIME if completed_on <= due else DONE_LATE
    if today > due:
        return OVERDUE
    if (due - today).days <= due_soon_days:
        return DUE_SOON
    return ON_TIME


def type_label(kind: str) -> str:
    return {"application": tk._("Application"), "proposal": tk._("Proposal"),
            "complaint": tk._("Complaint")}.get(kind, kind)


def state_label(value: str) -> str:
    return {ON_TIME: tk._("On time"), DUE_SOON: tk._("Due soon"), OVERDUE: tk._("Overdue"),
            DONE_ON_TIME: tk._("Answered on time"),
            DONE_LATE: tk._("Answered late")}.get(value, value)
