"""The demo's update history: the demo uploads every file on one day; this spreads the recorded
updates over the periods the data covers, each published some days after its period ended (a
few late), as a department would have done. Called once per dataset by the demo loader."""
from __future__ import annotations

import datetime as dt
import random
import zlib
from typing import Callable, Iterable

import ckan.model as model
import ckan.plugins.toolkit as tk
from ckan.lib.search import rebuild

from ckanext.transparency.core.context import site_context
from ckanext.transparency.core.demo import DemoStep


from . import periods
from .model import UpdateRecord
from .types import PERIOD_MONTHS


from ckanext.transparency.demo.datasets import DATASETS


LATE_SHARE = {"samarqand-hududiy-boshqarmasi": 0.5}  # an office that is often late


def _when(rng: random.Random, period: periods.Period, late_share: float,
          now: dt.datetime) -> dt.datetime:
    days = rng.randint(17, 40) if rng.random() < late_share else rng.randint(3, 14)
    when = dt.datetime.combine(period.end + dt.timedelta(days=days),
                               dt.time(rng.randint(9, 17), rng.randint(0, 59)))
    if when > now:  # a schedule for a period to come is published before it starts
        when = dt.datetime.combine(period.start - dt.timedelta(days=rng.randint(5, 12)),
                                   dt.time(10))
    return when


def backdate(package: model.Package, org_name: str) -> int:
    """Replace the demo's same-day upload records of `package` with one record per period;
    returns the number of records written (0 when done already or nothing was uploaded)."""
    records = UpdateRecord.for_package(package.id)
    if not records or any(r.updated_at < package.metadata_created for r in records):
        return 0
    months = PERIOD_MONTHS.get(package.extras.get("frequency"), 3)
    start = min(r.period_start for r in records)
    end = max(r.period_end for r in records)
    latest = max(records, key=lambda r: r.updated_at)
    rng = random.Random(zlib.crc32(package.name.encode()))
    now = dt.datetime.utcnow()
    for record in records:
        model.Session.delete(record)
    period = periods.containing(start, months)
    written = 0
    while period.start <= end:
        last = periods.following(period, months).start > end
        model.Session.add(UpdateRecord(
            package_id=package.id, resource_id=latest.resource_id, user_id=latest.user_id,
            updated_at=_when(rng, period, LATE_SHARE.get(org_name, 0.15), now),
            period_start=period.start, period_end=period.end,
            rows=latest.rows if last else None, source=latest.source))
        written += 1
        period = periods.following(period, months)
    model.Session.commit()
    rebuild(package.id)
    return written


def add_views(package: model.Package) -> int:
    """The default views of the dataset's resources where they lack them: a demo loaded
    before uploads added a table preview gets it now. Returns the number of views added."""
    context = site_context()
    dataset = tk.get_action("package_show")(dict(context), {"id": package.id})
    return len(tk.get_action("package_create_default_resource_views")(dict(context), {
        "package": dataset, "create_datastore_views": True}) or [])


def load(specs: Iterable, echo: Callable[[str], object] = print) -> None:
    """The history and the views of every demo dataset (idempotent)."""
    count = views = 0
    for spec in specs:
        package = model.Package.get(spec.name)
        if package is not None and package.state == "active":
            count += 1 if backdate(package, spec.org) else 0
            views += add_views(package)
    if count:
        echo(f"  update history: {count} datasets, one update per period")
    if views:
        echo(f"  resource views added: {views}")


def _step(context: dict, echo: Callable[[str], object]) -> dict[str, int]:
    load(DATASETS, echo)
    return {}


STEPS = [DemoStep("opendata", _step)]
