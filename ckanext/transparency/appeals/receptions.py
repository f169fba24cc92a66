"""Management reception days (qabul kunlari): the schedule, its upcoming dates and an iCal
feed. A visit at a reception is registered as an oral appeal (appeal_submit with
channel=reception and reception_id) and so counts in the statistics."""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterator, Optional

import ckan.model as ckan_model
import ckan.plugins.toolkit as tk
import icalendar

from ckanext.transparency.core import clock

from . import model, present

r = model.Reception.__table__


def get(reception_id: str) -> Optional[dict]:
    return model.row_dict(model.session().execute(
        r.select().where(r.c.id == reception_id)).first())


def all_active() -> list[dict]:
    return [model.row_dict(row) for row in model.session().execute(
        r.select().where(r.c.active.is_(True)).order_by(r.c.weekday, r.c.starts, r.c.position))]


def weekday_label(day: int) -> str:
    return (tk._("Monday"), tk._("Tuesday"), tk._("Wednesday"), tk._("Thursday"),
            tk._("Friday"), tk._("Saturday"), tk._("Sunday"))[day]


def occurrences(reception: dict, start: dt.date, days: int) -> Iterator[dt.date]:
    weeks = {int(w) for w in reception["weeks"].split(",") if w}
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        if day.weekday() == reception["weekday"] and (
                not weeks or (day.day - 1) // 7 + 1 in weeks):
            yield day


def public_dict(reception: dict, upcoming_days: int = 0) -> dict[str, Any]:
    group = ckan_model.Group.get(reception["owner_org"]) if reception["owner_org"] else None
    out = {
        "id": reception["id"], "position": reception["position"],
        "official": reception["official"] or "",
        "department": {"name": group.name, "title": group.title} if group else None,
        "weekday": reception["weekday"], "weekday_label": weekday_label(reception["weekday"]),
        "weeks": reception["weeks"], "starts": reception["starts"].strftime("%H:%M"),
        "ends": reception["ends"].strftime("%H:%M"), "place": reception["place"],
        "sign_up": reception["sign_up"],
    }
    if upcoming_days:
        out["upcoming"] = [d.isoformat() for d in occurrences(reception, present.today(),
                                                              upcoming_days)]
    return out


def create(data: dict) -> dict:
    reception_id = ckan_model.types.make_uuid()
    model.session().execute(r.insert().values(
        id=reception_id, created=dt.datetime.utcnow(), **_columns(data)))
    return get(reception_id)


def _columns(data: dict) -> dict:
    return dict(owner_org=data.get("owner_org") or None, position=data["position"],
                official=data.get("official") or None, weekday=data["weekday"],
                weeks=data.get("weeks") or "", starts=dt.time.fromisoformat(data["starts"]),
                ends=dt.time.fromisoformat(data["ends"]), place=data["place"],
                sign_up=data.get("sign_up") or "")


def update(reception_id: str, data: dict) -> dict:
    model.session().execute(r.update().where(r.c.id == reception_id).values(**_columns(data)))
    return get(reception_id)


def form_dict(reception: dict) -> dict[str, Any]:
    """The stored values in the shape of the form and of appeal_reception_update."""
    return {"id": reception["id"], "owner_org": reception["owner_org"] or "",
            "position": reception["position"], "official": reception["official"] or "",
            "weekday": reception["weekday"], "weeks": reception["weeks"],
            "starts": reception["starts"].strftime("%H:%M"),
            "ends": reception["ends"].strftime("%H:%M"), "place": reception["place"],
            "sign_up": reception["sign_up"], "active": reception["active"]}


def deactivate(reception_id: str) -> None:
    model.session().execute(r.update().where(r.c.id == reception_id).values(active=False))


def ical(schedule: list[dict]) -> bytes:
    """The reception days of `schedule` (appeal_reception_list's answer, with its `upcoming`
    dates) as an iCalendar (RFC 5545) calendar: local times with their TZID and the VTIMEZONE
    that defines it."""
    zone = clock.site_timezone("appeals")
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    host = tk.config.get("ckan.site_url", "").split("://")[-1].split("/")[0] or "localhost"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ckanext-transparency//appeals//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", tk._("Reception days"))
    calendar.add("x-wr-timezone", getattr(zone, "key", str(zone)))
    for reception in schedule:
        who = reception["position"] + (f" ({reception['official']})"
                                       if reception["official"] else "")
        starts = dt.time.fromisoformat(reception["starts"])
        ends = dt.time.fromisoformat(reception["ends"])
        for day in map(dt.date.fromisoformat, reception["upcoming"]):
            event = icalendar.Event()
            event.add("uid", f"{reception['id']}-{day:%Y%m%d}@{host}")
            event.add("dtstamp", stamp)
            event.add("dtstart", dt.datetime.combine(day, starts, zone))
            event.add("dtend", dt.datetime.combine(day, ends, zone))
            event.add("summary", tk._("Reception: {who}").format(who=who))
            event.add("location", reception["place"])
            event.add("description", reception["sign_up"])
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
