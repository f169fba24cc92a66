"""A step of the demo data, as a feature hands it to `ckan transparency demo`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

Echo = Callable[[str], object]


@dataclass(frozen=True)
class DemoStep:
    name: str
    # (site context, echo) -> counts ("appeals created": 3, ...); idempotent
    load: Callable[[dict, Echo], dict]
    after: tuple[str, ...] = ()  # steps whose records this one reads, when they are loaded


def in_order(steps: Iterable[DemoStep]) -> list[DemoStep]:
    """Each step after those it names that are present; otherwise in the order given."""
    pending = list(steps)
    present = {step.name for step in pending}
    done: set[str] = set()
    ordered = []
    while pending:
        ready = next((s for s in pending if present & set(s.after) <= done), None)
        if ready is None:
            raise ValueError("demo steps wait on each other: "
                             + ", ".join(s.name for s in pending))
        pending.remove(ready)
        done.add(ready.name)
        ordered.append(ready)
    return ordered
