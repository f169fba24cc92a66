"""Reporting periods: months, quarters and years, and the period a data file covers."""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt


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


class Coverage:
    """The span of periods a table's rows cover, from the schema's `period` columns:
    {year, quarter}, {year, month}, {date} or {datetime}; fed one record at a time."""

    def __init__(self, spec: dict, months: int):
        self.spec, self.months = spec, months
        self.period: Period | None = None

    def _of(self, record: dict) -> Period | None:
        spec = self.spec
        if "quarter" in spec:
            return quarter(int(record[spec["year"]]), int(record[spec["quarter"]]))
        if "month" in spec:
            return month(int(record[spec["year"]]), int(record[spec["month"]]))
        if "date" in spec or "datetime" in spec:
            value = record[spec.get("date") or spec["datetime"]]
            return containing(dt.date.fromisoformat(str(value)[:10]), self.months)
        return None

    def add(self, record: dict) -> None:
        try:
            found = self._of(record)
        except (KeyError, TypeError, ValueError):
            return
        if found is None:
            return
        if self.period is None:
            self.period = found
        else:
            self.period = Period(min(self.period.start, found.start),
                                 max(self.period.end, found.end))
