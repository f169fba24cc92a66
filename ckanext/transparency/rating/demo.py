"""The demo rating: snapshots of the last twelve months, the last four quarters and the last
year, computed from the records the other demo steps created (open data uploads, appeals,
consultations, dialogue), and published so that visitors see them. Nothing is typed in: every
score comes from those records. Idempotent: a period with a snapshot is left as it is."""
from __future__ import annotations

import collections
from typing import Callable

import ckan.model as model

from ckanext.transparency.core.demo import DemoStep

from . import periods, snapshots
from .model import entries


def _periods(today) -> list[periods.Period]:
    found = []
    for kind, count in ((periods.MONTH, 12), (periods.QUARTER, 4), (periods.YEAR, 1)):
        period = periods.last_ended(kind, today)
        for _ in range(count):
            found.append(period)
            period = period.previous()
    return sorted(found, key=lambda p: p.start)


def load(echo: Callable[[str], object] = print) -> dict[str, int]:
    today = snapshots.today()
    created = 0
    for period in _periods(today):
        snap, new = snapshots.take(period, today)
        created += new
        if not snap.published:
            snap.published = True
            snap.published_at = snap.computed_at
    model.Session.commit()
    summary = []
    for kind in periods.KINDS:
        latest = snapshots.latest(kind, published_only=True)
        if latest is not None:
            bands = collections.Counter(e.band for e in entries(latest.id))
            summary.append(f"{latest.label}: " + ", ".join(
                f"{n} {band}" for band, n in sorted(bands.items())))
    echo(f"  openness rating: {created} snapshots taken; " + "; ".join(summary or ["-"]))
    return {"rating snapshots created": created}


def _step(context: dict, echo: Callable[[str], object]) -> dict[str, int]:
    return load(echo)


# last: the rating reads the records the other steps made
STEPS = [DemoStep("rating", _step, after=("opendata", "consultations", "dialogue", "appeals"))]
