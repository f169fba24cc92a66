"""Implementation status of investment projects (OC4IDS-like), and their quarterly financing."""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import random

from .. import vocabulary as v
from .base import CODE, DATE, INT, MONEY, PERCENT, TEXT, Table, random_date, round_to, table

PROJECT_PREFIX = "oc4ids-kira01"
STATUS_WEIGHTS = (8, 15, 50, 22, 5)
BUDGET_RANGE = {"water": (2e9, 95e9), "sewer": (4e9, 120e9), "heat": (1.5e9, 60e9)}


@dataclasses.dataclass
class Project:
    id: str
    title: str
    sector: str
    region: str
    district: str
    status: tuple
    source: str
    budget: int
    spent: int
    progress: float
    start: dt.date
    end: dt.date
    contractor: tuple | None


def _places(region: str | None) -> list[tuple[str, str]]:
    if region == "Samarqand viloyati":
        return [(region, d) for d in v.SAMARQAND_DISTRICTS]
    return [(r, d) for r, districts in v.REGIONS.items() for d in districts]


def _projects(rng: random.Random, *, year: int, code: str,
              sectors: tuple[str, ...] = ("water", "sewer", "heat"),
              region: str | None = None, count: int = 30,
              sources: tuple[str, ...] = v.FUNDING_SOURCES) -> list[Project]:
    month = v.LAST_MONTH[year]
    report = dt.date(year, month, calendar.monthrange(year, month)[1])
    places = _places(region)
    projects = []
    for n in range(1, count + 1):
        sector = rng.choice(sectors)
        region_name, district = rng.choice(places)
        title = rng.choice(v.PROJECT_TEMPLATES[sector]).format(place=district,
                                                               n=rng.randint(2, 18))
        status = rng.choices(v.PROJECT_STATUSES, STATUS_WEIGHTS)[0]
        budget = round_to(rng.uniform(*BUDGET_RANGE[sector]), 1_000_000)
        if status[0] in ("identification", "preparation"):
            start = random_date(rng, report + dt.timedelta(days=30), dt.date(year + 1, 9, 1))
            progress = 0.0
            spent = round_to(budget * rng.uniform(0.0, 0.03)) if status[0] == "preparation" else 0
        else:
            start = random_date(rng, dt.date(year - 2, 3, 1), dt.date(year, 6, 1))
            if status[0] == "completion":
                progress = 100.0
                spent = round_to(budget * rng.uniform(0.9, 1.0))
            else:
                high = 30 if status[0] == "cancelled" else 95
                progress = round(rng.uniform(4, high), 1)
                spent = round_to(min(budget, budget * progress / 100 * rng.uniform(0.85, 1.12)))
        months = rng.randint(10, 30)
        end = start + dt.timedelta(days=30 * months)
        if status[0] == "completion":
            end = random_date(rng, start + dt.timedelta(days=240), report)
        elif status[0] == "implementation" and end <= report and rng.random() < 0.75:
            end = report + dt.timedelta(days=rng.randint(30, 420))  # most are not late
        contractor = (v.supplier(rng, "works")
                      if status[0] in ("implementation", "completion", "cancelled") else None)
        projects.append(Project(f"{PROJECT_PREFIX}-{code}-{n:04d}", title, v.SECTORS[sector],
                                region_name, district, status, rng.choice(sources),
                                budget, spent, progress, start, end, contractor))
    return projects


def status(rng: random.Random, **params) -> Table:
    rows = []
    for p in _projects(rng, **params):
        name, tin = p.contractor or ("", "")
        rows.append((p.id, p.title, p.sector, p.region, p.district, p.status[0], p.status[1],
                     p.source, p.budget, p.spent,
                     round(100 * p.spent / p.budget, 1) if p.budget else 0.0, p.progress,
                     p.start, p.end, name, tin))
    return table([
        ("loyiha_raqami", CODE), ("loyiha_nomi", TEXT), ("soha", TEXT), ("hudud", TEXT),
        ("tuman_shahar", TEXT), ("holati_kodi", CODE), ("holati", TEXT),
        ("moliyalashtirish_manbai", TEXT), ("umumiy_qiymati_soʻm", MONEY),
        ("sarflangan_soʻm", MONEY), ("oʻzlashtirish_foizi", PERCENT),
        ("jismoniy_bajarilish_foizi", PERCENT), ("boshlanish_sanasi", DATE),
        ("tugash_sanasi", DATE), ("pudratchi", TEXT), ("pudratchi_stir", CODE),
    ], rows, sheet="Loyihalar holati")


def finance(rng: random.Random, *, year: int, **params) -> Table:
    """Planned and disbursed financing per project and quarter of `year`."""
    rows = []
    for p in _projects(rng, year=year, **params):
        if p.status[0] not in ("implementation", "completion"):
            continue
        for quarter in range(1, v.LAST_QUARTER[year] + 1):
            planned = round_to(p.budget * rng.uniform(0.05, 0.2), 1_000_000)
            disbursed = round_to(planned * min(1.0, rng.uniform(0.55, 1.05)), 100_000)
            rows.append((p.id, p.title, year, quarter, p.source, planned, disbursed,
                         round(100 * disbursed / planned, 1) if planned else 0.0))
    return table([
        ("loyiha_raqami", CODE), ("loyiha_nomi", TEXT), ("yil", INT), ("chorak", INT),
        ("moliyalashtirish_manbai", TEXT), ("rejadagi_mablagʻ_soʻm", MONEY),
        ("ajratilgan_mablagʻ_soʻm", MONEY), ("ijro_foizi", PERCENT),
    ], rows, sheet="Moliyalashtirish")
