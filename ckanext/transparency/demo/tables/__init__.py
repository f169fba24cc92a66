"""The demo's data tables: one generator per kind of data, all deterministic.

A generator takes a `random.Random` (seeded from the dataset's name) and keyword parameters, and
returns a `Table` written in Uzbek Latin. `build()` seeds it and converts it to Cyrillic when the
dataset is a Cyrillic one, so the same name always gives the same rows.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
import zlib
from typing import Any, Callable

from ckanext.transparency.i18n.transliterate import to_cyrillic

TEXT, CODE, INT, MONEY, PERCENT, DECIMAL, DATE, DATETIME = (
    "text", "code", "int", "money", "percent", "decimal", "date", "datetime")


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT  # CODE values are identifiers and never transliterated


@dataclasses.dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    sheet: str = "Maʼlumotlar"
    keep_headers: bool = False  # OCDS JSON-pointer headers stay as the standard spells them

    def __post_init__(self):
        width = len(self.columns)
        assert all(len(row) == width for row in self.rows), "ragged table"

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]

    def to_cyrillic(self) -> "Table":
        def cell(column: Column, value: Any) -> Any:
            if isinstance(value, str) and column.kind == TEXT:
                return to_cyrillic(value)
            return value

        columns = tuple(c if self.keep_headers else dataclasses.replace(c, name=to_cyrillic(c.name))
                        for c in self.columns)
        rows = tuple(tuple(cell(c, v) for c, v in zip(self.columns, row)) for row in self.rows)
        return Table(columns, rows, to_cyrillic(self.sheet), self.keep_headers)


def table(columns: list[tuple[str, str]], rows: list[tuple], **options: Any) -> Table:
    return Table(tuple(Column(n, k) for n, k in columns), tuple(tuple(r) for r in rows), **options)


def seeded(seed: str) -> random.Random:
    """A generator seeded from a text; stable across runs and Python versions."""
    return random.Random(zlib.crc32(seed.encode("utf-8")))


def round_to(value: float, step: int = 1000) -> int:
    return int(round(value / step)) * step


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _builders() -> dict[str, Callable[..., Table]]:
    from . import appeals, budget, procurement, projects, receptions
    return {
        "budget": budget.execution,
        "procurement": procurement.releases,
        "procurement_plan": procurement.plan,
        "contracts": procurement.contracts,
        "suppliers": procurement.suppliers,
        "projects": projects.status,
        "project_finance": projects.finance,
        "appeals": appeals.monthly,
        "appeal_topics": appeals.topics,
        "appeal_regions": appeals.regions,
        "appeal_deadlines": appeals.deadlines,
        "receptions": receptions.schedule,
        "mobile_receptions": receptions.mobile,
    }


KINDS = tuple(_builders())


def build(kind: str, seed: str, script: str = "latn", **params: Any) -> Table:
    """The table of one kind for one dataset (`seed`), in `script` ("latn" or "cyrl")."""
    result = _builders()[kind](seeded(f"{kind}:{seed}"), **params)
    return result.to_cyrillic() if script == "cyrl" else result
