"""The demo's data tables: one generator per kind of data, all deterministic.

A generator takes a `random.Random` (seeded from the dataset's name) and keyword parameters, and
returns a `Table` written in Uzbek Latin. `build()` seeds it and converts it to Cyrillic when the
dataset is a Cyrillic one, so the same name always gives the same rows.
"""
from __future__ import annotations

from typing import Any, Callable

from . import appeals, budget, procurement, projects, receptions
from .base import (CODE, DATE, DATETIME, DECIMAL, INT, MONEY, PERCENT, TEXT,  # noqa: F401
                   Column, Table, random_date, round_to, seeded, table)


def _builders() -> dict[str, Callable[..., Table]]:
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
