"""Statistics of appeals (ZRU-445): by month, type and form; by topic; by region; deadlines.

Only counts: no applicant ever appears in the demo data.
"""
from __future__ import annotations

import random

from .. import vocabulary as v
from .base import DECIMAL, INT, PERCENT, TEXT, Table, table

# Monthly appeals per type for the whole agency, before `scale` and the seasons.
BASE = {"Ariza": 120, "Taklif": 24, "Shikoyat": 68}
FORM_SHARES = (0.2, 0.27, 0.53)
SEASONS = {
    None: (1.0,) * 12,
    "heat": (1.9, 1.7, 1.2, 0.8, 0.6, 0.6, 0.6, 0.6, 0.8, 1.3, 1.8, 2.0),
    "water": (0.8, 0.8, 0.9, 1.0, 1.2, 1.5, 1.7, 1.6, 1.2, 0.9, 0.8, 0.8),
}
OUTCOMES = ("qanoatlantirilgan", "tushuntirish_berilgan", "rad_etilgan",
            "boshqa_organga_yuborilgan", "koʻrib_chiqilmasdan_qoldirilgan")
OUTCOME_RANGES = ((0.40, 0.55), (0.25, 0.35), (0.05, 0.12), (0.03, 0.08), (0.01, 0.03))
# Rough share of the country's appeals per region (population and network size).
REGION_WEIGHTS = (6, 10, 6, 4, 10, 3, 9, 13, 8, 3, 9, 12, 6, 11)


def _months(year: int, last_month: int | None = None) -> range:
    return range(1, (last_month or v.LAST_MONTH[year]) + 1)


def _count(rng: random.Random, mean: float) -> int:
    return max(0, int(round(mean * rng.uniform(0.8, 1.2))))


def _split(rng: random.Random, total: int, ranges) -> list[int]:
    parts = [int(total * rng.uniform(*r)) for r in ranges]
    parts[0] += total - sum(parts)
    return parts


def _still_open(year: int, month: int, last_month: int | None = None) -> bool:
    return year == v.CURRENT_YEAR and month == (last_month or v.LAST_MONTH[year])


def monthly(rng: random.Random, *, year: int, scale: float = 1.0,
            seasonal: str | None = None, last_month: int | None = None) -> Table:
    rows = []
    for month in _months(year, last_month):
        for kind, deadline in v.APPEAL_TYPES:
            for form, share in zip(v.APPEAL_FORMS, FORM_SHARES):
                received = _count(rng, BASE[kind] * scale * share * SEASONS[seasonal][month - 1])
                reviewed = (int(received * rng.uniform(0.55, 0.8))
                            if _still_open(year, month, last_month)
                            else received)
                outcomes = _split(rng, reviewed, OUTCOME_RANGES)
                extended = int(reviewed * rng.uniform(0.02, 0.08))
                overdue = int(reviewed * rng.uniform(0.0, 0.03))
                rows.append((year, month, v.MONTHS[month - 1], kind, form, received, reviewed,
                             *outcomes, extended, overdue, received - reviewed, deadline))
    return table([
        ("yil", INT), ("oy", INT), ("oy_nomi", TEXT), ("murojaat_turi", TEXT),
        ("murojaat_shakli", TEXT), ("kelib_tushgan", INT), ("koʻrib_chiqilgan", INT),
        *[(name, INT) for name in OUTCOMES],
        ("muddati_uzaytirilgan", INT), ("muddati_buzilgan", INT), ("koʻrib_chiqilmoqda", INT),
        ("qonuniy_muddat_kun", INT),
    ], rows, sheet="Murojaatlar")


