"""Public procurement: OCDS flat releases, the procurement plan, the contract register and a
supplier summary, all derived from one deterministic list of purchases per dataset."""
from __future__ import annotations

import calendar
import collections
import dataclasses
import datetime as dt
import random

from .. import vocabulary as v
from .base import (CODE, DATE, DATETIME, INT, MONEY, TEXT, Table, random_date, round_to,
               table)

OCID_PREFIX = "ocds-kira01"
AGENCY_TIN = "207531864"
ITEMS = {"common": v.ITEMS_COMMON, "water": v.ITEMS_WATER, "heat": v.ITEMS_HEAT}
METHOD_WEIGHTS = (35, 25, 15, 10, 15)


@dataclasses.dataclass
class Purchase:
    ocid: str
    buyer: str
    buyer_id: str
    item: tuple
    quantity: int
    category: str
    method: tuple
    value: int
    start: dt.date
    end: dt.date
    status: str
    supplier: tuple | None = None
    award_value: int = 0
    award_date: dt.date | None = None
    signed: dt.date | None = None
    contract_end: dt.date | None = None
    contract_status: str = ""
    paid: int = 0

    @property
    def title(self) -> str:
        return self.item[1]


def _category(item: tuple) -> str:
    if item[3]:
        return "goods"
    return "works" if "ishlari" in item[1] else "services"


