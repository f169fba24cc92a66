"""The appeals' measures in the openness rating: answered within the legal deadline, and the
median days to answer. Read from the appeal table."""
from __future__ import annotations

import datetime as dt
import statistics as pystats

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.measures import (MEDIAN_DAYS, RESPONSIVENESS, SHARE, Measure,
                                                RatingMeasure)

from .model import Appeal
from .vocabulary import type_label

a = Appeal.__table__


def appeals_on_time(org_id: str, period, as_of: dt.date) -> Measure:
    """Appeals whose legal deadline (after a lawful extension) fell in the period and has
    passed: on time when answered or forwarded by the deadline."""
    last = min(period.end, as_of)
    rows = model.Session.execute(
        sa.select(a.c.number, a.c.type, a.c.registered_on, a.c.due_on, a.c.extended,
                  a.c.completed_on)
        .where(a.c.owner_org == org_id, a.c.due_on >= period.start, a.c.due_on <= last)
        .order_by(a.c.due_on, a.c.number)).all()
    evidence, on_time = [], 0
    for row in rows:
        done = row.completed_on if row.completed_on and row.completed_on <= as_of else None
        in_time = done is not None and done <= row.due_on
        on_time += in_time
        evidence.append({
            "number": row.number, "type": row.type,
            "registered": row.registered_on.isoformat(), "due": row.due_on.isoformat(),
            "extended": row.extended, "answered": done.isoformat() if done else None,
            "on_time": in_time,
            "days_late": None if in_time else ((done or as_of) - row.due_on).days})
    return Measure(on_time, len(evidence), evidence)


def appeals_days_to_answer(org_id: str, period, as_of: dt.date) -> Measure:
    """Appeals answered (or forwarded) in the period: the median of the calendar days from
    registration to the answer."""
    last = min(period.end, as_of)
    rows = model.Session.execute(
        sa.select(a.c.number, a.c.registered_on, a.c.completed_on)
        .where(a.c.owner_org == org_id, a.c.completed_on >= period.start,
               a.c.completed_on <= last)
        .order_by(a.c.completed_on, a.c.number)).all()
    days = [(r.completed_on - r.registered_on).days for r in rows]
    evidence = [{"number": r.number, "registered": r.registered_on.isoformat(),
                 "answered": r.completed_on.isoformat(), "days": d} for r, d in zip(rows, days)]
    median = float(pystats.median(days)) if days else None
    return Measure(len(days), len(days), evidence, value=median)


def _evidence_labels() -> dict[str, str]:
    return {"number": tk._("Number"), "type": tk._("Type"),
            "registered": tk._("Registered on"), "due": tk._("Due"),
            "extended": tk._("Extended"), "answered": tk._("Answered on"),
            "on_time": tk._("On time"), "days_late": tk._("Days late"),
            "days": tk._("Days to answer")}


def _evidence_value(key: str, value):
    return type_label(value) if key == "type" and value else value


def _on_time_description() -> str:
    return tk._("Appeals register: appeals whose legal deadline (Law ZRU-445, after a lawful "
                "extension) fell in the period; on time when answered or forwarded by the "
                "deadline.")


def _median_description() -> str:
    return tk._("Appeals register: median calendar days from registration to the answer of "
                "appeals answered in the period; 0 days scores 100, {n} days or more 0, "
                "linear in between.").format(
        n=tk.config.get("ckanext.transparency.rating.median_days_zero"))


MEASURES = [
    RatingMeasure("appeals_on_time", RESPONSIVENESS, 20, appeals_on_time, SHARE,
                  label=lambda: tk._("Appeals answered within the legal deadline"),
                  description=_on_time_description, evidence_labels=_evidence_labels,
                  evidence_value=_evidence_value),
    RatingMeasure("appeals_median_days", RESPONSIVENESS, 30, appeals_days_to_answer,
                  MEDIAN_DAYS, label=lambda: tk._("Median days to answer an appeal"),
                  description=_median_description, evidence_labels=_evidence_labels),
]
