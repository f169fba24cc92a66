"""Rating periods: a month ("2026-10"), a quarter ("2026-Q3") or a year ("2026")."""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

MONTH, QUARTER, YEAR = "month", "quarter", "year"
KINDS = (MONTH, QUARTER, YEAR)
_MONTHS = {MONTH: 1, QUARTER: 3, YEAR: 12}


@dataclasses.dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    kind: str

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def months(self) -> int:
        return _MONTHS[self.kind]

    def previous(self) -> "Period":
        return containing(self.start - dt.timedelta(days=1), self.kind)

    def next(self) -> "Period":
        return containing(self.end + dt.timedelta(days=1), self.kind)


def containing(day: dt.date, kind: str) -> Period:
    months = _MONTHS[kind]
    first = (day.month - 1) // months * months + 1
    last = first + months - 1
    return Period(dt.date(day.year, first, 1),
                  dt.date(day.year, last, calendar.monthrange(day.year, last)[1]), kind)


def parse(label: str) -> Period:
    """"2026-10", "2026-Q3" or "2026"; ValueError otherwise."""
    label = (label or "").strip()
    if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            return containing(dt.date(year, month, 1), MONTH)
    elif m := re.fullmatch(r"(\d{4})-[Qq]([1-4])", label):
        return containing(dt.date(int(m[1]), 3 * int(m[2]) - 2, 1), QUARTER)
    elif re.fullmatch(r"\d{4}", label):
        return containing(dt.date(int(label), 1, 1), YEAR)
    raise ValueError(label)


def last_ended(kind: str, today: dt.date) -> Period:
    return containing(today, kind).previous()
