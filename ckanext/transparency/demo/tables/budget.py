"""Budget allocation and execution by quarter (Fiscal Data Package style: one row per
quarter x classification line; execution rate = executed / revised)."""
from __future__ import annotations

import random

from .. import vocabulary as v
from .base import CODE, INT, MONEY, PERCENT, TEXT, Table, round_to, table

LINES = {
    "expenditure": v.EXPENDITURE_LINES,
    "revenue": v.REVENUE_LINES,
    "programme": v.PROGRAMME_LINES,
    "fund": v.FUND_LINES,
}
# The agency's yearly budget (UZS) that `scale` multiplies: about 184 billion soʻm.
AGENCY_BUDGET = 184_000_000_000
QUARTER_SHARES = (0.21, 0.25, 0.26, 0.28)
ROMAN = ("I", "II", "III", "IV")


def execution(rng: random.Random, *, year: int, lines: str = "expenditure",
              scale: float = 1.0, last_quarter: int | None = None) -> Table:
    """`last_quarter`: the last quarter reported (default: the demo's; lower for a department
    that is behind its schedule)."""
    last_quarter = last_quarter or v.LAST_QUARTER[year]
    total = AGENCY_BUDGET * scale * rng.uniform(0.92, 1.08)
    rows = []
    for quarter in range(1, last_quarter + 1):
        latest = year == v.CURRENT_YEAR and quarter == last_quarter
        for code, name, share in LINES[lines]:
            approved = round_to(total * share * QUARTER_SHARES[quarter - 1]
                                * rng.uniform(0.9, 1.1))
            revised = round_to(approved * rng.choice((1.0, 1.0, rng.uniform(0.88, 1.12))))
            low = 0.62 if latest else 0.8  # the running quarter lags behind
            executed = round_to(revised * min(1.0, rng.uniform(low, 1.02)))
            rate = round(100 * executed / revised, 1) if revised else 0.0
            rows.append((year, quarter, f"{year}-yil {ROMAN[quarter - 1]} chorak", code, name,
                         approved, revised, executed, rate))
    return table([
        ("yil", INT), ("chorak", INT), ("davr", TEXT), ("tasnif_kodi", CODE),
        ("tasnif_nomi", TEXT), ("tasdiqlangan_reja_soʻm", MONEY),
        ("aniqlangan_reja_soʻm", MONEY), ("ijro_soʻm", MONEY), ("ijro_foizi", PERCENT),
    ], rows, sheet="Byudjet ijrosi")
