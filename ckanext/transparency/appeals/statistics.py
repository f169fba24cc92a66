"""Public statistics of appeals, read from the `appeal_statistic` rollup (kept by a trigger,
see the migration) and, for what depends on today, from the open appeals.

Nothing here touches the applicant table; the rollup holds counts only."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa

import ckan.model as ckan_model
import ckan.plugins.toolkit as tk

from . import model, present, vocabulary

s = model.statistic_table
BUCKETS = ((0, 5), (6, 10), (11, 15), (16, 30), (31, 60), (61, None))


def _month(value: Optional[str]) -> Optional[dt.date]:
    return dt.date(int(value[:4]), int(value[5:7]), 1) if value else None


def _where(filters: dict) -> list:
    clauses = []
    if filters.get("period_from"):
        clauses.append(s.c.month >= _month(filters["period_from"]))
    if filters.get("period_to"):
        clauses.append(s.c.month <= _month(filters["period_to"]))
    if filters.get("owner_org"):
        clauses.append(s.c.owner_org == filters["owner_org"])
    if filters.get("type"):
        clauses.append(s.c.type == filters["type"])
    return clauses


def _grouped(columns: list, where: list, dimensions: Optional[tuple] = None) -> list:
    query = sa.select(*columns, sa.func.sum(s.c.count)).where(*where)
    if dimensions:
        query = query.where(s.c.dimension.in_(dimensions))
    return list(model.session().execute(query.group_by(*columns)))


def median(distribution: dict[int, int]) -> Optional[float]:
    """Median of values given as {value: count}."""
    total = sum(distribution.values())
    if not total:
        return None

    def nth(k: int) -> int:  # the k-th smallest value, from 0
        seen = 0
        for value in sorted(distribution):
            seen += distribution[value]
            if seen > k:
                return value
        raise IndexError(k)

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def _share(part: int, whole: int) -> Optional[float]:
    return round(100.0 * part / whole, 1) if whole else None


def _bucket_label(low: int, high: Optional[int]) -> str:
    return tk._("{a}–{b} days").format(a=low, b=high) if high is not None \
        else tk._("over {a} days").format(a=low - 1)


def _rows(counts: dict, label) -> list[dict]:
    return [{"value": k, "label": label(k), "count": n}
            for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n]


def _open_now(filters: dict) -> tuple[int, int]:
    a = model.appeal_table
    query = sa.select(sa.func.count(), sa.func.count().filter(a.c.due_on < present.today())) \
        .where(a.c.completed_on.is_(None))
    if filters.get("period_from"):
        query = query.where(a.c.registered_on >= _month(filters["period_from"]))
    if filters.get("period_to"):
        end = _month(filters["period_to"])
        query = query.where(a.c.registered_on < dt.date(end.year + end.month // 12,
                                                         end.month % 12 + 1, 1))
    for field in ("owner_org", "type"):
        if filters.get(field):
            query = query.where(a.c[field] == filters[field])
    open_, overdue = model.session().execute(query).one()
    return open_, overdue


def compute(filters: dict) -> dict[str, Any]:
    where = _where(filters)
    overall: dict[str, dict[str, int]] = {}
    for dimension, value, count in _grouped([s.c.dimension, s.c.value], where):
        overall.setdefault(dimension, {})[value] = int(count)
    total = overall.get("total", {}).get("", 0)
    timeliness = overall.get("timeliness", {})
    on_time, late = timeliness.get("on_time", 0), timeliness.get("late", 0)
    days = {int(k): n for k, n in overall.get("days", {}).items()}
    ratings = {int(k): n for k, n in overall.get("rating", {}).items()}
    rated = sum(ratings.values())
    outcomes = dict(overall.get("outcome", {}))
    outcomes["pending"] = total - sum(outcomes.values())
    open_now, overdue_now = _open_now(filters)

    by_type = {kind: int(n) for kind, n in _grouped([s.c.type], where, ("total",))}
    by_month: dict[dt.date, dict[str, int]] = {}
    for month, dimension, value, count in _grouped([s.c.month, s.c.dimension, s.c.value],
                                                   where, ("total", "timeliness")):
        by_month.setdefault(month, {})[value or dimension] = int(count)
    departments: dict[str, dict[str, dict]] = {}
    for org, dimension, value, count in _grouped([s.c.owner_org, s.c.dimension, s.c.value],
                                                 where, ("total", "timeliness", "days")):
        departments.setdefault(org, {}).setdefault(dimension, {})[value] = int(count)

    minimum = tk.config.get("ckanext.transparency.appeals.ranking_minimum")
    return {
        "filters": {k: filters.get(k) for k in ("period_from", "period_to", "owner_org",
                                                  "type")},
        "minimum_for_ranking": minimum,
        "total": total,
        "answered": on_time + late,
        "answered_on_time": on_time,
        "on_time_share": _share(on_time, on_time + late),
        "extended": overall.get("extended", {}).get("", 0),
        "open_now": open_now,
        "overdue_now": overdue_now,
        "median_days": median(days),
        "days_distribution": [
            {"value": f"{low}-{high if high is not None else ''}",
             "label": _bucket_label(low, high),
             "count": sum(n for d, n in days.items()
                          if d >= low and (high is None or d <= high))}
            for low, high in BUCKETS],
        "satisfaction": {
            "rated": rated,
            "average": round(sum(k * n for k, n in ratings.items()) / rated, 2) if rated
            else None,
            "satisfied_share": _share(ratings.get(4, 0) + ratings.get(5, 0), rated),
            "distribution": [{"value": r, "count": ratings.get(r, 0)} for r in range(1, 6)],
        },
        "by_type": [{"value": k, "label": vocabulary.type_label(k), "count": by_type.get(k, 0)}
                    for k in vocabulary.TYPES],
        "by_channel": _rows(overall.get("channel", {}), vocabulary.channel_label),
        "by_topic": _rows(overall.get("topic", {}), vocabulary.topic_label),
        "by_outcome": _rows(outcomes, vocabulary.outcome_label),
        "by_month": [{"month": m.strftime("%Y-%m"), "count": v.get("total", 0),
                      "answered": v.get("on_time", 0) + v.get("late", 0),
                      "answered_on_time": v.get("on_time", 0)}
                     for m, v in sorted(by_month.items())],
        "by_department": _departments(departments, minimum),
    }


def _departments(departments: dict, minimum: int) -> list[dict]:
    groups = {g.id: g for g in ckan_model.Session.query(ckan_model.Group).filter(
        ckan_model.Group.id.in_(list(departments)))} if departments else {}
    rows = []
    for org, dims in departments.items():
        count = dims.get("total", {}).get("", 0)
        on_time, late = (dims.get("timeliness", {}).get(k, 0) for k in ("on_time", "late"))
        group = groups.get(org)
        rows.append({
            "id": org, "name": group.name if group else "",
            "title": (group.title or group.name) if group else "",
            "count": count, "answered": on_time + late, "on_time_share":
            _share(on_time, on_time + late),
            "median_days": median({int(k): n for k, n in dims.get("days", {}).items()}),
            "ranked": count >= minimum and on_time + late > 0, "rank": None,
        })
    ranked = sorted((r for r in rows if r["ranked"]),
                    key=lambda r: (-(r["on_time_share"] or 0), r["median_days"] or 0, r["title"]))
    for position, row in enumerate(ranked, 1):
        row["rank"] = position
    unranked = sorted((r for r in rows if not r["ranked"]), key=lambda r: r["title"])
    return ranked + unranked
