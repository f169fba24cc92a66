"""Reporting periods: months, quarters and years, and the period a data file covers."""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from typing import Iterable


@dataclasses.dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        if months == 1:
            return f"{self.start:%Y-%m}"
        if months == 3 and self.start.month % 3 == 1 and self.start.year == self.end.year:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if months == 12 and self.start.month == 1:
            return str(self.start.year)
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def containing(day: dt.date, months: int) -> Period:
    """The month, quarter (3) or year (12) that contains `day`."""
    first = (day.month - 1) // months * months + 1
    last = first + months - 1
    return Period(dt.date(day.year, first, 1), _month_end(day.year, last))


def following(period: Period, months: int) -> Period:
    return containing(period.end + dt.timedelta(days=1), months)


def previous(period: Period, months: int) -> Period:
    return containing(period.start - dt.timedelta(days=1), months)


def quarter(year: int, number: int) -> Period:
    return containing(dt.date(year, 3 * number - 2, 1), 3)


def month(year: int, number: int) -> Period:
    return containing(dt.date(year, number, 1), 1)


def covered(records: Iterable[dict], spec: dict, months: int) -> Period | None:
    """The span of periods a table's rows cover, from the schema's `period` columns:
    {year, quarter}, {year, month}, {date} or {datetime}."""
    found: list[Period] = []
    for record in records:
        try:
            if "quarter" in spec:
                found.append(quarter(int(record[spec["year"]]), int(record[spec["quarter"]])))
            elif "month" in spec:
                found.append(month(int(record[spec["year"]]), int(record[spec["month"]])))
            elif "date" in spec or "datetime" in spec:
                value = record[spec.get("date") or spec["datetime"]]
                found.append(containing(dt.date.fromisoformat(str(value)[:10]), months))
        except (KeyError, TypeError, ValueError):
            continue
    if not found:
        return None
    return Period(min(p.start for p in found), max(p.end for p in found))
