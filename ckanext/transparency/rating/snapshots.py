"""Computing the rating of every department for a period, and keeping it: a snapshot is taken
once per period and never recomputed, so a correction of the records shows only in the next
period's snapshot."""
from __future__ import annotations

import datetime as dt
import logging
from typing import Optional

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.transparency.core.clock import site_today

from . import indicators, periods
from .model import Entry, Snapshot, entries, snapshot

log = logging.getLogger(__name__)


def today() -> dt.date:
    return site_today()


def departments() -> list[model.Group]:
    return (model.Session.query(model.Group)
            .filter(model.Group.is_organization.is_(True), model.Group.state == "active")
            .order_by(model.Group.name).all())


def method() -> dict:
    return {"weights": indicators.weights(), "minimum_sample": indicators.minimum_sample(),
            "polls_per_year": float(tk.config.get("ckanext.transparency.rating.polls_per_year")),
            "median_days_zero": int(tk.config.get(
                "ckanext.transparency.rating.median_days_zero")),
            **{k: v for m in indicators.measures() for k, v in m.parameters().items()}}


def compute(period: periods.Period, as_of: Optional[dt.date] = None) -> list[dict]:
    """The ranked rating of every department (not stored)."""
    as_of = min(as_of or today(), today())
    if as_of < period.start:
        raise tk.ValidationError({"period": [tk._("This period has not started yet.")]})
    rows = []
    for group in departments():
        result = indicators.department(group.id, period, as_of)
        rows.append({"organization_id": group.id, "name": group.name,
                     "title": group.title or group.name, **result})
    rated = sorted((r for r in rows if r["rated"]), key=lambda r: (-r["score"], r["name"]))
    for row in rated:  # equal scores share a rank (1, 1, 3)
        row["rank"] = 1 + sum(1 for other in rated if other["score"] > row["score"])
    unrated = [dict(r, rank=None) for r in rows if not r["rated"]]
    return rated + unrated


def take(period: periods.Period, as_of: Optional[dt.date] = None) -> tuple[Snapshot, bool]:
    """The snapshot of `period`: the stored one if it exists (never recomputed), else computed
    now and stored. Returns (snapshot, created)."""
    existing = snapshot(period.kind, period.start)
    if existing is not None:
        return existing, False
    as_of = min(as_of or today(), today())
    rows = compute(period, as_of)
    taken = Snapshot(kind=period.kind, period_start=period.start, period_end=period.end,
                     label=period.label, as_of=as_of, method=method(),
                     computed_at=dt.datetime.utcnow())
    model.Session.add(taken)
    model.Session.flush()
    for row in rows:
        model.Session.add(Entry(
            snapshot_id=taken.id, organization_id=row["organization_id"], name=row["name"],
            title=row["title"], score=row["score"], band=row["band"], rank=row["rank"],
            result={k: row[k] for k in ("rated", "not_rated_because", "indicators",
                                         "measures")}))
    model.Session.commit()
    log.info("rating snapshot %s taken as of %s", period.label, as_of)
    return taken, True


def take_due(day: Optional[dt.date] = None) -> list[Snapshot]:
    """The job: the snapshots of the month (and quarter, year) that ended before `day`, if
    not taken yet. Run it daily or on the 1st of each month (cron, or `ckan jobs`)."""
    day = day or today()
    created = []
    for kind in periods.KINDS:
        taken, new = take(periods.last_ended(kind, day), day)
        if new:
            created.append(taken)
    return created


def previous_scores(snap: Snapshot) -> dict[str, Optional[float]]:
    prior = periods.Period(snap.period_start, snap.period_end, snap.kind).previous()
    before = snapshot(prior.kind, prior.start)
    return {e.organization_id: e.score for e in entries(before.id)} if before else {}


def latest(kind: str, published_only: bool, rated: bool = False) -> Optional[Snapshot]:
    """The latest snapshot of `kind`; with `rated`, the latest that rates a department."""
    query = model.Session.query(Snapshot).filter(Snapshot.kind == kind)
    if published_only:
        query = query.filter(Snapshot.published.is_(True))
    if rated:
        query = query.filter(model.Session.query(Entry).filter(
            Entry.snapshot_id == Snapshot.id, Entry.rank.isnot(None)).exists())
    return query.order_by(Snapshot.period_start.desc()).first()


def last_computed() -> Optional[dt.datetime]:
    row = model.Session.query(Snapshot.computed_at).order_by(
        Snapshot.computed_at.desc()).first()
    return row[0] if row else None
