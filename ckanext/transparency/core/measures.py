"""A rating measure as a feature hands it to the openness rating (IRatingMeasures).

Contract of every source: `source(org_id, period, as_of) -> Measure`: the department (CKAN
organization id), the period (start and end inclusive) and the day the rating is computed on
(records dated after it are not seen). A Measure has a numerator and a denominator (the sample:
how many records were judged) and the evidence, a list of plain dicts naming each record judged
(never a person)."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Callable, Optional

TIMELINESS, RESPONSIVENESS, ACTIVITY = "timeliness", "responsiveness", "activity"
INDICATORS = (TIMELINESS, RESPONSIVENESS, ACTIVITY)
SHARE, MEDIAN_DAYS, TARGET = "share", "median_days", "target"


@dataclasses.dataclass
class Measure:
    numerator: float
    denominator: int
    evidence: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    value: Optional[float] = None  # a measure that is not a share (median days)


def _no_labels() -> dict[str, str]:
    return {}


def _as_is(key: str, value: Any) -> Any:
    return value


def _no_parameters() -> dict[str, Any]:
    return {}


@dataclasses.dataclass(frozen=True)
class RatingMeasure:
    key: str
    indicator: str  # one of INDICATORS
    order: int  # the place of the measure on the pages and in a snapshot
    source: Callable[..., Measure]
    normalise: str  # SHARE, MEDIAN_DAYS or TARGET
    label: Callable[[], str]  # translated when called
    description: Callable[[], str]  # where the records come from (the methodology page)
    evidence_labels: Callable[[], dict[str, str]] = _no_labels  # column headings
    evidence_value: Callable[[str, Any], Any] = _as_is  # a cell in the reader's language
    parameters: Callable[[], dict[str, Any]] = _no_parameters  # the options it reads, kept
    # with each snapshot


def day_bounds(period, as_of: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) as datetimes, the end cut at the day after `as_of`."""
    last = min(period.end, as_of)
    return (dt.datetime.combine(period.start, dt.time()),
            dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))
