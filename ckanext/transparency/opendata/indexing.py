"""The schedule state in the search index (a facet and a filter) and in search results.

The state changes with time alone, so `jobs.daily` re-indexes the datasets whose state differs
from the one last indexed (kept in ScheduleState.indexed_state).
"""
from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
from typing import Iterator

from sqlalchemy.dialects.postgresql import insert

import ckan.model as model
import ckan.plugins.toolkit as tk

from . import freshness
from .model import ScheduleState, UpdateRecord
from .types import TYPES

NEXT_DUE_FIELD = "opendata_next_due"


def _dataset_fields(pkg_dict: dict) -> dict:
    return {key: pkg_dict.get(key) or pkg_dict.get(f"extras_{key}")
            for key in ("frequency", "temporal_end", "metadata_created", "type")}


def schedule_of(pkg_dict: dict, latest=None, today: dt.date | None = None):
    if latest is None:
        latest = UpdateRecord.latest_by_package([pkg_dict["id"]]).get(pkg_dict["id"])
    return freshness.compute(_dataset_fields(pkg_dict), latest, today)


def remember_indexed(states: dict[str, tuple[str, dt.date | None]]) -> None:
    # A separate transaction: indexing runs while CKAN's session is being committed.
    table = ScheduleState.__table__
    statement = insert(table).values([
        {"package_id": package_id, "indexed_state": state, "next_due": next_due}
        for package_id, (state, next_due) in states.items()])
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.package_id],
        set_={"indexed_state": statement.excluded.indexed_state,
              "next_due": statement.excluded.next_due})
    with model.meta.engine.begin() as connection:
        connection.execute(statement)


@dataclasses.dataclass
class _Batch:
    latest: dict
    states: dict = dataclasses.field(default_factory=dict)


_batch: contextvars.ContextVar[_Batch | None] = contextvars.ContextVar("opendata_index_batch",
                                                                      default=None)


@contextlib.contextmanager
def batch(package_ids: list[str]) -> Iterator[None]:
    """While a search rebuild indexes these datasets: their latest updates read in one
    statement, and the schedule states written in one once they are all indexed."""
    current = _Batch(UpdateRecord.latest_by_package(list(package_ids)))
    token = _batch.set(current)
    try:
        yield
    finally:
        _batch.reset(token)
    if current.states:
        remember_indexed(current.states)


def before_index(pkg_dict: dict) -> dict:
    if pkg_dict.get("type") not in TYPES:
        return pkg_dict
    current = _batch.get()
    if current is None:
        schedule = schedule_of(pkg_dict)
    else:
        schedule = freshness.compute(_dataset_fields(pkg_dict),
                                     current.latest.get(pkg_dict["id"]))
    pkg_dict[freshness.INDEX_FIELD] = schedule.state
    if schedule.next_due:
        pkg_dict[NEXT_DUE_FIELD] = schedule.next_due.isoformat() + "T00:00:00Z"
    state = {pkg_dict["id"]: (schedule.state, schedule.next_due)}
    if current is None:
        remember_indexed(state)
    else:
        current.states.update(state)
    return pkg_dict


def after_search(search_results: dict) -> dict:
    """Each typed result gets its current schedule; the facet's items get readable names."""
    results = [r for r in search_results.get("results", []) if r.get("type") in TYPES]
    if results:
        latest = UpdateRecord.latest_by_package([r["id"] for r in results])
        for result in results:
            result["opendata_schedule"] = freshness.compute(
                _dataset_fields(result), latest.get(result["id"])).as_dict()
    facet = search_results.get("search_facets", {}).get(freshness.INDEX_FIELD)
    if facet:
        for item in facet.get("items", []):
            item["display_name"] = freshness.state_label(item["name"])
    return search_results


def facets(facets_dict: dict) -> dict:
    facets_dict[freshness.INDEX_FIELD] = tk._("Update schedule")
    return facets_dict
