"""Where a draft is in its discussion, and the date rules that get it there.

A discussion is open for whole calendar days, from the opening date to the closing date
inclusive, in the configured time zone. Its length is counted as the number of days from the
opening date to the closing date (CM Resolution 328 of 2014: at least 15; 10 for internal
documents).
"""
from __future__ import annotations

import datetime

from ckan.plugins.toolkit import _

from . import settings

KINDS = ("decision", "internal")
UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
REPORT_PUBLISHED, ADOPTED, WITHDRAWN = "report_published", "adopted", "withdrawn"
EDITABLE = (UPCOMING, OPEN, CLOSED)
STATUSES = (UPCOMING, OPEN, CLOSED, REPORT_PUBLISHED, ADOPTED, WITHDRAWN)


def kind_label(kind: str) -> str:
    return {"decision": _("Draft decision"),
            "internal": _("Internal regulation")}.get(kind, kind)


def status_label(status: str) -> str:
    return {UPCOMING: _("Upcoming"), OPEN: _("Open for proposals"),
            CLOSED: _("Closed, answers in progress"), REPORT_PUBLISHED: _("Report published"),
            ADOPTED: _("Adopted"), WITHDRAWN: _("Withdrawn")}.get(status, status)


def status(consultation, today: datetime.date | None = None) -> str:
    if consultation.withdrawn_at:
        return WITHDRAWN
    if consultation.adopted_at:
        return ADOPTED
    if consultation.report_published_at:
        return REPORT_PUBLISHED
    today = today or settings.today()
    if today < consultation.opens_on:
        return UPCOMING
    if today <= consultation.closes_on:
        return OPEN
    return CLOSED


def days_left(consultation, today: datetime.date | None = None) -> int | None:
    """Whole days after today until the discussion closes (0: it closes today)."""
    today = today or settings.today()
    if status(consultation, today) != OPEN:
        return None
    return (consultation.closes_on - today).days


def period_days(opens_on: datetime.date, closes_on: datetime.date) -> int:
    return (closes_on - opens_on).days


def date_errors(kind: str, opens_on: datetime.date, closes_on: datetime.date,
                previous=None) -> dict[str, list[str]]:
    """Errors of a draft's dates, by field. `previous`: the draft as stored, for an update."""
    today = settings.today()
    errors: dict[str, list[str]] = {}
    opening_changed = previous is None or previous.opens_on != opens_on
    if opening_changed:
        if previous is not None and previous.opens_on <= today:
            errors["opens_on"] = [_("The discussion has already opened; its opening date "
                                    "cannot change.")]
        elif opens_on < today:
            errors["opens_on"] = [_("The opening date cannot be in the past.")]
    minimum = settings.min_days(kind)
    if closes_on <= opens_on:
        errors["closes_on"] = [_("The closing date must come after the opening date.")]
    elif period_days(opens_on, closes_on) < minimum:
        errors["closes_on"] = [
            _("The discussion must last at least {days} days from the opening date "
              "(closing on {date} at the earliest).").format(
                days=minimum, date=(opens_on + datetime.timedelta(days=minimum)).isoformat())]
    if previous is not None and previous.closes_on != closes_on and \
            previous.closes_on < today:
        errors["closes_on"] = [_("The discussion has closed; its closing date cannot change.")]
    return errors
