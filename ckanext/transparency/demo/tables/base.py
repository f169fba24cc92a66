"""What the demo's table generators are made of: columns, tables, seeded randomness."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
import zlib
from typing import Any

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