def topics(rng: random.Random, *, year: int, scale: float = 1.0) -> Table:
    weights = (30, 22, 12, 10, 11, 7, 3, 5)
    total = sum(BASE.values()) * scale
    rows = []
    for month in _months(year):
        for topic, weight in zip(v.APPEAL_TOPICS, weights):
            season = SEASONS["heat" if topic == "Issiqlik taʼminoti" else "water"
                             if topic == "Ichimlik suvi taʼminoti" else None][month - 1]
            received = _count(rng, total * weight / sum(weights) * season)
            complaints = int(received * rng.uniform(0.2, 0.45))
            resolved = int(received * rng.uniform(0.5, 0.9))
            rows.append((year, month, v.MONTHS[month - 1], topic, received, complaints, resolved,
                         round(100 * resolved / received, 1) if received else 0.0))
    return table([
        ("yil", INT), ("oy", INT), ("oy_nomi", TEXT), ("mavzu", TEXT), ("kelib_tushgan", INT),
        ("shundan_shikoyatlar", INT), ("hal_etilgan", INT), ("hal_etilish_foizi", PERCENT),
    ], rows, sheet="Mavzular")


def regions(rng: random.Random, *, year: int, scale: float = 1.0) -> Table:
    rows = []
    total = sum(BASE.values()) * scale * 3  # a quarter
    for quarter in range(1, v.LAST_QUARTER[year] + 1):
        for region, weight in zip(v.REGIONS, REGION_WEIGHTS):
            received = _count(rng, total * weight / sum(REGION_WEIGHTS))
            kinds = _split(rng, received, ((0.5, 0.6), (0.08, 0.14), (0.25, 0.35)))
            electronic, oral, written = _split(rng, received,
                                               ((0.45, 0.6), (0.15, 0.25), (0.15, 0.25)))
            days = round(rng.uniform(6.5, 14.5), 1)
            rows.append((year, quarter, region, received, *kinds, oral, written, electronic,
                         days))
    return table([
        ("yil", INT), ("chorak", INT), ("hudud", TEXT), ("kelib_tushgan", INT), ("ariza", INT),
        ("taklif", INT), ("shikoyat", INT), ("ogʻzaki", INT), ("yozma", INT), ("elektron", INT),
        ("oʻrtacha_koʻrib_chiqish_kun", DECIMAL),
    ], rows, sheet="Hududlar")


def deadlines(rng: random.Random, *, year: int, scale: float = 1.0,
              last_month: int | None = None) -> Table:
    rows = []
    for month, (kind, deadline) in ((m, t) for m in _months(year, last_month)
                                    for t in v.APPEAL_TYPES):
        reviewed = _count(rng, BASE[kind] * scale)
        extended = int(reviewed * rng.uniform(0.02, 0.08))
        overdue = int(reviewed * rng.uniform(0.0, 0.03))
        on_time = reviewed - extended - overdue
        within_15 = int(on_time * rng.uniform(0.62, 0.8))
        forwarded = int(reviewed * rng.uniform(0.03, 0.08))
        forwarded_5 = forwarded - int(forwarded * rng.uniform(0.0, 0.15))
        rows.append((year, month, v.MONTHS[month - 1], kind, deadline, reviewed, on_time,
                     within_15, on_time - within_15, extended, overdue,
                     round(100 * (on_time + extended) / reviewed, 1) if reviewed else 0.0,
                     round(rng.uniform(7.0, 13.5), 1), forwarded, forwarded_5))
    return table([
        ("yil", INT), ("oy", INT), ("oy_nomi", TEXT), ("murojaat_turi", TEXT),
        ("qonuniy_muddat_kun", INT), ("koʻrib_chiqilgan", INT), ("muddatida", INT),
        ("shundan_15_kungacha", INT), ("shundan_16_30_kun", INT),
        ("muddati_uzaytirilgan", INT), ("muddati_buzilgan", INT), ("muddatida_foizi", PERCENT),
        ("oʻrtacha_koʻrib_chiqish_kun", DECIMAL), ("boshqa_organga_yuborilgan", INT),
        ("shundan_5_kun_ichida", INT),
    ], rows, sheet="Muddatlar")
