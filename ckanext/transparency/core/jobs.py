"""A periodic job as a feature hands it to `ckan transparency periodic`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

EVERY_RUN, DAILY, MONTHLY = "every run", "daily", "monthly"


@dataclass(frozen=True)
class Job:
    name: str
    plugin: str
    cadence: str  # EVERY_RUN, DAILY or MONTHLY
    run: Callable[[dt.date], str]  # what it did, one line
