"""Management reception days ("qabul kunlari"): the dated schedule of a quarter, and mobile
receptions in the regions. Positions only: no official is named."""
from __future__ import annotations

import datetime as dt
import random

from .. import vocabulary as v
from .base import DATE, TEXT, Table, table

# Public holidays that fall on fixed dates (no reception is held).
HOLIDAYS = {(1, 1), (3, 8), (3, 21), (5, 9), (9, 1), (10, 1), (12, 8)}
HOURS = ("09:00–12:00", "10:00–13:00", "14:00–17:00", "15:00–18:00")


def _department_officials(rng: random.Random, unit: str) -> list[tuple]:
    positions = ("Boshqarma boshligʻi", "Boshliq oʻrinbosari", "Bosh mutaxassis (murojaatlar "
                 "boʻyicha)", "Yuridik xizmat rahbari")
    weekdays = rng.sample(range(5), len(positions))
    return [(position, unit, day, rng.choice(HOURS), rng.choice((None, (1, 3), (2, 4))),
             f"{rng.randint(1, 4)}{rng.randint(0, 2)}{rng.randint(1, 9)}-xona")
            for position, day in zip(positions, weekdays)]


def _quarter_days(year: int, quarter: int):
    day = dt.date(year, 3 * quarter - 2, 1)
    while day.month <= 3 * quarter and day.year == year:
        if (day.month, day.day) not in HOLIDAYS:
            yield day
        day += dt.timedelta(days=1)


def schedule(rng: random.Random, *, year: int, quarter: int, unit: str | None = None,
             address: str = v.AGENCY_ADDRESS, phone: str = v.AGENCY_PHONE) -> Table:
    """Every reception of the quarter: date, weekday, who, when, where and how to sign up."""
    officials = list(v.OFFICIALS) if unit is None else _department_officials(rng, unit)
    sign_up = [rng.choice(v.SIGN_UP).format(phone=phone) for _ in officials]
    rows = []
    for day in _quarter_days(year, quarter):
        week = (day.day - 1) // 7 + 1
        for (position, unit_name, weekday, hours, weeks, room), how in zip(officials, sign_up):
            if day.weekday() == weekday and (weeks is None or week in weeks):
                rows.append((day, v.WEEKDAYS[weekday], position, unit_name, hours,
                             f"{address}, {room}", how, phone))
    return table([
        ("sana", DATE), ("hafta_kuni", TEXT), ("lavozim", TEXT), ("boʻlinma", TEXT),
        ("qabul_vaqti", TEXT), ("manzil", TEXT), ("yozilish_tartibi", TEXT), ("telefon", TEXT),
    ], rows, sheet="Qabul kunlari")


def mobile(rng: random.Random, *, year: int, quarter: int, region: str | None = None,
           per_week: int = 2) -> Table:
    """Mobile ("sayyor") receptions held in districts by the agency's leadership."""
    places = ([("Samarqand viloyati", d) for d in v.SAMARQAND_DISTRICTS] if region
              else [(r, d) for r, ds in v.REGIONS.items() for d in ds])
    positions = [o[0] for o in v.OFFICIALS[:4]]
    venues = ("{d} hokimligi majlislar zali", "{d} markaziy mahalla fuqarolar yigʻini binosi",
              "{d} suv taʼminoti korxonasi maʼmuriy binosi")
    rows = []
    for day in _quarter_days(year, quarter):
        if day.weekday() not in (1, 3)[:per_week]:
            continue
        region_name, district = rng.choice(places)
        rows.append((day, v.WEEKDAYS[day.weekday()], region_name, district,
                     rng.choice(positions), rng.choice(venues).format(d=district),
                     rng.choice(HOURS),
                     "Oldindan yozilish shart emas; tuman hokimligi orqali ham yozilish mumkin"))
    return table([
        ("sana", DATE), ("hafta_kuni", TEXT), ("hudud", TEXT), ("tuman_shahar", TEXT),
        ("qabul_qiluvchi", TEXT), ("oʻtkaziladigan_joy", TEXT), ("qabul_vaqti", TEXT),
        ("izoh", TEXT),
    ], rows, sheet="Sayyor qabullar")
