"""Rating actions: show (a period's ranking, or one department with its evidence), history,
methodology; compute (take a snapshot) and publish for sysadmins."""
from __future__ import annotations

import datetime as dt

import ckan.model as model
import ckan.plugins.toolkit as tk


from .. import methodology, periods, snapshots
from ..model import Snapshot, entries, snapshot
from . import schema
from ..model import Entry


def _may_see_internal(context: dict) -> bool:
    try:
        tk.check_access("openness_rating_internal", dict(context), {})
        return True
    except tk.NotAuthorized:
        return False


def _snapshot_dict(snap: Snapshot) -> dict:
    return {"period": snap.label, "kind": snap.kind, "start": snap.period_start.isoformat(),
            "end": snap.period_end.isoformat(), "as_of": snap.as_of.isoformat(),
            "computed_at": snap.computed_at.isoformat(timespec="seconds"),
            "published": snap.published, "method": snap.method,
            "minimum_sample": snap.method.get("minimum_sample")}


def _entry_dict(entry, previous: dict, evidence: bool) -> dict:
    result = dict(entry.result)
    before = previous.get(entry.organization_id)
    change = round(entry.score - before, 1) if entry.score is not None and before is not None \
        else None
    measures = result["measures"] if evidence else [
        {k: v for k, v in m.items() if k != "evidence"} for m in result["measures"]]
    return {"organization": entry.name, "organization_id": entry.organization_id,
            "title": entry.title, "rank": entry.rank, "score": entry.score,
            "band": entry.band, "previous_score": before, "change": change,
            "rated": result["rated"], "not_rated_because": result["not_rated_because"],
            "indicators": result["indicators"], "measures": measures}


def _find(data: dict, context: dict) -> Snapshot:
    internal = _may_see_internal(context)
    if data.get("period"):
        period = periods.parse(data["period"])
        snap = snapshot(period.kind, period.start)
    else:
        snap = snapshots.latest(data["kind"], published_only=not internal, rated=True) or \
            snapshots.latest(data["kind"], published_only=not internal)
    if snap is None:
        raise tk.ObjectNotFound(tk._("No rating has been computed for this period."))
    tk.check_access("openness_rating_show", context, {"published": snap.published})
    return snap


@tk.side_effect_free
@tk.validate_action_data(schema.show)
def openness_rating_show(context, data_dict):
    """The rating of a period: departments ranked with score, band, change since the previous
    period and each indicator; with `organization`, that department with the evidence.

    :param period: 2026-10, 2026-Q3 or 2026 (optional: the latest visible of `kind` that
        rates a department, else the latest visible of `kind`)
    :param kind: month (default), quarter or year, when no period is given
    :param organization: a department's name or id (optional)
    """
    snap = _find(data_dict, context)
    previous = snapshots.previous_scores(snap)
    rows = entries(snap.id)
    result = _snapshot_dict(snap)
    if data_dict.get("organization"):
        group = model.Group.get(data_dict["organization"])
        entry = next((e for e in rows if group and e.organization_id == group.id), None)
        if entry is None:
            raise tk.ObjectNotFound(tk._("This department is not in the rating of this "
                                         "period."))
        result["department"] = _entry_dict(entry, previous, evidence=True)
    else:
        result["departments"] = [_entry_dict(e, previous, evidence=False) for e in rows]
    return result


@tk.side_effect_free
@tk.validate_action_data(schema.history)
def openness_rating_history(context, data_dict):
    """The score of a department in every snapshot of `kind` the user may see, oldest first.

    :param organization: the department's name or id
    :param kind: month (default), quarter or year
    """
    tk.check_access("openness_rating_history", context, data_dict)
    group = model.Group.get(data_dict["organization"])
    if group is None or not group.is_organization:
        raise tk.ObjectNotFound(tk._("Department not found"))
    query = (model.Session.query(Snapshot, Entry).join(Entry, Entry.snapshot_id == Snapshot.id)
             .filter(Snapshot.kind == data_dict["kind"], Entry.organization_id == group.id))
    if not _may_see_internal(context):
        query = query.filter(Snapshot.published.is_(True))
    return {"organization": group.name, "title": group.title or group.name,
            "kind": data_dict["kind"],
            "history": [{"period": s.label, "score": e.score, "band": e.band, "rank": e.rank,
                         "indicators": {k: v["score"] for k, v in
                                        e.result["indicators"].items()},
                         "computed_at": s.computed_at.isoformat(timespec="seconds"),
                         "published": s.published}
                        for s, e in query.order_by(Snapshot.period_start)]}


@tk.side_effect_free
def openness_rating_methodology(context, data_dict):
    """The formula, weights, data sources, minimum sample, bands and the date of the last
    computation."""
    tk.check_access("openness_rating_methodology", context, data_dict)
    return methodology.describe()


@tk.validate_action_data(schema.compute)
def openness_rating_compute(context, data_dict):
    """Take the snapshot of a period if it has none (a stored snapshot is never recomputed).

    :param period: 2026-10, 2026-Q3 or 2026
    :param as_of: the day the records are read up to (default today; never later)
    :returns: the snapshot (as openness_rating_show) and `created`
    """
    tk.check_access("openness_rating_compute", context, data_dict)
    as_of = data_dict.get("as_of")
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    snap, created = snapshots.take(periods.parse(data_dict["period"]), as_of)
    result = openness_rating_show(dict(context, ignore_auth=True), {"period": snap.label})
    return dict(result, created=created)


@tk.validate_action_data(schema.publish)
def openness_rating_publish(context, data_dict):
    """Publish (or withdraw) the rating of a period; its scores do not change.

    :param period: 2026-10, 2026-Q3 or 2026
    :param published: true (default) or false
    """
    tk.check_access("openness_rating_publish", context, data_dict)
    period = periods.parse(data_dict["period"])
    snap = snapshot(period.kind, period.start)
    if snap is None:
        raise tk.ObjectNotFound(tk._("No rating has been computed for this period."))
    snap.published = data_dict["published"]
    snap.published_at = dt.datetime.utcnow() if data_dict["published"] else None
    model.Session.commit()
    return _snapshot_dict(snap)


def get_actions() -> dict:
    return {f.__name__: f for f in (
        openness_rating_show, openness_rating_history, openness_rating_methodology,
        openness_rating_compute, openness_rating_publish)}