def _report_date(year: int) -> dt.date:
    month = v.LAST_MONTH[year]
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _purchases(rng: random.Random, *, year: int, buyer: str, buyer_code: str,
               items: tuple[str, ...] = ("common",), count: int = 60,
               buyer_tin: str = AGENCY_TIN) -> list[Purchase]:
    catalogue = [item for key in items for item in ITEMS[key]]
    report = _report_date(year)
    purchases = []
    for n in range(1, count + 1):
        item = rng.choice(catalogue)
        price = item[3]
        methods = [m for m in v.METHODS if not price or price <= m[3]]
        weights = [w for m, w in zip(v.METHODS, METHOD_WEIGHTS) if m in methods]
        method = rng.choices(methods, weights)[0]
        if price:
            quantity = max(1, int(rng.uniform(method[2], method[3]) // price))
            value = quantity * price
        else:
            quantity = 1
            value = round_to(rng.uniform(method[2], method[3]), 100_000)
        start = random_date(rng, dt.date(year, 1, 10), report - dt.timedelta(days=5))
        days = {"Elektron doʻkon": 3, "Auksion": 7}.get(method[1], rng.randint(15, 30))
        if method[0] == "direct":
            days = 1
        end = start + dt.timedelta(days=days)
        purchase = Purchase(
            ocid=f"{OCID_PREFIX}-{year}-{buyer_code}-{n:04d}", buyer=buyer,
            buyer_id=f"UZ-STIR-{buyer_tin}", item=item, quantity=quantity,
            category=_category(item), method=method, value=value, start=start, end=end,
            status="active")
        if end < report:
            purchase.status = rng.choices(("complete", "unsuccessful", "cancelled"),
                                          (88, 7, 5))[0]
        if purchase.status == "complete":
            purchase.supplier = v.supplier(rng, item[4])
            purchase.award_value = round_to(value * rng.uniform(0.82, 0.995))
            purchase.award_date = end + dt.timedelta(days=rng.randint(1, 7))
            purchase.signed = purchase.award_date + dt.timedelta(days=rng.randint(1, 10))
            duration = {"goods": (20, 90), "services": (60, 240), "works": (120, 420)}
            purchase.contract_end = purchase.signed + dt.timedelta(
                days=rng.randint(*duration[purchase.category]))
            done = purchase.contract_end <= report
            purchase.contract_status = "terminated" if done else "active"
            share = 1.0 if done else rng.uniform(0.0, 0.8)
            purchase.paid = round_to(purchase.award_value * share)
        purchases.append(purchase)
    purchases.sort(key=lambda p: (p.start, p.ocid))
    return purchases


def _moment(day: dt.date | None, hour: int = 10) -> str:
    return f"{day.isoformat()}T{hour:02d}:00:00+05:00" if day else ""


OCDS_COLUMNS = [
    ("ocid", CODE), ("id", CODE), ("date", DATETIME), ("tag", CODE), ("initiationType", CODE),
    ("buyer/id", CODE), ("buyer/name", TEXT),
    ("tender/id", CODE), ("tender/title", TEXT), ("tender/status", CODE),
    ("tender/procurementMethod", CODE), ("tender/procurementMethodDetails", TEXT),
    ("tender/mainProcurementCategory", CODE),
    ("tender/items/0/id", CODE), ("tender/items/0/description", TEXT),
    ("tender/items/0/classification/scheme", CODE), ("tender/items/0/classification/id", CODE),
    ("tender/items/0/quantity", INT), ("tender/items/0/unit/name", TEXT),
    ("tender/value/amount", MONEY), ("tender/value/currency", CODE),
    ("tender/tenderPeriod/startDate", DATETIME), ("tender/tenderPeriod/endDate", DATETIME),
    ("parties/0/id", CODE), ("parties/0/name", TEXT), ("parties/0/identifier/scheme", CODE),
    ("parties/0/identifier/id", CODE), ("parties/0/roles", CODE),
    ("awards/0/id", CODE), ("awards/0/status", CODE), ("awards/0/date", DATETIME),
    ("awards/0/suppliers/0/id", CODE), ("awards/0/suppliers/0/name", TEXT),
    ("awards/0/value/amount", MONEY), ("awards/0/value/currency", CODE),
    ("contracts/0/id", CODE), ("contracts/0/awardID", CODE), ("contracts/0/status", CODE),
    ("contracts/0/dateSigned", DATETIME), ("contracts/0/period/startDate", DATETIME),
    ("contracts/0/period/endDate", DATETIME), ("contracts/0/value/amount", MONEY),
    ("contracts/0/value/currency", CODE),
]


def _release(p: Purchase) -> tuple:
    tag = "contract" if p.supplier else "tender"
    latest = (p.signed or p.end) if p.status != "active" else p.start
    row = [p.ocid, f"{p.ocid}-{tag}", _moment(latest, 18), tag, "tender",
           p.buyer_id, p.buyer,
           f"{p.ocid}-tender", p.title, p.status, p.method[0], p.method[1], p.category,
           "1", p.title, "MXIK", p.item[0], p.quantity, p.item[2],
           p.value, "UZS", _moment(p.start, 9), _moment(p.end, 18)]
    if p.supplier:
        name, tin = p.supplier
        party = f"UZ-STIR-{tin}"
        row += [party, name, "UZ-STIR", tin, "supplier;tenderer",
                f"{p.ocid}-award-1", "active", _moment(p.award_date), party, name,
                p.award_value, "UZS",
                f"{p.ocid}-contract-1", f"{p.ocid}-award-1", p.contract_status,
                _moment(p.signed, 15), _moment(p.signed, 15), _moment(p.contract_end, 18),
                p.award_value, "UZS"]
    else:
        row += [""] * 20
    return tuple(row)


def releases(rng: random.Random, **params) -> Table:
    """One OCDS release per procurement process, flattened with JSON-pointer headers."""
    rows = [_release(p) for p in _purchases(rng, **params)]
    return table(OCDS_COLUMNS, rows, sheet="OCDS releases", keep_headers=True)


def plan(rng: random.Random, *, year: int, buyer: str, buyer_code: str,
         items: tuple[str, ...] = ("common",), count: int = 40,
         buyer_tin: str = AGENCY_TIN) -> Table:
    """Planned procurement for the rest of the year and the next one (tender status planned)."""
    catalogue = [item for key in items for item in ITEMS[key]]
    first = _report_date(year) + dt.timedelta(days=1)
    rows = []
    for n in range(1, count + 1):
        item = rng.choice(catalogue)
        method = rng.choices(v.METHODS, METHOD_WEIGHTS)[0]
        if item[3] and item[3] > method[3]:
            method = v.METHODS[3]
        quantity = max(1, int(rng.uniform(method[2], method[3]) // item[3])) if item[3] else 1
        value = quantity * item[3] if item[3] else round_to(
            rng.uniform(method[2], method[3]), 100_000)
        start = random_date(rng, first, dt.date(year + 1, 12, 1))
        rows.append((f"{OCID_PREFIX}-{start.year}-{buyer_code}-P{n:03d}", "planning", "tender",
                     f"UZ-STIR-{buyer_tin}", buyer, item[1], "planned", method[0], method[1],
                     _category(item), item[0], quantity, item[2], value, "UZS",
                     _moment(start, 9), rng.choice(v.FUNDING_SOURCES)))
    rows.sort(key=lambda r: (r[15], r[0]))
    return table([
        ("ocid", CODE), ("tag", CODE), ("initiationType", CODE), ("buyer/id", CODE),
        ("buyer/name", TEXT), ("tender/title", TEXT), ("tender/status", CODE),
        ("tender/procurementMethod", CODE), ("tender/procurementMethodDetails", TEXT),
        ("tender/mainProcurementCategory", CODE), ("tender/items/0/classification/id", CODE),
        ("tender/items/0/quantity", INT), ("tender/items/0/unit/name", TEXT),
        ("tender/value/amount", MONEY), ("tender/value/currency", CODE),
        ("tender/tenderPeriod/startDate", DATETIME), ("planning/budget/description", TEXT),
    ], rows, sheet="Xarid rejasi", keep_headers=True)


CONTRACT_STATUS = {"active": "Ijroda", "terminated": "Bajarilgan"}


def contracts(rng: random.Random, **params) -> Table:
    """The register of signed contracts, with Uzbek headers, for readers rather than tools."""
    rows = []
    for n, p in enumerate((p for p in _purchases(rng, **params) if p.supplier), start=1):
        rows.append((f"SH-{p.signed.year}/{n:04d}", p.signed, p.ocid, p.method[1], p.title,
                     p.supplier[0], p.supplier[1], p.award_value, p.paid, p.contract_end,
                     CONTRACT_STATUS[p.contract_status]))
    return table([
        ("shartnoma_raqami", CODE), ("shartnoma_sanasi", DATE), ("ocid", CODE),
        ("xarid_usuli", TEXT), ("xarid_predmeti", TEXT), ("yetkazib_beruvchi", TEXT),
        ("yetkazib_beruvchi_stir", CODE), ("shartnoma_summasi_soʻm", MONEY),
        ("toʻlangan_soʻm", MONEY), ("ijro_muddati", DATE), ("holati", TEXT),
    ], rows, sheet="Shartnomalar")


def suppliers(rng: random.Random, **params) -> Table:
    """Per supplier: number and value of contracts won, and how they were won."""
    won: dict[tuple, list[Purchase]] = collections.defaultdict(list)
    for p in _purchases(rng, **params):
        if p.supplier:
            won[p.supplier].append(p)
    rows = []
    for (name, tin), items in sorted(won.items(), key=lambda kv: -sum(p.award_value
                                                                     for p in kv[1])):
        methods = collections.Counter(p.method[1] for p in items)
        direct = sum(1 for p in items if p.method[0] == "direct")
        rows.append((name, tin, len(items), sum(p.award_value for p in items),
                     sum(p.paid for p in items), direct, methods.most_common(1)[0][0],
                     min(p.signed for p in items), max(p.signed for p in items)))
    return table([
        ("yetkazib_beruvchi", TEXT), ("stir", CODE), ("shartnomalar_soni", INT),
        ("shartnomalar_summasi_soʻm", MONEY), ("toʻlangan_soʻm", MONEY),
        ("toʻgʻridan_toʻgʻri_shartnomalar", INT), ("asosiy_xarid_usuli", TEXT),
        ("birinchi_shartnoma", DATE), ("oxirgi_shartnoma", DATE),
    ], rows, sheet="Yetkazib beruvchilar")
