"""Solr date values and date math: `2024-01-31T00:00:00Z`, `NOW`, `NOW-1DAY`, `NOW/DAY+6MONTHS`.

A value is an anchor (NOW or an ISO date) followed by operations: `+N<UNIT>`, `-N<UNIT>` and
`/<UNIT>` (round down), evaluated left to right in UTC, as Solr does.
"""
from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from ckan.plugins import toolkit as tk

_UNITS = {
    "YEAR": "years", "YEARS": "years", "MONTH": "months", "MONTHS": "months",
    "DAY": "days", "DAYS": "days", "DATE": "days", "HOUR": "hours", "HOURS": "hours",
    "MINUTE": "minutes", "MINUTES": "minutes", "SECOND": "seconds", "SECONDS": "seconds",
    "MILLI": "microseconds", "MILLIS": "microseconds", "MILLISECOND": "microseconds",
    "MILLISECONDS": "microseconds",
}
_ROUND_FIELDS = ["years", "months", "days", "hours", "minutes", "seconds", "microseconds"]

_ANCHOR_RE = re.compile(
    r"^(NOW|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?Z?)", re.I)
# What Solr accepts in a date field: the full ISO instant in UTC (or NOW), then date math.
_SOLR_ANCHOR_RE = re.compile(r"^(NOW|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z)")
_OP_RE = re.compile(r"([+-])(\d+)([A-Z]+)|/([A-Z]+)", re.I)


class DateMathError(ValueError):
    pass


def _unit(name: str) -> str:
    try:
        return _UNITS[name.upper()]
    except KeyError:
        raise DateMathError(f"unknown date unit {name!r}") from None


def _round_down(value: dt.datetime, unit: str) -> dt.datetime:
    keep = _ROUND_FIELDS.index(unit)
    replace = {"month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0, "microsecond": 0}
    names = ["year", "month", "day", "hour", "minute", "second", "microsecond"]
    return value.replace(**{n: replace[n] for n in names[keep + 1:]})


def parse(text: str, now: dt.datetime | None = None, strict: bool = False) -> dt.datetime:
    """A timezone-aware UTC datetime for a Solr date or date-math expression; strict: only the
    forms a Solr date field takes (2024-01-31T00:00:00Z, not 2024-01-31)."""
    match = (_SOLR_ANCHOR_RE if strict else _ANCHOR_RE).match(text)
    if not match:
        raise DateMathError(f"{text!r} is not a date (expected e.g. 2024-01-31T00:00:00Z or NOW-1DAY)")
    try:
        return _evaluate(text, match, now)
    except DateMathError:
        raise
    except (OverflowError, ValueError):
        raise DateMathError(tk._("{date} is out of the range of dates (years 1 to 9999)").format(
            date=repr(text[:100]))) from None


def _evaluate(text: str, match: re.Match, now: dt.datetime | None) -> dt.datetime:
    anchor = match.group(1)
    if anchor.upper() == "NOW":
        value = now or dt.datetime.now(dt.timezone.utc)
    else:
        try:
            value = dt.datetime.fromisoformat(anchor.rstrip("Zz")[:26])
        except ValueError:
            raise DateMathError(f"{anchor!r} is not a valid date") from None
        value = value.replace(tzinfo=dt.timezone.utc)
    rest = text[match.end():]
    position = 0
    while position < len(rest):
        op = _OP_RE.match(rest, position)
        if not op:
            raise DateMathError(f"cannot read date math {rest[position:]!r} in {text!r}")
        sign, amount, unit, round_unit = op.groups()
        if round_unit:
            value = _round_down(value, _unit(round_unit))
        else:
            unit_name = _unit(unit)
            if len(amount) > 9:
                raise OverflowError(amount)
            delta = int(amount) * (1000 if unit_name == "microseconds" else 1)
            change = relativedelta(**{unit_name: delta})
            value = value + change if sign == "+" else value - change
        position = op.end()
    return value


def looks_like_date(text: str) -> bool:
    return bool(_ANCHOR_RE.match(text)) and (text.upper().startswith("NOW") or "-" in text[:8])
