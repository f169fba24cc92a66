"""Public statistics of appeals, read in one query from the `appeal_statistic` rollup (kept
by a trigger in the same transaction as every change of an appeal, see the migrations); what
depends on today (open, overdue) from the rollup's open appeals by deadline.

Nothing here touches the applicant table; the rollup holds counts only."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import sqlalchemy as sa

import ckan.model as ckan_model
import ckan.plugins.toolkit as tk

from . import model, present, vocabulary

BUCKETS = ((0, 5), (6, 10), (11, 15), (16, 30), (31, 60), (61, None))


def _month(value: Optional[str]) -> Optional[dt.date]:
    return dt.date(int(value[:4]), int(value[5:7]), 1) if value else None


# One scan of the rollup answers every breakdown: a grouping set per breakdown, and the
# keys of a breakdown left NULL for the dimensions it does not need (those rows are skipped).
# Rows that sum to 0 (an appeal moved to another month or department) are left out, as if
# the appeals had been counted one by one.
ONE_PASS = """
SELECT GROUPING(m, o, t) AS breakdown, m, o, t, dimension, value, sum(count) AS n
FROM (SELECT CASE WHEN dimension IN ('total', 'timeliness') THEN month END AS m,
             CASE WHEN dimension IN ('total', 'timeliness', 'days') THEN owner_org END AS o,
             CASE WHEN dimension = 'total' THEN type END AS t,
             dimension, value, count
      FROM appeal_statistic WHERE {where}) s
GROUP BY GROUPING SETS ((dimension, value), (t, dimension, value), (m, dimension, value),
                        (o, dimension, value))
HAVING sum(count) <> 0
"""
# GROUPING(m, o, t): a bit set for each key the row is NOT grouped by.
OVERALL, BY_TYPE, BY_MONTH, BY_DEPARTMENT = 0b111, 0b110, 0b011, 0b101


def _one_pass(filters: dict) -> tuple[dict, dict, dict, dict]:
    where, params = ["true"], {}
    if filters.get("period_from"):
        where.append("month >= :period_from")
        params["period_from"] = _month(filters["period_from"])
    if filters.get("period_to"):
        where.append("month <= :period_to")
        params["period_to"] = _month(filters["period_to"])
    for field in ("owner_org", "type"):
        if filters.get(field):
            where.append(f"{field} = :{field}")
            params[field] = filters[field]
    overall: dict[str, dict[str, int]] = {}
    by_type: dict[str, int] = {}
    by_month: dict[dt.date, dict[str, int]] = {}
    departments: dict[str, dict[str, dict]] = {}
    rows = model.session().execute(sa.text(ONE_PASS.format(where=" AND ".join(where))),
                                   params)
    for breakdown, month, org, kind, dimension, value, count in rows:
        count = int(count)
        if breakdown == OVERALL:
            overall.setdefault(dimension, {})[value] = count
        elif breakdown == BY_TYPE and kind is not None:
            by_type[kind] = by_type.get(kind, 0) + count
        elif breakdown == BY_MONTH and month is not None:
            by_month.setdefault(month, {})[value or dimension] = count
        elif breakdown == BY_DEPARTMENT and org is not None:
            departments.setdefault(org, {}).setdefault(dimension, {})[value] = count
    return overall, by_type, by_month, departments


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


def compute(filters: dict) -> dict[str, Any]:
    overall, by_type, by_month, departments = _one_pass(filters)
    total = overall.get("total", {}).get("", 0)
    timeliness = overall.get("timeliness", {})
    on_time, late = timeliness.get("on_time", 0), timeliness.get("late", 0)
    days = {int(k): n for k, n in overall.get("days", {}).items()}
    ratings = {int(k): n for k, n in overall.get("rating", {}).items()}
    rated = sum(ratings.values())
    outcomes = dict(overall.get("outcome", {}))
    outcomes["pending"] = total - sum(outcomes.values())
    open_by_due = overall.get("open", {})
    today = present.today().isoformat()
    open_now = sum(open_by_due.values())
    overdue_now = sum(n for due, n in open_by_due.items() if due < today)

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
