"""Management reception days (qabul kunlari): the schedule, its upcoming dates and an iCal
feed. A visit at a reception is registered as an oral appeal (appeal_submit with
channel=reception and reception_id) and so counts in the statistics."""
from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any, Iterator, Optional

import ckan.model as ckan_model
import ckan.plugins.toolkit as tk

from . import model, present

r = model.reception_table


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


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545 line folding at 75 octets."""
    raw, out = line.encode(), []
    while len(raw) > 75:
        cut = 75
        while (raw[cut] & 0xC0) == 0x80:  # do not split a UTF-8 character
            cut -= 1
        out.append(raw[:cut].decode())
        raw = b" " + raw[cut:]
    out.append(raw.decode())
    return "\r\n".join(out)


def ical(receptions: list[dict], start: dt.date, days: int = 92) -> str:
    zone = tk.config.get("ckanext.transparency.appeals.timezone")
    stamp = dt.datetime.now(zoneinfo.ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")
    host = tk.config.get("ckan.site_url", "").split("://")[-1].split("/")[0] or "localhost"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ckanext-transparency//appeals//EN",
             "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + _escape(tk._("Reception days")),
             "X-WR-TIMEZONE:" + zone]
    for reception in receptions:
        who = reception["position"] + (f" ({reception['official']})"
                                       if reception["official"] else "")
        for day in occurrences(reception, start, days):
            begin = dt.datetime.combine(day, reception["starts"]).strftime("%Y%m%dT%H%M%S")
            end = dt.datetime.combine(day, reception["ends"]).strftime("%Y%m%dT%H%M%S")
            lines += ["BEGIN:VEVENT", f"UID:{reception['id']}-{day:%Y%m%d}@{host}",
                      f"DTSTAMP:{stamp}", f"DTSTART;TZID={zone}:{begin}",
                      f"DTEND;TZID={zone}:{end}",
                      "SUMMARY:" + _escape(tk._("Reception: {who}").format(who=who)),
                      "LOCATION:" + _escape(reception["place"]),
                      "DESCRIPTION:" + _escape(reception["sign_up"]), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
